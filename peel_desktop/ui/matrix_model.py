"""The grade matrix (pillars and crosswalk themes × cycles) as a Qt table model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from peel_desktop.domain import Grade
from peel_desktop.framework import grade_styles
from peel_desktop.services.history import MatrixRow, Overview

_Index = QModelIndex | QPersistentModelIndex
JudgmentsRole = Qt.ItemDataRole.UserRole + 1


class GradeMatrixModel(QAbstractTableModel):
    """Read-only; replace the whole overview with :meth:`set_overview`."""

    def __init__(self) -> None:
        super().__init__()
        self._overview: Overview | None = None

    def set_overview(self, overview: Overview | None) -> None:
        self.beginResetModel()
        self._overview = overview
        self.endResetModel()

    @property
    def overview(self) -> Overview | None:
        return self._overview

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._overview else len(self._overview.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._overview else len(self._overview.columns)

    def row(self, index: int) -> MatrixRow:
        assert self._overview is not None
        return self._overview.rows[index]

    def cell_text(self, row: MatrixRow, cycle: str) -> str:
        text = row.text(cycle)
        if text:
            return text
        if self._overview and cycle in self._overview.stated_counts:
            return "Not named (counts only)"
        return "Not stated"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._overview is None:
            return None
        row = self._overview.rows[index.row()]
        cycle = self._overview.columns[index.column()]
        judgments = row.cells.get(cycle, [])
        grades = {j["grade"] for j in judgments}
        style = grade_styles().get(Grade(grades.pop())) if len(grades) == 1 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, cycle)
        if role == Qt.ItemDataRole.BackgroundRole and style:
            return QBrush(QColor(style.background))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(style.foreground)) if style else QBrush(QColor("#6b6b6b"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, cycle, judgments)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == JudgmentsRole:
            return judgments
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.label}, {cycle}: {self.cell_text(row, cycle)}"
        return None

    def _tooltip(self, row: MatrixRow, cycle: str, judgments: list[dict]) -> str:
        if not judgments:
            return f"{row.label}, {cycle}: no grade is stated in the imported sources."
        sources = "; ".join(sorted({j["source"]["report"] for j in judgments}))
        return f"{row.label}, {cycle}: {self.cell_text(row, cycle)}\nSource: {sources}"

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._overview is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            cycle = self._overview.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                marker = "◆ " if section == self._overview.scale_break_before else ""
                return f"{marker}PEEL {cycle}"
            if role == Qt.ItemDataRole.ToolTipRole and section == self._overview.scale_break_before:
                return self._overview.scale_break_note
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._overview.rows[section].label
        return None
