"""Opening the reviewer's database: pragmas, migrations, and the framework tables."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from peel_desktop.domain import PeelError, Pillar, Question
from peel_desktop.framework import Framework, norm_name
from peel_desktop.storage import learned, migrations, safety
from peel_desktop.storage.connection import Database


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            conn = sqlite3.connect(safety.read_uri(path), uri=True, timeout=10)
            conn.execute("PRAGMA query_only = ON")
            return conn
        conn = sqlite3.connect(str(path), timeout=10)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")  # a committed change survives a power cut
    except sqlite3.DatabaseError as error:
        raise safety.DatabaseDamaged(path, f"it is not a PEEL Desktop database ({error})") \
            from None
    if mode.lower() != "wal" and str(path) != ":memory:":
        raise PeelError(f"{path.name}: the database could not be opened for safe writing.")
    return conn


def open_database(path: Path, framework: Framework, *, read_only: bool = False,
                  before_migrating=None) -> Database:
    """Open (creating if needed) the database at ``path``, migrated and ready.

    The file and its folder are made readable by the user only. ``before_migrating`` is
    called (e.g. to take a backup) when an existing database is about to be upgraded.
    Raises PeelError for a file that is not a database or was made by a newer version.
    """
    path = Path(path)
    created = not path.exists()
    if created and read_only:
        raise PeelError(f"{path.name} does not exist.")
    if created:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    db = Database(_connect(path, read_only))
    try:
        if read_only:
            if migrations.pending_names(db):
                raise PeelError(f"{path.name} was made by an older version and must be opened "
                                "for writing once to be upgraded.")
            _check_tables(db, path)
            return db
        pending = migrations.pending_names(db)
        if pending and not created and before_migrating:
            before_migrating()
        if pending:
            migrations.apply_pending(db)
        _check_tables(db, path)
        sync_framework(db, framework)
    except sqlite3.DatabaseError as error:
        db.close()
        raise safety.DatabaseDamaged(path, f"it is not a PEEL Desktop database ({error})") \
            from None
    except BaseException:
        db.close()
        raise
    return db


# every table the migrations make that the app cannot work without (a database missing one
# opened, then failed every command with a generic error)
_TABLES = ("meta", "forces", "cycles", "themes", "questions", "reports", "passages",
           "judgments", "findings", "grade_counts", "annotations", "annotation_history",
           "annotation_conflicts", "review_status", "corrections", "finding_links",
           "finding_reviews", "responses", "response_items")


def _check_tables(db: Database, path: Path) -> None:
    """Raise DatabaseDamaged naming a table the app cannot work without, if one is gone."""
    held = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = next((t for t in _TABLES if t not in held), None)
    if missing:
        raise safety.DatabaseDamaged(path, f"its {missing} table is missing")


def learned_rows(db: Database, *, every: bool = False) -> tuple[list[dict], list[dict]]:
    """The cycles and areas imported reports named that the framework data does not list
    (with ``every``, all held ones, for those a framework file no longer gives)."""
    where = "" if every else " WHERE origin = 'report'"
    cursor = db.execute(f"SELECT key, scale FROM cycles{where}")
    cycles = [{"key": k, "scale": json.loads(s)} for k, s in cursor]
    cursor = db.execute(
        "SELECT key, cycle, ordinal, pillar, COALESCE(linked_theme, theme), title, graded, "
        f"theme, linked_theme, linked_by, linked_at FROM questions{where} "
        "ORDER BY cycle, ordinal")
    names = ("key", "cycle", "ordinal", "pillar", "theme", "title", "graded", "told_theme",
             "linked_theme", "linked_by", "linked_at")
    return cycles, [dict(zip(names, row, strict=True)) for row in cursor]


def learned_framework(db: Database, framework: Framework) -> Framework:
    """``framework`` with the cycles and areas the database's reports named, and any held
    that the framework no longer gives (an organisation's framework file removed, or not
    used because it broke): the reports of them still show."""
    cycles, areas = learned_rows(db, every=True)
    known = {c.key for c in framework.cycles}
    questions_known = {q.key for c in framework.cycles for q in c.questions}
    cycles = [c for c in cycles if c["key"] not in known]
    areas = [a for a in areas if a["key"] not in questions_known]
    if not cycles and not areas:
        return framework
    new = [framework.new_cycle(c["key"], five_point="adequate" in c["scale"]) for c in cycles]
    questions = [Question(key=a["key"], cycle=a["cycle"], title=a["title"],
                          pillar=Pillar(a["pillar"]) if a["pillar"] else None, theme=a["theme"],
                          graded=bool(a["graded"]), ordinal=a["ordinal"],
                          aliases=(norm_name(a["title"]),), origin="report")
                 for a in areas]
    return framework.with_learned(cycles=new, areas=questions)


def framework_state(framework: Framework) -> str:
    """The framework as its tables hold it, in one canonical text (about 13 kB). Kept in
    ``meta`` and compared whole at each open, so the tables are written only when it differs;
    compared whole rather than by a digest, which would load hashlib (OpenSSL) on the way to
    the first screen."""
    return json.dumps(
        [
            [(c.key, c.ordinal, list(c.scale), c.pillars_graded,
              [(q.key, q.title, q.pillar, q.theme, q.graded, q.ordinal) for q in c.questions])
             for c in framework.cycles],
            [(t.key, t.label, t.note) for t in framework.themes],
            [(f.key, f.name) for f in framework.forces],
        ],
        default=str,
    )


def sync_framework(db: Database, framework: Framework) -> None:
    """Bring the framework tables in line with resources/ (only when they changed)."""
    state = framework_state(framework)
    held = db.execute("SELECT value FROM meta WHERE key = 'framework_state'").fetchone()
    if held and held[0] == state:
        return
    with db.atomic():
        db.table("themes").upsert_all(
            [{"key": t.key, "label": t.label, "note": t.note} for t in framework.themes], pk="key"
        )
        db.table("cycles").upsert_all(
            [{"key": c.key, "ordinal": c.ordinal, "scale": json.dumps([g.value for g in c.scale]),
              "pillars_graded": int(c.pillars_graded), "origin": "framework"}
             for c in framework.cycles],
            pk="key",
        )
        db.table("questions").upsert_all(
            [{"key": q.key, "cycle": q.cycle, "ordinal": q.ordinal,
              "pillar": q.pillar.value if q.pillar else None, "theme": q.theme,
              "title": q.title, "graded": int(q.graded), "origin": "framework"}
             for c in framework.cycles for q in c.questions],
            pk="key",
        )
        learned.renumber(db)
        for force in framework.forces:
            db.execute(
                "INSERT INTO forces (key, name) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET name = excluded.name",
                [force.key, force.name],
            )
        db.table("meta").upsert({"key": "framework_state", "value": state}, pk="key")
        db.execute("DELETE FROM meta WHERE key = 'framework_digest'")  # (before 2026-12)
