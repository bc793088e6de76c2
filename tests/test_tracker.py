"""The findings tracker on the seed data: earlier areas for improvement that the 2018/19 report
refers back to become tracked 2017 findings, with the progress that report states."""

from __future__ import annotations

import pytest

from peel_desktop.domain import NotFound, PeelError
from peel_desktop.services import tracker
from peel_desktop.storage import repository

REPORT_2018_19 = "Leicestershire Police: PEEL 2018/19 inspection report"

# (start of the 2017 finding, status, progress the 2018/19 report states, its words)
EXPECTED_2017 = [
    ("call-takers should record the outcome of THRIVE assessments", "closed", "closed",
     "The force has improved the way it identifies vulnerability during calls."),
    ("the force should conduct a leadership skills audit", "repeated", "in_progress",
     "We found that the force has not fully addressed either area."),
    ("understanding the totality of demand", "closed", "closed",
     "The force has made clear progress on this since our last inspection."),
    ("the force should review how neighbourhood teams are allocated incidents", "closed",
     "closed", "This year, we spent time during fieldwork with staff who allocate incidents "
     "and with neighbourhood teams and found that these areas had improved."),
    ("the force should ensure it fully understands its workforce’s capabilities", "repeated",
     "in_progress", "We found that the force has not fully addressed either area."),
    ("the force should consider how to better identify and develop talent", "repeated",
     "in_progress", "The force has made limited progress in improving its approach to "
     "leadership development and talent management since then."),
]


def _passage(ws, report_title: str, paragraph: int) -> str:
    report = next(r for r in repository.reports(ws.db) if r["title"] == report_title)
    return repository.passage_at(ws.db, report["id"], paragraph)["text"]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_references_in_the_2018_19_report_become_tracked_2017_findings(seeded_ws):
    found = [t for t in tracker.tracked(seeded_ws, "Leicestershire") if t.cycle == "2017"]
    assert [(t.text[:len(e[0])], t.status, t.progress) for t, e in
            zip(found, EXPECTED_2017, strict=True)] == [e[:3] for e in EXPECTED_2017]
    for t, (_, _, _, words) in zip(found, EXPECTED_2017, strict=True):
        assert t.kind == "area_for_improvement" and t.referenced
        # cited to the 2018/19 sentences that describe it, word for word
        assert t.source["report"] == REPORT_2018_19
        assert t.text in t.source["quote"]  # word for word, case as written
        assert _flat(t.source["quote"]) in _flat(
            _passage(seeded_ws, REPORT_2018_19, t.source["paragraph"]))
        # and the status with the sentence that states it, in the same report
        assert t.status_source["quote"] == words
        assert t.status_source["report"] == REPORT_2018_19
        assert _flat(words) in _flat(
            _passage(seeded_ws, REPORT_2018_19, t.status_source["paragraph"]))
    # the printed page numbers a reader finds them on
    assert [(t.source["page"], t.status_source["page"]) for t in found] == [
        (16, 16), (31, 31), (27, 27), (28, 28), (31, 31), (36, 36)]


def test_findings_raised_again_keep_coming_back(seeded_ws):
    items = tracker.tracked(seeded_ws, "Leicestershire")
    groups = tracker.coming_back(items)
    pairs = sorted((g[0].display[:40], g[1].display[:40], g[0].raised_in) for g in groups)
    assert pairs == [
        ("The force should conduct a leadership sk", "The force should conduct a leadership sk",
         ("2017", "2018/19")),
        ("The force should consider how to better ", "The force should improve how it identifi",
         ("2017", "2018/19")),
        ("The force should ensure it fully underst", "The force should ensure it understands f",
         ("2017", "2018/19")),
    ]
    # the 2018/19 disclosure area for improvement is new: open, raised once
    disclosure = next(t for t in items if "disclosure" in t.text)
    assert disclosure.status == "open" and disclosure.raised_in == ("2018/19",)
    assert tracker.summary(items) == {
        "total": 10, "coming_back": 3,
        "by_status": {"open": 4, "in_progress": 0, "repeated": 3, "closed": 3}}


