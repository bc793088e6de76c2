"""The PEEL framework data: every cycle, its scale, questions and crosswalk themes."""

from __future__ import annotations

from peel_desktop.domain import Grade


def test_cycles_and_scales(framework):
    assert [c.key for c in framework.cycles] == [
        "2014", "2015", "2016", "2017", "2018/19", "2021/22", "2023-25"]
    for cycle in framework.cycles:
        assert cycle.questions, cycle.key
        assert (Grade.ADEQUATE in cycle.scale) == (cycle.key in {"2021/22", "2023-25"})
        assert cycle.pillars_graded == (cycle.key not in {"2021/22", "2023-25"})


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


def test_scale_change_is_known(framework):
    assert framework.crosses_scale_break("2018/19", "2021/22")
    assert framework.crosses_scale_break("2014", "2023-25")
    assert not framework.crosses_scale_break("2016", "2018/19")
    assert not framework.crosses_scale_break("2021/22", "2023-25")
    assert "cannot be compared directly" in framework.scale_break_note


def test_forty_three_forces(framework):
    assert len(framework.forces) == 43
    assert len({f.key for f in framework.forces}) == 43
