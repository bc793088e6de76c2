"""The reviewer's database connection: reads straight through sqlite3, everything else
through sqlite-utils, which is imported on first use.

sqlite-utils and what it imports (click, dateutil, pluggy) cost about 90 ms on start-up,
and the window's first screen only reads. A ``Database`` here answers ``execute`` of a
SELECT on the connection itself (a read opens no transaction, so sqlite-utils would do
the same) and hands every other call to a ``sqlite_utils.Database`` over the same
connection, made the first time one is needed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


class Database:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # as sqlite-utils sets it on every connection it wraps: the schema's triggers are
        # written for it
        conn.execute("PRAGMA recursive_triggers=on;")
        self._full: Any = None

    @property
    def full(self) -> Any:
        """The sqlite-utils database over this connection (tables, upserts, savepoints)."""
        if self._full is None:
            from sqlite_utils import Database as Full

            self._full = Full(self.conn, execute_plugins=False)
        return self._full

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None
                ) -> sqlite3.Cursor:
        if sql.lstrip()[:6].upper() == "SELECT":
            return self.conn.execute(sql) if parameters is None else \
                self.conn.execute(sql, parameters)
        return self.full.execute(sql, parameters)

    def version(self) -> tuple[int, int]:
        """A stamp that changes whenever the content may have: the rows this connection has
        changed, and SQLite's count of commits by any other connection (``data_version``).
        What is read again only when the database changes is kept against it."""
        return self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __getitem__(self, name: str) -> Any:
        return self.full[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not yet set (copying, pickling): never sqlite-utils'
            raise AttributeError(name)
        return getattr(self.full, name)
