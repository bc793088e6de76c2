"""Stepping through a force's inspection questions and comparing them across cycles.

A *review item* is a concern followed across cycles: a pillar's overall grade, or a
crosswalk theme (the questions of different cycles that answer the same concern). Its
timeline has one cell per cycle under review. Review status is kept per force, cycle set
and reviewer.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from peel_desktop.framework import notes_of, words_of
from peel_desktop.services import history
from peel_desktop.services.areas import UNLISTED_GROUP
from peel_desktop.services.library import resolve_force
from peel_desktop.services.review_model import (
    PILLARS,
    RANK,
    Board,
    Cell,
    Column,
    Comparison,
    Evidence,
    ReviewItem,
)
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository


def _cell(ws: Workspace, item_key: str, cycle: str, judgments: list[dict],
          counted: set[str]) -> Cell:
    kind, name = item_key.split(":", 1)
    framework_cycle = ws.framework.cycle(cycle)
    if kind == "pillar":
        mine = [j for j in judgments if j["level"] == "pillar" and j["pillar"] == name]
        if not mine and not framework_cycle.pillars_graded:
            return Cell(cycle, "no_pillar_grades")
    elif kind == "area":  # an area a report named, under no theme of the crosswalk
        mine = [j for j in judgments if j["question_key"] == name]
        if not mine:
            return Cell(cycle, "not_inspected")
    else:
        mine = [j for j in judgments if j["level"] == "question" and j["theme"] == name]
        questions = [q for q in framework_cycle.questions if q.theme == name]
        if not mine and not questions:
            return Cell(cycle, "not_inspected")
        if not mine and not any(q.graded for q in questions):
            return Cell(cycle, "not_graded")
    if not mine:
        return Cell(cycle, "counts_only" if cycle in counted else "not_stated")
    grades = tuple(dict.fromkeys(j["grade"] for j in mine))
    carried = next((j for j in mine if j["status"] == "carried_over"), None)
    state = "carried_over" if carried else mine[0]["status"]
    return Cell(cycle, state, grades, carried["last_inspected"] if carried else None)


def _items(ws: Workspace, found: history.History, cycles: tuple[str, ...],
           statuses: dict[str, str]) -> tuple[ReviewItem, ...]:
    counted = {i["cycle"] for i in found.inspections if i["stated_grade_counts"]}
    by_cycle: dict[str, list[dict]] = {}
    for j in found.judgments:
        by_cycle.setdefault(j["cycle"], []).append(j)
    keys = [(f"pillar:{p}", f"{p.capitalize()} overall", p) for p in PILLARS]
    keys += [(f"theme:{t.key}", t.label, t.group) for t in ws.framework.themes]
    keys += [(f"area:{q.key}", q.title, UNLISTED_GROUP) for c in ws.framework.cycles
             for q in c.questions if q.origin == "report" and q.theme is None]
    items = []
    for key, label, group in keys:
        cells = tuple(_cell(ws, key, c, by_cycle.get(c, []), counted) for c in cycles)
        if all(cell.state in {"not_inspected", "no_pillar_grades", "not_graded"}
               for cell in cells):
            continue  # nothing to review for this force's cycles
        items.append(ReviewItem(key, label, group, cells, statuses.get(key, "not_started")))
    return tuple(items)


def board(ws: Workspace, force_query: str, reviewer: str) -> Board:
    """The navigator's content for a force. Raises NotFound."""
    ws = ws.reading(ws.framework)  # asked once: each asking reads the database
    force = resolve_force(ws, force_query)
    found = history.grade_history(ws, force.name, keys=True)
    cycles = tuple(i["cycle"] for i in found.inspections)
    statuses = repository.review_statuses(ws.db, force.id, ",".join(cycles), reviewer)
    counts = tuple((i["cycle"], tuple(i["stated_grade_counts"].items()))
                   for i in found.inspections if i["stated_grade_counts"])
    return Board(found.force, force.id, cycles, reviewer, ws.framework.groups,
                 _items(ws, found, cycles, statuses), ws.framework.breaks_along(cycles), counts)


def set_status(ws: Workspace, current: Board, item_key: str, status: str) -> ReviewItem:
    """Record the reviewer's status for an item; returns the item as it now is."""
    if status not in {"not_started", "reviewed", "flagged"}:
        raise ValueError(status)
    repository.set_review_status(
        ws.db, current.force_id, current.cycle_set, current.reviewer, item_key,
        None if status == "not_started" else status,
        datetime.now(UTC).isoformat(timespec="seconds"),
    )
    item = current.item(item_key)
    return ReviewItem(item.key, item.label, item.group, item.cells, status)


