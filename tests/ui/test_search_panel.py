"""Searching from the window: type, see results, open one where it is."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_results_as_you_type_grouped_and_opened_in_place(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    qtbot.keyClick(window.navigator, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.field.hasFocus()
    qtbot.keyClicks(window.search.field, "disclosure training")
    qtbot.waitUntil(lambda: window.search.results.topLevelItemCount() > 0, timeout=2000)
    assert window.search.summary.text().endswith("found")
    group = window.search.results.topLevelItem(0)
    assert group.text(0) == "Leicestershire Police: PEEL 2018/19 inspection report — PEEL 2018/19"
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.search.results.hasFocus()
    first = window.search.results.currentItem()
    assert "«disclosure»" in first.text(0).lower()
    qtbot.keyClick(window.search.results, Qt.Key.Key_Return)
    assert window.current_key() == "theme:investigation"
    assert window.comparison.columns[window.column].cell.cycle == "2018/19"
    assert window.evidence.text.textCursor().selectedText().lower() in {"disclosure", "train"}
    assert window.search.history.stringList()[0] == "disclosure training"


def test_awkward_input_shows_a_hint(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.search.field.setText('"')
    window.search.run()
    assert window.search.summary.text() == "Type some words to search for."
    assert window.search.results.topLevelItemCount() == 0


def test_scope_and_kind(open_window, seeded_ws):
    window = open_window(seeded_ws)
    window.search.field.setText("efficiency")
    window.search.kind.setCurrentIndex(window.search.kind.findData("finding"))
    finds = window.search.found
    assert finds.total >= 1 and {h.kind for h in finds.hits} == {"finding"}
    window.search.kind.setCurrentIndex(0)
    window.search.scope.setCurrentIndex(1)  # all forces
    assert window.search.found.total >= finds.total


def test_text_outside_any_question_opens_with_its_context(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.search.field.setText('"survey of police staff"')
    window.search.run()
    hit = window.search.found.hits[0]
    assert hit.item_key is None  # the report's annex: no question's section
    window.search.open(hit)
    dialog = window.search.passage_dialog
    qtbot.addWidget(dialog)
    assert "Survey of police staff" in dialog.view.toPlainText()
    dialog.close()


def _field(window):
    from PySide6.QtWidgets import QLineEdit

    return next((f for f in window.search_dock.findChildren(QLineEdit)
                 if f.accessibleName() == "Search"), None)


def test_the_search_tab_behind_the_questions_shows_its_field_when_chosen(open_window, seeded_ws,
                                                                          qtbot):
    window = open_window(seeded_ws)
    assert window.navigator_dock.isVisible()  # the questions in front at start
    window.search_dock.raise_()  # the reviewer picks the Search tab
    qtbot.waitUntil(lambda: _field(window) is not None and _field(window).isVisible())
    assert window.search.scope.currentText() == "This force"
    assert [window.search.kind.itemText(i) for i in range(window.search.kind.count())] == [
        "Everything", "Report text", "Findings", "Your notes"]


def test_a_window_left_with_search_in_front_opens_with_its_field(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.search_dock.raise_()
    qtbot.waitUntil(lambda: _field(window) is not None and _field(window).isVisible())
    window.close()  # the layout is kept
    again = open_window(seeded_ws)
    qtbot.waitUntil(lambda: _field(again) is not None and _field(again).isVisible())
