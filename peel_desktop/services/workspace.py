"""An open database together with the PEEL framework it is read against."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from peel_desktop.domain import PeelError
from peel_desktop.framework import Framework, default_framework
from peel_desktop.storage import learned, open_database, safety
from peel_desktop.storage.connection import Database
from peel_desktop.storage.database import learned_framework


@dataclass
class Workspace:
    """An open database with the framework it is read by."""

    db: Database
    base: Framework  # the bundled framework with the organisation's framework files
    path: Path
    read_only: bool = False
    locked: bool = False
    _held: tuple = field(default=(), repr=False)  # (learned version, framework)
    pinned: Framework | None = field(default=None, repr=False)
    checked: bool = True  # its integrity check passed this session (False: still to make)

    @property
    def framework(self) -> Framework:
        """The framework with the cycles and areas this database's reports named that the
        framework data does not list (re-read when they change, from any window)."""
        if self.pinned is not None:
            return self.pinned
        version = learned.learned_version(self.db)
        if not self._held or self._held[0] != version:
            self._held = (version, learned_framework(self.db, self.base))
        return self._held[1]

    @classmethod
    def open(cls, path: Path, *, framework: Framework | None = None, read_only: bool = False,
             lock: bool = False, check_later: bool = False) -> Workspace:
        """Open (creating and migrating if needed) the database at ``path``.

        A damaged file raises DatabaseDamaged and is left untouched. With ``check_later``, a
        file exactly as it was when it last passed its check and was closed cleanly is opened
        without reading it whole first: ``checked`` is False, and the caller runs
        :meth:`check` (the window does, once the data is on screen). With ``lock`` the
        database is taken for writing by this process (DatabaseInUse if another app holds
        it). An older database is backed up before it is upgraded. Raises PeelError for a
        file that is not a PEEL Desktop database, or one made by a newer version.
        """
        path = Path(path)
        if not read_only and safety.read_only_medium(path):
            read_only, lock = True, False  # a healthy database on a read-only disk: read it
        framework = framework or default_framework()
        framework = framework.data_only()  # a window's framework may hold learned areas
        later = check_later and safety.unchanged_since_checked(path)
        problem = None if later else safety.check(path)
        if problem:
            safety.forget_checked(path)
            raise safety.DatabaseDamaged(path, problem)
        tables = safety.foreign(path)
        if tables:
            raise PeelError(f"{path.name} is another program's database (it holds {tables}), "
                            "not a PEEL Desktop one; it has not been changed.")
        if lock and not read_only:
            safety.acquire(path)
        try:
            db = open_database(path, framework, read_only=read_only,
                               before_migrating=lambda: safety.take_backup(path, "before upgrade"))
        except BaseException:
            if lock and not read_only:
                safety.release(path)
            raise
        return cls(db, framework, path, read_only, lock and not read_only, checked=not later)

    def check(self) -> str | None:
        """The integrity check of a workspace opened with ``check_later``: what is wrong, or
        None. Reads through a connection of its own, so it may run in a worker thread."""
        problem = safety.check(self.path)
        if problem:
            safety.forget_checked(self.path)
        else:
            self.checked = True
        return problem

    def reading(self, framework: Framework | None) -> Workspace:
        """This workspace seen through ``framework`` (a report's preview, with the cycle and
        areas the report names before they are stored). Not to be closed."""
        if framework is None:
            return self
        return replace(self, pinned=framework, locked=False)

    def close(self) -> None:
        self.db.close()
        if self.locked and self.checked:
            safety.mark_checked(self.path)  # as it is left now: the next start shows it first
        if self.locked:
            safety.release(self.path)
            self.locked = False
