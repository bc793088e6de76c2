"""First start: the app makes its database and shows Leicestershire's history at once."""

from __future__ import annotations

from peel_desktop import paths
from peel_desktop.services import history, library
from peel_desktop.storage import repository


def test_first_start_creates_the_database_with_the_default_data(tmp_path, monkeypatch):
    monkeypatch.setenv("PEEL_DESKTOP_DATA", str(tmp_path / "data"))
    ws = library.open_user_workspace()
    try:
        assert ws.path == tmp_path / "data" / "peel.sqlite"
        kinds = sorted(r["kind"] for r in repository.reports(ws.db))
        assert kinds == ["force_summary", "inspection_report", "press_release",
                         "value_for_money_report"]
        found = history.grade_history(ws, "Leicestershire")
        cycles = [i["cycle"] for i in found.inspections]
        assert cycles == ["2014", "2016", "2017", "2018/19"]
        assert len(found.judgments) == 30
    finally:
        ws.close()
    # A second start opens the same database and imports nothing again.
    again = library.open_user_workspace()
    try:
        assert len(repository.reports(again.db)) == 4
    finally:
        again.close()


def test_bundle_is_hmicfrs_text_with_attribution_and_no_news_article():
    corpus = paths.corpus_dir()
    files = library.default_corpus_files()
    assert len(files) == 4
    text = " ".join(f.read_text(encoding="utf-8") for f in files)
    assert "Police Professional" not in text
    attribution = (corpus / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in attribution
    assert "Crown copyright" in attribution
