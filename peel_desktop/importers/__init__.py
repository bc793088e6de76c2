"""Importers: a file in, an :class:`ExtractedReport` (pages → paragraphs → lines) out.

The format is told by content, not by the file's extension. Every importer raises
:class:`~peel_desktop.domain.ImportRejected` with one plain sentence for a file it cannot
read; none writes anything.
"""

from __future__ import annotations

import hashlib
import re
import stat
from pathlib import Path

from peel_desktop.domain import ImportRejected
from peel_desktop.importers.model import Cancelled, ExtractedReport, Line, Monitor, Paragraph
from peel_desktop.importers.text import MAX_BYTES, extract_text

__all__ = ["MAX_BYTES", "Cancelled", "ExtractedReport", "Line", "Monitor", "Paragraph",
           "extract_file", "sniff"]

_HTML = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)", re.I | re.S
)
_OTHER = (
    (b"\x89PNG", "an image (PNG), not a report"),
    (b"\xff\xd8\xff", "an image (JPEG), not a report"),
    (b"GIF8", "an image (GIF), not a report"),
    (b"PK\x03\x04", "a ZIP or Office file; save the report as PDF or text and import that"),
    (b"\xd0\xcf\x11\xe0", "an old Office file; save the report as PDF or text and import that"),
    (b"{\\rtf", "a Rich Text file; save the report as PDF or text and import that"),
    (b"\x1f\x8b", "a compressed (gzip) file; unpack it first"),
)


_PDF = re.compile(rb"%PDF-[12]\.[0-9]")


def sniff(data: bytes) -> str:
    """'pdf', 'html' or 'text' from the first bytes; raises ValueError with what it is else."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _PDF.match(head.lstrip()):
        return "pdf"
    late = _PDF.search(data[:1024])
    if late and b"%%EOF" in data[-2048:] and not data[:late.start()].isascii():
        return "pdf"  # a PDF after a few bytes of binary junk, as some mailers leave them
    if _HTML.match(head):
        return "html"
    for magic, what in _OTHER:
        if head.startswith(magic):
            raise ValueError(what)
    return "text"


def extract_file(path: Path, monitor: Monitor | None = None) -> ExtractedReport:
    """Read ``path``, tell its format by content, and extract its text.

    Raises ImportRejected (missing, unreadable, empty, too large, binary, damaged, no text),
    or Cancelled when the monitor says so during a long PDF.
    """
    name = path.name
    try:
        if path.is_dir():
            raise ImportRejected(name, "this is a folder, not a report file.")
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            raise ImportRejected(name, "this is not a file of its own (a device, pipe or "
                                 "socket); save the report as a file and import that.")
        size = found.st_size
    except FileNotFoundError:
        raise ImportRejected(name, "the file does not exist.") from None
    except OSError as error:
        raise ImportRejected(name, f"the file cannot be read ({error.strerror}).") from None
    if size > MAX_BYTES:
        raise ImportRejected(
            name, f"the file is {size // 1_000_000} MB; the largest report accepted is "
            f"{MAX_BYTES // 1_000_000} MB."
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may have grown since
        if len(data) > MAX_BYTES:
            raise ImportRejected(name, f"the file is larger than the largest report accepted, "
                                 f"{MAX_BYTES // 1_000_000} MB.")
    except OSError as error:
        raise ImportRejected(name, f"the file cannot be read ({error.strerror}).") from None
    if not data.strip():
        raise ImportRejected(name, "the file is empty.")
    checksum = hashlib.sha256(data).hexdigest()
    try:
        kind = sniff(data)
    except ValueError as what:
        raise ImportRejected(name, f"this is {what}.") from None
    if kind == "pdf":
        from peel_desktop.importers.pdf import extract_pdf

        return extract_pdf(name, data, checksum, monitor)
    if kind == "html":
        from peel_desktop.importers.html import extract_html

        return extract_html(name, data, checksum)
    return extract_text(name, data, checksum)
