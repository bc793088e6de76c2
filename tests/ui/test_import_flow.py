"""Importing from the window: check the preview, correct it, skip, cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from peel_desktop.domain import Grade, JudgmentStatus
from peel_desktop.services import history
from peel_desktop.services.imports import AddedJudgment
from peel_desktop.storage import repository
from peel_desktop.ui.import_dialog import SKIP

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_preview_marks_what_is_unsure(open_window, ws, seed):
    window = open_window(ws)
    dialog = window.import_files([seed("summary_2017")]).dialog
    assert dialog.force.currentText() == "Leicestershire Police"
    assert dialog.cycle.currentText() == "PEEL 2017"
    marks = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "?" in marks and "" in marks  # sentences are marked; the graded heading is not
    unsure_row = marks.index("?")
    assert dialog.table.item(unsure_row, 0).toolTip().startswith("stated in a sentence")
    dialog.reject()


def test_reviewer_corrects_a_grade_before_importing(open_window, ws, seed, qtbot):
    window = open_window(ws)
    dialog = window.import_files([seed("summary_2017")]).dialog
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, 2).text() == "Efficiency (overall)"
               and dialog.table.item(r, 1).text() == "PEEL 2016")
    dialog.set_grade(row, Grade.OUTSTANDING)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = repository.reports(ws.db)[0]
    [record] = repository.corrections_of(ws.db, report["id"])
    assert (record["field"], record["proposed"], record["corrected"]) == (
        "grade", "good", "outstanding")


def test_choosing_the_cycle_makes_an_undated_report_importable(open_window, ws, qtbot):
    window = open_window(ws)
    dialog = window.import_files([FIXTURES / "no-cycle-stated.txt"]).dialog
    assert not dialog.import_button.isEnabled()
    assert "Choose the force and cycle" in dialog.summary.text()
    dialog.cycle.setCurrentIndex(dialog.cycle.findData("2021/22"))  # re-reads the file
    assert dialog.import_button.isEnabled()
    dialog.add_judgment(AddedJudgment(
        question="2021/22:responding", grade=Grade.GOOD,
        quote="HMICFRS inspectors met officers of Norfolk Constabulary"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    found = history.grade_history(ws, "Norfolk").as_json()
    assert [(j["cycle"], j["question"], j["grade"]) for j in found["judgments"]] == [
        ("2021/22", "Responding to the public", "good")]
    assert window.force_box.currentText() == "Norfolk Constabulary"


def test_skip_one_file_import_the_next(open_window, ws, seed, qtbot):
    window = open_window(ws)
    flow = window.import_files([seed("summary_2017"), seed("press_2016")])
    flow.dialog.done(SKIP)
    qtbot.mouseClick(flow.dialog.import_button, Qt.MouseButton.LeftButton)
    assert [r["kind"] for r in repository.reports(ws.db)] == ["press_release"]


def test_cancel_stops_the_batch_and_writes_nothing(open_window, ws, seed):
    window = open_window(ws)
    flow = window.import_files([seed("summary_2017"), seed("press_2016")])
    flow.dialog.reject()
    assert repository.reports(ws.db) == []
    assert window.empty.isVisible()


def test_cancelling_a_long_pdf_read_writes_nothing(open_window, ws, tmp_path, monkeypatch):
    from tests.pdf_fixtures import build_report_pdf

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    pdf = build_report_pdf(tmp_path / "long.pdf")
    window = open_window(ws)
    monkeypatch.setattr("peel_desktop.ui.import_flow._Progress.cancelled", lambda self: True)
    flow = window.import_files([pdf])
    assert flow.dialog is None
    assert shown == ["long.pdf: import cancelled; nothing was written."]
    assert repository.reports(ws.db) == []


def _edition_file(seed, tmp_path):
    text = seed("report_2018_19").read_text(encoding="utf-8")
    path = tmp_path / "leicestershire-2018-19-corrected.txt"
    path.write_text(text.replace("Kayleigh’s Love Story", "A film"), encoding="utf-8")
    return path


def _note_on(ws, quote, note):
    from peel_desktop.services import annotate, notes
    from peel_desktop.services.library import resolve_force

    force = resolve_force(ws, "Leic")
    place = notes.anchor_quote(ws, force.id, "2018/19", quote)
    return annotate.annotate_passage(ws, passage_id=place["id"], start=place["start"],
                                     end=place["end"], author="ana", note=note)


def test_a_new_edition_is_told_in_the_preview_replaced_and_undone(open_window, ws, seed,
                                                                 tmp_path, qtbot):
    from peel_desktop.services import annotate, imports

    first = imports.import_path(ws, seed("report_2018_19"))
    moving = _note_on(ws, "we reviewed 60 files from recent investigations", "moves")
    _note_on(ws, "Kayleigh’s Love Story", "left unanchored")
    window = open_window(ws)
    dialog = window.import_files([_edition_file(seed, tmp_path)]).dialog
    assert dialog.edition_note.isVisible()
    said = dialog.edition_note.text()
    assert "This is a new edition of a report you hold" in said
    assert "It states the same grades." in said
    assert "1 annotation moves to the same words" in said and "→ page" in said
    assert "1 will be left unanchored" in said and "Kayleigh’s Love Story" in said
    assert dialog.import_button.text() == "&Replace edition"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    notice = window.replacement_notice
    assert "1 annotation moved to the new edition; 1 left unanchored" in notice.text()
    second = next(r for r in repository.reports(ws.db) if r["superseded_by"] is None)
    assert annotate.get(ws, moving.id).report_id == second["id"]
    undo = next(b for b in notice.buttons() if b.text() == "&Undo replacement")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert [r["id"] for r in repository.reports(ws.db)] == [first.report_id]
    assert annotate.get(ws, moving.id).report_id == first.report_id
    assert "is current again" in window.statusBar().currentMessage()


def test_remove_a_report_from_the_file_menu(open_window, seeded_ws, qtbot, monkeypatch):
    from peel_desktop.ui import reports_dialog

    window = open_window(seeded_ws)
    asked = []

    def choose(dialog):
        row = next(n for n in range(dialog.list.count())
                   if "PEEL 2016 efficiency" in dialog.list.item(n).text()
                   or "press" in dialog.list.item(n).text().lower())
        dialog.list.setCurrentRow(row)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(reports_dialog.RemoveReportDialog, "exec", choose)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    before = len(repository.reports(seeded_ws.db))
    window.actions_.remove_report.trigger()
    assert asked and asked[0].startswith("Remove “")
    assert len(repository.reports(seeded_ws.db)) == before - 1
    assert window.statusBar().currentMessage().startswith("Removed ")


def _row(dialog, cycle, question):
    return next(r for r in range(dialog.table.rowCount())
                if dialog.table.item(r, 1).text() == f"PEEL {cycle}"
                and dialog.table.item(r, 2).text() == question)


def test_preview_rows_can_be_removed_and_their_status_set(open_window, ws, seed, qtbot):
    window = open_window(ws)
    dialog = window.import_files([seed("report_2018_19")]).dialog
    armed = _row(dialog, "2018/19", "Armed policing")
    dialog.table.setCurrentCell(armed, 2)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(armed, 0).text() == "✗"
    assert dialog.table.item(armed, 2).font().strikeOut()
    vulnerable = _row(dialog, "2018/19", "Protecting vulnerable people")
    dialog.set_status(vulnerable, JudgmentStatus.CARRIED_OVER, "2017")
    investigating = _row(dialog, "2018/19", "Investigating crime")
    dialog.set_grade(investigating, Grade.UNGRADED)  # ungraded is a status too
    assert dialog.table.cellWidget(investigating, 4).currentData() == "ungraded"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    cells = {(j["cycle"], j["question"]): j for j in
             history.grade_history(ws, "Leic").as_json()["judgments"]}
    assert ("2018/19", "Armed policing") not in cells
    assert (cells[("2018/19", "Protecting vulnerable people")]["status"],
            cells[("2018/19", "Protecting vulnerable people")]["last_inspected"]) == (
        "carried_over", "2017")
    assert cells[("2018/19", "Investigating crime")]["status"] == "ungraded"


def test_an_added_judgments_quote_is_checked_as_it_is_typed(open_window, ws, seed, qtbot):
    from peel_desktop.ui.add_judgment import AddJudgmentDialog

    window = open_window(ws)
    dialog = window.import_files([seed("report_2018_19")]).dialog
    adding = AddJudgmentDialog(window.ws.framework, "2018/19", dialog.preview.extracted, dialog)
    qtbot.addWidget(adding)
    assert not adding.ok_button.isEnabled()
    qtbot.keyClicks(adding.quote, "we reviewed 61 files")
    assert adding.found.text() == "✗ These words are not in the report."
    assert not adding.ok_button.isEnabled()
    adding.quote.clear()
    qtbot.keyClicks(adding.quote, "we reviewed 60 files")
    assert adding.found.text().startswith("✓ The report says this on page ")
    assert adding.ok_button.isEnabled()
    adding.status.setCurrentIndex(adding.status.findData("carried_over"))
    assert not adding.ok_button.isEnabled()  # carried over from which cycle?
    adding.last.setCurrentIndex(adding.last.findData("2017"))
    assert adding.ok_button.isEnabled()
    adding.reject()
    dialog.reject()


def test_a_refused_import_keeps_the_reviewers_corrections(open_window, ws, seed, qtbot):
    window = open_window(ws)
    flow = window.import_files([seed("report_2018_19")])
    dialog = flow.dialog
    row = _row(dialog, "2018/19", "Investigating crime")
    dialog.set_grade(row, Grade.OUTSTANDING)
    dialog.add_judgment(AddedJudgment(question="2018/19:investigation", grade=Grade.GOOD,
                                      quote="words that are not in this report at all"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert flow.dialog is dialog and dialog.isVisible()  # still reviewing
    assert dialog.problem.isVisible()
    assert "the quoted words do not occur in the report" in dialog.problem.text()
    assert dialog.table.cellWidget(row, 3).currentData() == "outstanding"  # kept
    assert repository.reports(ws.db) == []
    dialog.added.clear()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    cells = {(j["cycle"], j["question"]): j["grade"] for j in
             history.grade_history(ws, "Leic").as_json()["judgments"]}
    assert cells[("2018/19", "Investigating crime")] == "outstanding"
