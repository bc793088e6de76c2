"""The current cycle and the next (issue 15): PEEL 2025–27 reports, areas the framework data
does not list, and new cycles as data.

The fixtures are made-up reports in HMICFRS's forms (tests/fixtures/README.md); the grades
below were written by reading them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from peel_desktop.framework import load_framework, notes_of
from peel_desktop.services import areas, bundle, history, imports, review
from peel_desktop.services.workspace import Workspace
from tests.layouts import typeset

FIXTURES = Path(__file__).parent / "fixtures"

# Devon and Cornwall's 2025–27 judgments table, as the fixture states it
LEADERSHIP = "How good is the force at leadership and force management?"  # the data's words
DEVON_2025_27 = {
    LEADERSHIP: ("requires_improvement", "future_finance"),
    "Police powers and public treatment": ("good", "public_treatment"),
    "Preventing and deterring crime and anti-social behaviour": ("adequate", "prevention"),
    "Responding to the public": ("adequate", "demand_resources"),
    "Investigating crime": ("adequate", "investigation"),
    "Protecting vulnerable people": ("good", "vulnerability"),
    "Managing offenders and suspects": ("good", "managing_offenders"),
    "Tackling violence against women and girls": ("requires_improvement", None),
}


def _grades(ws: Workspace, cycle: str) -> dict[str, tuple[str, str | None]]:
    found = history.grade_history(ws, "Devon")
    return {j["question"]: (j["grade"], j["theme"]) for j in found.judgments
            if j["cycle"] == cycle}


def _html(body: str) -> str:
    return ("<html><head><title>PEEL 2025–27: Devon and Cornwall Police</title></head><body>"
            "<main><h1>PEEL 2025–27: Police effectiveness, efficiency and legitimacy – An "
            "inspection of Devon and Cornwall Police</h1><h2>Our judgments</h2><p>Our inspection "
            "assessed how good Devon and Cornwall Police is in three areas of policing. We make "
            f"graded judgments in three of these three as follows:</p>{body}"
            "<p>We also inspected how effective a service the force gives to victims of crime."
            "</p></main></body></html>")


SMALL = {"Leadership and force management": "adequate", "Investigating crime": "good",
         "Tackling violence against women and girls": "inadequate"}
FORMS = {
    "rows": _html("<table><tr><th>Area</th><th>Grade</th></tr>"
                  + "".join(f"<tr><td>{a}</td><td>{g.capitalize()}</td></tr>"
                            for a, g in SMALL.items()) + "</table>"),
    "grade_columns": _html(
        "<table><tr><th>Outstanding</th><th>Good</th><th>Adequate</th>"
        "<th>Requires improvement</th><th>Inadequate</th></tr><tr><td></td>"
        "<td><ul><li>Investigating crime</li></ul></td>"
        "<td><ul><li>Leadership and force management</li></ul></td><td></td>"
        "<td><ul><li>Tackling violence against women and girls</li></ul></td></tr></table>"),
    "grade_columns_paragraphs_in_cells": _html(
        "<table><tr><th>Outstanding</th><th>Good</th><th>Adequate</th>"
        "<th>Requires improvement</th><th>Inadequate</th></tr><tr><td></td>"
        "<td><p>Investigating crime</p></td>"
        "<td>Leadership and force management<br></td><td></td>"
        "<td><p>Tackling violence against women and girls</p></td></tr></table>"),
    "definition_list": _html(
        "<dl>" + "".join(f"<dt>{a}</dt><dd>{g.capitalize()}</dd>" for a, g in SMALL.items())
        + "</dl>"),
    "lists_under_grade_headings": _html(
        "<h3>Good</h3><ul><li>Investigating crime</li></ul>"
        "<h3>Adequate</h3><ul><li>Leadership and force management</li></ul>"
        "<h3>Inadequate</h3><ul><li>Tackling violence against women and girls</li></ul>"),
    "images_with_alt_text": _html(
        "".join(f'<p><img src="grade-{g}.png" alt="{a}: {g.capitalize()}"></p>'
                for a, g in SMALL.items())),
}


def test_a_2025_27_saved_page_imports_every_grade_including_areas_the_data_does_not_list(
        empty_ws):
    preview = imports.preview(empty_ws, FIXTURES / "devon-peel-2025-27-saved.html")
    assert preview.found.facts.cycle == "2025-27"
    assert not [u for u in preview.unsure if u.what == "check"]  # eight of eight were read
    listed = next(u.reason for u in preview.unsure if u.what == "areas")
    assert "Tackling violence against women and girls" in listed
    imports.commit(empty_ws, preview)
    assert _grades(empty_ws, "2025-27") == DEVON_2025_27
    # each grade is cited to the report's words
    quotes = {j["question"]: j["source"]["quote"]
              for j in history.grade_history(empty_ws, "Devon").judgments}
    assert "Tackling violence against women and girls" in quotes[
        "Tackling violence against women and girls"]
    findings = history.findings_history(empty_ws, "Devon")["findings"]
    assert {(f["question"], f["text"][:36]) for f in findings} == {
        ("Investigating crime", "The force should make sure that its "),
        ("Tackling violence against women and girls", "The force should make sure that it u"),
    }


@pytest.mark.parametrize("layout", ["running_a4", "judgments_table", "two_columns"])
def test_a_2025_27_pdf_imports_every_grade(empty_ws, tmp_path, layout):
    text = (FIXTURES / "devon-peel-2025-27-report.txt").read_text(encoding="utf-8")
    pdf = typeset(layout, tmp_path / "devon-2025-27.pdf", text)
    preview = imports.preview(empty_ws, pdf)
    assert not [u for u in preview.unsure if u.what == "check"]
    imports.commit(empty_ws, preview)
    assert _grades(empty_ws, "2025-27") == DEVON_2025_27


@pytest.mark.parametrize("form", sorted(FORMS))
def test_our_judgments_is_read_in_each_form_hmicfrs_uses(empty_ws, tmp_path, form):
    page = tmp_path / f"{form}.html"
    page.write_text(FORMS[form], encoding="utf-8")
    preview = imports.preview(empty_ws, page)
    assert not [u for u in preview.unsure if u.what == "check"]
    imports.commit(empty_ws, preview)
    assert {q: g for q, (g, _t) in _grades(empty_ws, "2025-27").items()} == {
        LEADERSHIP if q.startswith("Leadership") else q: g for q, g in SMALL.items()}


def test_a_grade_missing_from_the_stated_number_is_shown_in_the_preview(empty_ws, tmp_path):
    page = tmp_path / "short.html"
    page.write_text(FORMS["rows"].replace(
        "<tr><td>Investigating crime</td><td>Good</td></tr>", ""), encoding="utf-8")
    preview = imports.preview(empty_ws, page)
    (check,) = [u.reason for u in preview.unsure if u.what == "check"]
    assert "graded judgments in 3 areas; 2 were read" in check


def test_2023_25_and_2025_27_side_by_side_with_the_not_comparable_mark(empty_ws):
    imports.import_path(empty_ws, FIXTURES / "devon-peel-2023-25-saved.html")
    imports.import_path(empty_ws, FIXTURES / "devon-peel-2025-27-saved.html")
    board = review.board(empty_ws, "Devon", "tester")
    assert board.cycles == ("2023-25", "2025-27")
    assert board.break_before(1) and "2025–27" in board.break_before(1)
    compared = review.compare(empty_ws, board, "theme:investigation")
    older, newer = compared.columns
    assert (older.cell.grades, newer.cell.grades) == (("requires_improvement",), ("adequate",))
    assert (newer.change, newer.crosses_break) == ("not_comparable", True)
    assert "new framework" in newer.break_note
    assert "isn't possible to make direct comparisons" in newer.break_words  # HMICFRS's words
    assert "not list this area" in newer.questions[0]  # the mark: named by the report
    # the area no theme's name matches stands under "Other areas graded"
    vawg = next(i for i in board.items if i.label == "Tackling violence against women and girls")
    assert vawg.group == areas.UNLISTED_GROUP
    assert dict(board.groups)[areas.UNLISTED_GROUP] == "Other areas graded"
    assert [c.chip for c in vawg.cells] == ["–", "RI"]


def test_the_reviewer_links_an_unlisted_area_to_a_theme_undoably_and_bundles_carry_it(
        empty_ws, tmp_path):
    imports.import_path(empty_ws, FIXTURES / "devon-peel-2025-27-saved.html")
    (vawg,) = [a for a in areas.named_areas(empty_ws) if a.theme is None]
    before = areas.link(empty_ws, vawg.key, "vulnerability", author="tester")
    board = review.board(empty_ws, "Devon", "tester")
    assert not [i for i in board.items if i.group == areas.UNLISTED_GROUP]
    compared = review.compare(empty_ws, board, "theme:vulnerability")
    assert compared.columns[-1].cell.grades == ("good", "requires_improvement")
    # the bundle carries the link to a colleague who holds the same report
    path = tmp_path / "review.json"
    bundle.export(empty_ws, path, author="tester")
    colleague = Workspace.open(tmp_path / "colleague.sqlite")
    try:
        imports.import_path(colleague, FIXTURES / "devon-peel-2025-27-saved.html")
        assert bundle.merge(colleague, path, author="colleague").links == 1
        assert areas.area(colleague, vawg.key).theme == "vulnerability"
    finally:
        colleague.close()
    areas.put_back(empty_ws, before)  # undo
    assert areas.area(empty_ws, vawg.key).theme is None
    board = review.board(empty_ws, "Devon", "tester")
    assert [i.label for i in board.items if i.group == areas.UNLISTED_GROUP] == [
        "Tackling violence against women and girls"]


def test_a_cycle_the_data_does_not_know_is_recognised_from_its_title(empty_ws):
    preview = imports.preview(empty_ws, FIXTURES / "devon-peel-2027-29-report.txt")
    assert preview.found.facts.cycle == "2027-29"
    check = next(u.reason for u in preview.unsure if u.what == "check")
    assert "does not know the framework" in check
    imports.commit(empty_ws, preview)
    grades = _grades(empty_ws, "2027-29")
    assert grades == {
        "Investigating crime": ("good", "investigation"),
        "Protecting vulnerable people": ("good", "vulnerability"),
        "Leadership and force management": ("adequate", "future_finance"),
        "Responding to the public": ("adequate", "demand_resources"),
        "Neighbourhood policing and public confidence": ("requires_improvement", None),
        "Managing offenders and suspects": ("requires_improvement", "managing_offenders"),
    }
    assert empty_ws.framework.cycle("2027-29").ordinal > empty_ws.framework.cycle(
        "2025-27").ordinal
    # a framework the app does not know is never taken as comparable with the one before
    assert "does not know the framework" in notes_of(empty_ws.framework.breaks_between("2025-27", "2027-29"))


ORGANISATION_FILE = {
    "_about": "Our office's additions: the 2027–29 framework as HMICFRS published it.",
    "cycles": [{
        "key": "2027-29", "scale": "five_point", "years": ["2027-29", "2028", "2029"],
        "mentions": ["peel 2027-29", "peel 2027-2029"],
        "published_from": "2027-10-01", "published_to": "2029-12-31",
        "questions": [
            {"slug": "investigation", "theme": "investigation", "title": "Investigating crime"},
            {"slug": "neighbourhoods", "theme": "prevention",
             "title": "Neighbourhood policing and public confidence"},
        ],
    }],
    "not_comparable": [{"after": "2027-29", "note": "A new framework from 2027."}],
}


def test_a_cycle_added_by_an_organisation_s_framework_file_only(tmp_path):
    extra = tmp_path / "framework"
    extra.mkdir()
    (extra / "our-office.json").write_text(json.dumps(ORGANISATION_FILE, indent=2))
    framework = load_framework(extra_dir=extra)
    assert framework.problems == ()
    ws = Workspace.open(tmp_path / "peel.sqlite", framework=framework)
    try:
        imports.import_path(ws, FIXTURES / "devon-peel-2027-29-report.txt")
        found = history.grade_history(ws, "Devon", keys=True)
        by_key = {j["question_key"]: j["grade"] for j in found.judgments}
        # its questions are the file's (not areas kept by name), and its break is marked
        assert by_key["2027-29:investigation"] == "good"
        assert by_key["2027-29:neighbourhoods"] == "requires_improvement"
        assert notes_of(ws.framework.breaks_between("2025-27", "2027-29")) == "A new framework from 2027."
    finally:
        ws.close()


@pytest.mark.parametrize(("text", "line", "words"), [
    ('{\n  "cycles": [\n    {"key": "2027-29", "scale": "six_point"}\n  ]\n}\n', 3,
     "'six_point' is not one of"),
    ('{\n  "cycles": [\n    {"key": "2027-29",\n     "scale": "five_point",,}\n  ]\n}\n', 4,
     "not valid JSON"),
    ('{\n  "crosswalk": [\n    {"cycle": "2023-25", "question": "nothing", "theme": "x"}\n'
     '  ]\n}\n', 3, "cycle 2023-25 has no question nothing"),
])
def test_a_broken_framework_file_is_one_sentence_naming_the_file_and_line(tmp_path, text,
                                                                          line, words):
    extra = tmp_path / "framework"
    extra.mkdir()
    (extra / "broken.json").write_text(text)
    framework = load_framework(extra_dir=extra)
    (problem,) = framework.problems
    assert problem.startswith(f"The framework file broken.json was not used: line {line}: ")
    assert words in problem and problem.endswith(".") and problem.count(". ") == 0
    # the bundled framework is used whole
    assert [c.key for c in framework.cycles][-1] == "2025-27"


@pytest.fixture
def empty_ws(tmp_path, template_db):
    path = shutil.copy(template_db, tmp_path / "peel.sqlite")
    ws = Workspace.open(Path(path))
    yield ws
    ws.close()


def test_a_reviewer_corrects_a_grade_of_a_new_cycle_s_unlisted_area(empty_ws):
    from peel_desktop.domain import Grade
    from peel_desktop.services.corrections import Corrections

    path = FIXTURES / "devon-peel-2027-29-report.txt"
    preview = imports.preview(empty_ws, path)
    index = next(n for n, j in enumerate(preview.found.judgments)
                 if j.question.endswith("area_neighbourhood_policing_and_public_confidence"))
    imports.commit(empty_ws, preview, Corrections(grades={index: Grade.INADEQUATE}),
                   author="tester")
    grades = _grades(empty_ws, "2027-29")
    assert grades["Neighbourhood policing and public confidence"] == ("inadequate", None)


@pytest.mark.parametrize("title", ["PEEL 2025–27", "PEEL 2025-27", "PEEL 2025–2027",
                                   "PEEL 2025-2027", "PEEL 202527"])
def test_2025_27_is_told_from_each_way_reports_spell_it(empty_ws, tmp_path, title):
    page = tmp_path / "report.txt"
    page.write_text(f"{title}\nAn inspection of Devon and Cornwall Police\n\nHMICFRS found "
                    "Devon and Cornwall Police is good at investigating crime.\n",
                    encoding="utf-8")
    assert imports.preview(empty_ws, page).found.facts.cycle == "2025-27"


@pytest.mark.parametrize(("words", "scale"), [
    ("We grade forces as outstanding, good, adequate, requires improvement or inadequate.", 5),
    ("Our categories of graded judgment are outstanding, good, requires improvement and "
     "inadequate.", 4),
])
def test_a_new_cycle_takes_the_scale_its_report_states(empty_ws, tmp_path, words, scale):
    page = tmp_path / "report.txt"
    page.write_text(f"PEEL 2029–31\nAn inspection of Devon and Cornwall Police\n\n{words}\n\n"
                    "Investigating crime\n\nGood\n", encoding="utf-8")
    found = imports.preview(empty_ws, page).found
    assert found.facts.cycle == "2029-31"
    assert len(found.new_cycle.scale) == scale


def test_a_pdf_judgments_table_by_grade_column_never_invents_grades(empty_ws, tmp_path):
    """pdfium gives such a table row by row: several columns' areas on one line, under
    whichever grade heading came last. None of it may become a grade; the shortfall is said."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    path = tmp_path / "grade-columns.pdf"
    rows = [["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"],
            ["", "Investigating crime", "Responding to the public",
             "Leadership and force management", ""],
            ["", "Protecting vulnerable people", "Managing offenders and suspects", "", ""]]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([
        Paragraph("PEEL 2023–25: An inspection of Devon and Cornwall Police", styles["Title"]),
        Paragraph("Our judgments", styles["Heading2"]),
        Paragraph("Our inspection assessed how good Devon and Cornwall Police is in nine areas "
                  "of policing. We make graded judgments in five of these nine as follows:",
                  styles["BodyText"]),
        Table(rows, colWidths=[150] * 5),
        Paragraph("We also inspected how effective a service the force gives to victims of "
                  "crime.", styles["BodyText"])])
    preview = imports.preview(empty_ws, path)
    assert preview.found.judgments == ()
    assert preview.found.areas == ()
    (check,) = [u.reason for u in preview.unsure if u.what == "check"]
    assert "graded judgments in 5 areas; 0 were read" in check


