"""Reading and writing reports and what was recognised in them. The only SQL outside migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple, cast

from peel_desktop.domain import ReportId
from peel_desktop.storage import learned
from peel_desktop.storage.connection import Database
from peel_desktop.storage.editions import carry_reviewer_work
from peel_desktop.storage.writes import writing

if TYPE_CHECKING:  # the importers and recogniser load only when a report is imported
    from peel_desktop.domain import Citation
    from peel_desktop.importers import ExtractedReport
    from peel_desktop.recognise import Recognition


class ForceRow(NamedTuple):
    """A force held in the database, with how many reports and judgments it has."""

    id: int
    key: str
    name: str
    reports: int
    judgments: int


def report_by_checksum(db: Database, checksum: str) -> dict | None:
    row = db.execute(
        "SELECT id, title FROM reports WHERE checksum = ?", [checksum]
    ).fetchone()
    return {"id": row[0], "title": row[1]} if row else None


def force_id(db: Database, key: str) -> int | None:
    """The row id of the force with this key, or None for a key the database does not know."""
    row = db.execute("SELECT id FROM forces WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _force_id(db: Database, key: str) -> int:
    found = force_id(db, key)
    if found is None:
        raise KeyError(f"unknown force {key}")
    return found


def force_names(db: Database) -> dict[int, str]:
    """Every force's name by row id."""
    return dict(db.execute("SELECT id, name FROM forces").fetchall())


def save_report(
    db: Database, extracted: ExtractedReport, found: Recognition, *,
    original_path: str | None = None,
    corrections: list[tuple[int | None, str, str | None, str]] = (),  # type: ignore[assignment]
    author: str = "reviewer", created: str = "", supersedes: int | None = None,
) -> ReportId:
    """Store a report, its passages, everything recognised and the reviewer's corrections.

    One transaction: on any error nothing is stored. ``corrections`` are (judgment index or
    None, field, proposed, corrected). ``supersedes`` names an earlier edition to mark.
    """
    facts = found.facts
    assert facts.force is not None and facts.cycle is not None
    with writing(db):
        learned.hold(db, found)
        report_id = cast(int, db.table("reports").insert(
            {
                "title": facts.title(),
                "force_id": _force_id(db, facts.force.key),
                "cycle": facts.cycle,
                "kind": facts.kind.value,
                "publisher": facts.publisher,
                "published": facts.published,
                "source_name": extracted.file_name,
                "media_type": extracted.media_type,
                "checksum": extracted.checksum,
                "paged": int(extracted.paged),
                "page_count": extracted.page_count,
                "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "original_path": original_path,
            }
        ).last_pk)
        db.table("passages").insert_all(
            {"report_id": report_id, "ordinal": p.ordinal, "page": p.page,
             "page_label": p.page_label, "text": p.text,
             "question_key": found.sections.get(p.ordinal)}
            for p in extracted.paragraphs
        )
        passage_ids = dict(
            db.execute("SELECT ordinal, id FROM passages WHERE report_id = ?", [report_id])
        )
        forces: dict[str, int] = {}

        def force(key: str) -> int:
            if key not in forces:
                forces[key] = _force_id(db, key)
            return forces[key]

        def cited(c: Citation) -> dict:
            return {"report_id": report_id, "passage_id": passage_ids.get(c.paragraph),
                    "quote": c.quote}

        judgment_ids = [
            cast(int, db.table("judgments").insert(
                {"force_id": force(j.force), "cycle": j.cycle, "level": j.level.value,
                 "pillar": j.pillar.value if j.pillar else None, "question_key": j.question,
                 "grade": j.grade.value, "status": j.status.value,
                 "last_inspected": j.last_inspected, "evidence": j.evidence,
                 "confidence": j.confidence,
                 "origin": "reviewer" if j.evidence == "reviewer" else "recognised",
                 **cited(j.citation)}
            ).last_pk)
            for j in found.judgments
        ]
        db.table("corrections").insert_all(
            {"report_id": report_id,
             "judgment_id": judgment_ids[index] if index is not None else None,
             "field": field_name, "proposed": proposed, "corrected": corrected,
             "author": author, "created": created}
            for index, field_name, proposed, corrected in corrections
        )
        if supersedes is not None:
            db.execute("UPDATE reports SET superseded_by = ? WHERE id = ?",
                       [report_id, supersedes])
        finding_ids: list[int] = []
        for f in found.findings:
            parent = finding_ids[f.parent] if f.parent is not None else None
            status = f.status_citation
            finding_ids.append(cast(int, db.table("findings").insert(
                {"force_id": force(f.force), "cycle": f.cycle, "kind": f.kind.value,
                 "question_key": f.question, "text": f.text, "parent_id": parent,
                 "confidence": f.confidence, "referenced": int(f.referenced),
                 "stated_status": f.status.value if f.status else None,
                 "status_passage_id": passage_ids.get(status.paragraph) if status else None,
                 "status_quote": status.quote if status else None,
                 **cited(f.citation)}
            ).last_pk))
        linked = created or datetime.now(UTC).isoformat(timespec="seconds")
        db.table("finding_links").insert_all(
            {"earlier_id": finding_ids[index], "later_id": finding_ids[f.repeated_by],
             "origin": "recognised", "author": None, "created": linked}
            for index, f in enumerate(found.findings) if f.repeated_by is not None
        )
        if supersedes is not None:
            carry_reviewer_work(db, supersedes, report_id)
        db.table("grade_counts").insert_all(
            {"force_id": force(c.force), "cycle": c.cycle, "grade": c.grade.value,
             "count": c.count, **cited(c.citation)}
            for c in found.counts
        )
    return ReportId(report_id)


