"""The review window as a policy officer uses it: step through, compare, mark, evidence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from peel_desktop.services import imports
from peel_desktop.ui.evidence_view import citation
from peel_desktop.ui.main_window import MainWindow
from peel_desktop.ui.tasks import run_synchronously


def columns(window) -> dict[str, str]:
    return {c.cell.cycle: c.cell.words for c in window.comparison.columns}


def test_opens_on_leicestershire_with_the_questions_and_their_timelines(open_window, seeded_ws):
    window = open_window(seeded_ws)
    assert window.windowTitle() == "PEEL Desktop — Leicestershire Police"
    model = window.navigator_model
    # Victim service is assessed but never graded in these cycles: nothing to review.
    assert [model.index(g, 0).data() for g in range(model.rowCount())] == [
        "Effectiveness", "Efficiency", "Legitimacy"]
    efficiency = window.board.item("pillar:efficiency")
    assert [c.chip for c in efficiency.cells] == ["G", "G", "RI", "G", "–"]
    prevention = window.board.item("theme:prevention")
    assert [c.chip for c in prevention.cells] == ["–", "G", "–", "G↻", "–"]
    tooltip = model.index_of("theme:prevention").data(Qt.ItemDataRole.ToolTipRole)
    assert "2018/19: Good (carried over from 2016)" in tooltip
    assert window.progress_label.text() == "0 of 14 reviewed"
    assert window.current_key() == "pillar:effectiveness"
    # the 2023-25 report counts its grades without naming the areas: said, never guessed
    assert ("PEEL 2023-25: the imported source states only how many areas got each grade "
            "(good in 4, adequate in 2, requires improvement in 2), not which; those grades "
            "are not shown.") in window.notice.text()


def test_a_timeline_chip_looks_the_same_wherever_it_sits_in_the_row(open_window, seeded_ws):
    from peel_desktop.ui.navigator import TimelineDelegate as D

    window = open_window(seeded_ws)
    window.navigator.expandAll()
    row = window.navigator.visualRect(window.navigator_model.index_of("theme:prevention"))
    picture = window.navigator.viewport().grab().toImage()
    right = row.adjusted(4, 0, -4, 0).right()
    first = right - 5 * (D.CHIP_W + D.GAP) + D.GAP
    top = row.center().y() - D.CHIP_H // 2

    def chip(n):  # the row's chips are –, G, –, G↻, –
        return picture.copy(first + n * (D.CHIP_W + D.GAP), top, D.CHIP_W + 1, D.CHIP_H + 1)

    assert chip(0) == chip(2) == chip(4)  # the same words in the same size everywhere
    assert chip(0) != chip(1)


def test_keyboard_steps_through_and_compares_side_by_side(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.navigator.setFocus()
    for _ in range(1):
        qtbot.keyClick(window.navigator, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_key() == "theme:prevention"
    window.go_to("pillar:efficiency")
    assert columns(window) == {
        "2014": "Good", "2016": "Good", "2017": "Requires improvement", "2018/19": "Good",
        "2023-25": "No pillar grades in this cycle"}
    assert [c.change for c in window.comparison.columns] == [
        None, "unchanged", "declined", "improved", None]
    html = window.compare_view.toPlainText()
    assert "▼ Declined since 2016" in html and "▲ Improved since 2017" in html
    window.go_to("theme:investigation")
    assert columns(window)["2018/19"] == "Good"
    assert columns(window)["2017"] == "Not stated in the imported sources"
    assert columns(window)["2023-25"].startswith("Not named: the source states only")
    assert columns(window)["2014"] == "Not stated in the imported sources"
    investigating = window.comparison.columns[3]
    assert investigating.questions == ("Investigating crime",)
    assert investigating.summary[0].startswith("Leicestershire Police is good at investigating")
    assert [f["kind"] for f in investigating.findings] == ["area_for_improvement"]


def test_mark_reviewed_moves_on_and_the_count_is_kept(open_window, seeded_ws, qtbot,
                                                      settings_file):
    window = open_window(seeded_ws)
    window.go_to("theme:investigation")
    qtbot.keyClick(window.navigator, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.progress_label.text() == "1 of 14 reviewed"
    assert window.current_key() == "theme:managing_offenders"
    window.toggle_flag()
    assert window.board.item("theme:managing_offenders").status == "flagged"
    window.close()
    again = MainWindow(seeded_ws, run_synchronously,
                       QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.board.item("theme:investigation").status == "reviewed"
    assert again.board.item("theme:managing_offenders").status == "flagged"
    assert again.progress_label.text() == "1 of 14 reviewed"


def test_scale_change_is_marked_where_a_comparison_crosses_it(open_window, ws, write_report,
                                                              seed):
    older = write_report("devon-2018-19.txt", (
        "PEEL 2018/19 integrated PEEL assessment: Devon and Cornwall Police\n"
        "HMICFRS inspected Devon and Cornwall Police.\n"
        "Investigating crime Good 2018/19\n"))
    imports.import_path(ws, older)
    from tests.conftest import FIXTURES
    imports.import_path(ws, FIXTURES / "devon-peel-2023-25-saved.html")
    window = open_window(ws)
    window.go_to("theme:investigation")
    newest = window.comparison.columns[-1]
    assert (newest.cell.cycle, newest.change, newest.crosses_break) == (
        "2023-25", "not_comparable", True)
    text = window.compare_view.toPlainText()
    assert "◆ PEEL 2023-25" in text
    assert "◆ Not directly comparable since 2018/19 — the grading scale changed" in text
    assert "cannot be compared directly" in window.notice.text()


def test_evidence_for_the_selected_cycle_with_its_citation(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.go_to("theme:investigation")
    qtbot.keyClick(window.navigator, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.column == 3  # from the newest (2023-25) back to 2018/19
    panel = window.evidence
    assert "Investigating crime — PEEL 2018/19" in panel.heading.text()
    first = panel.passages[0]
    assert first.cited
    assert "Leicestershire Police: PEEL 2018/19 inspection report, page 4 — quoted" in (
        panel.text.toPlainText())
    assert not panel.original.isEnabled()  # a text source has no original page to show


def test_show_original_page_of_a_pdf(open_window, ws, tmp_path, qtbot):
    from tests.pdf_fixtures import build_report_pdf

    imports.import_path(ws, build_report_pdf(tmp_path / "kent.pdf"))
    window = open_window(ws)
    window.go_to("theme:investigation")
    panel = window.evidence
    assert panel.original.isEnabled()
    evidence = panel.selected()
    assert (evidence.page, evidence.page_index) == (1, 2)  # printed page 1 is the 3rd page
    qtbot.mouseClick(panel.original, Qt.MouseButton.LeftButton)
    dialog = window.original_dialog
    qtbot.addWidget(dialog)
    assert (dialog.page, dialog.page_count) == (2, 6)
    assert dialog.where.text() == "Page 3 of 6 of the PDF"
    image = dialog.picture.pixmap().toImage()
    assert image.width() > 100 and image.pixelColor(5, 5).name() == "#ffffff"  # a drawn page
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    assert dialog.where.text() == "Page 4 of 6 of the PDF"
    dialog.close()


def test_overview_cell_jumps_to_that_question_and_cycle(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.tabs.setCurrentWidget(window.overview_tab)
    board = window.matrix_model.board
    row = next(i for i, item in enumerate(board.items) if item.key == "theme:public_treatment")
    index = window.matrix_model.index(row, board.cycles.index("2017"))
    assert index.data() == "Good"
    pillar = window.matrix_model.index(0, board.cycles.index("2023-25"))
    assert pillar.data() == "No pillar grades"
    window.matrix.clicked.emit(index)
    assert window.tabs.currentWidget() is window.compare_view
    assert window.current_key() == "theme:public_treatment"
    assert window.comparison.columns[window.column].cell.cycle == "2017"


def test_the_overview_shows_the_force_chosen_before_and_after_it_is_first_opened(
        open_window, seeded_ws):
    window = open_window(seeded_ws)  # the Overview is built when first shown
    first = window.force_box.currentText()
    other = next(window.force_box.itemText(i) for i in range(window.force_box.count())
                 if window.force_box.itemText(i) != first)
    window.force_box.setCurrentText(other)
    window.tabs.setCurrentWidget(window.overview_tab)
    assert window.matrix.isVisible()
    assert window.matrix_model.board.force == other
    assert window.matrix_model.rowCount() == len(window.board.items)
    window.force_box.setCurrentText(first)
    assert window.matrix_model.board.force == first


def test_the_same_question_across_forces(open_window, seeded_ws):
    window = open_window(seeded_ws)
    window.go_to("pillar:efficiency")
    window.tabs.setCurrentWidget(window.forces_tab)
    text = window.forces_view.toPlainText()
    assert "Efficiency overall — across forces" in text
    assert "Humberside Police" in text and "Inadequate" in text


def test_layout_and_appearance_are_remembered(open_window, seeded_ws, qtbot, settings_file):
    window = open_window(seeded_ws)
    window.resize(771, 503)
    window.evidence_dock.hide()
    window.close()
    again = MainWindow(seeded_ws, run_synchronously,
                       QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (771, 503)
    assert not again.evidence_dock.isVisible()


def test_dark_palette(open_window, seeded_ws, qapp):
    window = open_window(seeded_ws)
    from peel_desktop.ui import window_actions

    window.notice.setText("Grades across the change of scale cannot be compared directly.")
    window.notice.show()
    window.notice.resize(400, 60)

    def notice_background():  # inside the notice's padding, left of its words
        return window.notice.grab().toImage().pixelColor(3, 30)

    window_actions._appearance(window, "dark")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert notice_background().lightness() < 80  # a dark amber on the dark palette
    window_actions._appearance(window, "light")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert notice_background().lightness() > 200
    # the notice wears its own colours: no style sheet over the whole application (one there
    # makes Qt draw every widget of every window through it)
    assert qapp.styleSheet() == ""


def test_following_the_system_again_brings_back_its_colours(open_window, seeded_ws, qapp):
    from peel_desktop.ui import window_actions

    window = open_window(seeded_ws)
    window_actions._appearance(window, "system")
    system = qapp.palette().color(QPalette.ColorRole.Window).name()
    window_actions._appearance(window, "dark")
    assert qapp.palette().color(QPalette.ColorRole.Window).name() != system
    window_actions._appearance(window, "system")
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == system
    assert qapp.style().name().lower() == "fusion"


def test_the_chosen_passage_is_marked_in_the_colours_of_the_appearance_chosen(
        open_window, seeded_ws, qapp):
    # the band behind the chosen passage kept the colours of the appearance before: after
    # Dark, then Light, a dark band under dark words
    from peel_desktop.ui import window_actions

    window = open_window(seeded_ws)
    window.go_to("theme:investigation")
    window.select_column(3)  # PEEL 2018/19, which has passages
    assert window.evidence.passages

    def band():  # inside the chosen passage's first line, right of its words
        image = window.evidence.text.viewport().grab().toImage()
        return image.pixelColor(image.width() - 12, 8)

    for appearance in ("dark", "light", "dark"):
        window_actions._appearance(window, appearance)
        qapp.processEvents()
        marked = qapp.palette().color(QPalette.ColorRole.AlternateBase)
        assert band().name() == marked.name(), appearance


def test_compare_forces_cells_without_a_grade_take_the_colours_of_the_appearance_chosen(
        qtbot, qapp):
    # each look of a cell is drawn once and copied after: a cell of no grade keeps the
    # background it was drawn on unless a change of appearance draws it again
    from peel_desktop.services.review_model import Cell
    from peel_desktop.ui import theme
    from peel_desktop.ui.forces_view import ForcesView

    view = ForcesView()
    qtbot.addWidget(view)
    view.resize(890, 420)
    cycles = ["2021/22", "2023-25"]
    cells = {"2021/22": Cell("2021/22", "not_stated"),
             "2023-25": Cell("2023-25", "graded", ("good",))}
    view.show()
    qtbot.waitExposed(view)
    view.show_rows("Investigating crime", cycles, [("Kent Police", cells),
                                                   ("Essex Police", cells)])
    table, model = view.table, view.model

    def cell_background():  # the cell's top left corner, clear of its words
        rect = table.visualRect(model.index(1, 0))
        return table.viewport().grab().toImage().pixelColor(rect.left() + 2, rect.top() + 2)

    try:
        for appearance in ("dark", "light", "dark"):
            theme.apply(appearance)
            qapp.processEvents()
            base = qapp.palette().color(QPalette.ColorRole.Base)
            assert cell_background().name() == base.name(), appearance
    finally:
        theme.apply("system")


def _ink(icon, size: int = 24):
    """The average lightness of an icon's drawn (opaque) pixels, and how many there are."""
    image = icon.pixmap(size, size).toImage()
    inked = [image.pixelColor(x, y) for x in range(image.width())
             for y in range(image.height()) if image.pixelColor(x, y).alpha() > 128]
    return (sum(c.lightness() for c in inked) / len(inked) if inked else None), len(inked)


