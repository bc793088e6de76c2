"""Full-text search queries over the search_index (FTS5).

Ranking uses the index alone (its unindexed columns carry the filters); the count is a second,
unranked pass over the match (cheap) made only when there are more hits than shown; the text
and citations of the rows shown are read by rowid (FTS5's snippet() re-expands prefix queries
over every match, which cost more than the search itself).
"""

from __future__ import annotations

import sqlite3

from peel_desktop.storage.connection import Database
from peel_desktop.storage.repository import _rows

START, END = "\ue000", "\ue001"  # marks around a hit in a snippet (private-use characters)
RANK = "bm25(search_index, 1.0, 0.0)"  # the text ranks; the scope words weigh nothing

_DETAILS = """
    SELECT s.rowid AS hit, s.kind, s.ref, s.force_id, s.cycle, s.question_key, s.body,
           coalesce(r.id, fr.id, ar.id) AS report_id,
           coalesce(r.title, fr.title, ar.title) AS report,
           a.item_key AS item_key,
           coalesce(p.page, fp.page, ap.page) AS page,
           coalesce(p.page_label, fp.page_label, ap.page_label) AS page_label,
           coalesce(p.ordinal, fp.ordinal, ap.ordinal) AS paragraph,
           coalesce(p.id, fp.id, ap.id) AS passage_id
    FROM search_index s
    LEFT JOIN passages p ON s.kind = 'report' AND p.id = s.ref
    LEFT JOIN reports r ON r.id = p.report_id
    LEFT JOIN findings f ON s.kind = 'finding' AND f.id = s.ref
    LEFT JOIN reports fr ON fr.id = f.report_id
    LEFT JOIN passages fp ON fp.id = f.passage_id
    LEFT JOIN annotations a ON s.kind = 'note' AND a.id = s.ref
    LEFT JOIN reports ar ON ar.id = a.report_id
    LEFT JOIN passages ap ON ap.id = a.passage_id
    WHERE s.rowid IN ({marks})
"""


def scope_of(force_id: int | None, cycle: str | None, kind: str | None) -> str | None:
    """The index words a filter matches (see migration 0010), or None for no filter."""
    words = ([f"qqf{int(force_id)}"] if force_id is not None else []) + (
        [f"qqk{kind}"] if kind else []) + (
        [f"qqc{''.join(c for c in cycle if c.isalnum())}"] if cycle else [])
    return " AND ".join(f'"{w}"' for w in words) or None


def _match(expression: str, force_id: int | None, cycle: str | None,
           kind: str | None) -> str:
    """The query on the text, intersected in the index with the filter's scope words."""
    scope = scope_of(force_id, cycle, kind)
    text = f"body : ({expression})"
    return f"{text} AND scope : ({scope})" if scope else text


def _questions(questions: list[str] | None) -> tuple[str, list]:
    if questions is None:
        return "", []
    return f" AND question_key IN ({','.join('?' * len(questions)) or 'NULL'})", questions


def stem_of_prefix(db: Database, prefix: str) -> str | None:
    """The index's stem that a typed word beginning grows from, when the beginning itself is
    no stem: the index holds English stems ("investigating" is "investig"), so
    "investigat*" alone finds nothing. The longest held term that begins the prefix and is at
    most three letters shorter (at least four letters), or None."""
    candidates = [prefix[:k] for k in range(max(4, len(prefix) - 3), len(prefix))]
    if not candidates:
        return None
    try:
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING "
                   "fts5vocab(main, search_index, 'row')")
        rows = db.execute(f"SELECT term FROM temp.search_terms WHERE term IN "
                          f"({', '.join('?' * len(candidates))})", candidates).fetchall()
    except sqlite3.Error:
        return None
    held = sorted((t for (t,) in rows), key=len, reverse=True)
    return held[0] if held else None


def search(db: Database, expression: str, *, force_id: int | None = None,
           cycle: str | None = None, kind: str | None = None,
           questions: list[str] | None = None, limit: int = 50) -> tuple[int, list[dict]]:
    """(how many match, the best ``limit`` of them by bm25, with snippets and citations)."""
    match = _match(expression, force_id, cycle, kind)
    where, params = _questions(questions)
    top = db.execute(
        f"SELECT rowid FROM search_index WHERE search_index MATCH ?{where} "
        f"ORDER BY {RANK} LIMIT ?", [match, *params, limit]).fetchall()
    total = len(top)
    if total == limit:
        total = db.execute(f"SELECT count(*) FROM search_index WHERE search_index MATCH ?{where}",
                           [match, *params]).fetchone()[0]
    if not top:
        return 0, []
    ids = [rowid for (rowid,) in top]
    found = {r["hit"]: r for r in _rows(db, _DETAILS.format(marks=",".join("?" * len(ids))),
                                          ids)}
    return total, [found[i] for i in ids if i in found]


def raw(db: Database, expression: str, limit: int = 50) -> list:
    """The floor for benchmarks: the bare FTS5 query, best first."""
    return db.execute("SELECT rowid FROM search_index WHERE search_index MATCH ? "
                      "ORDER BY bm25(search_index) LIMIT ?", [expression, limit]).fetchall()
