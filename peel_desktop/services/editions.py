"""Editions: a corrected report replacing an earlier one, what that does to the reviewer's
annotations (told before it happens), and removing a report again (undoing a replacement).

An annotation on words moves to where the same words stand in the new edition with the most
of their context around them, across the whole report: the first passage that merely
contains the words may be about another question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peel_desktop.domain import NotFound
from peel_desktop.importers import ExtractedReport
from peel_desktop.recognise import Recognition
from peel_desktop.services import annotate
from peel_desktop.services.annotate import Annotation, change
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import annotations as store
from peel_desktop.storage import editions


def _occurrences(text: str, words: str) -> Iterable[int]:
    at = text.find(words)
    while at != -1:
        yield at
        at = text.find(words, at + 1)


def _context(text: str, at: int, a: Annotation) -> int:
    before = text[max(0, at - len(a.before)):at]
    after = text[at + len(a.quote):at + len(a.quote) + len(a.after)]
    return (sum(x == y for x, y in zip(reversed(before), reversed(a.before), strict=False))
            + sum(x == y for x, y in zip(after, a.after, strict=False)))


def best_place(passages: Iterable[tuple[object, str]], a: Annotation) -> tuple[object, int] | None:
    """(passage key, offset) where the annotation's words stand with the most of their
    context; the earliest of equals. None when the words are nowhere."""
    best = None
    for key, text in passages:
        for at in _occurrences(text, a.quote):
            score = _context(text, at, a)
            if best is None or score > best[0]:
                best = (score, key, at)
    return (best[1], best[2]) if best else None


@dataclass(frozen=True)
class Reanchored:
    moved: tuple[Annotation, ...]
    lost: tuple[Annotation, ...]


def reanchor(ws: Workspace, old_report_id: int, new_report_id: int, *,
             author: str) -> Reanchored:
    """Move annotations from one edition to another by their words, judgment or finding.

    Those whose words (or judgment, or finding) are gone are marked lost and listed, never
    dropped: they keep their quote and their place in the earlier edition.
    """
    passages = [(p["id"], p["text"]) for p in store.passages_of_report(ws.db, new_report_id)]
    successors = editions.finding_successors(ws.db, old_report_id, new_report_id)
    moved, lost = [], []
    for row in store.on_report(ws.db, old_report_id):
        a = annotate._from_row(row)
        target: dict = {}
        if a.target == "passage" and a.quote:
            place = best_place(passages, a)
            if place:
                target = {"passage_id": place[0], "start": place[1],
                          "end": place[1] + len(a.quote)}
        elif a.judgment_id:
            found = store.judgment_like(ws.db, new_report_id, a.judgment_id)
            target = {"judgment_id": found} if found else {}
        elif a.finding_id:
            found = successors.get(a.finding_id)
            target = {"finding_id": found} if found else {}
        if target:
            _, after = change(ws, a.id, author=author, action="reanchor",
                              report_id=new_report_id, anchor="reanchored", **target)
            moved.append(after)
        else:
            _, after = change(ws, a.id, author=author, action="reanchor", anchor="lost")
            lost.append(after)
    return Reanchored(tuple(moved), tuple(lost))


@dataclass(frozen=True)
class PlannedMove:
    annotation: Annotation
    to: str | None  # where it will stand in the new edition ("page 12"), None: unanchored


@dataclass(frozen=True)
class EditionPlan:
    """What importing a new edition would do, told in the preview before anything changes."""

    report_id: int
    title: str
    imported_at: str
    moves: tuple[PlannedMove, ...]
    grade_changes: tuple[str, ...] = ()  # "PEEL 2018/19 Investigating crime: good → adequate"

    @property
    def moving(self) -> tuple[PlannedMove, ...]:
        return tuple(m for m in self.moves if m.to is not None)

    @property
    def unanchored(self) -> tuple[PlannedMove, ...]:
        return tuple(m for m in self.moves if m.to is None)


def plan(ws: Workspace, held: dict, extracted: ExtractedReport,
         found: Recognition) -> EditionPlan:
    """A dry run of :func:`reanchor` against a preview (nothing is written)."""
    paragraphs = {p.ordinal: p for p in extracted.paragraphs}
    passages = [(p.ordinal, p.text) for p in extracted.paragraphs]
    findings = {(f.kind.value, f.cycle, " ".join(f.text.split())) for f in found.findings}
    judged = {(j.cycle, j.level.value, j.pillar.value if j.pillar else None, j.question)
              for j in found.judgments}
    moves = []
    for row in store.on_report(ws.db, held["id"]):
        a = annotate._from_row(row)
        to = None
        if a.target == "passage" and a.quote:
            place = best_place(passages, a)
            if place:
                paragraph = paragraphs[place[0]]
                to = (f"page {paragraph.page_label or paragraph.page}" if paragraph.page
                      else f"paragraph {paragraph.ordinal}")
        elif a.judgment_id:
            key = store.judgment_key(ws.db, a.judgment_id)
            to = "the same judgment" if key in judged else None
        elif a.finding_id:
            key = store.finding_key(ws.db, a.finding_id)
            to = "the same finding" if key in findings else None
        moves.append(PlannedMove(a, to))
    row = editions.report_row(ws.db, held["id"]) or held
    return EditionPlan(held["id"], held["title"], row.get("imported_at") or "", tuple(moves),
                       _grade_changes(ws, held["id"], found))


def _grade_changes(ws: Workspace, held_id: int, found: Recognition) -> tuple[str, ...]:
    """How the new edition's stated grades differ from the held edition's, in words."""
    def words(grade: str, status: str, last: str | None) -> str:
        grade = grade.replace("_", " ")
        return f"{grade} (carried over from {last})" if status == "carried_over" else grade

    def label(cycle: str, level: str, pillar: str | None, question: str | None) -> str:
        what = (ws.framework.question(question).title if question
                else f"{(pillar or '').capitalize()} (overall)")
        return f"PEEL {cycle} {what}"

    old = {(r["cycle"], r["level"], r["pillar"], r["question_key"]):
           words(r["grade"], r["status"], r["last_inspected"])
           for r in editions.judgments_of_report(ws.db, held_id)}
    new = {(j.cycle, j.level.value, j.pillar.value if j.pillar else None, j.question):
           words(j.grade.value, j.status.value, j.last_inspected) for j in found.judgments}
    out = [f"{label(*k)}: {old[k]} → {new[k]}" for k in new if k in old and old[k] != new[k]]
    out += [f"{label(*k)}: newly stated, {new[k]}" for k in new if k not in old]
    out += [f"{label(*k)}: no longer stated (was {old[k]})" for k in old if k not in new]
    return tuple(out)


@dataclass(frozen=True)
class Removal:
    title: str
    restored: str | None  # the earlier edition made current again
    moved_back: int  # annotations moved to the earlier edition
    unanchored: int  # annotations kept, no longer anchored to any report


def remove_report(ws: Workspace, report_id: int, *, author: str) -> Removal:
    """Remove a report. The edition it replaced (if any) becomes current again and takes
    back the annotations whose words it has; the others are kept, unanchored, never deleted.
    One transaction. Raises NotFound, SaveFailed."""
    held = editions.report_row(ws.db, report_id)
    if held is None:
        raise NotFound(f"There is no report {report_id}.")
    earlier = editions.replaced_by(ws.db, report_id)
    with ws.db.atomic():
        moved: tuple[Annotation, ...] = ()
        if earlier:
            moved = reanchor(ws, report_id, earlier["id"], author=author).moved
        left = [annotate._from_row(row) for row in store.on_report(ws.db, report_id)]
        for a in left:
            change(ws, a.id, author=author, action="reanchor", anchor="lost", report_id=None,
                   passage_id=None, start=None, end=None, judgment_id=None, finding_id=None)
        editions.remove_report(ws.db, report_id)
    return Removal(held["title"], earlier["title"] if earlier else None, len(moved), len(left))


def current_reports(ws: Workspace) -> list[dict]:
    """The reports a reviewer may remove: current editions, with their annotation counts
    and whether each replaced an earlier edition."""
    return editions.current_reports(ws.db)
