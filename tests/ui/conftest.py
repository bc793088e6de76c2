"""GUI fixtures: the real main window, and a check that no test leaks a top-level window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import run_synchronously


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp):
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    QApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets()
              if id(w) not in before and w.isVisible()]
    for widget in leaked:
        widget.close()
    assert not leaked, f"test left windows open: {leaked}"


@pytest.fixture
def settings_file(tmp_path) -> str:
    return str(tmp_path / "settings.ini")


@pytest.fixture
def open_window(qtbot, settings_file):
    """open_window(ws) → the main window on that workspace, shown, closed after the test."""

    def make(ws) -> MainWindow:
        settings = QSettings(settings_file, QSettings.Format.IniFormat)
        window = MainWindow(ws, run_synchronously, settings)
        qtbot.addWidget(window)
        window.resize(780, 560)  # within the offscreen screen (800 × 600)
        window.show()
        window.activateWindow()  # shortcuts act in the active window
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make
