"""Editions and the reviewer's corrections in the preview: told before replacing, undoable,
a report removable with nothing of the reviewer's lost; corrections keep judgments coherent."""

from __future__ import annotations

import pytest

from peel_desktop.domain import Grade, JudgmentStatus, NotFound
from peel_desktop.services import annotate, editions, history, imports, notes, search
from peel_desktop.services.imports import Corrections
from peel_desktop.services.library import resolve_force
from peel_desktop.storage import annotations as store
from peel_desktop.storage import repository

QUOTE = "we reviewed 60 files from recent investigations"


def _edition(seed, tmp_path, *, cut="Kayleigh’s Love Story"):
    text = seed("report_2018_19").read_text(encoding="utf-8")
    path = tmp_path / "leicestershire-2018-19-corrected.txt"
    path.write_text(text.replace(cut, "A film"), encoding="utf-8")
    return path


def _annotate(ws, quote, note):
    force = resolve_force(ws, "Leic")
    place = notes.anchor_quote(ws, force.id, "2018/19", quote)
    return annotate.annotate_passage(ws, passage_id=place["id"], start=place["start"],
                                     end=place["end"], author="ana", note=note)


def test_the_preview_says_what_replacing_the_edition_would_do(ws, seed, tmp_path):
    first = imports.import_path(ws, seed("report_2018_19"))
    kept = _annotate(ws, QUOTE, "moves")
    gone = _annotate(ws, "Kayleigh’s Love Story", "is left unanchored")
    preview = imports.preview(ws, _edition(seed, tmp_path))
    plan = preview.edition
    assert plan.report_id == first.report_id
    assert plan.title == "Leicestershire Police: PEEL 2018/19 inspection report"
    assert [m.annotation.id for m in plan.moving] == [kept.id]
    assert plan.moving[0].to.startswith("page ")
    assert [m.annotation.id for m in plan.unanchored] == [gone.id]
    assert annotate.get(ws, gone.id).anchor == "anchored"  # the preview wrote nothing


def test_removing_the_new_edition_undoes_the_replacement(ws, seed, tmp_path):
    first = imports.import_path(ws, seed("report_2018_19"))
    kept = _annotate(ws, QUOTE, "moves there and back")
    gone = _annotate(ws, "Kayleigh’s Love Story", "stays with the first edition")
    second = imports.import_path(ws, _edition(seed, tmp_path))
    assert second.superseded == first.report_id
    assert annotate.get(ws, kept.id).report_id == second.report_id

    removal = editions.remove_report(ws, second.report_id, author="ana")
    assert (removal.restored, removal.moved_back, removal.unanchored) == (
        "Leicestershire Police: PEEL 2018/19 inspection report", 1, 0)
    held = {r["id"]: r for r in repository.reports(ws.db)}
    assert list(held) == [first.report_id] and held[first.report_id]["superseded_by"] is None
    assert annotate.get(ws, kept.id).report_id == first.report_id
    lost = annotate.get(ws, gone.id)  # lost when the edition replaced it; still kept
    assert (lost.note, lost.quote, lost.deleted) == (
        "stays with the first edition", "Kayleigh’s Love Story", False)
    # The first edition is current again: searched, and read by the history.
    assert search.search(ws, "Kayleigh").total >= 1
    assert len([j for j in history.grade_history(ws, "Leic").judgments
                if j["cycle"] == "2018/19"]) == 13


def test_removing_a_report_keeps_its_annotations_unanchored(ws, seed):
    report = imports.import_path(ws, seed("report_2018_19"))
    note = _annotate(ws, QUOTE, "my reading of the file review")
    annotate.delete(ws, _annotate(ws, "Kayleigh’s Love Story", "deleted earlier").id,
                    author="ana")
    removal = editions.remove_report(ws, report.report_id, author="ana")
    assert (removal.restored, removal.unanchored) == (None, 1)
    assert repository.reports(ws.db) == []
    kept = annotate.get(ws, note.id)
    assert (kept.anchor, kept.report_id, kept.note, kept.quote) == (
        "lost", None, "my reading of the file review", QUOTE)
    assert [h["action"] for h in annotate.history(ws, note.id)] == ["create", "reanchor"]
    with pytest.raises(NotFound):
        editions.remove_report(ws, report.report_id, author="ana")


def test_words_move_to_where_their_context_is_not_the_first_match(ws, write_report):
    body = ("PEEL 2021/22: An inspection of Kent Police. HMICFRS inspected Kent Police.\n\n"
            "Responding to the public\n\nThe force should answer calls faster.\n\n"
            "Investigating crime\n\nVictims told us the force should answer calls faster "
            "when they ring about their case.\n")
    first = imports.import_path(ws, write_report("kent.txt", body))
    force = resolve_force(ws, "Kent")
    place = notes.anchor_quote(ws, force.id, "2021/22", "about their case")
    passage = store.passages_of_report(ws.db, first.report_id)
    target = next(p for p in passage if "Victims" in p["text"])
    start = target["text"].index("the force should answer calls faster")
    made = annotate.annotate_passage(ws, passage_id=target["id"], start=start,
                                     end=start + len("the force should answer calls faster"),
                                     author="ana", note="victims' words")
    assert place  # the seed of the test: the words stand twice in the report
    second = imports.import_path(ws, write_report("kent.txt", body.replace(
        "HMICFRS inspected", "HMICFRS (the inspectorate) inspected")))
    moved = annotate.get(ws, made.id)
    text = next(p["text"] for p in store.passages_of_report(ws.db, second.report_id)
                if p["id"] == moved.passage_id)
    assert text.startswith("Victims told us")


