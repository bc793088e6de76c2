"""What every importer returns: the report's text, by page and paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple


class Line(NamedTuple):
    """One line of the source as a reader sees it (whitespace trimmed). A named tuple: one
    is made for every line of a report, and a frozen dataclass costs several times as much
    to make."""

    text: str
    paragraph: int  # ordinal of the paragraph holding the line, 1-based in the report


@dataclass(frozen=True)
class Paragraph:
    ordinal: int  # 1-based in the whole report
    page: int | None  # 1-based page in the document, None for web or plain prose text
    page_label: str | None  # the number printed on the page, when known
    lines: tuple[str, ...]
    role: str = "body"  # "body", or "contents" for a table of contents

    @cached_property  # recognition reads it many times (frozen: computed once)
    def text(self) -> str:
        """The paragraph as running text: lines joined, hyphenated line ends kept joined."""
        out = ""
        for line in self.lines:
            if not out:
                out = line
            elif out.endswith("-") and out[-2:-1].isalpha():
                out += line
            else:
                out += " " + line
        return out


@dataclass(frozen=True)
class ExtractedReport:
    file_name: str
    media_type: str
    checksum: str  # sha256 of the file's bytes
    paged: bool  # True when the text keeps the source's pages (citations give a page)
    paragraphs: tuple[Paragraph, ...]
    source: bytes | None = None  # the original file, kept when the viewer can show it (PDF)

    @property
    def page_count(self) -> int:
        pages = {p.page for p in self.paragraphs if p.page is not None}
        return max(pages) if pages else 0

    @cached_property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @cached_property
    def _body_lines(self) -> tuple[Line, ...]:
        return tuple(Line(text, p.ordinal) for p in self.paragraphs if p.role == "body"
                     for text in p.lines)

    def lines(self) -> list[Line]:
        """The body's lines in reading order (tables of contents left out)."""
        return list(self._body_lines)


class Cancelled(Exception):
    """The reviewer cancelled a long import; nothing was written."""


class Monitor:
    """Progress and cancellation for long work; this base reports nothing and never stops.

    ``step`` is called from the worker thread: implementations must be thread-safe.
    """

    def step(self, done: int, total: int) -> None:
        """``done`` of ``total`` units (pages) are finished."""

    def cancelled(self) -> bool:
        return False
