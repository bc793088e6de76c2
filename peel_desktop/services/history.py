"""A force's inspection history: grades per cycle with their best citation, and findings.

Several reports may state the same judgment (a 2018/19 report repeats a 2017 grade). For
each force, cycle, pillar or question and grade the history keeps one statement, preferring
the report of that cycle, then a table over a heading over a sentence. Different grades for
the same judgment are all kept: the sources disagree and the reviewer must see it.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from peel_desktop.services.library import resolve_force
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository

_EVIDENCE_RANK = {
    "reviewer": 0, "table_row": 0, "heading": 1, "sentence": 2, "list": 3, "carried_over": 4
}
_PILLAR_ORDER = {"effectiveness": 0, "efficiency": 1, "legitimacy": 2, None: 3}


def printed_page(row: dict) -> int | None:
    """The page number a reader sees: the printed label when it is a number."""
    label = row.get("page_label")
    return int(label) if label and label.isdigit() else row["page"]


def source(row: dict) -> dict:
    return {
        "report": row["report"],
        "page": printed_page(row),
        "paragraph": row["paragraph"],
        "quote": row["quote"],
    }


def _preference(row: dict) -> tuple:
    return (
        row["report_cycle"] != row["cycle"],
        _EVIDENCE_RANK.get(row["evidence"], 9),
        -row["confidence"],
        row["report_id"],
    )


def best_judgments(rows: list[dict]) -> list[dict]:
    """One row per judgment and grade, the best-cited statement first-come."""
    chosen: dict[tuple, dict] = {}
    for row in rows:
        key = (row["cycle"], row["level"], row["pillar"], row["question_key"], row["grade"])
        held = chosen.get(key)
        if held is None or _preference(row) < _preference(held):
            if held and held["status"] == "carried_over" and row["status"] != "carried_over":
                row = {**row, "status": held["status"], "last_inspected": held["last_inspected"]}
            chosen[key] = row
        elif row["status"] == "carried_over" and held["status"] != "carried_over":
            chosen[key] = {**held, "status": row["status"], "last_inspected": row["last_inspected"]}
    return sorted(
        chosen.values(),
        key=lambda r: (r["cycle_ordinal"], r["level"] != "pillar", _PILLAR_ORDER[r["pillar"]],
                       r["question_ordinal"] or 0, r["grade"]),
    )


class History(NamedTuple):
    """A force's inspections and the judgments each stated."""

    force: str
    inspections: list[dict]
    judgments: list[dict]

    def as_json(self) -> dict:
        return {"force": self.force, "inspections": self.inspections, "judgments": self.judgments}


def grade_history(ws: Workspace, force_query: str, *, keys: bool = False) -> History:
    """The force's judgments by cycle in the CLI's JSON shape. Raises NotFound."""
    force = resolve_force(ws, force_query)
    rows = best_judgments(repository.judgments_of(ws.db, force.id))
    counts = repository.counts_of(ws.db, force.id)
    titles = repository.report_titles_by_cycle(ws.db, force.id)
    cycles = {r["cycle"] for r in rows} | {c["cycle"] for c in counts} | set(titles)
    inspections = []
    for cycle in ws.framework.cycles:
        if cycle.key not in cycles:
            continue
        stated: dict[str, int] = {}
        for count in counts:
            if count["cycle"] == cycle.key:
                stated.setdefault(count["grade"], count["count"])
        inspections.append({
            "cycle": cycle.key,
            "scale": [g.value for g in cycle.scale],
            "stated_grade_counts": stated,
            "reports": titles.get(cycle.key, []),
        })
    return History(force.name, inspections, [judgment_json(r, keys=keys) for r in rows])


def judgment_json(r: dict, *, keys: bool = False) -> dict:
    """A stored judgment in the CLI's JSON shape (with ``keys``, also its question's key, for
    the review)."""
    return ({"question_key": r["question_key"]} if keys else {}) | {
        "cycle": r["cycle"],
        "level": r["level"],
        "pillar": r["pillar"],
        "question": r["question"],
        "theme": r["theme"],
        "grade": r["grade"],
        "status": r["status"],
        "last_inspected": r["last_inspected"],
        "source": source(r),
    }


def findings_history(ws: Workspace, force_query: str) -> dict:
    """The force's areas for improvement, causes of concern, recommendations and practice."""
    force = resolve_force(ws, force_query)
    return {
        "force": force.name,
        "findings": [
            {"cycle": r["cycle"], "kind": r["kind"], "question": r["question"],
             "text": r["text"], "source": source(r)}
            for r in repository.findings_of(ws.db, force.id)
        ],
    }


_SHORT = {
    "outstanding": "Outstanding", "good": "Good", "adequate": "Adequate",
    "requires_improvement": "Requires improvement", "inadequate": "Inadequate",
    "ungraded": "Ungraded",
}


class MatrixRow(NamedTuple):
    """A row of the grade matrix: a question or pillar, its judgments by cycle."""

    label: str
    theme: str | None
    pillar: str | None
    cells: dict[str, list[dict]]  # cycle → judgments stated for it

    def text(self, cycle: str) -> str:
        parts = []
        for j in self.cells.get(cycle, []):
            word = _SHORT[j["grade"]]
            if j["status"] == "carried_over":
                word += f" (carried over from {j['last_inspected']})"
            parts.append(word)
        return " / ".join(dict.fromkeys(parts))


def grade_matrix(ws: Workspace, history: History) -> tuple[list[str], list[MatrixRow]]:
    """Rows of pillars then crosswalk themes, columns of cycles, as the inspectorate tabulates."""
    columns = [i["cycle"] for i in history.inspections]
    rows: list[MatrixRow] = []
    for pillar in ("effectiveness", "efficiency", "legitimacy"):
        cells: dict[str, list[dict]] = {}
        for j in history.judgments:
            if j["level"] == "pillar" and j["pillar"] == pillar:
                cells.setdefault(j["cycle"], []).append(j)
        if cells:
            rows.append(MatrixRow(f"{pillar.capitalize()} (overall)", None, pillar, cells))
    for theme in ws.framework.themes:
        cells = {}
        for j in history.judgments:
            if j["level"] == "question" and j["theme"] == theme.key:
                cells.setdefault(j["cycle"], []).append(j)
        if cells:
            rows.append(MatrixRow(theme.label, theme.key, None, cells))
    unlisted: dict[str, dict[str, list[dict]]] = {}
    for j in history.judgments:  # areas reports named, under no theme: one row each
        if j["level"] == "question" and j["theme"] is None:
            unlisted.setdefault(j["question"], {}).setdefault(j["cycle"], []).append(j)
    for title, cells in unlisted.items():
        rows.append(MatrixRow(f"{title} (as the report names it)", None, None, cells))
    return columns, rows


class Overview(NamedTuple):
    """What the overview screen shows for one force."""

    force: str
    columns: list[str]
    rows: list[MatrixRow]
    stated_counts: dict[str, dict[str, int]]  # cycle → grade → count (when only counts are stated)
    # (column, note) where grades stop being directly comparable with the column before
    breaks: tuple[tuple[int, str], ...] = ()


def overview(ws: Workspace, force_query: str) -> Overview:
    """The grade matrix of a force, ready to draw. Raises NotFound."""
    found = grade_history(ws, force_query)
    columns, rows = grade_matrix(ws, found)
    breaks = ws.framework.breaks_along(tuple(columns))
    counts = {i["cycle"]: i["stated_grade_counts"] for i in found.inspections
              if i["stated_grade_counts"]}
    return Overview(found.force, columns, rows, counts, breaks)


def to_json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
