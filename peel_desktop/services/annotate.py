"""The reviewer's annotations: notes, tags, RAG ratings and flags on the evidence.

Every change is committed at once and returns the annotation before and after it, so the
window's undo can put it back. Each change produces a new revision (``rev``) and an audit
entry with who, when and the values before and after. Deleting keeps the annotation, marked
deleted, so that undo can restore it and a colleague's copy can tell a deletion from an edit.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import NamedTuple

from peel_desktop.domain import NotFound, PeelError
from peel_desktop.services import areas
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import annotations as store

CONTEXT = 40  # characters of context kept before and after a quote
RAG = ("red", "amber", "green")
STARTER_TAGS = ("concern", "positive", "progress", "ask the chief constable", "follow up")
CONTENT = ("note", "tags", "rag", "key_evidence", "ask_chief", "deleted")
ANCHOR = ("report_id", "passage_id", "start", "end", "quote", "before", "after", "judgment_id",
          "finding_id", "anchor")


class Annotation(NamedTuple):
    """A reviewer's highlight or note on a passage, judgment, finding or question."""

    id: str
    force_id: int
    target: str  # passage | judgment | finding | question
    cycle: str | None
    item_key: str | None
    report_id: int | None
    passage_id: int | None
    start: int | None
    end: int | None
    quote: str
    before: str
    after: str
    judgment_id: int | None
    finding_id: int | None
    note: str
    tags: tuple[str, ...]
    rag: str | None
    key_evidence: bool
    ask_chief: bool
    anchor: str  # anchored | reanchored | lost
    deleted: bool
    author: str
    created: str
    updated: str
    updated_by: str
    rev: str
    force: str = ""
    report: str | None = None
    page: int | None = None
    page_label: str | None = None
    paragraph: int | None = None

    def values(self) -> dict:
        """The fields a change can alter, as stored (for the audit trail)."""
        return {k: (list(v) if isinstance(v, tuple) else v)
                for k in (*CONTENT, *ANCHOR) for v in [getattr(self, k)]}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _rev(previous: str, values: dict) -> str:
    import hashlib  # (only when an annotation changes: not on the way to the first screen)

    payload = previous + json.dumps(values, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _from_row(row: dict) -> Annotation:
    names = set(Annotation._fields)
    data = {k: row[k] for k in names if k in row}
    data["tags"] = tuple(json.loads(row["tags"]))
    data["key_evidence"], data["ask_chief"] = bool(row["key_evidence"]), bool(row["ask_chief"])
    data["deleted"] = bool(row["deleted"])
    data["force"] = row.get("force_name") or ""
    return Annotation(**data)


def _stored(values: dict) -> dict:
    out = dict(values)
    if "tags" in out:
        out["tags"] = json.dumps(list(out["tags"]), ensure_ascii=False)
    for flag in ("key_evidence", "ask_chief", "deleted"):
        if flag in out:
            out[flag] = int(bool(out[flag]))
    return out


def clean_tags(tags) -> tuple[str, ...]:
    """Tags as typed: trimmed, blanks dropped, duplicates (any case) once, order kept."""
    seen, out = set(), []
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            out.append(tag)
    return tuple(out)


MAX_NOTE = 100_000  # characters: some forty pages of typing
MAX_TAGS = 50


def _check(rag: str | None, note: str | None = None, tags=()) -> None:
    if rag is not None and rag not in RAG:
        raise PeelError(f"The RAG rating must be red, amber or green, not '{rag}'.")
    if note is not None and len(note) > MAX_NOTE:
        raise PeelError(f"A note can hold {MAX_NOTE:,} characters; this one has "
                        f"{len(note):,}. Shorten it, or keep the long text in a document.")
    if len(tags) > MAX_TAGS or any(len(t) > 100 for t in tags):
        raise PeelError(f"An annotation can have {MAX_TAGS} tags of up to 100 characters.")


def get(ws: Workspace, annotation_id: str) -> Annotation:
    row = store.get(ws.db, annotation_id)
    if row is None:
        raise NotFound(f"There is no annotation {annotation_id}.")
    return _from_row(row)


def _create(ws: Workspace, row: dict, author: str) -> Annotation:
    import uuid  # here: importing it (and platform, which it imports) costs the first screen

    now = _now()
    row = {**row, "id": row.get("id") or str(uuid.uuid4()), "author": author, "created": now,
           "updated": now, "updated_by": author, "deleted": 0, "anchor": "anchored",
           "ancestry": "[]"}
    values = {k: row.get(k) for k in (*CONTENT, *ANCHOR)}
    values["tags"] = list(row["tags"])
    row["rev"] = _rev("", values)
    store.insert(ws.db, _stored({k: row.get(k) for k in store.COLUMNS}), {
        "annotation_id": row["id"], "action": "create", "author": author, "at": now,
        "rev": row["rev"], "previous": None,
        "current": json.dumps(values, ensure_ascii=False)})
    return get(ws, row["id"])


def annotate_passage(ws: Workspace, *, passage_id: int, start: int, end: int, author: str,
                     note: str = "", tags=(), rag: str | None = None,
                     key_evidence: bool = False, ask_chief: bool = False) -> Annotation:
    """Annotate words of a passage (``start``/``end``: character offsets in its text)."""
    _check(rag, note, clean_tags(tags))
    passage = store.passage(ws.db, passage_id)
    if passage is None:
        raise NotFound(f"There is no passage {passage_id}.")
    text = passage["text"]
    if not 0 <= start < end <= len(text):
        raise PeelError("Select some words of the passage to annotate.")
    return _create(ws, {
        "force_id": passage["force_id"], "target": "passage", "cycle": passage["cycle"],
        "item_key": item_for_passage(ws, passage_id), "report_id": passage["report_id"],
        "passage_id": passage_id, "start": start, "end": end, "quote": text[start:end],
        "before": text[max(0, start - CONTEXT):start], "after": text[end:end + CONTEXT],
        "judgment_id": None, "finding_id": None, "note": note, "tags": clean_tags(tags),
        "rag": rag, "key_evidence": key_evidence, "ask_chief": ask_chief,
    }, author)


def item_for_passage(ws: Workspace, passage_id: int) -> str | None:
    """The review item a passage speaks to: its question's theme, or the pillar whose
    heading it sits under (force summary pages set text under pillar headings); None when
    the report says neither."""
    passage = store.passage(ws.db, passage_id)
    if passage is None:
        return None
    if passage["question_key"]:
        return areas.item_of(ws, passage["question_key"])
    # here, not at the top: importing recognition (all its patterns) would hold up the
    # window's first data, and only this look-up needs it
    from peel_desktop.recognise.vocab import norm

    cycle = ws.framework.cycle(passage["cycle"])
    headings = {norm(h).rstrip("?:. "): pillar for pillar, hs in cycle.pillar_headings.items()
                for h in hs}
    earlier = [p for p in store.passages_of_report(ws.db, passage["report_id"])
               if p["ordinal"] <= passage["ordinal"]]
    for p in reversed(earlier):
        if p["question_key"] and p["id"] != passage_id:
            return None  # under a question's heading, whose section is not this passage's
        pillar = headings.get(norm(p["text"]).rstrip("?:. "))
        if pillar:
            return f"pillar:{pillar}"
    return None


def annotate_item(ws: Workspace, *, force_id: int, target: str, item_key: str,
                  cycle: str | None, author: str, judgment_id: int | None = None,
                  finding_id: int | None = None, report_id: int | None = None,
                  quote: str = "", note: str = "", tags=(), rag: str | None = None,
                  key_evidence: bool = False, ask_chief: bool = False) -> Annotation:
    """Annotate a judgment, a finding, or a question as a whole (the reviewer's view)."""
    _check(rag, note, clean_tags(tags))
    if target not in ("judgment", "finding", "question"):
        raise PeelError(f"Cannot annotate a {target}.")
    return _create(ws, {
        "force_id": force_id, "target": target, "cycle": cycle, "item_key": item_key,
        "report_id": report_id, "passage_id": None, "start": None, "end": None,
        "quote": quote, "before": "", "after": "", "judgment_id": judgment_id,
        "finding_id": finding_id, "note": note, "tags": clean_tags(tags), "rag": rag,
        "key_evidence": key_evidence, "ask_chief": ask_chief,
    }, author)


def change(ws: Workspace, annotation_id: str, *, author: str, action: str = "edit",
           rev: str | None = None, **values) -> tuple[Annotation, Annotation]:
    """Set content or anchor fields; returns (before, after). Nothing changes → no entry.

    ``rev`` adopts a colleague's revision (a merge that takes their newer copy)."""
    unknown = set(values) - {*CONTENT, *ANCHOR}
    if unknown:
        raise PeelError(f"Annotations have no field {sorted(unknown)}.")
    if "tags" in values:
        values["tags"] = clean_tags(values["tags"])
    _check(values.get("rag"), values.get("note"), values.get("tags", ()))
    before = get(ws, annotation_id)
    after_values = {**before.values(), **{k: (list(v) if isinstance(v, tuple) else v)
                                          for k, v in values.items()}}
    if after_values == before.values():
        return before, before
    now = _now()
    rev = rev or _rev(before.rev, after_values)
    store.update(ws.db, annotation_id, _stored({
        **{k: after_values[k] for k in values}, "updated": now, "updated_by": author,
        "rev": rev}), {
        "annotation_id": annotation_id, "action": action, "author": author, "at": now,
        "rev": rev, "previous": json.dumps(before.values(), ensure_ascii=False),
        "current": json.dumps(after_values, ensure_ascii=False)})
    return before, get(ws, annotation_id)


def delete(ws: Workspace, annotation_id: str, *, author: str) -> tuple[Annotation, Annotation]:
    return change(ws, annotation_id, author=author, action="delete", deleted=True)


def restore(ws: Workspace, annotation_id: str, *, author: str) -> tuple[Annotation, Annotation]:
    return change(ws, annotation_id, author=author, action="restore", deleted=False)


def put_back(ws: Workspace, state: Annotation, *, author: str) -> tuple[Annotation, Annotation]:
    """Return an annotation to an earlier state (undo, redo, resolving a conflict)."""
    values = state.values()
    action = "restore" if get(ws, state.id).deleted and not state.deleted else (
        "delete" if state.deleted else "edit")
    return change(ws, state.id, author=author, action=action, **values)


def for_force(ws: Workspace, force_id: int, *, item_key: str | None = None,
              include_deleted: bool = False) -> list[Annotation]:
    rows = [_from_row(r) for r in store.of_force(ws.db, force_id,
                                                include_deleted=include_deleted)]
    return [a for a in rows if item_key is None or a.item_key == item_key]


def history(ws: Workspace, annotation_id: str) -> list[dict]:
    """The audit trail: who did what when, with the values before and after."""
    return [{**h, "previous": json.loads(h["previous"]) if h["previous"] else None,
             "current": json.loads(h["current"])} for h in store.history(ws.db, annotation_id)]


def tags_in_use(ws: Workspace) -> list[str]:
    used = store.tags(ws.db)
    return used + [t for t in STARTER_TAGS if t.lower() not in {u.lower() for u in used}]


def lost(ws: Workspace, force_id: int) -> list[Annotation]:
    return [a for a in for_force(ws, force_id) if a.anchor == "lost"]

