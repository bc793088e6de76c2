"""An open database together with the PEEL framework it is read against."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from peel_desktop.framework import Framework, default_framework
from peel_desktop.storage import open_database


@dataclass
class Workspace:
    db: Database
    framework: Framework
    path: Path

    @classmethod
    def open(cls, path: Path, *, framework: Framework | None = None) -> Workspace:
        """Open (creating and migrating if needed) the database at ``path``.

        Raises PeelError for a file that is not a PEEL Desktop database.
        """
        framework = framework or default_framework()
        return cls(open_database(path, framework), framework, Path(path))

    def close(self) -> None:
        self.db.close()
