"""Writing an annotation (note, tags, RAG, flags) and reading its audit trail."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
)

RAG_CHOICES = (("No rating", None), ("Red", "red"), ("Amber", "amber"), ("Green", "green"))


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma."""

    def pathFromIndex(self, index) -> str:
        typed = self.widget().text()
        head = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return head + str(index.data())

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]


class AnnotationDialog(QDialog):
    """Create or edit; ``values()`` gives what the reviewer set."""

    def __init__(self, quote: str, where: str, tags_in_use: list[str], parent=None,
                 *, note: str = "", tags: tuple[str, ...] = (), rag: str | None = None,
                 key_evidence: bool = False, ask_chief: bool = False,
                 title: str = "Annotate") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        heading = QLabel(f"<i>“{escape(quote)}”</i><br><small>{escape(where)}</small>"
                         if quote else f"<small>{escape(where)}</small>")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.note = QPlainTextEdit(note)
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("Your note: what this shows, what to ask…")
        self.note.setTabChangesFocus(True)
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("concern, follow up, …")
        completer = _TagCompleter(QStringListModel(tags_in_use, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        self.rag = QComboBox()
        self.rag.setAccessibleName("RAG rating")
        for label, value in RAG_CHOICES:
            self.rag.addItem(label, value)
        self.rag.setCurrentIndex(self.rag.findData(rag) if rag else 0)
        self.key_evidence = QCheckBox("&Key evidence for the briefing")
        self.key_evidence.setChecked(key_evidence)
        self.ask_chief = QCheckBox("&Question for the chief constable")
        self.ask_chief.setChecked(ask_chief)
        form = QFormLayout()
        form.addRow("&Note:", self.note)
        form.addRow("&Tags:", self.tags)
        form.addRow("&RAG rating:", self.rag)
        form.addRow("", self.key_evidence)
        form.addRow("", self.ask_chief)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 380)
        self.note.setFocus()

    def values(self) -> dict:
        return {
            "note": self.note.toPlainText(),
            "tags": tuple(t for t in self.tags.text().split(",") if t.strip()),
            "rag": self.rag.currentData(),
            "key_evidence": self.key_evidence.isChecked(),
            "ask_chief": self.ask_chief.isChecked(),
        }


_FIELD_WORDS = {"note": "note", "tags": "tags", "rag": "RAG", "key_evidence": "key evidence",
                "ask_chief": "question for the chief constable", "deleted": "deleted",
                "anchor": "anchor", "passage_id": "passage", "start": "position",
                "end": "position", "report_id": "report"}


def history_html(entries: list[dict]) -> str:
    rows = []
    for h in entries:
        changed = []
        if h["previous"]:
            for key, after in h["current"].items():
                before = h["previous"].get(key)
                if before != after and key in _FIELD_WORDS:
                    changed.append(f"{_FIELD_WORDS[key]}: {escape(str(before))} → "
                                   f"{escape(str(after))}")
        else:
            changed.append(f"note: {escape(h['current'].get('note') or '')}")
        rows.append(f"<tr><td>{escape(h['at'][:19].replace('T', ' '))}</td>"
                    f"<td>{escape(h['author'])}</td><td>{escape(h['action'])}</td>"
                    f"<td>{'<br>'.join(dict.fromkeys(changed))}</td></tr>")
    return ('<table cellpadding="4" border="1" cellspacing="0"><tr><th>When (UTC)</th>'
            f"<th>Who</th><th>What</th><th>Change</th></tr>{''.join(rows)}</table>")


class HistoryDialog(QDialog):
    def __init__(self, entries: list[dict], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annotation history")
        self.view = QTextBrowser()
        self.view.setAccessibleName("Annotation history")
        self.view.setHtml(history_html(entries))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(720, 360)
