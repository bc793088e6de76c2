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
from peel_desktop.services import library
from peel_desktop.ui import theme
from peel_desktop.ui.tasks import BackgroundRunner


class _AfterFirstPaint(QObject):
    """Runs a callback (if any) once, on the next turn of the event loop after the window's
    first paint; with PEEL_DESKTOP_REPORT_FIRST_PAINT set, says when that paint came."""

    def __init__(self, window: QWidget, then=None) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if os.environ.get("PEEL_DESKTOP_REPORT_FIRST_PAINT"):
                print("first paint", flush=True)
            if self.then is not None:
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
    """Show the main window with the reviewer's data; returns the exit status.

    A database that opens at once (as it was when it last passed its check and was closed
    cleanly: the usual start) is opened before the window's first paint, so that the first
    frame holds the data. Any other (a first start, a file left by a crash, which is checked
    as it opens) is opened once the window has painted ("Opening your reviews…")."""
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
    at_once = library.opens_at_once(db_path)
    report = os.environ.get("PEEL_DESKTOP_REPORT_FIRST_PAINT")

    def open_database() -> int | None:
        """Open the database and show it; an exit status when the window is not to stay."""
        from peel_desktop.domain import PeelError
        from peel_desktop.ui.safety_dialogs import open_for_app

        try:
            result = open_for_app(db_path, window)
        except (PeelError, OSError) as error:
            from PySide6.QtWidgets import QMessageBox  # (message boxes are off the way to data)

            QMessageBox.critical(window, paths.APP_NAME,
                                 f"The database cannot be opened.\n\n{error}")
            print(f"peel-desktop: {error}", file=sys.stderr)
            return 1
        if result is None:
            return 1
        ws, fresh = result
        opened.append(ws)
        window.attach(ws)
        if fresh:
            window.load_default_data()
        if at_once:  # the window's first paint is the data's; the rest waits for it
            window._after_paint = _AfterFirstPaint(window, lambda: when_shown(ws, fresh))
            return None
        if report:  # the window painted before the data came: the data now
            window.repaint()
            print("content shown", flush=True)
        QTimer.singleShot(0, lambda: when_shown(ws, fresh))
        return None

    def when_shown(ws, fresh: bool) -> None:
        """Once the data is on screen: the window's icon (its PNGs read and scaled), the log
        (anything that fails before then sets it up itself), garbage collection, and the
        integrity check left until now."""
        if report and at_once:
            print("content shown", flush=True)
        window.data_shown()
        app.setWindowIcon(app_icon())
        _set_up_log()
        _collect_again()
        if os.environ.get("PEEL_DESKTOP_EXIT_AFTER_PAINT"):
            window.check_database(lambda: QTimer.singleShot(0, app.quit))
        elif not fresh and not ws.read_only:  # a backup only of a file that passed its check
            window.check_database(lambda: window.run_task(
                lambda: library.daily_backup(ws),  # path only: no shared connection
                lambda _path: None, window.backup_failed))
        else:
            window.check_database()

    def open_after_paint() -> None:
        code = open_database()
        if code is not None:
            app.exit(code)

    if not at_once:  # a first start, or a file to check as it opens: the window paints first
        window._after_paint = _AfterFirstPaint(window, open_after_paint)
    window.show()  # (laid out at its size: the data is laid out once, at the width it shows)
    try:
        if at_once:
            try:
                code = open_database()
            except Exception as error:  # as it would be in the event loop: said, and logged
                excepthook(type(error), error, error.__traceback__)
                code = None
            if code is not None:
                return code
        return app.exec()
    finally:
        # A backup still being written finishes before the database is closed and Qt goes.
        runner.shutdown()
        for ws in opened:
            if window.ws is not None and window.ws is not ws:
                window.ws.close()
            ws.close()
