"""The annotations of the current question, across cycles, with filters."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

RAG_WORDS = {"red": "RED", "amber": "AMBER", "green": "GREEN"}
ALL = "__all__"


def describe(a) -> str:
    rag = f"[{RAG_WORDS[a.rag]}] " if a.rag else ""
    flags = "".join([" ★ key evidence" if a.key_evidence else "",
                     " ? ask the chief constable" if a.ask_chief else ""])
    where = f"PEEL {a.cycle}" if a.cycle else "Overall view"
    quote = f" “{a.quote[:90]}{'…' if len(a.quote) > 90 else ''}”" if a.quote else ""
    lost = " (words no longer in the report: not anchored)" if a.anchor == "lost" else ""
    tags = f"  [{', '.join(a.tags)}]" if a.tags else ""
    note = a.note.replace("\n", " ")
    return (f"{rag}{where}{quote}{lost}\n{note[:200]}{'…' if len(note) > 200 else ''}{tags}"
            f"{flags} — {a.updated_by}")


class AnnotationsPanel(QWidget):
    """Emits ``jump``, ``edit``, ``remove`` or ``history`` with the chosen annotation."""

    jump = Signal(object)
    edit = Signal(object)
    remove = Signal(object)
    history = Signal(object)
    reanchor = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.all: list = []
        self.tag = self._combo("Filter by tag")
        self.rag = self._combo("Filter by RAG rating")
        self.flag = self._combo("Filter by flag")
        self.author = self._combo("Filter by author")
        self.list = QListWidget()
        self.list.setAccessibleName("Annotations of this question")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(lambda item: self.jump.emit(item.data(Qt.UserRole)))
        self.list.itemDoubleClicked.connect(lambda item: self.jump.emit(item.data(Qt.UserRole)))
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete.activated.connect(lambda: self._emit(self.remove))
        buttons = QHBoxLayout()
        for label, signal, tip in (("&Edit…", self.edit, "Change the note, tags, RAG or flags"),
                                   ("&Delete", self.remove, "Delete (Ctrl+Z undoes it)"),
                                   ("&History…", self.history, "Who changed what, and when"),
                                   ("&Re-anchor", self.reanchor,
                                    "Attach to the words selected in the evidence")):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, s=signal: self._emit(s))
            buttons.addWidget(button)
        buttons.addStretch(1)
        filters = QGridLayout()
        for n, combo in enumerate((self.tag, self.rag, self.flag, self.author)):
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            filters.addWidget(combo, n // 2, n % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.currentIndexChanged.connect(self._fill)
        return combo

    def _emit(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.UserRole))

    def show_annotations(self, annotations: list) -> None:
        self.all = list(annotations)
        self._options(self.tag, "All tags", sorted({t for a in self.all for t in a.tags},
                                                  key=str.lower))
        self._options(self.rag, "Any RAG", [("Red", "red"), ("Amber", "amber"),
                                            ("Green", "green"), ("No rating", None)])
        self._options(self.flag, "Any flag", [("Key evidence", "key_evidence"),
                                              ("Question for the chief constable", "ask_chief")])
        self._options(self.author, "All authors", sorted({a.updated_by for a in self.all}))
        self._fill()

    def _options(self, combo: QComboBox, first: str, options: list) -> None:
        wanted = [(first, ALL)] + [o if isinstance(o, tuple) else (o, o) for o in options]
        if [(combo.itemText(n), combo.itemData(n)) for n in range(combo.count())] == wanted:
            return  # the same choices (most question switches): the filter stays as it is
        current = combo.currentData() if combo.currentIndex() > 0 else ALL
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(first, ALL)
        for option in options:
            label, value = option if isinstance(option, tuple) else (option, option)
            combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def shown(self) -> list:
        tag, rag, flag, author = (c.currentData() for c in (self.tag, self.rag, self.flag,
                                                             self.author))
        return [a for a in self.all
                if (tag == ALL or tag in a.tags) and (rag == ALL or a.rag == rag)
                and (flag == ALL or getattr(a, flag)) and (author == ALL or a.updated_by == author)]

    def _fill(self) -> None:
        self.list.clear()
        for a in self.shown():
            item = QListWidgetItem(describe(a))
            item.setData(Qt.UserRole, a)
            item.setToolTip(a.note or a.quote)
            self.list.addItem(item)
