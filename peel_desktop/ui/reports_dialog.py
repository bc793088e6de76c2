"""Removing a report, and undoing the replacement of an earlier edition.

Both go through the editions service: annotations are moved back to the earlier edition or
kept unanchored, never deleted, and a backup is taken first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from peel_desktop.ui.choice_dialog import ChoiceDialog


def _services():
    from peel_desktop.services import editions, library

    return editions, library


class RemoveReportDialog(ChoiceDialog):
    """The current reports, each with its annotations; removing one asks first."""

    def __init__(self, reports: list[dict], parent=None) -> None:
        super().__init__(
            parent, title="Remove a report", list_name="Reports held", action="&Remove report…",
            intro="Remove a report imported by mistake. Its annotations are kept: they move "
                  "back to the edition it replaced, or stay listed as unanchored. A backup is "
                  "taken first.",
            items=[(_label(r), r) for r in reports], size=(720, 380))
        self.remove_button = self.action_button


def _label(report: dict) -> str:
    notes = report["annotations"]
    extra = ", replaces an earlier edition" if report["replaced"] else ""
    return (f"{report['title']} — {report['source_name']}, imported "
            f"{report['imported_at'][:10]}; {notes} annotation{'' if notes == 1 else 's'}"
            f"{extra}")


def consequence(report: dict) -> str:
    """What removing this report will do, in a sentence or two."""
    notes = report["annotations"]
    text = f"Remove “{report['title']}” ({report['source_name']})?"
    if report["replaced"]:
        text += (" The earlier edition it replaced becomes current again; annotations move "
                 "back to its words where it has them.")
    if notes:
        text += (f" {notes} annotation{'s are' if notes != 1 else ' is'} kept"
                 + (" (any whose words the earlier edition lacks stay unanchored)."
                    if report["replaced"] else ", listed as unanchored."))
    return text


def remove_report(window, report_id: int | None = None, *, confirm=None) -> bool:
    """Ask which report (unless given) and whether to remove it; True when it was removed.
    ``confirm(text)`` answers the question in tests."""
    editions, library = _services()
    if window.ws is None or window.ws.read_only:
        return False
    reports = editions.current_reports(window.ws)
    if report_id is None:
        dialog = RemoveReportDialog(reports, window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.chosen() if accepted else None
        dialog.deleteLater()
        if chosen is None:
            return False
    else:
        chosen = next((r for r in reports if r["id"] == report_id), None)
        if chosen is None:
            return False
    question = consequence(chosen)
    if confirm is not None:
        if not confirm(question):
            return False
    elif QMessageBox.question(window, "Remove a report", question) \
            != QMessageBox.StandardButton.Yes:
        return False
    library.backup(window.ws.path, "before removing a report")
    removal = editions.remove_report(window.ws, chosen["id"], author=window.reviewer)
    window.reload_forces()
    said = f"Removed {removal.title}."
    if removal.restored:
        said += f" {removal.restored} is current again ({removal.moved_back} annotations back)."
    if removal.unanchored:
        said += f" {removal.unanchored} annotations kept, unanchored."
    window.statusBar().showMessage(said, 12000)
    return True


def tell_replacement(window, outcome) -> QMessageBox:
    """After an edition replaced an earlier one: say what moved, and offer to undo it."""
    text = (f"“{outcome.title}” replaced the earlier edition. {outcome.reanchored} "
            f"annotation{'s' if outcome.reanchored != 1 else ''} moved to the new edition")
    text += (f"; {outcome.lost} left unanchored (listed in the Annotations panel, not deleted)."
             if outcome.lost else ".")
    box = QMessageBox(QMessageBox.Icon.Information, "Edition replaced", text,
                      QMessageBox.StandardButton.Ok, window)
    undo = box.addButton("&Undo replacement", QMessageBox.ButtonRole.ResetRole)
    box.setEscapeButton(QMessageBox.StandardButton.Ok)  # Esc and the title bar close it
    box.setObjectName("replacementNotice")

    def clicked(button) -> None:
        if button is undo:
            remove_report(window, outcome.report_id, confirm=lambda _text: True)

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    window.replacement_notice = box
    return box
