"""Application bootstrap: QApplication, the reviewer's database, the main window."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from peel_desktop import paths
from peel_desktop.ui import theme
from peel_desktop.ui.tasks import BackgroundRunner


class _AfterFirstPaint(QObject):
    """Runs a callback once, on the next turn of the event loop after the first paint."""

    def __init__(self, window: QWidget, then) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if os.environ.get("PEEL_DESKTOP_REPORT_FIRST_PAINT"):
                print("first paint", flush=True)
            QTimer.singleShot(0, self.then)
        return False


def _collect_again() -> None:
    """Garbage collection back on once the data is painted (``main`` turns it off for the
    start); what the start made stays for the session, so it is set aside, not walked at
    every collection."""
    gc.freeze()
    gc.enable()


def _set_up_log() -> None:
    from peel_desktop import support

    support.setup()


def app_icon():
    """The application's icon, from the PNG sizes in resources/icons."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in sorted((paths.resources_dir() / "icons").glob("peel-desktop-*.png")):
        icon.addFile(str(path))
    return icon


def private(settings: Path, *, folder: bool = True) -> None:
    """The settings file (search history, the reviewer's name, recent folders) and its folder
    readable by the user alone, as the app's other files are; an older install made them
    readable by anyone."""
    for path, mode in ((settings.parent, 0o700), (settings, 0o600))[0 if folder else 1:]:
        with contextlib.suppress(OSError):  # not ours to change (a shared folder)
            if path.exists() and path.stat().st_mode & 0o077:
                os.chmod(path, mode)


def run_app(db_path: Path | None, argv: list[str]) -> int:
    """Paint the main window, then open the reviewer's database in it; returns the exit
    status."""
    app = QApplication.instance() or theme.application(argv)

    def excepthook(kind, error, trace) -> None:
        from PySide6.QtWidgets import QMessageBox

        from peel_desktop import support  # opens the log itself if it is not open yet

        message = support.unexpected(error.with_traceback(trace), "the window")
        QMessageBox.warning(None, paths.APP_NAME, message)

    sys.excepthook = excepthook
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName("PEEL Desktop")
    app.setDesktopFileName("uk.peel_desktop.PeelDesktop")  # the .desktop file's name
    from peel_desktop.ui.main_window import MainWindow

    runner = BackgroundRunner()
    window = MainWindow(None, runner)
    private(Path(window.settings.fileName()))
    # Qt keeps the file dialogs' recent folders in its own settings file, shared by Qt apps
    private(Path(QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                           "QtProject").fileName()), folder=False)
    opened = []

    def open_database() -> None:
        from peel_desktop.domain import PeelError
        from peel_desktop.services import library
        from peel_desktop.ui.safety_dialogs import open_for_app

        try:
            result = open_for_app(db_path, window)
        except (PeelError, OSError) as error:
            from PySide6.QtWidgets import QMessageBox  # (message boxes are off the way to data)

            QMessageBox.critical(window, paths.APP_NAME,
                                 f"The database cannot be opened.\n\n{error}")
            print(f"peel-desktop: {error}", file=sys.stderr)
            app.exit(1)
            return
        if result is None:
            app.exit(1)
            return
        ws, fresh = result
        opened.append(ws)
        window.attach(ws)
        # after the data: its PNGs are read and scaled, and the first frame does without
        QTimer.singleShot(0, lambda: app.setWindowIcon(app_icon()))
        # The log is set up once the data is painted (it is not on the way to it); anything
        # that fails before then sets it up itself to log the failure.
        QTimer.singleShot(0, _set_up_log)
        QTimer.singleShot(0, _collect_again)
        if fresh:
            window.load_default_data()
        if os.environ.get("PEEL_DESKTOP_REPORT_FIRST_PAINT"):
            window.repaint()
            print("content shown", flush=True)
        if os.environ.get("PEEL_DESKTOP_EXIT_AFTER_PAINT"):
            window.check_database(lambda: QTimer.singleShot(0, app.quit))
        elif not fresh and not ws.read_only:  # a backup only of a file that passed its check
            window.check_database(lambda: window.run_task(
                lambda: library.daily_backup(ws),  # path only: no shared connection
                lambda _path: None, window.backup_failed))
        else:
            window.check_database()

    window._after_paint = _AfterFirstPaint(window, open_database)
    window.show()
    try:
        return app.exec()
    finally:
        # A backup still being written finishes before the database is closed and Qt goes.
        runner.shutdown()
        for ws in opened:
            if window.ws is not None and window.ws is not ws:
                window.ws.close()
            ws.close()
