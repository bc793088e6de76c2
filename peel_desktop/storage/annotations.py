"""Annotations, their audit trail and merge conflicts: the SQL."""

from __future__ import annotations

import json

from peel_desktop.storage.connection import Database
from peel_desktop.storage.repository import _rows
from peel_desktop.storage.writes import writing

COLUMNS = ("id", "force_id", "target", "cycle", "item_key", "report_id", "passage_id", "start",
           "end", "quote", "before", "after", "judgment_id", "finding_id", "note", "tags", "rag",
           "key_evidence", "ask_chief", "anchor", "deleted", "author", "created", "updated",
           "updated_by", "rev", "ancestry")
_SELECT = """
    SELECT a.*, f.key AS force_key, f.name AS force_name, r.title AS report,
           r.checksum AS report_checksum, p.ordinal AS paragraph, p.page AS page,
           p.page_label AS page_label, p.text AS passage_text
    FROM annotations a
    JOIN forces f ON f.id = a.force_id
    LEFT JOIN reports r ON r.id = a.report_id
    LEFT JOIN passages p ON p.id = a.passage_id
"""


def insert(db: Database, row: dict, history: dict) -> None:
    """A new annotation and its first history entry, in one transaction."""
    with writing(db):
        db.table("annotations").insert({k: row[k] for k in COLUMNS})
        db.table("annotation_history").insert(history)


def update(db: Database, annotation_id: str, changes: dict, history: dict) -> None:
    with writing(db):
        sets = ", ".join(f'"{k}" = ?' for k in changes)
        db.execute(f"UPDATE annotations SET {sets} WHERE id = ?",
                   [*changes.values(), annotation_id])
        db.table("annotation_history").insert(history)


def get(db: Database, annotation_id: str) -> dict | None:
    rows = _rows(db, _SELECT + " WHERE a.id = ?", [annotation_id])
    return rows[0] if rows else None


def of_force(db: Database, force_id: int, *, include_deleted: bool = False) -> list[dict]:
    where = "" if include_deleted else " AND a.deleted = 0"
    return _rows(db, _SELECT + f" WHERE a.force_id = ?{where} ORDER BY a.created, a.id",
                 [force_id])


def revisions(db: Database, annotation_id: str) -> list[str]:
    """Every revision this copy has been through or knows it grew from, oldest first."""
    row = db.execute("SELECT ancestry FROM annotations WHERE id = ?", [annotation_id]).fetchone()
    known = json.loads(row[0]) if row else []
    return known + [h["rev"] for h in history(db, annotation_id)]


def every(db: Database) -> list[dict]:
    return _rows(db, _SELECT + " ORDER BY a.created, a.id", [])


def on_report(db: Database, report_id: int) -> list[dict]:
    return _rows(db, _SELECT + " WHERE a.report_id = ? AND a.deleted = 0", [report_id])


def history(db: Database, annotation_id: str) -> list[dict]:
    return _rows(db, "SELECT action, author, at, rev, previous, current FROM annotation_history "
                     "WHERE annotation_id = ? ORDER BY id", [annotation_id])


def tags(db: Database) -> list[str]:
    found: set[str] = set()
    for (raw,) in db.execute("SELECT tags FROM annotations WHERE deleted = 0"):
        found.update(json.loads(raw))
    return sorted(found, key=str.lower)


def add_conflict(db: Database, row: dict) -> None:
    with writing(db):
        db.table("annotation_conflicts").insert(row)


def open_conflicts(db: Database) -> list[dict]:
    return _rows(db, "SELECT * FROM annotation_conflicts WHERE resolved IS NULL ORDER BY id", [])


def mark_resolved(db: Database, conflict_id: int, how: str) -> None:
    with writing(db):
        db.execute("UPDATE annotation_conflicts SET resolved = ? WHERE id = ?", [how, conflict_id])


def passage(db: Database, passage_id: int) -> dict | None:
    rows = _rows(db, "SELECT p.id, p.report_id, p.ordinal, p.text, p.question_key, r.cycle, "
                     "r.force_id FROM passages p JOIN reports r ON r.id = p.report_id "
                     "WHERE p.id = ?", [passage_id])
    return rows[0] if rows else None


def passages_of_report(db: Database, report_id: int) -> list[dict]:
    return _rows(db, "SELECT id, ordinal, text, question_key FROM passages WHERE report_id = ? "
                     "ORDER BY ordinal", [report_id])


def passage_by_checksum(db: Database, checksum: str, ordinal: int) -> dict | None:
    rows = _rows(db, "SELECT p.id, p.report_id, p.text FROM passages p JOIN reports r "
                     "ON r.id = p.report_id WHERE r.checksum = ? AND p.ordinal = ?",
                 [checksum, ordinal])
    return rows[0] if rows else None


def first_passage_with(db: Database, force_id: int, cycle: str, quote: str) -> dict | None:
    """The first passage of the force's current reports of a cycle that contains the words."""
    rows = _rows(db, "SELECT p.id, p.text FROM passages p JOIN reports r ON r.id = p.report_id "
                     "WHERE r.force_id = ? AND r.cycle = ? AND r.superseded_by IS NULL "
                     "AND instr(p.text, ?) > 0 ORDER BY r.id, p.ordinal LIMIT 1",
                 [force_id, cycle, quote])
    return rows[0] if rows else None


def judgment_like(db: Database, report_id: int, old_judgment_id: int) -> int | None:
    """In a new edition, the judgment of the same cycle, level, pillar and question."""
    row = db.execute(
        "SELECT n.id FROM judgments o JOIN judgments n ON n.report_id = ? "
        "AND n.cycle = o.cycle AND n.level = o.level AND n.pillar IS o.pillar "
        "AND n.question_key IS o.question_key WHERE o.id = ? LIMIT 1",
        [report_id, old_judgment_id]).fetchone()
    return row[0] if row else None


def judgment_key(db: Database, judgment_id: int) -> tuple | None:
    """(cycle, level, pillar, question) of a stored judgment."""
    row = db.execute("SELECT cycle, level, pillar, question_key FROM judgments WHERE id = ?",
                     [judgment_id]).fetchone()
    return tuple(row) if row else None


def finding_key(db: Database, finding_id: int) -> tuple | None:
    """(kind, cycle, words with spacing folded) of a stored finding."""
    row = db.execute("SELECT kind, cycle, text FROM findings WHERE id = ?",
                     [finding_id]).fetchone()
    return (row[0], row[1], " ".join(row[2].split())) if row else None
