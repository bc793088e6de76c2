"""Frozen domain types shared by every layer. No I/O, no Qt."""

from peel_desktop.domain.errors import ImportRejected, NotFound, PeelError
from peel_desktop.domain.model import (
    Citation,
    Cycle,
    Finding,
    FindingKind,
    Force,
    Grade,
    GradeCount,
    Judgment,
    JudgmentStatus,
    KeyFigure,
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
    "Force",
    "Grade",
    "GradeCount",
    "ImportRejected",
    "Judgment",
    "JudgmentStatus",
    "KeyFigure",
    "Level",
    "NotFound",
    "PeelError",
    "Pillar",
    "Question",
    "ReportId",
    "ReportKind",
    "Theme",
]
