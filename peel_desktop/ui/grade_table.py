"""A table of grades (rows of questions or forces, a column a cycle) that shows every cell's
words whole.

A grade's words wrap ("Requires / improvement") and are never cut short: a column is never
narrower than "improvement", and a row grows for a cell of more words than its two lines
hold ("Requires improvement / Inadequate", a carried-over judgment). The row names give way
instead, wrapped or ending in "…" (whole in their tooltips). The cells are drawn with their
words laid out once per words and width.

The model gives each cell's look with ``look(row, column)``: (words, background, foreground),
the colours None for the view's own; and its words alone with ``words(row, column)``.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPalette,
    QPixmap,
    QStaticText,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QTableView,
    QWidget,
)

from peel_desktop.services.review_model import Cell
from peel_desktop.ui.theme import grade_colours

CELL_MARGIN = 4  # each side of a cell's words
_HELD = 64  # cells' pixmaps kept, about 17 kB each (a board holds a few dozen looks)
_TWO_LINES = len("Requires improvement")  # words no longer than these fit two lines
_SELECTED = QStyle.StateFlag.State_Selected.value
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value


Look = tuple[str, QColor | None, QColor | None]
LOOK_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
              Qt.ItemDataRole.ForegroundRole)


def look_of(cell: Cell | None, words: str) -> Look:
    """A cell's look: its words, and its grade's colours when it states one grade."""
    if cell is not None and len(cell.grades) == 1:
        return (words, *grade_colours(cell.grades[0]))
    return (words, None, None)


def look_data(look: Look, role: int) -> object:
    """What a model answers for one of LOOK_ROLES from a cell's look."""
    words, background, foreground = look
    if role == Qt.ItemDataRole.DisplayRole:
        return words
    colour = background if role == Qt.ItemDataRole.BackgroundRole else foreground
    return QBrush(colour) if colour is not None else None


class _CellDelegate(QStyledItemDelegate):
    """Draws a cell: its grade's colour and its words, wrapped and centred. Each look (words,
    colours, size) is drawn once into a pixmap and copied from it after: the standard
    delegate laid every visible cell's text out again at each paint, which was most of a
    question switch's time on Compare forces, and drawing the words each time took a dozen
    calls a cell."""

    # one store for every table (Compare forces, the Overview): at most _HELD pixmaps in
    # all, for the font, palette and style of now
    _cells: ClassVar[dict[tuple, QPixmap]] = {}
    _font: ClassVar[QFont | None] = None

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.ratio = 1.0  # the view's device pixel ratio (set as it paints)

    def forget(self) -> None:
        """The cells drawn so far are not to be used again (the font or palette changed)."""
        self._cells.clear()

    def paint(self, painter, option, index) -> None:
        rect = option.rect
        look = index.model().look(index.row(), index.column())
        # the state's bits as a number: an operation on the flags themselves runs Python's
        # enum machinery, twice a cell for every cell drawn
        state = option.state.value
        selected = state & _SELECTED
        width, height = rect.width(), rect.height()
        key = (look[0], id(look[1]), id(look[2]), width, height, selected, self.ratio)
        pixmap = self._cells.get(key)
        if pixmap is None:
            font = option.font
            if self._font is None or font != self._font:  # (the view's: the same, as a rule)
                self._cells.clear()
                _CellDelegate._font = QFont(font)
            if len(self._cells) >= _HELD:
                self._cells.clear()
            pixmap = self._cells[key] = self._drawn(look, width, height, bool(selected),
                                                    option.palette)
        painter.drawPixmap(rect.topLeft(), pixmap)
        if state & _HAS_FOCUS:
            palette = option.palette
            focus = QStyleOptionFocusRect()
            focus.rect, focus.palette, focus.state = rect, palette, option.state
            focus.backgroundColor = palette.highlight().color() if selected \
                else palette.base().color()
            widget = option.widget
            (widget.style() if widget else self.parent().style()).drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)

    def _drawn(self, look: Look, width: int, height: int, selected: bool,
               palette: QPalette) -> QPixmap:
        words, background, foreground = look
        if selected:
            fill, ink = palette.highlight().color(), palette.highlightedText().color()
        else:
            fill = background if background is not None else palette.base().color()
            ink = foreground if foreground is not None else palette.text().color()
        pixmap = QPixmap(max(round(width * self.ratio), 1), max(round(height * self.ratio), 1))
        pixmap.setDevicePixelRatio(self.ratio)
        pixmap.fill(fill)
        text = QStaticText(words)
        text.setTextFormat(Qt.TextFormat.PlainText)
        wrap = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
        text.setTextOption(wrap)
        text.setTextWidth(max(width - 2 * CELL_MARGIN, 1))
        painter = QPainter(pixmap)
        painter.setFont(self._font)
        painter.setPen(ink)
        text.prepare(QTransform(), self._font)
        painter.drawStaticText(QPointF(CELL_MARGIN, (height - text.size().height()) / 2), text)
        painter.end()
        return pixmap


