"""The findings tracker and the PCC's response tabs, used as a policy officer would."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
from PySide6.QtCore import QDate, Qt

from peel_desktop.services import response, tracker


def _open_tab(window, qtbot, number: int) -> None:
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)


def _shown(view) -> list[tuple[str, str]]:
    return [(t.cycle, t.status) for t in view.model.items]


def test_tracker_lists_filters_and_explains_each_finding(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    _open_tab(window, qtbot, 4)
    view = window.tracker_view
    assert window.tabs.currentWidget().widget() is view
    assert not window.evidence_dock.isVisible()  # the tracker gets the whole window
    assert view.model.rowCount() == 10
    assert view.count.text() == "10 of 10 findings · 3 keep coming back"
    view.status_box.setCurrentIndex(view.status_box.findData("closed"))
    assert _shown(view) == [("2017", "closed")] * 3
    assert "Closed by the inspectorate" in view.detail.toPlainText()
    assert "“The force has improved the way it identifies vulnerability during calls.”" \
        in view.detail.toPlainText()
    assert "page 16, paragraph 150" in view.detail.toPlainText()
    view.status_box.setCurrentIndex(0)
    view.coming_back.setChecked(True)
    assert sorted(_shown(view)) == [("2017", "repeated")] * 3 + [("2018/19", "open")] * 3
    assert "Raised in 2017, 2018/19." in view.detail.toPlainText()
    view.coming_back.setChecked(False)
    view.question_box.setCurrentIndex(view.question_box.findData("investigation"))
    assert [t.text[:30] for t in view.model.items] == ["The force should train all off"]
    _open_tab(window, qtbot, 1)
    assert window.evidence_dock.isVisible()  # and the docks come back as they were


def test_setting_a_status_with_a_reason_is_kept(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    _open_tab(window, qtbot, 4)
    view = window.tracker_view
    view.cycle_box.setCurrentIndex(view.cycle_box.findData("2018/19"))
    view.table.selectRow(0)
    assert "disclosure" in view.selected().text
    view.status_choice.setCurrentIndex(view.status_choice.findData("in_progress"))
    qtbot.keyClicks(view.status_note, "Disclosure training plan, March board")
    qtbot.mouseClick(view.save_status, Qt.MouseButton.LeftButton)
    saved = next(t for t in tracker.tracked(seeded_ws, "Leic") if "disclosure" in t.text)
    assert (saved.status, saved.status_note) == ("in_progress",
                                                  "Disclosure training plan, March board")
    assert "In progress" in view.detail.toPlainText()
    assert "Set by the reviewer: Disclosure training plan, March board" in \
        view.detail.toPlainText()


def test_linking_a_later_finding_makes_it_come_back(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    _open_tab(window, qtbot, 4)
    view = window.tracker_view
    thrive = next(t for t in view.all if "THRIVE" in t.text)
    candidates = view.later_candidates(thrive)
    assert {c.cycle for c in candidates} == {"2018/19"}
    view.link(thrive, next(c for c in candidates if "disclosure" in c.text))
    assert view.count.text() == "10 of 10 findings · 4 keep coming back"


def test_response_deadline_comments_saved_as_typed_and_exported(open_window, seeded_ws, qtbot,
                                                                 tmp_path):
    window = open_window(seeded_ws)
    view = window.response_view
    view.today = lambda: date(2019, 6, 13)
    _open_tab(window, qtbot, 5)
    assert view.report_box.currentText() == "Leicestershire Police: PEEL 2018/19 inspection report"
    assert view.items.count() == 4
    assert "Enter the report's publication date" in view.deadline.text()
    view.published_known.setChecked(True)
    view.published.setDate(QDate(2019, 5, 2))
    assert "26 June 2019" in view.deadline.text() and "13 days left" in view.deadline.text()
    assert "the last of the 56 days beginning with its publication" in view.deadline.text()
    view.items.setCurrentRow(1)
    qtbot.keyClicks(view.chief, "We have commissioned a skills audit.")
    qtbot.keyClicks(view.pcc, "I will ask for quarterly updates.")
    qtbot.keyClicks(view.owner, "Deputy chief constable")
    report_id = view.report_box.currentData()

    def saved() -> bool:
        item = response.load(seeded_ws, report_id).items[1]
        return (item.chief_comment, item.pcc_comment, item.owner) == (
            "We have commissioned a skills audit.", "I will ask for quarterly updates.",
            "Deputy chief constable")

    qtbot.waitUntil(saved, timeout=3000)  # saved a moment after typing, with no button
    assert response.load(seeded_ws, report_id).published == "2019-05-02"
    assert view.items.item(1).text().startswith("✓ ")  # both comments in
    out = view.export("pdf", tmp_path / "response.pdf")
    document = pdfium.PdfDocument(str(out))
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "We have commissioned a skills audit." in text
    assert "I will ask for quarterly updates." in text


def test_typing_then_switching_item_loses_nothing(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    view = window.response_view
    _open_tab(window, qtbot, 5)
    view.items.setCurrentRow(0)
    qtbot.keyClicks(view.pcc, "Noted.")
    view.items.setCurrentRow(2)  # before the save timer fires
    report_id = view.report_box.currentData()
    assert response.load(seeded_ws, report_id).items[0].pcc_comment == "Noted."
    view.items.setCurrentRow(0)
    assert view.pcc.toPlainText() == "Noted."


def test_a_comment_that_cannot_be_saved_is_kept_on_screen_and_saved_later(open_window, seeded_ws,
                                                                         qtbot):
    window = open_window(seeded_ws)
    window.quiet_problems = True
    view = window.response_view
    _open_tab(window, qtbot, 5)
    view.items.setCurrentRow(0)
    pages = seeded_ws.db.execute("PRAGMA page_count").fetchone()[0]
    seeded_ws.db.execute(f"PRAGMA max_page_count = {pages}")
    long_comment = ("y" * 79 + "\n") * 4000
    view.pcc.setPlainText(long_comment)
    assert not view.save_now()
    assert "the disk is full" in window.last_problem
    assert view.pcc.toPlainText() == long_comment  # still on screen, still pending
    seeded_ws.db.execute("PRAGMA max_page_count = 1073741823")  # space again
    assert view.save_now()
    report_id = view.report_box.currentData()
    assert response.load(seeded_ws, report_id).items[0].pcc_comment == long_comment