def current_reports_like(db: Database, force_key: str, cycle: str, kind: str) -> list[dict]:
    """Current (not superseded) reports of a force, cycle and kind."""
    return _rows(
        db,
        "SELECT r.id, r.title, r.source_name FROM reports r JOIN forces f ON f.id = r.force_id "
        "WHERE f.key = ? AND r.cycle = ? AND r.kind = ? AND r.superseded_by IS NULL",
        [force_key, cycle, kind],
    )


def report_text(db: Database, report_id: int) -> str:
    return "\n\n".join(
        row[0] for row in db.execute(
            "SELECT text FROM passages WHERE report_id = ? ORDER BY ordinal", [report_id])
    )


def original_in_use(db: Database, file_name: str) -> bool:
    return db.execute(
        "SELECT 1 FROM reports WHERE original_path = ?", [file_name]
    ).fetchone() is not None


def corrections_of(db: Database, report_id: int) -> list[dict]:
    return _rows(
        db,
        "SELECT judgment_id, field, proposed, corrected, author, created FROM corrections "
        "WHERE report_id = ? ORDER BY id",
        [report_id],
    )


def forces_with_data(db: Database) -> list[ForceRow]:
    rows = db.execute(
        """
        SELECT f.id, f.key, f.name,
               (SELECT count(*) FROM reports r WHERE r.force_id = f.id),
               (SELECT count(*) FROM judgments j WHERE j.force_id = f.id)
        FROM forces f
        WHERE EXISTS (SELECT 1 FROM reports r WHERE r.force_id = f.id)
           OR EXISTS (SELECT 1 FROM judgments j WHERE j.force_id = f.id)
        ORDER BY f.name
        """
    ).fetchall()
    return [ForceRow(*row) for row in rows]


