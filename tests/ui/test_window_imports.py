"""Importing in the real window with the real background runner never freezes and never
loses work (issue: the database wipe at quit, the import freeze)."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository, safety
from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import BackgroundRunner
from tests.pdf_fixtures import typeset_text


@pytest.fixture
def threaded_window(qtbot, settings_file):
    """threaded_window(ws) → the main window with the real background runner."""
    made = []

    def make(ws) -> MainWindow:
        runner = BackgroundRunner()
        window = MainWindow(ws, runner, QSettings(settings_file, QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.resize(780, 560)
        window.show()
        qtbot.waitExposed(window)
        made.append(runner)
        return window

    yield make
    for runner in made:
        runner.shutdown()


def _import(qtbot, window, files, *, review_each=False):
    flow = window.import_files(files, review_each=review_each)
    with qtbot.waitSignal(flow.finished, timeout=120_000) as finished:
        pass
    return finished.args[0]


def _cli(db_path, *args):
    return subprocess.run([sys.executable, "-m", "peel_desktop", "--db", str(db_path), *args],
                          capture_output=True, text=True, timeout=120)


def test_a_command_line_reader_during_window_imports_then_quit_loses_nothing(
        threaded_window, db_path, seed, qtbot):
    ws = Workspace.open(db_path, lock=True)
    window = threaded_window(ws)
    done, problems = _import(qtbot, window, [seed("summary_2017")])
    assert problems == [] and len(done) == 1

    listed = _cli(db_path, "reports")  # an analyst's script reads while the window is open
    assert listed.returncode == 0 and "PEEL 2017 force summary" in listed.stdout

    done, problems = _import(qtbot, window, [seed("report_2018_19"), seed("news_2023_25")])
    assert problems == [], problems
    assert window.force_box.currentText() == "Leicestershire Police"
    window.close()
    ws.close()  # quit

    reopened = Workspace.open(db_path)
    assert len(repository.reports(reopened.db)) == 3
    reopened.close()


def test_preview_appears_and_commits_while_the_default_data_loads(
        threaded_window, tmp_path, seed, qtbot):
    """A first start: the default data loads in the background while the reviewer imports a
    PDF and reads its preview (the window froze here in 3 of 8 tries)."""
    pdf = typeset_text(tmp_path / "report.pdf", seed("report_2018_19").read_text("utf-8"))
    for attempt in range(3):
        ws = Workspace.open(tmp_path / f"fresh-{attempt}" / "peel.sqlite", lock=True)
        window = threaded_window(ws)
        window.load_default_data()
        flow = window.import_files([pdf])
        qtbot.waitUntil(lambda f=flow: f.dialog is not None, timeout=60_000)
        assert flow.dialog.force.currentText() == "Leicestershire Police"
        with qtbot.waitSignal(flow.finished, timeout=60_000):
            qtbot.mouseClick(flow.dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda w=window: not w.run_task.busy, timeout=60_000)
        kinds = {r["kind"] for r in repository.reports(ws.db)}
        assert "inspection_report" in kinds and len(kinds) >= 3
        for notice in [box for box in window.findChildren(QMessageBox)
                       if box.objectName() == "replacementNotice"]:
            # When the bundled 2018/19 text came first, the PDF is a new edition of it, and
            # the reviewer is told.
            assert "replaced the earlier edition" in notice.text()
            notice.close()
        window.close()
        ws.close()


def test_worker_threads_never_call_qt(threaded_window, tmp_path, seed, qtbot, monkeypatch):
    """What froze the window: Qt signals emitted from worker threads. Every Qt call on an
    import's path is watched; none may come from a thread other than the main one."""
    from peel_desktop.ui import import_flow

    off_main = []
    main = threading.main_thread()
    original = import_flow.ImportPreviewDialog.__init__

    def watched(self, *args, **kwargs):
        if threading.current_thread() is not main:
            off_main.append("preview dialog built off the main thread")
        original(self, *args, **kwargs)

    monkeypatch.setattr(import_flow.ImportPreviewDialog, "__init__", watched)
    step = import_flow._Progress.step

    def progress(self, done, total):
        from PySide6.QtCore import QObject

        if isinstance(self, QObject):
            off_main.append("progress reported through a Qt object from a worker")
        step(self, done, total)

    monkeypatch.setattr(import_flow._Progress, "step", progress)
    pdf = typeset_text(tmp_path / "report.pdf", seed("report_2018_19").read_text("utf-8"))
    ws = Workspace.open(tmp_path / "peel.sqlite", lock=True)
    window = threaded_window(ws)
    flow = window.import_files([pdf])
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=60_000)
    flow.dialog.reject()
    assert off_main == []
    window.close()
    ws.close()


