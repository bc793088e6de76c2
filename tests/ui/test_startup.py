"""Start-up: the window opens fast, on the default data, loading nothing it does not need."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from peel_desktop.services import library
from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import run_synchronously
fresh = library.wants_default_data()
ws = library.open_user_workspace(seed=False)
window = MainWindow(ws, run_synchronously, QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
app.processEvents()
heavy = sorted(m for m in sys.modules if m.startswith((
    "reportlab", "pypdfium2", "peel_desktop.importers", "peel_desktop.recognise",
    "PySide6.QtPdf", "PySide6.QtNetwork", "PySide6.QtWebEngine")))
print("fresh", fresh)
print("loaded before first paint:", heavy)
window.load_default_data()
print("title:", window.windowTitle())
"""


def test_first_start_paints_before_loading_importers_then_shows_leicestershire(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PEEL_DESKTOP_DATA": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "s.ini")], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "fresh True" in result.stdout
    assert "loaded before first paint: []" in result.stdout
    assert "title: PEEL Desktop — Leicestershire Police" in result.stdout


def test_garbage_collection_is_back_on_once_the_window_has_shown_the_data(tmp_path, seed):
    # the start runs without cyclic collection; a session must not (its cycles would pile up)
    db = tmp_path / "reviews.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "PEEL_DESKTOP_REPORT_FIRST_PAINT": "1", "PEEL_DESKTOP_EXIT_AFTER_PAINT": "1"}
    subprocess.run([sys.executable, "-m", "peel_desktop", "--db", str(db), "import",
                    str(seed("report_2018_19"))], env=env, check=True, capture_output=True,
                   timeout=120)
    script = ("import gc, sys\nfrom peel_desktop.main import main\ncode = main(sys.argv[1:])\n"
              "print('collecting', gc.isenabled(), 'code', code)\n")
    result = subprocess.run([sys.executable, "-c", script, "--db", str(db)], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "content shown" in result.stdout
    assert "collecting True code 0" in result.stdout


def test_a_real_start_draws_in_the_fusion_style_with_the_systems_colours(tmp_path, seed):
    # the palettes are written for Fusion; "Follow the system" sets no palette of ours
    db = tmp_path / "reviews.sqlite"
    env = {**{k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"},
           "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "PEEL_DESKTOP_EXIT_AFTER_PAINT": "1"}  # (the tests' own setting left out)
    subprocess.run([sys.executable, "-m", "peel_desktop", "--db", str(db), "import",
                    str(seed("report_2018_19"))], env=env, check=True, capture_output=True,
                   timeout=120)
    script = ("import sys\nfrom peel_desktop.main import main\ncode = main(sys.argv[1:])\n"
              "from PySide6.QtCore import Qt\nfrom PySide6.QtWidgets import QApplication\n"
              "app = QApplication.instance()\n"
              "import os\n"
              "print('style', app.style().name().lower(), 'own palette',\n"
              "      app.testAttribute(Qt.ApplicationAttribute.AA_SetPalette), 'code', code,\n"
              "      'fill threads', os.environ.get('QT_NO_GUI_THREADPOOL'))\n")
    result = subprocess.run([sys.executable, "-c", script, "--db", str(db)], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    # and its widgets are filled without Qt's pool of fill threads (a scroll bar drawn in
    # 0.07 ms, not 0.9)
    assert "style fusion own palette False code 0 fill threads 1" in result.stdout


FIRST_FRAME = """
import sys
from PySide6.QtCore import QEvent, QObject
from peel_desktop.ui import main_window

class FirstFrame(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            shown = watched.empty.text() if watched.empty.isVisible() else watched.windowTitle()
            print("first frame:", shown, flush=True)
        return False

show = main_window.MainWindow.show
def show_watched(window):
    window._first_frame = FirstFrame(window)
    window.installEventFilter(window._first_frame)
    show(window)
main_window.MainWindow.show = show_watched
from peel_desktop.main import main
code = main(sys.argv[1:])
print("code", code)
"""


def _start(db, tmp_path) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "PEEL_DESKTOP_EXIT_AFTER_PAINT": "1"}
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME, "--db", str(db)], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "code 0" in result.stdout
    return result.stdout


def test_a_usual_start_shows_the_data_in_the_windows_first_frame(tmp_path, seeded_db_path):
    _start(seeded_db_path, tmp_path)  # the first start checks the file, then records it
    shown = _start(seeded_db_path, tmp_path)  # as it was left: no "Opening your reviews…"
    assert "first frame: PEEL Desktop — Leicestershire Police" in shown


def test_a_file_to_check_first_shows_the_window_before_the_data(tmp_path, seeded_db_path):
    # never closed by the app since it was made: it is read whole as it opens, which takes a
    # while at national scale, so the window says what it is doing first
    shown = _start(seeded_db_path, tmp_path)
    assert "first frame: Opening your reviews…" in shown
