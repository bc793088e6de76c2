"""Importing from the window: check the preview, correct it, skip, cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from peel_desktop.domain import Grade
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
