"""Typeset any report text as a PDF in the layouts reports and their copies come in (issue 14,
part 2): a reportlab generator, so the recogniser can be held to read the same facts whatever
the layout.

Each layout takes the text's paragraphs (blocks separated by blank lines; a text with one
paragraph per line is taken line by line) and sets them:

- ``line_per_line``: hard-wrapped single column, one PDF line per source line;
- ``running_a4``: running A4 paragraphs, a running footer, printed page numbers from 3;
- ``a5_small``: A5 in 7 pt type (different wrapping, many more pages);
- ``two_columns``: two columns on every page;
- ``page_breaks``: a page break every fourth paragraph, a running head, "Page N" from 3;
- ``judgments_table``: each area / grade / last-inspected run as a row of a real table;
- ``table_split``: that table pushed to the foot of a page so its rows split across a page
  break, with the header row repeated;
- ``side_boxes``: each "Area(s) for improvement" / "Cause of concern" / "Recommendations"
  box set in a column beside the body paragraph before it;
- ``labels_from_ix``: front matter numbered i, ii, … in the PDF's page labels, the body from
  9, labels only (no printed number).

``PRINTED`` gives, for each layout, the printed label of a page index (None where a layout
prints none), so citations can be checked against it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from tests.pdf_fixtures import BODY, BOX, _register

W, H = A4
GRADES = {"Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate", "Ungraded"}
_YEAR = re.compile(r"20\d\d(?:/\d\d)?")
_BOX_HEAD = re.compile(r"^(?:Areas? for improvement|Causes? of concern|Recommendations?)$")
_BULLET = re.compile(r"^\s*(?:[•●▪*–-]|\d{1,2}[.)])\s")
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7, leading=9)


def blocks(text: str) -> list[str]:
    """The text's paragraphs: a block's wrapped lines joined (in text taken from a PDF). A bullet line starts a paragraph
    of its own, as does a line after a short one, and a line after a finished sentence that is
    a short heading or starts in lower case (text taken from a PDF runs a heading or the body
    beside a box into the paragraph before it)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if "\n\n" not in text.strip() or sum(len(line) > 120 for line in lines) > len(lines) / 10:
        return lines  # a web page's text: each line is a paragraph already
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        previous = ""
        for line in (line.strip() for line in block.splitlines()):
            if not line:
                continue
            # a line well short of the measure ended where the author broke it
            if (not previous or (len(previous) < 50 and not line[:1].islower())
                    or _BULLET.match(line)
                    or _new_paragraph(out[-1], line)):
                out.append(line)
            else:
                out[-1] += " " + line
            previous = line
    return out


def _new_paragraph(so_far: str, line: str) -> bool:
    if not so_far.endswith("."):
        return False
    heading = len(line) < 60 and line[:1].isupper() and not line.endswith((".", ",", ";", ":"))
    return heading or line[:1].islower()


def hard_lines(text: str) -> list[list[str]]:
    """The text's blank-line-separated blocks, each as its lines."""
    if "\n\n" not in text.strip():
        return [[line.strip()] for line in text.splitlines() if line.strip()]
    return [[line.strip() for line in block.splitlines() if line.strip()]
            for block in re.split(r"\n\s*\n", text) if block.strip()]


ADDRESS = ParagraphStyle("address", parent=BODY, fontSize=5, leading=7, splitLongWords=0)


def _para(text: str, style=BODY) -> Paragraph:
    if text.startswith(("http://", "https://")):
        style = ADDRESS  # a saved page's address, printed small as a browser prints it
    return Paragraph(escape(text), style)


def _footer(first: int, head: str | None = None, prefix: str = ""):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("DejaVu", 8)
        if head:
            canvas.drawString(20 * mm, H - 12 * mm, head)
        canvas.drawRightString(W - 20 * mm, 10 * mm, f"{prefix}{doc.page + first - 1}")
        canvas.restoreState()

    return draw


def line_per_line(path: Path, text: str) -> None:
    """Hard-wrapped: each block a paragraph whose lines are the source's lines."""
    story = [Paragraph("<br/>".join(escape(line) for line in lines),
                       ADDRESS if lines[0].startswith(("http://", "https://")) else BODY)
             for lines in hard_lines(text)]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        story, onFirstPage=_footer(3), onLaterPages=_footer(3))


def running_a4(path: Path, text: str) -> None:
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [_para(b) for b in blocks(text)], onFirstPage=_footer(3), onLaterPages=_footer(3))


def a5_small(path: Path, text: str) -> None:
    SimpleDocTemplate(str(path), pagesize=A5, leftMargin=10 * mm, rightMargin=10 * mm).build(
        [_para(b, SMALL) for b in blocks(text)])


def two_columns(path: Path, text: str) -> None:
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate("columns", [
        Frame(15 * mm, 15 * mm, 87 * mm, H - 30 * mm, id="left"),
        Frame(108 * mm, 15 * mm, 87 * mm, H - 30 * mm, id="right")], onPage=_footer(3))])
    doc.build([_para(b) for b in blocks(text)])


