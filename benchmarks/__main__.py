"""Every benchmark at national scale, each figure against its floor measured in the same run.

    python -m benchmarks [--quick] [--json FILE] [--no-write]

Builds the national corpus (43 forces × 7 cycles, about 50,000 passages, 300 annotations;
deterministic), then measures start-up, question switching, a 100-page PDF import, the
national import, search, a briefing pack, peak memory and database size. Prints the table and
rewrites the results section of docs/benchmarks.md (between its markers) with the machine,
the date and the command; the profiled notes below the markers are kept.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"

MEMORY = """
import os, resource, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from peel_desktop.services import search, tracker
from peel_desktop.services.library import open_user_workspace
from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import run_synchronously
ws = open_user_workspace(sys.argv[1])
w = MainWindow(ws, run_synchronously, QSettings(sys.argv[2], QSettings.Format.IniFormat))
w.resize(1360, 860); w.show(); app.processEvents()
for force in range(0, w.force_box.count(), 6):        # several forces, every question each
    w.force_box.setCurrentIndex(force); app.processEvents()
    for key in w.navigator_model.ordered_keys():
        w.go_to(key); app.processEvents()
for tab in range(w.tabs.count()):
    w.tabs.setCurrentIndex(tab); app.processEvents()
search.search(ws, "force", limit=50); tracker.tracked(ws)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, flush=True)
os._exit(0)
"""


def _ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:.0f} ms ({min(xs) * 1000:.0f}–{max(xs) * 1000:.0f})"


def _p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) > 1 else xs[0]


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def measure(folder: Path, quick: bool) -> dict:
    from benchmarks import briefing, import_pdf, national, review_window, search
    from benchmarks.report_pdf import build as build_pdf

    runs = 3 if quick else 7
    out: dict = {"quick": quick}
    print("building the national corpus …", file=sys.stderr)
    corpus = national.build(folder)
    db = corpus["db"]
    out["corpus"] = {k: v for k, v in corpus.items() if k != "db"}

    print("start-up …", file=sys.stderr)
    bare, painted, shown = review_window.startup(db, runs, folder)
    out["startup"] = {"bare": bare, "painted": painted, "shown": shown,
                      "ratio": statistics.median(painted) / statistics.median(bare)}

    print("question switching …", file=sys.stderr)
    samples = review_window.switching(db, 2 if quick else 5, folder)
    out["switch"] = {"p95_ms": _p95(samples), "median_ms": statistics.median(samples),
                     "max_ms": max(samples), "samples": len(samples)}

    print("100-page PDF import …", file=sys.stderr)
    pdf = build_pdf(folder / "report.pdf", pages=100)
    pages = import_pdf.raw_extract(pdf)
    raw = import_pdf.timed(lambda run: import_pdf.raw_extract(pdf), runs)
    ours = import_pdf.timed(lambda run: import_pdf.full_import(pdf, folder, run), runs)
    out["import_pdf"] = {"pages": pages, "raw": raw, "ours": ours,
                         "ratio": statistics.median(raw) / statistics.median(ours)}

    print("search …", file=sys.stderr)
    out["search"] = search.measure(db, 4 if quick else 10)

    print("briefing pack …", file=sys.stderr)
    out["briefing"] = briefing.measure(db, None, 3 if quick else 5)

    print("peak memory …", file=sys.stderr)
    result = subprocess.run([sys.executable, "-c", MEMORY, str(db), str(folder / "m.ini")],
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    out["memory_bytes"] = int(result.stdout.strip().splitlines()[-1])
    return out


def table(m: dict) -> list[str]:
    s, sw, imp, se, br = m["startup"], m["switch"], m["import_pdf"], m["search"], m["briefing"]
    c = m["corpus"]
    raw_rate = imp["pages"] / statistics.median(imp["raw"])
    our_rate = imp["pages"] / statistics.median(imp["ours"])
    search_ratio = se["ours_p95"] / se["raw_p95"]
    memory_mb = m["memory_bytes"] / 2**20
    return [
        "| figure | floor in the same run | measured | goal |",
        "|---|---|---|---|",
        f"| process start → main window painted, national corpus (median; min–max) | bare "
        f"PySide6 window {_ms(s['bare'])} | {_ms(s['painted'])}, {s['ratio']:.2f}× | ≤ 2× "
        f"{_verdict(s['ratio'] <= 2)} |",
        f"| process start → window showing the first force's history | — | {_ms(s['shown'])} | "
        f"reported |",
        f"| question switch, uncached, p95 of {sw['samples']} | — | {sw['p95_ms']:.1f} ms "
        f"(median {sw['median_ms']:.1f}, max {sw['max_ms']:.1f}) | ≤ 16 ms "
        f"{_verdict(sw['p95_ms'] <= 16)} |",
        f"| import a {imp['pages']}-page report PDF (median; min–max s) | raw pypdfium2 text "
        f"extraction {raw_rate:.0f} pages/s ({min(imp['raw']):.3f}–{max(imp['raw']):.3f}) | "
        f"{our_rate:.0f} pages/s ({min(imp['ours']):.3f}–{max(imp['ours']):.3f}), "
        f"{imp['ratio']:.2f}× | ≥ 0.5× {_verdict(imp['ratio'] >= 0.5)} |",
        f"| import the national corpus ({c['reports']} web-page reports, {c['passages']} "
        f"passages; unpaged) | — | {c['import_seconds']:.1f} s: {c['reports_per_second']:.1f} "
        f"reports/s, {c['passages'] / c['import_seconds']:.0f} passages/s | reported |",
        f"| search, typical queries, p95 of {se['samples']} | raw FTS5 p95 "
        f"{se['raw_p95']:.1f} ms | {se['ours_p95']:.1f} ms, {search_ratio:.2f}× | ≤ 1.5× "
        f"{_verdict(search_ratio <= 1.5)} |",
        f"| search, worst query (“force”, {se['worst_hits']} hits), p95 | raw FTS5 "
        f"{se['worst_raw']:.1f} ms | {se['worst_ours']:.1f} ms, "
        f"{se['worst_ours'] / se['worst_raw']:.2f}× | ≤ 1.5× "
        f"{_verdict(se['worst_ours'] <= 1.5 * se['worst_raw'])} |",
        f"| briefing pack, {br['force']}, all cycles, {br['pages']} pages (median; min–max s) "
        f"| plain reportlab document of the same page count {br['floor_rate']:.0f} pages/s "
        f"({min(br['floor']):.2f}–{max(br['floor']):.2f}) | {br['rate']:.0f} pages/s "
        f"({min(br['ours']):.2f}–{max(br['ours']):.2f}), {br['ratio']:.2f}× | ≥ 0.7× "
        f"{_verdict(br['ratio'] >= 0.7)} |",
        f"| peak memory, national corpus open, several forces stepped through, every tab | — | "
        f"{memory_mb:.0f} MB | ≤ 250 MB {_verdict(memory_mb <= 250)} |",
        f"| database size per 1,000 passages | — | "
        f"{c['bytes_per_1000_passages'] / 2**20:.2f} MB (whole file {c['db_bytes'] / 2**20:.0f} "
        f"MB) | reported |",
    ]


def _machine() -> str:
    cores = os.cpu_count()
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        ram = f", {memory:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        ram = ""
    return f"{platform.system()} {platform.machine()}, {cores} cores{ram}, Python " \
           f"{platform.python_version()}"


def write_docs(lines: list[str], quick: bool) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = "python -m benchmarks" + (" --quick" if quick else "")
    section = "\n".join([
        BEGIN,
        "## Results at national scale (issue 10)",
        "",
        f"Command: `.venv/bin/{command}` (regenerates this section). Machine: {_machine()}. "
        f"Date: {stamp}. Medians of several runs, min–max in brackets; each floor is measured "
        "in the same run.",
        "",
        *lines,
        END,
    ])
    text = DOCS.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        title, _, body = text.partition("\n")
        text = f"{title}\n\n{section}\n{body}"
    DOCS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs of each figure")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures")
    parser.add_argument("--no-write", action="store_true", help="leave docs/benchmarks.md")
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as name:
        figures = measure(Path(name), args.quick)
    lines = table(figures)
    print("\n".join(lines))
    print(f"({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    if not args.no_write:
        write_docs(lines, args.quick)


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip PySide's teardown at interpreter exit
