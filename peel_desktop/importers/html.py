"""Saved web pages ("Save page as", with or without the _files folder).

The standard library's HTML parser walks the page; navigation, page chrome, scripts and
forms are dropped, and only ``<main>`` (or ``<article>``) is kept when the page has one.
Headings, paragraphs, list items and images' alt text each become a paragraph; a table
becomes one paragraph per cell in reading order, except a judgments table whose header cells
are grades, which is read column by column (grade, then its areas), as the recogniser expects.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from peel_desktop.domain import ImportRejected
from peel_desktop.importers.model import ExtractedReport, Paragraph
from peel_desktop.importers.text import decode

_SKIP = {"script", "style", "nav", "header", "footer", "noscript", "form", "button", "svg",
         "template", "iframe", "select", "aside", "menu", "dialog", "canvas", "head"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "figcaption",
           "caption", "div", "section", "summary", "pre", "address", "td", "th", "tr", "br",
           "table", "ul", "ol", "article", "main", "details"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "col", "base"}
_GRADE = re.compile(r"^(outstanding|good|adequate|requires improvement|inadequate)$", re.I)
MAX_DEPTH = 500
_P_ENDERS = {"p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6",
             "blockquote", "pre", "section", "article", "aside", "header", "footer", "nav",
             "figure", "form", "hr", "main", "address", "details", "summary", "menu"}
_IMPLIED: dict[str, set[str]] = {
    **{t: {"p"} for t in _P_ENDERS},
    "li": {"li", "p"}, "dt": {"dt", "dd", "p"}, "dd": {"dt", "dd", "p"},
    "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"},
    "tbody": {"tbody", "thead", "tr", "td", "th"}, "thead": {"tbody", "thead", "tr", "td", "th"},
    "tfoot": {"tbody", "thead", "tr", "td", "th"}, "option": {"option"},
}
_SCOPE = {"table", "ul", "ol", "dl", "div", "td", "th", "body", "html", "main", "article",
          "section", "blockquote", "button", "select"}
_SCOPES = {"li": {"ul", "ol", "menu", "table"}, "dt": {"dl", "table"}, "dd": {"dl", "table"},
           "td": {"table"}, "th": {"table"}, "tr": {"table"}, "tbody": {"table"},
           "thead": {"table"}, "tfoot": {"table"}, "option": {"select", "datalist"}}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.blocks: list[tuple[str, str]] = []  # (tag, text)
        self.current: list[str] = []
        self.tag = "p"
        self.tables: list[list[list[str]]] = []  # rows of cells, for the open tables
        self.in_main = 0
        self.has_main = False
        self.main_blocks: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self.flush()
            elif tag == "img" and not self.skip_depth:
                self.image(dict(attrs).get("alt") or "")
            return
        self._imply_end(tag)
        self.stack.append(tag)
        if len(self.stack) > MAX_DEPTH:
            raise ValueError("too deeply nested")
        role = dict(attrs).get("role") or ""
        if self.skip_depth or tag in _SKIP or role in {"navigation", "banner", "contentinfo"}:
            self.skip_depth += 1
            return
        if tag in {"main", "article"} or role == "main":
            self.flush()
            self.in_main += 1
            self.has_main = True
        if tag == "table":
            self.flush()
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in _BLOCKS:
            self.flush()
            self.tag = tag

    def _imply_end(self, tag: str) -> None:
        """HTML5's optional end tags, as browsers read them: a <p> ends at the next block, a
        <li> at the next <li> of its list, a cell at the next cell or row, a row at the next
        row or table section, <dt>/<dd> at the next of either, an <option> at the next."""
        closes = _IMPLIED.get(tag)
        while closes and self.stack:
            found = None
            for open_tag in reversed(self.stack):
                if open_tag in closes:
                    found = open_tag
                    break
                if open_tag in _SCOPES.get(tag, _SCOPE):
                    break  # what is open belongs to an outer list or table: leave it
            if found is None:
                return
            self.handle_endtag(found)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in {"td", "th"} and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(self.text())
            self.current = []
            return
        if tag == "table" and self.tables:
            self.emit_table(self.tables.pop())
            return
        if tag in _BLOCKS:
            self.flush()
        if tag in {"main", "article"} and self.in_main:
            self.in_main -= 1

    def image(self, alt: str) -> None:
        """An image's alt text is its words (a judgments table may be a picture of one):
        within a table cell, part of the cell; else a paragraph of its own."""
        alt = re.sub(r"\s+", " ", alt).strip()
        if not alt:
            return
        if self.tables and self.tables[-1]:
            self.current.append(f" {alt} ")
            return
        self.flush()
        self.add("p", alt)

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.current.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.current)).strip()

    def flush(self) -> None:
        if self.tables and self.tables[-1]:
            # inside a table row the text belongs to the cell; its paragraphs and lines stay
            # apart (areas listed in a cell one per <p> or <br>)
            if "".join(self.current).strip() and not "".join(self.current).rstrip().endswith(";"):
                self.current.append("; ")
            return
        text = self.text()
        self.current = []
        if text:
            self.add(self.tag, text)

    def add(self, tag: str, text: str) -> None:
        prefix = "• " if tag == "li" else ""
        target = self.main_blocks if self.in_main else self.blocks
        target.append((tag, prefix + text))

    def emit_table(self, rows: list[list[str]]) -> None:
        rows = [r for r in rows if any(cell for cell in r)]
        if not rows:
            return
        header = rows[0]
        by_grade = len(header) >= 2 and all(_GRADE.match(c) for c in header if c)
        if by_grade:
            for column, grade in enumerate(header):
                self.add("th", grade)
                for row in rows[1:]:
                    if column < len(row) and row[column]:
                        for part in re.split(r"\s*[\n;]\s*|\s{2,}", row[column]):
                            if part:
                                self.add("td", part)
            return
        for row in rows:
            for cell in row:
                if cell:
                    self.add("td", cell)


def _split_cells(raw: str) -> str:
    """Keep list items apart inside table cells (areas listed under a grade)."""
    return re.sub(r"</li>", ";</li>", raw, flags=re.I)


def extract_html(name: str, data: bytes, checksum: str) -> ExtractedReport:
    """Extract a saved web page's report text; raises ImportRejected if there is none."""
    text = decode(name, data)
    page = _Page()
    try:
        page.feed(_split_cells(text))
        page.close()
    except (ValueError, AssertionError, RecursionError):
        raise ImportRejected(
            name, "the web page is malformed or nested too deeply to read."
        ) from None
    page.flush()
    blocks = page.main_blocks if page.has_main and page.main_blocks else page.blocks
    blocks = [(tag, re.sub(r";\s*$", "", t).strip()) for tag, t in blocks]
    paragraphs = tuple(
        Paragraph(ordinal=i, page=None, page_label=None, lines=(t,))
        for i, (_tag, t) in enumerate((b for b in blocks if b[1]), start=1)
    )
    if not paragraphs:
        raise ImportRejected(name, "the web page has no report text in it.")
    return ExtractedReport(
        file_name=name, media_type="text/html", checksum=checksum, paged=False,
        paragraphs=paragraphs,
    )
