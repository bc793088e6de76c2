"""Start-up and question switching of the review window.

    python -m benchmarks.review_window [--runs N]

1. Process start → main window painted, on a database holding the five seed documents,
   against a bare PySide6 window (QApplication + QMainWindow) measured in the same run.
   Goal: at most twice the bare window.
2. Switching question (uncached: the comparison is computed, laid out and the changed views
   painted, by processing the events the switch posts), p95 over
   every item of the board, several passes. Goal: within one frame, 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
BARE = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class Watch(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("first paint", flush=True); print("content shown", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
app = QApplication([])
w = QMainWindow(); w.resize(1360, 860); watch = Watch(); w.installEventFilter(watch); w.show()
app.exec()
"""


def _until_paint(command: list[str], env: dict) -> tuple[float, float]:
    """Seconds to the first paint, and to the data shown (the same for the bare window)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    painted = None
    for line in process.stdout:
        if line.startswith("first paint"):
            painted = time.perf_counter() - start
        if line.startswith("content shown"):
            break
    shown = time.perf_counter() - start
    process.wait(timeout=60)
    if painted is None:
        raise RuntimeError(f"{command} never painted")
    return painted, shown


def startup(db: Path, runs: int, folder: Path) -> tuple[list[float], list[float]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder),
           "PEEL_DESKTOP_REPORT_FIRST_PAINT": "1", "PEEL_DESKTOP_EXIT_AFTER_PAINT": "1"}
    exe = str(Path(sys.executable).with_name("peel-desktop"))
    bare, ours, content = [], [], []
    for _ in range(runs):  # interleaved, so both see the same machine state
        bare.append(_until_paint([sys.executable, "-c", BARE], env)[0])
        painted, shown = _until_paint([exe, "--db", str(db)], env)
        ours.append(painted)
        content.append(shown)
    return bare, ours, content


def switching(db: Path, passes: int, folder: Path) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from peel_desktop.services.library import open_user_workspace
    from peel_desktop.ui.main_window import MainWindow
    from peel_desktop.ui.tasks import run_synchronously

    app = QApplication.instance() or QApplication([])
    ws = open_user_workspace(db)
    window = MainWindow(ws, run_synchronously,
                        QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1360, 860)
    window.show()
    app.processEvents()
    keys = window.navigator_model.ordered_keys()
    samples = []
    for _ in range(passes):
        window._cache.clear()
        for key in keys:
            start = time.perf_counter()
            window.go_to(key)
            app.processEvents()  # lays out and paints what the switch changed
            samples.append((time.perf_counter() - start) * 1000)
    window.close()
    ws.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "seeded.sqlite"
        subprocess.run([str(Path(sys.executable).with_name("peel-desktop")), "--db", str(db),
                        "import", *map(str, sorted(SEEDS.glob("0*.txt")))], check=True,
                       capture_output=True)
        bare, ours, content = startup(db, args.runs, folder)
        samples = switching(db, 5, folder)
    ratio = statistics.median(ours) / statistics.median(bare)
    p95 = statistics.quantiles(samples, n=20)[-1]
    print("| figure | floor in the same run | measured | goal |")
    print("|---|---|---|---|")
    print(f"| process start → window painted (median of {args.runs}; min–max) | bare PySide6 "
          f"window {statistics.median(bare) * 1000:.0f} ms ({min(bare) * 1000:.0f}–"
          f"{max(bare) * 1000:.0f}) | {statistics.median(ours) * 1000:.0f} ms "
          f"({min(ours) * 1000:.0f}–{max(ours) * 1000:.0f}), {ratio:.2f}× | ≤ 2× "
          f"{'met' if ratio <= 2 else 'MISSED'} |")
    print(f"| process start → window showing the force's history (median; min–max) | — | "
          f"{statistics.median(content) * 1000:.0f} ms ({min(content) * 1000:.0f}–"
          f"{max(content) * 1000:.0f}), {statistics.median(content) / statistics.median(bare):.2f}"
          f"× the bare window | reported |")
    print(f"| question switch, uncached, p95 of {len(samples)} | — | {p95:.1f} ms "
          f"(median {statistics.median(samples):.1f}, max {max(samples):.1f}) | ≤ 16 ms "
          f"{'met' if p95 <= 16 else 'MISSED'} |")


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip PySide's teardown at interpreter exit
