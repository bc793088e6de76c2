"""The PCC's section 55 response: the 56-day deadline, the workspace, and the exported file."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from docx import Document

from peel_desktop.domain import NotFound, PeelError
from peel_desktop.export import write_response
from peel_desktop.main import main
from peel_desktop.services import response
from peel_desktop.storage import repository
from tests.test_briefing import flat, pages

CREATED = datetime(2026, 11, 23, 10, 0)


# Police Act 1996 s.55(5A): the comments "must be published before the end of the period of
# 56 days beginning with the day on which the report is published" — the publication day is the
# first of the 56, so the last day to publish is 55 days after it.
@pytest.mark.parametrize(("published", "due"), [
    (date(2019, 5, 2), date(2019, 6, 26)),
    (date(2023, 1, 31), date(2023, 3, 27)),   # across the end of a short February
    (date(2024, 1, 31), date(2024, 3, 26)),   # the same in a leap year: one day earlier
    (date(2024, 2, 29), date(2024, 4, 24)),   # published on the leap day
    (date(2023, 2, 28), date(2023, 4, 24)),
    (date(2023, 12, 1), date(2024, 1, 25)),   # across the end of the year
    (date(2027, 11, 30), date(2028, 1, 24)),
])
def test_the_deadline_is_the_last_of_the_56_days_beginning_with_publication(published, due):
    assert response.deadline(published) == due
    assert (due - published).days + 1 == 56  # counted as the Act counts: both ends included


def test_days_left_counts_down_to_the_deadline_and_then_overdue():
    published = date(2024, 2, 1)  # the 56 days run 1 February to 27 March 2024
    assert response.days_left(published, date(2024, 2, 1)) == 55
    assert response.days_left(published, date(2024, 2, 29)) == 27
    assert response.days_left(published, date(2024, 3, 27)) == 0
    assert response.days_left(published, date(2024, 3, 28)) == -1


def test_a_date_the_reviewer_types_is_checked():
    assert response.parse_date(" 2019-05-02 ") == date(2019, 5, 2)
    assert response.parse_date("") is None
    with pytest.raises(PeelError, match="'2 May' is not a date"):
        response.parse_date("2 May")


def _report_id(ws) -> int:
    return next(r["id"] for r in repository.reports(ws.db) if r["cycle"] == "2018/19")


def test_the_workspace_lists_each_area_for_improvement_of_the_report(seeded_ws):
    answer = response.load(seeded_ws, _report_id(seeded_ws))
    assert [i.text[:40] for i in answer.items] == [
        "The force should train all officers abou",
        "The force should ensure it understands f",
        "The force should conduct a leadership sk",
        "The force should improve how it identifi",
    ]  # its own four, not the 2017 ones it describes
    assert answer.published is None and answer.deadline is None  # the seed states no date
    response.save(seeded_ws, answer.report_id, published="2019-05-02")
    answer = response.load(seeded_ws, answer.report_id)
    assert (answer.published, answer.published_basis) == ("2019-05-02", "entered")
    assert answer.deadline == date(2019, 6, 26)
    assert answer.days_left(date(2019, 6, 20)) == 6


def _fill(ws) -> int:
    report_id = _report_id(ws)
    response.save(ws, report_id, published="2019-05-02", signed_by="Rupert Matthews, PCC",
                  signoff="I will review progress at the quarterly accountability board.")
    for n, item in enumerate(response.load(ws, report_id).items, start=1):
        response.save_item(ws, report_id, item.finding_id,
                           chief_comment=f"Chief constable on item {n}: work is under way.",
                           pcc_comment=f"PCC on item {n}: I will monitor this.",
                           action=f"Action {n}", owner="Deputy chief constable",
                           due="2019-12-31")
    return report_id


def test_comments_are_kept(seeded_ws):
    report_id = _fill(seeded_ws)
    items = response.load(seeded_ws, report_id).items
    assert [i.pcc_comment for i in items] == [f"PCC on item {n}: I will monitor this."
                                              for n in range(1, 5)]
    assert {i.due for i in items} == {"2019-12-31"}
    with pytest.raises(NotFound):
        response.save_item(seeded_ws, report_id, 99999, pcc_comment="x")
    with pytest.raises(PeelError, match="not a date"):
        response.save_item(seeded_ws, report_id, items[0].finding_id, due="soon")


def test_the_exported_pdf_reads_back_with_every_item_and_both_comments(seeded_ws, tmp_path):
    report_id = _fill(seeded_ws)
    out = tmp_path / "response.pdf"
    write_response(seeded_ws, report_id, out, created=CREATED)
    text = flat(" ".join(pages(out.read_bytes())))
    answer = response.load(seeded_ws, report_id)
    for n, item in enumerate(answer.items, start=1):
        assert flat(item.text) in text
        assert f"Chief constable on item {n}: work is under way." in text
        assert f"PCC on item {n}: I will monitor this." in text
    for words in ("Police and Crime Commissioner’s response", "Introduction", "Sign-off",
                  "Rupert Matthews, PCC", "response due by 26 June 2019",
                  "Open Government Licence v3.0"):
        assert words in text
    every = pages(out.read_bytes())
    assert all(page.count("OFFICIAL") >= 2 and f"of {len(every)}" in page for page in every)
    again = tmp_path / "again.pdf"
    write_response(seeded_ws, report_id, again, created=CREATED)
    assert again.read_bytes() == out.read_bytes()


def test_the_exported_word_document_reads_back_the_same(seeded_ws, tmp_path):
    report_id = _fill(seeded_ws)
    out = tmp_path / "response.docx"
    write_response(seeded_ws, report_id, out, file_format="docx", created=CREATED)
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Introduction", "Recommendations and areas for improvement"]
    assert headings.count("Chief constable’s comment") == 4 and headings[-1] == "Sign-off"
    body = "\n".join(p.text for p in document.paragraphs)
    for n in range(1, 5):
        assert f"Chief constable on item {n}: work is under way." in body
        assert f"PCC on item {n}: I will monitor this." in body
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"
    again = tmp_path / "again.docx"
    write_response(seeded_ws, report_id, again, file_format="docx", created=CREATED)
    assert again.read_bytes() == out.read_bytes()


def test_cli_response_deadline_and_export(capsys, seeded_db_path, tmp_path):
    from peel_desktop.services.workspace import Workspace

    ws = Workspace.open(seeded_db_path)
    report_id = _report_id(ws)
    ws.close()
    assert main(["--db", str(seeded_db_path), "response", "--report", str(report_id),
                 "--published", "2019-05-02", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["published"], data["deadline"]) == ("2019-05-02", "2019-06-26")
    assert len(data["items"]) == 4
    out = tmp_path / "r.docx"
    assert main(["--db", str(seeded_db_path), "response", "--report", str(report_id),
                 "--out", str(out), "--format", "docx"]) == 0
    assert out.stat().st_size > 10_000
    assert main(["--db", str(seeded_db_path), "response", "--report", "999"]) == 1
    assert "No report 999" in capsys.readouterr().err
