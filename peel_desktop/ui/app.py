"""Application bootstrap: QApplication, the reviewer's database, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from peel_desktop import paths
from peel_desktop.domain import PeelError
from peel_desktop.services import library
from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import BackgroundRunner


class _FirstPaint(QObject):
    """Prints 'first paint' once the window has painted (for the start-up benchmark)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("first paint", flush=True)
            if os.environ.get("PEEL_DESKTOP_EXIT_AFTER_PAINT"):
                QTimer.singleShot(0, QApplication.quit)
        return False


def report_first_paint(window: QWidget) -> None:
    if os.environ.get("PEEL_DESKTOP_REPORT_FIRST_PAINT"):
        window._first_paint = _FirstPaint(window)  # kept alive by the window
        window.installEventFilter(window._first_paint)


def run_app(db_path: Path | None, argv: list[str]) -> int:
    """Open the main window on the reviewer's database; returns the exit status."""
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName("PEEL Desktop")
    try:
        fresh = library.wants_default_data(db_path)
        ws = library.open_user_workspace(db_path, seed=False)
    except (PeelError, OSError) as error:
        QMessageBox.critical(None, paths.APP_NAME, f"The database cannot be opened.\n\n{error}")
        print(f"peel-desktop: {error}", file=sys.stderr)
        return 1
    window = MainWindow(ws, BackgroundRunner())
    window.show()
    if fresh:
        window.load_default_data()
    report_first_paint(window)
    try:
        return app.exec()
    finally:
        ws.close()
