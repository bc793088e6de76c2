"""What a report states, each with where it says it: judgments, findings (areas for
improvement, causes of concern, recommendations) and grade counts, with their citations.

Made by the recogniser and stored when a report is imported; the window's first screen reads
none of them, so :mod:`peel_desktop.domain` loads this module at their first use."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from peel_desktop.domain.model import Grade, Pillar


class Level(StrEnum):
    PILLAR = "pillar"
    QUESTION = "question"


class JudgmentStatus(StrEnum):
    GRADED = "graded"
    CARRIED_OVER = "carried_over"
    UNGRADED = "ungraded"


class FindingKind(StrEnum):
    AREA_FOR_IMPROVEMENT = "area_for_improvement"
    CAUSE_OF_CONCERN = "cause_of_concern"
    RECOMMENDATION = "recommendation"
    INNOVATIVE_PRACTICE = "innovative_practice"


class FindingStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    REPEATED = "repeated"  # raised again by a later report
    CLOSED = "closed"  # the inspectorate found it addressed


class ReportKind(StrEnum):
    INSPECTION_REPORT = "inspection_report"
    FORCE_SUMMARY = "force_summary"
    VALUE_FOR_MONEY = "value_for_money_report"
    PRESS_RELEASE = "press_release"
    NEWS_ARTICLE = "news_article"


@dataclass(frozen=True)
class Citation:
    """Where a report says something: page (PDF-like text) or paragraph, and the words."""

    page: int | None
    paragraph: int | None
    quote: str
    page_label: str | None = None


@dataclass(frozen=True)
class Judgment:
    """A grade a source states for a force, cycle and pillar or question."""

    force: str
    cycle: str
    level: Level
    pillar: Pillar | None
    question: str | None  # question key
    grade: Grade
    status: JudgmentStatus
    last_inspected: str | None
    citation: Citation
    confidence: float = 1.0
    evidence: str = "sentence"  # table_row, heading, sentence, carried_over, list


@dataclass(frozen=True)
class Finding:
    """An area for improvement, cause of concern or recommendation, with its citation."""

    force: str
    cycle: str
    kind: FindingKind
    question: str | None
    text: str
    citation: Citation
    parent: int | None = None  # index of the cause of concern a recommendation belongs to
    confidence: float = 1.0
    # An earlier cycle's finding described by this (later) report, with the progress it states
    referenced: bool = False
    status: FindingStatus | None = None
    status_citation: Citation | None = None
    repeated_by: int | None = None  # index of this report's finding that raises it again


@dataclass(frozen=True)
class GradeCount:
    """How many areas a report says a force was given one grade in, as it says it."""

    force: str
    cycle: str
    grade: Grade
    count: int
    citation: Citation


