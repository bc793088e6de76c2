"""Frozen domain types shared by every layer. No I/O, no Qt."""

from peel_desktop.domain.errors import ImportRejected, NotFound, PeelError
from peel_desktop.domain.model import (
    Citation,
    Cycle,
    Finding,
    FindingKind,
    FindingStatus,
    Force,
    Grade,
    GradeCount,
    Judgment,
    JudgmentStatus,
    Level,
    Pillar,
    Question,
    ReportId,
    ReportKind,
    Theme,
)

__all__ = [
    "Citation",
    "Cycle",
    "Finding",
    "FindingKind",
    "FindingStatus",
    "Force",
    "Grade",
    "GradeCount",
    "ImportRejected",
    "Judgment",
    "JudgmentStatus",
    "Level",
    "NotFound",
    "PeelError",
    "Pillar",
    "Question",
    "ReportId",
    "ReportKind",
    "Theme",
]
