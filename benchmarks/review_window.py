"""Start-up, question switching and a session's memory in the review window.

    python -m benchmarks.review_window [--runs N]      (on the five seed documents)

``python -m benchmarks`` calls these at national scale and at three times it:
1. startup: process start → the window's first frame, and → the first force's questions,
   grades and comparison painted, against a bare PySide6 window measured in the same run
   (interleaved, after one untimed start). Goal: at most twice the bare window.
2. switching: question switches by keyboard (Alt+Down) in the real window, uncached, with
   the Compare cycles and the Compare forces tab open; each sample processes the events the
   keystroke posts (the comparison computed, the changed views laid out and painted).
   Goal: p95 within one frame, 16 ms.
3. session_memory: resident memory after 100 and after N switches, in a process of its own.
4. instructions: the start-up figure counted in instructions (valgrind's callgrind), the bare
   window's and ours: a count that does not move with the machine's load, as the wall clock
   on a shared virtual machine does by a tenth or more.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
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
    # the bare window as PySide6 comes (the app's own settings of Qt are the app's)
    plain = {k: v for k, v in env.items() if k != "QT_NO_GUI_THREADPOOL"}
    bare, ours, content = [], [], []
    # One start first, not timed: the database is then as a reviewer's is at every start
    # after the first (closed cleanly after passing its check), and the files are cached.
    _until_paint([exe, "--db", str(db)], env)
    for _ in range(runs):  # interleaved, so both see the same machine state
        bare.append(_until_paint([sys.executable, "-c", BARE], plain)[0])
        painted, shown = _until_paint([exe, "--db", str(db)], env)
        ours.append(painted)
        content.append(shown)
    return bare, ours, content


# Either process stops where its figure ends ("content shown"), not at its own pace after.
_STOP = """
import builtins, os
_print = builtins.print
def _stop_when_shown(*words, **how):
    _print(*words, **how)
    if words and words[0] == "content shown":
        os._exit(0)
builtins.print = _stop_when_shown
"""
_OURS = """
import sys
from peel_desktop.main import main
sys.exit(main(sys.argv[1:]))
"""


def instructions(db: Path, folder: Path) -> tuple[int, int] | None:
    """Instructions from process start to the bare window painted and to our first force's
    data painted (callgrind's totals); None where valgrind is not installed."""
    if shutil.which("valgrind") is None:
        return None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder),
           "PEEL_DESKTOP_REPORT_FIRST_PAINT": "1", "PYTHONHASHSEED": "0"}
    exe = str(Path(sys.executable).with_name("peel-desktop"))
    counts = []
    for code in (BARE, _OURS):
        # a clean close first: the file as a reviewer's is at every start after the first
        # (the count stops the process at once, which a next start would take for a crash)
        _until_paint([exe, "--db", str(db)], {**env, "PEEL_DESKTOP_EXIT_AFTER_PAINT": "1"})
        out = folder / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        sys.executable, "-c", _STOP + code, "--db", str(db)],
                       env=env, capture_output=True, timeout=900, check=True)
        summary = next(line for line in out.read_text().splitlines()
                       if line.startswith(("summary:", "totals:")))
        counts.append(int(summary.split()[1]))
        out.unlink()
    _until_paint([exe, "--db", str(db)], {**env, "PEEL_DESKTOP_EXIT_AFTER_PAINT": "1"})
    return counts[0], counts[1]


def _window(db: Path, folder: Path):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from peel_desktop.services.library import open_user_workspace
    from peel_desktop.ui import theme
    from peel_desktop.ui.main_window import MainWindow
    from peel_desktop.ui.tasks import run_synchronously

    app = QApplication.instance() or theme.application([])  # as the app makes it
    ws = open_user_workspace(db)
    window = MainWindow(ws, run_synchronously,
                        QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1360, 860)
    window.show()
    window.activateWindow()
    app.processEvents()
    # what the start made set aside from garbage collection, as the app does once the data
    # is painted (ui.app), so that a collection walks what the session makes, not the start
    gc.freeze()
    return app, ws, window


def press(app, window, key: str) -> None:
    """One keystroke as the reviewer gives it (Alt+Down: Next question; Alt+Up: Previous),
    then the events it posts: the comparison computed, the changed views laid out and
    painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(window, Qt.Key.Key_Down if key == "next" else Qt.Key.Key_Up,
                   Qt.KeyboardModifier.AltModifier)
    app.processEvents()


def _reading(app, seconds: float) -> None:
    """The reviewer reading the question: the window idle, its timers running."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def switching(db: Path, passes: int, folder: Path) -> dict[str, list[float]]:
    """Milliseconds per question switch by keyboard, walking every question of the first
    force (uncached: each pass starts with nothing computed): one key after another on the
    Compare cycles tab and on the Compare forces tab, and on Compare cycles with a pause of
    0.4 s on each question first, as a reviewer reading it makes ("cycles_read")."""
    app, ws, window = _window(db, folder)
    keys = window.navigator_model.ordered_keys()
    out: dict[str, list[float]] = {}
    for name, tab in (("cycles", window.compare_view), ("forces", window.forces_tab),
                      ("cycles_read", window.compare_view)):
        window.tabs.setCurrentWidget(tab)
        app.processEvents()
        samples = out.setdefault(name, [])
        for _ in range(passes):
            window._cache.clear()  # nothing computed: the pass starts as a new session
            window._boards = None  # (the Compare forces tab makes them as it is shown)
            window.compare_view._layouts.clear()  # nor any paragraph laid out
            # the first question shown afresh, so that what the tab shows is made for it
            # before the clock starts (the board of every force, when the tab is first shown
            # or the data changed), not at the first switch of the first pass only
            window.go_to(keys[-1])
            window.go_to(keys[0])
            app.processEvents()
            for _key in keys[1:]:
                if name == "cycles_read":
                    _reading(app, 0.4)
                start = time.perf_counter()
                press(app, window, "next")
                samples.append((time.perf_counter() - start) * 1000)
    window.close()
    ws.close()
    return out


SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from benchmarks.review_window import _window, press
app, ws, w = _window(Path(sys.argv[1]), Path(sys.argv[2]))
switches, marks = int(sys.argv[3]), {100, int(sys.argv[3])}
page = os.sysconf("SC_PAGE_SIZE")
direction, done, forces = "next", 0, w.force_box.count()
while done < switches:
    if done % 250 == 0:   # another force now and then, a tab now and then, as in a session
        w.force_box.setCurrentIndex((done // 250 * 7) % forces)
        w.tabs.setCurrentIndex((done // 250) % 3)
        app.processEvents()
    keys = w.navigator_model.ordered_keys()
    at = keys.index(w.current_key())
    if (direction == "next" and at == len(keys) - 1) or (direction == "previous" and at == 0):
        direction = "previous" if direction == "next" else "next"
    press(app, w, direction)
    done += 1
    if done in marks:
        with open("/proc/self/statm") as f:
            print(done, int(f.read().split()[1]) * page, flush=True)
os._exit(0)
"""


def session_memory(db: Path, folder: Path, switches: int = 2000) -> dict[int, int]:
    """Resident memory (bytes) after 100 question switches and after ``switches``, by
    keyboard in the real window, in a process of its own."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", SESSION, str(db), str(folder),
                             str(switches)], capture_output=True, text=True, check=True,
                            cwd=root, env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                           "PYTHONPATH": str(root)})
    return {int(n): int(b) for n, b in (line.split() for line in result.stdout.splitlines()
                                        if line[:1].isdigit())}


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
        samples = switching(db, 5, folder)["cycles"]
    ratio = statistics.median(content) / statistics.median(bare)
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