def test_a_backup_is_taken_before_an_import_from_the_window(threaded_window, db_path, seed,
                                                           qtbot):
    ws = Workspace.open(db_path, lock=True)
    window = threaded_window(ws)
    _import(qtbot, window, [seed("summary_2017")])
    _import(qtbot, window, [seed("press_2016"), seed("vfm_2014")])
    held = safety.list_backups(db_path)
    assert [b.reason for b in held] == ["before import", "before import"]
    assert sorted(b.reports for b in held) == [0, 1]  # each holds what was there before
    window.close()
    ws.close()


def test_a_database_that_will_not_open_offers_restore_right_there(seeded_db_path, qtbot):
    from peel_desktop.ui.safety_dialogs import open_for_app

    safety.take_backup(seeded_db_path, "before import")
    ws = Workspace.open(seeded_db_path)
    ws.db.execute("DROP TABLE meta")  # as the wipe left it: "no such table: meta"
    ws.close()
    asked = []
    ws, _fresh = open_for_app(seeded_db_path, None,
                              ask=lambda title, text: asked.append((title, text)) or True)
    assert asked[0][0] == "Restore from backup"
    assert "its meta table is missing" in asked[0][1]
    assert len(repository.reports(ws.db)) == 5
    ws.close()


def test_replace_an_edition_and_undo_it_with_the_real_runner(threaded_window, db_path, seed,
                                                             tmp_path, qtbot):
    from peel_desktop.services import annotate, imports, notes
    from peel_desktop.services.library import resolve_force

    ws = Workspace.open(db_path, lock=True)
    first = imports.import_path(ws, seed("report_2018_19"))
    place = notes.anchor_quote(ws, resolve_force(ws, "Leic").id, "2018/19",
                               "we reviewed 60 files from recent investigations")
    note = annotate.annotate_passage(ws, passage_id=place["id"], start=place["start"],
                                     end=place["end"], author="ana", note="follow this")
    edition = tmp_path / "leicestershire-2018-19-corrected.txt"
    edition.write_text(seed("report_2018_19").read_text("utf-8").replace(
        "Kayleigh’s Love Story", "A film"), encoding="utf-8")
    window = threaded_window(ws)
    flow = window.import_files([edition])
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=60_000)
    assert "This is a new edition of a report you hold" in flow.dialog.edition_note.text()
    with qtbot.waitSignal(flow.finished, timeout=60_000):
        qtbot.mouseClick(flow.dialog.import_button, Qt.MouseButton.LeftButton)
    notice = window.replacement_notice
    assert annotate.get(ws, note.id).report_id != first.report_id
    undo = next(b for b in notice.buttons() if b.text() == "&Undo replacement")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert [r["id"] for r in repository.reports(ws.db)] == [first.report_id]
    assert annotate.get(ws, note.id).report_id == first.report_id
    held = safety.list_backups(db_path)
    assert {b.reason for b in held} == {"before import", "before removing a report"}
    window.close()
    ws.close()


def test_a_refused_import_with_the_real_runner_keeps_the_corrections(threaded_window, db_path,
                                                                    seed, qtbot):
    from peel_desktop.domain import Grade
    from peel_desktop.services.imports import AddedJudgment

    ws = Workspace.open(db_path, lock=True)
    window = threaded_window(ws)
    flow = window.import_files([seed("report_2018_19")])
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=60_000)
    dialog = flow.dialog
    dialog.set_grade(3, Grade.OUTSTANDING)
    dialog.add_judgment(AddedJudgment(question="2018/19:investigation", grade=Grade.GOOD,
                                      quote="words that are not in this report at all"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=60_000)
    assert dialog.isVisible() and flow.dialog is dialog
    assert dialog.table.cellWidget(3, 3).currentData() == "outstanding"
    assert repository.reports(ws.db) == []
    dialog.reject()
    window.close()
    ws.close()
