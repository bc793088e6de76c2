"""Keeping the reviewer's database safe: backups, integrity checks, one writer at a time.

Backups use SQLite's online backup API into ``backups/`` beside the database, readable only
by the user, keeping the newest ``keep``. A damaged file is never repaired or overwritten in
place: restoring moves it aside first. An operating-system lock, keyed to the database file's
identity, lets one process write; a second copy of the app is told who has it, and may open
the database read-only.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from peel_desktop.domain import PeelError

KEEP = 10
_NAME = re.compile(r"^(?P<date>\d{8})-(?P<time>\d{6})-\d{6}-(?P<reason>.+)$")


class Backup(NamedTuple):
    """A backup of the database: when and why it was taken, and what it holds."""

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
    try:
        _private_file(temporary)
        _copy_database(db_path, temporary)
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as error:
        temporary.unlink(missing_ok=True)
        from peel_desktop.storage.writes import why

        reason = (why(error) if isinstance(error, OSError)
                  else "the disk is full" if "full" in str(error).lower() else str(error))
        raise PeelError(f"A backup of {db_path.name} could not be written: {reason}; the "
                        "database itself is untouched.") from None
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


def read_only_medium(db_path: Path) -> bool:
    """Whether the database is on a disk (or in a folder) that cannot be written: a CD, a
    write-protected stick, a share mounted read-only."""
    db_path = Path(db_path)
    folder = db_path.resolve().parent
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return True
    except OSError:
        return False
    return db_path.exists() and not (os.access(db_path, os.W_OK) and os.access(folder, os.W_OK))


def read_uri(db_path: Path) -> str:
    """How SQLite reads the database without writing anything: on a read-only medium, as an
    immutable file (its write-ahead index cannot be made there)."""
    uri = f"file:{db_path}?mode=ro"
    return uri + "&immutable=1" if read_only_medium(db_path) else uri


def _read(db_path: Path, sql: str) -> list | None:
    """Rows of one query on the database, opened through SQLite and read-only; None when the
    file does not exist yet or is empty. Raises sqlite3.DatabaseError."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    conn = sqlite3.connect(read_uri(db_path), uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def check(db_path: Path) -> str | None:
    """A quick integrity check; returns what is wrong, or None when the file is sound.

    The file is only ever opened through SQLite. POSIX locks belong to the process, and
    closing any other descriptor on the database file would drop the locks of every
    connection this process holds on it: another process could then think itself the last
    user, checkpoint and delete the write-ahead log under them, and work would be lost.
    """
    try:
        rows = _read(db_path, "PRAGMA quick_check")
        if rows is None:
            return None
        result = rows[0][0]
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            return "it is not an SQLite database"
        return f"it cannot be read ({error})"
    return None if result == "ok" else f"its integrity check failed ({result})"


# -- checked since --------------------------------------------------------------------------
# The integrity check reads the whole file (43 ms at national scale, 145 ms at three times
# it). It is made before opening unless the file is exactly as it was left when it last passed:
# same identity, size and modification time, and no write-ahead log holding unsaved pages
# (which is how a crash or another program's change shows). Then the window shows the data
# first and checks it straight after, in the background; a damaged file is still refused.

def _checked_file(db_path: Path) -> Path:
    return backups_dir(db_path) / f".checked-{Path(db_path).name}.json"


def _state(db_path: Path) -> dict | None:
    try:
        found = os.stat(db_path)
    except OSError:
        return None
    wal = Path(f"{db_path}-wal")
    try:
        wal_size = wal.stat().st_size
    except OSError:
        wal_size = 0
    return {"dev": found.st_dev, "ino": found.st_ino, "size": found.st_size,
            "mtime_ns": found.st_mtime_ns, "wal": wal_size}


