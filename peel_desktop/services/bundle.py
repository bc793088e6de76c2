"""Review bundles: a reviewer's annotations, review status and links of areas reports named
to crosswalk themes, in one file, to exchange.

A bundle is JSON with a format name and a schema version. Annotations are matched by id.
Each carries its revision and the revisions it grew from, so a merge can tell a newer copy
(take it) from an older one (keep ours) from an edit made on both sides (a conflict, kept
for the reviewer to resolve). Nothing is overwritten silently; a bundle that cannot be read
changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from peel_desktop import __version__, paths
from peel_desktop.domain import NotFound, PeelError
from peel_desktop.framework import CYCLE_KEY
from peel_desktop.services import annotate, areas
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import annotations as store
from peel_desktop.storage import learned, repository
from peel_desktop.storage.writes import write_private

FORMAT = "peel-desktop-review-bundle"
SCHEMA = 1
MAX_BYTES = 50_000_000
_FIELDS = ("id", "target", "cycle", "item_key", "start", "end", "quote", "before", "after",
           "note", "tags", "rag", "key_evidence", "ask_chief", "anchor", "deleted", "author",
           "created", "updated", "updated_by", "rev")


@dataclass(frozen=True)
class MergeResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    statuses: int = 0
    links: int = 0  # areas reports named, linked to a theme as the colleague linked them


def _portable(ws: Workspace, a: annotate.Annotation) -> dict:
    row = store.get(ws.db, a.id) or {}
    item = {k: (list(v) if isinstance(v, tuple) else v) for k in _FIELDS
            for v in [getattr(a, k)]}
    item["force"] = row.get("force_key")
    item["report"] = ({"checksum": row["report_checksum"], "title": row["report"]}
                      if row.get("report_checksum") else None)
    item["paragraph"] = row.get("paragraph")
    item["revs"] = store.revisions(ws.db, a.id)
    return item


def export(ws: Workspace, path: Path, *, author: str) -> int:
    """Write every annotation (deletions included) and review status; returns the count."""
    items = [_portable(ws, annotate._from_row(r)) for r in store.every(ws.db)]
    data = {"format": FORMAT, "schema": SCHEMA, "app_version": __version__,
            "exported": datetime.now(UTC).isoformat(timespec="seconds"), "exported_by": author,
            "annotations": items, "review_status": repository.all_review_status(ws.db),
            "area_links": areas.portable(ws)}
    write_private(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(items)


def read(path: Path) -> dict:
    """Read and check a bundle; raises PeelError naming the file and what is wrong."""
    name = path.name
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise PeelError(f"{name}: this is not a file of its own (a device, pipe or "
                            "folder), so not a review bundle.")
        if path.stat().st_size > MAX_BYTES:
            raise PeelError(f"{name}: the file is too large to be a review bundle.")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise PeelError(f"{name}: the file is too large to be a review bundle.")
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise PeelError(f"{name}: the file does not exist.") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise PeelError(f"{name}: this is not a review bundle (it is not readable JSON).") from None
    except OSError as error:
        raise PeelError(f"{name}: the file cannot be read ({error.strerror}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PeelError(f"{name}: this is not a PEEL Desktop review bundle.")
    schema = data.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise PeelError(f"{name}: the bundle was made by a newer version of PEEL Desktop "
                        f"(schema {schema}); update to read it.")
    problem = next(iter(sorted(_validator().iter_errors(data),
                               key=lambda e: list(map(str, e.absolute_path)))), None)
    if problem is not None:
        raise PeelError(f"{name}: the bundle is damaged ({_where(problem.absolute_path)} "
                        f"{_what(problem)}); nothing was merged.")
    return data


@cache
def _validator():
    import jsonschema

    with open(paths.resources_dir() / "bundle.schema.json", encoding="utf-8") as handle:
        schema = json.load(handle)
    definitions = schema.pop("$defs")

    def inline(node):  # every "$ref" put in place: a bundle is checked several times faster
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return jsonschema.Draft202012Validator(inline(schema))


_PLACES = {"annotations": "annotation", "review_status": "review status",
           "area_links": "area link"}


def _where(path) -> str:
    """'annotation 3, its note' for ['annotations', 2, 'note']."""
    parts = list(path)
    if not parts:
        return "the bundle"
    if len(parts) >= 2 and parts[0] in _PLACES and isinstance(parts[1], int):
        head = f"{_PLACES[parts[0]]} {parts[1] + 1}"
        rest = [str(p) for p in parts[2:]]
        return f"{head}, its {' '.join(rest)}" if rest else head
    if len(parts) == 1:
        return f"its list of {_PLACES.get(parts[0], str(parts[0]))}s".replace("ss", "ses") \
            if parts[0] in _PLACES else f"its {parts[0]}"
    return "its " + " ".join(str(p) for p in parts)


def _what(error) -> str:
    """What is wrong, in a few words (never the value itself: it may be megabytes long)."""
    limit = error.validator_value
    if error.validator == "required":
        held = error.instance if isinstance(error.instance, dict) else {}
        return "lacks " + ", ".join(sorted(set(limit) - set(held)))[:200]
    return {
        "maxLength": f"is longer than {limit} characters",
        "minLength": "is empty",
        "maxItems": f"has more than {limit} items",
        "type": f"should be {' or '.join(limit) if isinstance(limit, list) else limit}",
        "enum": "is not one of the values allowed",
        "const": "is not what a review bundle holds",
        "pattern": "is not in the expected form",
        "minimum": f"is below {limit}",
        "maximum": f"is above {limit}",
        "oneOf": "is not in the expected form",
    }.get(error.validator, "is not in the expected form")


def _content(item: dict) -> dict:
    return {k: item[k] for k in annotate.CONTENT}


def _insert(ws: Workspace, item: dict, author: str) -> None:
    force = repository.force_id(ws.db, item["force"])
    if force is None:
        raise PeelError(f"the bundle names a force this app does not know ({item['force']}).")
    if item["cycle"] is not None and not ws.framework.knows(item["cycle"]):
        if not CYCLE_KEY.fullmatch(str(item["cycle"])):
            raise PeelError(f"the bundle names a PEEL cycle this app does not know "
                            f"({item['cycle']}).")
        # a cycle the colleague's reports named: held here too, so the note is kept
        learned.hold_cycle(ws.db, ws.framework.new_cycle(item["cycle"]))
    anchor = {"report_id": None, "passage_id": None, "anchor": "lost"}
    if item.get("report") and item.get("paragraph"):
        found = store.passage_by_checksum(ws.db, item["report"]["checksum"], item["paragraph"])
        if found:
            anchor = {"report_id": found["report_id"],
                      "passage_id": found["id"] if item["target"] == "passage" else None,
                      "anchor": item["anchor"]}
    row = {**{k: item[k] for k in _FIELDS}, "force_id": force, "judgment_id": None,
           "finding_id": None, **anchor,
           "ancestry": json.dumps([r for r in item["revs"] if r != item["rev"]])}
    if item["target"] == "question":
        row["anchor"] = item["anchor"]
    values = {k: row.get(k) for k in (*annotate.CONTENT, *annotate.ANCHOR)}
    store.insert(ws.db, annotate._stored({k: row.get(k) for k in store.COLUMNS}), {
        "annotation_id": item["id"], "action": "merge", "author": author,
        "at": datetime.now(UTC).isoformat(timespec="microseconds"), "rev": item["rev"],
        "previous": None, "current": json.dumps(values, ensure_ascii=False)})


def merge(ws: Workspace, path: Path, *, author: str) -> MergeResult:
    """Merge a colleague's bundle in one transaction; raises PeelError (nothing changed)."""
    data = read(path)
    added = updated = unchanged = conflicts = 0
    try:
        with ws.db.atomic():
            for item in data["annotations"]:
                mine = store.get(ws.db, item["id"])
                if mine is None:
                    _insert(ws, item, author)
                    added += 1
                    continue
                ours = annotate._from_row(mine)
                our_revs = store.revisions(ws.db, ours.id)
                if item["rev"] == ours.rev or item["rev"] in our_revs:
                    unchanged += 1  # the same, or older than ours
                elif _content(item) == {k: v for k, v in ours.values().items()
                                        if k in annotate.CONTENT}:
                    unchanged += 1  # both sides made the same change
                elif ours.rev in item["revs"] and not _own_edit(ws, ours.id, author):
                    # theirs says it grew from ours, and ours came from a bundle too: newer.
                    # A revision this side never saw cannot be checked, so it never replaces
                    # or deletes the reviewer's own edit: that is a conflict (below).
                    annotate.change(ws, ours.id, author=author, action="merge",
                                    rev=item["rev"], **_content(item))
                    updated += 1
                else:
                    store.add_conflict(ws.db, {
                        "annotation_id": ours.id, "theirs": json.dumps(item, ensure_ascii=False),
                        "their_author": item["updated_by"], "bundle": path.name,
                        "found": datetime.now(UTC).isoformat(timespec="seconds"),
                        "resolved": None})
                    conflicts += 1
            statuses = repository.merge_review_status(
                ws.db, [s for s in data.get("review_status", []) if plausible(s["updated"])])
            links = areas.merge_links(ws, data.get("area_links", []), plausible)
    except PeelError as error:
        raise PeelError(f"{path.name}: {error}") from None
    except (sqlite3.IntegrityError, TypeError, ValueError) as error:
        raise PeelError(f"{path.name}: the bundle is damaged ({type(error).__name__}); "
                        "nothing was merged.") from None
    return MergeResult(added, updated, unchanged, conflicts, statuses, links)


