"""Judgments set out as structure: table rows, graded headings and infographic panels.

Works on the report's lines in reading order. A *title* is a line (or up to six wrapped
lines) that is exactly a question's or pillar's name. A title followed by a line holding only
a grade is a graded heading; a further line holding a year is a table row ("Investigating
crime / Good / 2018/19"); several titles followed by as many grades are an infographic panel.
A title with no grade beside it opens a section whose first lone grade line is its grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from peel_desktop.domain import Cycle, Grade, Pillar, Question
from peel_desktop.framework import Framework
from peel_desktop.importers import ExtractedReport, Line
from peel_desktop.recognise.vocab import YEAR, grade_line, norm

_MAX_TITLE_LINES = 6
_SECTION_REACH = 400  # lines after a bare title within which its grade may stand
_TRAIL = " ?.:"
_NO_AREAS = re.compile(r"^(?:no areas?|none)\b")
_BULLETS = "•·▪●◦‣"
_BULLET = re.compile(rf"^[{_BULLETS}]\s*")
_BACK_MATTER = re.compile(r"^(?:annex|appendix)\b")  # ends the last question's section


@dataclass(frozen=True)
class Target:
    question: Question | None = None
    pillar: Pillar | None = None


@dataclass(frozen=True)
class Statement:
    """A grade the structure states, before it becomes a Judgment."""

    target: Target
    grade: Grade
    year_cycle: str | None  # the "last inspected" column, when the row has one
    paragraph: int
    quote: str
    evidence: str  # table_row | heading


class TitleMatch(NamedTuple):
    target: Target
    used: int  # lines the title spans
    grade: Grade | None  # a grade on the title's own line
    year: str | None  # a year after that grade


@dataclass
class StructureResult:
    statements: list[Statement]
    section_of: dict[int, Target]  # paragraph ordinal → the question/pillar it sits under


def _titles(cycle: Cycle) -> dict[str, Target]:
    titles: dict[str, Target] = {}
    for pillar, headings in cycle.pillar_headings.items():
        for heading in headings:
            titles[norm(heading)] = Target(pillar=Pillar(pillar))
    for question in cycle.questions:
        for name in (question.title, *question.aliases):
            titles[norm(name).rstrip(_TRAIL)] = Target(question=question)
    return titles


def _bare(line_norm: str) -> str:
    """The line without its bullet (the pattern runs only on a line that starts with one)."""
    return _BULLET.sub("", line_norm) if line_norm[:1] in _BULLETS else line_norm


class _Scanner:
    def __init__(self, report: ExtractedReport, cycle: Cycle, framework: Framework) -> None:
        self.fw, self.cycle_key = framework, cycle.key
        self.lines: list[Line] = report.lines()
        # a list item's bullet is no part of its words ("• Investigating crime" under "Good")
        self.norms = [_bare(norm(line.text)) for line in self.lines]
        self.first_word = [n.split(" ", 1)[0] for n in self.norms]
        self.titles = _titles(cycle)
        self.first_words = {t.split(" ", 1)[0] for t in self.titles}
        self.scale = list(cycle.scale)
        alternatives = "|".join(re.escape(t) for t in sorted(self.titles, key=len, reverse=True))
        grade_words = r"(?:outstanding|good|adequate|inadequate|requires improvement|ungraded)"
        self.inline = re.compile(rf"({alternatives})[?.:]?\s+({grade_words})(?:\s+({YEAR}))?")
        self.statements: list[Statement] = []
        self.section_of: dict[int, Target] = {}
        self._grades: dict[int, list[Grade] | None] = {}

    def title_at(self, i: int) -> TitleMatch | None:
        """A title starting at line i (possibly wrapped over several lines), or None."""
        if i >= len(self.lines) or self.first_word[i] not in self.first_words:
            return None
        joined = ""
        for k in range(1, _MAX_TITLE_LINES + 1):
            if i + k > len(self.lines):
                return None
            joined = f"{joined} {self.norms[i + k - 1]}".strip()
            clean = joined.rstrip(_TRAIL)
            if clean in self.titles:
                return TitleMatch(self.titles[clean], k, None, None)
            inline = self.inline.fullmatch(joined.rstrip(" ."))
            if inline:
                grade = grade_line(inline.group(2))
                if grade:
                    year, used = inline.group(3), k
                    following = self.norms[i + k] if i + k < len(self.lines) else ""
                    wrapped = re.match(rf"({YEAR})(?: |$)", following)
                    if year is None and wrapped:
                        # a table row wrapped before its year: "Investigating crime Good" /
                        # "2018/19" (the year follows its row, as area, grade, year do); a
                        # line that goes on after the year is left to be read for the rest
                        year = wrapped.group(1)
                        used = k + 1 if wrapped.group(0).strip() == following else k
                    return TitleMatch(self.titles[inline.group(1)], used, grade[0], year)
            if not any(t.startswith(clean) for t in self.titles):
                return None
        return None

    def grade_at(self, i: int) -> list[Grade] | None:
        if i >= len(self.lines):
            return None
        if i not in self._grades:  # each line is asked about twice or more
            self._grades[i] = grade_line(self.norms[i], normalised=True)
        return self._grades[i]

    def _runs_on(self, i: int) -> bool:
        """Line i ends a sentence wrapped from the line before ("… the way it tackles serious
        and organised crime" / "requires improvement."): not a grade standing alone."""
        if i == 0 or self.lines[i - 1].paragraph != self.lines[i].paragraph:
            return False
        before, line = self.lines[i - 1].text.rstrip(), self.lines[i].text.rstrip()
        return line.endswith(".") and (before[-1:].islower() or before.endswith(","))

    def quote(self, start: int, end: int) -> str:
        return " ".join(line.text for line in self.lines[start:end])

    def emit(self, target: Target, grade: Grade, year: str | None, start: int, end: int) -> None:
        self.statements.append(
            Statement(
                target=target,
                grade=grade,
                year_cycle=self.fw.cycle_of_year(year, self.cycle_key) if year else None,
                paragraph=self.lines[start].paragraph,
                quote=self.quote(start, end),
                evidence="table_row" if year else "heading",
            )
        )

    def run(self) -> StructureResult:
        i, current, pending = 0, None, None
        while i < len(self.lines):
            found = self.title_at(i)
            if found and found.grade is not None:  # title with its grade on the same line
                self.emit(found.target, found.grade, found.year, i, i + found.used)
                current, pending = found.target, None
                self._mark(i, i + found.used, current)
                i += found.used
                continue
            if found:
                run, j = [], i
                while (more := self.title_at(j)) is not None and more.grade is None:
                    run.append((more.target, j, more.used))
                    j += more.used
                current = run[-1][0]
                next_i, pending = self._after_titles(run, j)
                self._mark(i, next_i, current)
                i = next_i
                continue
            if self.norms[i].startswith(("annex", "appendix")) and _BACK_MATTER.match(
                    self.norms[i]):
                current, pending = None, None
            column_end = self._grade_columns(i)
            if column_end:
                pending = None
                self._mark(i, column_end, current)
                i = column_end
                continue
            grades = self.grade_at(i)
            if (
                grades
                and len(grades) == 1
                and pending
                and not self._runs_on(i)
                and i - pending[1] <= _SECTION_REACH
                and _fits(pending[0], grades[0])
            ):
                target, start, used = pending
                quote = f"{self.quote(start, start + used)} … {self.lines[i].text}"
                paragraph = self.lines[start].paragraph
                self.statements.append(
                    Statement(target, grades[0], None, paragraph, quote, "heading")
                )
                pending = None
            self._mark(i, i + 1, current)
            i += 1
        return StructureResult(self.statements, self.section_of)

    def _grade_columns(self, i: int) -> int | None:
        """A judgments table set out by grade: 'Good', then its areas, then 'Adequate', ….

        Needs two or more grade headings, best first, each followed by its areas (or by a
        'no areas' line). Returns the line after the table, or None if this is no such table.
        """
        first = self.grade_at(i)
        if not first or len(first) != 1:  # such a table starts with a grade heading
            return None
        groups: list[tuple[Grade, int, list[tuple[Target, int, int]]]] = []
        k = i
        while k < len(self.lines):
            grades = self.grade_at(k)
            if grades and len(grades) == 1:
                groups.append((grades[0], k, []))
                k += 1
                continue
            if groups and _NO_AREAS.match(self.norms[k]):
                k += 1
                continue
            title = self.title_at(k)
            if not groups or title is None or title.grade is not None or title.target.pillar:
                break
            groups[-1][2].append((title.target, k, title.used))
            k += title.used
        order = [self.scale.index(g) for g, _, _ in groups if g in self.scale]
        if len(groups) < 2 or len(order) != len(groups) or order != sorted(set(order)):
            return None
        if not any(areas for _, _, areas in groups):
            return None
        for grade, at, areas in groups:
            for target, start, used in areas:
                quote = f"{self.lines[at].text} … {self.quote(start, start + used)}"
                paragraph = self.lines[start].paragraph
                self.statements.append(
                    Statement(target, grade, None, paragraph, quote, "table_row")
                )
        return k

    def _after_titles(
        self, run: list[tuple[Target, int, int]], j: int
    ) -> tuple[int, tuple[Target, int, int] | None]:
        """Read the grades after a run of titles ending before line j.

        Returns the next line to read and the title still waiting for its section grade.
        """
        grades = self.grade_at(j)
        if not grades:
            return j, run[-1]
        if len(run) > 1 and len(grades) == len(run):  # infographic panel: titles, then grades
            quote = self.quote(run[0][1], j + 1)
            for (target, start, _), grade in zip(run, grades, strict=True):
                paragraph = self.lines[start].paragraph
                self.statements.append(
                    Statement(target, grade, None, paragraph, quote, "table_row")
                )
            return j + 1, None
        if len(grades) != 1:
            return j, run[-1]
        last_target, last_start, _ = run[-1]
        end, year = j + 1, None
        if end < len(self.lines) and re.fullmatch(YEAR, self.lines[end].text.strip()):
            year = self.lines[end].text.strip()
            end += 1
        self.emit(last_target, grades[0], year, last_start, end)
        return end, None

    def _mark(self, start: int, end: int, target: Target | None) -> None:
        if target is None:
            return
        for line in self.lines[start:end]:
            self.section_of.setdefault(line.paragraph, target)


def _fits(target: Target, grade: Grade) -> bool:
    """An ungraded question takes only 'Ungraded'; a graded one never does."""
    graded = target.question.graded if target.question else True
    return (grade is Grade.UNGRADED) != graded


def scan_structure(report: ExtractedReport, cycle: Cycle, framework: Framework) -> StructureResult:
    """Find the judgments the report sets out as tables and graded headings."""
    return _Scanner(report, cycle, framework).run()
