"""Side-by-side comparison of one review item across cycles, drawn as a grid.

Each cell's paragraphs are laid out with QTextLayout and painted where they show: stepping
to the next question lays out a few hundred words, where a rich-text table was parsed from
HTML and laid out by the text engine (three times the time of the rest of the switch).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMenu, QWidget

from peel_desktop.domain import Grade
from peel_desktop.framework import grade_styles
from peel_desktop.services.review_model import Column, Comparison

CHANGE_WORDS = {
    "improved": "▲ Improved",
    "declined": "▼ Declined",
    "unchanged": "= Unchanged",
    "not_comparable": "◆ Not directly comparable",
    "carried_over": "↻ Not re-inspected: judgment carried over",
}
_KIND = {"area_for_improvement": "Area for improvement", "cause_of_concern": "Cause of concern",
         "recommendation": "Recommendation", "innovative_practice": "Innovative practice"}
MARGIN, GAP, PAD = 8.0, 4.0, 6.0
EDIT = "✎"


_HELD_LAYOUTS = 400  # some eight questions' worth of paragraphs
REST_AFTER_MS = 60  # the rows below the view are laid out once this long after the grid was
# drawn (again at each step: a key held down lays out only what it shows)


@dataclass
class _Para:
    """One paragraph of the drawing: its words, look and what a click on it does."""

    text: str
    style: str = "body"  # body | small | italic | bold | title | head | badge | link
    center: bool = False
    link: tuple | None = None  # ("cycle", n) | ("finding", n, i): on its ✎ only
    bold_to: int = 0  # the first characters in bold (a finding's kind)
    background: str | None = None
    foreground: str | None = None
    layout: QTextLayout | None = None
    at: QPointF | None = None
    height: float = 0.0


def _fill(painter: QPainter, rect: QRectF, color: QColor) -> None:
    """``rect`` filled with ``color``. (QPainter.fillRect would do, but choosing among its
    overloads makes PySide set up QGradient and its 182 enum members on the way to the first
    screen.)"""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRect(rect)
    painter.restore()


def _change(column: Column, previous_cycle: str | None) -> str:
    if column.change is None:
        return ""
    since = (f" since {previous_cycle}"
             if previous_cycle and column.change != "carried_over" else "")
    words = CHANGE_WORDS[column.change] + since
    if column.change == "not_comparable":
        words += f" — {column.break_reason or 'the framework changed'}"
    return words


def _head(comparison: Comparison) -> list[_Para]:
    """The question's title and the framework's break notes above the grid."""
    top = [_Para(comparison.item.label, "title")]
    for note, words in comparison.break_citations:
        top.append(_Para(f"◆ {note}", bold_to=1))
        if words:
            top.append(_Para(f"HMICFRS: {words}", "small"))
    return top


def comparison_rows(comparison: Comparison) -> list[list[list[_Para]]]:
    """The grid's rows, each a list of cells (one a column), each a list of paragraphs."""
    head, badge, change, wording, summary, findings, evidence = ([] for _ in range(7))
    graded_before: str | None = None
    for n, column in enumerate(comparison.columns):
        cell = column.cell
        marker = "◆ " if column.crosses_break else ""
        head.append([_Para(f"{marker}PEEL {cell.cycle}", "head", True, ("cycle", n))])
        if len(cell.grades) == 1:
            style = grade_styles()[Grade(cell.grades[0])]
            badge.append([_Para(cell.words, "badge", True, background=style.background,
                                foreground=style.foreground)])
        else:
            badge.append([_Para(cell.words, "italic", True)])
        said = _change(column, graded_before)
        change.append([_Para(said, "bold", True)] if said else [])
        if len(cell.grades) == 1:
            graded_before = cell.cycle
        wording.append([_Para("Question this cycle:", "small")]
                       + [_Para(q, "italic") for q in column.questions or ("—",)])
        summary.append([_Para(s) for s in column.summary] or [_Para("—", "small")])
        findings.append([
            _Para(f"{_KIND[f['kind']]}: {f['text']} {EDIT}", link=("finding", n, i),
                  bold_to=len(_KIND[f["kind"]]) + 1)
            for i, f in enumerate(column.findings)])
        count = len(column.evidence)
        evidence.append([_Para(f"Evidence: {count} passage{'s' if count != 1 else ''}", "link",
                               True, ("cycle", n))])
    return [head, badge, change, wording, summary, findings, evidence]


