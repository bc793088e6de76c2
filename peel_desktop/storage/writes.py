"""Writing safely: failures told in one sentence, nothing saved before lost."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from peel_desktop.domain import PeelError


class SaveFailed(PeelError):
    """A write could not be made; what was saved before is intact."""


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """A transaction whose failure to write (disk full, read-only medium, locked) is told in
    one sentence; the transaction is rolled back and everything saved before stays."""
    try:
        with db.atomic():
            yield db
    except sqlite3.OperationalError as error:
        text = str(error).lower()
        if "full" in text:
            reason = "the disk is full"
        elif "readonly" in text or "read-only" in text:
            reason = "the database is open read-only (or on a read-only disk)"
        elif "locked" in text or "busy" in text:
            reason = "another program is writing to the database"
        elif "disk i/o" in text:
            reason = "the disk reported an error"
        else:
            raise
        raise SaveFailed(f"This change could not be saved: {reason}. Nothing saved before "
                         "was lost.") from None
