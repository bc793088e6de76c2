"""The question navigator: items grouped under pillar headings, each with a grade timeline."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from peel_desktop.services.review_model import Board, Cell, ReviewItem
from peel_desktop.ui import theme

_Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole + 10
STATUS_WORDS = {"not_started": "Not started", "reviewed": "Reviewed", "flagged": "Flagged"}
STATUS_MARKS = {"not_started": "○", "reviewed": "✓", "flagged": "⚑"}
_GROUP = 0x7FFFFFFF  # internal id of a heading row (an item carries its heading's row)


_UNLISTED = ("Areas a report grades that the framework data does not list, kept under the "
             "names the report gives them. Edit → Link an area to a theme… compares one "
             "across cycles under a theme.")

class NavigatorModel(QAbstractItemModel):
    """Two levels: headings (pillar groups) and review items. Read-only; redraw by item."""

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self.groups: list[tuple[str, str, list[ReviewItem]]] = []

    def set_board(self, board: Board | None) -> None:
        self.beginResetModel()
        self.board = board
        self.groups = []
        if board:
            for key, label in board.groups:
                items = [i for i in board.items if i.group == key]
                if items:
                    self.groups.append((key, label, items))
        self.endResetModel()

    def update_item(self, item: ReviewItem) -> None:
        """Replace one item (its status changed) and redraw just that row."""
        assert self.board is not None
        self.board = self.board.with_item(item)
        for g, (_key, _label, items) in enumerate(self.groups):
            for r, held in enumerate(items):
                if held.key == item.key:
                    items[r] = item
                    index = self.index(r, 0, self.index(g, 0))
                    self.dataChanged.emit(index, index)

    def index_of(self, key: str) -> QModelIndex:
        for g, (_k, _l, items) in enumerate(self.groups):
            for r, item in enumerate(items):
                if item.key == key:
                    return self.index(r, 0, self.index(g, 0))
        return QModelIndex()

    def ordered_keys(self) -> list[str]:
        return [item.key for _k, _l, items in self.groups for item in items]

    # -- the model's interface ------------------------------------------------------------
    def index(self, row: int, column: int,
              parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _GROUP) if row < len(self.groups) else QModelIndex()
        if parent.internalId() == _GROUP and row < len(self.groups[parent.row()][2]):
            return self.createIndex(row, 0, parent.row())
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _GROUP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _GROUP:
            return len(self.groups[parent.row()][2])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid() and index.internalId() == _GROUP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def item(self, index: _Index) -> ReviewItem | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self.groups[index.internalId()][2][index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            label = self.groups[index.row()][1]
            if role == Qt.ItemDataRole.DisplayRole:
                return label
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{label} questions"
            if role == Qt.ItemDataRole.ToolTipRole and self.groups[index.row()][0] == "unlisted":
                return _UNLISTED
            return None
        item = self.item(index)
        assert item is not None and self.board is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.label
        if role == ItemRole:
            return item
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            timeline = "; ".join(f"{c.cycle}: {c.words}" for c in item.cells)
            mark = f" {_UNLISTED}" if item.key.startswith("area:") else ""
            return f"{item.label} — {STATUS_WORDS[item.status]}. {timeline}.{mark}"
        return None


class TimelineDelegate(QStyledItemDelegate):
    """Paints an item: status mark, label, and a chip per cycle with the grade's initials."""

    CHIP_W, CHIP_H, GAP = 30, 18, 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # chips drawn once, by their words, colours, font and pixel ratio: a screen of
        # questions shows a hundred or more chips, of a dozen kinds
        self._chips: dict[tuple, QPixmap] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(base.width(), max(base.height(), self.CHIP_H + 10))

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        if index.data(ItemRole) is not None:
            option.text = ""  # an item's words are drawn beside its chips, by paint

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        item = index.data(ItemRole)
        if item is None:  # a heading
            option = QStyleOptionViewItem(option)
            self.initStyleOption(option, index)
            option.font.setBold(True)
            super().paint(painter, option, index)
            return
        # the row's ground (selected, hovered, focused) as the style draws any item's: asked
        # of the style from Python, it would set up QStyle and its 618 enum members on the
        # way to the first screen
        super().paint(painter, option, index)
        painter.save()
        view = option.widget
        selected = view is not None and view.selectionModel().isSelected(index)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(text_role))
        rect = option.rect.adjusted(4, 0, -4, 0)
        chips_width = len(item.cells) * (self.CHIP_W + self.GAP)
        mark = QRect(rect.left(), rect.top(), 18, rect.height())
        painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, STATUS_MARKS[item.status])
        label = QRect(rect.left() + 22, rect.top(), rect.width() - chips_width - 26, rect.height())
        text = painter.fontMetrics().elidedText(item.label, Qt.TextElideMode.ElideRight,
                                                label.width())
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        x = rect.right() - chips_width + self.GAP
        for cell in item.cells:
            self._chip(painter, QRect(x, rect.center().y() - self.CHIP_H // 2, self.CHIP_W,
                                      self.CHIP_H), cell, option)
            x += self.CHIP_W + self.GAP
        painter.restore()

    def _chip(self, painter: QPainter, rect: QRect, cell: Cell,
              option: QStyleOptionViewItem) -> None:
        grades = cell.grades
        if len(grades) == 1:
            fill, ink = theme.grade_colours(grades[0])
        else:
            fill = option.palette.color(QPalette.ColorRole.AlternateBase)
            ink = option.palette.color(QPalette.ColorRole.PlaceholderText)
        ratio = painter.device().devicePixelRatioF()
        key = (cell.chip, bool(grades), fill.rgba(), ink.rgba(), painter.font().key(), ratio)
        pixmap = self._chips.get(key)
        if pixmap is None:
            if len(self._chips) >= 256:
                self._chips.clear()
            # the font as the view's device sizes it (a pixmap's own resolution may differ)
            pixmap = self._chips[key] = self._draw_chip(
                cell.chip, bool(grades), fill, ink, QFont(painter.font(), painter.device()),
                ratio)
        painter.drawPixmap(rect.topLeft(), pixmap)

    def _draw_chip(self, words: str, graded: bool, fill: QColor, ink: QColor, font: QFont,
                   ratio: float) -> QPixmap:
        # one pixel more each way: the outline is drawn on the rectangle's far edges too
        pixmap = QPixmap(round((self.CHIP_W + 1) * ratio), round((self.CHIP_H + 1) * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        rect = QRect(0, 0, self.CHIP_W, self.CHIP_H)
        painter.setPen(QPen(ink.darker(110) if graded else ink, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        font = QFont(font)
        font.setPointSizeF(max(font.pointSizeF() - 1.5, 6.5))
        font.setBold(graded)
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)
        painter.end()
        return pixmap
