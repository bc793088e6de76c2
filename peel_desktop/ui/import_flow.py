"""Importing files from the window: read in the background with progress and cancel, let
the reviewer check and correct the preview, then commit in the background."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from peel_desktop.domain import PeelError
from peel_desktop.framework import Framework
from peel_desktop.importers import Cancelled, Monitor
from peel_desktop.services import imports, library
from peel_desktop.services.imports import CommitOutcome, Corrections, Preview
from peel_desktop.services.workspace import Workspace
from peel_desktop.ui.import_dialog import SKIP, ImportPreviewDialog

Runner = Callable[[Callable, Callable, Callable], None]


class _Progress(Monitor):
    """Thread-safe bridge: the worker records pages read, the main thread reads them on a
    timer; the dialog's Cancel stops the worker. No Qt object is touched by the worker."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int] | None = None

    def step(self, done: int, total: int) -> None:
        with self._lock:
            self._latest = (done, total)

    def latest(self) -> tuple[int, int] | None:
        with self._lock:
            return self._latest

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()


class ImportFlow(QObject):
    """One batch of files: preview → review → commit, file after file.

    ``finished`` carries (outcomes, problems) when the batch is over; problems are one
    sentence each.
    """

    finished = Signal(object)

    def __init__(self, parent: QWidget, db_path: Path, framework: Framework, runner: Runner,
                 files: list[Path], *, review: bool = True) -> None:
        super().__init__(parent)
        self.window, self.db_path, self.framework = parent, db_path, framework
        self.run_task, self.files, self.review = runner, list(files), review
        self.outcomes: list[CommitOutcome] = []
        self.problems: list[str] = []
        self.dialog: ImportPreviewDialog | None = None
        self.progress: QProgressDialog | None = None
        self.monitor: _Progress | None = None
        self.backed_up = False
        self.progress_timer = QTimer(self)
        self.progress_timer.setInterval(100)
        self.progress_timer.timeout.connect(self._advance)

    # -- the loop -----------------------------------------------------------------------
    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        if not self.files:
            self.finished.emit((self.outcomes, self.problems))
            return
        self._read(self.files.pop(0), Corrections())

    def _read(self, path: Path, corrections: Corrections) -> None:
        monitor = _Progress()
        self.progress = QProgressDialog(f"Reading {path.name}…", "Cancel", 0, 0, self.window)
        self.progress.setWindowTitle("Importing")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.canceled.connect(monitor.cancel)
        self.monitor = monitor
        self.progress_timer.start()

        def op() -> Preview:
            ws = Workspace.open(self.db_path, framework=self.framework)
            try:
                return imports.preview(ws, path, corrections, monitor)
            finally:
                ws.close()

        self.run_task(op, lambda p: self._previewed(path, p), lambda e: self._failed(path, e))

    def _advance(self) -> None:
        latest = self.monitor.latest() if self.monitor else None
        if self.progress and latest:
            done, total = latest
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _close_progress(self) -> None:
        self.progress_timer.stop()
        self.monitor = None
        if self.progress:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _previewed(self, path: Path, preview: Preview) -> None:
        self._close_progress()
        if preview.duplicate_of or not self.review:
            self._commit(preview, Corrections())
            return
        if self.dialog is None:
            self.dialog = ImportPreviewDialog(self.framework, preview, self.window)
            self.dialog.recheck.connect(lambda c: self._reread(path, c))
            self.dialog.finished.connect(lambda result: self._reviewed(result))
            self.dialog.open()
        else:
            self.dialog.set_preview(preview)

    def _reread(self, path: Path, corrections: Corrections) -> None:
        self._read(path, corrections)

    def _reviewed(self, result: int) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if result == QDialog.DialogCode.Accepted:
            # The dialog is kept, hidden, until the report is stored: a refused import
            # reopens it with every correction the reviewer made.
            self._commit(dialog.preview, dialog.corrections(), dialog)
            return
        self._drop_dialog()
        if result != SKIP:
            self.files.clear()
        self._next()

    def _commit(self, preview: Preview, corrections: Corrections,
                dialog: ImportPreviewDialog | None = None) -> None:
        first = not self.backed_up and not preview.duplicate_of
        self.backed_up = self.backed_up or first

        def op() -> CommitOutcome:
            if first:  # one backup before the batch's first write
                library.backup(self.db_path, "before import")
            ws = Workspace.open(self.db_path, framework=self.framework)
            try:
                return imports.commit(ws, preview, corrections)
            finally:
                ws.close()

        def done(outcome: CommitOutcome) -> None:
            self._drop_dialog()
            self.outcomes.append(outcome)
            self._next()

        def refused(error: Exception) -> None:
            if dialog is not None and isinstance(error, PeelError):
                dialog.show_problem(str(getattr(error, "reason", error)))
                dialog.open()
                return
            self._drop_dialog()
            self._failed(Path(preview.extracted.file_name), error)

        self.run_task(op, done, refused)

    def _drop_dialog(self) -> None:
        """The preview is done with (imported, skipped, cancelled or failed for good)."""
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _failed(self, path: Path, error: Exception) -> None:
        self._close_progress()
        if isinstance(error, Cancelled):
            message = f"{path.name}: import cancelled; nothing was written."
            self.files.clear()
        elif isinstance(error, PeelError):
            message = str(error)
        else:
            from peel_desktop.storage.writes import why

            said = why(error) if isinstance(error, OSError) else type(error).__name__
            message = f"{path.name}: the import failed ({said}); nothing was written."
        if self.dialog is not None:  # a correction could not be applied: keep reviewing
            self.dialog.show_problem(str(getattr(error, "reason", error)))
            return
        self.problems.append(message)
        self._next()
