"""Compare forces: the same question for every force held, forces down and cycles across.

A table view over a small model, so that stepping to the next question only changes the
cells' data: Qt paints the rows on screen, where an HTML table of 43 forces was parsed and
laid out whole at every switch.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peel_desktop.services.review_model import Cell
from peel_desktop.ui.grade_table import LOOK_ROLES, GradeTable, Look, look_data, look_of

_Index = QModelIndex | QPersistentModelIndex


class _Title(QWidget):
    """The question's title, wrapped and selectable, as a label in a box of its own: a
    label's new text asks every layout up to the window to be worked out again, which laid
    out and repainted the whole window at every question switch. Here the box, which has
    no layout, takes that request; it changes height itself, only when the title's number
    of lines does."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.label.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit()

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self._fit()

    def text(self) -> str:
        return self.label.text()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(self.width(), 1)
        height = max(self.label.heightForWidth(width), self.label.fontMetrics().height())
        self.label.setGeometry(0, 0, width, height)
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)


def _words(cell: Cell | None) -> str:
    """What a cell says: its grades' words, or a dash where no grade is held."""
    return cell.words if cell is not None and cell.grades else "—"


class ForcesModel(QAbstractTableModel):
    """Rows: (force, cells by cycle); columns: the cycles any of them has."""

    def __init__(self) -> None:
        super().__init__()
        self.cycles: list[str] = []
        self.rows: list[tuple[str, dict[str, Cell]]] = []
        self._looks: dict[tuple[int, int], Look] = {}

    def set_rows(self, all_cycles: list[str],
                 rows: list[tuple[str, dict[str, Cell]]]) -> None:
        present = {c for _f, cells in rows for c in cells}
        cycles = [c for c in all_cycles if c in present]
        self._looks = {}
        if cycles == self.cycles and [f for f, _c in rows] == [f for f, _c in self.rows]:
            self.rows = rows  # the same grid: only the cells' data changes
            if rows and cycles:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(cycles) - 1))
            return
        self.beginResetModel()
        self.cycles, self.rows = cycles, rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cycles)

    def cell(self, row: int, column: int) -> Cell | None:
        return self.rows[row][1].get(self.cycles[column])

    def words(self, row: int, column: int) -> str:
        """A cell's words alone (what the rows' heights are fitted to, for every cell, where
        only those on screen are drawn)."""
        return _words(self.cell(row, column))

    def look(self, row: int, column: int) -> Look:
        """A cell's words and its grade's colours (None: the view's own), worked out once
        per board for the cells drawn again and again."""
        key = (row, column)
        held = self._looks.get(key)
        if held is None:
            cell = self.cell(row, column)
            held = self._looks[key] = look_of(cell, _words(cell))
        return held

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        force = self.rows[index.row()][0]
        if role in LOOK_ROLES:
            return look_data(self.look(index.row(), index.column()), role)
        cell = self.cell(index.row(), index.column())
        graded = cell is not None and bool(cell.grades)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            said = cell.words if graded else "no grade held"
            return f"{force}, PEEL {self.cycles[index.column()]}: {said}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return f"PEEL {self.cycles[section]}"
            return self.rows[section][0]
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical:
            return self.rows[section][0]  # the whole name, where the column cuts it short
        if role == Qt.ItemDataRole.FontRole and orientation == Qt.Orientation.Vertical \
                and section == 0:
            bold = QFont()
            bold.setBold(True)  # the force under review comes first
            return bold
        return None


class ForcesView(QWidget):
    """The question's title and the forces' table (or why there is nothing to compare)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("The same question across forces")
        self.title = _Title()
        self.model = ForcesModel()
        # the forces' names give way before the cycles do: seven cycles fit beside the
        # questions at 1360 px, a long name ends in "…" (whole in its tooltip)
        self.table = GradeTable("Cambridgeshire Constab")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Grades of every force held, by cycle")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.empty.hide()

    def show_rows(self, label: str, all_cycles: list[str],
                  rows: list[tuple[str, dict[str, Cell]]]) -> None:
        """``rows`` with the force under review first."""
        alone = len(rows) < 2
        self.title.setText(label if alone else f"{label} — across forces")
        self.empty.setText("Only one force is held. Import other forces' reports to compare "
                           "this question across forces.")
        self.empty.setVisible(alone)
        self.table.setVisible(not alone)
        self.model.set_rows(all_cycles, [] if alone else rows)

    def toPlainText(self) -> str:
        """What the tab shows, as text: the title, then a line a force."""
        lines = [self.title.text()]
        if not self.empty.isHidden() or not self.model.rows:
            return "\n".join([*lines, self.empty.text()])
        model = self.model
        lines.append("\t".join(["Force", *(f"PEEL {c}" for c in model.cycles)]))
        for r, (force, _cells) in enumerate(model.rows):
            lines.append("\t".join([force, *(str(model.data(model.index(r, c)))
                                             for c in range(len(model.cycles)))]))
        return "\n".join(lines)
