"""The main window as a reviewer uses it: history at a glance, evidence, import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from peel_desktop.ui.matrix_model import JudgmentsRole


def cell(window, row_label: str, cycle: str):
    model = window.model
    row = next(i for i in range(model.rowCount()) if model.row(i).label == row_label)
    column = model.overview.columns.index(cycle)
    return model.index(row, column)


def test_opens_on_leicestershire_with_its_grade_history(open_window, seeded_ws):
    window = open_window(seeded_ws)
    assert window.windowTitle() == "PEEL Desktop — Leicestershire Police"
    assert window.force_box.currentText() == "Leicestershire Police"
    assert window.model.overview.columns == ["2014", "2016", "2017", "2018/19", "2023-25"]
    assert cell(window, "Efficiency (overall)", "2017").data() == "Requires improvement"
    assert (cell(window, "Preventing crime and anti-social behaviour", "2018/19").data()
            == "Good (carried over from 2016)")
    assert cell(window, "Investigating crime", "2017").data() == "Not stated"
    assert cell(window, "Investigating crime", "2023-25").data() == "Not named (counts only)"
    good = cell(window, "Investigating crime", "2018/19")
    assert good.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert good.data(Qt.ItemDataRole.AccessibleTextRole) == "Investigating crime, 2018/19: Good"


def test_scale_change_and_counts_only_are_explained(open_window, seeded_ws):
    window = open_window(seeded_ws)
    assert window.notice.isVisible()
    text = window.notice.text()
    assert "cannot be compared directly" in text
    assert "PEEL 2023-25" in text and "good in 4" in text
    header = window.model.headerData(4, Qt.Orientation.Horizontal)
    assert header == "◆ PEEL 2023-25"


def test_keyboard_selection_shows_the_cited_evidence(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.table.setFocus()
    window.table.setCurrentIndex(cell(window, "Effectiveness (overall)", "2018/19"))
    for _ in range(4):  # down to "Investigating crime"
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.table.currentIndex().data() == "Good"
    html = window.evidence.toPlainText()
    assert "Investigating crime — PEEL 2018/19" in html
    assert "PEEL 2018/19 inspection report, page 4" in html
    assert "“Investigating crime Good 2018/19”" in html


def test_switching_force_shows_grades_stated_in_passing(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.force_box.setCurrentText("Humberside Police")
    assert window.windowTitle() == "PEEL Desktop — Humberside Police"
    assert cell(window, "Efficiency (overall)", "2015").data() == "Inadequate"
    assert cell(window, "Efficiency (overall)", "2016").data() == "Requires improvement"
    judgments = cell(window, "Efficiency (overall)", "2015").data(JudgmentsRole)
    assert judgments[0]["source"]["report"] == "Leicestershire Police: PEEL 2016 press release"


def test_empty_database_invites_an_import_then_shows_it(open_window, ws, seed, qtbot):
    window = open_window(ws)
    assert window.empty.isVisible()
    assert not window.splitter.isVisible()
    flow = window.import_files([seed("report_2018_19")])
    assert flow.dialog.isVisible()
    qtbot.mouseClick(flow.dialog.import_button, Qt.MouseButton.LeftButton)
    assert not window.empty.isVisible()
    assert window.force_box.currentText() == "Leicestershire Police"
    assert cell(window, "Investigating crime", "2018/19").data() == "Good"
    assert "Imported 1 report(s)" in window.statusBar().currentMessage()


def test_a_bad_file_is_reported_and_nothing_changes(open_window, ws, write_report, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window = open_window(ws)
    flow = window.import_files([write_report("broken.txt", b"\x00\x01\x02")])
    assert flow.dialog is None
    assert shown == ["broken.txt: the file is binary, not text: it is not a report this app reads."]
    assert window.empty.isVisible()
