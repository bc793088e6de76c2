"""Stored state of the findings tracker and of the PCC's responses: SQL only."""

from __future__ import annotations

from datetime import UTC, datetime

from peel_desktop.storage.connection import Database
from peel_desktop.storage.repository import _CITED, _rows
from peel_desktop.storage.writes import writing


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def tracked_findings(db: Database, force_id: int | None = None, *,
                     report_id: int | None = None, finding_id: int | None = None) -> list[dict]:
    """Every finding of current reports (of one force, one report, or all; or the one with
    ``finding_id``), with the status the report states and its citation, the reviewer's
    status, and the force."""
    chosen = {"x.force_id": force_id, "x.report_id": report_id, "x.id": finding_id}
    params = [value for value in chosen.values() if value is not None]
    where = "".join(f" AND {column} = ?" for column, value in chosen.items()
                    if value is not None)
    return _rows(
        db,
        f"""
        SELECT x.id, x.force_id, fo.key AS force_key, fo.name AS force, x.cycle,
               c.ordinal AS cycle_ordinal, x.kind, x.question_key, q.title AS question,
               q.theme AS theme, x.text, x.parent_id, x.referenced, x.stated_status,
               x.status_quote, sp.page AS status_page, sp.page_label AS status_page_label,
               sp.ordinal AS status_paragraph,
               fr.status AS reviewed_status, fr.note AS reviewed_note,
               fr.author AS reviewed_by, fr.updated AS reviewed_at, {_CITED}
        FROM findings x
        JOIN reports r ON r.id = x.report_id
        JOIN forces fo ON fo.id = x.force_id
        JOIN cycles c ON c.key = x.cycle
        LEFT JOIN questions q ON q.key = x.question_key
        LEFT JOIN passages p ON p.id = x.passage_id
        LEFT JOIN passages sp ON sp.id = x.status_passage_id
        LEFT JOIN finding_reviews fr ON fr.finding_id = x.id
        WHERE r.superseded_by IS NULL {where}
        ORDER BY fo.name, c.ordinal, x.id
        """,
        params,
    )


def links(db: Database) -> list[dict]:
    return _rows(db, "SELECT earlier_id, later_id, origin, author, created FROM finding_links",
                 [])


def link(db: Database, earlier_id: int, later_id: int, author: str) -> None:
    with writing(db):
        db.execute(
            "INSERT OR REPLACE INTO finding_links (earlier_id, later_id, origin, author, created)"
            " VALUES (?, ?, 'reviewer', ?, ?)", [earlier_id, later_id, author, _now()])


def unlink(db: Database, earlier_id: int, later_id: int) -> None:
    with writing(db):
        db.execute("DELETE FROM finding_links WHERE earlier_id = ? AND later_id = ?",
                   [earlier_id, later_id])


def set_review(db: Database, finding_id: int, status: str | None, note: str,
               author: str) -> None:
    """The reviewer's status for a finding; ``None`` goes back to what the reports say."""
    with writing(db):
        if status is None:
            db.execute("DELETE FROM finding_reviews WHERE finding_id = ?", [finding_id])
        else:
            db.execute(
                "INSERT OR REPLACE INTO finding_reviews (finding_id, status, note, author, "
                "updated) VALUES (?, ?, ?, ?, ?)", [finding_id, status, note, author, _now()])


def response(db: Database, report_id: int) -> dict | None:
    found = _rows(db, "SELECT * FROM responses WHERE report_id = ?", [report_id])
    return found[0] if found else None


def response_items(db: Database, report_id: int) -> dict[int, dict]:
    rows = _rows(
        db,
        "SELECT i.* FROM response_items i JOIN findings x ON x.id = i.finding_id "
        "WHERE x.report_id = ?", [report_id])
    return {r["finding_id"]: r for r in rows}


_RESPONSE_FIELDS = ("published", "introduction", "signoff", "signed_by")
_ITEM_FIELDS = ("chief_comment", "pcc_comment", "action", "owner", "due")


def _save(db: Database, table: str, key: str, value: int, allowed: tuple[str, ...],
          values: dict) -> None:
    """Create the row if needed and set the given fields, in one transaction."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"not {table} fields: {sorted(unknown)}")
    with writing(db):
        db.execute(f"INSERT OR IGNORE INTO {table} ({key}, updated) VALUES (?, ?)",
                   [value, _now()])
        for name, field_value in values.items():
            db.execute(f"UPDATE {table} SET {name} = ?, updated = ? WHERE {key} = ?",
                       [field_value, _now(), value])


def save_response(db: Database, report_id: int, values: dict) -> None:
    _save(db, "responses", "report_id", report_id, _RESPONSE_FIELDS, values)


def save_item(db: Database, finding_id: int, values: dict) -> None:
    _save(db, "response_items", "finding_id", finding_id, _ITEM_FIELDS, values)