def page_breaks(path: Path, text: str) -> None:
    story = []
    for n, block in enumerate(blocks(text)):
        story.append(_para(block))
        if n % 4 == 3:
            story.append(PageBreak())
    draw = _footer(3, head="PEEL – police effectiveness, efficiency and legitimacy", prefix="Page ")
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=draw, onLaterPages=draw)


def _table_story(text: str, split: bool) -> list:
    """Runs of area / grade / year blocks (or area / grade) become one table."""
    parts, story, rows, i = blocks(text), [], [], 0
    while i < len(parts):
        if (i + 2 < len(parts) and parts[i + 1] in GRADES and len(parts[i]) < 70
                and _YEAR.fullmatch(parts[i + 2])):
            rows.append(parts[i:i + 3])
            i += 3
            continue
        if rows:
            story.extend(_table(rows, split))
            rows = []
        story.append(_para(parts[i]))
        i += 1
    if rows:
        story.extend(_table(rows, split))
    return story


def _table(rows: list[list[str]], split: bool) -> list:
    style = [("FONT", (0, 0), (-1, -1), "DejaVu", 9), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    head = [["Area", "Grade", "Last inspected"]]
    table = Table(head + rows, colWidths=[95 * mm, 45 * mm, 30 * mm], repeatRows=1,
                  style=style)
    if not split or len(rows) < 2:
        return [table]
    # push the table to the foot of a page: only its first rows fit before the break
    return [CondPageBreak(H), Spacer(1, H - 40 * mm - 55), table]


def judgments_table(path: Path, text: str) -> None:
    SimpleDocTemplate(str(path), pagesize=A4).build(
        _table_story(text, split=False), onFirstPage=_footer(3), onLaterPages=_footer(3))


def table_split(path: Path, text: str) -> None:
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=20 * mm, bottomMargin=20 * mm).build(
        _table_story(text, split=True), onFirstPage=_footer(3), onLaterPages=_footer(3))


def side_boxes(path: Path, text: str) -> None:
    """A box (its heading and the bullets or statement after it) in a column beside the body
    paragraph before it, as report PDFs set them."""
    parts, story, i = blocks(text), [], 0
    while i < len(parts):
        if _BOX_HEAD.match(parts[i]):
            box = [_para(parts[i], BOX)]
            j = i + 1
            while j < len(parts) and (_BULLET.match(parts[j]) or j == i + 1) and len(box) < 6:
                box.append(_para(parts[j], BOX))
                j += 1
            body = story.pop() if story and isinstance(story[-1], Paragraph) else _para("")
            story.append(Table([[body, box]], colWidths=[110 * mm, 60 * mm],
                               style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("BOX", (1, 0), (1, 0), 0.5, "grey")]))
            i = j
            continue
        story.append(_para(parts[i]))
        i += 1
    SimpleDocTemplate(str(path), pagesize=A4).build(
        story, onFirstPage=_footer(3), onLaterPages=_footer(3))


class _Labelled(SimpleDocTemplate):
    """Two front pages labelled i, ii; the body labelled from 9 (PDF page labels only)."""

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        if self.page == 1:
            self.canv.addPageLabel(0, "ROMAN_LOWER", 1)
        if self.page == 3:
            self.canv.addPageLabel(2, "ARABIC", 9)


def labels_from_ix(path: Path, text: str) -> None:
    parts = blocks(text)  # the title page keeps the opening (title, date, lead-in)
    story = [*[_para(b) for b in parts[:3]], PageBreak(), _para("Contents"), PageBreak(),
             *[_para(b) for b in parts[3:]]]
    _Labelled(str(path), pagesize=A4).build(story)


LAYOUTS: dict[str, Callable[[Path, str], None]] = {
    "line_per_line": line_per_line, "running_a4": running_a4, "a5_small": a5_small,
    "two_columns": two_columns, "page_breaks": page_breaks,
    "judgments_table": judgments_table, "table_split": table_split,
    "side_boxes": side_boxes, "labels_from_ix": labels_from_ix,
}


def _offset(first: int) -> Callable[[int], str]:
    return lambda page: str(page + first - 1)


def _roman_then_nine(page: int) -> str:
    return ["i", "ii"][page - 1] if page <= 2 else str(page + 6)


PRINTED: dict[str, Callable[[int], str] | None] = {
    "line_per_line": _offset(3), "running_a4": _offset(3), "a5_small": None,
    "two_columns": _offset(3), "page_breaks": _offset(3), "judgments_table": _offset(3),
    "table_split": _offset(3), "side_boxes": _offset(3), "labels_from_ix": _roman_then_nine,
}


def typeset(layout: str, path: Path, text: str) -> Path:
    _register()
    LAYOUTS[layout](path, text)
    return path
