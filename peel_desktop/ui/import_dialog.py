"""Preview of one file before it is imported: what was recognised, what is unsure, corrections."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from peel_desktop.domain import Grade, JudgmentStatus
from peel_desktop.framework import Framework
from peel_desktop.services.imports import AddedJudgment, Corrections, Preview
from peel_desktop.ui.add_judgment import AddJudgmentDialog, last_box, status_box

_UNSURE = QColor("#fff1c2")
SKIP = 2  # dialog result: skip this file, go on with the next
COLUMNS = ["", "Cycle", "Question", "Grade", "Status", "Last inspected", "Page", "Quote"]
GRADE, STATUS, LAST = 3, 4, 5


class ImportPreviewDialog(QDialog):
    """Shows a preview; emits ``recheck`` when the force or cycle is corrected.

    Results: Accepted (import with :meth:`corrections`), Rejected (stop importing), SKIP.
    """

    recheck = Signal(object)  # Corrections with the new force and/or cycle

    def __init__(self, framework: Framework, preview: Preview, parent=None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.added: list[AddedJudgment] = []
        self.removed: set[int] = set()
        self.setWindowTitle(f"Import {preview.extracted.file_name}")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.edition_note = QLabel()
        self.edition_note.setObjectName("editionNote")
        self.edition_note.setWordWrap(True)
        self.edition_note.setTextFormat(Qt.TextFormat.RichText)
        self.edition_note.setStyleSheet("QLabel#editionNote { background: #e8f0fe; "
                                        "color: #102a43; padding: 8px; border-radius: 4px; }")
        self.problem = QLabel()
        self.problem.setObjectName("importProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel#importProblem { background: #fde8e8; color: #611a15; "
                                   "padding: 8px; border-radius: 4px; }")
        self.problem.hide()
        self.force = QComboBox()
        self.force.setAccessibleName("Force the report is about")
        for force in framework.forces:
            self.force.addItem(force.name, force.key)
        self.cycle = QComboBox()
        self.cycle.setAccessibleName("PEEL cycle of the report")
        for cycle in framework.cycles:
            self.cycle.addItem(f"PEEL {cycle.key}", cycle.key)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Recognised judgments")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        fit = QHeaderView.ResizeMode.ResizeToContents
        for column, mode in enumerate((QHeaderView.ResizeMode.Fixed, fit,
                                       QHeaderView.ResizeMode.Interactive,
                                       QHeaderView.ResizeMode.Fixed, fit, fit, fit,
                                       QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        metrics = self.fontMetrics()
        self.table.setColumnWidth(2, metrics.horizontalAdvance("M") * 22)  # long titles elide
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setColumnWidth(0, metrics.horizontalAdvance("??") + 12)
        self.table.setColumnWidth(GRADE, metrics.horizontalAdvance("Requires improvement") + 48)
        self.table.verticalHeader().hide()
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        remove.activated.connect(self.toggle_removed)
        self.findings = QListWidget()
        self.findings.setAccessibleName("Recognised findings")
        self.findings.setWordWrap(True)
        add = QPushButton("&Add judgment…")
        add.setToolTip("Add a grade the report states that was not recognised")
        add.clicked.connect(self._add)
        self.remove_button = QPushButton("&Remove row")
        self.remove_button.setToolTip("The report does not state this judgment: leave it out "
                                      "(Delete; again to keep it)")
        self.remove_button.clicked.connect(self.toggle_removed)
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
        layout.addWidget(self.edition_note)
        layout.addWidget(self.problem)
        layout.addLayout(top)
        layout.addWidget(QLabel("Judgments (rows marked ? are worth checking against the report):"))
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel("Findings:"))
        layout.addWidget(self.findings, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(1100, 680)
        self.set_preview(preview)
        self.force.currentIndexChanged.connect(self._recheck)
        self.cycle.currentIndexChanged.connect(self._recheck)

    # -- showing ------------------------------------------------------------------------
    def set_preview(self, preview: Preview) -> None:
        self.preview = preview
        self.removed.clear()
        facts = preview.found.facts
        # read against the framework with the cycle and areas this report names, if new
        self.framework = preview.found.framework or self.framework
        if facts.cycle and self.cycle.findData(facts.cycle) < 0:
            self.cycle.blockSignals(True)
            self.cycle.addItem(f"PEEL {facts.cycle} (a cycle new to the app)", facts.cycle)
            self.cycle.blockSignals(False)
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
        self._show_edition(preview)
        self.import_button.setEnabled(facts.force is not None and facts.cycle is not None)
        self._fill_table()
        self.findings.clear()
        for f in preview.found.findings:
            self.findings.addItem(f"{f.kind.value.replace('_', ' ').capitalize()}: {f.text}")
        for judgment in self.added:
            self._list_added(judgment)

    def _show_edition(self, preview: Preview) -> None:
        plan = preview.edition
        self.import_button.setText("&Replace edition" if plan else "&Import")
        self.edition_note.setVisible(plan is not None)
        if plan is None:
            return
        moving, left = plan.moving, plan.unanchored
        lines = [f"<b>This is a new edition of a report you hold</b>: “{escape(plan.title)}”, "
                 f"imported {escape(plan.imported_at[:10])}. Importing replaces it; the earlier "
                 "edition is kept, and File → Remove a report… undoes the replacement."]
        if plan.grade_changes:
            shown = plan.grade_changes[:6]
            lines.append("<b>Grades that differ</b>: " + "; ".join(escape(c) for c in shown)
                         + ("…" if len(plan.grade_changes) > 6 else "") + ".")
        else:
            lines.append("It states the same grades.")
        if not plan.moves:
            lines.append("You have no annotations on it.")
        if moving:
            lines.append(f"{len(moving)} annotation{'s move' if len(moving) != 1 else ' moves'} "
                         "to the same words in the new edition: " + "; ".join(
                             f"“{escape(_short(m.annotation))}” → {escape(m.to)}"
                             for m in moving[:6]) + ("…" if len(moving) > 6 else "") + ".")
        if left:
            lines.append(f"<b>{len(left)} will be left unanchored</b> (their words are not in "
                         "the new edition; they are listed in the Annotations panel, never "
                         "deleted): " + "; ".join(
                             f"“{escape(_short(m.annotation))}”" for m in left[:6]) + ".")
        self.edition_note.setText("<br>".join(lines))

    def show_problem(self, text: str) -> None:
        """A refused import: say why above the preview; every correction made is kept."""
        self.problem.setText(f"Not imported yet: {text} Correct it here and import again.")
        self.problem.show()

    def _fill_table(self) -> None:
        judgments = self.preview.found.judgments
        unsure = {u.index: u.reason for u in self.preview.unsure if u.what == "judgment"}
        self.table.setRowCount(len(judgments))
        for row, j in enumerate(judgments):
            question = (self.framework.question(j.question).title if j.question
                        else f"{j.pillar.value.capitalize()} (overall)")
            page = j.citation.page_label or j.citation.page or f"¶ {j.citation.paragraph}"
            cells = ["?" if row in unsure else "", f"PEEL {j.cycle}", question, "", "", "",
                     str(page), j.citation.quote]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column in (2, 7) else "")
                if row in unsure:
                    item.setBackground(QBrush(_UNSURE))
                    item.setToolTip(f"{unsure[row]}: {text}" if column in (2, 7) else unsure[row])
                self.table.setItem(row, column, item)
            grade = QComboBox()
            grade.setAccessibleName(f"Grade for {question}, {j.cycle}")
            for option in (*self.framework.cycle(j.cycle).scale, Grade.UNGRADED):
                grade.addItem(option.words, option.value)
            grade.setCurrentIndex(grade.findData(j.grade.value))
            self.table.setCellWidget(row, GRADE, grade)
            status = status_box(f"Status of {question}, {j.cycle}")
            status.setCurrentIndex(status.findData(j.status.value))
            self.table.setCellWidget(row, STATUS, status)
            last = last_box(self.framework, j.cycle,
                             j.last_inspected if j.status is JudgmentStatus.CARRIED_OVER
                             else None, f"Last inspected, {question}, {j.cycle}")
            last.setEnabled(j.status is JudgmentStatus.CARRIED_OVER)
            self.table.setCellWidget(row, LAST, last)
            grade.currentIndexChanged.connect(lambda _i, r=row: self._coherent(r, GRADE))
            status.currentIndexChanged.connect(lambda _i, r=row: self._coherent(r, STATUS))

    def _coherent(self, row: int, changed: int) -> None:
        """Ungraded is a grade and a status; only a carried-over judgment has a last year."""
        grade, status = self.table.cellWidget(row, GRADE), self.table.cellWidget(row, STATUS)
        last = self.table.cellWidget(row, LAST)
        ungraded = Grade.UNGRADED.value
        if changed == GRADE and grade.currentData() == ungraded:
            status.setCurrentIndex(status.findData(JudgmentStatus.UNGRADED.value))
        if changed == STATUS and status.currentData() == JudgmentStatus.UNGRADED.value:
            grade.setCurrentIndex(grade.findData(ungraded))
        carried = status.currentData() == JudgmentStatus.CARRIED_OVER.value
        last.setEnabled(carried)
        if not carried:
            last.setCurrentIndex(0)

    # -- editing ------------------------------------------------------------------------
    def _recheck(self) -> None:
        self.recheck.emit(Corrections(force=self.force.currentData(),
                                      cycle=self.cycle.currentData()))

    def toggle_removed(self, row: int | None = None) -> None:
        """Leave the selected judgment out (the report does not state it), or keep it again."""
        row = self.table.currentRow() if row is None or row is False else row
        if row < 0:
            return
        gone = row not in self.removed
        (self.removed.add if gone else self.removed.discard)(row)
        for column in range(self.table.columnCount()):
            item = self.table.item(row, column)
            if item is not None:
                font = item.font()
                font.setStrikeOut(gone)
                item.setFont(font)
                item.setForeground(QBrush(QColor("#8a8a8a")) if gone else QBrush())
            widget = self.table.cellWidget(row, column)
            if widget is not None:
                widget.setEnabled(not gone and (column != LAST or self.table.cellWidget(
                    row, STATUS).currentData() == JudgmentStatus.CARRIED_OVER.value))
        self.table.item(row, 0).setText("✗" if gone else "")
        self.table.item(row, 0).setToolTip("left out: the report does not state it" if gone
                                           else "")

    def _add(self) -> None:
        cycle = self.cycle.currentData()
        if not cycle:
            return
        dialog = AddJudgmentDialog(self.framework, cycle, self.preview.extracted, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_judgment(dialog.judgment())

    def add_judgment(self, judgment: AddedJudgment) -> None:
        self.added.append(judgment)
        self._list_added(judgment)

    def _list_added(self, judgment: AddedJudgment) -> None:
        self.findings.addItem(f"Added by you: {judgment.question} — {judgment.grade.words} "
                              f"(“{judgment.quote}”)")

    def set_grade(self, row: int, grade: Grade) -> None:
        box = self.table.cellWidget(row, GRADE)
        box.setCurrentIndex(box.findData(grade.value))

    def set_status(self, row: int, status: JudgmentStatus, last: str | None = None) -> None:
        box = self.table.cellWidget(row, STATUS)
        box.setCurrentIndex(box.findData(status.value))
        if last is not None:
            years = self.table.cellWidget(row, LAST)
            years.setCurrentIndex(years.findData(last))

    def corrections(self) -> Corrections:
        facts = self.preview.found.facts
        grades, statuses, last = {}, {}, {}
        for row, j in enumerate(self.preview.found.judgments):
            chosen = Grade(self.table.cellWidget(row, GRADE).currentData())
            if chosen is not j.grade:
                grades[row] = chosen
            status = JudgmentStatus(self.table.cellWidget(row, STATUS).currentData())
            if status is not j.status:
                statuses[row] = status
            year = self.table.cellWidget(row, LAST).currentData()
            if status is JudgmentStatus.CARRIED_OVER and year != j.last_inspected:
                last[row] = year
        return Corrections(
            force=facts.force.key if facts.force_basis == "reviewer" and facts.force else None,
            cycle=facts.cycle if facts.cycle_basis == "reviewer" else None,
            grades=grades, added=tuple(self.added), removed=frozenset(self.removed),
            statuses=statuses, last_inspected=last,
        )


def _short(annotation, limit: int = 60) -> str:
    words = " ".join((annotation.quote or annotation.note or "").split())
    return words if len(words) <= limit else words[:limit - 1] + "…"
