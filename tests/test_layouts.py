"""The same report typeset as a PDF reads the same grades as its text (issue 14, part 2;
two layouts so far: one PDF paragraph per source line, and the text's paragraphs set as
running A4 paragraphs, where table rows wrap before their 'last inspected' year)."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from peel_desktop.services import imports
from tests.pdf_fixtures import BODY, _register, typeset_text


def _grades(ws, path):
    found = imports.preview(ws, path).found
    return sorted((j.cycle, j.question or j.pillar.value, j.grade.value, j.status.value,
                   j.last_inspected) for j in found.judgments)


def _running_paragraphs(path, text):
    _register()
    blocks = [" ".join(line.strip() for line in block.splitlines())
              for block in re.split(r"\n\s*\n", text) if block.strip()]

    def footer(canvas, doc) -> None:
        canvas.setFont("DejaVu", 8)
        canvas.drawString(40, 28, "PEEL 2018/19 – Leicestershire Police")
        canvas.drawRightString(560, 28, str(doc.page + 2))

    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(escape(b), BODY) for b in blocks], onFirstPage=footer, onLaterPages=footer)
    return path


@pytest.mark.parametrize("layout", ["line_per_paragraph", "running_paragraphs"])
def test_the_2018_19_report_reads_the_same_grades_in_each_layout(ws, seed, tmp_path, layout):
    text = seed("report_2018_19").read_text(encoding="utf-8")
    pdf = tmp_path / f"{layout}.pdf"
    if layout == "line_per_paragraph":
        typeset_text(pdf, text)
    else:
        _running_paragraphs(pdf, text)
    assert _grades(ws, pdf) == _grades(ws, seed("report_2018_19"))
