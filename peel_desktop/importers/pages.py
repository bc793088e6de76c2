"""Drawing a page of an original PDF for the viewer (pypdfium2: the engine the import reads
the text with, so what the reviewer sees is what was read). No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from peel_desktop.domain import PeelError
from peel_desktop.importers.engine import PDFIUM


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int
    pixels: bytes  # BGRA, 8 bits a channel: a 32-bit RGB image on little-endian machines
    page_count: int


def render_page(path: Path, index: int, *, width: int) -> PageImage:
    """Page ``index`` (0-based) of the PDF at ``path``, drawn ``width`` pixels wide.

    Raises PeelError when the file cannot be read or has no such page.
    """
    with PDFIUM:
        try:
            document = pdfium.PdfDocument(str(path))
        except (pdfium.PdfiumError, OSError) as error:
            raise PeelError(f"{path.name} cannot be shown ({error}).") from None
        try:
            count = len(document)
            if not 0 <= index < count:
                raise PeelError(f"{path.name} has no page {index + 1} (it has {count}).")
            page = document[index]
            try:
                bitmap = page.render(scale=width / page.get_width(),
                                     fill_color=(255, 255, 255, 255),
                                     force_bitmap_format=pdfium.raw.FPDFBitmap_BGRA,
                                     rev_byteorder=False)
                try:
                    return PageImage(bitmap.width, bitmap.height, bitmap.stride,
                                     bytes(bitmap.buffer), count)
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()
