"""A hostile-input set (issue 17): crafted PDFs, web pages, texts, files that are not files,
review bundles, lock states, databases and search queries, made by this script.

    python -m tests.hostile OUT_DIR      # writes the files and lists the cases

Each case is (name, kind, what): ``kind`` says how the test drives it — "import" a file,
"merge" a bundle, "search" a query, "open" a database, "lock" a lock state. The test
(tests/test_hostile.py) holds every case to the same promise: done, or refused in one
sentence; the database unchanged by a refusal; within 30 s and 1 GB.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from tests.pdf_fixtures import build_image_only_pdf, build_plain_pdf, build_report_pdf


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # import | merge | search | open | lock
    what: object  # a path, a query or a state's name


def _raw_pdf(page_ops: bytes, *, pages: int = 1, compress: bool = True) -> bytes:
    """A minimal PDF whose pages draw ``page_ops`` (hand-built, so any content can be set)."""
    stream = zlib.compress(page_ops, 9) if compress else page_ops
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    font = 3 + 2 * pages
    for n in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << "
                       b"/Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * n))
        objects.append(b"<< /Length %d" % len(stream) + (b" /Filter /FlateDecode" if compress
                                                          else b"")
                       + b" >>\nstream\n" + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _text_ops(lines: int, width: int = 80) -> bytes:
    row = b"(" + b"Kent Police is good at investigating crime. "[:width] + b") Tj 0 -7 Td "
    return b"BT /F1 6 Tf 20 780 Td " + row * lines + b"ET"


def _pdfs(out: Path) -> list[Case]:
    cases = []
    report = build_report_pdf(out / "report.pdf").read_bytes()

    def put(name: str, data: bytes) -> None:
        (out / name).write_bytes(data)
        cases.append(Case(name, "import", out / name))

    put("pdf-truncated-half.pdf", report[: len(report) // 2])
    put("pdf-truncated-header.pdf", report[:40])
    put("pdf-header-only.pdf", b"%PDF-1.7\n")
    put("pdf-garbage-after-header.pdf", b"%PDF-1.4\n" + os.urandom(20_000))
    put("pdf-xref-scrambled.pdf", report.replace(b"xref", b"xfer"))
    put("pdf-offsets-zeroed.pdf", bytes(b if i % 97 else 0 for i, b in enumerate(report)))
    put("pdf-dense-page.pdf", _raw_pdf(_text_ops(20_000)))  # 1.6 M characters on a page
    put("pdf-many-dense-pages.pdf", _raw_pdf(_text_ops(900), pages=200))
    put("pdf-flate-bomb.pdf", _raw_pdf(b"BT /F1 6 Tf 20 780 Td " + b" " * 30_000_000 + b"ET"))
    put("pdf-operator-bomb.pdf", _raw_pdf(  # 155 KB: PDFium would hold 850 MB for it
        b"BT /F1 6 Tf 10 10 Td " + b"(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj 0 1 Td "
        * 1_000_000 + b"ET"))
    put("pdf-no-pages.pdf", _raw_pdf(b"", pages=0))
    put("pdf-empty-stream.pdf", _raw_pdf(b""))
    put("pdf-uncompressed-junk-ops.pdf", _raw_pdf(os.urandom(50_000), compress=False))
    put("pdf-bad-flate.pdf", _raw_pdf(b"x").replace(b"/FlateDecode", b"/FlateDecode ")[:-300]
        + b"endstream endobj %%EOF")
    image_only = build_image_only_pdf(out / "image-only.pdf")
    cases.append(Case("pdf-image-only", "import", image_only))
    plain = build_plain_pdf(out / "plain.pdf", ["Kent Police PEEL 2016", "Nothing graded."])
    cases.append(Case("pdf-no-grades", "import", plain))
    cases.append(Case("pdf-a-real-report", "import", out / "report.pdf"))
    return cases


def _pages(out: Path) -> list[Case]:
    cases = []

    def put(name: str, text: str | bytes) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        (out / name).write_bytes(data)
        cases.append(Case(name, "import", out / name))

    head = ("<html><head><title>PEEL 2023–25: Kent Police</title></head><body><main><h1>"
            "PEEL 2023–25: An inspection of Kent Police</h1>")
    put("html-nested-deep.html", head + "<div>" * 5000 + "Kent Police is good." + "</div>" * 5000)
    put("html-optional-end-tags.html", head + "<table>" + "".join(
        f"<tr><td>Row {n}<td>Kent Police is good at investigating crime" for n in range(800))
        + "</table>" + "<p>More" * 800 + "<ul>" + "<li>item" * 800 + "</ul>")
    put("html-unclosed-everything.html", head + "<p><b><i><span>" * 300)
    put("html-script-only.html", "<html><script>" + "var x=1;" * 10000 + "</script></html>")
    put("html-null-bytes.html", head.encode() + b"\x00" * 5000 + b"</main></body></html>")
    put("html-huge-attribute.html", head + '<p class="' + "x" * 2_000_000 + '">Kent Police '
        "is good.</p>")
    put("html-entities.html", head + "&amp;" * 200_000 + "&#xFFFFFFFF;&#0;&bogus;")
    put("html-bad-encoding.html", b"<html><meta charset='klingon'>" + bytes(range(256)) * 40)
    put("html-mentions-pdf-signature.html", head + "<p>Saved from %PDF-1.4 viewer. Kent Police "
        "is good at investigating crime.</p></main></body></html>")
    put("html-svg-bomb.html", head + "<svg>" + "<g>" * 20000 + "</svg>")
    put("text-mentions-pdf-signature.txt", "Notes on the file %PDF-1.7 we received.\n\nKent "
        "Police PEEL 2016: HMIC judged Kent Police to be good at investigating crime.\n")
    put("text-one-huge-line.txt", "Kent Police PEEL 2016 " + "good " * 1_000_000)
    put("text-control-characters.txt", "Kent Police PEEL 2016\x1b[2J\x07\x00 HMIC judged Kent "
        "Police to be good at investigating crime.\n")
    put("text-utf16.txt", "Kent Police PEEL 2016: HMIC judged it good.".encode("utf-16"))
    put("text-binary.txt", os.urandom(100_000))
    put("text-empty-lines.txt", "\n" * 2_000_000)
    put("text-zip.txt", b"PK\x03\x04" + os.urandom(1000))
    return cases


def _not_files(out: Path) -> list[Case]:
    cases = [Case("special-dev-zero", "import", Path("/dev/zero")),
             Case("special-dev-null", "import", Path("/dev/null")),
             Case("special-folder", "import", out),
             Case("special-missing", "import", out / "missing.pdf")]
    fifo = out / "pipe.pdf"
    if hasattr(os, "mkfifo") and not fifo.exists():
        os.mkfifo(fifo)
    if fifo.exists():
        cases.append(Case("special-fifo", "import", fifo))
    unreadable = out / "unreadable.txt"
    unreadable.write_text("Kent Police PEEL 2016")
    os.chmod(unreadable, 0)
    cases.append(Case("special-unreadable", "import", unreadable))
    return cases


def _annotation(**over) -> dict:
    item = {"id": "hostile-1", "target": "question", "cycle": "2018/19",
            "item_key": "theme:investigation", "start": None, "end": None, "quote": "",
            "before": "", "after": "", "note": "theirs", "tags": [], "rag": None,
            "key_evidence": False, "ask_chief": False, "anchor": "anchored", "deleted": False,
            "author": "mallory", "created": "2026-01-01T09:00:00+00:00",
            "updated": "2026-01-01T09:00:00+00:00", "updated_by": "mallory", "rev": "r-theirs",
            "force": "leicestershire", "report": None, "paragraph": None, "revs": []}
    item.update(over)
    return item


def _bundle(annotations=(), statuses=(), **over) -> str:
    data = {"format": "peel-desktop-review-bundle", "schema": 1, "annotations": list(annotations),
            "review_status": list(statuses)}
    data.update(over)
    return json.dumps(data)


OWN = "own-note"  # the reviewer's own note, which no bundle may overwrite or delete silently


def _bundles(out: Path) -> list[Case]:
    cases = []

    def put(name: str, text: str | bytes) -> None:
        (out / name).write_bytes(text.encode() if isinstance(text, str) else text)
        cases.append(Case(name, "merge", out / name))

    status = {"force": "leicestershire", "cycle_set": "2014,2016,2017,2018/19,2023-25",
              "reviewer": "reviewer", "item_key": "theme:investigation", "status": "flagged",
              "updated": "9999-12-31T00:00:00"}
    put("bundle-fast-forward-over-own-note.json", _bundle([_annotation(
        id=OWN, note="overwritten", revs=["__OWN_REV__"], rev="r-forged")]))
    put("bundle-delete-own-note.json", _bundle([_annotation(
        id=OWN, deleted=True, revs=["__OWN_REV__"], rev="r-forged-delete")]))
    put("bundle-deleted-as-string.json", _bundle([_annotation(deleted="false")]))
    put("bundle-status-from-the-future.json", _bundle(statuses=[status]))
    put("bundle-status-from-the-past.json", _bundle(statuses=[{**status,
                                                               "updated": "1970-01-01"}]))
    put("bundle-start-as-string.json", _bundle([_annotation(start="12", end="x")]))
    put("bundle-huge-integer.json", _bundle([_annotation(start=10**30, end=10**31)]))
    put("bundle-nan.json", _bundle([_annotation()]).replace('"start": null', '"start": NaN'))
    put("bundle-negative-offsets.json", _bundle([_annotation(start=-5, end=-1)]))
    put("bundle-ten-megabyte-note.json", _bundle([_annotation(note="x" * 10_000_000)]))
    put("bundle-many-tags.json", _bundle([_annotation(tags=[f"t{n}" for n in range(5000)])]))
    put("bundle-tags-not-strings.json", _bundle([_annotation(tags=[1, None, {"a": 1}])]))
    put("bundle-unknown-target.json", _bundle([_annotation(target="database")]))
    put("bundle-unknown-force.json", _bundle([_annotation(force="atlantis")]))
    put("bundle-cycle-injection.json", _bundle([_annotation(cycle="2018'; DROP TABLE x;--")]))
    put("bundle-annotations-not-a-list.json", _bundle(annotations={"a": 1}))
    put("bundle-schema-as-string.json", _bundle(schema="1"))
    put("bundle-schema-bool.json", _bundle(schema=True))
    put("bundle-not-an-object.json", "[1, 2, 3]")
    put("bundle-deep-nesting.json", '{"format": "peel-desktop-review-bundle", "x": '
        + "[" * 100_000 + "]" * 100_000 + "}")
    put("bundle-invalid-utf8.json", b'{"format": "\xff\xfe"}')
    put("bundle-truncated.json", _bundle([_annotation()])[:-20])
    put("bundle-area-link-junk.json", _bundle(area_links=[{"key": 5, "theme": ["x"]}]))
    put("bundle-empty.json", "")
    put("bundle-a-good-one.json", _bundle([_annotation(id="hostile-good", note="fine")]))
    put("bundle-too-many-annotations.json", _bundle(
        [_annotation(id=f"many-{n}", rev=f"r-{n}") for n in range(10_001)]))
    cases.append(Case("bundle-dev-zero", "merge", Path("/dev/zero")))
    return cases


QUERIES = [
    " ".join(f"w{n}*" for n in range(2000)),
    " ".join(f"-w{n}" for n in range(100)) + " police",
    "\"" * 500,
    "NEAR(" * 200,
    "*" * 1000,
    "a" * 100_000,
    "police OR " * 500,
    "-",
    "\x00\x1b[2J",
    "col:umn ^ + - ( ) { } [ ]",
]


def _queries() -> list[Case]:
    return [Case(f"query-{n}", "search", q) for n, q in enumerate(QUERIES)]


def _databases(out: Path) -> list[Case]:
    cases = []

    def put(name: str, data: bytes | None = None, make=None) -> None:
        path = out / name
        if data is not None:
            path.write_bytes(data)
        if make is not None:
            make(path)
        cases.append(Case(name, "open", path))

    def foreign(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
        conn.commit()
        conn.close()

    put("db-zero-bytes.sqlite", b"")
    put("db-random-bytes.sqlite", os.urandom(8192))
    put("db-sqlite-header-only.sqlite", b"SQLite format 3\x00" + b"\x00" * 84)
    put("db-foreign-tables.sqlite", make=foreign)
    put("db-a-text-file.sqlite", b"Kent Police PEEL 2016\n" * 100)
    return cases


LOCKS = ["lock-junk", "lock-huge-pid", "lock-reused-pid", "lock-folder-in-the-way",
         "lock-binary"]


def _locks() -> list[Case]:
    return [Case(name, "lock", name) for name in LOCKS]


def make(out: Path) -> list[Case]:
    out.mkdir(parents=True, exist_ok=True)
    return [*_pdfs(out), *_pages(out), *_not_files(out), *_bundles(out), *_queries(),
            *_databases(out), *_locks()]


if __name__ == "__main__":
    for case in make(Path(sys.argv[1])):
        print(case.kind, case.name)
