"""The overview: every review item × cycle, as the inspectorate tabulates grades."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from peel_desktop.services.review_model import Board, Cell
from peel_desktop.ui.grade_table import LOOK_ROLES, Look, look_data, look_of

_Index = QModelIndex | QPersistentModelIndex
CellRole = Qt.ItemDataRole.UserRole + 1
SHORT = {
    "not_stated": "Not stated", "not_inspected": "Not inspected",
    "no_pillar_grades": "No pillar grades", "counts_only": "Not named (counts only)",
    "not_graded": "Not graded",
}


def cell_text(cell: Cell) -> str:
    return cell.words if cell.grades else SHORT[cell.state]


class GradeMatrixModel(QAbstractTableModel):
    """Read-only; replace the whole board with :meth:`set_board`."""

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self._looks: dict[tuple[int, int], Look] = {}
        self._looks_of: Board | None = None

    def set_board(self, board: Board | None) -> None:
        self.beginResetModel()
        self.board = board
        self.endResetModel()

    def words(self, row: int, column: int) -> str:
        """A cell's words alone (what the rows' heights are fitted to)."""
        assert self.board is not None
        return cell_text(self.board.items[row].cells[column])

    def look(self, row: int, column: int) -> Look:
        """A cell's words and its grade's colours (None: the view's own), worked out once
        per board."""
        if self._looks_of is not self.board:
            self._looks, self._looks_of = {}, self.board
        key = (row, column)
        held = self._looks.get(key)
        if held is None:
            assert self.board is not None
            cell = self.board.items[row].cells[column]
            held = self._looks[key] = look_of(cell, cell_text(cell))
        return held

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.board else len(self.board.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.board else len(self.board.cycles)

    def cell(self, index: _Index) -> Cell:
        assert self.board is not None
        return self.board.items[index.row()].cells[index.column()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.board is None:
            return None
        item = self.board.items[index.row()]
        cell = item.cells[index.column()]
        if role in LOOK_ROLES:
            return look_data(self.look(index.row(), index.column()), role)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{item.label}, {cell.cycle}: {cell.words}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CellRole:
            return cell
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self.board is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                marker = "◆ " if self.board.break_before(section) else ""
                return f"{marker}PEEL {self.board.cycles[section]}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.board.break_before(section)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.board.items[section].label  # (whole in the tooltip, if cut short)
        return None
