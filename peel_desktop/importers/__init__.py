"""Importers: a file in, an :class:`ExtractedReport` (pages → paragraphs → lines) out.

Every importer raises :class:`~peel_desktop.domain.ImportRejected` with one plain sentence
for a file it cannot read; none writes anything.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from peel_desktop.domain import ImportRejected
from peel_desktop.importers.model import ExtractedReport, Line, Paragraph
from peel_desktop.importers.text import MAX_BYTES, extract_text

__all__ = ["MAX_BYTES", "ExtractedReport", "Line", "Paragraph", "extract_file"]


def extract_file(path: Path) -> ExtractedReport:
    """Read ``path``, tell its format by content, and extract its text.

    Raises ImportRejected (file missing, unreadable, empty, too large, binary, or a
    format this version cannot read).
    """
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportRejected(name, "the file does not exist.") from None
    except OSError as error:
        raise ImportRejected(name, f"the file cannot be read ({error.strerror}).") from None
    if path.is_dir():
        raise ImportRejected(name, "this is a folder, not a report file.")
    if size > MAX_BYTES:
        raise ImportRejected(
            name, f"the file is {size // 1_000_000} MB; the largest report accepted is "
            f"{MAX_BYTES // 1_000_000} MB."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRejected(name, f"the file cannot be read ({error.strerror}).") from None
    checksum = hashlib.sha256(data).hexdigest()
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        raise ImportRejected(
            name, "PDF files cannot be imported by this version yet; import the report's text."
        )
    return extract_text(name, data, checksum)
