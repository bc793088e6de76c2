"""The evidence behind the selected cycle's judgment, with the reviewer's highlights."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from peel_desktop.services.review_model import Column, Evidence

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

SHOWN = 15  # passages drawn at first (the dock shows three or four); the rest on request
# Stepping from question to question (the next one shown within STEPPING_S of the last), the
# pane fills in the first AT_ONCE passages (what the dock shows) and the others of the
# fifteen once the stepping pauses REST_AFTER_MS. A question shown after a pause (or the first
# one the window shows) has all of them at once.
AT_ONCE = 4
REST_AFTER_MS = 60
STEPPING_S = 0.25
HIGHLIGHT = {None: "#fff2a8", "red": "#f6c4bd", "amber": "#fbd9a6", "green": "#c8e6c9"}


def citation(e: Evidence) -> str:
    where = f"page {e.page}" if e.page else f"paragraph {e.paragraph}"
    return f"{e.report}, {where}"


class Heading(QWidget):
    """One line: the judgment in bold, then what the list holds, cut short with "…" when the
    dock is narrow (the judgment whole in its tooltip). Drawn rather than a QLabel: a label's
    new text asks every layout up to the window to be worked out again, so the whole window
    was laid out and repainted at every question switch; this repaints only itself."""

    def __init__(self) -> None:
        super().__init__()
        self._bold, self._rest = "", ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_text(self, bold: str, rest: str = "") -> None:
        if (bold, rest) != (self._bold, self._rest):
            self._bold, self._rest = bold, rest
            self.setAccessibleName(self.text())
            self.update()

    def text(self) -> str:
        return self._bold + self._rest

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self._bold_font())
        return QSize(metrics.horizontalAdvance(self.text()), metrics.height() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        area, flags = self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bold = QFontMetrics(self._bold_font())
        head = bold.elidedText(self._bold, Qt.TextElideMode.ElideRight, area.width())
        painter.setFont(self._bold_font())
        painter.drawText(area, flags, head)
        used = bold.horizontalAdvance(head)
        if head == self._bold and used < area.width():
            rest = self.fontMetrics().elidedText(self._rest, Qt.TextElideMode.ElideRight,
                                                 area.width() - used)
            painter.setFont(self.font())
            painter.drawText(area.adjusted(used, 0, 0, 0), flags, rest)


class EvidencePanel(QWidget):
    """Passages of the selected column; quoted ones first and marked.

    Emits ``show_original`` with the chosen passage, and ``annotate`` with (passage, start,
    end) when the reviewer asks to annotate the words selected in one passage.
    """

    show_original = Signal(object)
    annotate = Signal(object, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.heading = Heading()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Evidence passages")
        # always there: a bar coming and going would lay the passages out twice
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.anchorClicked.connect(self._clicked)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._menu)
        self.original = QPushButton("Show &original page")
        self.original.setToolTip("Open the report's page as printed (PDF reports)")
        self.original.clicked.connect(self._show)
        self.annotate_button = QPushButton("&Annotate selection…")
        self.annotate_button.setToolTip("Add a note, tags, a RAG rating or flags to the words "
                                        "selected in a passage (Ctrl+Shift+A)")
        self.annotate_button.clicked.connect(self.annotate_selection)
        row = QHBoxLayout()
        row.addWidget(self.heading, 1)
        row.addWidget(self.annotate_button)
        row.addWidget(self.original)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.text)
        self.passages: list[Evidence] = []
        self.ranges: list[tuple[int, int, Evidence]] = []  # document positions of each text
        self.highlights: list = []  # annotations on these passages
        self.current = 0
        self.limit = SHOWN
        self.message = ""
        # the passages below the dock's few, added when the stepping pauses (or asked for)
        self._waiting: list[Evidence] = []
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(REST_AFTER_MS)
        self._rest.timeout.connect(self.complete)
        self._shown_at = -STEPPING_S  # when a question's passages were last shown

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.passages:
            # the band behind the chosen passage and the links are coloured from the palette
            # when the passages are laid out: laid out again in the new one (the appearance
            # chosen, or the system's changed)
            self.choose(self.current)

    # -- showing ------------------------------------------------------------------------
    def show_column(self, label: str, column: Column | None, highlights: list = ()) -> None:
        self.highlights = list(highlights)
        if column is None:
            self._waiting = []
            self.passages, self.ranges = [], []
            self.heading.set_text("")
            self.text.clear()
            self.original.setEnabled(False)
            return
        self.passages = sorted(column.evidence, key=lambda e: not e.cited)
        self.limit = SHOWN
        self.heading.setToolTip(f"{label} — PEEL {column.cell.cycle}")
        self.heading.set_text(f"{label} — PEEL {column.cell.cycle}",
                              f": {len(self.passages)} passage(s), quoted ones first")
        now = time.monotonic()
        stepping = now - self._shown_at < STEPPING_S
        self._shown_at = now
        self.choose(0, at_once=AT_ONCE if stepping else None)

    def set_highlights(self, highlights: list) -> None:
        self.highlights = list(highlights)
        self._paint_highlights()

    def choose(self, index: int, *, at_once: int | None = None) -> None:
        """Show the passages with passage ``index`` marked. With ``at_once``, only that many
        are filled in now (those the dock shows first) and the rest when the stepping pauses
        (:meth:`complete`)."""
        self.current = index
        # One document, refilled: a new one each time stayed a child of the view and was never
        # freed (about 300 kB a question switch, for the whole session)
        document = getattr(self, "_document", None)
        if document is None:
            document = self._document = QTextDocument(self.text)
            document.setUndoRedoEnabled(False)  # refilled, never edited: nothing to undo
            self.text.setDocument(document)
        document.clear()
        document.setDefaultFont(self.text.font())
        self.ranges = []
        shown = self.passages[: max(self.limit, index + 1)]
        now = len(shown) if at_once is None else max(at_once, index + 1)
        self._waiting = shown[now:]
        self._fill(shown[:now], index, last=not self._waiting)
        if self._waiting:
            self._rest.start()
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self._paint_highlights()
        chosen = self.selected()
        self.original.setEnabled(bool(chosen and chosen.original and chosen.page_index is not None))

    def complete(self) -> None:
        """Fill in the passages still waiting (at once, when anything reads or finds them)."""
        self._rest.stop()
        if not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        bar = self.text.verticalScrollBar()
        at = bar.value()
        self._fill(waiting, self.current, last=True)
        bar.setValue(at)  # where the reviewer is reading
        self._paint_highlights()

    def _fill(self, passages: list[Evidence], index: int, *, last: bool) -> None:
        """Add ``passages`` at the document's end (the next ordinals after those there);
        with ``last``, the close: the link to the passages not shown, or why there are none."""
        document = self._document
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()  # laid out once, at the end, not after every insertion
        palette = self.palette()
        marked = palette.color(QPalette.ColorRole.AlternateBase)
        link = QTextCharFormat()
        link.setForeground(palette.color(QPalette.ColorRole.Link))
        link.setFontPointSize(max(self.text.font().pointSizeF() - 1, 7))
        plain = QTextCharFormat()
        for n, e in enumerate(passages, start=len(self.ranges)):
            block = QTextBlockFormat()
            block.setTopMargin(8 if n else 0)
            if n == index:
                block.setBackground(marked)
            (cursor.setBlockFormat if n == 0 else cursor.insertBlock)(block)
            header = QTextCharFormat(link)
            header.setAnchor(True)
            header.setAnchorHref(f"passage:{n}")
            if e.cited:
                header.setFontWeight(QFont.Weight.Bold)
            cursor.insertText(citation(e) + (" — quoted" if e.cited else ""), header)
            body = QTextBlockFormat()
            body.setBottomMargin(2)
            if n == index:
                body.setBackground(marked)
            cursor.insertBlock(body)
            start = cursor.position()
            cursor.insertText(e.text, plain)
            self.ranges.append((start, cursor.position(), e))
        if last:
            hidden = len(self.passages) - len(self.ranges)
            if not self.ranges:
                cursor.insertText("No passages of an imported report sit under this question "
                                  "in this cycle.")
            elif hidden > 0:
                more = QTextCharFormat(link)
                more.setAnchor(True)
                more.setAnchorHref("all:")
                cursor.insertBlock()
                cursor.insertText(f"Show {hidden} more passages", more)
        cursor.endEditBlock()

    def _paint_highlights(self) -> None:
        selections = []
        by_passage: dict[int, list] = {}
        for a in self.highlights:
            if a.passage_id is not None and a.start is not None and not a.deleted:
                by_passage.setdefault(a.passage_id, []).append(a)
        for start, _end, e in self.ranges:
            for a in by_passage.get(e.passage_id, []):
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.text.document())
                cursor.setPosition(start + a.start)
                cursor.setPosition(start + a.end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format.setBackground(QColor(HIGHLIGHT.get(a.rag, HIGHLIGHT[None])))
                selection.format.setForeground(QColor("#1c1c1c"))
                selections.append(selection)
        self.text.setExtraSelections(selections)

    def highlighted_ranges(self) -> list[tuple[int, str]]:
        """(passage id, highlighted words) now drawn: what the reviewer sees highlighted."""
        self.complete()
        out = []
        for selection in self.text.extraSelections():
            at = selection.cursor.selectionStart()
            passage = next(e for s, end, e in self.ranges if s <= at < end)
            out.append((passage.passage_id, selection.cursor.selectedText()))
        return out

    def select_words(self, passage_id: int, start: int, end: int) -> None:
        """Select words of a shown passage, as the reviewer would with the mouse."""
        self.complete()
        for begin, _stop, e in self.ranges:
            if e.passage_id == passage_id:
                cursor = self.text.textCursor()
                cursor.setPosition(begin + start)
                cursor.setPosition(begin + end, QTextCursor.MoveMode.KeepAnchor)
                self.text.setTextCursor(cursor)
                self.text.ensureCursorVisible()
                return

    def index_of(self, passage_id: int) -> int | None:
        return next((n for n, e in enumerate(self.passages) if e.passage_id == passage_id), None)

    # -- acting ---------------------------------------------------------------------------
    def selection(self) -> tuple[Evidence, int, int] | None:
        cursor = self.text.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if start == end:
            return None
        for begin, stop, e in self.ranges:
            if begin <= start and end <= stop:
                return e, start - begin, end - begin
        return None

    def annotate_selection(self) -> None:
        found = self.selection()
        if found is None:
            self.message = "Select words within one passage of the evidence, then annotate."
            self.heading.setToolTip(self.message)
            from PySide6.QtWidgets import QToolTip

            QToolTip.showText(self.annotate_button.mapToGlobal(QPoint(0, 0)), self.message,
                              self.annotate_button)
            return
        self.annotate.emit(*found)

    def selected(self) -> Evidence | None:
        return self.passages[self.current] if 0 <= self.current < len(self.passages) else None

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("passage:"):
            self.choose(int(text.split(":", 1)[1]))
        elif text == "all:":
            self.limit = len(self.passages)
            self.choose(self.current)

    def _menu(self, position: QPoint) -> None:
        menu = self.text.createStandardContextMenu(position)
        menu.addSeparator()
        action = menu.addAction("Annotate selection…")
        action.setEnabled(self.selection() is not None)
        action.triggered.connect(self.annotate_selection)
        menu.exec(self.text.viewport().mapToGlobal(position))

    def _show(self) -> None:
        chosen = self.selected()
        if chosen:
            self.show_original.emit(chosen)