def reviewer_of(ws: Workspace, fallback: str) -> str:
    """The name the database's review work is recorded under (``fallback`` until the
    reviewer first chooses one)."""
    return repository.database_reviewer(ws.db) or fallback


def rename_reviewer(ws: Workspace, *, old: str, new: str) -> int:
    """Rename the database's reviewer; the review progress moves with the name. Returns how
    many review statuses moved. Raises SaveFailed."""
    return repository.rename_reviewer(ws.db, old, new)


def _question_keys(ws: Workspace, item_key: str, cycle: str) -> list[str]:
    kind, name = item_key.split(":", 1)
    if kind == "pillar":
        return []
    if kind == "area":
        return [name] if name.rsplit(":", 1)[0] == cycle else []
    return [q.key for q in ws.framework.cycle(cycle).questions if q.theme == name]


_GENERIC = {"force", "forces", "police", "people", "keeping", "safe", "reducing", "crime",
            "extent", "effective", "effectively", "efficient", "efficiently", "legitimate",
            "legitimately", "does", "what", "well", "good", "that", "this", "with", "their",
            "from", "into", "overall", "question", "serves", "public"}


_STATES_GRADE = re.compile(r"\b(?:outstanding|good|adequate|requires? improvement|inadequate|"
                           r"ungraded)\b", re.I)
_NOT_INSPECTED = re.compile(r"carried over|not (?:subject to|re-?)inspect|this question", re.I)


def _stems(text: str) -> set[str]:
    """Five-letter beginnings of a text's distinctive words ("workf" for workforce)."""
    words = re.findall(r"[a-z]{5,}", text.lower())
    return {w[:5] for w in words if w not in _GENERIC}


def _summary(passages: list[Evidence], about: set[str], cited: set) -> tuple[str, ...]:
    """The first prose of the section: its opening sentences, skipping headings and grades.

    With ``about`` (a question not re-inspected that cycle, whose section text is suspect:
    the report's general opening can follow its row of the judgments table), only passages
    that share a distinctive word with the question's wording, say it was not inspected or
    carried over, or are cited by the cell count."""
    out: list[str] = []
    for p in passages:
        text = p.text.strip()
        if len(text) < 60 or not text.endswith((".", "”", "’")) or text.startswith("•"):
            continue
        if about and not (about & _stems(text) or _NOT_INSPECTED.search(text)
                          or (p.report, p.paragraph) in cited):
            continue
        out.append(text)
        if len(out) == 2:
            break
    return tuple(out)


def _wording(question) -> str:
    """The question's words that cycle, with a mark when the framework data does not list
    it (an area kept under the name the report gives it)."""
    if question.origin == "report":
        return (f"{question.title} (as the report names it: the PEEL {question.cycle} framework "
                "data does not list this area)")
    return question.title


def _column(ws: Workspace, current: Board, item: ReviewItem, cell: Cell,
            judgments: list[dict], findings: list[dict]) -> Column:
    keys = _question_keys(ws, item.key, cell.cycle)
    titles = tuple(_wording(ws.framework.question(k)) for k in keys)
    cycle = ws.framework.cycle(cell.cycle)
    if item.key.startswith("pillar:") and cycle.pillars_graded:
        pillar = item.key.split(":", 1)[1]
        titles = (cycle.pillar_headings[pillar][0].capitalize() + "?",)
    mine = [j for j in judgments if j["cycle"] == cell.cycle and (
        (j["level"] == "pillar" and item.key == f"pillar:{j['pillar']}")
        or (j["level"] == "question" and item.key == f"theme:{j['theme']}")
        or item.key == f"area:{j['question_key']}")]
    wanted = {ws.framework.question(k).title for k in keys}
    mine_findings = [f for f in findings if f["cycle"] == cell.cycle and f["question"] in wanted]
    section = repository.section_passages(ws.db, current.force_id, cell.cycle, keys)
    cited_at = {(j["source"]["report"], j["source"]["paragraph"])
                for j in (*mine, *mine_findings)}
    # (report, paragraph) are a row's fields 0 and 5, its text 6 (repository._EVIDENCE)
    evidence = [Evidence(*p, cited=(p[0], p[5]) in cited_at) for p in section
                if (p[0], p[5]) in cited_at or len(p[6]) >= 25]
    about = set().union(*(_stems(" ".join((q.title, *q.aliases)))
                          for q in (ws.framework.question(k) for k in keys))) \
        if keys and cell.state == "carried_over" else set()
    # the section's own opening (before passages cited from elsewhere join it)
    summary = _summary(evidence, about, cited_at) or tuple(dict.fromkeys(
        j["source"]["quote"] for j in mine if j["source"]["quote"].endswith(".")
        and _STATES_GRADE.search(j["source"]["quote"])))
    held = {(e.report, e.paragraph) for e in evidence}
    for j in mine:  # a judgment cited from outside the section (a table, another report)
        src = j["source"]
        if (src["report"], src["paragraph"]) not in held and src["paragraph"]:
            row = repository.evidence_at(ws.db, j["report_id"], src["paragraph"])
            if row:
                evidence.insert(0, Evidence(*row, cited=True))
                held.add((src["report"], src["paragraph"]))
    return Column(cell, titles, summary, tuple(mine), tuple(mine_findings), None,
                  False, tuple(evidence))


