"""When the database cannot be opened normally, and restoring a backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from peel_desktop import paths
from peel_desktop.ui.choice_dialog import ChoiceDialog


class RestoreDialog(ChoiceDialog):
    """The backups of a database, newest first, with what each holds."""

    def __init__(self, db_path: Path, parent=None, *, intro: str = "") -> None:
        from peel_desktop.storage import safety

        super().__init__(
            parent, title="Restore from backup", list_name="Backups",
            intro=intro or ("Choose a backup to put in place of your reviews now. Your "
                            "current database is kept beside it, not deleted."),
            items=[(b.summary, b.path) for b in safety.list_backups(db_path)],
            action="&Restore this backup", empty="There are no backups yet.", pick_first=True)
        self.restore_button = self.action_button


def open_for_app(db_path: Path | None, parent, ask=None):
    """Open the reviewer's database for the window; returns (workspace, fresh) or None.

    A database open in another copy of the app is offered read-only; a damaged one is left
    untouched and the latest good backup is offered. ``ask`` answers the questions in tests.
    """
    from peel_desktop.services import library
    from peel_desktop.storage import safety

    path = Path(db_path or paths.default_db_path())
    fresh = library.wants_default_data(db_path)
    try:
        return library.open_user_workspace(db_path, seed=False, lock=True,
                                           check_later=True), fresh
    except safety.DatabaseInUse as error:
        if _ask(parent, ask, "Open read-only?", f"{error}\n\nOpen it read-only, to read and "
                "search without changing anything?"):
            return library.open_user_workspace(db_path, seed=False, read_only=True,
                                               check_later=True), False
        return None
    except safety.DatabaseDamaged as error:
        if not _restore_chosen(path, parent, error, ask):
            return None
        return library.open_user_workspace(db_path, seed=False, lock=True), False


def _restore_chosen(path: Path, parent, error, ask) -> bool:
    """Offer the latest good backup in place of a damaged database; True when one was put
    in place (the damaged file kept beside it)."""
    from peel_desktop.storage import safety

    dialog = RestoreDialog(path, parent, intro=f"{error}\n\nRestore the latest good "
                           "backup? The damaged file is kept beside it, not deleted.")
    if ask is not None:
        accepted = ask("Restore from backup", str(error)) and dialog.list.count() > 0
    else:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    chosen = dialog.chosen() if accepted else None
    dialog.deleteLater()
    if chosen is None:
        return False
    safety.restore(path, chosen)
    return True


def damaged_while_open(window, problem: str, ask=None) -> bool:
    """The check a start left until the data was shown found the file damaged: it is closed
    at once, untouched, and refused as at start — the latest good backup is offered in its
    place. Returns True when a backup now shows; False when the reviewer declined (the
    window closes; the damaged file stays as it is)."""
    from peel_desktop.storage import safety

    path, framework = window.ws.path, window.ws.framework
    window.ws.close()
    window.ws = None
    if not _restore_chosen(path, window, safety.DatabaseDamaged(path, problem), ask):
        window.close()
        return False
    _reopen(window, path, framework, "The damaged database was put aside and the latest good "
            "backup restored in its place.", 15000)
    return True


def _reopen(window, path: Path, framework, message: str, shown_ms: int) -> None:
    """The database at ``path``, just put in place, shown in the window, and said so."""
    from peel_desktop.services.workspace import Workspace

    window.attach(Workspace.open(path, framework=framework, lock=True))
    window.data_shown()  # (the window was on screen already)
    window.statusBar().showMessage(message, shown_ms)


def _ask(parent, ask, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    if ask is not None:
        return ask(title, text)
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes
                                  | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def restore_from_backup(window) -> None:
    """File → Restore from backup: put a backup in place of the open database."""
    from peel_desktop.storage import safety

    if window.ws is None:
        return
    dialog = RestoreDialog(window.ws.path, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
        return
    path, framework, chosen = window.ws.path, window.ws.framework, dialog.chosen()
    safety.take_backup(path, "before restore")
    window.ws.close()
    safety.restore(path, chosen)
    _reopen(window, path, framework, f"Restored {chosen.name}; the database it replaced is "
            "kept beside it.", 10000)
