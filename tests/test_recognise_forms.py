"""The recogniser on other cycles, forces and published forms: general, not tuned to the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from peel_desktop.importers import extract_file
from peel_desktop.recognise import recognise

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(framework, name: str = "", *, path: Path | None = None):
    return recognise(extract_file(path or FIXTURES / name), framework)


def grades(found) -> dict[tuple, str]:
    return {
        (j.force, j.cycle, j.level.value, j.pillar and j.pillar.value,
         j.question and j.question.split(":")[1]): j.grade.value
        for j in found.judgments
    }


def test_2021_22_web_report_five_point_areas(framework):
    found = read(framework, "cumbria-peel-2021-22-web.txt")
    assert found.facts.force.name == "Cumbria Constabulary"
    assert found.facts.cycle == "2021/22"
    assert found.facts.published == "2022-05-12"
    by_area = {q: g for (_f, _c, _l, _p, q), g in grades(found).items()}
    assert by_area == {
        "public_treatment": "adequate", "prevention": "good",
        "responding": "requires_improvement", "investigation": "adequate",
        "vulnerability": "good", "managing_offenders": "outstanding", "workforce": "good",
        "strategic_planning": "adequate", "crime_recording": "good",
    }
    # No pillar grades exist from 2021/22; the victim service area is not graded.
    assert all(j.level.value == "question" for j in found.judgments)
    assert "victim_service" not in by_area


def test_2021_22_findings_with_cause_and_its_recommendations(framework):
    found = read(framework, "cumbria-peel-2021-22-web.txt")
    kinds = [(f.kind.value, f.question.split(":")[1]) for f in found.findings]
    assert kinds == [
        ("area_for_improvement", "public_treatment"),
        ("cause_of_concern", "responding"),
        ("recommendation", "responding"),
        ("recommendation", "responding"),
        ("innovative_practice", "vulnerability"),
    ]
    cause, first, second = found.findings[1:4]
    assert cause.text.startswith("The force isn’t answering emergency and non-emergency calls")
    assert first.parent == 1 and second.parent == 1
    assert first.text == "make sure it has enough trained call handlers to answer calls promptly; and"
    assert found.findings[4].text.startswith("The force works with the local authority")


def test_2016_web_summary_coordinated_sentences(framework):
    found = read(framework, "kent-peel-2016-legitimacy-web.txt")
    assert (found.facts.force.name, found.facts.cycle) == ("Kent Police", "2016")
    assert grades(found) == {
        ("kent", "2016", "pillar", "legitimacy", None): "good",
        ("kent", "2016", "question", "legitimacy", "public_treatment"): "good",
        ("kent", "2016", "question", "legitimacy", "ethical_workforce"): "requires_improvement",
        ("kent", "2016", "question", "legitimacy", "workforce_treatment"): "good",
    }
    assert all(j.citation.page is None and j.citation.paragraph for j in found.judgments)


def test_2015_pdf_extract_with_pages_wrapped_titles_and_a_box(framework):
    found = read(framework, "durham-peel-2015-effectiveness-extract.txt")
    assert (found.facts.force.name, found.facts.cycle) == ("Durham Constabulary", "2015")
    assert grades(found) == {
        ("durham", "2015", "pillar", "effectiveness", None): "outstanding",
        ("durham", "2015", "question", "effectiveness", "prevention"): "outstanding",
        ("durham", "2015", "question", "effectiveness", "investigation"): "good",
        ("durham", "2015", "question", "effectiveness", "vulnerability"): "good",
        ("durham", "2015", "question", "effectiveness", "serious_organised_crime"): "good",
    }
    investigation = next(j for j in found.judgments if j.question == "2015:investigation")
    assert investigation.citation.page == 3
    assert investigation.citation.page_label == "3"
    [cause] = found.findings
    assert cause.kind.value == "cause_of_concern"
    assert cause.question == "2015:serious_organised_crime"
    assert cause.citation.page == 4
    # The box ends where the box ends: the body text beside it is not part of the finding.
    assert cause.text == ("The force does not understand the threat from cyber-enabled crime "
                          "well enough and lacks the specialist capacity to investigate it.")


def test_text_stating_no_grades_yields_none(framework):
    found = read(framework, "surrey-peel-no-grades.txt")
    assert found.facts.force.name == "Surrey Police"
    assert found.judgments == ()
    assert found.findings == ()
    assert found.counts == ()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("PEEL 2017: Kent Police is adequate at investigating crime, HMICFRS said.",
         "'adequate' is not on the 2017 four-point scale"),
        ("PEEL 2017 Kent Police. HMICFRS considers whether the force is good at investigating "
         "crime and reducing re-offending.", "a definition, not a judgment"),
        ("PEEL 2018/19 Kent Police. HMICFRS said the force is very good at dealing with people "
         "with mental health problems.", "praise, not a question's grade"),
        ("PEEL 2018/19: Kent Police. The remaining 29 forces were judged as good at investigating "
         "crime.", "about other, unnamed forces"),
        # a table whose grade cells were lost: the grade left below the last row is not its own,
        # and specialist capabilities was never graded (a committee paper's summary table)
        ("PEEL Police Effectiveness 2017: An Inspection of Kent Police\n\nInspection area\n\n"
         "Tackling serious and organised crime\n\nSpecialist capabilities\n\nRequires "
         "improvement", "an ungraded question takes no grade"),
        ("PEEL 2018/19 Kent Police\n\nArmed policing Requires improvement 2018/19",
         "armed policing is not graded"),
    ],
)
def test_statements_that_are_not_grades_are_not_recorded(framework, write_report, text, why):
    found = read(framework, path=write_report("statement.txt", text + "\n"))
    assert found.facts.force is not None, why
    assert found.judgments == (), why


def test_grade_counts_stated_in_a_press_release(framework, write_report):
    path = write_report("west-mercia.txt", (
        "West Mercia Police: PEEL 2023–25\n"
        "Published 3 March 2025\n"
        "HMICFRS rated West Mercia Police good in four areas, adequate in two and requires "
        "improvement in one of the areas it inspected.\n"
    ))
    found = read(framework, path=path)
    assert found.facts.cycle == "2023-25"
    assert {(c.grade.value, c.count) for c in found.counts} == {
        ("good", 4), ("adequate", 2), ("requires_improvement", 1)}
    assert found.judgments == ()


def test_another_force_named_as_subject_gets_its_own_grade(framework, write_report):
    path = write_report("note.txt", (
        "Leicestershire Police: PEEL 2016 efficiency\n"
        "HMIC judged Leicestershire Police to be good for efficiency. "
        "By comparison, Durham Constabulary is judged to be outstanding for efficiency.\n"
    ))
    found = read(framework, path=path)
    assert grades(found) == {
        ("leicestershire", "2016", "pillar", "efficiency", None): "good",
        ("durham", "2016", "pillar", "efficiency", None): "outstanding",
    }


def test_hard_wrapped_text_without_page_marks_is_one_page(framework, write_report):
    body = ("Leicestershire Police PEEL 2018/19. HMICFRS inspected the force and found that it\n"
            "works well with partners to protect vulnerable people in the local area and\n") * 12
    found = read(framework, path=write_report("wrapped.txt", body))
    extracted = extract_file(write_report("wrapped2.txt", body))
    assert extracted.paged and extracted.page_count == 1
    assert found.judgments == ()


def test_2023_25_judgments_table_set_out_by_grade_column(framework):
    found = read(framework, "wiltshire-peel-2023-25-web.txt")
    assert (found.facts.force.name, found.facts.cycle) == ("Wiltshire Police", "2023-25")
    by_area = {q: g for (_f, _c, _l, _p, q), g in grades(found).items()}
    assert by_area == {
        "prevention": "good", "managing_offenders": "good", "workforce": "good",
        "leadership": "good", "police_powers": "adequate", "vulnerability": "adequate",
        "responding": "requires_improvement", "investigation": "requires_improvement",
    }
    responding = next(j for j in found.judgments if j.question == "2023-25:responding")
    assert responding.citation.quote == "Requires improvement … Responding to the public"
    [area] = found.findings
    assert area.question == "2023-25:responding"


def test_a_title_written_without_its_colon_still_names_the_cycle(framework, write_report):
    path = write_report("minute.txt", (  # a council's page: its banners head the page
        "Agendas, Meetings and Minutes\n\nAgenda item\n\nPolice and Crime Panel\n\n"
        "HMICFRS Inspection Report: PEEL Police Effectiveness 2017: An Inspection of Kent "
        "Police\n\n"
        "HMICFRS published its inspection findings into Police Effectiveness.\n"
    ))
    assert read(framework, path=path).facts.cycle == "2017"
