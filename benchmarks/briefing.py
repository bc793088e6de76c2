"""Briefing pack speed: pages per second for the full pack of one force, all cycles, against
plain reportlab making the same pages in the same run.

    python -m benchmarks.briefing [--runs N]

The floor is the pack's own flowables (the same paragraphs, tables and chart, in the same
fonts and frame) built by reportlab's stock document template and canvas. What the pack adds
over it is reading the database, the page furniture (protective marking, "page n of N"), the
outline and the contents' page numbers. A second, older floor is reported beside it: a
document of the same page count made of five Helvetica paragraphs a page, which is far less
dense than the pack (about 36 paragraphs a page).

Goal: at least 0.7 of the floor's pages per second.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
)

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
TEXT = ("The force works with partners to protect vulnerable people and investigates crime "
        "effectively although supervision is inconsistent. ") * 12


def plain(pages: int) -> int:
    styles = getSampleStyleSheet()
    story = []
    for n in range(pages):
        story += [Paragraph(f"Page {n}", styles["Heading1"])]
        story += [Paragraph(TEXT, styles["BodyText"]) for _ in range(4)]
        story.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return len(buffer.getvalue())


def same_pages(pack) -> int:
    """The pack's flowables, made and built by plain reportlab: its stock template and
    canvas, in the pack's frame; the contents' entries as plain paragraphs (the stock canvas
    has no page numbers to write into them)."""
    from peel_desktop.export import pdf

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                          topMargin=20 * mm, bottomMargin=22 * mm)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
    story = []
    for flowable in pdf.story(pack):
        story += flowable.paras if isinstance(flowable, pdf._Contents) else [flowable]
    doc.build(story)
    return len(buffer.getvalue())


def measure(db: Path, force: str | None, runs: int) -> dict:
    """The full pack of ``force`` (or the force with the most reports), all cycles."""
    import pypdfium2 as pdfium

    from peel_desktop.export import pdf
    from peel_desktop.services import briefing, library
    from peel_desktop.services.workspace import Workspace

    ws = Workspace.open(db)
    try:
        if force is None:
            force = max(library.forces(ws), key=lambda f: (f.reports, f.judgments)).name
        options = briefing.BriefingOptions(force=force, created=datetime(2026, 1, 1))
        pack = briefing.build(ws, options, "bench")
        pages = len(pdfium.PdfDocument(pdf.render(pack)))
        ours, floor, sparse = [], [], []
        for _ in range(runs):  # interleaved
            start = time.perf_counter()
            pdf.render(briefing.build(ws, options, "bench"))
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            same_pages(pack)
            floor.append(time.perf_counter() - start)
            start = time.perf_counter()
            plain(pages)
            sparse.append(time.perf_counter() - start)
    finally:
        ws.close()
    rate, floor_rate = pages / statistics.median(ours), pages / statistics.median(floor)
    sparse_rate = pages / statistics.median(sparse)
    return {"force": force, "pages": pages, "ours": ours, "floor": floor, "rate": rate,
            "floor_rate": floor_rate, "ratio": rate / floor_rate, "sparse": sparse,
            "sparse_rate": sparse_rate, "sparse_ratio": rate / sparse_rate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "seeded.sqlite"
        subprocess.run([str(Path(sys.executable).with_name("peel-desktop")), "--db", str(db),
                        "import", *map(str, sorted(SEEDS.glob("0*.txt")))], check=True,
                       capture_output=True)
        m = measure(db, "Leicestershire", args.runs)
    print("| figure | floor in the same run | measured | goal |")
    print("|---|---|---|---|")
    print(f"| briefing pack, {m['pages']} pages, median of {args.runs} (min–max s) | plain "
          f"reportlab, the same pages: {m['floor_rate']:.0f} pages/s "
          f"({min(m['floor']):.2f}–{max(m['floor']):.2f}) | {m['rate']:.0f} pages/s "
          f"({min(m['ours']):.2f}–{max(m['ours']):.2f}), {m['ratio']:.2f}× | ≥ 0.7× "
          f"{'met' if m['ratio'] >= 0.7 else 'MISSED'} |")
    print(f"| the same, against five Helvetica paragraphs a page | {m['sparse_rate']:.0f} "
          f"pages/s | {m['sparse_ratio']:.2f}× | reported |")


if __name__ == "__main__":
    main()
