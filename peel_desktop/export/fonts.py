"""The bundled fonts, and text made safe for reportlab's Paragraph markup."""

from __future__ import annotations

import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from peel_desktop import paths

SANS = "PeelSans"
SYMBOLS = "PeelSymbols"
_FILES = {SANS: "DejaVuSans.ttf", f"{SANS}-Bold": "DejaVuSans-Bold.ttf",
          f"{SANS}-Italic": "DejaVuSans-Oblique.ttf",
          f"{SANS}-BoldItalic": "DejaVuSans-BoldOblique.ttf",
          SYMBOLS: "NotoSansSymbols2-Regular.ttf"}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 (surrogate
    pairs). reportlab writes them as five hex digits, which PDF readers truncate, so that a
    copied or searched 👍 became U+1F44."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
             "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
             "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
             f"{len(subset)} beginbfchar"]
    lines += [f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end",
              "end"]
    return "\n".join(lines)


@cache
def register() -> tuple[frozenset[int], frozenset[int]]:
    """Register the fonts once; returns the code points each of the two families covers."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    folder = paths.resources_dir() / "fonts"
    faces = {}
    for name, file in _FILES.items():
        font = TTFont(name, str(folder / file))
        pdfmetrics.registerFont(font)
        faces[name] = font
    for bold, italic, name in ((0, 0, SANS), (1, 0, f"{SANS}-Bold"), (0, 1, f"{SANS}-Italic"),
                               (1, 1, f"{SANS}-BoldItalic")):
        addMapping(SANS, bold, italic, name)
    return (frozenset(faces[SANS].face.charToGlyph), frozenset(faces[SYMBOLS].face.charToGlyph))


def covered(ch: str) -> bool:
    sans, symbols = register()
    return ord(ch) in sans or ord(ch) in symbols


def safe(ch: str) -> str:
    """A character the fonts can draw, or its Unicode name in brackets (never dropped)."""
    sans, symbols = register()
    code = ord(ch)
    if code in sans or ch in "\n\t" or unicodedata.category(ch) in ("Mn", "Cf"):
        return ch
    if code in symbols:
        return ch
    return f"[{unicodedata.name(ch, f'U+{code:04X}')}]"


def _all_sans(text: str, sans: frozenset[int]) -> bool:
    """Whether the text font draws every character but line breaks (nearly all text: the
    fast path, one set operation instead of a look-up per character)."""
    return {ord(ch) for ch in set(text)} - {10} <= sans


def plain(text: str) -> str:
    """Text for places that take no markup (Word, metadata): unknown glyphs named."""
    if _all_sans(text, register()[0]):
        return text
    return "".join(safe(ch) for ch in text)


def markup(text: str) -> str:
    """Any user text as Paragraph markup: escaped, symbols in the symbol font, lines kept."""
    sans, symbols = register()
    if _all_sans(text, sans):
        return escape(text).replace("\n", "<br/>")
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append("<br/>")
        elif code in sans or unicodedata.category(ch) in ("Mn", "Cf"):
            out.append(escape(ch))
        elif code in symbols:
            out.append(f'<font name="{SYMBOLS}">{escape(ch)}</font>')
        else:
            out.append(escape(f"[{unicodedata.name(ch, f'U+{code:04X}')}]"))
    return "".join(out)
