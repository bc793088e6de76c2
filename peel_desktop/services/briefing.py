"""The briefing pack as data: what a PCC takes into the accountability meeting.

Built from the review (grades across cycles, the report's own words, findings) and the
reviewer's annotations flagged as key evidence or as questions for the chief constable.
Renderers (PDF, Word) draw this model; it holds no layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from peel_desktop.domain import NotFound, PeelError
from peel_desktop.framework import words_of
from peel_desktop.services import annotate, history, review, tracker
from peel_desktop.services.review_model import RANK, Board, Column, ReviewItem
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository

MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "NONE")


def check_marking(marking: str) -> None:
    """A protective marking the exports know; raises PeelError otherwise."""
    if marking not in MARKINGS:
        raise PeelError(f"The marking must be one of {', '.join(MARKINGS)}.")
OGL = ("Contains public sector information licensed under the Open Government Licence v3.0 "
       "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). "
       "© Crown copyright, HMIC / HMICFRS.")


@dataclass(frozen=True)
class BriefingOptions:
    force: str
    cycles: tuple[str, ...] = ()  # empty: every cycle held
    questions: tuple[str, ...] = ()  # empty: every question; else any part of their wording
    marking: str = "OFFICIAL"
    title: str = ""
    meeting_date: str | None = None  # YYYY-MM-DD
    author: str = ""
    created: datetime | None = None  # fixed for reproducible packs; default now

    def check(self) -> None:
        check_marking(self.marking)
        if self.meeting_date:
            try:
                date.fromisoformat(self.meeting_date)
            except ValueError:
                raise PeelError(f"The meeting date must be YYYY-MM-DD, not "
                                f"'{self.meeting_date}'.") from None


@dataclass(frozen=True)
class Cited:
    """Words with where they come from."""

    text: str
    report: str
    cycle: str | None
    page: int | None
    paragraph: int | None

    @property
    def citation(self) -> str:
        where = (f"page {self.page}" if self.page else
                 f"paragraph {self.paragraph}" if self.paragraph else "")
        return ", ".join(x for x in (self.report, where) if x)


@dataclass(frozen=True)
class Note:
    annotation: annotate.Annotation
    cited: Cited | None  # the words annotated, with their citation


@dataclass(frozen=True)
class Section:
    item: ReviewItem
    columns: tuple[Column, ...]
    key_evidence: tuple[Note, ...]
    overall: tuple[Note, ...]  # the reviewer's overall view of the question


@dataclass(frozen=True)
class Movement:
    label: str
    before: str
    after: str
    words: str  # improved / declined / unchanged / not directly comparable


@dataclass(frozen=True)
class Recurring:
    """A finding raised in more than one cycle: its latest words, the cycles, its status."""

    text: str
    cycles: tuple[str, ...]
    status: str
    evidence: Cited | None
    reason: str = ""  # the reviewer's reason, where the reviewer set the status


@dataclass(frozen=True)
class TrackerSummary:
    total: int
    by_status: dict[str, int]  # status label → count
    recurring: tuple[Recurring, ...]
    reviewed: tuple[Recurring, ...] = ()  # findings whose status the reviewer set, and why


def _tracked_line(first: tracker.Tracked, last: tracker.Tracked) -> Recurring:
    s = first.status_source
    evidence = Cited(s["quote"], s["report"], None, s["page"], s["paragraph"]) if s else None
    reason = first.status_note if first.status_basis == "reviewer" else ""
    return Recurring(last.display, first.raised_in or (first.cycle,), first.status_label,
                     evidence, reason)


def _tracker_summary(ws: Workspace, force: str, cycles: tuple[str, ...]) -> TrackerSummary:
    items = [t for t in tracker.tracked(ws, force) if t.cycle in cycles]
    counts = tracker.summary(items)["by_status"]
    groups = tracker.coming_back(items)
    in_groups = {t.id for group in groups for t in group}
    recurring = [_tracked_line(group[0], group[-1]) for group in groups]
    reviewed = [_tracked_line(t, t) for t in items
                if t.status_basis == "reviewer" and t.id not in in_groups]
    return TrackerSummary(len(items), {tracker.STATUS_LABELS[k]: n for k, n in counts.items()},
                          tuple(recurring), tuple(reviewed))


@dataclass(frozen=True)
class Pack:
    options: BriefingOptions
    force: str
    title: str
    created: datetime
    board: Board
    sections: tuple[Section, ...]
    latest: str | None
    previous: str | None
    movements: tuple[Movement, ...]
    new_areas: tuple[Cited, ...]
    repeated_areas: tuple[Cited, ...]
    causes: tuple[Cited, ...]
    questions_for_chief: tuple[Note, ...]
    sources: tuple[dict, ...]
    break_notes: tuple[str, ...]  # why grades either side of a ◆ cannot be compared
    grade_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    tracker: TrackerSummary | None = None
    general_evidence: tuple[Note, ...] = ()  # key evidence on the force as a whole


def _cited_finding(f: dict) -> Cited:
    s = f["source"]
    return Cited(f["text"], s["report"], f["cycle"], s["page"], s["paragraph"])


def _note(a: annotate.Annotation) -> Note:
    if not a.quote:
        return Note(a, None)
    page = int(a.page_label) if a.page_label and a.page_label.isdigit() else a.page
    return Note(a, Cited(a.quote, a.report or "", a.cycle, page, a.paragraph))


def _matches(item: ReviewItem, ws: Workspace, wanted: tuple[str, ...]) -> bool:
    if not wanted:
        return True
    texts = [item.label.lower()]
    if item.key.startswith("theme:"):
        theme = item.key.split(":", 1)[1]
        texts += [q.title.lower() for c in ws.framework.cycles for q in c.questions
                  if q.theme == theme]
    return any(w.lower().strip() in t for w in wanted for t in texts)


def _restrict(ws: Workspace, current: Board, cycles: tuple[str, ...]) -> Board:
    if not cycles:
        return current
    unknown = [c for c in cycles if c not in current.cycles]
    if unknown:
        raise NotFound(f"{current.force} has no imported reports for PEEL "
                       f"{', '.join(unknown)} (held: {', '.join(current.cycles)}).")
    keep = [i for i, c in enumerate(current.cycles) if c in cycles]
    items = tuple(ReviewItem(i.key, i.label, i.group, tuple(i.cells[k] for k in keep), i.status)
                  for i in current.items)
    chosen = tuple(current.cycles[k] for k in keep)
    return Board(current.force, current.force_id, chosen, current.reviewer, current.groups,
                 items, ws.framework.breaks_along(chosen))


def _movements(pack_board: Board, items: list[ReviewItem], latest: str | None,
               previous: str | None, ws: Workspace) -> tuple[Movement, ...]:
    if not (latest and previous):
        return ()
    a, b = pack_board.cycles.index(previous), pack_board.cycles.index(latest)
    out = []
    for item in items:
        before, after = item.cells[a], item.cells[b]
        if len(before.grades) != 1 or len(after.grades) != 1:
            continue
        if ws.framework.crosses_break(previous, latest):
            words = f"not directly comparable ({ws.framework.break_reason(previous, latest)})"
        elif after.state == "carried_over":
            words = "not re-inspected: judgment carried over"
        else:
            x, y = RANK.get(before.grades[0]), RANK.get(after.grades[0])
            words = ("—" if x is None or y is None else "improved" if y > x
                     else "declined" if y < x else "unchanged")
        out.append(Movement(item.label, before.words, after.words, words))
    return tuple(out)


def build(ws: Workspace, options: BriefingOptions, reviewer: str) -> Pack:
    """Gather the pack. Raises NotFound (force, cycle, question) or PeelError (options)."""
    options.check()
    full = review.board(ws, options.force, reviewer)
    board = _restrict(ws, full, options.cycles)
    items = [i for i in board.items if _matches(i, ws, options.questions)]
    if options.questions and not items:
        raise NotFound(f"No question matching {', '.join(options.questions)} for {board.force}.")
    notes = annotate.for_force(ws, board.force_id)
    placed = {a.id: a.item_key or (annotate.item_for_passage(ws, a.passage_id)
                                   if a.passage_id else None) for a in notes}
    sections = []
    for item in items:
        compared = review.compare(ws, full, item.key)
        columns = tuple(c for c in compared.columns if c.cell.cycle in board.cycles)
        mine = [a for a in notes if placed[a.id] == item.key
                and (a.cycle is None or a.cycle in board.cycles)]
        sections.append(Section(
            item, columns,
            tuple(_note(a) for a in mine if a.key_evidence and a.target != "question"),
            tuple(_note(a) for a in mine if a.target == "question")))
    graded = [c for c in board.cycles
              if any(len(i.cells[board.cycles.index(c)].grades) == 1 for i in board.items)]
    latest = graded[-1] if graded else None
    previous = graded[-2] if len(graded) > 1 else None
    findings = [f for s in sections for col in s.columns for f in col.findings]
    earlier_themes = {s.item.key for s in sections for col in s.columns
                      if latest and col.cell.cycle != latest
                      and any(f["kind"] == "area_for_improvement" for f in col.findings)}
    latest_afis = [(s.item.key, f) for s in sections for col in s.columns
                   if col.cell.cycle == latest for f in col.findings
                   if f["kind"] == "area_for_improvement"]
    created = options.created or datetime.now().replace(microsecond=0)
    cited_reports = {f["source"]["report"] for f in findings}
    for s in sections:
        for col in s.columns:
            cited_reports.update(j["source"]["report"] for j in col.judgments)
        cited_reports.update(n.cited.report for n in (*s.key_evidence, *s.overall) if n.cited)
    sources = tuple(r for r in repository.reports(ws.db) if r["title"] in cited_reports)
    counts = {i["cycle"]: i["stated_grade_counts"] for i in
              history.grade_history(ws, board.force).inspections
              if i["stated_grade_counts"] and i["cycle"] in board.cycles}
    title = options.title or f"{board.force}: PEEL inspection briefing"
    return Pack(
        options=options, force=board.force, title=title, created=created, board=board,
        sections=tuple(sections), latest=latest, previous=previous,
        movements=_movements(board, items, latest, previous, ws),
        new_areas=tuple(_cited_finding(f) for key, f in latest_afis if key not in earlier_themes),
        repeated_areas=tuple(_cited_finding(f) for key, f in latest_afis if key in earlier_themes),
        causes=tuple(_cited_finding(f) for f in findings if f["kind"] == "cause_of_concern"),
        general_evidence=tuple(
            _note(a) for a in notes if a.key_evidence and placed[a.id] is None
            and a.target != "question" and (a.cycle is None or a.cycle in board.cycles)
            and not options.questions),
        questions_for_chief=tuple(_note(a) for a in notes if a.ask_chief
                                  and (a.cycle is None or a.cycle in board.cycles)),
        sources=sources,
        break_notes=tuple(dict.fromkeys(
            note + (f" HMICFRS: {words}" if (words := words_of(ws.framework.breaks_between(
                board.cycles[n - 1], board.cycles[n]))) else "")
            for n, note in board.breaks)),
        grade_counts=counts,
        tracker=_tracker_summary(ws, board.force, board.cycles),
    )


def safe_file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "briefing"

