"""Reading a force's annotations in the CLI's shape, and finding the words to annotate."""

from __future__ import annotations

from peel_desktop.domain import NotFound
from peel_desktop.services import annotate, history
from peel_desktop.services.library import resolve_force
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import annotations as store


def anchor_quote(ws: Workspace, force_id: int, cycle: str, quote: str) -> dict:
    """The first passage of the force's reports of ``cycle`` containing ``quote``, with offsets.

    Raises NotFound with a clear sentence when no passage has those words.
    """
    quote = quote.strip()
    if not quote:
        raise NotFound("Give the words to annotate with --quote.")
    found = store.first_passage_with(ws.db, force_id, cycle, quote)
    if found is None:
        raise NotFound(f"No passage of the PEEL {cycle} reports contains “{quote}”.")
    start = found["text"].index(quote)
    return {"id": found["id"], "start": start, "end": start + len(quote)}


def question_label(ws: Workspace, a: annotate.Annotation, question_key: str | None) -> str | None:
    if question_key:
        return ws.framework.question(question_key).title
    if a.item_key and a.item_key.startswith("theme:"):
        theme = a.item_key.split(":", 1)[1]
        return next((t.label for t in ws.framework.themes if t.key == theme), None)
    if a.item_key and a.item_key.startswith("pillar:"):
        return f"{a.item_key.split(':', 1)[1].capitalize()} overall"
    return None


def notes_json(ws: Workspace, force_query: str) -> dict:
    force = resolve_force(ws, force_query)
    out = []
    for a in annotate.for_force(ws, force.id):
        row = store.get(ws.db, a.id) or {}
        question_key = None
        if a.passage_id:
            passage = store.passage(ws.db, a.passage_id)
            question_key = passage["question_key"] if passage else None
        out.append({
            "id": a.id, "cycle": a.cycle, "question": question_label(ws, a, question_key),
            "quote": a.quote, "note": a.note, "tags": list(a.tags), "rag": a.rag,
            "key_evidence": a.key_evidence, "ask_chief": a.ask_chief, "author": a.author,
            "created": a.created, "updated": a.updated,
            "source": {"report": a.report,
                       "page": history.printed_page(row) if row.get("page") else None,
                       "paragraph": a.paragraph},
        })
    return {"force": force.name, "annotations": out}
