"""Application bootstrap: QApplication, the reviewer's database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from peel_desktop import paths
from peel_desktop.domain import PeelError
from peel_desktop.services import library
from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import BackgroundRunner


def run_app(db_path: Path | None, argv: list[str]) -> int:
    """Open the main window on the reviewer's database; returns the exit status."""
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName("PEEL Desktop")
    try:
        ws = library.open_user_workspace(db_path)
    except (PeelError, OSError) as error:
        QMessageBox.critical(None, paths.APP_NAME, f"The database cannot be opened.\n\n{error}")
        print(f"peel-desktop: {error}", file=sys.stderr)
        return 1
    window = MainWindow(ws, BackgroundRunner())
    window.resize(1200, 820)
    window.show()
    try:
        return app.exec()
    finally:
        ws.close()
