"""PDF reports, read with pypdfium2 (the viewer draws pages with it too, so text and page agree).

Text comes per line with its position. Lines are grouped into blocks (paragraphs) by
geometry, so a side box ("Area for improvement") set beside the body text becomes a block of
its own, read after the body beside it. Running headers and footers (the same line at the top
or foot of most pages) are dropped; a bare page number there becomes the page's label when the
PDF defines none. Contents pages are marked so that their titles are not taken for headings.
"""

from __future__ import annotations

import re
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from peel_desktop.domain import ImportRejected
from peel_desktop.importers.engine import PDFIUM
from peel_desktop.importers.model import Cancelled, ExtractedReport, Monitor, Paragraph

MAX_PAGES = 3000
# Budgets: a small hostile file can ask for gigabytes and minutes of text. A dense report
# page holds about 6,000 characters, a long report about two million.
MAX_PAGE_CHARS = 60_000
MAX_CHARS = 10_000_000
MAX_SECONDS = 25.0  # reading the text of one PDF
# A page's drawing instructions, uncompressed: a real report page needs tens of kilobytes; a
# few hundred kilobytes of file can unpack to hundreds of megabytes that PDFium would hold
# in memory (850 MB for a 155 KB file) before any budget above could stop it.
MAX_STREAM_BYTES = 16_000_000
_STREAM = re.compile(rb">>\s*stream\r?\n")
_EDGE = 0.075  # top and bottom share of the page where running heads and folios sit
_SOFT_HYPHEN = ("\x02", "\ufffe", "\u00ad")
_KEEP_HYPHEN = {"anti", "non", "co", "self", "multi", "cross", "semi", "well", "so", "cyber",
                "high", "low", "long", "short", "mid", "post", "pre", "ex", "sub", "inter",
                "under", "over", "e", "re", "year", "day", "face", "one", "two", "three"}
_FOLIO = re.compile(r"^(?:page\s+)?(\d{1,4}|[ivxlc]{1,7})(?:\s+of\s+\d+)?$", re.I)
_CONTENTS_LINE = re.compile(r"(?:\.{3,}|\s)\s*\d{1,3}$")


