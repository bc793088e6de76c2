"""Frozen domain types shared by every layer. No I/O, no Qt.

The framework's vocabulary (:mod:`.model`) loads with the package; what reports state
(:mod:`.facts`: judgments, findings, grade counts, their citations and kinds) loads at the
first use of one of its names, since the window's first screen reads none of them."""

from peel_desktop.domain.errors import ImportRejected, NotFound, PeelError
from peel_desktop.domain.model import (
    Cycle,
    Force,
    Grade,
    Pillar,
    Question,
    ReportId,
    Theme,
)

_FACTS = frozenset({"Citation", "Finding", "FindingKind", "FindingStatus", "GradeCount",
                    "Judgment", "JudgmentStatus", "Level", "ReportKind"})


def __getattr__(name: str):
    if name in _FACTS:
        from peel_desktop.domain import facts

        return getattr(facts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
