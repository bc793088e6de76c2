"""The PEEL framework data: every cycle, its scale, questions and crosswalk themes."""

from __future__ import annotations

from peel_desktop.domain import Grade


def test_cycles_and_scales(framework):
    assert [c.key for c in framework.cycles] == [
        "2014", "2015", "2016", "2017", "2018/19", "2021/22", "2023-25", "2025-27"]
    five_point = {"2021/22", "2023-25", "2025-27"}
    for cycle in framework.cycles:
        assert cycle.questions, cycle.key
        assert (Grade.ADEQUATE in cycle.scale) == (cycle.key in five_point)
        assert cycle.pillars_graded == (cycle.key not in five_point)


def test_peel_2025_27_is_known_with_its_first_core_question(framework):
    leadership = framework.question("2025-27:leadership")
    assert leadership.title == "How good is the force at leadership and force management?"
    # it lines up with 2023-25 by theme
    assert framework.equivalent(leadership, "2023-25").key == "2023-25:leadership"
    assert "11 April 2025" in framework.cycle("2025-27").source


def test_years_name_cycles_from_the_data(framework):
    assert framework.cycle_of_year("2016") == "2016"
    assert framework.cycle_of_year("2019") == "2018/19"
    assert framework.cycle_of_year("2017/18") == "2017"
    assert framework.cycle_of_year("2023–2025") == "2023-25"
    assert framework.cycle_of_year("2026") == "2025-27"
    assert framework.cycle_of_year("2020") is None
    # 2025 ends one cycle and starts the next: read in the report's context
    assert framework.cycle_of_year("2025") == "2023-25"
    assert framework.cycle_of_year("2025", near="2025-27") == "2025-27"


def test_every_question_has_a_known_theme(framework):
    themes = {t.key for t in framework.themes}
    for cycle in framework.cycles:
        for question in cycle.questions:
            assert question.theme in themes, question.key


def test_crosswalk_finds_the_same_concern_in_another_cycle(framework):
    prevention = framework.question("2018/19:prevention")
    assert framework.equivalent(prevention, "2016").key == "2016:prevention"
    treating = framework.question("2018/19:public_treatment")
    assert framework.equivalent(treating, "2017").key == "2017:public_treatment"
    investigation = framework.question("2023-25:investigation")
    assert framework.equivalent(investigation, "2021/22").key == "2021/22:investigation"


def test_every_change_of_framework_since_2021_is_marked_not_comparable(framework):
    assert framework.crosses_break("2018/19", "2021/22")
    assert framework.crosses_break("2014", "2023-25")
    assert not framework.crosses_break("2016", "2018/19")
    assert framework.crosses_break("2021/22", "2023-25")
    assert framework.crosses_break("2023-25", "2025-27")
    assert framework.breaks_along(("2016", "2018/19", "2021/22")) == (
        (2, framework.breaks_between("2018/19", "2021/22")[0].note),)
    assert "five-point" in framework.breaks_between("2018/19", "2021/22")[0].note
    (change,) = framework.breaks_between("2023-25", "2025-27")
    # the mark carries HMICFRS's own words and says where they are from
    assert "isn't possible to make direct comparisons" in change.quote
    assert "2025–2027" in change.source


def test_forty_three_forces(framework):
    assert len(framework.forces) == 43
    assert len({f.key for f in framework.forces}) == 43