class _Line:
    """A line of text and its box on the page (PDF units, y upwards). Made for every line
    of every page: a plain class with slots (a dataclass's generated __init__ and
    __post_init__ cost a call more each)."""

    __slots__ = ("bottom", "height", "left", "right", "text", "top")

    def __init__(self, left: float, bottom: float, right: float, top: float,
                 text: str) -> None:
        self.left, self.bottom, self.right, self.top, self.text = left, bottom, right, top, text
        height = top - bottom
        self.height = height if height > 1.0 else 1.0

    def __repr__(self) -> str:
        return (f"_Line({self.left:.1f}, {self.bottom:.1f}, {self.right:.1f}, {self.top:.1f}, "
                f"{self.text!r})")


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)
    left: float = float("inf")

    def add(self, line: _Line) -> None:
        self.lines.append(line)
        if line.left < self.left:
            self.left = line.left

    @property
    def right(self) -> float:
        return max(line.right for line in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom


def _lines_from_text(textpage: pdfium.PdfTextPage) -> list[_Line] | None:
    """Lines as pdfium reads them, each boxed by its first and last character.

    One pass over the page's text (fast). None when character indices and the text do not
    line up (characters outside the Basic Multilingual Plane), so the caller falls back.
    """
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:
        return None
    lines: list[_Line] = []
    charbox = textpage.get_charbox
    start = 0
    for piece in text.split("\r\n"):
        stripped = piece.strip()
        if stripped:
            first = start + (len(piece) - len(piece.lstrip()))
            last = first + len(stripped) - 1
            # boxed by its first and last characters (_box, inline: every line of every page);
            # only a line far wider than its characters need is looked into for gaps
            l1, b1, r1, t1 = charbox(first, loose=True)
            l2, b2, r2, t2 = charbox(last, loose=True)
            line = _Line(l1 if l1 < l2 else l2, b1 if b1 < b2 else b2, r1 if r1 > r2 else r2,
                         t1 if t1 > t2 else t2, stripped)
            if line.right - line.left < 0.75 * line.height * len(stripped) + 3 * line.height:
                lines.append(line)
            else:
                lines += _gapped(textpage, first, line)
        start += len(piece) + 2
    return lines


def _box(textpage: pdfium.PdfTextPage, first: int, last: int, text: str) -> _Line:
    l1, b1, r1, t1 = textpage.get_charbox(first, loose=True)
    l2, b2, r2, t2 = textpage.get_charbox(last, loose=True)
    return _Line(min(l1, l2), min(b1, b2), max(r1, r2), max(t1, t2), text)


def _gapped(textpage: pdfium.PdfTextPage, first: int, line: _Line) -> list[_Line]:
    """A pdfium line far wider than its characters need, split where a wide gap separates
    its words: a grade and the heading of a box beside it on one row are two lines."""
    text = line.text
    pieces, begin = [], 0
    for offset in (i for i, ch in enumerate(text) if ch == " "):
        before = textpage.get_charbox(first + offset - 1, loose=True)
        after = textpage.get_charbox(first + offset + 1, loose=True)
        if after[0] - before[2] > 1.5 * line.height:
            pieces.append((begin, offset))
            begin = offset + 1
    if not pieces:
        return [line]
    pieces.append((begin, len(text)))
    return [_box(textpage, first + a, first + b - 1, text[a:b]) for a, b in pieces]


def _lines_from_rects(textpage: pdfium.PdfTextPage) -> list[_Line]:
    segments = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r\n", " ")
        if text.strip():
            segments.append(_Line(left, bottom, right, top, text.strip()))
    return segments


class _TooMuch(Exception):
    """A page, or the whole text, is past a budget; the import stops with one sentence."""


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    """The page's text as positioned lines (segments on one baseline merged)."""
    textpage = page.get_textpage()
    try:
        if textpage.count_chars() > MAX_PAGE_CHARS:
            raise _TooMuch(textpage.count_chars())
        segments = _lines_from_text(textpage)
        if segments is None:
            segments = _lines_from_rects(textpage)
    finally:
        textpage.close()
    segments.sort(key=lambda s: (-round(s.top), s.left))
    lines: list[_Line] = []
    for seg in segments:
        last = lines[-1] if lines else None
        same_row = last and abs((last.top + last.bottom) - (seg.top + seg.bottom)) / 2 < (
            0.5 * min(last.height, seg.height))
        if last and same_row and 0 <= seg.left - last.right < 1.5 * seg.height:
            last.text = f"{last.text} {seg.text}"
            last.right, last.top = seg.right, max(last.top, seg.top)
            last.bottom = min(last.bottom, seg.bottom)
            last.height = max(last.top - last.bottom, 1.0)
        else:
            lines.append(seg)
    return lines


def _same_row(a: _Line, b: _Line) -> bool:
    return abs((a.top + a.bottom) - (b.top + b.bottom)) / 2 < 0.5 * min(a.height, b.height)


def _two_columns(lines: list[_Line], width: float) -> float | None:
    """Where the right column starts on a page set in two columns of running text (long lines
    on each side of the middle, none crossing it; the last page's right column may hold only
    a few lines, where a table's cells are never long), else None."""
    middle = width / 2
    left = [ln for ln in lines if ln.right < middle and ln.right - ln.left > 0.3 * width]
    right = [ln for ln in lines if ln.left > middle * 0.9 and ln.right - ln.left > 0.3 * width]
    crossing = [ln for ln in lines if ln.left < middle * 0.9 and ln.right > middle * 1.1]
    if len(left) >= 5 and len(right) >= 2 and len(crossing) <= max(1, len(lines) // 20):
        return min(ln.left for ln in right) - 1
    return None


def _table_rows(lines: list[_Line], width: float) -> list[_Line]:
    """Join the cells of table rows into one line each ("Investigating crime  Adequate").

    A table row is a row of two or more short cells; it takes two such rows in a run with
    the same cell starts to make a table (two columns of running text never look like that).
    """
    rows: list[list[_Line]] = []
    for line in lines:  # already sorted top to bottom, left to right
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])

    columns = _two_columns(lines, width)

    def cells(row: list[_Line]) -> list[float] | None:
        if len(row) < 2 or any(c.right - c.left > 0.4 * width for c in row):
            return None
        if columns and min(c.left for c in row) < columns <= max(c.left for c in row):
            return None  # short lines side by side in two columns of text, not a table row
        return [c.left for c in row]

    def aligned(a: list[float] | None, b: list[float] | None) -> bool:
        return bool(a and b and len(a) == len(b)
                    and all(abs(x - y) < 12 for x, y in zip(a, b, strict=True)))

    starts = [cells(row) for row in rows]
    out: list[_Line] = []
    for index, row in enumerate(rows):
        neighbours = [starts[i] for i in (index - 1, index + 1) if 0 <= i < len(rows)]
        if starts[index] and any(aligned(starts[index], n) for n in neighbours):
            first = row[0]
            out.append(_Line(first.left, min(c.bottom for c in row), row[-1].right,
                             max(c.top for c in row), "  ".join(c.text for c in row)))
        else:
            out.extend(row)
    return out


