"""Annotating evidence in the window: select, note, highlight, undo, filter, reopen."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor

from peel_desktop.services import annotate
from peel_desktop.services.workspace import Workspace
from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import run_synchronously

WORDS = "we reviewed 60 files from recent investigations"


def answer(window, **values):
    """Let the next annotation dialogs be filled in and saved as a reviewer would."""

    def fill(dialog):
        if "note" in values:
            dialog.note.setPlainText(values["note"])
        if "tags" in values:
            dialog.tags.setText(values["tags"])
        if "rag" in values:
            dialog.rag.setCurrentIndex(dialog.rag.findData(values["rag"]))
        dialog.key_evidence.setChecked(values.get("key_evidence", False))
        dialog.ask_chief.setChecked(values.get("ask_chief", False))
        return True

    window.annotating.dialog_hook = fill


def select_with_keyboard(qtbot, window, words: str) -> None:
    """Put the caret before the words, then Shift+Right across them, in the real widget."""
    text = window.evidence.text
    document = text.document().toPlainText()
    at = document.index(words)
    cursor = text.textCursor()
    cursor.setPosition(at)
    text.setTextCursor(cursor)
    text.setFocus()
    for _ in range(len(words)):
        qtbot.keyClick(text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert text.textCursor().selectedText() == words


def open_investigating(open_window, ws):
    window = open_window(ws)
    window.go_to("theme:investigation")
    window.select_column(3)  # PEEL 2018/19
    index = next(i for i, e in enumerate(window.evidence.passages) if WORDS in e.text)
    window.evidence.choose(index)
    return window


def test_select_annotate_and_see_the_highlight(open_window, seeded_ws, qtbot):
    window = open_investigating(open_window, seeded_ws)
    select_with_keyboard(qtbot, window, WORDS)
    answer(window, note="8 of 60 files fell short: ask why", tags="concern, follow up",
           rag="amber", key_evidence=True)
    qtbot.keyClick(window.evidence.text, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    [made] = window.annotating.panel.all
    assert (made.quote, made.rag, made.tags, made.key_evidence) == (
        WORDS, "amber", ("concern", "follow up"), True)
    assert [w for _p, w in window.evidence.highlighted_ranges()] == [WORDS]
    item = window.annotating.panel.list.item(0).text()
    assert item.startswith("[AMBER] PEEL 2018/19 “we reviewed 60 files")
    assert "8 of 60 files fell short" in item


def test_undo_and_redo_with_the_keyboard(open_window, seeded_ws, qtbot):
    window = open_investigating(open_window, seeded_ws)
    select_with_keyboard(qtbot, window, WORDS)
    answer(window, note="first")
    window.actions_.annotate_words.trigger()
    made = window.annotating.panel.all[0]
    answer(window, note="second")
    window.annotating.edit(made)
    assert window.annotating.panel.all[0].note == "second"
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.navigator, Qt.Key.Key_Z, ctrl)
    assert window.annotating.panel.all[0].note == "first"
    qtbot.keyClick(window.navigator, Qt.Key.Key_Z, ctrl)
    assert window.annotating.panel.all == []
    assert window.evidence.highlighted_ranges() == []
    qtbot.keyClick(window.navigator, Qt.Key.Key_Z, ctrl | shift)
    assert [a.note for a in window.annotating.panel.all] == ["first"]
    assert [w for _p, w in window.evidence.highlighted_ranges()] == [WORDS]
    qtbot.keyClick(window.navigator, Qt.Key.Key_Z, ctrl | shift)
    assert window.annotating.panel.all[0].note == "second"
    actions = [h["action"] for h in annotate.history(seeded_ws, made.id)]
    assert actions == ["create", "edit", "edit", "delete", "restore", "edit"]


def test_delete_asks_nothing_and_undo_restores(open_window, seeded_ws, qtbot):
    window = open_investigating(open_window, seeded_ws)
    select_with_keyboard(qtbot, window, WORDS)
    answer(window, note="to delete")
    window.actions_.annotate_words.trigger()
    panel = window.annotating.panel
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert panel.all == []
    window.actions_.undo.trigger()
    assert [a.note for a in panel.all] == ["to delete"]


def test_filters_and_jumping_to_the_words(open_window, seeded_ws, qtbot):
    window = open_investigating(open_window, seeded_ws)
    select_with_keyboard(qtbot, window, WORDS)
    answer(window, note="a", tags="concern", rag="red", ask_chief=True)
    window.actions_.annotate_words.trigger()
    answer(window, note="b", tags="positive", rag="green")
    window.actions_.annotate_judgment.trigger()
    answer(window, note="overall: improving", tags="progress")
    window.actions_.annotate_question.trigger()
    panel = window.annotating.panel
    assert len(panel.shown()) == 3
    panel.tag.setCurrentIndex(panel.tag.findData("concern"))
    assert [a.note for a in panel.shown()] == ["a"]
    panel.tag.setCurrentIndex(0)
    panel.rag.setCurrentIndex(panel.rag.findData("green"))
    assert [a.target for a in panel.shown()] == ["judgment"]
    panel.rag.setCurrentIndex(0)
    panel.flag.setCurrentIndex(panel.flag.findData("ask_chief"))
    assert [a.note for a in panel.shown()] == ["a"]
    panel.flag.setCurrentIndex(0)
    window.go_to("pillar:efficiency")
    assert panel.all == []  # another question's annotations
    window.go_to("theme:investigation")
    words = next(a for a in panel.all if a.target == "passage")
    window.select_column(0)
    window.annotating.jump(words)
    assert window.comparison.columns[window.column].cell.cycle == "2018/19"
    assert window.evidence.text.textCursor().selectedText() == WORDS


def test_everything_is_there_after_closing_and_reopening(open_window, seeded_db_path,
                                                         settings_file, qtbot):
    ws = Workspace.open(seeded_db_path)
    window = open_investigating(open_window, ws)
    select_with_keyboard(qtbot, window, WORDS)
    answer(window, note="kept 🚓 <b>&</b>", tags="follow up")
    window.actions_.annotate_words.trigger()
    window.close()
    ws.close()
    again_ws = Workspace.open(seeded_db_path)
    again = MainWindow(again_ws, run_synchronously,
                       QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.go_to("theme:investigation")
    assert [(a.note, a.tags) for a in again.annotating.panel.all] == [
        ("kept 🚓 <b>&</b>", ("follow up",))]
    again.close()
    again_ws.close()


def test_history_shows_who_changed_what(open_window, seeded_ws, qtbot):
    window = open_investigating(open_window, seeded_ws)
    select_with_keyboard(qtbot, window, WORDS)
    answer(window, note="before")
    window.actions_.annotate_words.trigger()
    made = window.annotating.panel.all[0]
    answer(window, note="after", rag="red")
    window.annotating.edit(made)
    window.annotating.show_history(window.annotating.panel.all[0])
    dialog = window.annotating.history_dialog
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    assert "create" in text and "edit" in text
    assert "note: before → after" in text and "RAG: None → red" in text
    dialog.close()


def test_selection_across_two_passages_is_refused(open_window, seeded_ws):
    window = open_investigating(open_window, seeded_ws)
    text = window.evidence.text
    cursor = text.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    window.actions_.annotate_words.trigger()
    assert window.annotating.panel.all == []
    assert "within one passage" in window.evidence.message


def test_a_colleagues_bundle_with_a_conflict_is_resolved_in_the_window(
        open_window, seeded_db_path, tmp_path, qtbot):
    import shutil

    from peel_desktop.services import bundle, notes

    ana = Workspace.open(seeded_db_path)
    force = ana.db.execute("SELECT id FROM forces WHERE key='leicestershire'").fetchone()[0]
    place = notes.anchor_quote(ana, force, "2018/19", WORDS)
    made = annotate.annotate_passage(ana, passage_id=place["id"], start=place["start"],
                                     end=place["end"], author="ana", note="shared")
    ana.db.execute("PRAGMA wal_checkpoint(FULL)")
    shutil.copy(seeded_db_path, tmp_path / "ben.sqlite")
    ben = Workspace.open(tmp_path / "ben.sqlite")
    annotate.change(ben, made.id, author="Ben O'Neil & Co", note="ben's words")
    bundle.export(ben, tmp_path / "ben.peelreview", author="Ben O'Neil & Co")
    annotate.change(ana, made.id, author="ana", note="ana's words")
    window = open_window(ana)
    window.annotating.import_bundle(tmp_path / "ben.peelreview")
    dialog = window.annotating.conflicts_dialog
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert "Yours: “ana's words”" in dialog.list.item(0).text()
    # the list shows plain text: a name is shown as it was written, not as HTML
    assert "made by Ben O'Neil & Co (as the bundle says)" in dialog.list.item(0).text()
    dialog.resolve("theirs")
    assert dialog.list.count() == 0
    assert annotate.get(ana, made.id).note == "ben's words"
    dialog.close()
    ben.close()
    ana.close()


def test_annotate_a_finding_and_reanchor_to_other_words(open_window, seeded_ws, qtbot):
    window = open_investigating(open_window, seeded_ws)
    answer(window, note="disclosure training: ask for dates", tags="follow up")
    window.compare_view.finding_chosen.emit(3, 0)  # the ✎ beside the 2018/19 finding
    [finding_note] = window.annotating.panel.all
    assert (finding_note.target, finding_note.quote) == (
        "finding", "The force should train all officers about the rules of disclosure when "
                   "preparing cases for court.")
    select_with_keyboard(qtbot, window, WORDS)
    answer(window, note="words")
    window.actions_.annotate_words.trigger()
    words = next(a for a in window.annotating.panel.all if a.target == "passage")
    select_with_keyboard(qtbot, window, "60 files")
    window.annotating.reanchor(words)
    moved = next(a for a in window.annotating.panel.all if a.id == words.id)
    assert (moved.quote, moved.anchor) == ("60 files", "reanchored")
    window.actions_.undo.trigger()
    back = next(a for a in window.annotating.panel.all if a.id == words.id)
    assert (back.quote, back.anchor) == (WORDS, "anchored")


def test_redo_also_on_ctrl_y(open_window, seeded_ws, qtbot):
    window = open_investigating(open_window, seeded_ws)
    select_with_keyboard(qtbot, window, WORDS)
    answer(window, note="first")
    window.actions_.annotate_words.trigger()
    assert [a.note for a in window.annotating.panel.all] == ["first"]
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.navigator, Qt.Key.Key_Z, ctrl)
    assert window.annotating.panel.all == []
    qtbot.keyClick(window.navigator, Qt.Key.Key_Y, ctrl)
    assert [a.note for a in window.annotating.panel.all] == ["first"]


def test_a_note_written_elsewhere_shows_at_the_next_look(open_window, seeded_db_path):
    """The dock keeps the force's annotations between question switches, yet a note saved
    meanwhile by another connection to the file (an import's worker, a second window) shows
    as soon as the dock is drawn again, as one saved in the window does."""
    from peel_desktop.services import notes

    window = open_investigating(open_window, Workspace.open(seeded_db_path))
    window.annotating.refresh()
    assert [a.note for a in window.annotating.panel.all] == []
    other = Workspace.open(seeded_db_path)
    try:
        force = other.db.execute("SELECT id FROM forces WHERE key='leicestershire'").fetchone()[0]
        place = notes.anchor_quote(other, force, "2018/19", WORDS)
        annotate.annotate_passage(other, passage_id=place["id"], start=place["start"],
                                  end=place["end"], author="ana", note="from the other window")
    finally:
        other.close()
    window.annotating.refresh()
    assert [a.note for a in window.annotating.panel.all] == ["from the other window"]
    window.ws.close()