def test_toolbar_icons_stand_out_in_light_and_dark(open_window, seeded_ws, qapp):
    # the toolbar's arrows were drawn black whatever the palette: on the dark one they could
    # hardly be seen
    from peel_desktop.ui import window_actions

    window = open_window(seeded_ws)
    actions = window.actions_
    toolbar = (actions.previous, actions.next, actions.reviewed_next, actions.flag,
               actions.original, actions.import_files, actions.export)
    for appearance in ("dark", "light"):
        window_actions._appearance(window, appearance)
        background = qapp.palette().color(QPalette.ColorRole.Button).lightness()
        for action in toolbar:
            lightness, pixels = _ink(action.icon())
            assert pixels > 20, (appearance, action.text())
            assert abs(lightness - background) > 90, (appearance, action.text(), lightness,
                                                      background)


def test_widgets_have_accessible_names_and_actions_tooltips(open_window, seeded_ws):
    window = open_window(seeded_ws)
    for widget in (window.navigator, window.compare_view, window.matrix, window.force_box,
                   window.evidence.text, window.progress_label):
        assert widget.accessibleName()
    assert window.actions_.next.toolTip() == "Go to the next question (Alt+Down)"


def test_empty_database_invites_an_import_then_shows_it(open_window, ws, seed, qtbot):
    window = open_window(ws)
    assert window.empty.isVisible()
    assert not window.tabs.isVisible()
    flow = window.import_files([seed("report_2018_19")])
    qtbot.mouseClick(flow.dialog.import_button, Qt.MouseButton.LeftButton)
    assert not window.empty.isVisible()
    assert window.force_box.currentText() == "Leicestershire Police"
    assert "Imported 1 report(s)" in window.statusBar().currentMessage()


