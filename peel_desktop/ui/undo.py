"""Undo and redo for annotations: each command holds the annotation before and after."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class AnnotationCommand(QUndoCommand):
    """Runs ``do`` once (it returns (before, after), before None for a creation); undo puts
    the annotation back as it was, redo as it became. Each step is committed at once, so undo
    works across autosaves and restarts of the command history alike."""

    def __init__(self, text: str, window, do: Callable[[], tuple]) -> None:
        super().__init__(text)
        self.window, self.do = window, do
        self.before = self.after = None

    def redo(self) -> None:
        from peel_desktop.domain import PeelError
        from peel_desktop.services import annotate

        try:
            if self.after is None:
                self.before, self.after = self.do()
            else:
                annotate.put_back(self.window.ws, self.after, author=self.window.reviewer)
        except PeelError as error:  # e.g. the disk is full: nothing changed, say so
            self.setObsolete(True)
            self.window.report_problem(str(error))
        self.window.annotations_changed()

    def undo(self) -> None:
        from peel_desktop.domain import PeelError
        from peel_desktop.services import annotate

        try:
            if self.before is None:  # it was created: undoing deletes it
                annotate.delete(self.window.ws, self.after.id, author=self.window.reviewer)
            else:
                annotate.put_back(self.window.ws, self.before, author=self.window.reviewer)
        except PeelError as error:
            self.setObsolete(True)
            self.window.report_problem(str(error))
        self.window.annotations_changed()
