"""The review window: step through a force's questions and compare them across cycles."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelection, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from peel_desktop import paths
from peel_desktop.domain import PeelError
from peel_desktop.services.review_model import Board, Comparison

if TYPE_CHECKING:
    from peel_desktop.services.workspace import Workspace
    from peel_desktop.ui.forces_view import ForcesView
    from peel_desktop.ui.grade_table import GradeTable
    from peel_desktop.ui.matrix_model import GradeMatrixModel
    from peel_desktop.ui.search_panel import SearchPanel
from peel_desktop.ui import theme
from peel_desktop.ui.annotating import Annotating
from peel_desktop.ui.comparison_view import ComparisonView
from peel_desktop.ui.evidence_view import EvidencePanel
from peel_desktop.ui.navigator import NavigatorModel, TimelineDelegate
from peel_desktop.ui.window_actions import build_actions

Runner = Callable[[Callable, Callable, Callable], None]


class _Services:
    """The headless services, imported on first use: the window paints before the database
    layer (sqlite-utils) loads."""

    def __getattr__(self, name: str):
        module = importlib.import_module(f"peel_desktop.services.{name}")
        setattr(self, name, module)
        return module


services = _Services()


PREFETCH_AFTER_MS = 150  # a pause on a question, as a reviewer reading it makes


def _escape(text: str) -> str:
    """Text made safe in a rich-text label, as html.escape makes it (quotes need nothing
    outside an attribute); the html module loads its 2,231 named entities, which the start
    of the window has no use for."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace | None, runner: Runner,
                 settings: QSettings | None = None) -> None:
        """Build the window; with ``ws`` None it shows its frame and waits for :meth:`attach`
        (the application paints first, then opens the database)."""
        super().__init__()
        self.ws, self.run_task = ws, runner
        self.settings = settings or QSettings()
        self.reviewer = str(self.settings.value("reviewer", paths.user_name()))
        self.board: Board | None = None
        self.comparison: Comparison | None = None
        self.column = -1  # the newest cycle until the reviewer picks one
        self._cache: dict[str, Comparison] = {}
        self._facts = None  # the force's judgments and findings, read once for its items
        self._boards = None  # Compare forces: every force's board, until the data changes
        # the questions either side are prepared once the reviewer pauses on one
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(PREFETCH_AFTER_MS)
        self._prefetch_timer.timeout.connect(self._prefetch)
        self.setWindowTitle("PEEL Desktop")
        self.setAcceptDrops(True)
        theme.apply(str(self.settings.value("appearance", "system")))  # before the widgets
        self._build()
        self.annotating = Annotating(self)
        # The search panel (its field, completer and results) is made when its dock is first
        # shown or search is first asked for: it sits behind the questions at start.
        self._search: SearchPanel | None = None
        self.search_dock = self._dock("Search", "searchDock", QWidget(),
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.navigator_dock, self.search_dock)
        self.navigator_dock.raise_()
        self.search_dock.visibilityChanged.connect(self._search_shown)
        self.actions_ = build_actions(self)
        self._restore()
        if not isinstance(self.settings.value("window/state"), QByteArray):
            self.resizeDocks([self.evidence_dock, self.annotating.dock], [640, 420],
                             Qt.Orientation.Horizontal)
        if ws is None:
            self.empty.setText("Opening your reviews…")
            self.tabs.hide()
        else:
            self.reviewer = services.review.reviewer_of(ws, self.reviewer)
            self.apply_read_only()
            self.reload_forces()
            self._framework_problems(ws)

    @property
    def search(self) -> SearchPanel:
        """The search panel, made in its dock on first use."""
        if self._search is None:
            from peel_desktop.ui.search_panel import SearchPanel

            self._search = SearchPanel(self, self.search_dock)
        return self._search

    def _search_shown(self, shown: bool) -> None:
        if shown:
            self.search  # noqa: B018  (made as its dock comes into view)

    def attach(self, ws: Workspace) -> None:
        """Show the reviewer's database (opened after the window first painted)."""
        self.ws = ws
        self.reviewer = services.review.reviewer_of(ws, self.reviewer)
        self.annotating.stack.clear()
        self.apply_read_only()
        self.empty.setText("No reports yet. Choose File → Import reports… or drop report "
                           "files (PDF, saved web page or text) on this window.")
        self.reload_forces()
        self._framework_problems(ws)
        # the neighbours' comparisons wait until the data is on screen (data_shown): on a
        # slow machine the pause could end before the first frame's paint was done
        self._prefetch_timer.stop()

    def data_shown(self) -> None:
        """The window has painted the data :meth:`attach` showed: the questions either side
        of this one are prepared after the usual pause."""
        if self.ws is not None and self.board is not None:
            self._prefetch_timer.start()

    def _framework_problems(self, ws: Workspace) -> None:
        """An organisation's framework file that could not be used, said in one sentence."""
        for problem in ws.framework.problems:  # the app runs on the bundled framework
            message = (f"{problem} The app uses the bundled framework without it; see "
                       "docs/framework.md.")
            self.statusBar().showMessage(message, 30000)
            # said once the window is up: a message box here would hold up its first paint
            QTimer.singleShot(0, lambda m=message: self.report_problem(
                m, title="Framework file not used"))

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.force_box = QComboBox()
        self.force_box.setAccessibleName("Force")
        self.force_box.setToolTip("The police force whose inspection history is reviewed")
        self.force_box.setMinimumContentsLength(24)
        self.force_box.currentIndexChanged.connect(self._force_changed)
        self.navigator_model = NavigatorModel()
        self.navigator = QTreeView()
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setHeaderHidden(True)
        self.navigator.setItemDelegate(TimelineDelegate(self.navigator))
        self.navigator.setAccessibleName("Inspection questions")
        self.navigator.setUniformRowHeights(True)
        self.navigator.selectionModel().selectionChanged.connect(self._item_selected)
        self.compare_view = ComparisonView()
        self.compare_view.column_selected.connect(self.select_column)
        # The Overview and Compare forces are built when first shown (the window paints
        # first, and a force's change fills only what has been seen)
        self._matrix: GradeTable | None = None
        self._forces_view: ForcesView | None = None
        self.overview_tab, self.forces_tab = _holder(), _holder()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet(theme.notice_sheet())
        self.notice.setAccessibleName("Notes on comparing grades")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.compare_view, "&Compare cycles")
        self.tabs.addTab(self.overview_tab, "&Overview")
        self.tabs.addTab(self.forces_tab, "Compare &forces")
        # Built when first shown: the window paints first.
        self.tracker_tab, self.response_tab = _scrolling(), _scrolling()
        self.tabs.addTab(self.tracker_tab, "Findings &tracker")
        self.tabs.addTab(self.response_tab, "PCC's &response")
        self._stale_tabs: set[QScrollArea] = {self.tracker_tab, self.response_tab}
        self._hidden_docks: list[QDockWidget] | None = None
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        self.empty = QLabel("No reports yet. Choose File → Import reports… or drop report "
                            "files (PDF, saved web page or text) on this window.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.evidence = EvidencePanel()
        self.evidence.show_original.connect(self.open_original)
        self.navigator_dock = self._dock("Questions", "navigatorDock", self.navigator,
                                         Qt.DockWidgetArea.LeftDockWidgetArea)
        self.evidence_dock = self._dock("Evidence", "evidenceDock", self.evidence,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Review progress")
        self.statusBar().addPermanentWidget(self.progress_label)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea):
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
            self.resizeDocks([self.navigator_dock], [430], Qt.Orientation.Horizontal)
            self.resizeDocks([self.evidence_dock], [230], Qt.Orientation.Vertical)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.ws is not None and self.response_tab.widget() is not None \
                and not self.response_view.save_now():
            answer = QMessageBox.question(
                self, "Response not saved",
                "The last changes to the PCC's response could not be saved. Close anyway and "
                "lose them?")
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self._prefetch_timer.stop()
        self._show_docks_again()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)

    # -- forces and the board -------------------------------------------------------------
    def apply_read_only(self) -> None:
        """A database opened read-only: every action that would change it is disabled."""
        read_only = bool(self.ws and self.ws.read_only)
        for action in (self.actions_.import_files, self.actions_.remove_report,
                       self.actions_.reviewed_next,
                       self.actions_.flag, self.actions_.annotate_words,
                       self.actions_.annotate_judgment, self.actions_.annotate_question):
            action.setEnabled(not read_only)
        self.evidence.annotate_button.setEnabled(not read_only)
        self.annotating.panel.setEnabled(not read_only)
        self.setAcceptDrops(not read_only)

    def reload_forces(self, select: str | None = None) -> None:
        if self.ws is None:
            return
        held = services.library.forces(self.ws)
        current = select or self.force_box.currentText()
        self.force_box.blockSignals(True)
        self.force_box.clear()
        for force in sorted(held, key=lambda f: (-f.reports, f.name)):
            self.force_box.addItem(force.name)
        self.force_box.blockSignals(False)
        index = self.force_box.findText(current) if current else -1
        self.force_box.setCurrentIndex(max(index, 0) if held else -1)
        self._force_changed()

    def _force_changed(self) -> None:
        name = self.force_box.currentText()
        self.empty.setVisible(not name)
        self.tabs.setVisible(bool(name))
        self._cache.clear()
        self._facts = None
        self._boards = None
        if not name:
            self.board = None
            self.navigator_model.set_board(None)
            if self._matrix is not None:
                self.matrix_model.set_board(None)
            self.notice.hide()
            self.evidence.show_column("", None)
            self.annotating.refresh()
            self.setWindowTitle("PEEL Desktop")
            self._show_progress()
            self.refresh_findings_tabs()
            return
        keep = self.comparison.item.key if self.comparison else None
        self.board = services.review.board(self.ws, name, self.reviewer)
        self.navigator_model.set_board(self.board)
        self.navigator.expandAll()
        if self._matrix is not None:
            self.matrix_model.set_board(self.board)
        self.setWindowTitle(f"PEEL Desktop — {self.board.force}"
                            + (" (read-only)" if self.ws.read_only else ""))
        self.navigator_dock.setWindowTitle("Questions — timeline: "
                                           + " · ".join(self.board.cycles))
        self._show_notice()
        self._show_progress()
        keys = self.navigator_model.ordered_keys()
        self.go_to(keep if keep in keys else (keys[0] if keys else None))
        self.refresh_findings_tabs()

    def _review_docks(self) -> list[QDockWidget]:
        return [self.navigator_dock, self.evidence_dock, self.annotating.dock, self.search_dock]

    def _tab_changed(self) -> None:
        """Tabs are filled when first shown after the force (or the data) changed. The
        tracker and the response want the whole window: the question-by-question docks step
        aside while they show, and come back as they were."""
        current = self.tabs.currentWidget()
        if current is self.overview_tab and self._matrix is None:
            self._build_overview()
        self._refresh_forces_tab()
        if current is self.compare_view and self.comparison is not None:
            self.compare_view.show_comparison(self.comparison, self.column)  # drawn if shown
        whole = current in (self.tracker_tab, self.response_tab)
        if whole and self._hidden_docks is None:
            self._hidden_docks = [d for d in self._review_docks() if not d.isHidden()]
            for dock in self._hidden_docks:
                dock.hide()
        elif not whole:
            self._show_docks_again()
        self._fill_findings_tab()

    def _fill_findings_tab(self) -> None:
        """Refresh the tracker or response tab if it shows and the data changed under it."""
        current = self.tabs.currentWidget()
        if current in self._stale_tabs:
            self._stale_tabs.discard(current)
            view = self.tracker_view if current is self.tracker_tab else self.response_view
            view.refresh(self.force_box.currentText() or None)

    def _show_docks_again(self) -> None:
        for dock in self._hidden_docks or ():
            dock.show()
        self._hidden_docks = None

    def refresh_findings_tabs(self) -> None:
        self._stale_tabs = {self.tracker_tab, self.response_tab}
        self._fill_findings_tab()

    @property
    def matrix(self) -> GradeTable:
        """The Overview tab's grade history, every question by cycle (built on first use)."""
        return self._build_overview() if self._matrix is None else self._matrix

    @property
    def matrix_model(self) -> GradeMatrixModel:
        """The Overview's grades (the tab is built on first use)."""
        if self._matrix is None:
            self._build_overview()
        return self._matrix_model

    def _build_overview(self) -> GradeTable:
        from peel_desktop.ui.grade_table import GradeTable
        from peel_desktop.ui.matrix_model import GradeMatrixModel

        model = self._matrix_model = GradeMatrixModel()
        model.set_board(self.board)
        # the questions' names wrap beside seven cycles at 1360 px; every grade shows whole
        table = GradeTable("Tackling serious and organised", wrap_names=True)
        table.setModel(model)
        table.setAccessibleName("Grade history")
        table.activated.connect(self._matrix_activated)
        table.clicked.connect(self._matrix_activated)
        self.overview_tab.layout().addWidget(table)
        table.show()  # at once, not on the next turn of the event loop
        self._matrix = table
        return table

    @property
    def forces_view(self) -> ForcesView:
        """The Compare forces tab's board: this question across every force (built on first
        use)."""
        if self._forces_view is None:
            from peel_desktop.ui.forces_view import ForcesView

            self._forces_view = ForcesView()
            self.forces_tab.layout().addWidget(self._forces_view)
            self._forces_view.show()
        return self._forces_view

    @property
    def tracker_view(self):
        """The findings tracker tab's view (built on first use)."""
        if self.tracker_tab.widget() is None:
            from peel_desktop.ui.tracker_view import TrackerView

            self.tracker_tab.setWidget(TrackerView(self))
        return self.tracker_tab.widget()

    @property
    def response_view(self):
        """The PCC's response tab's view (built on first use)."""
        if self.response_tab.widget() is None:
            from peel_desktop.ui.response_view import ResponseView

            self.response_tab.setWidget(ResponseView(self))
        return self.response_tab.widget()

    def _show_notice(self) -> None:
        assert self.board is not None
        notes = []
        notes += [f"◆ {_escape(note)}" for note in self.board.break_notes]
        for cycle, counts in self.board.stated_counts:
            stated = ", ".join(f"{g.replace('_', ' ')} in {n}" for g, n in counts)
            notes.append(f"PEEL {_escape(cycle)}: the imported source states only how many areas "
                         f"got each grade ({_escape(stated)}), not which; those grades are not "
                         "shown.")
        self.notice.setText("<br>".join(notes))
        self.notice.setVisible(bool(notes))

    def _show_progress(self) -> None:
        if not self.board:
            self.progress_label.setText("")
            return
        self.progress_label.setText(
            f"{self.board.reviewed} of {len(self.board.items)} reviewed")

    # -- stepping through -----------------------------------------------------------------
    def current_key(self) -> str | None:
        item = self.navigator_model.item(self.navigator.currentIndex())
        return item.key if item else None

    def go_to(self, key: str | None, column: int | None = None) -> None:
        if key is None:
            self.compare_view.clear()
            self.evidence.show_column("", None)
            return
        if column is not None:
            self.column = column
        index = self.navigator_model.index_of(key)
        self.navigator.setCurrentIndex(index)
        self.navigator.scrollTo(index)

    def step(self, offset: int) -> None:
        keys = self.navigator_model.ordered_keys()
        if not keys:
            return
        current = self.current_key()
        position = keys.index(current) + offset if current in keys else 0
        self.go_to(keys[max(0, min(position, len(keys) - 1))])

    def _item_selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        key = self.current_key()
        if key is None or self.board is None:
            return
        self.comparison = self._comparison_of(key)
        last = len(self.comparison.columns) - 1
        self.column = min(self.column, last) if self.column >= 0 else last
        self._show_comparison()
        self._prefetch_timer.start()  # (again: a key held down prepares nothing)

    def _comparison_of(self, key: str) -> Comparison:
        assert self.board is not None
        if key not in self._cache:
            if self._facts is None:
                self._facts = services.review.force_facts(self.ws, self.board.force_id)
            self._cache[key] = services.review.compare(self.ws, self.board, key, self._facts)
        return self._cache[key]

    def _prefetch(self) -> None:
        """The previous and next questions' comparisons, computed and laid out while the
        reviewer reads this one, so that stepping to either shows it at once."""
        keys = self.navigator_model.ordered_keys()
        current = self.current_key()
        if self.board is None or self.ws is None or current not in keys:
            return
        at = keys.index(current)
        for key in (keys[at + 1] if at + 1 < len(keys) else None,
                    keys[at - 1] if at > 0 else None):
            if key is None:
                continue
            try:
                comparison = self._comparison_of(key)
            except (sqlite3.Error, PeelError):
                # only a head start: the database closed meanwhile (the window closing, a
                # backup restored) or cannot be read, which stepping there will say itself
                return
            if self.tabs.currentWidget() is self.compare_view:
                self.compare_view.prepare(comparison)

    def _show_comparison(self) -> None:
        if self.comparison is None:
            return
        if self.tabs.currentWidget() is self.compare_view:
            self.compare_view.show_comparison(self.comparison, self.column)
        self.evidence.show_column(self.comparison.item.label, self.current_column())
        self.annotating.refresh()
        self._refresh_forces_tab()

    def current_column(self):
        """The comparison column (cycle) whose evidence is shown."""
        if self.comparison is None or not self.comparison.columns:
            return None
        return self.comparison.columns[self.column]

    def check_database(self, then: Callable[[], None] = lambda: None) -> None:
        """The integrity check a start left until the data was on screen (the file was as
        it had been left after passing it), in the background; ``then`` runs once it has
        passed — the daily backup, which must never copy a damaged file over good ones. A
        damaged file is refused as it is at start: closed untouched, a backup offered."""
        ws = self.ws
        if ws is None or ws.checked:
            then()
            return

        def checked(problem: str | None) -> None:
            if self.ws is not ws:
                return
            if problem is None:
                then()
                return
            from peel_desktop.ui.safety_dialogs import damaged_while_open

            if not damaged_while_open(self, problem, getattr(self, "dialog_answer", None)):
                from PySide6.QtWidgets import QApplication

                QApplication.exit(1)

        self.run_task(ws.check, checked, lambda error: checked(
            f"it cannot be read ({error})"))

    def backup_failed(self, error: BaseException) -> None:
        """The daily backup could not be taken: logged, and told once, with the reason (a
        reviewer must not believe restore points are made when they are not)."""
        from peel_desktop import support

        reason = (error.strerror if isinstance(error, OSError) and error.strerror
                  else str(error).rstrip(".") or type(error).__name__)
        support.setup().warning("daily backup not taken: %s (%s)", type(error).__name__,
                                reason)
        if getattr(self, "_backup_told", False):
            return
        self._backup_told = True
        self.report_problem(f"Today's backup could not be taken ({reason}). Your work is "
                            "saved as you go; only the restore point is missing — free some "
                            "disk space, or choose File → Restore from backup… to see the "
                            "backups held.", title="Backup not taken")

    def report_problem(self, message: str, title: str = "Not saved") -> None:
        """A change could not be made: say so (the status bar and a message box)."""
        from PySide6.QtWidgets import QMessageBox

        self.statusBar().showMessage(message, 15000)
        if not getattr(self, "quiet_problems", False):
            QMessageBox.warning(self, title, message)
        self.last_problem = message

    def annotations_changed(self) -> None:
        """An annotation was made, changed, deleted or restored: redraw what shows them."""
        self.annotating.refresh()

    def select_column(self, column: int) -> None:
        if self.comparison and 0 <= column < len(self.comparison.columns):
            self.column = column
            self._show_comparison()

    def set_status(self, status: str, *, advance: bool = False) -> None:
        """Record the current item's review status; the navigator redraws that row only."""
        key = self.current_key()
        if key is None or self.board is None:
            return
        if self.ws.read_only:
            return
        item = services.review.set_status(self.ws, self.board, key, status)
        self.board = self.board.with_item(item)
        self.navigator_model.update_item(item)
        if self._matrix is not None:
            self.matrix_model.board = self.board
        self._show_progress()
        if advance:
            self.step(+1)

    def toggle_flag(self) -> None:
        key = self.current_key()
        if key and self.board:
            flagged = self.board.item(key).status == "flagged"
            self.set_status("not_started" if flagged else "flagged")

    def _matrix_activated(self, index) -> None:
        if self.board is None or not index.isValid():
            return
        self.go_to(self.board.items[index.row()].key, column=index.column())
        self.tabs.setCurrentWidget(self.compare_view)

    def _refresh_forces_tab(self) -> None:
        if self.tabs.currentWidget() is not self.forces_tab or not self.comparison:
            return
        if self._boards is None:  # every force's board, made once until the data changes
            self._boards = services.review.force_boards(self.ws, self.reviewer)
        rows = services.review.compare_forces(self.ws, self.comparison.item.key, self.reviewer,
                                              self._boards)
        rows.sort(key=lambda row: row[0] != self.board.force)  # this force first
        self.forces_view.show_rows(self.comparison.item.label,
                                   [c.key for c in self.ws.framework.cycles], rows)

    # -- original page --------------------------------------------------------------------
    def open_original(self, evidence) -> None:
        from PySide6.QtWidgets import QMessageBox

        pdf = self.ws.path.parent / "originals" / evidence.original
        if not pdf.exists():
            QMessageBox.information(self, "Original page",
                                    "The original PDF of this report is no longer in the data "
                                    "folder.")
            return
        from peel_desktop.ui.original_page import OriginalPageDialog

        self.original_dialog = OriginalPageDialog(pdf, evidence, self)
        self.original_dialog.show()

    def load_default_data(self) -> None:
        """First start: import the bundled reports in the background, then show them."""
        self.empty.setText("Loading the default data: Leicestershire Police's inspection "
                           "history from the bundled HMICFRS reports…")
        db_path, framework = self.ws.path, self.ws.framework

        def op() -> int:
            worker = services.workspace.Workspace.open(db_path, framework=framework)
            try:
                return len(services.library.import_default_corpus(worker))
            finally:
                worker.close()

        def failed(error: Exception) -> None:
            self.empty.setText(f"The default data could not be loaded ({error}). Import "
                               "reports with File → Import reports….")

        self.run_task(op, lambda _n: self.reload_forces(), failed)

    # -- import ---------------------------------------------------------------------------
    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(
            self, "Import PEEL reports", str(Path.home()),
            "PEEL reports (*.pdf *.html *.htm *.txt);;All files (*)")
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path], *, review_each: bool = True):
        """Import files: each is read in the background, previewed for the reviewer to check
        and correct (unless ``review_each`` is False), then committed; the window redraws."""
        from peel_desktop.ui.import_flow import ImportFlow

        if self.ws is None:
            return None
        self.statusBar().showMessage(f"Importing {len(files)} file(s)…")
        self.flow = ImportFlow(self, self.ws.path, self.ws.framework, self.run_task, files,
                               review=review_each)
        self.flow.finished.connect(self._imported)
        self.flow.start()
        return self.flow

    def _imported(self, result) -> None:
        from PySide6.QtWidgets import QMessageBox

        done, problems = result
        fresh = [o for o in done if not o.duplicate]
        self.reload_forces()
        self.statusBar().showMessage(
            f"Imported {len(fresh)} report(s); {len(done) - len(fresh)} already held; "
            f"{len(problems)} not imported.", 10000)
        if problems:
            QMessageBox.warning(self, "Some files were not imported", "\n".join(problems))
        from peel_desktop.ui.reports_dialog import tell_replacement

        for outcome in fresh:
            if outcome.superseded:
                tell_replacement(self, outcome)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.import_files(files)

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from peel_desktop.ui.about import about_html

        QMessageBox.about(self, "About PEEL Desktop",
                          about_html(self.ws.path if self.ws else None, self.reviewer))


def _holder() -> QWidget:
    """A tab that holds one view, built when the tab is first shown."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder


def _scrolling() -> QScrollArea:
    """A tab whose view fills it; on a small screen it scrolls rather than squeezing."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
