"""Keeping the reviewer's database safe: backups, integrity checks, one writer at a time.

Backups use SQLite's online backup API into ``backups/`` beside the database, readable only
by the user, keeping the newest ``keep``. A damaged file is never repaired or overwritten in
place: restoring moves it aside first. A lock file beside the database names the process
that writes to it; a second copy of the app is told, and may open the database read-only.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peel_desktop.domain import PeelError

KEEP = 10
_NAME = re.compile(r"^(?P<date>\d{8})-(?P<time>\d{6})-\d{6}-(?P<reason>.+)$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str
    reports: int
    annotations: int

    @property
    def summary(self) -> str:
        return (f"{self.taken:%Y-%m-%d %H:%M} — {self.reason}: {self.reports} reports, "
                f"{self.annotations} annotations")


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def _private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)


def take_backup(db_path: Path, reason: str, *, keep: int = KEEP) -> Path | None:
    """Copy the database with SQLite's online backup API; returns the backup's path.

    Does nothing for a database that does not exist yet. Old backups beyond ``keep`` are
    removed. Raises PeelError if the copy cannot be written (the database is untouched).
    """
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = backups_dir(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    slug = "".join(c if c.isalnum() else "-" for c in reason.lower()).strip("-")[:30]
    target = folder / f"{db_path.stem}-{stamp}-{slug}.sqlite"
    temporary = target.with_suffix(".part")
    _private_file(temporary)
    try:
        _copy_database(db_path, temporary)
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as error:
        temporary.unlink(missing_ok=True)
        raise PeelError(f"A backup of {db_path.name} could not be written ({error}).") from None
    _rotate(db_path, keep)
    return target


def _rotate(db_path: Path, keep: int) -> None:
    held = sorted(backups_dir(db_path).glob(f"{Path(db_path).stem}-*.sqlite"))
    for old in held[: max(0, len(held) - keep)]:
        old.unlink(missing_ok=True)


def list_backups(db_path: Path) -> list[Backup]:
    """Backups of this database, newest first, each with what it holds."""
    out = []
    for path in sorted(backups_dir(db_path).glob(f"{Path(db_path).stem}-*.sqlite"),
                       reverse=True):
        found = _NAME.match(path.stem[len(Path(db_path).stem) + 1:])
        if not found:
            continue
        taken = datetime.strptime(f"{found['date']}-{found['time']}", "%Y%m%d-%H%M%S")
        reason = found["reason"]
        reports = annotations = -1
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
                annotations = conn.execute(
                    "SELECT count(*) FROM annotations WHERE deleted = 0").fetchone()[0]
            except sqlite3.Error:
                pass
            finally:
                conn.close()
        except sqlite3.Error:
            continue
        out.append(Backup(path, taken, reason.replace("-", " "), reports, max(annotations, 0)))
    return out


def check(db_path: Path) -> str | None:
    """A quick integrity check; returns what is wrong, or None when the file is sound.

    The file is only ever opened through SQLite. POSIX locks belong to the process, and
    closing any other descriptor on the database file would drop the locks of every
    connection this process holds on it: another process could then think itself the last
    user, checkpoint and delete the write-ahead log under them, and work would be lost.
    """
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            return "it is not an SQLite database"
        return f"it cannot be read ({error})"
    return None if result == "ok" else f"its integrity check failed ({result})"


def restore(db_path: Path, backup: Path) -> Path | None:
    """Put a backup in place of the database. The current file (damaged or not) is moved
    aside, never deleted; returns where it went."""
    db_path = Path(db_path)
    if check(backup):
        raise PeelError(f"The backup {backup.name} is itself damaged; choose another.")
    aside = None
    if db_path.exists():
        aside = db_path.with_name(f"{db_path.name}.replaced-{datetime.now():%Y%m%d-%H%M%S}")
        os.replace(db_path, aside)
        for suffix in ("-wal", "-shm"):
            extra = db_path.with_name(db_path.name + suffix)
            if extra.exists():
                os.replace(extra, aside.with_name(aside.name + suffix))
    temporary = db_path.with_name(db_path.name + ".restoring")
    _private_file(temporary)
    _copy_database(backup, temporary)
    os.replace(temporary, db_path)
    return aside


def _copy_database(source_path: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup (the source opened read-only)."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


# -- one writer ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: str


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".lock")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def holder(db_path: Path) -> Holder | None:
    """Who holds the database for writing, if a live process does (stale locks ignored)."""
    path = lock_path(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = Holder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if found.host == socket.gethostname() and (found.pid == os.getpid() or not _alive(found.pid)):
        return None if found.pid != os.getpid() else found
    return found


def acquire(db_path: Path) -> None:
    """Take the write lock, or raise DatabaseInUse naming who holds it."""
    found = holder(db_path)
    if found and found.pid != os.getpid():
        raise DatabaseInUse(db_path, found)
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a first start's new folder
    temporary = path.with_name(path.name + f".{os.getpid()}")
    temporary.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                     "since": datetime.now().isoformat(timespec="seconds")}),
                         encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def release(db_path: Path) -> None:
    found = holder(db_path)
    if found and found.pid == os.getpid():
        lock_path(db_path).unlink(missing_ok=True)


class DatabaseInUse(PeelError):
    def __init__(self, db_path: Path, found: Holder) -> None:
        where = "this computer" if found.host == socket.gethostname() else found.host
        super().__init__(f"{Path(db_path).name} is open in another PEEL Desktop (process "
                         f"{found.pid} on {where}, since {found.since}); it can be opened "
                         "read-only.")
        self.holder = found


class DatabaseDamaged(PeelError):
    def __init__(self, db_path: Path, problem: str) -> None:
        super().__init__(f"{Path(db_path).name} cannot be opened: {problem}. It has not been "
                         "changed; restore a backup to go on.")
        self.problem = problem
