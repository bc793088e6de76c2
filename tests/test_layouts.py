"""The same report typeset as a PDF reads the same grades as its text (issue 14, part 2).

Layouts so far: one PDF paragraph per source line; the text's paragraphs as running A4
paragraphs (table rows wrap before their 'last inspected' year); A5 in small type; two
columns (short lines side by side once became false table rows: wrong years, an invented
grade); the judgments table as a real table (area | grade | last inspected)."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

import pytest
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Table,
)

from peel_desktop.services import imports
from tests.pdf_fixtures import BODY, _register, typeset_text


def _grades(ws, path):
    found = imports.preview(ws, path).found
    return sorted((j.cycle, j.question or j.pillar.value, j.grade.value, j.status.value,
                   j.last_inspected) for j in found.judgments)


GRADES = {"Good", "Outstanding", "Requires improvement", "Inadequate", "Ungraded"}


def _blocks(text):
    return [" ".join(line.strip() for line in block.splitlines())
            for block in re.split(r"\n\s*\n", text) if block.strip()]


def _footer(canvas, doc) -> None:
    canvas.setFont("DejaVu", 8)
    canvas.drawString(40, 28, "PEEL 2018/19 – Leicestershire Police")
    canvas.drawRightString(560, 28, str(doc.page + 2))


def _running_paragraphs(path, text):
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(escape(b), BODY) for b in _blocks(text)], onFirstPage=_footer,
        onLaterPages=_footer)


def _a5_small(path, text):
    small = ParagraphStyle("small", parent=BODY, fontSize=7, leading=9)
    SimpleDocTemplate(str(path), pagesize=A5, leftMargin=10 * mm, rightMargin=10 * mm).build(
        [Paragraph(escape(b), small) for b in _blocks(text)])


def _two_columns(path, text):
    _w, h = A4
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate("columns", [
        Frame(15 * mm, 15 * mm, 87 * mm, h - 30 * mm, id="left"),
        Frame(108 * mm, 15 * mm, 87 * mm, h - 30 * mm, id="right")], onPage=_footer)])
    doc.build([Paragraph(escape(b), BODY) for b in _blocks(text)])


def _real_table(path, text):
    """Each area / grade / year run of the text's judgments table becomes a table row."""
    blocks, story, rows, i = _blocks(text), [], [], 0
    while i < len(blocks):
        if (i + 2 < len(blocks) and blocks[i + 1] in GRADES and len(blocks[i]) < 60
                and re.fullmatch(r"20\d\d(?:/\d\d)?", blocks[i + 2])):
            rows.append(blocks[i:i + 3])
            i += 3
            continue
        if rows:
            story.append(Table(rows, style=[("FONT", (0, 0), (-1, -1), "DejaVu", 9)]))
            rows = []
        story.append(Paragraph(escape(blocks[i]), BODY))
        i += 1
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def _page_breaks(path, text):
    """A page break after every fourth paragraph, a running head, 'Page N' from 3."""
    def furniture(canvas, doc) -> None:
        canvas.setFont("DejaVu", 8)
        canvas.drawString(40, 815, "Leicestershire Police: PEEL 2018/19 – integrated assessment")
        canvas.drawRightString(560, 28, f"Page {doc.page + 2}")

    story = []
    for n, block in enumerate(_blocks(text)):
        story.append(Paragraph(escape(block), BODY))
        if n % 4 == 3:
            story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture,
                                                   onLaterPages=furniture)


LAYOUTS = {"page_breaks_and_running_heads": _page_breaks, "line_per_paragraph": lambda path, text: typeset_text(path, text),
           "running_paragraphs": _running_paragraphs, "a5_small_type": _a5_small,
           "two_columns": _two_columns, "judgments_as_a_table": _real_table}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_2018_19_report_reads_the_same_grades_in_each_layout(ws, seed, tmp_path, layout):
    _register()
    text = seed("report_2018_19").read_text(encoding="utf-8")
    pdf = tmp_path / f"{layout}.pdf"
    LAYOUTS[layout](pdf, text)
    assert _grades(ws, pdf) == _grades(ws, seed("report_2018_19"))


def test_grades_are_cited_to_the_printed_page(ws, seed, tmp_path):
    _register()
    pdf = tmp_path / "breaks.pdf"
    _page_breaks(pdf, seed("report_2018_19").read_text(encoding="utf-8"))
    found = imports.preview(ws, pdf).found
    for j in found.judgments:
        assert j.citation.page_label == str(j.citation.page + 2), j.citation