def test_a_colleague_s_note_on_a_cycle_new_to_this_database_is_kept(empty_ws, tmp_path):
    """Nothing is lost: a bundle's note on a cycle only the colleague's report names merges
    into a database that has not seen that cycle (it waits, unanchored, for the report)."""
    from peel_desktop.services import annotate

    imports.import_path(empty_ws, FIXTURES / "devon-peel-2027-29-report.txt")
    (passage,) = empty_ws.db.execute(
        "SELECT id FROM passages WHERE text LIKE 'The force should make sure that its neigh%'")
    made = annotate.annotate_passage(empty_ws, passage_id=passage[0], start=0, end=16,
                                     author="colleague", note="Ask about abstraction rates")
    path = tmp_path / "review.json"
    bundle.export(empty_ws, path, author="colleague")
    mine = Workspace.open(tmp_path / "mine.sqlite")
    try:
        assert bundle.merge(mine, path, author="me").added == 1
        kept = annotate.get(mine, made.id)
        assert (kept.note, kept.cycle) == ("Ask about abstraction rates", "2027-29")
        assert mine.framework.knows("2027-29")
    finally:
        mine.close()


def test_reports_of_a_cycle_a_framework_file_gave_still_show_when_the_file_breaks(tmp_path):
    extra = tmp_path / "framework"
    extra.mkdir()
    ours = extra / "our-office.json"
    ours.write_text(json.dumps(ORGANISATION_FILE, indent=2))
    ws = Workspace.open(tmp_path / "peel.sqlite", framework=load_framework(extra_dir=extra))
    imports.import_path(ws, FIXTURES / "devon-peel-2027-29-report.txt")
    ws.close()
    ours.write_text("{ broken")
    ws = Workspace.open(tmp_path / "peel.sqlite", framework=load_framework(extra_dir=extra))
    try:
        assert ws.framework.problems
        board = review.board(ws, "Devon", "tester")
        assert board.cycles == ("2027-29",)
        assert board.item("theme:investigation").cells[0].grades == ("good",)
    finally:
        ws.close()


