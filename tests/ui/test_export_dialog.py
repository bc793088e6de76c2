"""Exporting a briefing pack from the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from peel_desktop.ui.export_dialog import ExportDialog, export_pack


def test_export_dialog_writes_the_chosen_pack(open_window, seeded_ws, tmp_path):
    import pypdfium2 as pdfium

    window = open_window(seeded_ws)
    dialog = ExportDialog(window)
    dialog.marking.setCurrentIndex(dialog.marking.findData("OFFICIAL-SENSITIVE"))
    for box in dialog.cycle_boxes:
        box.setChecked(box.property("cycle") in ("2017", "2018/19"))
    for row in range(dialog.questions.count()):
        item = dialog.questions.item(row)
        keep = item.text() in ("Investigating crime", "Efficiency overall")
        item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    options = dialog.options()
    assert options.cycles == ("2017", "2018/19")
    assert options.questions == ("Efficiency overall", "Investigating crime")
    out = tmp_path / "pack.pdf"
    export_pack(window, path=out, dialog=dialog)
    assert window.last_export == out
    document = pdfium.PdfDocument(out.read_bytes())
    first = document[0].get_textpage().get_text_range()
    assert "OFFICIAL-SENSITIVE" in first
    assert "Saved pack.pdf" in window.statusBar().currentMessage()
    dialog.deleteLater()


def test_export_shortcut_is_ctrl_e(open_window, seeded_ws):
    window = open_window(seeded_ws)
    assert window.actions_.export.shortcut().toString() == "Ctrl+E"
