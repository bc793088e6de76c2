"""`peel-desktop screenshot`: the real window, rendered offscreen to a PNG file."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from peel_desktop.domain import NotFound, PeelError


def _size(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{3,4})x(\d{3,4})", text)
    if not found:
        raise PeelError(f"--size must look like 1360x860, not '{text}'.")
    return int(found.group(1)), int(found.group(2))


def _item_key(window, text: str) -> str:
    wanted = text.strip().lower()
    board = window.board
    for item in board.items:
        if wanted in item.label.lower():
            return item.key
    for item in board.items:
        for cycle in board.cycles:
            questions = [q.title for q in window.ws.framework.cycle(cycle).questions
                         if item.key == f"theme:{q.theme}"]
            if any(wanted in q.lower() for q in questions):
                return item.key
    raise NotFound(f"No question or area matching '{text}' for {board.force}.")


def take(args: argparse.Namespace) -> int:
    """Render and save; returns the exit status (errors: one line on stderr)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_SCALE_FACTOR", "1")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from peel_desktop.services import library
    from peel_desktop.ui import theme
    from peel_desktop.ui.main_window import MainWindow
    from peel_desktop.ui.tasks import run_synchronously

    app = QApplication.instance() or theme.application(sys.argv[:1])
    try:
        width, height = _size(args.size)
        ws = library.open_user_workspace(args.db)
    except (PeelError, OSError) as error:
        print(f"peel-desktop: {error}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("appearance", args.appearance)
        window = MainWindow(ws, run_synchronously, settings)
        try:
            if args.force:
                found = library.resolve_force(ws, args.force)
                window.force_box.setCurrentText(found.name)
            if window.board is None:
                raise NotFound("The database holds no reports to show.")
            if args.question:
                window.go_to(_item_key(window, args.question))
            if args.cycle and window.comparison:
                cycles = [c.cell.cycle for c in window.comparison.columns]
                if args.cycle not in cycles:
                    raise NotFound(f"PEEL {args.cycle} is not among {', '.join(cycles)}.")
                window.select_column(cycles.index(args.cycle))
            views = ("compare", "overview", "forces", "tracker", "response")
            window.tabs.setCurrentIndex(views.index(args.view))
            window.resize(width, height)
            window.show()
            app.processEvents()
            image = window.grab()
            if not image.save(str(args.out)):
                raise PeelError(f"{args.out} could not be written.")
        except PeelError as error:
            print(f"peel-desktop: {error}", file=sys.stderr)
            return 1
        finally:
            window.close()
            window.deleteLater()
            ws.close()
    print(f"Saved {args.out} ({width}×{height}).")
    return 0
