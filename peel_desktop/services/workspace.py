"""An open database together with the PEEL framework it is read against."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from peel_desktop.framework import Framework, default_framework
from peel_desktop.storage import open_database, safety


@dataclass
class Workspace:
    db: Database
    framework: Framework
    path: Path
    read_only: bool = False
    locked: bool = False

    @classmethod
    def open(cls, path: Path, *, framework: Framework | None = None, read_only: bool = False,
             lock: bool = False) -> Workspace:
        """Open (creating and migrating if needed) the database at ``path``.

        A damaged file raises DatabaseDamaged and is left untouched. With ``lock`` the
        database is taken for writing by this process (DatabaseInUse if another app holds
        it). An older database is backed up before it is upgraded. Raises PeelError for a
        file that is not a PEEL Desktop database, or one made by a newer version.
        """
        path = Path(path)
        framework = framework or default_framework()
        problem = safety.check(path)
        if problem:
            raise safety.DatabaseDamaged(path, problem)
        if lock and not read_only:
            safety.acquire(path)
        try:
            db = open_database(path, framework, read_only=read_only,
                               before_migrating=lambda: safety.take_backup(path, "before upgrade"))
        except BaseException:
            if lock and not read_only:
                safety.release(path)
            raise
        return cls(db, framework, path, read_only, lock and not read_only)

    def close(self) -> None:
        self.db.close()
        if self.locked:
            safety.release(self.path)
            self.locked = False
