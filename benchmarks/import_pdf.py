"""Import throughput of a 100-page report PDF against raw pypdfium2 text extraction.

    python -m benchmarks.import_pdf [--runs N]

The floor is measured in the same run on the same file: open the PDF with pypdfium2 and
read every page's text. The goal is an import (extract with layout, recognise, store in the
open workspace) at no less than half the raw rate.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.report_pdf import build
from peel_desktop.services import imports
from peel_desktop.services.workspace import Workspace


def raw_extract(path: Path) -> int:
    document = pdfium.PdfDocument(path.read_bytes())
    chars = 0
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    count = len(document)
    document.close()
    return count


def full_import(path: Path, folder: Path, run: int) -> float:
    """Seconds to import the PDF into an open workspace (a new one each run, opened before
    the clock starts, as the reviewer's is when they import: making the database is not
    part of importing a report)."""
    ws = Workspace.open(folder / f"bench-{run}.sqlite")
    try:
        start = time.perf_counter()
        outcome = imports.import_path(ws, path)
        elapsed = time.perf_counter() - start
        assert not outcome.duplicate and outcome.judgments
        return elapsed
    finally:
        ws.close()


def timed(fn, runs: int) -> list[float]:
    out = []
    for run in range(runs):
        start = time.perf_counter()
        fn(run)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        pdf = build(folder_path / "report.pdf", pages=args.pages)
        pages = raw_extract(pdf)
        Workspace.open(folder_path / "warm.sqlite").close()  # load the framework once
        raw, ours = [], []
        for run in range(args.runs):  # interleaved pairs
            raw += timed(lambda _run: raw_extract(pdf), 1)
            ours.append(full_import(pdf, folder_path, run))
    raw_rate, our_rate = pages / statistics.median(raw), pages / statistics.median(ours)
    print(f"{pages}-page PDF, median of {args.runs} runs (min–max seconds)")
    print("| figure | pages/s | seconds min–max |")
    print("|---|---|---|")
    print(f"| raw pypdfium2 text extraction (floor) | {raw_rate:.0f} | "
          f"{min(raw):.3f}–{max(raw):.3f} |")
    print(f"| PEEL Desktop import (layout, recognise, store) | {our_rate:.0f} | "
          f"{min(ours):.3f}–{max(ours):.3f} |")
    ratio = our_rate / raw_rate
    print(f"ratio {ratio:.2f} of the raw rate (goal ≥ 0.50): {'met' if ratio >= 0.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
