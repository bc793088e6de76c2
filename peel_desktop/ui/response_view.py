"""The PCC's response tab: the s.55 deadline, and for each recommendation and area for
improvement of a report the chief constable's comment, the PCC's comment, the action, owner
and due date. Everything typed is saved as it is typed (a moment after the last key)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peel_desktop.domain import PeelError

SAVE_AFTER_MS = 700


def _text_box(name: str, placeholder: str, height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


def _date_box(name: str) -> tuple[QDateEdit, QCheckBox]:
    box = QDateEdit()
    box.setAccessibleName(name)
    box.setCalendarPopup(True)
    box.setDisplayFormat("d MMMM yyyy")
    box.setDate(QDate.currentDate())
    known = QCheckBox("Known")
    known.setAccessibleName(f"{name} known")
    known.toggled.connect(box.setEnabled)
    box.setEnabled(False)
    return box, known


def deadline_words(published: str | None, today: date) -> tuple[str, str]:
    """The deadline sentence and its colour (red overdue, amber within 14 days)."""
    from peel_desktop.services import response

    if not published:
        return ("Enter the report's publication date to see the 56-day deadline.", "#555555")
    when = date.fromisoformat(published)
    due = response.deadline(when)
    left = response.days_left(when, today)
    if left < 0:
        state, colour = f"{-left} day{'s' * (left != -1)} overdue", "#a4161a"
    elif left == 0:
        state, colour = "due today", "#a4161a"
    else:
        state = f"{left} day{'s' * (left != 1)} left"
        colour = "#9a5b00" if left <= 14 else "#1d6b34"
    return (f"Response due by <b>{due:%-d %B %Y}</b>, the last of the 56 days beginning with "
            f"its publication on {when:%-d %B %Y} — <b>{state}</b>", colour)


class ResponseView(QWidget):

    def __init__(self, window, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.window_, self.today = window, today
        self.answer = None
        self.item_id: int | None = None
        self._loading = False
        self._pending: dict[int | None, dict] = {}  # finding id, or None for the response
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.save_now)
        self.report_box = QComboBox()
        self.report_box.setAccessibleName("Report responded to")
        self.report_box.currentIndexChanged.connect(self._report_changed)
        self.published, self.published_known = _date_box("Report published")
        self.published.dateChanged.connect(lambda _d: self._changed("response", "published"))
        self.published_known.toggled.connect(lambda _b: self._changed("response", "published"))
        self.deadline = QLabel()
        self.deadline.setAccessibleName("Deadline")
        self.deadline.setTextFormat(Qt.TextFormat.RichText)
        self.report_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.report_box.setMinimumContentsLength(16)
        top = QHBoxLayout()
        top.addWidget(QLabel("Report:"))
        top.addWidget(self.report_box, 1)
        top.addWidget(QLabel("Published:"))
        top.addWidget(self.published)
        top.addWidget(self.published_known)
        self.export_pdf = QPushButton("Export &PDF…")
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        self.export_docx = QPushButton("Export &Word…")
        self.export_docx.clicked.connect(lambda: self.export("docx"))
        top.addWidget(self.export_pdf)
        top.addWidget(self.export_docx)
        self.introduction = _text_box("Introduction", "The PCC's introduction", 60)
        self.introduction.setMaximumHeight(110)
        self.introduction.textChanged.connect(lambda: self._changed("response", "introduction"))
        self.items = QListWidget()
        self.items.setAccessibleName("Recommendations and areas for improvement")
        self.items.setWordWrap(True)
        self.items.setSpacing(3)
        self.items.currentRowChanged.connect(self._item_changed)
        self.finding = QTextBrowser()  # not a wrapped label: the tab scrolls, it does not grow
        self.finding.setAccessibleName("The report's words")
        self.finding.setMaximumHeight(64)
        self.finding.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.chief = _text_box("Chief constable's comment",
                               "Paste the chief constable's comment here", 90)
        self.pcc = _text_box("PCC's comment", "The PCC's comment", 90)
        self.action = QLineEdit()
        self.action.setAccessibleName("Action")
        self.owner = QLineEdit()
        self.owner.setAccessibleName("Owner")
        self.due, self.due_known = _date_box("Due date")
        for widget, name in ((self.chief, "chief_comment"), (self.pcc, "pcc_comment")):
            widget.textChanged.connect(lambda name=name: self._changed("item", name))
        for line, name in ((self.action, "action"), (self.owner, "owner")):
            line.textEdited.connect(lambda _t, name=name: self._changed("item", name))
        self.due.dateChanged.connect(lambda _d: self._changed("item", "due"))
        self.due_known.toggled.connect(lambda _b: self._changed("item", "due"))
        editor = QWidget()
        form = QFormLayout(editor)
        form.addRow(self.finding)
        form.addRow("Chief constable’s comment:", self.chief)
        form.addRow("PCC’s comment:", self.pcc)
        form.addRow("Action:", self.action)
        form.addRow("Owner:", self.owner)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addWidget(self.due_known)
        due_row.addStretch(1)
        form.addRow("Due:", due_row)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(self.items)
        middle.addWidget(editor)
        middle.setStretchFactor(0, 2)
        middle.setStretchFactor(1, 3)
        self.signoff = _text_box("Sign-off", "The PCC's closing words", 50)
        self.signoff.setMaximumHeight(90)
        self.signoff.textChanged.connect(lambda: self._changed("response", "signoff"))
        self.signed_by = QLineEdit()
        self.signed_by.setAccessibleName("Signed by")
        self.signed_by.setPlaceholderText("Name, Police and Crime Commissioner for …")
        self.signed_by.textEdited.connect(lambda _t: self._changed("response", "signed_by"))
        bottom = QFormLayout()
        bottom.addRow("Sign-off:", self.signoff)
        bottom.addRow("Signed by:", self.signed_by)
        self.empty = QLabel("No report of this force names recommendations or areas for "
                            "improvement to respond to.")
        self.empty.setWordWrap(True)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.deadline)
        body.addWidget(QLabel("Introduction:"))
        body.addWidget(self.introduction)
        body.addWidget(middle, 1)
        body.addLayout(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.body, 1)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self, force: str | None) -> None:
        from peel_desktop.services import response

        self.save_now()
        ws = self.window_.ws
        reports = [r for r in response.reports_to_answer(ws) if r["force"] == force] \
            if ws and force else []
        held = self.report_box.currentData()
        self.report_box.blockSignals(True)
        self.report_box.clear()
        for r in reports:
            self.report_box.addItem(r["title"], r["id"])
        index = self.report_box.findData(held) if held is not None else -1
        self.report_box.setCurrentIndex(max(0, index) if reports else -1)
        self.report_box.blockSignals(False)
        self.empty.setVisible(not reports)
        self.body.setVisible(bool(reports))
        for widget in (self.report_box, self.export_pdf, self.export_docx, self.published,
                       self.published_known):
            widget.setEnabled(bool(reports))
        self._report_changed()

    def _report_changed(self) -> None:
        from peel_desktop.services import response

        self.save_now()
        report_id = self.report_box.currentData()
        if report_id is None:
            self.answer = None
            return
        self.answer = response.load(self.window_.ws, report_id)
        self._loading = True
        a = self.answer
        known = a.published is not None
        self.published_known.setChecked(known)
        self.published.setEnabled(known)
        if known:
            self.published.setDate(QDate.fromString(a.published, Qt.DateFormat.ISODate))
        self.introduction.setPlainText(a.introduction)
        self.signoff.setPlainText(a.signoff)
        self.signed_by.setText(a.signed_by)
        self.items.clear()
        for item in a.items:
            entry = QListWidgetItem(self._item_label(item))
            entry.setData(Qt.ItemDataRole.UserRole, item.finding_id)
            self.items.addItem(entry)
        self._loading = False
        self._show_deadline()
        self._apply_read_only()
        self.items.setCurrentRow(0 if a.items else -1)
        if not a.items:
            self._item_changed(-1)

    @staticmethod
    def _item_label(item) -> str:
        done = "✓ " if item.chief_comment.strip() and item.pcc_comment.strip() else "○ "
        return f"{done}{item.kind_label}: {item.text}"

    def _show_deadline(self) -> None:
        words, colour = deadline_words(self._published_iso(), self.today())
        self.deadline.setText(f"<span style='color:{colour}'>{words}</span>")

    def _published_iso(self) -> str | None:
        if not self.published_known.isChecked():
            return None
        return self.published.date().toString(Qt.DateFormat.ISODate)

    def _item_changed(self, row: int) -> None:
        self.save_now()
        if self.answer is None or row < 0 or row >= len(self.answer.items):
            self.item_id = None
            self.finding.clear()
            return
        item = self.answer.items[row]
        self.item_id = item.finding_id
        self._loading = True
        s = item.source
        page = f"page {s['page']}, " if s.get("page") is not None else ""
        self.finding.setHtml(f"<b>{escape(item.kind_label)}</b> — {escape(item.text)}<br>"
                             f"<small>{escape(s['report'])}, {page}paragraph "
                             f"{s['paragraph']}</small>")
        self.chief.setPlainText(item.chief_comment)
        self.pcc.setPlainText(item.pcc_comment)
        self.action.setText(item.action)
        self.owner.setText(item.owner)
        self.due_known.setChecked(item.due is not None)
        self.due.setEnabled(item.due is not None and not self._read_only())
        if item.due:
            self.due.setDate(QDate.fromString(item.due, Qt.DateFormat.ISODate))
        self._loading = False

    def _read_only(self) -> bool:
        return bool(self.window_.ws and self.window_.ws.read_only)

    def _apply_read_only(self) -> None:
        writable = not self._read_only()
        for widget in (self.introduction, self.chief, self.pcc, self.signoff):
            widget.setReadOnly(not writable)
        for line in (self.action, self.owner, self.signed_by):
            line.setReadOnly(not writable)
        for widget in (self.published_known, self.due_known):
            widget.setEnabled(writable)

    # -- saving ------------------------------------------------------------------------------
    def _changed(self, what: str, name: str) -> None:
        if self._loading or self.answer is None or self._read_only():
            return
        if what == "item" and self.item_id is None:
            return
        key = None if what == "response" else self.item_id
        self._pending.setdefault(key, {})[name] = self._value(name)
        if name == "published":
            self._show_deadline()
        self.timer.start()

    def _value(self, name: str) -> str | None:
        if name == "published":
            return self._published_iso()
        if name == "due":
            return (self.due.date().toString(Qt.DateFormat.ISODate)
                    if self.due_known.isChecked() else None)
        boxes = {"introduction": self.introduction, "signoff": self.signoff,
                 "chief_comment": self.chief, "pcc_comment": self.pcc}
        if name in boxes:
            return boxes[name].toPlainText()
        lines = {"action": self.action, "owner": self.owner, "signed_by": self.signed_by}
        return lines[name].text()

    def save_now(self) -> bool:
        """Write what was typed since the last save; True when nothing is left unsaved."""
        from peel_desktop.services import response

        self.timer.stop()
        if not self._pending or self.answer is None:
            self._pending.clear()
            return True
        pending, self._pending = self._pending, {}
        report_id = self.answer.report_id
        try:
            for key, values in pending.items():
                if key is None:
                    response.save(self.window_.ws, report_id, **values)
                else:
                    response.save_item(self.window_.ws, report_id, key, **values)
        except PeelError as error:
            self.window_.report_problem(str(error))
            for key, values in pending.items():  # keep them: the next save tries again
                self._pending.setdefault(key, {}).update(values)
            return False
        self._reload_items()
        self.window_.statusBar().showMessage("Response saved.", 3000)
        return True

    def _reload_items(self) -> None:
        from peel_desktop.services import response

        if self.answer is None:
            return
        self.answer = response.load(self.window_.ws, self.answer.report_id)
        for row, item in enumerate(self.answer.items):
            entry = self.items.item(row)
            if entry is not None:
                entry.setText(self._item_label(item))

    # -- export ------------------------------------------------------------------------------
    def export(self, file_format: str, target: Path | None = None) -> Path | None:
        from peel_desktop import export
        from peel_desktop.services.briefing import safe_file_name

        if self.answer is None or not self.save_now():
            return None
        if target is None:
            suffix = ".docx" if file_format == "docx" else ".pdf"
            name = safe_file_name(f"PCC response {self.answer.title}") + suffix
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export the PCC's response", str(Path.home() / name),
                "Word document (*.docx)" if file_format == "docx" else "PDF (*.pdf)")
            if not chosen:
                return None
            target = Path(chosen)
        try:
            export.write_response(self.window_.ws, self.answer.report_id, target,
                                  file_format=file_format)
        except PeelError as error:
            self.window_.report_problem(str(error))
            return None
        self.window_.statusBar().showMessage(f"Exported {target.name}.", 10000)
        return target
