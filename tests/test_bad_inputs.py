"""Bad input: each file gets one clear sentence naming it, exit 1, and an unchanged database."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from peel_desktop.main import main
from tests.pdf_fixtures import build_image_only_pdf, build_plain_pdf, build_report_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECIPE = ["Victoria sponge", "Cream the butter and sugar, beat in the eggs, fold in the flour.",
          "Bake for twenty minutes and sandwich with jam."]


def _encrypted(path: Path) -> None:
    canvas = Canvas(str(path), encrypt="secret")
    canvas.drawString(100, 700, "PEEL 2021/22: an inspection of Kent Police")
    canvas.showPage()
    canvas.save()


def _truncated(path: Path) -> None:
    whole = build_report_pdf(path.with_suffix(".whole.pdf")).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])


def _docx(path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>PEEL Kent Police 2021/22</w:document>")
    path.write_bytes(buffer.getvalue())


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as handle:
        handle.truncate(size)


# name, how to make it, words the one-line reason must contain
CASES = [
    ("empty.txt", lambda p: p.write_bytes(b""), "the file is empty"),
    ("spaces.txt", lambda p: p.write_bytes(b"  \n\t\n  "), "the file is empty"),
    ("random.bin", lambda p: p.write_bytes(os.urandom(4096).replace(b"%PDF", b"xxxx")),
     "binary, not text"),
    ("nul-in-text.txt", lambda p: p.write_bytes(b"PEEL 2017 Kent Police\x00\x00 report"),
     "binary, not text"),
    ("controls.txt", lambda p: p.write_bytes(bytes(range(1, 9)) * 200), "binary, not text"),
    ("photo.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64)), "an image (PNG)"),
    ("scan.jpg", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(64)), "an image (JPEG)"),
    ("logo.gif", lambda p: p.write_bytes(b"GIF89a" + os.urandom(64)), "an image (GIF)"),
    ("report.docx", _docx, "a ZIP or Office file"),
    ("report.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)),
     "an old Office file"),
    ("report.rtf", lambda p: p.write_bytes(b"{\\rtf1\\ansi PEEL Kent Police}"), "Rich Text"),
    ("report.txt.gz", lambda p: p.write_bytes(gzip.compress(b"PEEL 2017 Kent Police")),
     "compressed (gzip)"),
    ("truncated.pdf", _truncated, "damaged or incomplete"),
    ("header-only.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n"), "damaged or incomplete"),
    ("locked.pdf", _encrypted, "password-protected"),
    ("scanned.pdf", build_image_only_pdf, "no text layer"),
    ("recipe.pdf", lambda p: build_plain_pdf(p, RECIPE), "not a PEEL inspection document"),
    ("recipe-named.txt", lambda p: build_plain_pdf(p, RECIPE), "not a PEEL inspection document"),
    ("empty-page.html", lambda p: p.write_text("<html><body><nav>Menu</nav></body></html>"),
     "no report text"),
    ("recipe.html", lambda p: p.write_text(
        "<!doctype html><html><body><main><h1>Victoria sponge</h1><p>Cream the butter.</p>"
        "</main></body></html>"), "not a PEEL inspection document"),
    ("nested.html", lambda p: p.write_text("<html><body>" + "<div>" * 20000 + "PEEL Kent Police"
                                           + "</div>" * 20000 + "</body></html>"),
     "nested too deeply"),
    ("anon.html", lambda p: p.write_text(
        "<html><body><main><h1>PEEL 2021/22</h1><p>HMICFRS inspects police forces in England "
        "and Wales.</p></main></body></html>"), "no police force"),
    ("undated.txt", lambda p: p.write_bytes((FIXTURES / "no-cycle-stated.txt").read_bytes()),
     "cycle it belongs to"),
    ("anon.txt", lambda p: p.write_bytes((FIXTURES / "no-force-named.txt").read_bytes()),
     "no police force"),
    ("recipe.txt", lambda p: p.write_bytes((FIXTURES / "not-a-report.txt").read_bytes()),
     "not a PEEL inspection document"),
    ("text-named.pdf", lambda p: p.write_text("Meeting notes: bring biscuits on Tuesday.\n"),
     "not a PEEL inspection document"),
    ("huge.txt", lambda p: _sparse(p, 151_000_000), "the largest report accepted"),
    ("too-much-text.txt", lambda p: p.write_text("Kent Police PEEL 2017 " * 500_000),
     "more text than any inspection report"),
    ("utf16-broken.txt", lambda p: p.write_bytes(b"\xff\xfe" + b"\x00\xd8" * 10), "binary"),
    ("a-folder", lambda p: p.mkdir(), "a folder, not a report file"),
    ("missing.txt", lambda p: None, "the file does not exist"),
]


def state(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize(("name", "make", "reason"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_one_clear_sentence(capsys, seeded_db_path, tmp_path, name, make, reason):
    path = tmp_path / name
    make(path)
    before = state(seeded_db_path)
    code = main(["--db", str(seeded_db_path), "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.startswith(f"peel-desktop: {name}: ") and err.count("\n") == 1, err
    assert reason in err
    assert err.rstrip().endswith("."), err
    assert state(seeded_db_path) == before
    originals = seeded_db_path.parent / "originals"
    assert not originals.exists() or not any(originals.iterdir())
