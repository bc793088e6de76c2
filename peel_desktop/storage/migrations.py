"""Schema changes: numbered, append-only SQL files in db/migrations, applied in order.

Each file becomes one sqlite-utils migration, run together with its record in
``_sqlite_migrations``; all pending files run in one transaction, so a failing file leaves
the database as it was.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlite_utils import Database, Migrations

from peel_desktop import paths
from peel_desktop.domain import PeelError

MIGRATION_SET = "peel_desktop"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def statements(sql: str) -> list[str]:
    """Split a SQL script into complete statements (triggers with BEGIN … END kept whole)."""
    out, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip() and not all(
        part.strip().startswith("--") for part in current.strip().splitlines()
    ):
        raise ValueError("migration ends with an incomplete statement")
    return out


def migration_files(folder: Path | None = None) -> list[Path]:
    folder = folder or paths.migrations_dir()
    files = sorted(p for p in folder.glob("*.sql") if _NAME.match(p.name))
    if not files:
        raise PeelError(
            f"No database migrations found in {folder}; the installation is incomplete."
        )
    return files


def build(folder: Path | None = None) -> Migrations:
    migrations = Migrations(MIGRATION_SET)
    for path in migration_files(folder):
        sql = path.read_text(encoding="utf-8")

        def apply(db: Database, sql: str = sql) -> None:
            for statement in statements(sql):
                db.execute(statement)

        migrations(name=path.stem)(apply)
    return migrations


def known_names(folder: Path | None = None) -> set[str]:
    return {p.stem for p in migration_files(folder)}


def apply_pending(db: Database, folder: Path | None = None) -> list[str]:
    """Apply every pending migration; returns the names applied.

    Raises PeelError if the database records a migration this version does not know
    (it was made by a newer PEEL Desktop): it is never downgraded.
    """
    migrations = build(folder)
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - known_names(folder)
    if unknown:
        raise PeelError(
            "This database was made by a newer version of PEEL Desktop "
            f"(schema {max(unknown)}); open it with that version."
        )
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        # one transaction for them all (each is a savepoint within it): a new database is
        # made with one write to disk instead of one per file, and an upgrade that fails
        # part-way leaves the database at the schema it had
        with db.atomic():
            migrations.apply(db)
    return pending