def unchanged_since_checked(db_path: Path) -> bool:
    """Whether the file is exactly as it was when its integrity check last passed (and was
    closed cleanly after): its check can wait until the data is on screen."""
    state = _state(db_path)
    if state is None or state["wal"]:
        return False
    try:
        held = json.loads(_checked_file(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return held == state


def mark_checked(db_path: Path) -> None:
    """Record that the file, as it is now, passed its check: called when the app closes a
    database whose check passed this session. Never fails: without the record the next
    start checks first."""
    state = _state(db_path)
    if state is None:
        return
    target = _checked_file(db_path)
    with contextlib.suppress(OSError, PeelError):
        target.parent.mkdir(mode=0o700, exist_ok=True)
        from peel_desktop.storage.writes import write_private

        write_private(target, json.dumps(state).encode())


def forget_checked(db_path: Path) -> None:
    with contextlib.suppress(OSError):
        _checked_file(db_path).unlink(missing_ok=True)


def foreign(db_path: Path) -> str | None:
    """Whether the file is another program's SQLite database (tables, but never set up by
    PEEL Desktop): the tables it holds, to name in the refusal; None when it is ours or new.
    Read through SQLite, read-only: the file is not changed."""
    try:
        rows = _read(db_path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                              "NOT LIKE 'sqlite_%' ORDER BY name")
    except sqlite3.DatabaseError:
        return None  # not a database at all: check() says so
    names = [n for (n,) in rows or ()]
    if not names or "_sqlite_migrations" in names:
        return None
    return ", ".join(names[:3]) + ("…" if len(names) > 3 else "")


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
# The write lock is an operating-system lock (flock, or a byte lock on Windows) on a lock file
# named after the database file's identity (device and inode), so that the database reached
# through a symbolic or hard link is the same lock, two copies started together cannot both
# take it, and it goes when the process does (a dead holder, or a reused process id, never
# locks the reviewer out). The lock file is never the database itself: closing a descriptor
# on the database would drop SQLite's own locks on it. The holder's pid, host and start time
# are written into it only to say who has the database.

class Holder(NamedTuple):
    """The copy of the app that holds a database's write lock."""

    pid: int
    host: str
    since: str


_HELD: dict[tuple[int, int], int] = {}  # database identity → our lock file's descriptor


def _lock_dir() -> Path:
    """A folder only this user can write, for the lock files of every database they open."""
    import tempfile

    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    folder = Path(tempfile.gettempdir()) / f"peel-desktop-locks-{user}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if folder.is_symlink() or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            raise PermissionError(f"{folder} is not this user's own folder")
        if hasattr(os, "getuid") and info.st_mode & 0o077:
            os.chmod(folder, 0o700)
    except OSError:
        from peel_desktop import paths

        folder = paths.user_data_dir() / "locks"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _identity(db_path: Path) -> tuple[int, int]:
    found = os.stat(db_path)  # through any symbolic link
    return found.st_dev, found.st_ino


def lock_path(db_path: Path) -> Path:
    """The lock file of the database at ``db_path`` (which must exist)."""
    device, inode = _identity(db_path)
    return _lock_dir() / f"{device}-{inode}.lock"


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


_INFO_AT = 16  # the holder's details, after the byte Windows locks


def _read_holder(fd: int) -> Holder:
    try:
        data = json.loads(os.pread(fd, 4096, _INFO_AT).decode("utf-8") or "{}") \
            if hasattr(os, "pread") else {}
        pid = int(data.get("pid", 0))
        return Holder(pid if 0 < pid < 2**31 else 0, str(data.get("host", "?"))[:100],
                      str(data.get("since", "?"))[:40])
    except (OSError, ValueError, TypeError, AttributeError):
        return Holder(0, "?", "?")


def holder(db_path: Path) -> Holder | None:
    """Who holds the database for writing: a live process's lock (None when no one does)."""
    try:
        identity = _identity(db_path)
        path = lock_path(db_path)
    except OSError:
        return None
    if identity in _HELD:
        return _read_holder(_HELD[identity])
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            return None  # closing the descriptor lets the lock go again
        return _read_holder(fd)
    finally:
        os.close(fd)


def acquire(db_path: Path) -> None:
    """Take the write lock, or raise DatabaseInUse naming who holds it. Raises PeelError in
    one sentence when the lock cannot be taken at all."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a first start's new folder
    try:
        if not db_path.exists():  # the lock is keyed to the file, so the file comes first
            os.close(os.open(db_path, os.O_CREAT | os.O_WRONLY, 0o600))
        identity = _identity(db_path)
        if identity in _HELD:
            return
        fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise PeelError(f"{db_path.name}: the write lock cannot be taken "
                        f"({error.strerror or error}).") from None
    if not _try_lock(fd):
        found = _read_holder(fd)
        os.close(fd)
        raise DatabaseInUse(db_path, found)
    details = json.dumps({"pid": os.getpid(), "host": _host(),
                          "since": datetime.now().isoformat(timespec="seconds")}).encode()
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, _INFO_AT, os.SEEK_SET)
        os.write(fd, details)
    except OSError:
        pass  # who holds it is only for the message; the lock itself is taken
    _HELD[identity] = fd


def release(db_path: Path) -> None:
    try:
        identity = _identity(db_path)
    except OSError:
        identity = None
    fd = _HELD.pop(identity, None) if identity else None
    if fd is None:  # the file was moved or replaced since: let go of what we hold for it
        return
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
    os.close(fd)


def _host() -> str:
    """This computer's name, as the system keeps it (the socket module, which would say the
    same, is not loaded for it)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")


class DatabaseInUse(PeelError):
    def __init__(self, db_path: Path, found: Holder) -> None:
        where = "this computer" if found.host == _host() else found.host
        who = (f" (process {found.pid} on {where}, since {found.since})" if found.pid
               else "")
        super().__init__(f"{Path(db_path).name} is open in another PEEL Desktop{who}; it can "
                         "be opened read-only.")
        self.holder = found


class DatabaseDamaged(PeelError):
    def __init__(self, db_path: Path, problem: str) -> None:
        super().__init__(f"{Path(db_path).name} cannot be opened: {problem}. It has not been "
                         "changed; restore a backup to go on.")
        self.problem = problem
