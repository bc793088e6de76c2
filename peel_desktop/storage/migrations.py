"""Schema changes: numbered, append-only SQL files in db/migrations, applied in order.

Each file becomes one sqlite-utils migration, run together with its record in
``_sqlite_migrations``; all pending files run in one transaction, so a failing file leaves
the database as it was.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from peel_desktop import paths
from peel_desktop.domain import PeelError
from peel_desktop.storage.connection import Database

if TYPE_CHECKING:
    from sqlite_utils import Migrations

MIGRATION_SET = "peel_desktop"
_TABLE = "_sqlite_migrations"  # where sqlite-utils records the migrations applied
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
    from sqlite_utils import Migrations  # only when a migration is to run

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


def pending_names(db: Database, folder: Path | None = None) -> list[str]:
    """The migrations this database has not had, in order (read without sqlite-utils: an
    up-to-date database, the usual case, is opened without importing it).

    Raises PeelError if the database records a migration this version does not know.
    """
    held = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                      [_TABLE]).fetchone()
    applied = {name for (name,) in db.execute(
        f"SELECT name FROM {_TABLE} WHERE migration_set = ?", [MIGRATION_SET])} if held else set()
    _refuse_newer(applied, folder)
    return [p.stem for p in migration_files(folder) if p.stem not in applied]


def _refuse_newer(applied: set[str], folder: Path | None) -> None:
    unknown = applied - known_names(folder)
    if unknown:
        raise PeelError(
            "This database was made by a newer version of PEEL Desktop "
            f"(schema {max(unknown)}); open it with that version."
        )


def apply_pending(db: Database, folder: Path | None = None) -> list[str]:
    """Apply every pending migration; returns the names applied.

    Raises PeelError if the database records a migration this version does not know
    (it was made by a newer PEEL Desktop): it is never downgraded.
    """
    migrations = build(folder)
    _refuse_newer({m.name for m in migrations.applied(db)}, folder)
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        # one transaction for them all (each is a savepoint within it): a new database is
        # made with one write to disk instead of one per file, and an upgrade that fails
        # part-way leaves the database at the schema it had
        with db.atomic():
            migrations.apply(db)
    return pending
