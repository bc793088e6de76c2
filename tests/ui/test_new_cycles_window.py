"""PEEL 2025–27 in the window (issue 15): 2023–25 and 2025–27 side by side with the
not-comparable mark, an area the framework data does not list under "Other areas graded"
and linked to a theme (undoably), and a broken framework file said in one sentence while the
app starts on the bundled framework."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from peel_desktop.framework import load_framework
from peel_desktop.services import areas, imports
from peel_desktop.services.workspace import Workspace
from peel_desktop.ui import window_actions

FIXTURES = Path(__file__).parent.parent / "fixtures"
VAWG = "Tackling violence against women and girls"


def _devon(ws) -> None:
    imports.import_path(ws, FIXTURES / "devon-peel-2023-25-saved.html")
    imports.import_path(ws, FIXTURES / "devon-peel-2025-27-saved.html")


def _groups(window) -> list[str]:
    model = window.navigator_model
    return [model.index(g, 0).data() for g in range(model.rowCount())]


def test_2025_27_beside_2023_25_and_an_unlisted_area_linked_then_undone(open_window, ws):
    _devon(ws)
    window = open_window(ws)
    window.force_box.setCurrentText("Devon and Cornwall Police")
    assert window.board.cycles == ("2023-25", "2025-27")
    assert window.matrix_model.headerData(1, Qt.Orientation.Horizontal) == \
        "◆ PEEL 2025-27"
    assert "Other areas graded" in _groups(window)
    window.go_to("theme:investigation")
    html = window.compare_view.toPlainText()
    assert "◆" in html and "new framework" in html and "not list this area" in html
    (vawg,) = [a for a in areas.named_areas(ws) if a.title == VAWG]
    window_actions.link_area(window, vawg.key, "vulnerability")
    assert "Other areas graded" not in _groups(window)
    assert window.board.item("theme:vulnerability").cells[-1].chip == "G/RI"
    window.annotating.stack.undo()
    assert "Other areas graded" in _groups(window)
    assert areas.area(ws, vawg.key).theme is None
    window.annotating.stack.redo()
    assert areas.area(ws, vawg.key).linked_theme == "vulnerability"


def test_a_broken_framework_file_is_said_and_the_bundled_framework_used(open_window, tmp_path,
                                                                       qtbot, monkeypatch):
    from peel_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "quiet_problems", True, raising=False)  # no message box
    extra = tmp_path / "framework"
    extra.mkdir()
    (extra / "ours.json").write_text('{\n  "cycles": [\n    {"key": "2027-29", '
                                     '"scale": "six_point"}\n  ]\n}\n')
    ws = Workspace.open(tmp_path / "peel.sqlite", framework=load_framework(extra_dir=extra))
    try:
        _devon(ws)
        window = open_window(ws)
        qtbot.waitUntil(lambda: getattr(window, "last_problem", None) is not None)
        assert window.last_problem.startswith(
            "The framework file ours.json was not used: line 3: ")
        assert window.board is not None and window.board.cycles == ("2023-25", "2025-27")
    finally:
        ws.close()


def test_the_app_starts_with_a_broken_framework_file_in_the_data_folder(tmp_path):
    data = tmp_path / "data"
    (data / "framework").mkdir(parents=True)
    (data / "framework" / "ours.json").write_text("{ not json")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PEEL_DESKTOP_DATA": str(data),
           "PEEL_DESKTOP_REPORT_FIRST_PAINT": "1", "PEEL_DESKTOP_EXIT_AFTER_PAINT": "1"}
    result = subprocess.run([sys.executable, "-m", "peel_desktop"], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "content shown" in result.stdout
    # the CLI says the same sentence and goes on
    cli = subprocess.run([sys.executable, "-m", "peel_desktop", "forces"], env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert cli.returncode == 0
    assert "The framework file ours.json was not used: line 1: it is not valid JSON" in cli.stderr