def _preview(ws, seed):
    return imports.preview(ws, seed("report_2018_19"))


def _row(preview, cycle, question):
    return next(n for n, j in enumerate(preview.found.judgments)
                if j.cycle == cycle and j.question == question)


def test_a_row_the_report_does_not_state_can_be_removed(ws, seed):
    preview = _preview(ws, seed)
    row = _row(preview, "2018/19", "2018/19:armed_policing")
    imports.commit(ws, preview, Corrections(removed=frozenset({row})))
    cells = {(j["cycle"], j["question"]) for j in history.grade_history(ws, "Leic").judgments}
    assert ("2018/19", "Armed policing") not in cells
    [record] = [c for c in repository.corrections_of(ws.db, repository.reports(ws.db)[0]["id"])
                if c["field"] == "removed_judgment"]
    assert record["proposed"].endswith("ungraded") and "Armed policing" in record["corrected"]


def test_status_and_last_inspected_are_corrected_together(ws, seed):
    preview = _preview(ws, seed)
    row = _row(preview, "2018/19", "2018/19:vulnerability")
    with pytest.raises(NotFound, match="needs the earlier cycle"):
        imports.commit(ws, preview, Corrections(statuses={row: JudgmentStatus.CARRIED_OVER}))
    imports.commit(ws, preview, Corrections(statuses={row: JudgmentStatus.CARRIED_OVER},
                                            last_inspected={row: "2017"}))
    [cell] = [j for j in history.grade_history(ws, "Leic").judgments
              if j["cycle"] == "2018/19" and j["question"] == "Protecting vulnerable people"]
    assert (cell["status"], cell["last_inspected"], cell["grade"]) == (
        "carried_over", "2017", "good")


def test_ungraded_is_a_grade_and_a_status(ws, seed):
    preview = _preview(ws, seed)
    row = _row(preview, "2018/19", "2018/19:investigation")
    imports.commit(ws, preview, Corrections(grades={row: Grade.UNGRADED}))
    [cell] = [j for j in history.grade_history(ws, "Leic").judgments
              if j["cycle"] == "2018/19" and j["question"] == "Investigating crime"]
    assert (cell["grade"], cell["status"]) == ("ungraded", "ungraded")


def test_a_corrected_carried_over_grade_corrects_the_earlier_copy(ws, seed):
    preview = _preview(ws, seed)
    row = _row(preview, "2018/19", "2018/19:public_treatment")
    imports.commit(ws, preview, Corrections(grades={row: Grade.OUTSTANDING}))
    cells = {(j["cycle"], j["theme"]): j["grade"]
             for j in history.grade_history(ws, "Leic").judgments if j["level"] == "question"}
    assert cells[("2018/19", "public_treatment")] == "outstanding"
    assert cells[("2017", "public_treatment")] == "outstanding"  # the copy it carried over


def test_quotes_are_found_as_typed(ws, seed):
    extracted = _preview(ws, seed).extracted
    assert imports.find_quote(extracted, "WE REVIEWED 60 files") is not None
    assert imports.find_quote(extracted, "we reviewed 61 files") is None
    assert imports.find_quote(extracted, "good") is None  # too short to cite


def test_undoing_a_replacement_keeps_the_tracker_work_done_since(ws, seed, tmp_path):
    from peel_desktop.services import tracker

    imports.import_path(ws, seed("report_2018_19"))
    imports.import_path(ws, _edition(seed, tmp_path))

    def disclosure():
        return next(t for t in tracker.tracked(ws, "Leic")
                    if t.text.startswith("The force should train all officers"))

    tracker.set_status(ws, disclosure().id, "in_progress", "Training began in March.", "ana")
    current = next(r for r in repository.reports(ws.db) if r["superseded_by"] is None)
    editions.remove_report(ws, current["id"], author="ana")
    again = disclosure()
    assert (again.status, again.status_note) == ("in_progress", "Training began in March.")


def test_the_preview_says_which_grades_the_new_edition_changes(ws, seed, tmp_path):
    imports.import_path(ws, seed("report_2018_19"))
    text = seed("report_2018_19").read_text(encoding="utf-8").replace(
        "Investigating crime Good 2018/19", "Investigating crime Requires improvement 2018/19"
    ).replace("Leicestershire Police is good at investigating crime",
              "Leicestershire Police requires improvement at investigating crime")
    path = tmp_path / "leicestershire-2018-19-regraded.txt"
    path.write_text(text, encoding="utf-8")
    assert imports.preview(ws, path).edition.grade_changes == (
        "PEEL 2018/19 Investigating crime: good → requires improvement",)
    assert imports.preview(ws, _edition(seed, tmp_path)).edition.grade_changes == ()
