"""The PEEL framework's vocabulary as frozen dataclasses and enums: forces, themes,
questions, cycles, grades and pillars (what reports state is in :mod:`.facts`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

ReportId = NewType("ReportId", int)
ForceId = NewType("ForceId", int)
PassageId = NewType("PassageId", int)


class Grade(StrEnum):
    """A graded judgment, in the CLI's spelling."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    ADEQUATE = "adequate"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"
    UNGRADED = "ungraded"

    @property
    def words(self) -> str:
        """The grade as HMICFRS writes it: 'Requires improvement'."""
        return self.value.replace("_", " ").capitalize()


class Pillar(StrEnum):
    EFFECTIVENESS = "effectiveness"
    EFFICIENCY = "efficiency"
    LEGITIMACY = "legitimacy"


@dataclass(frozen=True)
class Force:
    """A police force in England and Wales, with the other names reports give it."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    """An area of inspection that corresponds across frameworks (crosswalk theme)."""

    key: str
    label: str
    note: str = ""
    group: str = "other"  # the pillar heading it is reviewed under


@dataclass(frozen=True)
class Question:
    """One inspection question (an "area" from 2021/22) of one cycle."""

    key: str
    cycle: str
    title: str
    pillar: Pillar | None
    theme: str | None
    graded: bool
    ordinal: int
    aliases: tuple[str, ...] = ()
    # "framework" (resources/ or an organisation's framework file), or "report": an area a
    # report grades that the framework data does not list, kept under the name it states
    origin: str = "framework"


@dataclass(frozen=True)
class Cycle:
    """A PEEL inspection cycle: its grade scale, what it graded and when it published."""

    key: str
    ordinal: int
    scale: tuple[Grade, ...]
    pillars_graded: bool
    published_from: str
    published_to: str
    mentions: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    pillar_headings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # pillars this cycle gave no overall grade (2014: effectiveness by question, legitimacy
    # not graded), so a sentence seeming to grade one is not read as a grade
    ungraded_pillars: tuple[Pillar, ...] = ()
    # the years by which reports name the cycle ("2018", "2019", "2018/19"); a year two
    # cycles share (2025: the end of 2023-25, the start of 2025-27) is read in context
    years: tuple[str, ...] = ()
    # "framework", or "report": a cycle a report's title names that the data does not know
    origin: str = "framework"
    source: str = ""  # where the framework data for this cycle comes from

    @property
    def five_point(self) -> bool:
        return Grade.ADEQUATE in self.scale