def _blocks(lines: list[_Line]) -> list[_Block]:
    """Group lines into blocks: close below the block's last line and in its column."""
    blocks: list[_Block] = []
    for line in lines:
        home = None
        for block in reversed(blocks[-6:]):  # a line continues one of the latest blocks
            last = block.lines[-1]
            # close below the block's last line (tested first: most blocks are not), the
            # same size of type, and in its column or under it
            gap, high, other = last.bottom - line.top, line.height, last.height
            if not -0.5 * high <= gap < 0.9 * (high if high < other else other):
                continue
            if abs(high - other) > 0.3 * (high if high > other else other):
                continue
            aligned = abs(line.left - block.left) < 3 * line.height
            if aligned or (min(last.right, line.right) - max(last.left, line.left)
                           > 0.5 * (line.right - line.left)):
                home = block
                break
        if home is None:
            home = _Block()
            blocks.append(home)
        home.add(line)
    return blocks


_ENDS_SENTENCE = re.compile(r"[.!?][’'\")\]]?$")


def _hard_breaks(blocks: list[_Block]) -> list[_Block]:
    """A paragraph end inside a block: a line that finishes its sentence well short of the
    block's right edge, the next line starting a new sentence (a hard-wrapped PDF sets its
    paragraphs with no space between them)."""
    out: list[_Block] = []
    for block in blocks:
        right = block.right
        width = right - block.left
        current = _Block()
        for line, after in zip(block.lines, [*block.lines[1:], None], strict=True):
            current.add(line)
            if (after is not None and after.text[:1].isupper() and after.left < line.right
                    and line.right < right - 0.15 * width
                    and _ENDS_SENTENCE.search(line.text.rstrip())):
                out.append(current)
                current = _Block()
        out.append(current)
    return out


def _reading_order(blocks: list[_Block], width: float) -> list[_Block]:
    """Left column and full-width blocks top to bottom; side boxes after what they sit beside."""
    ordered: list[_Block] = []
    pending: list[_Block] = []  # the side column's blocks, kept together as one box
    for block in sorted(blocks, key=lambda b: -b.top):
        if block.left > 0.45 * width:
            pending.append(block)
            continue
        # A full-width block below the whole side column closes it: the column comes first.
        if pending and block.right > 0.55 * width and min(b.bottom for b in pending) >= block.top:
            ordered += pending
            pending = []
        ordered.append(block)
    return ordered + pending


def _rejoin_columns(blocks: list[_Block]) -> list[_Block]:
    """A paragraph that runs on from the foot of one column to the top of the next is one
    block: the first ends mid-sentence and the second goes on in lower case."""
    out: list[_Block] = []
    for block in blocks:
        if out:
            last, first = out[-1].lines[-1], block.lines[0]
            ends = last.text.rstrip()
            if (first.top > last.top and first.left > last.right
                    and (ends[-1:].islower() or ends.endswith(",")) and first.text[:1].islower()
                    and abs(first.height - last.height) <= 0.3 * last.height):
                for line in block.lines:
                    out[-1].add(line)
                continue
        out.append(block)
    return out


def _join(lines: list[_Line]) -> list[str]:
    """Lines of a block; soft hyphens at line ends rejoin the word."""
    out: list[str] = []
    for line in lines:
        text = line.text
        if out and out[-1].endswith(_SOFT_HYPHEN):
            head = out[-1].rstrip("".join(_SOFT_HYPHEN))
            word = head.rsplit(" ", 1)[-1].lower()
            glue = "-" if word in _KEEP_HYPHEN or not text[:1].islower() else ""
            out[-1] = head + glue + text
            continue
        out.append(text)
    return [line.rstrip("".join(_SOFT_HYPHEN)) for line in out]


def _edge_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


@dataclass
class _Page:
    number: int
    label: str | None
    width: float
    height: float
    lines: list[_Line]


