"""Editions of a report: which one a report replaced, and removing a report again.

Removing never deletes the reviewer's work: annotations still pointing into the report are
detached and marked lost (the service moves the live ones first, with their history), the
reviewer's statuses and response comments go back to the edition it replaced, and that
edition becomes current again, searchable as before.
"""

from __future__ import annotations

from peel_desktop.storage.connection import Database
from peel_desktop.storage.writes import writing


def _rows(db: Database, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def finding_successors(db: Database, old_report: int, new_report: int) -> dict[int, int]:
    """Each finding of an earlier edition → the same finding (kind, cycle and words, spacing
    aside) in the new edition, where it still stands."""
    def findings(report: int) -> dict[tuple[str, str, str], int]:
        rows = db.execute("SELECT id, kind, cycle, text FROM findings WHERE report_id = ?",
                          [report]).fetchall()
        return {(kind, cycle, " ".join(text.split())): fid for fid, kind, cycle, text in rows}

    old, new = findings(old_report), findings(new_report)
    return {old[key]: new[key] for key in old.keys() & new.keys()}


def carry_reviewer_work(db: Database, old_report: int, new_report: int, *,
                        overwrite: bool = False) -> None:
    """The reviewer's work on one edition's findings goes to the same findings of another:
    their status, links and response comments, and the response itself. A corrected edition
    keeps what the new one may already hold (``overwrite`` False); undoing a replacement
    gives back what was done on the later edition (``overwrite`` True)."""
    moved = finding_successors(db, old_report, new_report)
    verb = "INSERT OR REPLACE" if overwrite else "INSERT OR IGNORE"
    db.execute(f"{verb} INTO responses (report_id, published, introduction, signoff, "
               "signed_by, updated) SELECT ?, published, introduction, signoff, signed_by, "
               "updated FROM responses WHERE report_id = ?", [new_report, old_report])
    for was, now in moved.items():
        db.execute(f"{verb} INTO response_items (finding_id, chief_comment, "
                   "pcc_comment, action, owner, due, updated) SELECT ?, chief_comment, "
                   "pcc_comment, action, owner, due, updated FROM response_items "
                   "WHERE finding_id = ?", [now, was])
        db.execute(f"{verb} INTO finding_reviews (finding_id, status, note, author, "
                   "updated) SELECT ?, status, note, author, updated FROM finding_reviews "
                   "WHERE finding_id = ?", [now, was])
    for earlier, later, author, made in db.execute(
            "SELECT earlier_id, later_id, author, created FROM finding_links "
            "WHERE origin = 'reviewer'").fetchall():
        if earlier in moved or later in moved:
            db.execute("INSERT OR IGNORE INTO finding_links (earlier_id, later_id, origin, "
                       "author, created) VALUES (?, ?, 'reviewer', ?, ?)",
                       [moved.get(earlier, earlier), moved.get(later, later), author, made])


def report_row(db: Database, report_id: int) -> dict | None:
    found = _rows(db, "SELECT r.id, r.title, r.cycle, r.kind, r.imported_at, r.superseded_by, "
                      "r.original_path, f.name AS force FROM reports r "
                      "JOIN forces f ON f.id = r.force_id WHERE r.id = ?", [report_id])
    return found[0] if found else None


def replaced_by(db: Database, report_id: int) -> dict | None:
    """The earlier edition that ``report_id`` replaced, if it replaced one."""
    found = _rows(db, "SELECT id, title, imported_at FROM reports WHERE superseded_by = ?",
                  [report_id])
    return found[0] if found else None


def current_reports(db: Database) -> list[dict]:
    """Reports not replaced by a later edition, with how many annotations each holds."""
    return _rows(db, """
        SELECT r.id, r.title, f.name AS force, r.cycle, r.source_name, r.imported_at,
               (SELECT count(*) FROM annotations a WHERE a.report_id = r.id
                AND a.deleted = 0) AS annotations,
               (SELECT id FROM reports e WHERE e.superseded_by = r.id) AS replaced
        FROM reports r JOIN forces f ON f.id = r.force_id JOIN cycles c ON c.key = r.cycle
        WHERE r.superseded_by IS NULL ORDER BY f.name, c.ordinal, r.id""", [])


def remove_report(db: Database, report_id: int) -> None:
    """Delete a report and what was recognised in it, in one transaction (SaveFailed).

    Call after the live annotations on it were moved or detached through the annotation
    service; any left (deleted ones, kept for undo and merging) are detached here.
    """
    inside = "SELECT id FROM {} WHERE report_id = ?"
    with writing(db):
        earlier = replaced_by(db, report_id)
        db.execute(
            "UPDATE annotations SET report_id = NULL, passage_id = NULL, start = NULL, "
            "end = NULL, judgment_id = NULL, finding_id = NULL, anchor = 'lost' "
            f"WHERE report_id = ? OR passage_id IN ({inside.format('passages')}) "
            f"OR judgment_id IN ({inside.format('judgments')}) "
            f"OR finding_id IN ({inside.format('findings')})",
            [report_id] * 4)
        db.execute(
            "UPDATE findings SET status_passage_id = NULL, status_quote = NULL, "
            f"stated_status = NULL WHERE status_passage_id IN ({inside.format('passages')}) "
            "AND report_id != ?", [report_id, report_id])
        if earlier:
            carry_reviewer_work(db, report_id, earlier["id"], overwrite=True)
            db.execute("UPDATE reports SET superseded_by = NULL WHERE id = ?", [earlier["id"]])
            cycle = "replace(replace({}.cycle, '/', ''), '-', '')"  # as migration 0010 has it
            db.execute(
                "INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, "
                "question_key) SELECT p.id * 4, p.text, 'qqf' || r.force_id || ' qqkreport qqc' "
                f"|| {cycle.format('r')}, 'report', p.id, r.force_id, r.cycle, p.question_key "
                "FROM passages p JOIN reports r ON r.id = p.report_id WHERE r.id = ?",
                [earlier["id"]])
            db.execute(
                "INSERT INTO search_index (rowid, body, scope, kind, ref, force_id, cycle, "
                "question_key) SELECT f.id * 4 + 1, f.text, 'qqf' || f.force_id || "
                f"' qqkfinding qqc' || {cycle.format('f')}, 'finding', f.id, f.force_id, "
                "f.cycle, f.question_key FROM findings f WHERE f.report_id = ?",
                [earlier["id"]])
        db.execute("DELETE FROM reports WHERE id = ?", [report_id])


def judgments_of_report(db: Database, report_id: int) -> list[dict]:
    """What one report states: cycle, level, pillar, question, grade, status, last year."""
    return _rows(db, "SELECT cycle, level, pillar, question_key, grade, status, last_inspected "
                     "FROM judgments WHERE report_id = ? ORDER BY id", [report_id])
