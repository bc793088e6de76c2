"""PDFium is used by one thread at a time: a page drawn for "Show original page" while a
PDF is imported in the background must neither crash the app nor change what is read."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.pdf_fixtures import typeset_text

RACE = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    from peel_desktop.importers.pdf import extract_pdf
    from peel_desktop.importers.pages import render_page

    pdf = Path(sys.argv[1]); data = pdf.read_bytes()
    def text():
        return [p.lines for p in extract_pdf("r.pdf", data, "x").paragraphs]
    expected = text()
    finished = threading.Event(); problems = []
    def importing():
        try:
            for _ in range(8):
                if text() != expected:
                    problems.append("the text read changed")
        except Exception as error:
            problems.append(repr(error))
        finished.set()
    worker = threading.Thread(target=importing); worker.start()
    drawn = 0
    while not finished.is_set():
        render_page(pdf, drawn % 5, width=500); drawn += 1
    worker.join()
    print("problems:", problems, "drawn:", drawn)
    sys.exit(1 if problems else 0)
""")


def test_drawing_a_page_while_a_pdf_is_imported(tmp_path, seed):
    pdf = typeset_text(tmp_path / "report.pdf", seed("report_2018_19").read_text("utf-8"))
    run = subprocess.run([sys.executable, "-c", RACE, str(pdf)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, (run.returncode, run.stdout, run.stderr[-2000:])
    assert "problems: []" in run.stdout
