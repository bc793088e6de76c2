"""The reviewer's library: open the database, import reports, find forces."""

from __future__ import annotations

from pathlib import Path

from peel_desktop import paths
from peel_desktop.domain import NotFound
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository
from peel_desktop.storage.repository import ForceRow

__all__ = ["Workspace", "forces", "import_file", "open_user_workspace", "resolve_force",
           "wants_default_data"]


def import_file(ws: Workspace, path: Path):
    """Import one report atomically; a file imported before is recognised by its checksum.

    Returns a CommitOutcome. Raises ImportRejected with a one-sentence reason; the database
    is then unchanged. (The importers load here, not at start-up.)
    """
    from peel_desktop.services.imports import import_path

    return import_path(ws, Path(path))


def default_corpus_files() -> list[Path]:
    return sorted(paths.corpus_dir().glob("*.txt"))


def import_default_corpus(ws: Workspace) -> list:
    """Import the bundled HMICFRS reports (Leicestershire Police's inspection history)."""
    return [import_file(ws, path) for path in default_corpus_files()]


def wants_default_data(path: Path | None = None) -> bool:
    """True on a first start: no database yet at the default place."""
    path = Path(path or paths.default_db_path())
    return not path.exists() and path == paths.default_db_path()


def opens_at_once(path: Path | None = None) -> bool:
    """Whether the reviewer's database opens without being read whole first: it is exactly as
    it was when its check last passed and it was closed cleanly (a new file, or one left by
    a crash, is checked as it opens, which takes a while at national scale)."""
    from peel_desktop.storage import safety

    return safety.unchanged_since_checked(Path(path or paths.default_db_path()))


def open_user_workspace(path: Path | None = None, *, seed: bool = True, lock: bool = False,
                        read_only: bool = False, check_later: bool = False) -> Workspace:
    """Open the reviewer's database; a new one at the default place gets the default data
    (unless ``seed`` is False: the window loads it in the background after it appears).
    ``lock`` takes it for writing (DatabaseInUse if another copy of the app has it);
    ``check_later`` as in Workspace.open."""
    fresh = wants_default_data(path)
    ws = Workspace.open(path or paths.default_db_path(), lock=lock, read_only=read_only,
                        check_later=check_later)
    if fresh and seed:
        import_default_corpus(ws)
    return ws


def daily_backup(ws: Workspace, *, hours: float = 24) -> Path | None:
    """Take a backup when the newest is older than ``hours`` (or there is none)."""
    from datetime import datetime, timedelta

    from peel_desktop.storage import safety

    held = safety.list_backups(ws.path)
    if held and datetime.now() - held[0].taken < timedelta(hours=hours):
        return None
    return safety.take_backup(ws.path, "daily")


def backup(path: Path, reason: str) -> Path | None:
    """Take a backup of the database at ``path`` now (before an import, a restore…).
    Raises PeelError when it cannot be written; the database is untouched."""
    from peel_desktop.storage import safety

    return safety.take_backup(Path(path), reason)


def forces(ws: Workspace) -> list[ForceRow]:
    return repository.forces_with_data(ws.db)


def resolve_force(ws: Workspace, query: str) -> ForceRow:
    """The force whose name contains ``query`` (any case). Raises NotFound if none or several."""
    held = forces(ws)
    wanted = query.strip().lower()
    exact = [f for f in held if f.name.lower() == wanted or f.key == wanted]
    matches = exact or [f for f in held if wanted and wanted in f.name.lower()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(f.name for f in held) or "none yet"
        raise NotFound(f"No force matching '{query}' in this database (forces held: {known}).")
    names = ", ".join(f.name for f in matches)
    raise NotFound(f"'{query}' matches several forces ({names}); give more of the name.")
