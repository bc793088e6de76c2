"""Search: report text, findings and notes, as people type, never an error."""

from __future__ import annotations

import json

import pytest

from peel_desktop.main import main
from peel_desktop.services import annotate, notes, search
from peel_desktop.services.library import resolve_force


def test_a_known_phrase_is_found_with_its_page(seeded_ws):
    found = search.search(seeded_ws, '"we reviewed 60 files"')
    assert found.total == 2  # the summary and the detail say it
    hit = found.hits[0]
    assert (hit.kind, hit.cycle, hit.page) == ("report", "2018/19", 10)
    assert hit.question == "Investigating crime"
    assert "\ue000we\ue001 \ue000reviewed\ue001 \ue00060\ue001 \ue000files\ue001" in hit.snippet


def test_stemming_finds_other_forms(seeded_ws):
    found = search.search(seeded_ws, "investigate", limit=200)
    words = " ".join(h.json()["snippet"] for h in found.hits).lower()
    assert "«investigations»" in words and "«investigating»" in words


def test_filters_by_force_cycle_kind_and_question(seeded_ws):
    assert {h.cycle for h in search.search(seeded_ws, "demand", cycle="2017").hits} == {"2017"}
    findings = search.search(seeded_ws, "force should", kind="finding")
    # the four 2018/19 areas for improvement, and four 2017 ones that report describes
    assert findings.total == 8 and {h.kind for h in findings.hits} == {"finding"}
    assert sorted(h.cycle for h in findings.hits) == ["2017"] * 4 + ["2018/19"] * 4
    questioned = search.search(seeded_ws, "crime", question="investigating", limit=200)
    assert questioned.total and {h.question for h in questioned.hits} == {"Investigating crime"}
    durham = search.search(seeded_ws, "efficiency", force="Durham")
    assert durham.total == 0  # no report of Durham's own is held


def test_exclude_or_and_prefix(seeded_ws):
    both = search.search(seeded_ws, "vetting").total
    without = search.search(seeded_ws, "vetting -corruption").total
    assert 0 < without < both
    either = search.search(seeded_ws, "disclosure OR vetting").total
    assert either >= both
    assert search.search(seeded_ws, "safegu*").total >= search.search(seeded_ws,
                                                                      "safeguarding").total


def test_a_word_beginning_finds_only_words_that_begin_so(seeded_ws):
    # the index holds English stems ("safeguarding" is "safeguard"): a beginning that some
    # held word begins with is searched as typed, never widened to a shorter word ("safe",
    # which would bring every passage on safety)
    found = search.search(seeded_ws, "safegu*", limit=500)
    assert found.total
    for hit in found.hits:
        assert "safegu" in hit.snippet.lower()
    # a beginning no held word begins with ("investigat": the stem is "investig") is
    # searched from the stem it grows from, so it still finds the words typed
    grown = search.search(seeded_ws, "investigat*", limit=200)
    assert grown.total >= search.search(seeded_ws, "investigations").total > 0


@pytest.mark.parametrize("typed", ['stop-and-search', '"', 'AND', '*', '', '   ', 'OR', '-',
                                   '"unterminated phrase', 'NEAR(', 'a:b', '^start', '(((',
                                   "'", 'col:value OR', '🚓', 'NOT crime', '""', '-"x y"'])
def test_whatever_is_typed_never_raises(seeded_ws, typed):
    found = search.search(seeded_ws, typed)
    assert found.total >= 0
    if found.total == 0:
        assert found.hint


def test_only_exclusions_give_a_hint(seeded_ws):
    found = search.search(seeded_ws, "-crime")
    assert (found.total, found.hint) == (0, "Add a word to find: a search cannot be only words "
                                            "to leave out.")