class _RowNames(QHeaderView):
    """The row names (forces or questions). Its width is worked out once for the names it
    holds: Qt works out the width again from every name, through the model's headerData
    for each of its roles, whenever a row's height changes, as it does when the next
    question's cells need more lines."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as a table view's own row header is
        self.setHighlightSections(True)
        self._hint: QSize | None = None

    def reset(self) -> None:
        self._hint = None  # new rows, new names
        super().reset()
        self.geometriesChanged.emit()  # (Qt kept the width the old names had)

    def setModel(self, model) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.headerDataChanged, model.layoutChanged, model.rowsInserted,
                           model.rowsRemoved):
                signal.connect(self._names_changed)

    def _names_changed(self, *_args) -> None:
        self._hint = None
        self.geometriesChanged.emit()  # the view lays its headers out again

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = None
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        if self._hint is None:
            self._hint = super().sizeHint()
        return QSize(self._hint)


class GradeTable(QTableView):
    """Grades by cycle. ``names``: the text as wide as the row names may take; longer ones
    wrap onto more lines (``wrap_names``) or end in "…"."""

    def __init__(self, names: str, *, wrap_names: bool = False) -> None:
        super().__init__()
        self.setVerticalHeader(_RowNames(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setWordWrap(True)
        self._cells = _CellDelegate(self)
        self.setItemDelegate(self._cells)
        metrics = self.fontMetrics()
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        columns.setMinimumSectionSize(  # a grade's longest word whole
            metrics.horizontalAdvance("improvement") + 4 * CELL_MARGIN)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * metrics.height() + 8)
        rows.setMaximumWidth(metrics.horizontalAdvance(names))
        self.wrap_names = wrap_names
        if wrap_names:
            rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                     | Qt.TextFlag.TextWordWrap)
        else:
            rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._heights: dict[tuple[str, int], int] = {}  # (words, width) → height needed
        # the columns follow the view's width: the rows are fitted again once they settle
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.timeout.connect(self.fit_rows)
        columns.sectionResized.connect(lambda *_a: self._refit.start())
        # a table too wide for the view shows the newest cycles, where its rows end, as the
        # comparison starts at the newest; a new board starts there again
        self._to_newest = QTimer(self)
        self._to_newest.setSingleShot(True)
        self._to_newest.timeout.connect(self.show_newest)
        self.horizontalScrollBar().rangeChanged.connect(lambda *_a: self._to_newest.start())

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.StyleChange):
            self._cells.forget()  # drawn in the old font or colours
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        self._cells.ratio = self.viewport().devicePixelRatioF()
        super().paintEvent(event)

    def setModel(self, model) -> None:
        super().setModel(model)
        if model is not None:  # the rows fit their cells whenever the cells change
            model.modelReset.connect(self.fit_rows)
            model.dataChanged.connect(lambda *_a: self.fit_rows())
            model.modelReset.connect(self._to_newest.start)

    def show_newest(self) -> None:
        """Scrolled to the last (newest) cycle's column."""
        bar = self.horizontalScrollBar()
        bar.setValue(bar.maximum())

    def fit_rows(self) -> None:
        """Each row as tall as its longest cell needs at the columns' widths."""
        model = self.model()
        if model is None:
            return
        rows = self.verticalHeader()
        base, metrics = rows.defaultSectionSize(), self.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        widths = [self.columnWidth(c) - 2 * CELL_MARGIN for c in range(model.columnCount())]
        names = rows.width() - 2 * CELL_MARGIN
        for row in range(model.rowCount()):
            needed = base
            if self.wrap_names:
                name = str(model.headerData(row, Qt.Orientation.Vertical) or "")
                needed = max(needed, metrics.boundingRect(
                    QRect(0, 0, max(names, 1), 10_000), flags, name).height() + 8)
            for column, width in enumerate(widths):
                words = model.words(row, column)
                if len(words) <= _TWO_LINES:
                    continue
                key = (words, width)
                if key not in self._heights:
                    self._heights[key] = metrics.boundingRect(
                        QRect(0, 0, max(width, 1), 10_000), flags, words).height() + 8
                needed = max(needed, self._heights[key])
            if rows.sectionSize(row) != needed:
                rows.resizeSection(row, needed)
