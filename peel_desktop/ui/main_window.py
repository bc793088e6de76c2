"""The main window: a force's grade history as the inspectorate tabulates it, with evidence."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peel_desktop import __version__
from peel_desktop.services import history, library
from peel_desktop.services.library import ImportOutcome, Workspace
from peel_desktop.ui.import_flow import ImportFlow
from peel_desktop.ui.matrix_model import GradeMatrixModel, JudgmentsRole

Runner = Callable[[Callable, Callable, Callable], None]
_STATUS_WORDS = {"graded": "graded", "ungraded": "not graded", "carried_over": "carried over"}


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, runner: Runner) -> None:
        super().__init__()
        self.ws, self.run_task = ws, runner
        self.setWindowTitle("PEEL Desktop")
        self.setAcceptDrops(True)
        self.model = GradeMatrixModel()
        self._build()
        self._menus()
        self.reload_forces()

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.force_box = QComboBox()
        self.force_box.setAccessibleName("Force")
        self.force_box.setToolTip("The police force whose inspection history is shown")
        self.force_box.currentIndexChanged.connect(self._force_changed)
        force_label = QLabel("&Force:")
        force_label.setBuddy(self.force_box)
        top = QHBoxLayout()
        top.addWidget(force_label)
        top.addWidget(self.force_box, 1)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Notes on comparing grades")
        self.notice.setStyleSheet(
            "QLabel { background: #fff4d6; color: #3d2e00; border: 1px solid #e0c36a;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Grade history")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.selectionModel().selectionChanged.connect(self._cell_selected)
        self.evidence = QTextBrowser()
        self.evidence.setAccessibleName("Evidence for the selected grade")
        self.evidence.setOpenLinks(False)
        self.empty = QLabel(
            "No reports yet. Choose File → Import reports… or drop report files here."
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.evidence)
        splitter.setSizes([520, 260])
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.splitter = splitter

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import reports…", self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.setStatusTip("Import PEEL reports: PDF, saved web page or text")
        self.import_action.triggered.connect(self._choose_files)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About PEEL Desktop", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- data ---------------------------------------------------------------------------
    def reload_forces(self, select: str | None = None) -> None:
        held = library.forces(self.ws)
        current = select or self.force_box.currentText()
        self.force_box.blockSignals(True)
        self.force_box.clear()
        for force in sorted(held, key=lambda f: (-f.reports, f.name)):
            self.force_box.addItem(force.name)
        self.force_box.blockSignals(False)
        index = self.force_box.findText(current) if current else -1
        self.force_box.setCurrentIndex(max(index, 0) if held else -1)
        self._force_changed()
        reports = library.repository.report_count(self.ws.db)
        self.statusBar().showMessage(f"{reports} reports · database {self.ws.path}")

    def _force_changed(self) -> None:
        name = self.force_box.currentText()
        has_data = bool(name)
        self.empty.setVisible(not has_data)
        self.splitter.setVisible(has_data)
        if not has_data:
            self.model.set_overview(None)
            self.notice.hide()
            self.setWindowTitle("PEEL Desktop")
            return
        view = history.overview(self.ws, name)
        self.model.set_overview(view)
        self.setWindowTitle(f"PEEL Desktop — {view.force}")
        self._show_notice(view)
        self.evidence.setHtml(
            "<p>Select a grade to see where the report says it.</p>"
        )

    def _show_notice(self, view: history.Overview) -> None:
        notes = []
        if view.scale_break_before is not None:
            notes.append(f"◆ {escape(view.scale_break_note)}")
        for cycle, counts in view.stated_counts.items():
            stated = ", ".join(f"{g.replace('_', ' ')} in {n}" for g, n in counts.items())
            notes.append(
                f"PEEL {escape(cycle)}: the imported source states only how many areas got each "
                f"grade ({escape(stated)}), not which: those grades are not shown."
            )
        self.notice.setText("<br>".join(notes))
        self.notice.setVisible(bool(notes))

    def _cell_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        index = indexes[0]
        row = self.model.row(index.row())
        cycle = self.model.overview.columns[index.column()]
        self.evidence.setHtml(evidence_html(row.label, cycle, index.data(JudgmentsRole)))

    # -- import -------------------------------------------------------------------------
    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import PEEL reports", str(Path.home()),
            "PEEL reports (*.pdf *.html *.htm *.txt);;All files (*)"
        )
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path], *, review: bool = True) -> ImportFlow:
        """Import files: each is read in the background, previewed for the reviewer to check
        and correct (unless ``review`` is False), then committed; the window then redraws."""
        self.statusBar().showMessage(f"Importing {len(files)} file(s)…")
        self.flow = ImportFlow(self, self.ws.path, self.ws.framework, self.run_task, files,
                               review=review)
        self.flow.finished.connect(self._imported)
        self.flow.start()
        return self.flow

    def _imported(self, result: tuple[list[ImportOutcome], list[str]]) -> None:
        done, problems = result
        fresh = [o for o in done if not o.duplicate]
        self.reload_forces()
        self.statusBar().showMessage(
            f"Imported {len(fresh)} report(s); {len(done) - len(fresh)} already held; "
            f"{len(problems)} not imported."
        )
        if problems:
            QMessageBox.warning(self, "Some files were not imported", "\n".join(problems))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.import_files(files)

    def _about(self) -> None:
        QMessageBox.about(
            self, "About PEEL Desktop",
            f"<b>PEEL Desktop {__version__}</b><br>Offline review of HMICFRS PEEL inspection "
            f"reports.<br>Database: {escape(str(self.ws.path))}<br><br>Bundled reports contain "
            "public sector information licensed under the Open Government Licence v3.0 "
            "(© Crown copyright, HMIC/HMICFRS).",
        )


def evidence_html(label: str, cycle: str, judgments: list[dict]) -> str:
    """The selected cell's judgments with their citations, as HTML (all text escaped)."""
    parts = [f"<h3>{escape(label)} — PEEL {escape(cycle)}</h3>"]
    if not judgments:
        parts.append("<p>No grade for this is stated in the imported sources.</p>")
    for j in judgments:
        status = _STATUS_WORDS[j["status"]]
        if j["status"] == "carried_over":
            status += f" from {escape(j['last_inspected'] or '')}"
        grade = j["grade"].replace("_", " ").capitalize()
        question = j["question"] or f"{(j['pillar'] or '').capitalize()} overall"
        source = j["source"]
        where = f"page {source['page']}" if source["page"] else f"paragraph {source['paragraph']}"
        parts.append(
            f"<p><b>{escape(grade)}</b> ({escape(status)}) — {escape(question)}<br>"
            f"<i>{escape(source['report'])}, {escape(where)}</i></p>"
            f"<blockquote>“{escape(source['quote'])}”</blockquote>"
        )
    return "".join(parts)
