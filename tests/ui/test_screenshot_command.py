"""`peel-desktop screenshot`: a picture of the real window, for docs and reviewers."""

from __future__ import annotations

from PySide6.QtGui import QImage

from peel_desktop.main import main


def test_screenshot_of_a_chosen_question_and_size(capsys, seeded_db_path, tmp_path):
    out = tmp_path / "shot.png"
    code = main(["--db", str(seeded_db_path), "screenshot", "--out", str(out), "--force", "leic",
                 "--question", "investigating", "--size", "1024x700", "--cycle", "2018/19"])
    assert code == 0, capsys.readouterr().err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)
    assert "Saved" in capsys.readouterr().out


def test_screenshot_errors_are_one_line(capsys, seeded_db_path, tmp_path):
    code = main(["--db", str(seeded_db_path), "screenshot", "--out", str(tmp_path / "x.png"),
                 "--question", "knitting"])
    assert code == 1
    err = capsys.readouterr().err
    assert err == "peel-desktop: No question or area matching 'knitting' for Leicestershire Police.\n"
    code = main(["--db", str(seeded_db_path), "screenshot", "--out", str(tmp_path / "x.png"),
                 "--size", "big"])
    assert code == 1
    assert "--size must look like 1360x860" in capsys.readouterr().err