def test_areas_set_one_per_paragraph_in_a_grade_column_cell_stay_apart(empty_ws, tmp_path):
    page = tmp_path / "cells.html"
    page.write_text(_html(
        "<table><tr><th>Good</th><th>Adequate</th></tr><tr>"
        "<td><p>Investigating crime</p><p>Tackling violence against women and girls</p></td>"
        "<td>Leadership and force management</td></tr></table>"), encoding="utf-8")
    imports.import_path(empty_ws, page)
    assert {q: g for q, (g, _t) in _grades(empty_ws, "2025-27").items()} == {
        "Investigating crime": "good", "Tackling violence against women and girls": "good",
        LEADERSHIP: "adequate"}


def test_an_area_named_in_other_words_of_a_known_concern_compares_under_it(empty_ws, tmp_path):
    """2021/22 reports graded 'Disrupting serious organised crime', which the 2021/22 data
    does not list: kept under that name, and compared under serious and organised crime."""
    page = tmp_path / "soc.html"
    page.write_text(_html("<table><tr><th>Area</th><th>Grade</th></tr>"
                          "<tr><td>Disrupting serious organised crime</td><td>Good</td></tr>"
                          "<tr><td>Investigating crime</td><td>Adequate</td></tr>"
                          "<tr><td>Responding to the public</td><td>Adequate</td></tr>"
                          "</table>").replace("PEEL 2025–27", "PEEL 2021/22"), encoding="utf-8")
    imports.import_path(empty_ws, page)
    grades = _grades(empty_ws, "2021/22")
    assert grades["Disrupting serious organised crime"] == ("good", "serious_organised_crime")


def test_the_command_line_lists_and_links_unlisted_areas(tmp_path, template_db, capsys):
    from peel_desktop.main import main

    db = shutil.copy(template_db, tmp_path / "peel.sqlite")
    assert main(["--db", str(db), "import", str(FIXTURES / "devon-peel-2025-27-saved.html")]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "areas", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    vawg = next(a for a in listed if a["title"] == "Tackling violence against women and girls")
    assert (vawg["theme"], vawg["linked"]) == (None, False)
    assert main(["--db", str(db), "areas", "link", vawg["key"], "vulnerability"]) == 0
    assert main(["--db", str(db), "areas", "link", vawg["key"], "nothing"]) == 1
    assert "is not a theme of the crosswalk" in capsys.readouterr().err
    assert main(["--db", str(db), "areas", "list", "--json"]) == 0
    again = next(a for a in json.loads(capsys.readouterr().out) if a["key"] == vawg["key"])
    assert (again["theme"], again["linked"]) == ("vulnerability", True)