def test_a_bad_file_is_reported_and_nothing_changes(open_window, ws, write_report, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window = open_window(ws)
    flow = window.import_files([write_report("broken.txt", b"\x00\x01\x02")])
    assert flow.dialog is None
    assert shown == ["broken.txt: the file is binary, not text: it is not a report this app reads."]
    assert window.empty.isVisible()


def test_carried_over_is_not_called_unchanged(open_window, seeded_ws):
    window = open_window(seeded_ws)
    window.go_to("theme:prevention")
    newest_graded = window.comparison.columns[3]
    assert (newest_graded.cell.cycle, newest_graded.change) == ("2018/19", "carried_over")
    assert "↻ Not re-inspected: judgment carried over" in window.compare_view.toPlainText()


def test_long_evidence_lists_show_fifteen_then_all_on_request(open_window, seeded_ws,
                                                             monkeypatch):
    from peel_desktop.ui import evidence_view

    monkeypatch.setattr(evidence_view, "STEPPING_S", 0)  # each question shown after a pause
    window = open_window(seeded_ws)
    window.go_to("theme:demand_resources", column=0)  # the 2014 report's long section
    panel = window.evidence
    assert len(panel.passages) > 15
    hidden = len(panel.passages) - 15
    assert f"Show {hidden} more passages" in panel.text.toPlainText()
    assert citation(panel.passages[14]) in panel.text.toPlainText()
    from PySide6.QtCore import QUrl

    panel._clicked(QUrl("all:"))
    assert "more passages" not in panel.text.toPlainText()


def test_stepping_through_questions_shows_the_first_passages_at_once_and_the_rest_on_a_pause(
        open_window, seeded_ws, monkeypatch, qtbot):
    # a reviewer holding Alt+Down: each question's first passages (what the dock shows) at
    # once, the rest of the fifteen as soon as the stepping pauses
    from peel_desktop.ui import evidence_view

    monkeypatch.setattr(evidence_view, "STEPPING_S", 60)  # however slow the machine
    window = open_window(seeded_ws)
    window.go_to("theme:demand_resources", column=0)
    panel = window.evidence
    first = panel.text.toPlainText()
    assert citation(panel.passages[0]) in first and "more passages" not in first
    assert [e for _s, _e, e in panel.ranges] == panel.passages[:evidence_view.AT_ONCE]
    hidden = len(panel.passages) - 15
    qtbot.waitUntil(lambda: f"Show {hidden} more passages" in panel.text.toPlainText(),
                    timeout=2000)
    assert [e for _s, _e, e in panel.ranges] == panel.passages[:15]
    # a passage further down chosen before the pause: there at once, marked
    window.go_to("theme:investigation", column=3)
    window.go_to("theme:demand_resources", column=0)
    assert len(panel.ranges) == evidence_view.AT_ONCE
    panel.choose(9)
    assert panel.ranges[9][2] == panel.passages[9] == panel.selected()


def test_about_names_the_version_data_folder_database_and_licences(open_window, seeded_ws,
                                                                   monkeypatch):
    from peel_desktop import __version__, paths

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window = open_window(seeded_ws)
    window.about()
    (text,) = shown
    assert f"PEEL Desktop {__version__}" in text
    assert str(paths.user_data_dir()) in text and str(seeded_ws.path) in text
    assert "Open Government Licence v3.0" in text
    for library in ("PySide6", "ReportLab", "pypdfium2", "python-docx", "sqlite-utils"):
        assert library in text


def test_renaming_yourself_keeps_your_review_progress(open_window, seeded_ws, qtbot,
                                                      settings_file, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = open_window(seeded_ws)
    window.go_to("theme:investigation")
    qtbot.keyClick(window.navigator, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.toggle_flag()
    assert window.progress_label.text() == "1 of 14 reviewed"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Priya Shah", True))
    window.annotating.set_reviewer_name()
    assert window.reviewer == "Priya Shah"
    assert window.progress_label.text() == "1 of 14 reviewed"
    assert window.board.item("theme:managing_offenders").status == "flagged"
    assert "review progress (2 questions reviewed or flagged) moved" in \
        window.statusBar().currentMessage()
    window.close()
    # The name belongs to the database: another machine's settings still find the progress.
    again = MainWindow(seeded_ws, run_synchronously, QSettings(
        str(Path(settings_file).with_name("other.ini")), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.reviewer == "Priya Shah"
    assert again.progress_label.text() == "1 of 14 reviewed"


def test_no_two_commands_share_a_key(open_window, seeded_ws, monkeypatch):
    """An ambiguous key does nothing at all (Redo on Linux, where the platform's own Redo is
    Ctrl+Shift+Z too)."""
    from PySide6.QtGui import QAction, QKeySequence

    linux_redo = [QKeySequence("Ctrl+Shift+Z")]
    monkeypatch.setattr(QKeySequence, "keyBindings",
                        lambda key: linux_redo if key == QKeySequence.StandardKey.Redo else [])
    window = open_window(seeded_ws)
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            name = key.toString()
            assert name not in seen, f"{name} is both {seen[name]!r} and {action.text()!r}"
            seen[name] = action.text()
    redo = [k.toString() for k in window.actions_.redo.shortcuts()]
    assert redo == ["Ctrl+Shift+Z", "Ctrl+Y"]


def test_the_evidence_pane_frees_its_old_documents(open_window, seeded_ws):
    """Issue 16: each question switch made a new document that was never freed."""
    from PySide6.QtGui import QTextDocument

    window = open_window(seeded_ws)
    keys = window.navigator_model.ordered_keys()

    def documents() -> int:
        return len(window.evidence.text.findChildren(QTextDocument))

    window.go_to(keys[0])
    held = documents()
    for n in range(60):
        window.go_to(keys[n % len(keys)])
        window.select_column(n % len(window.board.cycles))
    assert documents() == held
    assert window.evidence.text.toPlainText()  # and it still shows the evidence



def test_the_comparison_keeps_a_bounded_number_of_laid_out_paragraphs(open_window, seeded_ws):
    """Stepping back to a question reuses its laid-out words, and a long session does not
    make the view hold more and more of them."""
    from peel_desktop.ui import comparison_view

    window = open_window(seeded_ws)
    keys = window.navigator_model.ordered_keys()
    view = window.compare_view
    window.go_to(keys[1])
    shown = view.toPlainText()
    window.go_to(keys[0])
    held = len(view._layouts)
    window.go_to(keys[1])  # back again: nothing new laid out, the same words shown
    assert len(view._layouts) == held and view.toPlainText() == shown
    for n in range(200):
        window.go_to(keys[n % len(keys)])
        assert len(view._layouts) <= comparison_view._HELD_LAYOUTS


def test_a_start_prepares_the_next_question_once_the_data_is_on_screen(
        seeded_ws, qtbot, settings_file):
    """As the app starts: the window shows, the database is attached, and the question
    after the first is prepared only once the data has been painted (data_shown), never
    in the way of that first frame, however slow it is."""
    from peel_desktop.ui import main_window

    window = MainWindow(None, run_synchronously,
                        QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.attach(seeded_ws)
    after = window.navigator_model.ordered_keys()[1]
    qtbot.wait(3 * main_window.PREFETCH_AFTER_MS)
    assert after not in window._cache
    window.data_shown()
    qtbot.waitUntil(lambda: after in window._cache, timeout=3000)


def test_the_next_question_is_prepared_while_the_reviewer_reads(open_window, seeded_ws, qtbot):
    """A pause on a question computes and lays out the questions either side, so stepping
    to the next shows it without computing or laying anything out."""
    window = open_window(seeded_ws)
    keys = window.navigator_model.ordered_keys()
    view = window.compare_view
    window.go_to(keys[2])
    qtbot.waitUntil(lambda: keys[3] in window._cache and keys[1] in window._cache,
                    timeout=3000)
    held = len(view._layouts)
    window.step(+1)
    assert window.current_key() == keys[3]
    assert len(view._layouts) == held  # every paragraph was laid out beforehand
    assert view.toPlainText().startswith(window.comparison.item.label)

class _LayoutRequests(QObject):
    """Counts the requests to lay a widget out again that reach it."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event):
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_question_switch_lays_out_no_more_than_what_changed(open_window, seeded_ws, qtbot):
    """Stepping to the next question redraws the evidence heading without the whole window
    being laid out again (a heading whose new text did that repainted every dock at every
    switch); the heading still names the judgment shown."""
    window = open_window(seeded_ws)
    window.resize(1360, 860)
    window.show()
    keys = window.navigator_model.ordered_keys()
    for key in keys[:3]:  # the first steps settle the window's layout once
        window.go_to(key)
        QApplication.processEvents()
    requests = _LayoutRequests(window)
    for key in keys[3:9]:
        window.go_to(key)
        QApplication.processEvents()
        assert window.evidence.heading.text().startswith(window.comparison.item.label)
    assert requests.count == 0


def test_compare_forces_changes_its_title_without_laying_the_tab_out_again(qtbot):
    """A new question's title on Compare forces, as many lines long as the last, repaints
    the title alone; one that needs another line makes room for it."""
    from peel_desktop.ui.forces_view import ForcesView

    view = ForcesView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    view.title.setText("Investigating crime — across forces")
    QApplication.processEvents()
    one_line = view.title.height()
    requests = _LayoutRequests(view)
    view.title.setText("Protecting vulnerable people — across forces")
    QApplication.processEvents()
    assert requests.count == 0
    assert view.title.text() == "Protecting vulnerable people — across forces"
    view.title.setText("Planning for the future, finance and leadership, " * 4)
    QApplication.processEvents()
    assert view.title.height() > one_line  # wrapped, and given the room


def _point_of(view, wanted):
    """Where on screen (the view's viewport) the paragraph whose link is ``wanted`` is,
    scrolled to as the reviewer would: a page down at a time until it shows."""
    from PySide6.QtCore import QPoint

    bar = view.verticalScrollBar()
    bar.setValue(0)
    while True:
        for para in view._paragraphs():
            if para.link == wanted and para.at is not None:
                rect = view._edit_rect(para) if wanted[0] == "finding" else None
                x = rect.center().x() if rect else para.at.x() + 30
                y = (rect.center().y() if rect else para.at.y() + para.height / 2)
                bar.setValue(max(0, int(y) - 40))
                view.viewport().repaint()
                return QPoint(int(x), int(y) - bar.value())
        if bar.value() >= bar.maximum():
            raise AssertionError(f"no paragraph links to {wanted}")
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()


def test_the_comparison_grid_answers_clicks_and_keys(open_window, seeded_ws, qtbot):
    window = open_window(seeded_ws)
    window.resize(1360, 860)
    window.go_to("theme:investigation")
    view = window.compare_view
    assert window.comparison.columns[window.column].cell.cycle == "2023-25"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=_point_of(view, ("cycle", 3)))  # the PEEL 2018/19 heading
    assert window.comparison.columns[window.column].cell.cycle == "2018/19"
    assert "Investigating crime — PEEL 2018/19" in window.evidence.heading.text()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert window.comparison.columns[window.column].cell.cycle == "2017"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.comparison.columns[window.column].cell.cycle == "2023-25"
    chosen = []
    window.annotating.dialog_hook = lambda dialog: False  # the note's dialog, cancelled
    view.finding_chosen.connect(lambda column, index: chosen.append((column, index)))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=_point_of(view, ("finding", 3, 0)))  # the ✎ beside the finding
    assert chosen == [(3, 0)]
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    from PySide6.QtWidgets import QApplication

    copied = QApplication.clipboard().text()
    assert copied.startswith("Investigating crime\n") and "PEEL 2018/19" in copied
    assert "Area for improvement: The force should" in copied


def test_a_tall_comparison_shows_its_foot_when_scrolled_at_once_and_is_whole_after_a_pause(
        open_window, seeded_ws, qtbot):
    # stepping on lays out the rows that show; those below wait for a pause in the stepping,
    # or for the reviewer to scroll to them
    from PySide6.QtWidgets import QApplication

    from peel_desktop.ui.comparison_view import REST_AFTER_MS

    window = open_window(seeded_ws)
    view = window.compare_view
    window.go_to("theme:investigation")
    QApplication.processEvents()
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0  # taller than the view
    bar.setValue(bar.maximum())  # straight to the foot, before any pause
    view.viewport().repaint()
    QApplication.processEvents()
    view.viewport().repaint()
    counts = [p for p in view._paragraphs() if p.text.startswith("Evidence:")]
    assert counts and all(p.at is not None for p in counts)
    assert all(p.at.y() + p.height > bar.value()
               and p.at.y() < bar.value() + view.viewport().height() for p in counts)  # in view
    window.go_to("theme:prevention")
    qtbot.wait(REST_AFTER_MS * 3)
    assert all(p.at is not None for p in view._paragraphs())  # all laid out in the pause
    whole = max(p.at.y() + p.height for p in view._paragraphs())
    assert bar.maximum() + view.viewport().height() >= whole


def test_compare_forces_updates_its_cells_question_by_question(open_window, seeded_ws):
    window = open_window(seeded_ws)
    window.tabs.setCurrentWidget(window.forces_tab)
    window.go_to("pillar:efficiency")
    model = window.forces_view.model
    forces = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert forces[0] == "Leicestershire Police" and "Humberside Police" in forces
    humberside = forces.index("Humberside Police")
    cycles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    efficiency = {cycles[c]: model.index(humberside, c).data()
                  for c in range(model.columnCount())}
    assert "Inadequate" in efficiency.values()
    window.step(+1)
    assert window.forces_view.title.text().endswith("— across forces")
    assert window.forces_view.title.text() != "Efficiency overall — across forces"


def test_compare_forces_shows_seven_cycles_without_scrolling_sideways(qtbot):
    """Beside the questions of a 1360-px window (about 890 px left for the tab), every cycle
    shows; a long force name gives way, whole in its tooltip."""
    from peel_desktop.services.review_model import Cell
    from peel_desktop.ui.forces_view import ForcesView

    view = ForcesView()
    qtbot.addWidget(view)
    view.resize(890, 420)
    cycles = ["2014", "2015", "2016", "2017", "2018/19", "2021/22", "2023-25"]
    grades = {c: Cell(c, "graded", ("requires_improvement",)) for c in cycles}
    view.show_rows("Investigating crime", cycles,
                   [("Avon and Somerset Constabulary", grades),
                    ("Devon and Cornwall Police", grades)])
    view.show()
    qtbot.waitExposed(view)
    assert view.table.horizontalScrollBar().maximum() == 0
    assert view.model.headerData(0, Qt.Orientation.Vertical,
                                 Qt.ItemDataRole.ToolTipRole) == "Avon and Somerset Constabulary"
    assert view.model.index(0, 6).data() == "Requires improvement"


def test_compare_forces_row_names_widen_for_longer_names_and_narrow_again(qtbot):
    """The column of force names is as wide as the names shown: a longer name (another
    force first) widens it, and shorter ones narrow it again."""
    from peel_desktop.services.review_model import Cell
    from peel_desktop.ui.forces_view import ForcesView

    view = ForcesView()
    qtbot.addWidget(view)
    view.resize(890, 420)
    cycles = ["2021/22", "2023-25"]
    grades = {c: Cell(c, "graded", ("good",)) for c in cycles}
    view.show()
    qtbot.waitExposed(view)
    names = view.table.verticalHeader()

    def shown(*forces: str) -> int:
        view.show_rows("Investigating crime", cycles, [(f, grades) for f in forces])
        QApplication.processEvents()
        return names.width()

    narrow = shown("Kent Police", "Essex Police")
    wide = shown("Avon and Somerset Constabulary", "Kent Police")
    assert wide > narrow
    assert wide >= names.fontMetrics().horizontalAdvance("Avon and Somerset")
    assert shown("Kent Police", "Essex Police") == narrow


def test_compare_forces_shows_every_grade_of_a_cell_whole(qtbot):
    """A cell holding two grades ("Requires improvement / Inadequate") or a carried-over
    judgment wraps onto more lines than a row of one grade: its row grows to show all of it,
    where the second grade was cut off. A row of single grades keeps its height."""
    from PySide6.QtCore import QRect

    from peel_desktop.services.review_model import Cell
    from peel_desktop.ui.forces_view import ForcesView

    view = ForcesView()
    qtbot.addWidget(view)
    view.resize(890, 420)
    cycles = ["2014", "2015", "2016", "2017", "2018/19", "2021/22", "2023-25"]
    single = {c: Cell(c, "graded", ("good",)) for c in cycles}
    double = dict(single, **{"2014": Cell("2014", "graded",
                                          ("requires_improvement", "inadequate"))})
    carried = dict(single, **{"2023-25": Cell("2023-25", "carried_over", ("good",),
                                              "2021/22")})
    view.show()
    qtbot.waitExposed(view)
    view.show_rows("Planning for the future", cycles,
                   [("Avon and Somerset Constabulary", double), ("Bedfordshire Police", single),
                    ("Cambridgeshire Constabulary", carried)])
    QApplication.processEvents()
    table, model = view.table, view.model
    flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    for row, column in ((0, 0), (2, 6)):
        rect = table.visualRect(model.index(row, column))
        text = model.index(row, column).data()
        needed = table.fontMetrics().boundingRect(QRect(0, 0, rect.width() - 8, 10_000),
                                                  flags, text).height()
        assert rect.height() >= needed, text
    assert table.rowHeight(1) == table.verticalHeader().defaultSectionSize()
    assert table.rowHeight(0) > table.rowHeight(1)


def test_the_overview_shows_every_grade_whole_beside_the_cycles(open_window, seeded_ws,
                                                                 qtbot):
    """In a window narrower than the default, the Overview fits every cycle without
    scrolling sideways, and every cell's words show whole (a grade was cut to "Requires improvem…"):
    the questions' names wrap instead, whole in their tooltips."""
    from PySide6.QtCore import QRect

    window = open_window(seeded_ws)
    window.resize(1200, 860)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.overview_tab)
    QApplication.processEvents()
    qtbot.wait(50)  # the rows are fitted once the columns have settled
    table, model = window.matrix, window.matrix_model
    assert model.columnCount() >= 5
    assert table.horizontalScrollBar().maximum() == 0
    flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            rect = table.visualRect(model.index(row, column))
            text = model.index(row, column).data()
            needed = metrics.boundingRect(QRect(0, 0, rect.width() - 8, 10_000), flags, text)
            assert needed.width() <= rect.width() - 8 and rect.height() >= needed.height(), text
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == \
        model.headerData(0, Qt.Orientation.Vertical)


def test_a_narrow_overview_shows_the_newest_cycles(open_window, seeded_ws, qtbot):
    """Too narrow for every cycle, the Overview scrolls sideways, and opens on the newest
    cycle's column, as the comparison does; the older ones are a scroll to the left."""
    window = open_window(seeded_ws)
    window.resize(900, 860)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.overview_tab)
    table, model = window.matrix, window.matrix_model
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0, timeout=2000)
    qtbot.waitUntil(lambda: table.visualRect(model.index(0, model.columnCount() - 1)).right()
                    <= table.viewport().width(), timeout=2000)
    assert table.visualRect(model.index(0, 0)).left() < 0  # the oldest, scrolled out of sight
