"""Search from the window: results as you type, grouped by report, opened in place."""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

DELAY_MS = 200
HISTORY = 20
KIND_CHOICES = (("Everything", None), ("Report text", "report"), ("Findings", "finding"),
                ("Your notes", "note"))


def _shown(snippet: str) -> str:
    from peel_desktop.storage.search import END, START

    return snippet.replace(START, "«").replace(END, "»")


class PassageDialog(QDialog):
    """A passage found by search, with the paragraphs before and after it."""

    def __init__(self, window, hit) -> None:
        super().__init__(window)
        from html import escape

        from peel_desktop.storage import repository

        self.setWindowTitle(f"{hit.report} — paragraph {hit.paragraph}")
        self.view = QTextBrowser()
        self.view.setAccessibleName("Passage found")
        rows = [p for p in repository.passages_of(window.ws.db, hit.report_id)
                if abs(p["ordinal"] - hit.paragraph) <= 3]
        parts = []
        for p in rows:
            where = (f"page {p['page_label'] or p['page']}" if p["page"]
                     else f"paragraph {p['ordinal']}")
            text = escape(p["text"])
            if p["ordinal"] == hit.paragraph:
                text = f'<span style="background-color:#fff2a8">{text}</span>'
            parts.append(f"<p><small>{escape(where)}</small><br>{text}</p>")
        self.view.setHtml("".join(parts))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(720, 480)


class SearchPanel(QObject):
    """The search field and results, in the window's search dock."""

    def __init__(self, window, dock: QDockWidget) -> None:
        super().__init__(window)
        self.window, self.dock = window, dock
        self.field = QLineEdit()
        self.field.setPlaceholderText("Search reports, findings and notes (Ctrl+F)")
        self.field.setAccessibleName("Search")
        self.field.setClearButtonEnabled(True)
        self.history = QStringListModel(
            list(window.settings.value("search/history", []) or []), self)
        completer = QCompleter(self.history, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.field.setCompleter(completer)
        self.scope = QComboBox()
        self.scope.setAccessibleName("Search which forces")
        self.scope.addItem("This force", "force")
        self.scope.addItem("All forces", "all")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Search what")
        for label, value in KIND_CHOICES:
            self.kind.addItem(label, value)
        self.summary = QLabel()
        self.summary.setAccessibleName("Search summary")
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.setUniformRowHeights(False)
        self.results.itemActivated.connect(self.open_item)
        body = QWidget()
        row = QHBoxLayout()
        row.addWidget(self.scope)
        row.addWidget(self.kind)
        row.addWidget(self.summary, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addLayout(row)
        layout.addWidget(self.results)
        dock.setWidget(body)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.run)
        self.field.textEdited.connect(lambda _t: self.timer.start())
        self.field.returnPressed.connect(self._enter)
        self.scope.currentIndexChanged.connect(lambda _i: self.run())
        self.kind.currentIndexChanged.connect(lambda _i: self.run())
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.field)
        down.activated.connect(self._into_results)
        self.found = None

    def focus(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.field.setFocus()
        self.field.selectAll()

    def _enter(self) -> None:
        self.timer.stop()
        self.run()
        self._remember(self.field.text().strip())
        self._into_results()

    def _into_results(self) -> None:
        first = self.results.topLevelItem(0)
        if first is not None and first.childCount():
            self.results.setCurrentItem(first.child(0))
            self.results.setFocus()

    def _remember(self, text: str) -> None:
        if not text:
            return
        items = [text] + [h for h in self.history.stringList() if h != text]
        self.history.setStringList(items[:HISTORY])
        self.window.settings.setValue("search/history", self.history.stringList())

    def run(self) -> None:
        """Search for what is typed now and show the results, grouped by report."""
        window = self.window
        text = self.field.text()
        self.results.clear()
        if window.ws is None or not text.strip():
            self.summary.setText("")
            return
        from peel_desktop.services import search

        force = window.board.force if window.board and self.scope.currentData() == "force" \
            else None
        self.found = search.search(window.ws, text, force=force, kind=self.kind.currentData(),
                                   limit=200)
        self.dock.show()
        self.dock.raise_()
        if not self.found.total:
            self.summary.setText(self.found.hint or "Nothing found.")
            return
        shown = len(self.found.hits)
        self.summary.setText(f"{self.found.total} found" + (
            f" ({shown} shown)" if self.found.total > shown else ""))
        order = ("The best matches first" if force else
                 "Newest cycle first, the best matches first within each")
        self.summary.setToolTip(order)
        self.summary.setAccessibleDescription(order)
        groups: dict[tuple, QTreeWidgetItem] = {}
        for hit in self.found.hits:
            key = (hit.report or ("Your notes" if hit.kind == "note" else hit.force), hit.cycle)
            group = groups.get(key)
            if group is None:
                group = QTreeWidgetItem([f"{key[0]} — PEEL {hit.cycle}" if hit.cycle
                                         else key[0]])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.results.addTopLevelItem(group)
                groups[key] = group
            where = f"page {hit.page}" if hit.page else (
                f"paragraph {hit.paragraph}" if hit.paragraph else "")
            label = {"report": "", "finding": "Finding: ", "note": "Your note: "}[hit.kind]
            item = QTreeWidgetItem([f"{label}{_shown(hit.snippet)}\n"
                                    f"{hit.question or 'general'}{' · ' + where if where else ''}"])
            item.setData(0, Qt.ItemDataRole.UserRole, hit)
            item.setToolTip(0, _shown(hit.snippet))
            group.addChild(item)
        self.results.expandAll()

    def open_item(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, Qt.ItemDataRole.UserRole)
        if hit is not None:
            self.open(hit)

    def open(self, hit) -> None:
        """Show the hit in the review window: its force, question, cycle and words."""
        window = self.window
        self._remember(self.field.text().strip())
        if hit.force and hit.force != window.force_box.currentText():
            window.force_box.setCurrentText(hit.force)
        if hit.item_key:
            window.go_to(hit.item_key)
        if hit.cycle and window.comparison:
            cycles = [c.cell.cycle for c in window.comparison.columns]
            if hit.cycle in cycles:
                window.select_column(cycles.index(hit.cycle))
        window.tabs.setCurrentWidget(window.compare_view)
        if hit.passage_id is None:
            return
        evidence = window.evidence
        index = evidence.index_of(hit.passage_id) if hit.item_key else None
        if index is None:  # text outside any question's section: show it with its context
            self.passage_dialog = PassageDialog(window, hit)
            self.passage_dialog.show()
            return
        evidence.choose(index)
        text = evidence.passages[index].text
        from peel_desktop.storage.search import END, START

        marked = hit.snippet.split(START, 1)[1].split(END, 1)[0] if START in hit.snippet else ""
        at = text.lower().find(marked.lower()) if marked else -1
        if at >= 0:
            evidence.select_words(hit.passage_id, at, at + len(marked))
        window.evidence_dock.raise_()