def _own_edit(ws: Workspace, annotation_id: str, reviewer: str) -> bool:
    """Whether the annotation as it is now is the reviewer's own doing, as this database
    recorded it (made, edited, deleted, restored or a conflict resolved, by them), not a
    colleague's taken from a bundle."""
    for entry in reversed(store.history(ws.db, annotation_id)):
        if entry["action"] != "reanchor":  # moving onto a new edition changes no content
            return entry["action"] != "merge" and entry["author"] == reviewer
    return True


def plausible(when: str | None) -> bool:
    """A time a bundle states that may count: none from before PEEL (2014) or from the
    future (a day's clock difference allowed) wins a merge."""
    latest = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    return bool(when) and "2014-01-01" <= when[:10] <= latest


def conflicts(ws: Workspace) -> list[dict]:
    out = []
    for c in store.open_conflicts(ws.db):
        theirs = json.loads(c["theirs"])
        mine = annotate.get(ws, c["annotation_id"])
        out.append({**c, "mine_note": mine.note, "their_note": theirs["note"],
                    "mine": mine, "theirs_values": theirs})
    return out


def resolve(ws: Workspace, conflict_id: int, *, keep: str, author: str) -> annotate.Annotation:
    """Keep my version or take theirs; the choice is recorded in the audit trail."""
    match = [c for c in conflicts(ws) if c["id"] == conflict_id]
    if not match:
        raise NotFound(f"There is no open conflict {conflict_id}.")
    conflict = match[0]
    with ws.db.atomic():
        if keep == "theirs":
            _, after = annotate.change(ws, conflict["annotation_id"], author=author,
                                       action="resolve", **_content(conflict["theirs_values"]))
        else:
            after = annotate.get(ws, conflict["annotation_id"])
        store.mark_resolved(ws.db, conflict_id, keep)
    return after