def reports(db: Database) -> list[dict]:
    cursor = db.execute(
        """
        SELECT r.id, r.title, f.name AS force, r.cycle, r.kind, r.published,
               r.page_count AS pages, r.source_name, r.publisher, r.superseded_by,
               r.original_path, r.media_type
        FROM reports r JOIN forces f ON f.id = r.force_id
        JOIN cycles c ON c.key = r.cycle
        ORDER BY f.name, c.ordinal, r.id
        """
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


_CITED = """
    r.id AS report_id, r.title AS report, r.cycle AS report_cycle, r.original_path,
    p.page AS page, p.page_label AS page_label, p.ordinal AS paragraph, x.quote AS quote
"""


def _rows(db: Database, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def judgments_of(db: Database, force_id: int) -> list[dict]:
    """Every stored judgment about a force (from current editions), with its citation."""
    return _rows(
        db,
        f"""
        SELECT x.id, x.cycle, c.ordinal AS cycle_ordinal, x.level, x.pillar, x.question_key,
               q.title AS question, COALESCE(q.linked_theme, q.theme) AS theme,
               q.ordinal AS question_ordinal, q.origin AS question_origin, x.grade, x.status,
               x.last_inspected, x.evidence, x.confidence, {_CITED}
        FROM judgments x
        JOIN reports r ON r.id = x.report_id
        JOIN cycles c ON c.key = x.cycle
        LEFT JOIN questions q ON q.key = x.question_key
        LEFT JOIN passages p ON p.id = x.passage_id
        WHERE x.force_id = ? AND r.superseded_by IS NULL
        ORDER BY c.ordinal, x.level, x.pillar, q.ordinal, x.id
        """,
        [force_id],
    )


def findings_of(db: Database, force_id: int) -> list[dict]:
    return _rows(
        db,
        f"""
        SELECT x.id, x.cycle, x.kind, x.question_key, q.title AS question, x.text,
               x.parent_id, {_CITED}
        FROM findings x
        JOIN reports r ON r.id = x.report_id
        JOIN cycles c ON c.key = x.cycle
        LEFT JOIN questions q ON q.key = x.question_key
        LEFT JOIN passages p ON p.id = x.passage_id
        WHERE x.force_id = ? AND r.superseded_by IS NULL
        ORDER BY c.ordinal, x.id
        """,
        [force_id],
    )


def counts_of(db: Database, force_id: int) -> list[dict]:
    return _rows(
        db,
        f"""
        SELECT x.cycle, x.grade, x.count, {_CITED}
        FROM grade_counts x
        JOIN reports r ON r.id = x.report_id
        LEFT JOIN passages p ON p.id = x.passage_id
        WHERE x.force_id = ? AND r.superseded_by IS NULL
        ORDER BY x.id
        """,
        [force_id],
    )


def report_titles_by_cycle(db: Database, force_id: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for cycle, title in db.execute(
        "SELECT cycle, title FROM reports WHERE force_id = ? AND superseded_by IS NULL "
        "ORDER BY id",
        [force_id],
    ):
        out.setdefault(cycle, []).append(title)
    return out


def report_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM reports").fetchone()[0]


def passages_of(db: Database, report_id: int) -> list[dict]:
    return _rows(
        db,
        "SELECT id, ordinal, page, page_label, text FROM passages WHERE report_id = ? "
        "ORDER BY ordinal",
        [report_id],
    )


def review_statuses(db: Database, force_id: int, cycle_set: str, reviewer: str) -> dict[str, str]:
    return dict(db.execute(
        "SELECT item_key, status FROM review_status "
        "WHERE force_id = ? AND cycle_set = ? AND reviewer = ?",
        [force_id, cycle_set, reviewer],
    ).fetchall())


def set_review_status(db: Database, force_id: int, cycle_set: str, reviewer: str,
                      item_key: str, status: str | None, updated: str) -> None:
    """Store (or with None, clear) a review status, committed at once."""
    with writing(db):
        if status is None:
            db.execute(
                "DELETE FROM review_status WHERE force_id = ? AND cycle_set = ? "
                "AND reviewer = ? AND item_key = ?",
                [force_id, cycle_set, reviewer, item_key],
            )
            return
        db.execute(
            "INSERT INTO review_status (force_id, cycle_set, reviewer, item_key, status, updated) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (force_id, cycle_set, reviewer, item_key) "
            "DO UPDATE SET status = excluded.status, updated = excluded.updated",
            [force_id, cycle_set, reviewer, item_key, status, updated],
        )


def database_reviewer(db: Database) -> str | None:
    """The name this database's own review work is recorded under, once one was chosen."""
    row = db.execute("SELECT value FROM meta WHERE key = 'reviewer'").fetchone()
    return row[0] if row else None


def rename_reviewer(db: Database, old: str, new: str) -> int:
    """Record the database's reviewer as ``new`` and move ``old``'s review statuses to it
    (where ``new`` already has a status for an item, that one stays and ``old``'s is kept
    too). Returns how many statuses moved."""
    with writing(db):
        moved = db.execute("UPDATE OR IGNORE review_status SET reviewer = ? WHERE reviewer = ?",
                           [new, old]).rowcount
        db.execute("INSERT INTO meta (key, value) VALUES ('reviewer', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [new])
    return moved


# A passage as the fields of review_model.Evidence but ``cited``: (report, report_id,
# passage_id, page as printed — its label when that is a number —, 0-based page of the
# original PDF, paragraph, text, original file)
_EVIDENCE = """r.title, r.id, p.id,
    CASE WHEN p.page_label <> '' AND p.page_label NOT GLOB '*[^0-9]*'
         THEN CAST(p.page_label AS INTEGER) ELSE p.page END,
    CASE WHEN p.page AND r.media_type = 'application/pdf' THEN p.page - 1 END,
    p.ordinal, p.text, r.original_path"""


def section_passages(db: Database, force_id: int, cycle: str,
                     question_keys: list[str]) -> list[tuple]:
    """Passages of the force's current reports of a cycle that sit under these questions, in
    order, as evidence fields (_EVIDENCE). Tuples: a theme's sections hold hundreds of
    passages, read at each question switch."""
    if not question_keys:
        return []
    marks = ",".join("?" * len(question_keys))
    return db.execute(
        f"""
        SELECT {_EVIDENCE}
        FROM passages p JOIN reports r ON r.id = p.report_id
        WHERE r.force_id = ? AND r.cycle = ? AND r.superseded_by IS NULL
          AND p.question_key IN ({marks})
        ORDER BY r.id, p.ordinal
        """,
        [force_id, cycle, *question_keys],
    ).fetchall()


def passage_at(db: Database, report_id: int, paragraph: int) -> dict | None:
    rows = _rows(
        db,
        "SELECT p.id, p.ordinal AS paragraph, p.page, p.page_label, p.text, p.question_key, "
        "r.id AS report_id, r.title AS report, r.original_path, r.media_type "
        "FROM passages p JOIN reports r ON r.id = p.report_id "
        "WHERE p.report_id = ? AND p.ordinal = ?",
        [report_id, paragraph],
    )
    return rows[0] if rows else None


def evidence_at(db: Database, report_id: int, paragraph: int) -> tuple | None:
    """A report's paragraph as evidence fields (_EVIDENCE), or None."""
    return db.execute(f"SELECT {_EVIDENCE} FROM passages p JOIN reports r ON r.id = "
                      "p.report_id WHERE p.report_id = ? AND p.ordinal = ?",
                      [report_id, paragraph]).fetchone()


def all_review_status(db: Database) -> list[dict]:
    return _rows(db, "SELECT f.key AS force, s.cycle_set, s.reviewer, s.item_key, s.status, "
                     "s.updated FROM review_status s JOIN forces f ON f.id = s.force_id "
                     "ORDER BY f.key, s.reviewer, s.item_key", [])


def merge_review_status(db: Database, rows: list[dict]) -> int:
    """Take each status unless ours for the same reviewer and item is newer; returns count."""
    merged = 0
    with writing(db):
        for row in rows:
            force = db.execute("SELECT id FROM forces WHERE key = ?", [row["force"]]).fetchone()
            if force is None or row["status"] not in ("reviewed", "flagged"):
                continue
            cursor = db.execute(
                "INSERT INTO review_status (force_id, cycle_set, reviewer, item_key, status, "
                "updated) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (force_id, cycle_set, reviewer, "
                "item_key) DO UPDATE SET status = excluded.status, updated = excluded.updated "
                "WHERE excluded.updated > review_status.updated",
                [force[0], row["cycle_set"], row["reviewer"], row["item_key"], row["status"],
                 row["updated"]])
            merged += cursor.rowcount
    return merged
