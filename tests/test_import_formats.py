"""PDF reports and saved web pages, told apart by content, with printed page numbers."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from peel_desktop.main import main
from peel_desktop.services import history, imports
from peel_desktop.storage import repository
from tests.pdf_fixtures import build_report_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def report_pdf(tmp_path_factory) -> Path:
    return build_report_pdf(tmp_path_factory.mktemp("pdf") / "kent-peel-2021-22.pdf")


def test_pdf_judgments_cite_the_printed_page(ws, report_pdf):
    outcome = imports.import_path(ws, report_pdf)
    assert outcome.title == "Kent Police: PEEL 2021/22 inspection report"
    found = history.grade_history(ws, "Kent").as_json()
    grades = {j["question"]: (j["grade"], j["source"]["page"]) for j in found["judgments"]}
    # The judgments table is on the 3rd page of the file, printed as page 1.
    assert grades == {
        "Investigating crime": ("adequate", 1),
        "Protecting vulnerable people": ("good", 1),
        "Responding to the public": ("requires_improvement", 1),
        "Managing offenders and suspects": ("outstanding", 1),
        "Recording data about crime": ("adequate", 1),
    }
    report = repository.reports(ws.db)[0]
    assert (report["pages"], report["published"]) == (6, "2022-06-09")


def test_pdf_side_box_and_two_columns_give_exact_findings(ws, report_pdf):
    imports.import_path(ws, report_pdf)
    found = history.findings_history(ws, "Kent")["findings"]
    assert [(f["kind"], f["question"], f["source"]["page"]) for f in found] == [
        ("area_for_improvement", "Investigating crime", 2),
        ("cause_of_concern", "Responding to the public", 3),
        ("recommendation", "Responding to the public", 3),
        ("recommendation", "Responding to the public", 3),
    ]
    assert found[0]["text"] == ("The force should make sure that supervisors review "
                                "investigations regularly and record their direction.")
    assert found[2]["text"] == "increase the number of trained call handlers; and"
    assert found[3]["text"] == "monitor call abandonment and act on what it finds."


def test_pdf_text_drops_running_heads_and_rejoins_words(ws, report_pdf):
    report_id = imports.import_path(ws, report_pdf).report_id
    passages = repository.passages_of(ws.db, report_id)
    texts = [p["text"] for p in passages]
    assert not any(t.startswith("PEEL 2021/22 – An inspection of") for t in texts)
    body = " ".join(texts)
    assert "supervision was inconsistent" in body  # "super-" / "vision" across a line end
    labels = [p["page_label"] for p in passages]
    assert labels[0] == "i" and "ii" in labels and labels[-1] == "4"


def test_pdf_original_is_kept_privately_beside_the_database(ws, report_pdf):
    imports.import_path(ws, report_pdf)
    report = repository.reports(ws.db)[0]
    original = ws.path.parent / "originals" / report["original_path"]
    assert original.read_bytes() == report_pdf.read_bytes()
    assert stat.S_IMODE(original.stat().st_mode) == 0o600


def test_saved_web_page_keeps_the_report_and_drops_the_chrome(ws):
    imports.import_path(ws, FIXTURES / "devon-peel-2023-25-saved.html")
    found = history.grade_history(ws, "Devon").as_json()
    grades = {j["question"]: j["grade"] for j in found["judgments"]}
    assert grades["Leadership and force management"] == "inadequate"
    assert grades["Police powers and public treatment"] == "good"
    assert len(grades) == 8
    report = repository.reports(ws.db)[0]
    assert report["published"] == "2024-11-21"
    text = repository.report_text(ws.db, report["id"])
    assert "cookies" not in text and "HMICFRS home" not in text and "dataLayer" not in text
    findings = history.findings_history(ws, "Devon")["findings"]
    assert findings[0]["text"] == ("The force should make sure that investigations are properly "
                                   "supervised & that victims are updated.")
    assert [f["kind"] for f in findings] == ["area_for_improvement", "cause_of_concern",
                                             "recommendation", "recommendation"]


def test_format_is_told_by_content_not_extension(ws, tmp_path, report_pdf):
    pdf_named_txt = shutil.copy(report_pdf, tmp_path / "report.txt")
    html_named_pdf = shutil.copy(FIXTURES / "devon-peel-2023-25-saved.html", tmp_path / "page.pdf")
    assert imports.preview(ws, Path(pdf_named_txt)).extracted.media_type == "application/pdf"
    assert imports.preview(ws, Path(html_named_pdf)).extracted.media_type == "text/html"


def test_utf16_text_from_windows_imports(ws, seed, tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes(seed("summary_2017").read_text(encoding="utf-8").encode("utf-16"))
    outcome = imports.import_path(ws, path)
    assert outcome.title == "Leicestershire Police: PEEL 2017 force summary"
    assert outcome.judgments == 10


def test_dry_run_json_previews_without_writing(capsys, db_path, report_pdf):
    before = db_path.read_bytes()
    assert main(["--db", str(db_path), "import", "--dry-run", "--json", str(report_pdf)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["force"], data["cycle"], data["problem"]) == ("Kent Police", "2021/22", None)
    assert {"judgments", "findings", "inspections", "unsure"} <= set(data)
    assert set(data["judgments"][0]) >= {"cycle", "level", "pillar", "question", "theme",
                                          "grade", "status", "last_inspected", "source"}
    unsure = [u for u in data["unsure"] if u["what"] == "judgment"]
    sentence = next(j for j in data["judgments"] if j["question"] == "Recording data about crime")
    assert data["judgments"].index(sentence) in {u["index"] for u in unsure}
    assert db_path.read_bytes() == before


def test_pdf_grade_beside_a_box_heading_on_one_row_reads_both(ws, tmp_path):
    """pdfium gives a grade and the heading of the box beside it as one line of text; the gap
    between them makes them two, so the question keeps its grade and the box its finding."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from tests.pdf_fixtures import _register

    _register()
    path = tmp_path / "beside.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("DejaVu", 10)
    rows = [(60, "Surrey PEEL 2018"), (60, "How efficiently does the force operate?"),
            (60, "How well does the force use its resources to meet the demand it faces?")]
    for n, (x, line) in enumerate(rows):
        canvas.drawString(x, 780 - 16 * n, line)
    canvas.drawString(60, 720, "Requires improvement")
    canvas.drawString(330, 720, "Areas for improvement")
    canvas.drawString(330, 706, "• The force should gain a better overview of demand.")
    canvas.drawString(60, 680, "We set out our detailed findings below, in HMICFRS's words.")
    canvas.showPage()
    canvas.save()
    found = imports.preview(ws, path).found
    assert [(j.question, j.grade.value) for j in found.judgments] == [
        ("2018/19:current_demands", "requires_improvement")]
    assert [(f.kind.value, f.text) for f in found.findings] == [
        ("area_for_improvement", "The force should gain a better overview of demand.")]


def test_pdf_sentence_cut_by_a_page_break_is_read_whole(ws, tmp_path):
    """A reference back whose sentence a page break cuts is read as one sentence, cited to
    the page it starts on."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from tests.pdf_fixtures import _register

    _register()
    path = tmp_path / "cut.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("DejaVu", 10)
    pages = [["Our 2017 efficiency inspection identified an area for improvement. We stated that",
              "the force should consider how to better identify"],
             ["and develop talent in the workforce. The force has made limited progress in",
              "improving its approach to leadership development since then."]]
    canvas.drawString(60, 760, "Leicestershire Police PEEL 2018/19 inspection by HMICFRS")
    for lines in pages:
        canvas.setFont("DejaVu", 10)
        for n, line in enumerate(lines):
            canvas.drawString(60, 700 - 14 * n, line)
        canvas.showPage()
    canvas.save()
    found = imports.preview(ws, path).found
    [finding] = found.findings
    assert (finding.cycle, finding.text, finding.citation.page) == (
        "2017", "the force should consider how to better identify and develop talent in the "
        "workforce.", 1)
