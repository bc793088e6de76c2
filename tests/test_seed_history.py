"""Leicestershire Police's history from the five seed documents: all they state, and no more."""

from __future__ import annotations

import re

import pytest

from peel_desktop.services import history
from peel_desktop.storage import repository

G, RI, UNG = "good", "requires_improvement", "ungraded"

# (cycle, level, pillar, question wording or None, grade, status, last inspected)
EXPECTED = {
    ("2014", "pillar", "efficiency", None, G, "graded", None),
    ("2014", "question", "efficiency", "To what extent is the force efficient?", G, "graded", None),
    ("2014", "question", "efficiency", "To what extent is the force taking the necessary steps to "
     "ensure a secure financial position for the short and long term?", G, "graded", None),
    ("2014", "question", "efficiency",
     "To what extent has the force an affordable way of providing policing?", G, "graded", None),
    ("2016", "pillar", "efficiency", None, G, "graded", None),
    ("2016", "question", "effectiveness", "How effective is the force at preventing crime, "
     "tackling anti-social behaviour and keeping people safe?", G, "graded", None),
    ("2016", "question", "efficiency",
     "How well does the force understand its current and likely future demand?", G, "graded", None),
    ("2017", "pillar", "effectiveness", None, G, "graded", None),
    ("2017", "pillar", "efficiency", None, RI, "graded", None),
    ("2017", "pillar", "legitimacy", None, G, "graded", None),
    ("2017", "question", "effectiveness",
     "How effective is the force at tackling serious and organised crime?", G, "graded", None),
    ("2017", "question", "efficiency",
     "How well does the force understand its current and likely future demand?", RI, "graded", None),
    ("2017", "question", "efficiency",
     "How well does the force use its resources to manage current demand?", RI, "graded", None),
    ("2017", "question", "efficiency",
     "How well is the force planning for demand in the future?", RI, "graded", None),
    ("2017", "question", "legitimacy", "To what extent does the force treat all of the people it "
     "serves with fairness and respect?", G, "graded", None),
    ("2017", "question", "legitimacy",
     "How well does the force ensure that its workforce behaves ethically and lawfully?", G,
     "graded", None),
    ("2017", "question", "legitimacy",
     "To what extent does the force treat its workforce with fairness and respect?", G, "graded",
     None),
    ("2018/19", "pillar", "effectiveness", None, G, "graded", None),
    ("2018/19", "pillar", "efficiency", None, G, "graded", None),
    ("2018/19", "pillar", "legitimacy", None, G, "graded", None),
    ("2018/19", "question", "effectiveness", "Preventing crime and tackling anti-social behaviour",
     G, "carried_over", "2016"),
    ("2018/19", "question", "effectiveness", "Investigating crime", G, "graded", "2018/19"),
    ("2018/19", "question", "effectiveness", "Protecting vulnerable people", G, "graded", "2018/19"),
    ("2018/19", "question", "effectiveness", "Tackling serious and organised crime", G,
     "carried_over", "2017"),
    ("2018/19", "question", "effectiveness", "Armed policing", UNG, "ungraded", "2018/19"),
    ("2018/19", "question", "efficiency", "Meeting current demands and using resources", G,
     "graded", "2018/19"),
    ("2018/19", "question", "efficiency", "Planning for the future", G, "graded", "2018/19"),
    ("2018/19", "question", "legitimacy", "Treating the public fairly", G, "carried_over", "2017"),
    ("2018/19", "question", "legitimacy", "Ethical and lawful workforce behaviour", G, "graded",
     "2018/19"),
    ("2018/19", "question", "legitimacy", "Treating the workforce fairly", G, "carried_over",
     "2017"),
}

AREAS_FOR_IMPROVEMENT_2018_19 = [
    ("Investigating crime",
     "The force should train all officers about the rules of disclosure when preparing cases for "
     "court."),
    ("Meeting current demands and using resources",
     "The force should ensure it understands fully its workforce’s capabilities, so that it can "
     "identify and address any gaps. These should enable the force to be efficient in meeting "
     "current and likely future demand."),
    ("Meeting current demands and using resources",
     "The force should conduct a leadership skills audit that will allow it to understand "
     "leadership capacity and capability."),
    ("Planning for the future",
     "The force should improve how it identifies and develops talented people in its workforce."),
]


def _key(j: dict) -> tuple:
    return (j["cycle"], j["level"], j["pillar"], j["question"], j["grade"], j["status"],
            j["last_inspected"])


@pytest.fixture
def leicestershire(seeded_ws):
    return history.grade_history(seeded_ws, "Leicestershire").as_json()


def test_every_stated_grade_and_nothing_else(leicestershire):
    assert leicestershire["force"] == "Leicestershire Police"
    assert {_key(j) for j in leicestershire["judgments"]} == EXPECTED
    assert len(leicestershire["judgments"]) == len(EXPECTED)


def test_inspections_cover_the_cycles_the_seeds_speak_of(leicestershire):
    cycles = [i["cycle"] for i in leicestershire["inspections"]]
    assert cycles == ["2014", "2016", "2017", "2018/19", "2023-25"]
    four_point = ["outstanding", "good", "requires_improvement", "inadequate"]
    assert leicestershire["inspections"][0]["scale"] == four_point
    assert "adequate" in leicestershire["inspections"][-1]["scale"]