def test_notes_are_searchable_at_once_and_gone_when_deleted(seeded_ws):
    force = resolve_force(seeded_ws, "Leic")
    place = notes.anchor_quote(seeded_ws, force.id, "2018/19", "we reviewed 60 files")
    made = annotate.annotate_passage(seeded_ws, passage_id=place["id"], start=place["start"],
                                     end=place["end"], author="ana",
                                     note="Zebrafish protocol query", tags=["quokka"])
    assert search.search(seeded_ws, "zebrafish", kind="note").total == 1
    assert search.search(seeded_ws, "quokka").hits[0].kind == "note"
    before, _ = annotate.delete(seeded_ws, made.id, author="ana")
    assert search.search(seeded_ws, "zebrafish").total == 0
    annotate.put_back(seeded_ws, before, author="ana")  # undo
    assert search.search(seeded_ws, "zebrafish").total == 1
    annotate.change(seeded_ws, made.id, author="ana", note="Platypus")
    assert search.search(seeded_ws, "zebrafish").total == 0
    assert search.search(seeded_ws, "platypus").total == 1


def test_superseded_editions_are_not_searched(ws, seed, tmp_path):
    from peel_desktop.services import imports

    imports.import_path(ws, seed("report_2018_19"))
    text = seed("report_2018_19").read_text(encoding="utf-8")
    corrected = tmp_path / "c.txt"
    corrected.write_text(text.replace("Kayleigh’s Love Story", "A film"), encoding="utf-8")
    imports.import_path(ws, corrected)
    assert search.search(ws, '"Love Story"').total == 0
    assert search.search(ws, '"we reviewed 60 files"').total == 2


def test_cli_search_json_shape(capsys, seeded_db_path):
    assert main(["--db", str(seeded_db_path), "search", "disclosure", "--json", "--limit",
                 "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"query", "total", "results"}
    assert data["query"] == "disclosure" and data["total"] >= 3 and len(data["results"]) == 3
    first = data["results"][0]
    assert set(first) == {"kind", "force", "cycle", "question", "snippet", "source"}
    assert set(first["source"]) == {"report", "page", "paragraph"}
    assert "«disclosure" in first["snippet"].lower()


def test_cli_search_hint_for_nothing_to_search(capsys, seeded_db_path):
    assert main(["--db", str(seeded_db_path), "search", '"', "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["total"], data["results"], data["hint"]) == (0, [], "Type some words to "
                                                                     "search for.")


@pytest.mark.parametrize("typed", ["investigat*", "vulnerab*", "safeguardi*"])
def test_a_word_beginning_past_its_stem_still_finds_the_word(seeded_ws, typed):
    """The index holds English stems ('investigating' is 'investig'): a beginning typed
    past the stem found nothing."""
    found = search.search(seeded_ws, typed)
    whole = search.search(seeded_ws, typed[:-1].rstrip("*")[:-2] + "*")
    assert found.total > 0 and found.hint is None
    assert found.total <= whole.total


@pytest.mark.parametrize("many", [False, True])
def test_results_come_newest_cycle_first_and_best_first_within_it(seeded_ws, monkeypatch,
                                                                  many):
    """Across every force, the newest cycle's matches come first, the best first within
    each cycle; a note on a question as a whole, of no cycle, is found after them all. The
    count is of every match, however many are shown. (``many``: as when there are too many
    matches to order by cycle in one pass, and each cycle is ranked in turn.)"""
    from peel_desktop.storage import search as store

    if many:
        monkeypatch.setattr(store, "_RANKED_AT_ONCE", 0)
    force = resolve_force(seeded_ws, "Leicestershire")
    annotate.annotate_item(seeded_ws, force_id=force.id, target="question",
                           item_key="theme:investigation", cycle=None, author="ana",
                           note="Ask about the force's crime outcomes")
    every = search.search(seeded_ws, "crime", limit=500)
    cycles = [h.cycle or "" for h in every.hits]
    assert cycles == sorted(cycles, key=lambda c: (c != "", c), reverse=True)
    assert cycles[0] == max(cycles) and cycles[-1] == ""
    assert every.hits[-1].kind == "note"
    first = search.search(seeded_ws, "crime", limit=5)
    assert first.total == every.total > 5
    assert [h.ref for h in first.hits] == [h.ref for h in every.hits[:5]]
