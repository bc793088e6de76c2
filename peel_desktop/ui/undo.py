"""Undo and redo for annotations (each command holds the annotation before and after) and
for links of areas reports named to crosswalk themes."""

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


class LinkAreaCommand(QUndoCommand):
    """Link an area a report named to a theme; undo puts its link back as it was."""

    def __init__(self, text: str, window, key: str, theme: str | None) -> None:
        super().__init__(text)
        self.window, self.key, self.theme = window, key, theme
        self.before = None

    def redo(self) -> None:
        from peel_desktop.domain import PeelError
        from peel_desktop.services import areas

        try:
            was = areas.link(self.window.ws, self.key, self.theme, author=self.window.reviewer)
            self.before = self.before or was
        except PeelError as error:
            self.setObsolete(True)
            self.window.report_problem(str(error))
        self._redraw()

    def undo(self) -> None:
        from peel_desktop.domain import PeelError
        from peel_desktop.services import areas

        try:
            if self.before is not None:
                areas.put_back(self.window.ws, self.before)
        except PeelError as error:
            self.setObsolete(True)
            self.window.report_problem(str(error))
        self._redraw()

    def _redraw(self) -> None:
        board = self.window.board
        self.window.reload_forces(board.force if board else None)