def test_2023_25_states_only_counts_and_no_area_grades(leicestershire):
    latest = leicestershire["inspections"][-1]
    assert latest["stated_grade_counts"] == {"good": 4, "adequate": 2, "requires_improvement": 2}
    assert latest["reports"] == ["Leicestershire Police: PEEL 2023-25 news article"]
    assert not [j for j in leicestershire["judgments"] if j["cycle"] == "2023-25"]


def test_carried_over_judgment_fills_the_earlier_cycle_citing_the_later_report(leicestershire):
    earlier = [j for j in leicestershire["judgments"]
               if j["cycle"] == "2016" and j["level"] == "question"
               and j["pillar"] == "effectiveness"]
    assert len(earlier) == 1
    assert earlier[0]["grade"] == "good"
    assert earlier[0]["source"]["report"] == "Leicestershire Police: PEEL 2018/19 inspection report"
    assert "2016" in earlier[0]["source"]["quote"]


def test_table_row_is_cited_with_its_page(leicestershire):
    row = next(j for j in leicestershire["judgments"] if j["question"] == "Investigating crime")
    assert row["source"]["quote"] == "Investigating crime Good 2018/19"
    assert row["source"]["page"] == 4
    assert row["theme"] == "investigation"


def test_web_text_is_cited_by_paragraph(leicestershire):
    row = next(j for j in leicestershire["judgments"]
               if j["cycle"] == "2017" and j["pillar"] == "efficiency" and j["level"] == "pillar")
    assert row["source"]["page"] is None
    assert row["source"]["paragraph"] > 0
    assert "Requires improvement" in row["source"]["quote"]


def test_four_areas_for_improvement_word_for_word(seeded_ws):
    found = [f for f in history.findings_history(seeded_ws, "leicestershire police")["findings"]
             if f["cycle"] == "2018/19"]
    assert [(f["question"], f["text"]) for f in found] == AREAS_FOR_IMPROVEMENT_2018_19
    assert {f["kind"] for f in found} == {"area_for_improvement"}
    # The box bullet stops where the box stops, not with the body text beside it.
    assert not any("concluded" in f["text"] or "the council" in f["text"] for f in found)


def _normal(text: str) -> str:
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


def test_every_quote_occurs_in_its_report(seeded_ws, seeds_dir):
    files = {r["title"]: r["source_name"] for r in repository.reports(seeded_ws.db)}
    rows = [
        *history.grade_history(seeded_ws, "Leicestershire").judgments,
        *history.findings_history(seeded_ws, "Leicestershire")["findings"],
    ]
    for force in ("Durham", "Humberside", "West Midlands"):
        rows += history.grade_history(seeded_ws, force).judgments
    texts = {}
    for row in rows:
        name = files[row["source"]["report"]]
        if name not in texts:
            texts[name] = _normal((seeds_dir / name).read_text(encoding="utf-8"))
        position = 0
        for fragment in row["source"]["quote"].split(" … "):
            found = texts[name].find(_normal(fragment), position)
            assert found >= 0, (name, fragment)
            position = found


OTHER_FORCES = {
    ("Durham Constabulary", "2016", "outstanding"), ("West Midlands Police", "2016", "outstanding"),
    ("Bedfordshire Police", "2016", RI), ("Cambridgeshire Constabulary", "2016", RI),
    ("City of London Police", "2016", RI), ("Devon and Cornwall Police", "2016", RI),
    ("Dyfed-Powys Police", "2016", RI), ("Humberside Police", "2016", RI),
    ("Nottinghamshire Police", "2016", RI), ("South Yorkshire Police", "2016", RI),
    ("Cheshire Constabulary", "2015", "outstanding"), ("Durham Constabulary", "2015", "outstanding"),
    ("Lancashire Constabulary", "2015", "outstanding"), ("Norfolk Constabulary", "2015", "outstanding"),
    ("West Midlands Police", "2015", "outstanding"), ("Bedfordshire Police", "2015", RI),
    ("Cleveland Police", "2015", RI), ("Dorset Police", "2015", RI), ("Dyfed-Powys Police", "2015", RI),
    ("Lincolnshire Police", "2015", RI), ("Northamptonshire Police", "2015", RI),
    ("South Yorkshire Police", "2015", RI), ("Surrey Police", "2015", RI),
    ("Humberside Police", "2015", "inadequate"),
}


def test_other_forces_efficiency_grades_stated_in_passing(seeded_ws):
    stated = set()
    for force in repository.forces_with_data(seeded_ws.db):
        if force.name == "Leicestershire Police":
            continue
        found = history.grade_history(seeded_ws, force.name)
        for j in found.judgments:
            assert (j["level"], j["pillar"]) == ("pillar", "efficiency")
            stated.add((found.force, j["cycle"], j["grade"]))
    # "The remaining 33 forces were judged as 'good'" names none, so no force gets 'good'.
    assert stated == OTHER_FORCES
