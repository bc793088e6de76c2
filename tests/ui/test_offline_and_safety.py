"""The app never touches the network; a second copy reads only; backups can be restored."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from peel_desktop.services import annotate
from peel_desktop.storage import safety
from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import run_synchronously
from tests.pdf_fixtures import build_report_pdf

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append((name, args[:2]))
            raise AssertionError(f"network access attempted: {name}{args[:2]}")
        return blocked

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_import_review_annotate_search_export_without_the_network(
        no_network, open_window, ws, tmp_path, seed):
    window = open_window(ws)
    pdf = build_report_pdf(tmp_path / "kent.pdf")
    window.import_files([pdf, FIXTURES / "devon-peel-2023-25-saved.html",
                         seed("report_2018_19")], review_each=False)
    assert window.force_box.count() >= 3
    window.force_box.setCurrentText("Leicestershire Police")
    window.go_to("theme:investigation")
    window.select_column(len(window.comparison.columns) - 1)
    evidence = window.evidence.passages[0]
    window.annotating.dialog_hook = lambda d: (d.note.setPlainText("offline note"), True)[1]
    window.annotating.annotate_words(evidence, 0, 10)
    window.search.field.setText("disclosure")
    window.search.run()
    assert window.search.found.total > 0
    from peel_desktop.ui.export_dialog import ExportDialog, export_pack

    dialog = ExportDialog(window)
    export_pack(window, path=tmp_path / "pack.pdf", dialog=dialog)
    dialog.deleteLater()
    assert (tmp_path / "pack.pdf").stat().st_size > 10_000
    window.set_status("reviewed", advance=True)
    assert no_network == []
    assert "PySide6.QtNetwork" not in sys.modules
    assert not [m for m in sys.modules if m.startswith(("urllib3", "requests"))]


def test_a_second_copy_opens_read_only_with_changes_disabled(qtbot, seeded_db_path,
                                                             settings_file):
    from peel_desktop.ui.safety_dialogs import open_for_app

    first = subprocess.Popen(  # another copy of the app, holding the database
        [sys.executable, "-c", "import sys, time\n"
         "from peel_desktop.services.workspace import Workspace\n"
         "ws = Workspace.open(sys.argv[1], lock=True)\nprint('open', flush=True)\n"
         "time.sleep(60)", str(seeded_db_path)], stdout=subprocess.PIPE, text=True)
    assert first.stdout.readline().strip() == "open"
    asked = []
    result = open_for_app(seeded_db_path, None, ask=lambda t, m: asked.append(t) or True)
    assert asked == ["Open read-only?"]
    ws, fresh = result
    assert ws.read_only and not fresh
    window = MainWindow(ws, run_synchronously, QSettings(settings_file,
                                                         QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("(read-only)")
    assert not window.actions_.annotate_words.isEnabled()
    assert not window.actions_.import_files.isEnabled()
    assert not window.evidence.annotate_button.isEnabled()
    window.set_status("reviewed")  # ignored, no error
    assert window.board.reviewed == 0
    window.close()
    ws.close()
    first.kill()
    first.wait()


def test_a_damaged_database_offers_the_latest_backup(qtbot, seeded_db_path):
    from peel_desktop.ui.safety_dialogs import open_for_app

    safety.take_backup(seeded_db_path, "daily")
    seeded_db_path.write_bytes(b"not a database any more" * 100)
    asked = []
    ws, _ = open_for_app(seeded_db_path, None, ask=lambda t, m: asked.append((t, m)) or True)
    assert asked[0][0] == "Restore from backup" and "cannot be opened" in asked[0][1]
    assert ws.db.execute("SELECT count(*) FROM reports").fetchone()[0] == 5
    damaged = [p for p in seeded_db_path.parent.glob("seeded.sqlite.replaced-*")
               if not p.name.endswith(("-wal", "-shm"))]
    assert len(damaged) == 1 and damaged[0].read_bytes().startswith(b"not a database")
    ws.close()


def test_a_failed_save_is_reported_in_the_window_and_nothing_is_lost(open_window, seeded_ws):
    window = open_window(seeded_ws)
    window.quiet_problems = True
    window.go_to("theme:investigation")
    window.select_column(3)
    evidence = window.evidence.passages[0]
    window.annotating.dialog_hook = lambda d: (d.note.setPlainText("first"), True)[1]
    window.annotating.annotate_words(evidence, 0, 10)
    pages = seeded_ws.db.execute("PRAGMA page_count").fetchone()[0]
    seeded_ws.db.execute(f"PRAGMA max_page_count = {pages}")
    window.annotating.dialog_hook = lambda d: (d.note.setPlainText("x" * 90_000), True)[1]
    window.annotating.annotate_words(evidence, 0, 10)
    assert "the disk is full" in window.last_problem
    assert [a.note for a in window.annotating.panel.all] == ["first"]
    assert window.annotating.stack.count() == 1  # the failed step is not left to undo
    assert annotate.for_force(seeded_ws, window.board.force_id)[0].note == "first"


def test_a_corrupt_settings_file_is_ignored(qtbot, seeded_ws, tmp_path):
    path = tmp_path / "broken.ini"
    path.write_bytes(b"\x00\xff[window]\ngeometry=@ByteArray(\\x01garbage\nstate=42\n"
                     b"appearance=purple\nsearch/history=\x00\n")
    window = MainWindow(seeded_ws, run_synchronously, QSettings(str(path),
                                                                QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "PEEL Desktop — Leicestershire Police"
    window.close()


def test_a_failed_daily_backup_is_told_once_with_its_reason(open_window, seeded_ws):
    window = open_window(seeded_ws)
    window.quiet_problems = True
    window.backup_failed(OSError(28, "No space left on device"))
    assert window.last_problem.startswith(
        "Today's backup could not be taken (No space left on device).")
    window.last_problem = None
    window.backup_failed(OSError(28, "No space left on device"))
    assert window.last_problem is None  # once a session


def test_the_settings_file_is_made_the_user_s_alone(tmp_path):
    import os

    from peel_desktop.ui.app import private

    folder = tmp_path / "PEEL Desktop"
    folder.mkdir(mode=0o755)
    settings = folder / "PEEL Desktop.conf"
    settings.write_text("[search]\nhistory=knife crime\n")
    os.chmod(settings, 0o644)
    os.chmod(folder, 0o755)
    private(settings)
    assert (settings.stat().st_mode & 0o777, folder.stat().st_mode & 0o777) == (0o600, 0o700)


def _damaged_after_a_clean_close(path):
    """A database closed cleanly after passing its check, then damaged in a way nothing
    outside it shows (same size, same modification time)."""
    import os

    from peel_desktop.services.workspace import Workspace

    safety.take_backup(path, "daily")
    Workspace.open(path, lock=True).close()
    before = os.stat(path)
    data = bytearray(path.read_bytes())
    for offset in range(len(data) - 20 * 4096, len(data), 4096):
        data[offset + 100:offset + 400] = os.urandom(300)
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return bytes(data)


def test_damage_found_after_the_data_shows_is_refused_and_a_backup_offered(
        qtbot, seeded_db_path, settings_file):
    from peel_desktop.ui.safety_dialogs import open_for_app

    _damaged_after_a_clean_close(seeded_db_path)
    ws, _ = open_for_app(seeded_db_path, None, ask=lambda t, m: True)
    assert not ws.checked  # shown first: it was left as it passed
    window = MainWindow(ws, run_synchronously, QSettings(settings_file,
                                                         QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.board is not None
    asked, backed_up = [], []
    window.dialog_answer = lambda title, text: asked.append((title, text)) or True
    window.check_database(lambda: backed_up.append(True))
    assert asked[0][0] == "Restore from backup" and "integrity check failed" in asked[0][1]
    assert backed_up == []  # no daily backup of a damaged file
    assert window.ws is not ws and window.ws.checked
    assert window.ws.db.execute("SELECT count(*) FROM reports").fetchone()[0] == 5
    assert window.board is not None and window.board.force == "Leicestershire Police"
    assert len([p for p in seeded_db_path.parent.glob("seeded.sqlite.replaced-*")
                if not p.name.endswith(("-wal", "-shm"))]) == 1
    window.ws.close()


def test_declining_the_backup_closes_the_window_and_leaves_the_file(
        qtbot, seeded_db_path, settings_file, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from peel_desktop.ui.safety_dialogs import open_for_app

    damaged = _damaged_after_a_clean_close(seeded_db_path)
    ws, _ = open_for_app(seeded_db_path, None, ask=lambda t, m: True)
    window = MainWindow(ws, run_synchronously, QSettings(settings_file,
                                                         QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    exits = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    window.dialog_answer = lambda title, text: False
    window.check_database()
    assert exits == [1] and not window.isVisible() and window.ws is None
    assert seeded_db_path.read_bytes() == damaged
