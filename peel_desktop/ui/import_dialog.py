"""Preview of one file before it is imported: what was recognised, what is unsure, corrections."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from peel_desktop.domain import Grade, JudgmentStatus
from peel_desktop.framework import Framework
from peel_desktop.services.imports import AddedJudgment, Corrections, Preview

_UNSURE = QColor("#fff1c2")
SKIP = 2  # dialog result: skip this file, go on with the next


class AddJudgmentDialog(QDialog):
    """A judgment the reviewer reads in the report: question, grade and the report's words."""

    def __init__(self, framework: Framework, cycle_key: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a judgment the report states")
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
        self.quote = QLineEdit()
        self.quote.setAccessibleName("The report's words")
        self.quote.setPlaceholderText("Paste the sentence of the report that states the grade")
        form = QFormLayout()
        form.addRow("&Question:", self.question)
        form.addRow("&Grade:", self.grade)
        form.addRow("The report &says:", self.quote)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 180)

    def _accept(self) -> None:
        if len(self.quote.text().strip()) < 8:
            QMessageBox.information(self, self.windowTitle(),
                                    "Quote the report's words that state the grade.")
            return
        self.accept()

    def judgment(self) -> AddedJudgment:
        return AddedJudgment(question=self.question.currentData(),
                             grade=Grade(self.grade.currentData()), quote=self.quote.text(),
                             status=JudgmentStatus.GRADED)


class ImportPreviewDialog(QDialog):
    """Shows a preview; emits ``recheck`` when the force or cycle is corrected.

    Results: Accepted (import with :meth:`corrections`), Rejected (stop importing), SKIP.
    """

    recheck = Signal(object)  # Corrections with the new force and/or cycle

    def __init__(self, framework: Framework, preview: Preview, parent=None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.added: list[AddedJudgment] = []
        self.setWindowTitle(f"Import {preview.extracted.file_name}")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.force = QComboBox()
        self.force.setAccessibleName("Force the report is about")
        for force in framework.forces:
            self.force.addItem(force.name, force.key)
        self.cycle = QComboBox()
        self.cycle.setAccessibleName("PEEL cycle of the report")
        for cycle in framework.cycles:
            self.cycle.addItem(f"PEEL {cycle.key}", cycle.key)
        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName("Recognised judgments")
        self.table.setHorizontalHeaderLabels(["", "Cycle", "Question", "Grade", "Page", "Quote"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.Fixed,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Fixed,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        metrics = self.fontMetrics()
        self.table.setColumnWidth(0, metrics.horizontalAdvance("??") + 12)
        self.table.setColumnWidth(3, metrics.horizontalAdvance("Requires improvement") + 48)
        self.table.verticalHeader().hide()
        self.findings = QListWidget()
        self.findings.setAccessibleName("Recognised findings")
        self.findings.setWordWrap(True)
        add = QPushButton("&Add judgment…")
        add.setToolTip("Add a grade the report states that was not recognised")
        add.clicked.connect(self._add)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        skip = buttons.addButton("&Skip this file", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        skip.clicked.connect(lambda: self.done(SKIP))
        top = QFormLayout()
        top.addRow("&Force:", self.force)
        top.addRow("C&ycle:", self.cycle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(QLabel("Judgments (rows marked ? are worth checking against the report):"))
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel("Findings:"))
        layout.addWidget(self.findings, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(1000, 640)
        self.set_preview(preview)
        self.force.currentIndexChanged.connect(self._recheck)
        self.cycle.currentIndexChanged.connect(self._recheck)

    # -- showing ------------------------------------------------------------------------
    def set_preview(self, preview: Preview) -> None:
        self.preview = preview
        facts = preview.found.facts
        for box, value in ((self.force, facts.force.key if facts.force else None),
                           (self.cycle, facts.cycle)):
            box.blockSignals(True)
            box.setCurrentIndex(box.findData(value) if value else -1)
            box.blockSignals(False)
        notes = [f"<b>{escape(facts.title())}</b> — {escape(preview.extracted.file_name)}, "
                 f"{preview.extracted.page_count or 'no'} pages"]
        notes += [f"? {escape(u.what)}: {escape(u.reason)}" for u in preview.unsure
                  if u.what != "judgment"]
        if facts.force is None or facts.cycle is None:
            notes.append("<b>Choose the force and cycle</b>: the report does not state them "
                         "clearly enough to be sure.")
        self.summary.setText("<br>".join(notes))
        self.import_button.setEnabled(facts.force is not None and facts.cycle is not None)
        self._fill_table()
        self.findings.clear()
        for f in preview.found.findings:
            self.findings.addItem(f"{f.kind.value.replace('_', ' ').capitalize()}: {f.text}")

    def _fill_table(self) -> None:
        judgments = self.preview.found.judgments
        unsure = {u.index: u.reason for u in self.preview.unsure if u.what == "judgment"}
        self.table.setRowCount(len(judgments))
        for row, j in enumerate(judgments):
            question = (self.framework.question(j.question).title if j.question
                        else f"{j.pillar.value.capitalize()} (overall)")
            page = j.citation.page_label or j.citation.page or f"¶ {j.citation.paragraph}"
            cells = ["?" if row in unsure else "", f"PEEL {j.cycle}", question, "",
                     str(page), j.citation.quote]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row in unsure:
                    item.setBackground(QBrush(_UNSURE))
                    item.setToolTip(unsure[row])
                self.table.setItem(row, column, item)
            grade = QComboBox()
            grade.setAccessibleName(f"Grade for {question}, {j.cycle}")
            for option in (*self.framework.cycle(j.cycle).scale, Grade.UNGRADED):
                grade.addItem(option.words, option.value)
            grade.setCurrentIndex(grade.findData(j.grade.value))
            self.table.setCellWidget(row, 3, grade)

    # -- editing ------------------------------------------------------------------------
    def _recheck(self) -> None:
        self.recheck.emit(Corrections(force=self.force.currentData(),
                                      cycle=self.cycle.currentData()))

    def _add(self) -> None:
        cycle = self.cycle.currentData()
        if not cycle:
            return
        dialog = AddJudgmentDialog(self.framework, cycle, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_judgment(dialog.judgment())

    def add_judgment(self, judgment: AddedJudgment) -> None:
        self.added.append(judgment)
        self.findings.addItem(f"Added by you: {judgment.question} — {judgment.grade.words} "
                              f"(“{judgment.quote}”)")

    def set_grade(self, row: int, grade: Grade) -> None:
        box = self.table.cellWidget(row, 3)
        box.setCurrentIndex(box.findData(grade.value))

    def corrections(self) -> Corrections:
        facts = self.preview.found.facts
        grades = {}
        for row, j in enumerate(self.preview.found.judgments):
            chosen = Grade(self.table.cellWidget(row, 3).currentData())
            if chosen is not j.grade:
                grades[row] = chosen
        return Corrections(
            force=facts.force.key if facts.force_basis == "reviewer" and facts.force else None,
            cycle=facts.cycle if facts.cycle_basis == "reviewer" else None,
            grades=grades, added=tuple(self.added),
        )
