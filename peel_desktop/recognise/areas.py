"""A report's "Our judgments" section: the areas it grades, and how many it says it grades.

From 2021/22 a PEEL report sets every grade out in one place: "We make graded judgments in
nine of these ten as follows:", then the areas in one of several forms — rows of area and
grade, columns of areas under each grade, lists under grade headings, or images whose alt
text names area and grade. This module finds that section, and among its areas those the
cycle's framework data does not list, so that they are kept under the names the report
gives them (never dropped). The structure reader then reads their grades with the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peel_desktop.domain import Cycle, Pillar, Question
from peel_desktop.framework import Framework, norm_name
from peel_desktop.importers import ExtractedReport, Line
from peel_desktop.recognise.vocab import GRADE_WORDS, NUMBERS, grade_line, norm

_LEAD_IN = re.compile(r"\bwe make graded judge?ments? (?:in|for|on|about) (\w+) of "
                      r"(?:these|the|those) (\w+)")
_HEADING = re.compile(r"^our judge?ments:?$")
_NO_AREAS = re.compile(r"^(?:no areas?|none)\b")
_BULLET = re.compile(r"^[•·▪●◦‣*–-]\s*")
_PAIR = re.compile(rf"^(?P<area>.+?)\s*(?::|–|—| - |\bis\b|\bgraded\b|\brated\b|\bjudged\b)\s*"
                   rf"(?:graded |rated |judged |as )?'?(?P<grade>{GRADE_WORDS})'?\.?$", re.I)
_GRADE_FIRST = re.compile(rf"^'?(?P<grade>{GRADE_WORDS})'?\s*(?::|–|—| - )\s*(?P<area>.+)$",
                          re.I)
_ROW = re.compile(rf"^(?P<area>.+?)\s+(?P<grade>{GRADE_WORDS})$", re.I)
_HEADER = re.compile(r"^(?:areas?(?: of policing)?|grades?|graded judge?ments?|judge?ments?|"
                     r"(?:core )?questions?|inspection areas?)$")
_REACH = 80  # lines after the lead-in the section may span
_NOT_AN_AREA = re.compile(r"^(?:we|our|the force|this|these|it|in|for|as|see|read|hmi|his|her"
                          r"|page|figure|table|contents|summary|overall|grade|judge?ments?)\b")


@dataclass(frozen=True)
class JudgmentsSection:
    paragraph: int  # where the lead-in (or the heading) stands
    quote: str  # the lead-in's words
    stated: int | None  # N of "we make graded judgments in N of these M"
    of: int | None  # M
    names: tuple[tuple[str, int], ...]  # areas the cycle's data does not list: (name, paragraph)


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBERS.get(word)


def _area_like(text: str) -> bool:
    """A line that can be an area's name: short, a name not a sentence."""
    words = text.split()
    return (2 <= len(text) <= 110 and 1 <= len(words) <= 16 and text[:1].isupper()
            and not text.endswith((".", ",", ";", ":")) and not grade_line(text)
            and not _NOT_AN_AREA.match(norm(text)) and not re.search(r"\d{2}", text))


def _titles(cycle: Cycle) -> set[str]:
    return {norm_name(n) for q in cycle.questions for n in (q.title, *q.aliases)}


def _lead_in(report: ExtractedReport,
             lines: list[Line]) -> tuple[int, int, str, int | None, int | None] | None:
    """(line index after it, paragraph, quote, N, M) of the section's lead-in or heading."""
    ends: dict[int, int] = {}  # paragraph → the index of the line after its last
    for i, line in enumerate(lines):
        ends[line.paragraph] = i + 1
    heading = None
    for paragraph in report.paragraphs:
        if paragraph.ordinal not in ends:
            continue  # a table of contents
        text = paragraph.text
        if "judg" not in text.lower():
            continue  # cheap test first: this is one paragraph of hundreds
        n = norm(text)
        found = _LEAD_IN.search(n)
        if found:
            return (ends[paragraph.ordinal], paragraph.ordinal, text, _number(found.group(1)),
                    _number(found.group(2)))
        if heading is None and _HEADING.match(n):
            heading = (ends[paragraph.ordinal], paragraph.ordinal, text, None, None)
    return heading


def _units(lines: list[Line]) -> list[Line]:
    """The section's lines, with an area's name wrapped over lines of one paragraph joined
    ("Preventing and deterring crime and anti-social" / "behaviour Adequate"): a line going
    on in lower case; names listed line by line each start with a capital."""
    out: list[Line] = []
    for line in lines:
        held = out[-1] if out else None
        if held and held.paragraph == line.paragraph and line.text.strip()[:1].islower():
            joined = Line(f"{held.text} {line.text.strip()}", line.paragraph)
            text = _BULLET.sub("", joined.text)
            if len(text) <= 160 and (_area_like(text) or _PAIR.match(text)
                                     or _ROW.match(text)) and not grade_line(line.text):
                out[-1] = joined
                continue
        out.append(line)
    return out