def _running_heads(pages: list[_Page]) -> set[str]:
    counts: Counter[str] = Counter()
    for page in pages:
        keys = {_edge_key(line.text) for line in page.lines
                if line.top > page.height * (1 - _EDGE) or line.bottom < page.height * _EDGE}
        counts.update(keys)
    threshold = max(2, len(pages) // 2)
    return {key for key, n in counts.items() if n >= threshold}


def _paragraphs(pages: list[_Page]) -> tuple[Paragraph, ...]:
    heads = _running_heads(pages) if len(pages) > 2 else set()
    out: list[Paragraph] = []
    for page in pages:
        body, folios = [], []
        for line in page.lines:
            at_edge = line.top > page.height * (1 - _EDGE) or line.bottom < page.height * _EDGE
            folio = _FOLIO.match(line.text.strip()) if at_edge else None
            if folio:  # the printed number nearest the page's edge, not a stray one above it
                folios.append((min(line.bottom, page.height - line.top), folio.group(1)))
                continue
            if at_edge and _edge_key(line.text) in heads:
                continue
            body.append(line)
        label = page.label or (min(folios)[1] if folios else None)
        blocks = _reading_order(_hard_breaks(_blocks(_table_rows(body, page.width))), page.width)
        contents = page.number <= max(3, len(pages) // 10) and sum(
            1 for line in body
            if line.text[-1:].isdigit() and _CONTENTS_LINE.search(line.text)) >= 5
        for block in _rejoin_columns(blocks):
            out.append(Paragraph(
                ordinal=len(out) + 1, page=page.number, page_label=label,
                lines=tuple(_join(block.lines)), role="contents" if contents else "body",
            ))
    return tuple(out)


def _open(name: str, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise ImportRejected(
                name, "the PDF is password-protected; save an unprotected copy and import that."
            ) from None
        raise ImportRejected(
            name, "the PDF is damaged or incomplete and cannot be read; download it again."
        ) from None


def _unpacks_too_far(data: bytes) -> bool:
    """Whether a compressed stream that is not an image unpacks past MAX_STREAM_BYTES.
    Each is unpacked at most that far (so the check itself is bounded); streams this cannot
    read (encrypted, other filters, damaged) are left to PDFium."""
    for found in _STREAM.finditer(data):
        window = data[max(0, found.start() - 2000):found.start()]
        cut = max(window.rfind(b"endobj"), window.rfind(b"endstream"))
        header = window[cut + 1:] if cut >= 0 else window  # this stream's dictionary
        if b"/FlateDecode" not in header or b"/Image" in header:
            continue
        unpacker = zlib.decompressobj()
        try:
            out = unpacker.decompress(data[found.end():found.end() + 50_000_000],
                                      MAX_STREAM_BYTES + 1)
        except zlib.error:
            continue
        if len(out) > MAX_STREAM_BYTES:
            return True
    return False


def _read_pages(name: str, data: bytes, monitor: Monitor) -> list[_Page]:
    """Every page's positioned lines. The PDFium lock is held for each step (open, each
    page, close), so a page drawn for the viewer meanwhile waits one page at most."""
    if _unpacks_too_far(data):
        raise ImportRejected(name, f"a page's drawing instructions unpack to more than "
                             f"{MAX_STREAM_BYTES // 1_000_000} MB, far more than any report's; "
                             "it is not a report this app can read.")
    with PDFIUM:
        document = _open(name, data)
    try:
        with PDFIUM:
            count = len(document)
        if count == 0:
            raise ImportRejected(name, "the PDF has no pages.")
        if count > MAX_PAGES:
            raise ImportRejected(
                name, f"the PDF has {count} pages; the longest report accepted has {MAX_PAGES}."
            )
        pages, chars, started = [], 0, time.monotonic()
        for index in range(count):
            if monitor.cancelled():
                raise Cancelled(name)
            if time.monotonic() - started > MAX_SECONDS:
                raise ImportRejected(name, f"reading its text took longer than "
                                     f"{MAX_SECONDS:.0f} seconds by page {index + 1} of "
                                     f"{count}; it is not a report this app can read.")
            monitor.step(index, count)
            with PDFIUM:
                page = document[index]
                try:
                    width, height = page.get_size()
                    label = document.get_page_label(index) or None
                    lines = _page_lines(page)
                except _TooMuch as too:
                    raise ImportRejected(
                        name, f"page {index + 1} holds {too.args[0]:,} characters, more than "
                        f"any report page ({MAX_PAGE_CHARS:,}); it is not a report this app "
                        "can read.") from None
                finally:
                    page.close()
            chars += sum(len(line.text) for line in lines)
            if chars > MAX_CHARS:
                raise ImportRejected(name, f"its text passes {MAX_CHARS:,} characters by page "
                                     f"{index + 1}, more than any report; it is not a report "
                                     "this app can read.")
            pages.append(_Page(index + 1, label, width, height, lines))
    finally:
        with PDFIUM:
            document.close()
    return pages


def extract_pdf(name: str, data: bytes, checksum: str,
                monitor: Monitor | None = None) -> ExtractedReport:
    """Extract a PDF's text by page with printed page labels.

    Raises ImportRejected (damaged, encrypted, too long, no text layer) or Cancelled.
    """
    monitor = monitor or Monitor()
    pages = _read_pages(name, data, monitor)
    if not any(page.lines for page in pages):
        raise ImportRejected(
            name, "the PDF has no text layer (it is scanned images); run it through OCR "
            "software outside this app, then import the result."
        )
    return ExtractedReport(
        file_name=name, media_type="application/pdf", checksum=checksum, paged=True,
        paragraphs=_paragraphs(pages), source=data,
    )
