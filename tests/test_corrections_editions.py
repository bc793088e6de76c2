"""The reviewer corrects what was recognised; corrected editions supersede, nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peel_desktop.domain import Grade, ImportRejected, NotFound
from peel_desktop.main import main
from peel_desktop.services import history, imports
from peel_desktop.storage import repository

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_cycle_given_by_the_reviewer_makes_an_undated_report_importable(ws):
    path = FIXTURES / "no-cycle-stated.txt"
    with pytest.raises(ImportRejected, match="cycle it belongs to"):
        imports.import_path(ws, path)
    outcome = imports.import_path(ws, path, imports.Corrections(cycle="2021/22"))
    assert outcome.title == "Norfolk Constabulary: PEEL 2021/22 inspection report"
    [record] = repository.corrections_of(ws.db, outcome.report_id)
    assert (record["field"], record["proposed"], record["corrected"]) == ("cycle", None, "2021/22")
    assert record["author"] and record["created"]


def test_grade_correction_keeps_the_citation_and_what_was_proposed(ws, seed):
    preview = imports.preview(ws, seed("summary_2017"))
    index = next(i for i, j in enumerate(preview.found.judgments)
                 if j.cycle == "2016" and j.level.value == "pillar")
    quote = preview.found.judgments[index].citation.quote
    outcome = imports.commit(ws, preview, imports.Corrections(grades={index: Grade.OUTSTANDING}),
                             author="a.reviewer")
    [record] = repository.corrections_of(ws.db, outcome.report_id)
    assert (record["field"], record["proposed"], record["corrected"], record["author"]) == (
        "grade", "good", "outstanding", "a.reviewer")
    corrected = next(j for j in history.grade_history(ws, "Leic").judgments
                     if j["cycle"] == "2016" and j["level"] == "pillar")
    assert corrected["grade"] == "outstanding"
    assert corrected["source"]["quote"] == quote


def test_reviewer_adds_a_judgment_the_source_states(ws, seed):
    added = imports.AddedJudgment(
        question="Investigating crime", grade=Grade.GOOD,
        quote="The force has maintained the standard of its investigations")
    preview = imports.preview(ws, seed("summary_2017"))
    outcome = imports.commit(ws, preview, imports.Corrections(added=(added,)))
    row = next(j for j in history.grade_history(ws, "Leic").judgments
               if j["question"] and j["question"].startswith("How effective is the force at "
                                                             "investigating"))
    assert (row["cycle"], row["grade"]) == ("2017", "good")
    assert row["source"]["quote"] == added.quote
    assert row["source"]["paragraph"] == 13
    record = repository.corrections_of(ws.db, outcome.report_id)[0]
    assert record["field"] == "added_judgment"


def test_an_added_judgment_must_quote_the_report(ws, seed):
    added = imports.AddedJudgment(question="Investigating crime", grade=Grade.GOOD,
                                  quote="words that the report never says anywhere")
    preview = imports.preview(ws, seed("summary_2017"))
    with pytest.raises(ImportRejected, match="do not occur in the report"):
        imports.commit(ws, preview, imports.Corrections(added=(added,)))
    assert repository.reports(ws.db) == []


def test_a_grade_off_the_cycles_scale_is_refused(ws, seed):
    preview = imports.preview(ws, seed("summary_2017"))
    with pytest.raises(NotFound, match="not a grade of PEEL 2017"):
        imports.commit(ws, preview, imports.Corrections(grades={0: Grade.ADEQUATE}))


def test_cli_corrections_file(capsys, db_path, tmp_path):
    corrections = tmp_path / "fix.json"
    corrections.write_text(json.dumps({"force": "Norfolk", "cycle": "2023-25"}))
    code = main(["--db", str(db_path), "import", "--corrections", str(corrections),
                 str(FIXTURES / "no-cycle-stated.txt")])
    assert code == 0
    assert "Norfolk Constabulary: PEEL 2023-25" in capsys.readouterr().out
    corrections.write_text("{not json")
    code = main(["--db", str(db_path), "import", "--corrections", str(corrections),
                 str(FIXTURES / "no-cycle-stated.txt")])
    assert code == 1
    assert "fix.json: the corrections cannot be read" in capsys.readouterr().err


def test_corrected_edition_supersedes_and_keeps_the_old(ws, seed, tmp_path):
    first = imports.import_path(ws, seed("report_2018_19"))
    text = seed("report_2018_19").read_text(encoding="utf-8")
    corrected = tmp_path / "leicestershire-2018-19-corrected.txt"
    corrected.write_text(text.replace("we reviewed 60 files", "we reviewed 61 files"),
                         encoding="utf-8")
    second = imports.import_path(ws, corrected)
    assert second.superseded == first.report_id
    reports = {r["id"]: r for r in repository.reports(ws.db)}
    assert reports[first.report_id]["superseded_by"] == second.report_id
    assert reports[second.report_id]["superseded_by"] is None
    # The history reads the current edition only: nothing is counted twice.
    found = history.grade_history(ws, "Leic")
    assert found.inspections[-1]["reports"] == ["Leicestershire Police: PEEL 2018/19 inspection report"]
    assert len([j for j in found.judgments if j["cycle"] == "2018/19"]) == 13
    # The old file again is a duplicate of the old edition: nothing changes.
    again = imports.import_path(ws, seed("report_2018_19"))
    assert again.duplicate and again.report_id == first.report_id


def test_a_different_kind_of_document_is_not_an_edition(ws, seed):
    imports.import_path(ws, seed("summary_2017"))
    imports.import_path(ws, seed("report_2018_19"))
    assert all(r["superseded_by"] is None for r in repository.reports(ws.db))


def test_a_corrected_edition_keeps_the_response_and_tracker_work(ws, seed, tmp_path):
    from peel_desktop.services import response, tracker

    first = imports.import_path(ws, seed("report_2018_19"))
    response.save(ws, first.report_id, published="2019-05-02", signed_by="The PCC")
    item = response.load(ws, first.report_id).items[0]
    response.save_item(ws, first.report_id, item.finding_id, pcc_comment="I will monitor this.")
    disclosure = next(t for t in tracker.tracked(ws, "Leic") if "disclosure" in t.text)
    tracker.set_status(ws, disclosure.id, "in_progress", "Training plan agreed", "ana")
    text = seed("report_2018_19").read_text(encoding="utf-8")
    corrected = tmp_path / "leicestershire-2018-19-corrected.txt"
    corrected.write_text(text.replace("we reviewed 60 files", "we reviewed 61 files"),
                         encoding="utf-8")
    second = imports.import_path(ws, corrected)
    answer = response.load(ws, second.report_id)
    assert (answer.published, answer.signed_by) == ("2019-05-02", "The PCC")
    assert answer.items[0].pcc_comment == "I will monitor this."
    now = next(t for t in tracker.tracked(ws, "Leic") if "disclosure" in t.text)
    assert now.id != disclosure.id and (now.status, now.status_note) == (
        "in_progress", "Training plan agreed")
    assert len(tracker.tracked(ws, "Leic")) == 10  # the old edition's findings are not shown
