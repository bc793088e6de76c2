"""The main window's menus, toolbar and keyboard shortcuts, in one place."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from peel_desktop.ui import icons, theme


class WindowActions(NamedTuple):
    """The window's menu and toolbar actions, by what they do."""

    import_files: QAction
    previous: QAction
    next: QAction
    reviewed_next: QAction
    flag: QAction
    previous_cycle: QAction
    next_cycle: QAction
    original: QAction
    undo: QAction
    redo: QAction
    remove_report: QAction
    annotate_words: QAction
    annotate_judgment: QAction
    annotate_question: QAction
    export: QAction
    find: QAction
    link_area: QAction


def _action(window: QMainWindow, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.NativeText)})"
                          if shortcut else tip)
    action.triggered.connect(slot)
    return action


def build_actions(w) -> WindowActions:
    """Create the window's actions, menus and toolbar; returns the actions tests drive."""
    a = WindowActions(
        import_files=_action(w, "&Import reports…", w.choose_files, QKeySequence.StandardKey.Open,
                             "Import PEEL reports: PDF, saved web page or text"),
        previous=_action(w, "&Previous question", lambda: w.step(-1), "Alt+Up",
                         "Go to the previous question"),
        next=_action(w, "&Next question", lambda: w.step(+1), "Alt+Down",
                     "Go to the next question"),
        reviewed_next=_action(w, "Mark &reviewed and go to next",
                              lambda: w.set_status("reviewed", advance=True), "Ctrl+Return",
                              "Mark this question reviewed and go to the next"),
        flag=_action(w, "&Flag for follow-up", w.toggle_flag, "Ctrl+Shift+L",
                     "Flag this question (or clear the flag)"),
        previous_cycle=_action(w, "Previous &cycle", lambda: w.select_column(w.column - 1),
                               "Alt+Left", "Show the evidence of the previous cycle"),
        next_cycle=_action(w, "Next c&ycle", lambda: w.select_column(w.column + 1), "Alt+Right",
                           "Show the evidence of the next cycle"),
        original=_action(w, "Show &original page", w.evidence._show, "Ctrl+Shift+P",
                         "Open the selected passage's page in the original PDF"),
        undo=w.annotating.stack.createUndoAction(w, "&Undo"),
        redo=w.annotating.stack.createRedoAction(w, "&Redo"),
        annotate_words=_action(w, "&Annotate selection…", w.evidence.annotate_selection,
                               "Ctrl+Shift+A", "Annotate the words selected in the evidence"),
        annotate_judgment=_action(w, "Annotate this cycle's &judgment…",
                                  w.annotating.annotate_judgment, "Ctrl+Shift+J",
                                  "Annotate the judgment of the selected cycle"),
        annotate_question=_action(w, "Your &overall view of the question…",
                                  w.annotating.annotate_question, "Ctrl+Shift+V",
                                  "Note your overall view of this question"),
        export=_action(w, "&Export briefing pack…", lambda: _export(w), "Ctrl+E",
                       "Write a meeting-ready briefing pack (PDF or Word)"),
        find=_action(w, "&Find…", lambda: w.search.focus(), QKeySequence.StandardKey.Find,
                     "Search reports, findings and notes"),
        link_area=_action(w, "&Link an area to a theme…", lambda: link_area(w), None,
                          "Place an area a report named, that the framework data does not "
                          "list, under a theme of the crosswalk"),
        remove_report=_action(w, "Re&move a report…", lambda: _remove_report(w), None,
                              "Remove a report imported by mistake, or undo an edition's "
                              "replacement; annotations are kept"),
    )
    a.undo.setShortcut(QKeySequence.StandardKey.Undo)
    # Ctrl+Shift+Z is the platform's own Redo on Linux: listing it twice made the key
    # "ambiguous" there, and it did nothing. Each sequence once, in the documented order.
    redo_keys = [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"),
                 *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
    a.redo.setShortcuts(list({k.toString(): k for k in redo_keys if not k.isEmpty()}.values()))
    file_menu = w.menuBar().addMenu("&File")
    file_menu.addAction(a.import_files)
    file_menu.addAction(a.remove_report)
    file_menu.addAction(a.export)
    file_menu.addSeparator()
    file_menu.addAction(_action(w, "&Export review bundle…", lambda: w.annotating.export_bundle(),
                                tip="Save your annotations and review status to share"))
    file_menu.addAction(_action(w, "Import a colleague's review &bundle…",
                                lambda: w.annotating.import_bundle(),
                                tip="Merge a colleague's annotations; nothing is overwritten"))
    file_menu.addAction(_action(w, "Your &name…", w.annotating.set_reviewer_name,
                                tip="The name your annotations and review status are kept under"))
    file_menu.addAction(_action(w, "&Restore from backup…", lambda: _restore(w),
                                tip="Put one of the automatic backups in place of your reviews"))
    file_menu.addSeparator()
    file_menu.addAction(_action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit))
    edit = w.menuBar().addMenu("&Edit")
    for action in (a.undo, a.redo, None, a.find, None, a.annotate_words, a.annotate_judgment,
                   a.annotate_question, None, a.link_area):
        edit.addSeparator() if action is None else edit.addAction(action)
    go = w.menuBar().addMenu("&Go")
    for action in (a.previous, a.next, a.reviewed_next, a.flag, None, a.previous_cycle,
                   a.next_cycle, a.original):
        go.addSeparator() if action is None else go.addAction(action)
    view = w.menuBar().addMenu("&View")
    for number, label in enumerate(("&Compare cycles", "&Overview", "Compare &forces",
                                    "Findings &tracker", "PCC's &response"), 1):
        view.addAction(_action(w, label, lambda _=False, n=number - 1: w.tabs.setCurrentIndex(n),
                               f"Ctrl+{number}"))
    view.addSeparator()
    view.addAction(w.navigator_dock.toggleViewAction())
    view.addAction(w.evidence_dock.toggleViewAction())
    view.addAction(w.annotating.dock.toggleViewAction())
    view.addAction(w.search_dock.toggleViewAction())
    appearance = view.addMenu("&Appearance")
    group = QActionGroup(w)
    chosen = str(w.settings.value("appearance", "system"))
    for key, label in (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark")):
        option = QAction(label, w, checkable=True)
        option.setChecked(key == chosen)
        option.triggered.connect(lambda _=False, k=key: _appearance(w, k))
        group.addAction(option)
        appearance.addAction(option)
    help_menu = w.menuBar().addMenu("&Help")
    help_menu.addAction(_action(w, "&About PEEL Desktop", w.about))
    for action, glyph in ((a.previous, "up"), (a.next, "down"), (a.reviewed_next, "reviewed"),
                          (a.flag, "flag"), (a.original, "page"), (a.import_files, "import"),
                          (a.export, "export")):
        action.setIcon(icons.icon(glyph))
    bar = QToolBar("Review", w)
    bar.setObjectName("reviewToolbar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.addWidget(w.force_box)
    bar.addSeparator()
    for action in (a.previous, a.next, a.reviewed_next, a.flag, a.original, a.import_files,
                   a.export):
        bar.addAction(action)
    w.addToolBar(bar)
    return a


def _remove_report(w) -> None:
    from peel_desktop.ui.reports_dialog import remove_report

    remove_report(w)


def _restore(w) -> None:
    from peel_desktop.ui.safety_dialogs import restore_from_backup

    restore_from_backup(w)


def _export(w) -> None:
    from peel_desktop.ui.export_dialog import export_pack

    export_pack(w)


def _appearance(w, key: str) -> None:
    w.settings.setValue("appearance", key)
    theme.apply(key)
    w.notice.setStyleSheet(theme.notice_sheet())
    w._show_comparison()


def link_area(w, key: str | None = None, theme: str | None = "") -> None:
    """Edit → Link an area to a theme…: choose an area a report named (``key``), then a
    theme (``theme``; None unlinks); undoable like an annotation."""
    from peel_desktop.domain import PeelError
    from peel_desktop.services import areas
    from peel_desktop.ui.choice_dialog import ChoiceDialog
    from peel_desktop.ui.undo import LinkAreaCommand

    if w.ws is None:
        return
    labels = {t.key: t.label for t in w.ws.framework.themes}
    named = areas.named_areas(w.ws)
    if key is None:
        dialog = ChoiceDialog(
            w, title="Link an area to a theme", action="&Choose theme…",
            list_name="Areas named by reports",
            intro="Areas the reports grade that the framework data does not list. Each is kept "
                  "under the name the report gives it; link it to a theme of the crosswalk to "
                  "compare it across cycles.",
            empty="No report you hold names such an area.",
            items=[(f"PEEL {a.cycle}: {a.title} — under "
                    f"{labels.get(a.theme or '', 'Other areas graded')}"
                    + (" (your link)" if a.linked_theme else " (by its name)" if a.theme else ""),
                    a.key) for a in named])
        if not dialog.exec() or dialog.chosen() is None:
            return
        key = dialog.chosen()
    if theme == "":
        dialog = ChoiceDialog(
            w, title="Link an area to a theme", action="&Link", list_name="Crosswalk themes",
            intro="The theme to compare this area under:",
            items=[(label, k) for k, label in labels.items()]
            + [("No link (back to the theme its name tells, or Other areas graded)", None)])
        if not dialog.exec():
            return
        theme = dialog.chosen()
    try:
        title = next(a.title for a in named if a.key == key)
    except StopIteration:
        w.report_problem("That area is no longer held.")
        return
    try:
        w.annotating.stack.push(LinkAreaCommand(
            f"Link {title} to {labels.get(theme, 'no theme')}", w, key, theme))
    except PeelError as error:
        w.report_problem(str(error))
