"""Full-text search queries over the search_index (FTS5)."""

from __future__ import annotations

from sqlite_utils import Database

from peel_desktop.storage.repository import _rows

START, END = "\ue000", "\ue001"  # marks around a hit in a snippet (private-use characters)

_SOURCE = """
    SELECT s.kind, s.ref, snippet(search_index, 0, '\ue000', '\ue001', '…', 14) AS snippet,
           bm25(search_index) AS score,
           coalesce(r.id, fr.id, ar.id) AS report_id,
           coalesce(r.title, fr.title, ar.title) AS report,
           coalesce(r.cycle, f.cycle, a.cycle) AS cycle,
           coalesce(r.force_id, f.force_id, a.force_id) AS force_id,
           coalesce(p.question_key, f.question_key, ap.question_key) AS question_key,
           a.item_key AS item_key,
           coalesce(p.page, fp.page, ap.page) AS page,
           coalesce(p.page_label, fp.page_label, ap.page_label) AS page_label,
           coalesce(p.ordinal, fp.ordinal, ap.ordinal) AS paragraph,
           coalesce(p.id, fp.id, ap.id) AS passage_id,
           a.tags AS tags
    FROM search_index s
    LEFT JOIN passages p ON s.kind = 'report' AND p.id = s.ref
    LEFT JOIN reports r ON r.id = p.report_id
    LEFT JOIN findings f ON s.kind = 'finding' AND f.id = s.ref
    LEFT JOIN reports fr ON fr.id = f.report_id
    LEFT JOIN passages fp ON fp.id = f.passage_id
    LEFT JOIN annotations a ON s.kind = 'note' AND a.id = s.ref
    LEFT JOIN reports ar ON ar.id = a.report_id
    LEFT JOIN passages ap ON ap.id = a.passage_id
    WHERE search_index MATCH ?
      AND coalesce(r.superseded_by, fr.superseded_by) IS NULL
"""


def _filters(force_id: int | None, cycle: str | None, kind: str | None,
             questions: list[str] | None) -> tuple[str, list]:
    sql, params = "", []
    if force_id is not None:
        sql += " AND coalesce(r.force_id, f.force_id, a.force_id) = ?"
        params.append(force_id)
    if cycle:
        sql += " AND coalesce(r.cycle, f.cycle, a.cycle) = ?"
        params.append(cycle)
    if kind:
        sql += " AND s.kind = ?"
        params.append(kind)
    if questions is not None:
        marks = ",".join("?" * len(questions)) or "NULL"
        sql += f" AND coalesce(p.question_key, f.question_key, ap.question_key) IN ({marks})"
        params += questions
    return sql, params


def search(db: Database, expression: str, *, force_id: int | None = None,
           cycle: str | None = None, kind: str | None = None,
           questions: list[str] | None = None, limit: int = 50) -> tuple[int, list[dict]]:
    """(how many match, the best ``limit`` of them by bm25) for an FTS5 expression."""
    where, params = _filters(force_id, cycle, kind, questions)
    rows = _rows(db, f"{_SOURCE}{where} ORDER BY score LIMIT ?", [expression, *params, limit])
    if len(rows) < limit:
        return len(rows), rows
    count_sql = (f"SELECT count(*) FROM ({_SOURCE}{where})" if where else
                 "SELECT count(*) FROM search_index WHERE search_index MATCH ?")
    total = db.execute(count_sql, [expression, *params]).fetchone()[0]
    return total, rows


def raw(db: Database, expression: str, limit: int = 50) -> list:
    """The floor for benchmarks: the bare FTS5 query, best first."""
    return db.execute("SELECT rowid, bm25(search_index) FROM search_index WHERE search_index "
                      "MATCH ? ORDER BY bm25(search_index) LIMIT ?", [expression, limit]).fetchall()