def test_filters_by_cycle_question_status_and_kind(seeded_ws):
    items = tracker.tracked(seeded_ws, "Leicestershire")
    assert len(tracker.filtered(items, status="closed")) == 3
    assert len(tracker.filtered(items, cycle="2018/19")) == 4
    assert {t.cycle for t in tracker.filtered(items, question="investigation")} == {"2018/19"}
    assert tracker.filtered(items, kind="cause_of_concern") == []
    assert len(tracker.filtered(items, keeps_coming_back=True)) == 6
    with pytest.raises(PeelError, match="No finding status 'fixed'"):
        tracker.filtered(items, status="fixed")


def test_the_reviewer_sets_a_status_and_can_go_back_to_the_reports(seeded_ws):
    disclosure = next(t for t in tracker.tracked(seeded_ws, "Leic") if "disclosure" in t.text)
    tracker.set_status(seeded_ws, disclosure.id, "in_progress",
                       "Training plan agreed at the March board", "ana")
    now = next(t for t in tracker.tracked(seeded_ws, "Leic") if t.id == disclosure.id)
    assert (now.status, now.status_basis, now.status_note) == (
        "in_progress", "reviewer", "Training plan agreed at the March board")
    tracker.set_status(seeded_ws, disclosure.id, None, "", "ana")
    back = next(t for t in tracker.tracked(seeded_ws, "Leic") if t.id == disclosure.id)
    assert (back.status, back.status_basis) == ("open", "none")


def test_the_reviewer_links_a_later_finding_to_an_earlier_one(seeded_ws):
    items = tracker.tracked(seeded_ws, "Leic")
    thrive = next(t for t in items if "THRIVE" in t.text)
    disclosure = next(t for t in items if "disclosure" in t.text)
    tracker.link(seeded_ws, thrive.id, disclosure.id, "ana")
    items = tracker.tracked(seeded_ws, "Leic")
    thrive = next(t for t in items if t.id == thrive.id)
    assert thrive.status == "repeated" and thrive.raised_in == ("2017", "2018/19")
    assert len(tracker.coming_back(items)) == 4
    tracker.unlink(seeded_ws, thrive.id, disclosure.id)
    assert next(t for t in tracker.tracked(seeded_ws, "Leic") if t.id == thrive.id).status \
        == "closed"
    with pytest.raises(PeelError, match="must be from a later cycle"):
        tracker.link(seeded_ws, disclosure.id, thrive.id, "ana")
    with pytest.raises(NotFound):
        tracker.link(seeded_ws, thrive.id, 99999, "ana")


def test_an_imported_earlier_report_and_the_later_description_are_one_finding(
        seeded_ws, write_report):
    path = write_report("leicestershire-efficiency-2017.txt", (
        "PEEL: Police efficiency 2017\nAn inspection of Leicestershire Police\n\n"
        "Leicestershire Police was judged to require improvement in how efficiently it keeps "
        "people safe and reduces crime.\n\nArea for improvement\n\n"
        "• The force should consider how to better identify and develop talent in the "
        "workforce.\n\nThe force plans well for the future.\n"))
    from peel_desktop.services import library

    outcome = library.import_file(seeded_ws, path)
    assert outcome.findings == 1
    talent = [t for t in tracker.tracked(seeded_ws, "Leic") if t.cycle == "2017"
              and "talent" in t.text]
    assert len(talent) == 1  # one finding, not the original and its description twice
    (finding,) = talent
    assert not finding.referenced
    assert finding.source["report"] == outcome.title and finding.source["page"] is None
    assert finding.status == "repeated" and finding.progress == "in_progress"
    assert finding.status_source["report"] == REPORT_2018_19
    assert finding.described_by
