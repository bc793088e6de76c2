"""Search everything — report text, findings, the reviewer's notes — the way people type.

Words (all must appear), "exact phrases", -excluded words, OR, prefix* — never an error:
whatever is typed becomes a safe FTS5 expression, or a gentle hint when nothing can be
searched for. English stemming: "investigate" finds "investigations".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from peel_desktop.services import areas
from peel_desktop.services.library import resolve_force
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository
from peel_desktop.storage import search as store

KINDS = ("report", "finding", "note")
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Query:
    expression: str | None  # FTS5 MATCH expression, None when nothing can be searched
    hint: str | None = None
    terms: tuple[str, ...] = ()  # words to highlight
    prefixes: tuple[str, ...] = ()  # word beginnings to highlight (prefix* terms)


def _phrase(words: list[str]) -> str:
    return '"' + " ".join(w.replace('"', "") for w in words) + '"'


MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 12  # words, phrases and word beginnings; more would take seconds


def parse(text: str) -> Query:
    """Turn what the user typed into an FTS5 expression that cannot fail, and that stays
    quick: a very long query is cut to its first words, with a hint that says so."""
    positives: list[str] = []
    negatives: list[str] = []
    pending_or = False
    terms: list[str] = []
    prefixes: list[str] = []
    cut = len(text or "") > MAX_QUERY_CHARS
    taken = 0
    for token in _TOKEN.findall((text or "")[:MAX_QUERY_CHARS]):
        negative = token.startswith("-") and len(token) > 1
        body = token[1:] if negative else token
        if body in ("OR", "|") and not negative:
            pending_or = bool(positives)
            continue
        if body in ("AND", "&&", "NOT") and not negative:
            continue
        prefix = body.endswith("*") and not body.startswith('"')
        words = _WORD.findall(body)
        if not words:
            continue
        if taken == MAX_QUERY_WORDS:
            cut = True
            break
        taken += 1
        if not negative:
            if prefix:
                terms += words[:-1]
                prefixes.append(words[-1])
            else:
                terms += words
        item = _phrase(words) + ("*" if prefix else "")
        if negative:
            negatives.append(item)
        elif pending_or and positives:
            positives[-1] = f"{positives[-1]} OR {item}"
            pending_or = False
        else:
            positives.append(item)
    if not positives:
        hint = ("Add a word to find: a search cannot be only words to leave out."
                if negatives else "Type some words to search for.")
        return Query(None, hint)
    expression = " AND ".join(f"({p})" for p in positives)
    for n in negatives:
        expression = f"({expression}) NOT {n}"
    hint = (f"Searched for the first {MAX_QUERY_WORDS} words only: a search this long would "
            "take too long." if cut else None)
    return Query(expression, hint, tuple(terms), tuple(prefixes))


_ENDINGS = ("ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "s", "e", "ly",
            "ment", "ments")


def _stem(word: str) -> str:
    """A word's rough stem, to highlight its other forms ("investigate" → "investig")."""
    word = word.lower()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=64)
def _marker(stems: frozenset[str]) -> re.Pattern | None:
    """A word that begins with any of the stems (longest first)."""
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in sorted(stems, key=len,
                                                                       reverse=True))
                      + r")\w*", re.IGNORECASE)


