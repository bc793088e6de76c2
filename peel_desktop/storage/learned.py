"""Cycles and areas that reports name and the framework data does not list, held beside the
framework's (migration 0009), and the reviewer's links of such areas to crosswalk themes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from peel_desktop.domain import Cycle
from peel_desktop.storage.connection import Database
from peel_desktop.storage.writes import writing

if TYPE_CHECKING:
    from peel_desktop.recognise import Recognition


def _insert_cycle(db: Database, cycle: Cycle) -> bool:
    """Hold the cycle unless it is held already; whether it was new."""
    return db.execute("INSERT OR IGNORE INTO cycles (key, ordinal, scale, pillars_graded, "
                      "origin) VALUES (?, 0, ?, 0, 'report')",
                      [cycle.key, json.dumps([g.value for g in cycle.scale])]).rowcount > 0


def renumber(db: Database) -> None:
    """Give every held cycle, the framework's and those reports name, its place in time: by
    its first year, as the framework orders its cycles."""
    held = sorted((int(key[:4]), ordinal, key)
                  for key, ordinal in db.execute("SELECT key, ordinal FROM cycles"))
    for n, (_year, _ordinal, key) in enumerate(held, start=1):
        db.execute("UPDATE cycles SET ordinal = ? WHERE key = ?", [n, key])


def hold(db: Database, found: Recognition) -> None:
    """Hold the cycle and the areas a report names that the framework data does not list."""
    if found.new_cycle is not None and _insert_cycle(db, found.new_cycle):
        renumber(db)
    for area in found.areas:
        db.execute(
            "INSERT OR IGNORE INTO questions (key, cycle, ordinal, pillar, theme, title, graded, "
            "origin) VALUES (?, ?, ?, ?, ?, ?, ?, 'report')",
            [area.key, area.cycle, area.ordinal, area.pillar.value if area.pillar else None,
             area.theme, area.title, int(area.graded)])
    if found.new_cycle is not None or found.areas:
        bump_learned(db)


def hold_cycle(db: Database, cycle: Cycle) -> None:
    """Hold a cycle that reports (or a colleague's bundle) name beside the framework's."""
    with writing(db):
        if _insert_cycle(db, cycle):
            renumber(db)
            bump_learned(db)


def bump_learned(db: Database) -> None:
    """Mark that the cycles or areas held beside the framework changed (workspaces re-read)."""
    db.execute("INSERT INTO meta (key, value) VALUES ('learned', '1') ON CONFLICT(key) DO "
               "UPDATE SET value = CAST(value AS INTEGER) + 1")


def learned_version(db: Database) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'learned'").fetchone()
    return row[0] if row else None


def link_area(db: Database, key: str, theme: str | None, *, author: str | None,
              at: str | None) -> dict:
    """Link an area a report named to a crosswalk theme (None: unlink); returns the link it
    had before. Raises SaveFailed."""
    with writing(db):
        row = db.execute("SELECT linked_theme, linked_by, linked_at FROM questions WHERE key = ? "
                         "AND origin = 'report'", [key]).fetchone()
        if row is None:
            raise KeyError(key)
        db.execute("UPDATE questions SET linked_theme = ?, linked_by = ?, linked_at = ? "
                   "WHERE key = ?", [theme, author if theme else None, at if theme else None, key])
        bump_learned(db)
    return {"theme": row[0], "by": row[1], "at": row[2]}
