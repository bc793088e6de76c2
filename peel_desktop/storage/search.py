"""Full-text search queries over the search_index (FTS5).

Across every force, results come newest cycle first, best first (bm25) within each cycle,
then the notes of no cycle; within one force or one cycle, best first. FTS5 ranks every
match it is asked to order, so ranking every force's matches at once cost more than the 50 ms
a search as you type has (145–166 ms at three times national scale). A search of every force
with many matches ranks a cycle at a time (its scope word intersects the query in the
index), newest first, until enough are found: the newest cycle alone holds a seventh of
them; with few matches, one pass orders them by cycle. One force's matches are few, and are
ranked at once. The count is an unranked pass over the match (cheap). The text and citations
of the rows shown are read by rowid (FTS5's snippet() re-expands prefix queries over every
match, which cost more than the search itself).
"""

from __future__ import annotations

import sqlite3

from peel_desktop.storage.connection import Database
from peel_desktop.storage.repository import _rows

START, END = "\ue000", "\ue001"  # marks around a hit in a snippet (private-use characters)
RANK = "bm25(search_index, 1.0, 0.0)"  # the text ranks; the scope words weigh nothing
# up to this many matches across every force are ordered by cycle in one pass; more are
# ranked a cycle at a time, newest first, until enough are found
_RANKED_AT_ONCE = 4000
# one force's or cycle's matches, up to this many, are counted in the pass that ranks them
_COUNTED_WHILE_RANKED = 20_000

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
    """The query on the text, intersected in the index with the filter's scope words; a
    cycle of "" is the rows of no cycle (notes on a question as a whole)."""
    scope = scope_of(force_id, cycle or None, kind)
    if cycle == "":
        scope = " AND ".join(w for w in (scope, '"qqc"') if w)
    text = f"body : ({expression})"
    return f"{text} AND scope : ({scope})" if scope else text


def _cycles_newest_first(db: Database) -> list[str]:
    """Every cycle the index can hold rows of, newest first (a cycle's key begins with its
    first year), then "" for the rows of no cycle."""
    held = {c or "" for (c,) in db.execute(
        "SELECT cycle FROM reports UNION SELECT cycle FROM findings "
        "UNION SELECT cycle FROM annotations")}
    return [*sorted(held - {""}, reverse=True), ""]


def _questions(questions: list[str] | None) -> tuple[str, list]:
    if questions is None:
        return "", []
    return f" AND question_key IN ({','.join('?' * len(questions)) or 'NULL'})", questions


# English endings a stemmer takes off (with the endings they begin): what a typed word
# beginning may go on with past the stem it grows from ("investig|at": -ation, -ating)
_ENDINGS = ("ation", "ational", "ations", "ative", "atives", "ate", "ated", "ates", "ating",
            "ator", "ators", "ing", "ings", "ed", "es", "er", "ers", "or", "ors", "ion", "ions",
            "ional", "ive", "ives", "ively", "ity", "ities", "ies", "ied", "y", "ly", "ment",
            "ments", "ness", "al", "ally", "ance", "ances", "ence", "ences", "ant", "ants",
            "ent", "ents", "able", "ably", "ible", "ibly", "ful", "fully", "ous", "ously",
            "ism", "isms", "ist", "ists", "ise", "ised", "ises", "ising", "isation", "ize",
            "ized", "izes", "izing", "ization", "ic", "ical", "ically", "e", "s")


def stem_of_prefix(db: Database, prefix: str) -> str | None:
    """The index's stem that a typed word beginning grows from: the index holds English
    stems ("investigating" is "investig"), so "investigat*" alone finds nothing. The longest
    held term that begins the prefix, at most three letters shorter (at least four letters),
    where what the prefix adds to it begins an English ending ("at": -ation); or None. So
    "safegu*" stays as typed (it finds "safeguard"), never widened to "safe", which would
    bring every passage on safety."""
    candidates = [prefix[:k] for k in range(max(4, len(prefix) - 3), len(prefix))
                  if any(e.startswith(prefix[k:]) for e in _ENDINGS)]
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
    """(how many match, the first ``limit`` of them — across every force newest cycle first,
    best first within a cycle; within a force or a cycle, best first — with snippets and
    citations)."""
    where, params = _questions(questions)

    def ranked(match: str, order: str, wanted: int) -> list:
        return db.execute(f"SELECT rowid FROM search_index WHERE search_index MATCH ?{where} "
                          f"ORDER BY {order} LIMIT ?", [match, *params, wanted]).fetchall()

    def count(match: str) -> int:
        return db.execute(f"SELECT count(*) FROM search_index WHERE search_index MATCH ?{where}",
                          [match, *params]).fetchone()[0]

    match = _match(expression, force_id, cycle, kind)
    if cycle or force_id is not None:  # one cycle's or one force's matches: few, ranked at once
        # every match is ranked to find the best, so all of them are read in that one pass
        # and counted there (a count would read the index a second time)
        every = ranked(match, RANK, _COUNTED_WHILE_RANKED)
        top = every[:limit]
        total = len(every) if len(every) < _COUNTED_WHILE_RANKED else count(match)
    else:  # every force: the newest cycle first
        total = count(match)
        if total <= _RANKED_AT_ONCE:  # (reading each match's cycle costs less than passes)
            top = ranked(match, f"cycle DESC, {RANK}", limit)  # (no cycle, NULL, sorts last)
        else:
            top = []
            for held in _cycles_newest_first(db):
                top += ranked(_match(expression, None, held, kind), RANK, limit - len(top))
                if len(top) >= limit:
                    break
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
