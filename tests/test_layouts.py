"""The same report typeset as a PDF reads the same facts as its text (issue 14, part 2).

Every seed document and every real corpus text is typeset in each layout of tests/layouts.py
(hard-wrapped lines, running A4, A5 small type, two columns, page breaks with running heads,
the judgments table as a real table and split across a page break, side boxes beside the
body, page labels from ix). Each PDF must give exactly the grades (with status and
last-inspected year), findings and counts the text gives, each cited to its printed page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peel_desktop.recognise.vocab import norm
from peel_desktop.services import imports
from tests.conftest import SEED_FILES, SEEDS
from tests.corpus.score import CORPUS
from tests.layouts import LAYOUTS, PRINTED, typeset

DOCUMENTS = [*(SEEDS / name for name in sorted(SEED_FILES.values())),
             *sorted(CORPUS.glob("*.txt"))]


def _facts(ws, path: Path):
    found = imports.preview(ws, path).found
    grades = sorted((j.force, j.cycle, j.question or j.pillar.value, j.grade.value,
                     j.status.value, j.last_inspected) for j in found.judgments)
    findings = sorted((f.force, f.cycle, f.kind.value, norm(f.text).rstrip(" .;"))
                      for f in found.findings)
    counts = sorted((c.force, c.cycle, c.grade.value, c.count) for c in found.counts)
    return {"grades": grades, "findings": findings, "counts": counts}, found


def _cases():
    for document in DOCUMENTS:
        for layout in LAYOUTS:
            yield pytest.param(document, layout, id=f"{document.stem[:40]}-{layout}")


@pytest.fixture(scope="module")
def text_facts():
    return {}


@pytest.mark.parametrize(("document", "layout"), list(_cases()))
def test_each_layout_reads_what_the_text_says(ws, tmp_path, text_facts, document, layout):
    if document not in text_facts:
        text_facts[document] = _facts(ws, document)[0]
    pdf = typeset(layout, tmp_path / f"{layout}.pdf", document.read_text(encoding="utf-8"))
    facts, found = _facts(ws, pdf)
    assert facts == text_facts[document]
    printed = PRINTED[layout]
    if printed:
        cited = [*(j.citation for j in found.judgments), *(f.citation for f in found.findings)]
        assert [c.page_label for c in cited] == [printed(c.page) for c in cited]


def test_there_are_at_least_eight_layouts():
    assert len(LAYOUTS) >= 8
