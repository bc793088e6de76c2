"""Areas a report grades that the framework data does not list, and the reviewer's links of
them to crosswalk themes.

An imported report may grade an area its cycle's framework data does not list (a new area of
PEEL 2025–27, or any area of a cycle the data does not know). It is kept under the name the
report gives it: under the crosswalk theme that other cycles give the same name, when they
agree, else under "Other areas graded". The reviewer may link it to a theme (or unlink it);
the link is kept with who made it and when, undone like an annotation, and carried in review
bundles, and from then on the area compares across cycles like any other.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from peel_desktop.domain import NotFound
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import learned
from peel_desktop.storage.database import learned_rows

UNLISTED_GROUP = "unlisted"  # the navigator's "Other areas graded" heading


def item_of(ws: Workspace, question_key: str) -> str:
    """The review item a question is compared under: its crosswalk theme, or (an area a
    report named, under no theme) the area itself."""
    question = ws.framework.question(question_key)
    return f"theme:{question.theme}" if question.theme else f"area:{question.key}"


class NamedArea(NamedTuple):
    """An area a report grades that the framework does not list, and its theme link."""

    key: str
    cycle: str
    title: str  # as the report names it
    told_theme: str | None  # the theme other cycles give this name, if they agree
    linked_theme: str | None  # the reviewer's link, which wins
    linked_by: str | None = None
    linked_at: str | None = None

    @property
    def theme(self) -> str | None:
        return self.linked_theme or self.told_theme


def named_areas(ws: Workspace) -> list[NamedArea]:
    """Every area held that reports named and the framework data does not list."""
    _cycles, rows = learned_rows(ws.db)
    return [NamedArea(r["key"], r["cycle"], r["title"], r["told_theme"], r["linked_theme"],
                      r["linked_by"], r["linked_at"]) for r in rows]


def area(ws: Workspace, key: str) -> NamedArea:
    found = next((a for a in named_areas(ws) if a.key == key), None)
    if found is None:
        raise NotFound(f"No area named by a report has the key {key}.")
    return found


def link(ws: Workspace, key: str, theme: str | None, *, author: str) -> NamedArea:
    """Link the area to a crosswalk theme (None: unlink, back to the theme its name tells or
    to "Other areas graded"); returns the area as it was. Raises NotFound, SaveFailed."""
    before = area(ws, key)
    if theme is not None and theme not in {t.key for t in ws.framework.themes}:
        raise NotFound(f"'{theme}' is not a theme of the crosswalk.")
    learned.link_area(ws.db, key, theme, author=author,
                         at=datetime.now(UTC).isoformat(timespec="seconds"))
    return before


def put_back(ws: Workspace, was: NamedArea) -> None:
    """Undo a link: the area's link as it was, with who made it and when."""
    learned.link_area(ws.db, was.key, was.linked_theme, author=was.linked_by,
                         at=was.linked_at)


def portable(ws: Workspace) -> list[dict]:
    """The reviewer's links, as a review bundle carries them."""
    return [{"key": a.key, "cycle": a.cycle, "title": a.title, "theme": a.linked_theme,
             "linked_by": a.linked_by, "linked_at": a.linked_at}
            for a in named_areas(ws) if a.linked_theme]


def merge_links(ws: Workspace, links: list[dict], plausible) -> int:
    """A colleague's links: taken for areas held here when theirs is newer than ours (or we
    have none); links to areas this database does not hold wait for their report. Returns how
    many changed."""
    held = {a.key: a for a in named_areas(ws)}
    themes = {t.key for t in ws.framework.themes}
    changed = 0
    for item in links:
        mine = held.get(item.get("key"))
        if mine is None or item.get("theme") not in themes:
            continue
        if mine.linked_theme == item["theme"]:
            continue
        if mine.linked_at and (item.get("linked_at") or "") <= mine.linked_at:
            continue
        if not plausible(item.get("linked_at")):  # a time from the future never wins
            continue
        learned.link_area(ws.db, mine.key, item["theme"], author=item.get("linked_by"),
                             at=item.get("linked_at"))
        changed += 1
    return changed