class ComparisonView(QAbstractScrollArea):
    """Shows a comparison; emits ``column_selected`` when a cycle is chosen (its heading or
    evidence count clicked, or Left/Right pressed) and ``finding_chosen`` when a finding's ✎
    is clicked."""

    column_selected = Signal(int)
    finding_chosen = Signal(int, int)  # column, finding index: the reviewer will annotate it

    def __init__(self) -> None:
        super().__init__()
        # A viewport of our own making, as Qt makes its own (the view's base colour, filled):
        # the first time Python is handed a plain widget Qt made, PySide sets up every
        # widget class not yet used to find which it is (3 ms on the way to the first data)
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        self.setAccessibleName("Comparison across cycles")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        # Always there: a bar coming and going changes the width, and lays it all out again
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.comparison: Comparison | None = None
        self.selected = 0
        self._top: list[_Para] = []  # the title and the notes on marks, across the width
        self._rows: list[list[list[_Para]]] = []
        self._columns: list[tuple[float, float]] = []  # each column's x and width
        self._grid = (0.0, 0.0)  # the grid's top and the foot of its rows laid out
        self._height = 0.0
        self._laid_for = -1.0
        # Rows below what shows are laid out when the reviewer pauses (or scrolls to them):
        # a theme's grid is some five screens tall, and stepping on shows only its top
        self._placed = 0  # rows laid out, from the top
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(REST_AFTER_MS)
        self._rest.timeout.connect(self._rest_due)
        self._arming = False
        self._fonts: dict[str, QFont] = {}
        # laid-out paragraphs by (words, look, width): cycle headings, grades, "Question this
        # cycle:", "Evidence: 3 passages" recur from question to question, and a layout is
        # drawn at any position (bounded; emptied when it fills or the font changes)
        self._layouts: dict[tuple, tuple[QTextLayout, float]] = {}

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._fonts, self._layouts, self._laid_for = {}, {}, -1.0
        super().changeEvent(event)

    # -- content --------------------------------------------------------------------------
    def show_comparison(self, comparison: Comparison, selected: int) -> None:
        position = self.verticalScrollBar().value()
        same = self.comparison is comparison
        self.comparison, self.selected = comparison, selected
        if not same:
            self._top = _head(comparison)
            self._rows = comparison_rows(comparison)
            self._laid_for = -1.0
            self._lay_out()
            self.setAccessibleDescription(self.toPlainText())
        self.verticalScrollBar().setValue(position)
        self.viewport().update()

    def prepare(self, comparison: Comparison) -> None:
        """Lay ``comparison`` out at the present width without showing it (a neighbouring
        question, while the reviewer reads this one): showing it then lays nothing out."""
        if comparison is not self.comparison:
            self._place(_head(comparison), comparison_rows(comparison),
                        float(self.viewport().width()))

    def select(self, column: int) -> None:
        if self.comparison:
            self.show_comparison(self.comparison, column)

    def clear(self) -> None:
        self.comparison, self._top, self._rows = None, [], []
        self._laid_for = -1.0
        self._lay_out()
        self.viewport().update()

    def toPlainText(self) -> str:
        """What the view shows, as text (read out to screen readers, copied with Ctrl+C)."""
        lines = [p.text for p in self._top]
        for row in self._rows:
            for cell in row:
                lines += [p.text for p in cell]
        return "\n".join(lines)

    # -- layout ---------------------------------------------------------------------------
    def _font(self, style: str) -> QFont:
        held = self._fonts.get(style)
        if held is not None:
            return held
        font = self._fonts[style] = QFont(self.font())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        if style == "title":
            font.setPointSizeF(size * 1.4)
            font.setBold(True)
        elif style == "head":
            font.setPointSizeF(size * 1.15)
            font.setBold(True)
        elif style in ("bold", "badge"):
            font.setBold(True)
        elif style == "small":
            font.setPointSizeF(size * 0.85)
        elif style == "italic":
            font.setItalic(True)
        return font

    def _set(self, para: _Para, x: float, y: float, width: float) -> float:
        """Lay ``para`` out at (x, y) in ``width``; returns its height."""
        key = (para.text, para.style, para.center, para.bold_to, width)
        held = self._layouts.get(key)
        if held is not None:
            para.layout, para.at, para.height = held[0], QPointF(x, y), held[1]
            return held[1]
        layout = QTextLayout(para.text, self._font(para.style))
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter if para.center
                             else Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if para.bold_to:
            bold = QTextLayout.FormatRange()
            bold.start, bold.length = 0, para.bold_to
            strong = QTextCharFormat()
            strong.setFontWeight(QFont.Weight.Bold)
            bold.format = strong
            layout.setFormats([bold])
        layout.beginLayout()
        height = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 10.0))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        para.layout, para.at, para.height = layout, QPointF(x, y), height
        if len(self._layouts) >= _HELD_LAYOUTS:
            self._layouts.clear()
        self._layouts[key] = (layout, height)
        return height

    def _lay_out(self) -> None:
        width = float(self.viewport().width())
        if width == self._laid_for:
            return
        self._laid_for = width
        shown = self.verticalScrollBar().value() + self.viewport().height()
        self._columns, self._grid, self._placed = self._place(self._top, self._rows, width,
                                                              until=shown)
        self._scroll_range()

    def _place(self, top: list[_Para], rows: list[list[list[_Para]]], width: float,
               until: float = float("inf")
               ) -> tuple[list[tuple[float, float]], tuple[float, float], int]:
        """Lay the paragraphs out in ``width``, the grid's rows down to the first that starts
        below ``until``: the columns (x, width), the grid's top and the foot of the rows laid
        out, and how many rows were."""
        inner = width - 2 * MARGIN
        y = MARGIN
        for para in top:
            y += self._set(para, MARGIN, y, inner) + (8 if para.style == "title" else 4)
        count = max(len(rows[0]) if rows else 0, 1)
        column_width = (inner - GAP * (count - 1)) / count
        columns = [(MARGIN + n * (column_width + GAP), column_width) for n in range(count)]
        grid_top = y = y + 4
        placed = 0
        for row in rows:
            if y > until:
                break
            y = self._place_row(row, columns, y)
            placed += 1
        return columns, (grid_top, y), placed

    def _place_row(self, row: list[list[_Para]], columns: list[tuple[float, float]],
                   y: float) -> float:
        """Lay a row of cells out from ``y``; returns the y below it."""
        tallest = 0.0
        for (x, w), cell in zip(columns, row, strict=False):
            at = y + PAD
            for para in cell:
                pad = PAD if para.background else 0.0
                at += self._set(para, x + PAD + pad, at + pad, w - 2 * (PAD + pad)) \
                    + 2 * pad + 6
            tallest = max(tallest, at - y + PAD - 6 if cell else 0.0)
        return y + tallest + (GAP if tallest else 0.0)

    def _place_rest(self, until: float = float("inf")) -> None:
        """Lay out the rows not yet laid out, down to ``until``."""
        top, y = self._grid
        while self._placed < len(self._rows) and y <= until:
            y = self._place_row(self._rows[self._placed], self._columns, y)
            self._placed += 1
        self._grid = (top, y)
        self._scroll_range()

    def _arm_rest(self) -> None:
        self._arming = False
        if self._placed < len(self._rows):
            self._rest.start()

    def _rest_due(self) -> None:
        if self._placed < len(self._rows):
            self._place_rest()
            self.viewport().update()  # the chosen cycle's band runs down the whole grid

    def _scroll_range(self) -> None:
        top, y = self._grid
        self._height = y + MARGIN
        left = len(self._rows) - self._placed
        if left > 0:  # (a guess, made good as the rest is laid out)
            self._height += left * (y - top) / max(self._placed, 1)
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, int(self._height - self.viewport().height())))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(self.fontMetrics().height() * 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._lay_out()
        self._scroll_range()  # a change of height alone lays nothing out again

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        if self._placed < len(self._rows):  # scrolled before the rows below were laid out
            bar = self.verticalScrollBar()
            if bar.value() >= bar.maximum():  # to the foot: the whole grid, and its foot
                self._place_rest()
                bar.setValue(bar.maximum())
            else:
                self._place_rest(bar.value() + self.viewport().height())
        self.viewport().update()

    # -- drawing --------------------------------------------------------------------------
    def _paragraphs(self):
        yield from self._top
        for row in self._rows:
            for cell in row:
                yield from cell

    def paintEvent(self, event) -> None:
        self._lay_out()
        offset = self.verticalScrollBar().value()
        shown = QRectF(event.rect()).translated(0, offset)
        if self._placed < len(self._rows) and shown.bottom() > self._grid[1]:
            self._place_rest(shown.bottom())  # scrolled down before they were laid out
        if self._placed < len(self._rows) and not self._arming:
            # the rest once the stepping pauses, counted from when the grid was drawn (the
            # timer set on the next turn of the loop: what waits for the window's paint
            # to be over, the start's report of it among them, comes first)
            self._arming = True
            QTimer.singleShot(0, self._arm_rest)
        painter = QPainter(self.viewport())
        painter.translate(0, -offset)
        palette = self.palette()
        if self._rows and 0 <= self.selected < len(self._columns):
            x, w = self._columns[self.selected]
            _fill(painter, QRectF(x, self._grid[0], w, self._grid[1] - self._grid[0]),
                  palette.color(QPalette.ColorRole.AlternateBase))
        text = palette.color(QPalette.ColorRole.Text)
        link = palette.color(QPalette.ColorRole.Link)
        for para in self._paragraphs():
            if para.layout is None or para.at is None:
                continue
            box = QRectF(para.at.x() - PAD, para.at.y() - PAD, 0, para.height + 2 * PAD)
            if para.background:
                column = next(((x, w) for x, w in self._columns
                               if x <= para.at.x() < x + w), None)
                if column:
                    box = QRectF(column[0] + PAD, para.at.y() - PAD, column[1] - 2 * PAD,
                                 para.height + 2 * PAD)
                    _fill(painter, box, QColor(para.background))
            if para.at.y() > shown.bottom() or para.at.y() + para.height < shown.top():
                continue
            painter.setPen(QColor(para.foreground) if para.foreground
                           else link if para.style in ("head", "link") else text)
            para.layout.draw(painter, para.at)
            if para.link and para.link[0] == "finding":
                edit = self._edit_rect(para)
                if edit is not None:
                    painter.setPen(link)
                    painter.drawText(edit, Qt.AlignmentFlag.AlignCenter, EDIT)

    def _edit_rect(self, para: _Para) -> QRectF | None:
        """Where a finding's ✎ is drawn: the last character of its layout."""
        assert para.layout is not None and para.at is not None
        position = len(para.text) - 1
        for n in range(para.layout.lineCount()):
            line = para.layout.lineAt(n)
            if line.textStart() <= position < line.textStart() + line.textLength():
                x = line.cursorToX(position)[0]
                end = line.cursorToX(position + 1)[0]
                return QRectF(para.at.x() + x, para.at.y() + line.y(), max(end - x, 8),
                              line.height())
        return None

    # -- the reviewer's hand --------------------------------------------------------------
    def link_at(self, point: QPointF) -> tuple | None:
        """What a click at ``point`` (viewport coordinates) chooses, if anything."""
        at = QPointF(point.x(), point.y() + self.verticalScrollBar().value())
        for para in self._paragraphs():
            if not para.link or para.layout is None or para.at is None:
                continue
            if para.link[0] == "finding":
                rect = self._edit_rect(para)
            else:
                bounds = para.layout.boundingRect()
                rect = QRectF(para.at.x() + bounds.x(), para.at.y(), bounds.width(),
                              para.height)
            if rect is not None and rect.adjusted(-2, -2, 2, 2).contains(at):
                return para.link
        return None

    def mouseMoveEvent(self, event) -> None:
        pointing = self.link_at(event.position()) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if pointing
                                  else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activate(self.link_at(event.position()))
        super().mouseReleaseEvent(event)

    def activate(self, link: tuple | None) -> None:
        if link is None:
            return
        if link[0] == "cycle":
            self.column_selected.emit(link[1])
        else:
            self.finding_chosen.emit(link[1], link[2])

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            QApplication.clipboard().setText(self.toPlainText())
            return
        columns = len(self.comparison.columns) if self.comparison else 0
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if step and event.modifiers() == Qt.KeyboardModifier.NoModifier and columns:
            self.column_selected.emit(max(0, min(self.selected + step, columns - 1)))
            return
        super().keyPressEvent(event)

    def _menu(self, position) -> None:
        menu = QMenu(self)
        copy = menu.addAction("&Copy the comparison")
        copy.triggered.connect(lambda: QApplication.clipboard().setText(self.toPlainText()))
        menu.exec(self.mapToGlobal(position))