def snippet(body: str, query: Query, words: int = 28) -> str:
    """About ``words`` words of ``body`` where the query's words are densest, those words
    marked. Found by the regular-expression engine in one pass: a search shows 200 of these,
    and word-by-word Python cost more than the search itself."""
    marker = _marker(frozenset({_stem(t) for t in query.terms}
                               | {p.lower() for p in query.prefixes}))
    span = words * 7  # characters: English words and their spaces average about seven
    hits = [m.start() for m in marker.finditer(body)] if marker else []
    start = 0
    if hits:  # the hit that begins the window holding the most hits (the earliest of equals)
        first = max(range(len(hits)), key=lambda i: (bisect_right(hits, hits[i] + span) - i, -i))
        start = hits[first]
        if start > span // 6:  # a few words before it, from the start of a word
            start = body.rfind(" ", 0, start - span // 6) + 1
        elif start:
            start = 0
    end = min(len(body), start + span)
    if end < len(body):
        cut = body.rfind(" ", start, end)
        end = cut if cut > start else end
    piece = body[start:end]
    if marker:
        piece = marker.sub(lambda m: f"{store.START}{m.group(0)}{store.END}", piece)
    return ("…" if start > 0 else "") + piece + ("…" if end < len(body) else "")


@dataclass(frozen=True)
class Hit:
    kind: str
    force: str
    cycle: str | None
    question: str | None
    question_key: str | None
    item_key: str | None
    snippet: str  # hits between store.START and store.END
    report: str | None
    report_id: int | None
    page: int | None
    paragraph: int | None
    passage_id: int | None
    ref: str

    def json(self, marks: tuple[str, str] = ("«", "»")) -> dict:
        snippet = self.snippet.replace(store.START, marks[0]).replace(store.END, marks[1])
        return {"kind": self.kind, "force": self.force, "cycle": self.cycle,
                "question": self.question, "snippet": snippet,
                "source": {"report": self.report, "page": self.page,
                           "paragraph": self.paragraph}}


@dataclass(frozen=True)
class Results:
    query: str
    total: int
    hits: tuple[Hit, ...] = field(default_factory=tuple)
    hint: str | None = None

    def json(self) -> dict:
        out = {"query": self.query, "total": self.total, "results": [h.json() for h in self.hits]}
        if self.hint:
            out["hint"] = self.hint
        return out


def search(ws: Workspace, text: str, *, force: str | None = None, cycle: str | None = None,
           kind: str | None = None, question: str | None = None,
           limit: int = 50) -> Results:
    """Search; raises NotFound only for an unknown force (the query itself never fails)."""
    query = parse(text)
    if query.expression is None:
        return Results(text, 0, (), query.hint)
    ws = ws.reading(ws.framework)  # asked once, not for every hit
    if kind is not None and kind not in KINDS:
        return Results(text, 0, (), f"Kind must be one of {', '.join(KINDS)}.")
    force_row = resolve_force(ws, force) if force else None
    questions = None
    if question:
        wanted = question.lower()
        questions = [q.key for c in ws.framework.cycles for q in c.questions
                     if wanted in q.title.lower() or wanted in (q.theme or "")]
    expression = query.expression
    for prefix in query.prefixes:  # a word beginning past its stem ("investigat*")
        stem = store.stem_of_prefix(ws.db, prefix.lower())
        if stem and stem != prefix.lower():
            item = f'"{prefix}"*'
            expression = expression.replace(item, f'({item} OR "{stem}"*)')
    total, rows = store.search(ws.db, expression,
                               force_id=force_row.id if force_row else None, cycle=cycle,
                               kind=kind, questions=questions, limit=max(1, min(limit, 500)))
    names = repository.force_names(ws.db)
    hits = []
    for r in rows:
        key = r["question_key"]
        page = (int(r["page_label"]) if r["page_label"] and r["page_label"].isdigit()
                else r["page"])
        hits.append(Hit(
            kind=r["kind"], force=names.get(int(r["force_id"]), ""), cycle=r["cycle"],
            question=ws.framework.question(key).title if key else None, question_key=key,
            item_key=r["item_key"] or (areas.item_of(ws, key) if key else None),
            snippet=snippet(r["body"], query), report=r["report"], report_id=r["report_id"],
            page=page,
            paragraph=r["paragraph"], passage_id=r["passage_id"], ref=str(r["ref"])))
    hint = query.hint or (None if total else
                          "Nothing found. Try fewer words, or a word's beginning with *.")
    return Results(text, total, tuple(hits), hint)