def _changes(ws: Workspace, columns: list[Column]) -> list[Column]:
    """Mark each column's movement from the last earlier column that states a grade."""
    out, previous = [], None
    for column in columns:
        change, marks, reason = None, (), ""
        grades = [g for g in column.cell.grades if g in RANK]
        if previous and len(grades) == 1:
            marks = ws.framework.breaks_between(previous[0], column.cell.cycle)
            crosses = bool(marks)
            if crosses:
                reason = ws.framework.break_reason(previous[0], column.cell.cycle)
            before, now = RANK[previous[1]], RANK[grades[0]]
            change = ("carried_over" if column.cell.state == "carried_over"
                      else "not_comparable" if crosses else "improved" if now > before
                      else "declined" if now < before else "unchanged")
        if len(grades) == 1:
            previous = (column.cell.cycle, grades[0])
        out.append(Column(column.cell, column.questions, column.summary, column.judgments,
                          column.findings, change, bool(marks), column.evidence,
                          notes_of(marks), reason, words_of(marks)))
    return out


def force_facts(ws: Workspace, force_id: int) -> tuple[list[dict], list[dict]]:
    """The force's best judgments and its findings, as :func:`compare` reads them: read once
    for all of a board's items, not at every question."""
    raw = repository.judgments_of(ws.db, force_id)
    judgments = [{**history.judgment_json(r, keys=True), "report_id": r["report_id"],
                  "id": r["id"]}
                 for r in history.best_judgments(raw)]
    findings = [{"cycle": r["cycle"], "kind": r["kind"], "question": r["question"],
                 "text": r["text"], "source": history.source(r), "id": r["id"],
                 "report_id": r["report_id"]}
                for r in repository.findings_of(ws.db, force_id)]
    return judgments, findings


def compare(ws: Workspace, current: Board, item_key: str,
            facts: tuple[list[dict], list[dict]] | None = None) -> Comparison:
    """The item side by side across the board's cycles, oldest first. ``facts`` (from
    :func:`force_facts` for the board's force) saves reading them again."""
    ws = ws.reading(ws.framework)  # asked once, not at every question and cycle
    item = current.item(item_key)
    judgments, findings = facts or force_facts(ws, current.force_id)
    columns = [_column(ws, current, item, cell, judgments, findings) for cell in item.cells]
    return Comparison(item, tuple(_changes(ws, columns)))


def force_boards(ws: Workspace, reviewer: str) -> list[Board]:
    """Every force's board: what Compare forces reads, made once for all the items."""
    ws = ws.reading(ws.framework)
    return [board(ws, force.name, reviewer) for force in repository.forces_with_data(ws.db)]


def compare_forces(ws: Workspace, item_key: str, reviewer: str,
                   boards: list[Board] | None = None) -> list[tuple[str, Cell]]:
    """The same item for every force held, one cell per cycle: (force, cells by cycle).
    ``boards`` (from force_boards) saves making every force's board again for each item."""
    rows = []
    for found in boards if boards is not None else force_boards(ws, reviewer):
        item = next((i for i in found.items if i.key == item_key), None)
        if item:
            rows.append((found.force, {c.cycle: c for c in item.cells}))
    return rows
