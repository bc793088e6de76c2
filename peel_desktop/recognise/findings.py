"""Areas for improvement, causes of concern, recommendations and innovative practice.

Reports set these in boxes headed "Area(s) for improvement", "Cause of concern",
"Recommendation(s)" or "Innovative practice". In text extracted from a PDF the box sits among
the body text: a box bullet runs to the end of its paragraph (a blank line or a page break),
to the next bullet, or to where a finished sentence is followed by a line starting in lower
case (the body text resuming).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peel_desktop.domain import FindingKind
from peel_desktop.importers import ExtractedReport, Line, Paragraph
from peel_desktop.recognise.vocab import norm

_HEADING = re.compile(
    r"^(areas? for improvement|causes? of concern|recommendations?|"
    r"innovative(?: or promising)? practice|promising practice)(?: \d+)?:?$"
)
_HEADING_STARTS = ("a", "c", "r", "i", "p")  # the first letters _HEADING can match
# "We made the following recommendations, stating that the constabulary should:" — the
# bullets after it are recommendations (revisit letters set them so, without a box heading).
_LEAD_IN = re.compile(
    r"\b(?:we (?:made|make|gave|set out) (?:the following|these|this|(?:one|two|three|four|five|"
    r"six|\d+)(?: further)?) recommendations?|we recommended that)\b[^:]*:$"
)
# "Area for improvement 9" in a contents list, followed by "Engaging with … respect 10": an
# entry with its page number, not a finding
_CONTENTS = re.compile(r"^[^.]{0,90}\s\d{1,3}$")
_NATIONAL = re.compile(r"\b(?:all|every|each|other) forces\b|\bforces should\b")  # not this force's
_BULLET = re.compile(r"^(?:[•●▪◦*–-]|\d{1,2}[.)])\s+")
_KINDS = {
    "area": FindingKind.AREA_FOR_IMPROVEMENT,
    "caus": FindingKind.CAUSE_OF_CONCERN,
    "reco": FindingKind.RECOMMENDATION,
    "inno": FindingKind.INNOVATIVE_PRACTICE,
    "prom": FindingKind.INNOVATIVE_PRACTICE,
}


@dataclass(frozen=True)
class BoxItem:
    kind: FindingKind
    text: str
    paragraph: int
    parent: int | None  # index in the result list of the cause of concern it belongs to


# A finished sentence followed, on the same line, by one starting in lower case: the body
# text resuming beside or after the box (a PDF may set both on one line).
_RESUMES = re.compile(r"(?<=[a-z)]{2}\.)\s+(?=[a-z])")


def _join(lines: list[str]) -> str:
    return _RESUMES.split(Paragraph(0, None, None, tuple(lines)).text, maxsplit=1)[0]


def _heading(line: Line) -> FindingKind | None:
    if line.text.lstrip()[:1].lower() not in _HEADING_STARTS:
        return None  # most lines: no need to normalise them to know
    found = _HEADING.match(norm(line.text))
    return _KINDS[found.group(1)[:4]] if found else None


def _body_resumes(so_far: str, line: Line) -> bool:
    """A finished sentence followed by a line in lower case (the body text beside the box)
    or by a short line that ends no sentence (a heading after the box: a PDF can set them
    in one paragraph)."""
    if not so_far.rstrip().endswith("."):
        return False
    text = line.text.strip()
    if text.endswith("?"):
        return True  # a question heading ("How effective is the force at …?")
    heading = len(text) < 60 and text[:1].isupper() and not text.endswith((".", ",", ";", ":"))
    return text[:1].islower() or heading


def _continues(so_far: str, line: Line) -> bool:
    """A bullet's sentence running on into the next column or page: the item ends mid-
    sentence and the line goes on in lower case."""
    return not so_far.rstrip().endswith((".", ";", ":", "!", "?")) and line.text[:1].islower()


class _Lines:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def bullets(self, start: int) -> list[tuple[str, int]]:
        """Box bullets from line ``start`` (after at most two lead-in lines ending in ':')."""
        i, lead = start, 0
        while i < len(self.lines) and lead < 2 and self.lines[i].text.endswith(":"):
            i, lead = i + 1, lead + 1
        items: list[tuple[list[str], int]] = []
        while i < len(self.lines):
            line = self.lines[i]
            if _BULLET.match(line.text):
                items.append(([_BULLET.sub("", line.text, count=1)], line.paragraph))
            elif (not items or _heading(line) or _body_resumes(items[-1][0][-1], line)
                  or (line.paragraph != self.lines[i - 1].paragraph
                      and not _continues(items[-1][0][-1], line))):
                break
            else:
                items[-1][0].append(line.text)
            i += 1
        return [(_join(text), paragraph) for text, paragraph in items]

    def prose(self, start: int) -> tuple[str, int] | None:
        """The statement after a heading: its paragraph, up to where the body resumes."""
        i = start
        while i < len(self.lines) and len(self.lines[i].text) < 40 and not _heading(
            self.lines[i]
        ) and not self.lines[i].text.endswith((".", ":")):
            i += 1  # a short title such as "Child exploitation hub"
        if i >= len(self.lines) or _heading(self.lines[i]):
            return None
        first = self.lines[i]
        taken = [first.text]
        for line in self.lines[i + 1 :]:
            if line.paragraph != first.paragraph or _heading(line) or _body_resumes(
                taken[-1], line
            ):
                break
            taken.append(line.text)
        text = _join(taken)
        return (text, first.paragraph) if len(text) > 40 and not text.endswith(":") else None


def read_boxes(report: ExtractedReport) -> list[BoxItem]:
    """Every boxed finding, in reading order, with the paragraph it starts in."""
    reader = _Lines(report.lines())
    texts = {p.ordinal: p.text for p in report.paragraphs}
    items: list[BoxItem] = []
    last_cause: int | None = None
    for index, line in enumerate(reader.lines):
        kind = _heading(line)
        if kind is None:
            last = index + 1 == len(reader.lines)
            ends_paragraph = last or reader.lines[index + 1].paragraph != line.paragraph
            if ends_paragraph:
                lead = texts.get(line.paragraph, "")
            elif line.text.rstrip().endswith(":") and _BULLET.match(reader.lines[index + 1].text):
                lead = line.text  # a lead-in line within a hard-wrapped paragraph
            else:
                continue
            if not lead.rstrip().endswith(":"):
                continue  # (before normalising it: most paragraphs end otherwise)
            lead = norm(lead)
            if not _LEAD_IN.search(lead) or _NATIONAL.search(lead):
                continue
            kind = FindingKind.RECOMMENDATION
            items.extend(BoxItem(kind, text, paragraph, last_cause)
                         for text, paragraph in reader.bullets(index + 1))
            continue
        if (_CONTENTS.search(line.text.strip()) and index + 1 < len(reader.lines)
                and _CONTENTS.search(reader.lines[index + 1].text.strip())):
            continue  # "Innovative practice 43" / "Main findings 43": a contents entry
        parent = last_cause if kind is FindingKind.RECOMMENDATION else None
        found = reader.bullets(index + 1)
        if not found:
            statement = reader.prose(index + 1)
            found = [statement] if statement else []
        if kind is FindingKind.CAUSE_OF_CONCERN:
            found = found[:1]  # one statement; its recommendations follow under their heading
        found = [(text, paragraph) for text, paragraph in found if not _CONTENTS.search(text)]
        for text, paragraph in found:
            items.append(BoxItem(kind, text, paragraph, parent))
        if kind is FindingKind.CAUSE_OF_CONCERN and found:
            last_cause = len(items) - 1
    return items
