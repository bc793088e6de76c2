"""Writing safely: failures told in one sentence, nothing saved before lost."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from peel_desktop.domain import PeelError
from peel_desktop.storage.connection import Database


class SaveFailed(PeelError):
    """A write could not be made; what was saved before is intact."""


def why(error: OSError) -> str:
    """An operating-system error in the reviewer's words (never a bare "[Errno 28]")."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the folder cannot be written to (a read-only disk, or no permission)"
    return (error.strerror or type(error).__name__).rstrip(".").lower()


def write_private(path, data: bytes) -> None:
    """Write a file only the user can read, whole or not at all: through a temporary file
    beside it, which is removed if anything fails. Raises SaveFailed in one sentence."""
    from pathlib import Path

    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise SaveFailed(f"{path.name} could not be written: {why(error)}. Nothing saved "
                         "before was lost.") from None


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
