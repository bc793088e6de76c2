"""The findings tracker tab: every area for improvement, cause of concern and recommendation
of the force, across cycles, with its status and the words that give it."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peel_desktop.domain import PeelError

if TYPE_CHECKING:
    from peel_desktop.services.tracker import Tracked

STATUS_COLOURS = {  # background, text: readable in light and dark themes alike
    "open": ("#fde9c8", "#5a3a00"),
    "in_progress": ("#d6e6fa", "#123a68"),
    "repeated": ("#f8d3d0", "#6b1410"),
    "closed": ("#d5eedb", "#114a22"),
}
_COLUMNS = ("Cycle", "Kind", "Finding", "Question", "Status", "Raised in")
_BASIS = {
    "reviewer": "Set by the reviewer",
    "report": "As the later report states it",
    "later_finding": "Raised again by a later report",
    "none": "No report has stated progress on it yet",
}
Index = QModelIndex | QPersistentModelIndex


def _where(source: dict) -> str:
    page = f"page {source['page']}, " if source.get("page") is not None else ""
    return f"{source['report']}, {page}paragraph {source['paragraph']}"


class TrackerModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[Tracked] = []

    def set_items(self, items: list[Tracked]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        t = self.items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (f"PEEL {t.cycle}", t.kind_label, t.display, t.question or "General",
                      t.status_label, ", ".join(t.raised_in))
            return values[column]
        if column == 4 and role == Qt.ItemDataRole.BackgroundRole:
            return QColor(STATUS_COLOURS[t.status][0])
        if column == 4 and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(STATUS_COLOURS[t.status][1])
        if column == 5 and role == Qt.ItemDataRole.FontRole and t.keeps_coming_back:
            font = QFont()
            font.setBold(True)
            return font
        return None


class TrackerView(QWidget):
    """Filters over a table of findings; the chosen finding's evidence and status below."""


    def __init__(self, window) -> None:
        super().__init__()
        self.window_ = window
        self.all: list[Tracked] = []
        self.model = TrackerModel()
        self.cycle_box = self._combo("Cycle")
        self.question_box = self._combo("Question")
        self.status_box = self._combo("Status")
        self.kind_box = self._combo("Kind")
        self.coming_back = QCheckBox("Keeps coming back")
        self.coming_back.setToolTip("Only findings raised in more than one cycle")
        self.coming_back.toggled.connect(self._apply)
        self.count = QLabel()
        self.count.setAccessibleName("Findings shown")
        filters = QHBoxLayout()
        for label, box in (("Cycle", self.cycle_box), ("Question", self.question_box),
                           ("Status", self.status_box), ("Kind", self.kind_box)):
            caption = QLabel(f"{label}:")
            caption.setBuddy(box)
            filters.addWidget(caption)
            filters.addWidget(box)
        filters.addWidget(self.coming_back)
        filters.addStretch(1)
        filters.addWidget(self.count)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Tracked findings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Interactive,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(3, 220)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("The finding's evidence and status")
        self.detail.setOpenLinks(False)
        self.status_choice = QComboBox()
        self.status_choice.setAccessibleName("Status to set")
        self.status_choice.addItem("As the reports say", None)
        self.status_note = QLineEdit()
        self.status_note.setPlaceholderText("Why (e.g. the force's plan, a board paper)")
        self.status_note.setAccessibleName("Reason for the status")
        self.save_status = QPushButton("Set &status")
        self.save_status.clicked.connect(self._set_status)
        self.link_button = QPushButton("&Link a later finding…")
        self.link_button.setToolTip("Say that a later report's finding raises this one again")
        self.link_button.clicked.connect(self._link)
        self.unlink_button = QPushButton("Remove link…")
        self.unlink_button.clicked.connect(self._unlink)
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Status:"))
        actions.addWidget(self.status_choice)
        actions.addWidget(self.status_note, 1)
        actions.addWidget(self.save_status)
        actions.addWidget(self.link_button)
        actions.addWidget(self.unlink_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail, 1)
        lower_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(9)
        box.currentIndexChanged.connect(self._apply)
        return box

    # -- loading and filtering -------------------------------------------------------------
    def refresh(self, force: str | None) -> None:
        from peel_desktop.services import tracker

        if self.status_choice.count() == 1:  # filled on first use: the window paints first
            for key, label in tracker.STATUS_LABELS.items():
                self.status_choice.addItem(label, key)
        ws = self.window_.ws
        self.all = tracker.tracked(ws, force) if (ws and force) else []
        chosen = self.selected()
        keep = chosen.id if chosen else None
        fills = (
            (self.cycle_box, "All cycles",
             [(f"PEEL {c.key}", c.key) for c in (ws.framework.cycles if ws else ())
              if any(t.cycle == c.key for t in self.all)]),
            (self.question_box, "All questions",
             self._questions()),
            (self.status_box, "Any status", list(
                (label, key) for key, label in tracker.STATUS_LABELS.items())),
            (self.kind_box, "Any kind", list(
                (label, key) for key, label in tracker.KIND_LABELS.items())),
        )
        for box, everything, choices in fills:
            held = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for label, key in choices:
                box.addItem(label, key)
            box.setCurrentIndex(max(0, box.findData(held)) if held else 0)
            box.blockSignals(False)
        self._apply()
        if keep is not None:
            self.select(keep)

    def _questions(self) -> list[tuple[str, str]]:
        ws = self.window_.ws
        labels = {t.key: t.label for t in ws.framework.themes} if ws else {}
        themes = sorted({t.theme for t in self.all if t.theme},
                        key=lambda k: labels.get(k, k))
        return [(labels.get(k, k), k) for k in themes]

    def _apply(self) -> None:
        from peel_desktop.services import tracker

        shown = tracker.filtered(
            self.all, cycle=self.cycle_box.currentData(), question=self.question_box.currentData(),
            status=self.status_box.currentData(), kind=self.kind_box.currentData(),
            keeps_coming_back=self.coming_back.isChecked())
        self.model.set_items(shown)
        self.table.resizeRowsToContents()
        back = len(tracker.coming_back(self.all))
        self.count.setText(f"{len(shown)} of {len(self.all)} findings · {back} keep coming back")
        if shown:
            self.table.selectRow(0)
        self._show_detail()

    def selected(self) -> Tracked | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.items):
            return None
        return self.model.items[index.row()]

    def select(self, finding_id: int) -> None:
        for row, t in enumerate(self.model.items):
            if t.id == finding_id:
                self.table.selectRow(row)
                return

    # -- the chosen finding ----------------------------------------------------------------
    def _show_detail(self) -> None:
        t = self.selected()
        writable = bool(t and self.window_.ws and not self.window_.ws.read_only)
        for widget in (self.status_choice, self.status_note, self.save_status,
                       self.link_button):
            widget.setEnabled(writable)
        self.unlink_button.setEnabled(writable and bool(t and (t.later or t.earlier)))
        if t is None:
            self.detail.setHtml("<p>No finding matches these filters.</p>" if self.all else
                                "<p>The imported reports name no areas for improvement, "
                                "causes of concern or recommendations for this force.</p>")
            return
        self.status_choice.setCurrentIndex(
            self.status_choice.findData(t.status) if t.status_basis == "reviewer" else 0)
        self.status_note.setText(t.status_note)
        self.detail.setHtml(self.detail_html(t))

    def detail_html(self, t: Tracked) -> str:
        fg_bg = STATUS_COLOURS[t.status]
        described = ("Described by a later report (its own report is not imported)."
                     if t.referenced else "")
        parts = [
            f"<h3>{escape(t.kind_label)} · PEEL {escape(t.cycle)} · "
            f"{escape(t.question or 'General')}</h3>",
            f"<p style='font-size:large'>{escape(t.display)}</p>",
            f"<p><i>“{escape(t.source['quote'])}”</i><br><small>{escape(_where(t.source))}"
            f"</small> {escape(described)}</p>",
            f"<p><span style='background:{fg_bg[0]}; color:{fg_bg[1]}'>&nbsp;<b>"
            f"{escape(t.status_label)}</b>&nbsp;</span> — {escape(_BASIS[t.status_basis])}"
            + (f": {escape(t.status_note)}" if t.status_note else "") + "</p>",
        ]
        if t.status_source:
            parts.append(f"<p><i>“{escape(t.status_source['quote'])}”</i><br>"
                         f"<small>{escape(_where(t.status_source))}</small></p>")
        if t.progress and t.status_basis != "report":
            progress = {"in_progress": "limited progress", "closed": "addressed",
                        "open": "no progress stated"}.get(t.progress, t.progress)
            parts.append(f"<p>The later report's words on its progress: {escape(progress)}.</p>")
        if t.keeps_coming_back:
            by_id = {x.id: x for x in self.all}
            parts.append(f"<p><b>Raised in {escape(', '.join(t.raised_in))}.</b></p><ul>")
            for other_id in (*t.earlier, *t.later):
                other = by_id.get(other_id)
                if other:
                    parts.append(f"<li>PEEL {escape(other.cycle)}: {escape(other.display)}<br>"
                                 f"<small>{escape(_where(other.source))}</small></li>")
            parts.append("</ul>")
        return "".join(parts)

    # -- the reviewer's changes --------------------------------------------------------------
    def _set_status(self) -> None:
        from peel_desktop.services import tracker

        t = self.selected()
        if t is None:
            return
        try:
            tracker.set_status(self.window_.ws, t.id, self.status_choice.currentData(),
                               self.status_note.text(), self.window_.reviewer)
        except PeelError as error:
            self.window_.report_problem(str(error))
            return
        self.window_.statusBar().showMessage("Status saved.", 5000)
        self.refresh(self.window_.force_box.currentText())

    def later_candidates(self, t: Tracked) -> list[Tracked]:
        order = {c.key: c.ordinal for c in self.window_.ws.framework.cycles}
        return [x for x in self.all if order[x.cycle] > order[t.cycle] and x.id not in t.later]

    def _link(self) -> None:
        t = self.selected()
        if t is None:
            return
        candidates = self.later_candidates(t)
        if not candidates:
            self.window_.statusBar().showMessage("No finding of a later cycle to link.", 8000)
            return
        labels = [f"PEEL {x.cycle} — {x.display}" for x in candidates]
        chosen, ok = QInputDialog.getItem(self, "Link a later finding",
                                          "The later finding that raises this one again:",
                                          labels, 0, False)
        if ok and chosen:
            self.link(t, candidates[labels.index(chosen)])

    def link(self, earlier: Tracked, later: Tracked) -> None:
        from peel_desktop.services import tracker

        try:
            tracker.link(self.window_.ws, earlier.id, later.id, self.window_.reviewer)
        except PeelError as error:
            self.window_.report_problem(str(error))
            return
        self.refresh(self.window_.force_box.currentText())

    def _unlink(self) -> None:
        from peel_desktop.services import tracker

        t = self.selected()
        if t is None:
            return
        by_id = {x.id: x for x in self.all}
        pairs = [(t.id, x) for x in t.later] + [(x, t.id) for x in t.earlier]
        labels = [f"PEEL {by_id[b if a == t.id else a].cycle} — "
                  f"{by_id[b if a == t.id else a].display}" for a, b in pairs]
        chosen, ok = QInputDialog.getItem(self, "Remove link", "No longer linked to:", labels,
                                          0, False)
        if ok and chosen:
            a, b = pairs[labels.index(chosen)]
            try:
                tracker.unlink(self.window_.ws, a, b)
            except PeelError as error:
                self.window_.report_problem(str(error))
                return
            self.refresh(self.window_.force_box.currentText())
