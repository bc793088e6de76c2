"""Annotating from the window: dialogs, the annotations dock, undo, highlights, bundles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from peel_desktop.domain import PeelError
from peel_desktop.ui.annotations_panel import AnnotationsPanel
from peel_desktop.ui.undo import AnnotationCommand


def _annotate():
    from peel_desktop.services import annotate

    return annotate


def _dialogs():
    """The annotation and history dialogs, loaded when one is first opened."""
    from peel_desktop.ui import annotation_dialog

    return annotation_dialog


def _bundle():
    from peel_desktop.services import bundle

    return bundle


class Annotating(QObject):
    """Owns the undo stack and the annotations dock of a main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.stack = QUndoStack(window)
        self.panel = AnnotationsPanel()
        self.dock = QDockWidget("Annotations", window)
        self.dock.setObjectName("annotationsDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.splitDockWidget(window.evidence_dock, self.dock, Qt.Orientation.Horizontal)
        self.panel.jump.connect(self.jump)
        self.panel.edit.connect(self.edit)
        self.panel.remove.connect(self.remove)
        self.panel.history.connect(self.show_history)
        window.evidence.annotate.connect(self.annotate_words)
        window.compare_view.finding_chosen.connect(self.annotate_finding)
        self.panel.reanchor.connect(self.reanchor)
        self.dialog_hook = None  # tests answer dialogs through this
        self._held: tuple[tuple, list] | None = None  # (what they were read for, annotations)

    # -- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the dock and the highlights from the database (after any change)."""
        window = self.window
        if window.ws is None or window.board is None:
            self.panel.show_annotations([])
            return
        every = self._of_force(window.ws, window.board.force_id)
        key = window.current_key()
        self.panel.show_annotations([a for a in every if a.item_key == key])
        window.evidence.set_highlights(every)
        lost = [a for a in every if a.anchor == "lost"]
        self.dock.setWindowTitle(f"Annotations ({len(lost)} not anchored)" if lost
                                 else "Annotations")

    def _of_force(self, ws, force_id: int) -> list:
        """The force's annotations, read again only when the database has changed since, by
        this window or anyone else (a question switch reads none: a reviewer's hundreds of
        notes were read at every switch)."""
        key = (ws, force_id, ws.db.version())
        if self._held is None or self._held[0] != key:
            annotate = _annotate()
            self._held = (key, annotate.for_force(ws, force_id))
        return self._held[1]

    def _ask(self, dialog: QDialog) -> bool:
        if self.dialog_hook is not None:
            return self.dialog_hook(dialog)
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- creating -------------------------------------------------------------------------
    def annotate_words(self, evidence, start: int, end: int) -> None:
        annotate = _annotate()
        window = self.window
        from peel_desktop.ui.evidence_view import citation

        dialog = _dialogs().AnnotationDialog(evidence.text[start:end], citation(evidence),
                                  annotate.tags_in_use(window.ws), window)
        if not self._ask(dialog):
            return
        values = dialog.values()
        self.stack.push(AnnotationCommand(
            "Annotate", window,
            lambda: (None, annotate.annotate_passage(
                window.ws, passage_id=evidence.passage_id, start=start, end=end,
                author=window.reviewer, **values))))

    def annotate_judgment(self) -> None:
        window = self.window
        column = window.current_column()
        if column is None or not column.judgments:
            self._tell("This cycle states no judgment for the question to annotate.")
            return
        j = column.judgments[0]
        self._annotate_item("judgment", column.cell.cycle, j["source"]["quote"],
                            f"{window.comparison.item.label}, PEEL {column.cell.cycle}: "
                            f"{column.cell.words}", judgment_id=j["id"],
                            report_id=j["report_id"])

    def annotate_finding(self, column_index: int, index: int) -> None:
        window = self.window
        column = window.comparison.columns[column_index]
        finding = column.findings[index]
        kind = finding["kind"].replace("_", " ").capitalize()
        self._annotate_item("finding", column.cell.cycle, finding["text"],
                            f"{kind}, PEEL {column.cell.cycle}", finding_id=finding["id"],
                            report_id=finding["report_id"])

    def reanchor(self, a) -> None:
        """Attach an annotation to the words now selected in the evidence (undoable)."""
        annotate = _annotate()
        window = self.window
        found = window.evidence.selection()
        if found is None:
            self._tell("Select the words in the evidence to attach the annotation to, then "
                       "choose Re-anchor.")
            return
        evidence, start, end = found
        text = evidence.text
        values = {"report_id": evidence.report_id, "passage_id": evidence.passage_id,
                  "start": start, "end": end, "quote": text[start:end],
                  "before": text[max(0, start - annotate.CONTEXT):start],
                  "after": text[end:end + annotate.CONTEXT], "anchor": "reanchored"}
        self.stack.push(AnnotationCommand(
            "Re-anchor annotation", window,
            lambda: annotate.change(window.ws, a.id, author=window.reviewer, action="reanchor",
                                    **values)))

    def annotate_question(self) -> None:
        window = self.window
        if window.comparison is None:
            return
        self._annotate_item("question", None, "", f"Your overall view of "
                            f"{window.comparison.item.label}")

    def _annotate_item(self, target: str, cycle, quote: str, where: str, **ids) -> None:
        annotate = _annotate()
        window = self.window
        dialog = _dialogs().AnnotationDialog(quote, where, annotate.tags_in_use(window.ws), window)
        if not self._ask(dialog):
            return
        values = dialog.values()
        key = window.current_key()
        self.stack.push(AnnotationCommand(
            "Annotate", window,
            lambda: (None, annotate.annotate_item(
                window.ws, force_id=window.board.force_id, target=target, item_key=key,
                cycle=cycle, author=window.reviewer, quote=quote, **ids, **values))))

    # -- changing -------------------------------------------------------------------------
    def edit(self, a) -> None:
        annotate = _annotate()
        window = self.window
        dialog = _dialogs().AnnotationDialog(a.quote, a.report or "Your overall view",
                                  annotate.tags_in_use(window.ws), window, note=a.note,
                                  tags=a.tags, rag=a.rag, key_evidence=a.key_evidence,
                                  ask_chief=a.ask_chief, title="Edit annotation")
        if not self._ask(dialog):
            return
        values = dialog.values()
        self.stack.push(AnnotationCommand(
            "Edit annotation", window,
            lambda: annotate.change(window.ws, a.id, author=window.reviewer, **values)))

    def remove(self, a) -> None:
        annotate = _annotate()
        window = self.window
        self.stack.push(AnnotationCommand(
            "Delete annotation", window,
            lambda: annotate.delete(window.ws, a.id, author=window.reviewer)))
        window.statusBar().showMessage("Annotation deleted (Ctrl+Z to undo).", 8000)

    def show_history(self, a) -> None:
        annotate = _annotate()
        self.history_dialog = _dialogs().HistoryDialog(annotate.history(self.window.ws, a.id),
                                                       self.window)
        self.history_dialog.show()

    def jump(self, a) -> None:
        """Show the annotation in place: its question, cycle and highlighted words."""
        window = self.window
        if a.item_key and a.item_key != window.current_key():
            window.go_to(a.item_key)
        if a.cycle and window.comparison:
            cycles = [c.cell.cycle for c in window.comparison.columns]
            if a.cycle in cycles:
                window.select_column(cycles.index(a.cycle))
        if a.passage_id is not None:
            index = window.evidence.index_of(a.passage_id)
            if index is not None:
                window.evidence.choose(index)
                window.evidence.select_words(a.passage_id, a.start, a.end)
        window.evidence_dock.raise_()

    def _tell(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    # -- reviewer and bundles -----------------------------------------------------------
    def set_reviewer_name(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        window = self.window
        name, ok = QInputDialog.getText(window, "Your name", "Annotations and review status are "
                                        "recorded under this name:", text=window.reviewer)
        if not ok or not name.strip() or name.strip() == window.reviewer:
            return
        old, new = window.reviewer, name.strip()
        moved = 0
        if window.ws is not None and not window.ws.read_only:
            from peel_desktop.services import review

            moved = review.rename_reviewer(window.ws, old=old, new=new)
        window.reviewer = new
        window.settings.setValue("reviewer", new)
        window.reload_forces()
        window.statusBar().showMessage(
            f"Your work is now recorded as {new}; your review progress ({moved} question"
            f"{'' if moved == 1 else 's'} reviewed or flagged) moved with the name.", 10000)

    def export_bundle(self, path: Path | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog

        bundle = _bundle()
        window = self.window
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(window, "Export review bundle",
                                                    str(Path.home() / "review.peelreview"),
                                                    "Review bundles (*.peelreview)")
            if not chosen:
                return
            path = Path(chosen)
        count = bundle.export(window.ws, path, author=window.reviewer)
        window.statusBar().showMessage(f"Exported {count} annotations to {path.name}.", 8000)

    def import_bundle(self, path: Path | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        bundle = _bundle()
        window = self.window
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(window, "Import a colleague's review bundle",
                                                    str(Path.home()),
                                                    "Review bundles (*.peelreview);;All files (*)")
            if not chosen:
                return
            path = Path(chosen)
        try:
            result = bundle.merge(window.ws, path, author=window.reviewer)
        except PeelError as error:
            QMessageBox.warning(window, "Review bundle not imported", str(error))
            return
        window.reload_forces()
        window.statusBar().showMessage(
            f"{path.name}: {result.added} added, {result.updated} updated, "
            f"{result.conflicts} conflicts.", 10000)
        if result.conflicts:
            self.conflicts_dialog = ConflictsDialog(self, window)
            self.conflicts_dialog.show()


class ConflictsDialog(QDialog):
    """Annotations edited on both sides: keep mine or take theirs, one by one."""

    def __init__(self, annotating: Annotating, parent=None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        super().__init__(parent)
        self.annotating = annotating
        self.setWindowTitle("Edited by you and by a colleague")
        self.list = QListWidget()
        self.list.setAccessibleName("Conflicts")
        self.list.setWordWrap(True)
        mine = QPushButton("Keep &mine")
        theirs = QPushButton("Take &theirs")
        mine.clicked.connect(lambda: self.resolve("mine"))
        theirs.clicked.connect(lambda: self.resolve("theirs"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(mine, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(theirs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Nothing was overwritten. Choose which version to keep:"))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self.fill()

    def fill(self) -> None:
        bundle = _bundle()
        self.list.clear()
        for c in bundle.conflicts(self.annotating.window.ws):
            # who made theirs is what the bundle claims; this app cannot check it
            item = QListWidgetItem(f"Yours: “{c['mine_note']}”\nFrom {c['bundle']}, made by "
                                   f"{c['their_author']} (as the bundle says): "
                                   f"“{c['their_note']}”")
            item.setData(Qt.UserRole, c["id"])
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def resolve(self, keep: str) -> None:
        bundle = _bundle()
        item = self.list.currentItem()
        if item is None:
            return
        window = self.annotating.window
        bundle.resolve(window.ws, item.data(Qt.UserRole), keep=keep, author=window.reviewer)
        window.annotations_changed()
        self.fill()
