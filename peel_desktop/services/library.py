"""The reviewer's library: open the database, import reports, find forces."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from peel_desktop import paths
from peel_desktop.domain import ImportRejected, NotFound, ReportId
from peel_desktop.framework import Framework, default_framework
from peel_desktop.importers import extract_file
from peel_desktop.recognise import Recognition, recognise
from peel_desktop.storage import open_database, repository
from peel_desktop.storage.repository import ForceRow


@dataclass
class Workspace:
    """An open database with the framework it is read against."""

    db: Database
    framework: Framework
    path: Path

    @classmethod
    def open(cls, path: Path, *, framework: Framework | None = None) -> Workspace:
        framework = framework or default_framework()
        return cls(open_database(path, framework), framework, Path(path))

    def close(self) -> None:
        self.db.close()


@dataclass(frozen=True)
class ImportOutcome:
    report_id: ReportId
    title: str
    file_name: str
    duplicate: bool
    judgments: int = 0
    findings: int = 0


def check_recognised(file_name: str, found: Recognition) -> None:
    """Raise ImportRejected unless the text is a PEEL document we can place."""
    facts = found.facts
    if not facts.peel_vocabulary:
        raise ImportRejected(
            file_name, "not a PEEL inspection document: it never mentions HMICFRS, PEEL or an "
            "inspection."
        )
    if facts.force is None:
        raise ImportRejected(
            file_name, "not a PEEL inspection document: no police force of England and Wales "
            "is named in it."
        )
    if facts.cycle is None:
        raise ImportRejected(
            file_name, "the PEEL cycle it belongs to cannot be told (it states no cycle year or "
            "publication date)."
        )


def import_file(ws: Workspace, path: Path) -> ImportOutcome:
    """Import one report atomically; a file imported before is recognised by its checksum.

    Raises ImportRejected with a one-sentence reason; the database is then unchanged.
    """
    extracted = extract_file(Path(path))
    held = repository.report_by_checksum(ws.db, extracted.checksum)
    if held:
        return ImportOutcome(ReportId(held["id"]), held["title"], extracted.file_name, True)
    found = recognise(extracted, ws.framework)
    check_recognised(extracted.file_name, found)
    report_id = repository.save_report(ws.db, extracted, found)
    return ImportOutcome(
        report_id, found.facts.title(), extracted.file_name, False,
        judgments=len(found.judgments), findings=len(found.findings),
    )


def default_corpus_files() -> list[Path]:
    return sorted(paths.corpus_dir().glob("*.txt"))


def import_default_corpus(ws: Workspace) -> list[ImportOutcome]:
    """Import the bundled HMICFRS reports (Leicestershire Police's inspection history)."""
    return [import_file(ws, path) for path in default_corpus_files()]


def open_user_workspace(path: Path | None = None) -> Workspace:
    """Open the reviewer's database; a new one at the default place gets the default data."""
    path = path or paths.default_db_path()
    seed = not Path(path).exists() and Path(path) == paths.default_db_path()
    ws = Workspace.open(path)
    if seed:
        import_default_corpus(ws)
    return ws


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