def read_section(report: ExtractedReport, cycle: Cycle,
                 every_title: set[str] | None = None) -> JudgmentsSection | None:
    """The report's judgments section, with the areas it names that ``cycle`` does not list.

    Only an area the report pairs with its grade beyond doubt is named: in a PDF, where a
    table set out by grade column comes out row by row (several columns' areas on one line,
    under whichever grade heading came last), areas listed under a grade are left to the
    grades of the areas the data knows, and a name holding another area's name is a row of
    several cells, not an area. ``every_title``: the names of every cycle's areas."""
    lines = report.lines()
    found = _lead_in(report, lines)
    if found is None:
        return None
    start, paragraph, quote, stated, of = found
    known = _titles(cycle)
    names: list[tuple[str, int, str]] = []  # (name, paragraph, how it was paired)
    form = None  # "columns" (grade, then its areas) or "rows" (area, then its grade)
    waiting: tuple[str, int] | None = None  # a row's area before its grade
    skipped = 0
    for line in _units(lines[start:start + _REACH]):
        text = _BULLET.sub("", line.text.strip())
        n = norm(text)
        grades = grade_line(n, normalised=True)
        if grades and len(grades) == 1:
            if form is None:
                form = "columns"
            if waiting:
                names.append((*waiting, "row"))
                waiting = None
            continue
        if grades and len(grades) > 1:
            continue  # a header row of grades
        if _NO_AREAS.match(n) or _HEADER.match(n.strip(" :")):
            continue  # "No areas graded as outstanding"; a table's header cells
        pair = _PAIR.match(text) or _GRADE_FIRST.match(text) or _ROW.match(text)
        if pair and _area_like(pair.group("area").strip(" '\"")):
            form = form or "rows"
            names.append((pair.group("area").strip(" '\""), line.paragraph, "pair"))
            waiting = None
            continue
        if _area_like(text) and not waiting:
            if form == "columns":
                names.append((text, line.paragraph, "column"))
            else:
                form, waiting = "rows", (text, line.paragraph)
            continue
        if form is None and skipped < 3:
            skipped += 1  # a sentence or caption between the lead-in and the table
            continue
        break
    if form == "columns" and report.paged:
        names = [n for n in names if n[2] == "pair"]
    every = every_title or known
    unknown = tuple(dict.fromkeys(
        (name.rstrip(" ?:"), at) for name, at, _how in names if norm_name(name) not in known
        and not _holds_another(name, every)))
    return JudgmentsSection(paragraph, quote, stated, of, unknown)


def _holds_another(name: str, titles: set[str]) -> bool:
    """Cells of a table row run together: another area's whole name inside this one, with a
    capitalised name before or after it ("Investigating crime Responding to the public");
    "Investigating crime and supporting victims" is one name."""
    text = " ".join(name.split())
    lowered = text.lower().replace("’", "'")
    for title in titles:
        if len(title) < 12 or title == lowered:
            continue
        for found in re.finditer(rf"(?<![a-z]){re.escape(title)}(?![a-z])", lowered):
            before, after = text[:found.start()].rstrip(), text[found.end():].lstrip()
            if (after[:1].isupper()) or (before and text[found.start()].isupper()):
                return True
    return False


def named_areas(section: JudgmentsSection, cycle: Cycle, framework: Framework) -> list[Question]:
    """The section's unlisted areas as questions of ``cycle``, kept under the names the report
    states; each under the crosswalk theme other cycles give that name, when they agree."""
    out: list[Question] = []
    ordinal = len(cycle.questions)
    for name, _at in section.names:
        slug = re.sub(r"[^a-z0-9]+", "_", norm_name(name)).strip("_")[:60]
        key = f"{cycle.key}:area_{slug}"
        if any(q.key == key for q in (*cycle.questions, *out)):
            continue
        theme = framework.theme_of_name(name)
        group = next((t.group for t in framework.themes if t.key == theme), None)
        pillar = Pillar(group) if cycle.pillars_graded and group in set(Pillar) else None
        ordinal += 1
        out.append(Question(key=key, cycle=cycle.key, title=name, pillar=pillar, theme=theme,
                            graded=True, ordinal=ordinal, aliases=(norm_name(name),),
                            origin="report"))
    return out


def stated_count_check(section: JudgmentsSection | None, graded: int) -> str | None:
    """The sentence to show when the grades read do not match the number the report says it
    makes ("We make graded judgments in nine of these ten")."""
    if section is None or section.stated is None or section.stated == graded:
        return None
    return (f"The report says it makes graded judgments in {section.stated} areas; "
            f"{graded} {'was' if graded == 1 else 'were'} read. Check the grades below "
            "against the report's judgments table.")
