"""Adding a judgment the report states but the recogniser missed, its words checked against
the report as they are typed; and the status and last-inspected boxes the preview shares."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from peel_desktop.domain import Grade, JudgmentStatus
from peel_desktop.framework import Framework
from peel_desktop.importers import ExtractedReport
from peel_desktop.services.imports import AddedJudgment, find_quote

STATUS_WORDS = {JudgmentStatus.GRADED: "Graded in this cycle",
                JudgmentStatus.CARRIED_OVER: "Carried over",
                JudgmentStatus.UNGRADED: "Ungraded"}


class AddJudgmentDialog(QDialog):
    """A judgment the reviewer reads in the report: question, grade, status and the report's
    words, checked against the report as they are typed."""

    def __init__(self, framework: Framework, cycle_key: str, extracted: ExtractedReport,
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a judgment the report states")
        self.extracted = extracted
        cycle = framework.cycle(cycle_key)
        self.question = QComboBox()
        self.question.setAccessibleName("Question or pillar")
        if cycle.pillars_graded:
            for pillar in ("effectiveness", "efficiency", "legitimacy"):
                self.question.addItem(f"{pillar.capitalize()} (overall)", pillar)
        for q in cycle.questions:
            self.question.addItem(q.title, q.key)
        self.grade = QComboBox()
        self.grade.setAccessibleName("Grade")
        for grade in (*cycle.scale, Grade.UNGRADED):
            self.grade.addItem(grade.words, grade.value)
        self.status = status_box("Status of the added judgment")
        self.last = last_box(framework, cycle_key, None, "Last inspected")
        self.quote = QLineEdit()
        self.quote.setAccessibleName("The report's words")
        self.quote.setPlaceholderText("Paste the sentence of the report that states the grade")
        self.found = QLabel()
        self.found.setAccessibleName("Where the report says it")
        form = QFormLayout()
        form.addRow("&Question:", self.question)
        form.addRow("&Grade:", self.grade)
        form.addRow("&Status:", self.status)
        form.addRow("&Last inspected:", self.last)
        form.addRow("The report &says:", self.quote)
        form.addRow("", self.found)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.quote.textChanged.connect(self._check_quote)
        self.status.currentIndexChanged.connect(self._check_quote)
        self.last.currentIndexChanged.connect(self._check_quote)
        self._check_quote()
        self.resize(680, 260)

    def _check_quote(self) -> None:
        text = self.quote.text().strip()
        citation = find_quote(self.extracted, text) if text else None
        carried = self.status.currentData() == JudgmentStatus.CARRIED_OVER.value
        self.last.setEnabled(carried)
        if not text:
            self.found.setText("Quote the report's words that state the grade.")
        elif citation is None:
            self.found.setText("✗ These words are not in the report." if len(text) >= 8
                               else "✗ Quote a few more words.")
        else:
            where = (f"page {citation.page_label or citation.page}" if citation.page
                     else f"paragraph {citation.paragraph}")
            self.found.setText(f"✓ The report says this on {where}.")
        self.ok_button.setEnabled(citation is not None
                                  and (not carried or self.last.currentData() is not None))

    def _accept(self) -> None:
        if self.ok_button.isEnabled():
            self.accept()

    def judgment(self) -> AddedJudgment:
        status = JudgmentStatus(self.status.currentData())
        return AddedJudgment(
            question=self.question.currentData(), grade=Grade(self.grade.currentData()),
            quote=self.quote.text(), status=status,
            last_inspected=self.last.currentData() if status is JudgmentStatus.CARRIED_OVER
            else None)


def status_box(name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for status, words in STATUS_WORDS.items():
        box.addItem(words, status.value)
    return box


def last_box(framework: Framework, cycle_key: str, current: str | None, name: str) -> QComboBox:
    """The cycles before ``cycle_key`` (a carried-over judgment's last inspection)."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem("—", None)
    ordinal = framework.cycle(cycle_key).ordinal
    for cycle in framework.cycles:
        if cycle.ordinal < ordinal:
            box.addItem(cycle.key, cycle.key)
    box.setCurrentIndex(max(0, box.findData(current)) if current else 0)
    return box
