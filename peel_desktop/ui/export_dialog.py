"""Export a briefing pack (Ctrl+E): options, then the pack is written in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
)


class ExportDialog(QDialog):
    """Options of the pack; ``options()`` and ``path()`` give what the reviewer chose."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        board = window.board
        self.setWindowTitle(f"Export briefing pack — {board.force}")
        self.title = QLineEdit(f"{board.force}: PEEL inspection briefing")
        self.title.setAccessibleName("Title")
        self.meeting = QDateEdit(QDate.currentDate())
        self.meeting.setCalendarPopup(True)
        self.meeting.setDisplayFormat("yyyy-MM-dd")
        self.meeting.setAccessibleName("Meeting date")
        self.author = QLineEdit(window.reviewer)
        self.author.setAccessibleName("Prepared by")
        self.marking = QComboBox()
        self.marking.setAccessibleName("Protective marking")
        for label, value in (("OFFICIAL", "OFFICIAL"), ("OFFICIAL-SENSITIVE",
                                                        "OFFICIAL-SENSITIVE"), ("None", "NONE")):
            self.marking.addItem(label, value)
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Word document (to edit before circulating)", "docx")
        self.cycles = QGroupBox("Cycles")
        cycle_row = QHBoxLayout(self.cycles)
        self.cycle_boxes = []
        for cycle in board.cycles:
            box = QCheckBox(f"PEEL {cycle}")
            box.setChecked(True)
            box.setProperty("cycle", cycle)
            cycle_row.addWidget(box)
            self.cycle_boxes.append(box)
        self.questions = QListWidget()
        self.questions.setAccessibleName("Questions to include")
        for item in board.items:
            row = QListWidgetItem(item.label)
            row.setData(Qt.ItemDataRole.UserRole, item.label)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.questions.addItem(row)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Meeting date:", self.meeting)
        form.addRow("&Prepared by:", self.author)
        form.addRow("Protective &marking:", self.marking)
        form.addRow("&Format:", self.format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        export = QPushButton("&Export…")
        export.setDefault(True)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.cycles)
        layout.addWidget(self.questions, 1)
        layout.addWidget(buttons)
        self.resize(620, 620)

    def options(self):
        from peel_desktop.services.briefing import BriefingOptions

        cycles = tuple(b.property("cycle") for b in self.cycle_boxes if b.isChecked())
        chosen = [self.questions.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.questions.count())
                  if self.questions.item(i).checkState() == Qt.CheckState.Checked]
        every = len(chosen) == self.questions.count()
        return BriefingOptions(
            force=self.window.board.force,
            cycles=() if len(cycles) == len(self.cycle_boxes) else cycles,
            questions=() if every else tuple(chosen), marking=self.marking.currentData(),
            title=self.title.text().strip(), meeting_date=self.meeting.date().toString(
                "yyyy-MM-dd"), author=self.author.text().strip())

    def file_format(self) -> str:
        return self.format.currentData()


def export_pack(window, *, path: Path | None = None, dialog: ExportDialog | None = None) -> None:
    """Ask for options and a file, then write the pack off the UI thread with progress."""
    if window.board is None:
        return
    dialog = dialog or ExportDialog(window)
    if path is None:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        suffix = dialog.file_format()
        from peel_desktop.services.briefing import safe_file_name

        name = f"{safe_file_name(window.board.force)}-briefing-{date.today()}.{suffix}"
        default = Path.home() / name
        chosen, _ = QFileDialog.getSaveFileName(window, "Save briefing pack", str(default),
                                                "PDF (*.pdf)" if suffix == "pdf"
                                                else "Word document (*.docx)")
        if not chosen:
            return
        path = Path(chosen)
    options, file_format = dialog.options(), dialog.file_format()
    db_path, framework, reviewer = window.ws.path, window.ws.framework, window.reviewer
    progress = QProgressDialog("Writing the briefing pack…", None, 0, 0, window)
    progress.setWindowTitle("Export")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    window.export_progress = progress

    def op():
        from peel_desktop import export
        from peel_desktop.services.workspace import Workspace

        ws = Workspace.open(db_path, framework=framework)
        try:
            return export.write(ws, options, path, reviewer=reviewer, file_format=file_format)
        finally:
            ws.close()

    def done(result) -> None:
        progress.close()
        pack, size = result
        window.last_export = path
        window.statusBar().showMessage(f"Saved {path.name} ({size // 1024} KB): "
                                       f"{len(pack.sections)} questions.", 10000)

    def failed(error: Exception) -> None:
        progress.close()
        QMessageBox.warning(window, "Briefing pack not written", str(error))

    window.run_task(op, done, failed)
