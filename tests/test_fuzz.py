"""Fuzzing the recogniser and the review-bundle reader: nothing crashes, nothing is invented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peel_desktop.domain import Grade, ImportRejected, PeelError
from peel_desktop.framework import default_framework
from peel_desktop.importers.text import extract_text
from peel_desktop.recognise import recognise
from peel_desktop.services import bundle

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
LINES = [line for p in sorted(SEEDS.glob("0*.txt"))
         for line in p.read_text(encoding="utf-8").splitlines() if line.strip()][:4000]
PIECES = ["Good", "Requires improvement", "Adequate", "Inadequate", "Outstanding", "Ungraded",
          "2016", "2018/19", "Area for improvement", "Cause of concern", "Recommendations",
          "• The force should", "Investigating crime", "Leicestershire Police", "Kent Police",
          "is judged to be good at", "PEEL 2021/22", "\f", " ", "", "'good' in four areas",
          "Last year (2015), five forces were ‘outstanding’ (Durham; Kent)."]

line = st.one_of(st.sampled_from(LINES), st.sampled_from(PIECES),
                 st.text(max_size=80))
document = st.lists(line, min_size=1, max_size=60).map("\n".join)


def _normal(text: str) -> str:
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=document)
def test_recogniser_never_crashes_or_invents(text):
    framework = default_framework()
    try:
        extracted = extract_text("fuzz.txt", text.encode("utf-8"), "x")
    except ImportRejected:
        return
    found = recognise(extracted, framework)
    whole = _normal(extracted.text)
    for j in found.judgments:
        cycle = framework.cycle(j.cycle)
        assert j.grade is Grade.UNGRADED or j.grade in cycle.scale
        for fragment in j.citation.quote.split(" … "):
            assert _normal(fragment) in whole
    for f in found.findings:
        assert _normal(f.text) in whole


value = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                     lambda children: st.lists(children, max_size=4)
                     | st.dictionaries(st.text(max_size=10), children, max_size=4),
                     max_leaves=20)
entry = st.fixed_dictionaries({
    k: v for k, v in {
        "id": st.text(max_size=12), "target": st.sampled_from(["passage", "question", "x"]),
        "cycle": st.sampled_from(["2018/19", None, "1999"]), "item_key": st.none(),
        "start": st.integers(-5, 50), "end": st.integers(-5, 50), "quote": st.text(max_size=30),
        "before": st.text(max_size=5), "after": st.text(max_size=5),
        "note": st.text(max_size=40), "tags": st.lists(st.text(max_size=8), max_size=3),
        "rag": st.sampled_from([None, "red", "purple"]), "key_evidence": st.booleans(),
        "ask_chief": st.booleans(), "anchor": st.sampled_from(["anchored", "lost"]),
        "deleted": st.booleans(), "author": st.text(max_size=8),
        "created": st.text(max_size=8), "updated": st.text(max_size=8),
        "updated_by": st.text(max_size=8), "rev": st.text(max_size=8),
        "revs": st.lists(st.text(max_size=8), max_size=3),
        "force": st.sampled_from(["leicestershire", "kent", "nowhere"]),
        "report": st.none(), "paragraph": st.none()}.items()})
bundle_like = st.one_of(
    value,
    st.fixed_dictionaries({"format": st.just(bundle.FORMAT), "schema": st.integers(0, 3),
                           "annotations": st.lists(entry, max_size=3),
                           "review_status": st.lists(value, max_size=2)}))


@pytest.mark.slow
@settings(max_examples=3000, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=bundle_like)
def test_bundle_reader_refuses_cleanly(tmp_path, data):
    path = tmp_path / "fuzz.peelreview"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        read = bundle.read(path)
    except PeelError as error:
        assert str(error).startswith("fuzz.peelreview: ")
        return
    assert read["format"] == bundle.FORMAT


@pytest.mark.slow
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(entries=st.lists(entry, min_size=1, max_size=3))
def test_merging_odd_bundles_changes_nothing_or_merges_cleanly(ws, tmp_path, entries):
    path = tmp_path / "odd.peelreview"
    path.write_text(json.dumps({"format": bundle.FORMAT, "schema": 1, "annotations": entries,
                                "review_status": []}), encoding="utf-8")
    before = ws.db.execute("SELECT count(*) FROM annotations").fetchone()[0]
    try:
        bundle.merge(ws, path, author="fuzz")
    except PeelError:
        assert ws.db.execute("SELECT count(*) FROM annotations").fetchone()[0] == before
    assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
