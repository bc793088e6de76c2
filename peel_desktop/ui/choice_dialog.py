"""A dialog that offers a list of things to choose one from, with one button to act on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)


class ChoiceDialog(QDialog):
    """``items`` are (label, value) pairs; :meth:`chosen` gives the value picked, or None.

    The action button is enabled only while something is picked; with ``pick_first`` the
    first item starts picked. ``empty`` is added to the intro when there is nothing to pick.
    """

    def __init__(self, parent, *, title: str, intro: str, items: list[tuple[str, object]],
                 action: str, list_name: str, empty: str = "", pick_first: bool = False,
                 size: tuple[int, int] = (560, 360)) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        self.list.setAccessibleName(list_name)
        for label, value in items:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.action_button.setEnabled(False)
        self.list.currentRowChanged.connect(lambda row: self.action_button.setEnabled(row >= 0))
        if pick_first and self.list.count():
            self.list.setCurrentRow(0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        label = QLabel(intro if self.list.count() or not empty else f"{intro}\n\n{empty}")
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(*size)

    def chosen(self):
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
