"""Plain-text reports: web page text, press releases, and text extracted from PDFs.

PDF-extracted text is recognised by its hard-wrapped lines. Its pages are split at form
feeds, or, where there are none, at lines the extractor started with a single space (how
the seed extracts mark a new page). A bare number alone at the top or foot of a page is
taken as the page's printed label.
"""

from __future__ import annotations

import re

from peel_desktop.domain import ImportRejected
from peel_desktop.importers.model import ExtractedReport, Paragraph

MAX_BYTES = 150_000_000
MAX_CHARS = 10_000_000
_PAGE_START = re.compile(r"^ (?=\S)")
_LABEL = re.compile(r"^\d{1,3}$")
_BINARY = "the file is binary, not text: it is not a report this app reads."
_SENTENCE_END = tuple(".?!:;\"”’')")


def decode(name: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252; binary is refused."""
    if not data.strip():
        raise ImportRejected(name, "the file is empty.")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark (Windows)
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ImportRejected(name, _BINARY) from None
    sample = data[:65536]
    if b"\x00" in sample:
        raise ImportRejected(name, _BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:65536]) * 0.01:
        raise ImportRejected(name, _BINARY)
    if len(text) > MAX_CHARS:
        raise ImportRejected(name, "the file holds more text than any inspection report.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _hard_wrapped(lines: list[str]) -> bool:
    """True for text whose long lines mostly stop mid-sentence (extracted from a PDF)."""
    long_lines = [line.rstrip() for line in lines if len(line.strip()) >= 40]
    if len(long_lines) < 20:
        return False
    open_ended = sum(1 for line in long_lines if not line.endswith(_SENTENCE_END))
    return open_ended / len(long_lines) > 0.4


def _split_pages(text: str) -> tuple[list[list[str]], bool]:
    if "\f" in text:
        return [page.split("\n") for page in text.split("\f")], True
    lines = text.split("\n")
    if not _hard_wrapped(lines):
        return [lines], False
    pages: list[list[str]] = [[]]
    for line in lines:
        if _PAGE_START.match(line) and pages[-1]:
            pages.append([])
        pages[-1].append(line)
    return pages, True


def _page_label(lines: list[str]) -> tuple[str | None, list[str]]:
    """Take a bare page number from the top or foot of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for index in (filled[:1] + filled[-1:]) if filled else []:
        if _LABEL.match(lines[index].strip()):
            return lines[index].strip(), lines[:index] + lines[index + 1 :]
    return None, lines


def _labels(pages: list[list[str]]) -> list[tuple[str | None, list[str]]]:
    """Page numbers, trusted only when most pages carry one and they run in order."""
    found = [_page_label(lines) for lines in pages]
    numbers = [int(label) for label, _ in found if label]
    if len(numbers) < max(2, len(pages) // 2) or numbers != sorted(numbers):
        return [(None, lines) for lines in pages]
    return found


def paragraphs_of(pages: list[list[str]], paged: bool) -> tuple[Paragraph, ...]:
    """Group lines into paragraphs at blank lines and page ends.

    In text that is not hard-wrapped (web pages, press releases) every line is a paragraph.
    """
    out: list[Paragraph] = []
    labelled = _labels(pages) if paged else [(None, lines) for lines in pages]
    for page_number, (label, page_lines) in enumerate(labelled, start=1):
        current: list[str] = []
        for raw in [*page_lines, ""]:
            line = re.sub(r"[ \t\u00a0]+", " ", raw).strip()
            if line:
                current.append(line)
                if paged:
                    continue
            if current:
                out.append(
                    Paragraph(
                        ordinal=len(out) + 1,
                        page=page_number if paged else None,
                        page_label=label,
                        lines=tuple(current),
                    )
                )
                current = []
    return tuple(out)


def extract_text(name: str, data: bytes, checksum: str) -> ExtractedReport:
    """Extract a plain-text report; raises ImportRejected for empty or binary files."""
    text = decode(name, data)
    pages, paged = _split_pages(text)
    paragraphs = paragraphs_of(pages, paged)
    if not paragraphs:
        raise ImportRejected(name, "the file is empty.")
    return ExtractedReport(
        file_name=name,
        media_type="text/plain",
        checksum=checksum,
        paged=paged,
        paragraphs=paragraphs,
    )
