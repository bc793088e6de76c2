"""Importing a report: preview what was recognised, correct it, commit it atomically.

A preview writes nothing. A commit stores the report, what was recognised, the reviewer's
corrections (each with who, when and what the recogniser proposed), and for a PDF a copy of
the original beside the database. A file imported before is known by its checksum; a
different text of the same force, cycle and kind of report is a new edition that supersedes
the old one, which is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path

from peel_desktop import paths
from peel_desktop.domain import (
    Citation,
    Grade,
    ImportRejected,
    NotFound,
    ReportId,
)
from peel_desktop.framework import CYCLE_KEY
from peel_desktop.importers import ExtractedReport, Monitor, extract_file
from peel_desktop.recognise import Recognition, recognise
from peel_desktop.services.corrections import (  # noqa: F401  (the import API)
    AddedJudgment,
    Corrections,
    corrected,
    corrections_from_json,
    find_quote,
)
from peel_desktop.services.editions import EditionPlan
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository
from peel_desktop.storage.writes import SaveFailed, why, write_private


@dataclass(frozen=True)
class Unsure:
    what: str  # "force", "cycle", or "judgment"
    reason: str
    index: int | None = None  # the judgment's index


@dataclass(frozen=True)
class Preview:
    extracted: ExtractedReport
    found: Recognition
    unsure: tuple[Unsure, ...]
    duplicate_of: dict | None  # the report already holding this exact file
    edition: EditionPlan | None = None  # the earlier edition this would replace, and how


@dataclass(frozen=True)
class CommitOutcome:
    report_id: ReportId
    title: str
    file_name: str
    duplicate: bool
    judgments: int = 0
    findings: int = 0
    superseded: ReportId | None = None
    reanchored: int = 0  # annotations moved onto the new edition's text
    lost: int = 0  # annotations whose words the new edition no longer has (listed, kept)


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


def _unsure(found: Recognition) -> tuple[Unsure, ...]:
    facts = found.facts
    notes = [Unsure("check", check) for check in found.checks]
    if found.areas:
        notes.append(Unsure("areas", "kept under the names the report gives them, as the "
                            "framework data does not list them: "
                            + "; ".join(a.title for a in found.areas)))
    if facts.other_forces:
        notes.append(Unsure("force", "the text also often names " + ", ".join(facts.other_forces)))
    if facts.cycle_basis == "published":
        notes.append(Unsure("cycle", "no cycle is named; it is inferred from the publication date"))
    cells: dict[tuple, set[Grade]] = {}
    for j in found.judgments:
        cells.setdefault((j.force, j.cycle, j.level, j.pillar, j.question), set()).add(j.grade)
    for index, j in enumerate(found.judgments):
        if len(cells[(j.force, j.cycle, j.level, j.pillar, j.question)]) > 1:
            notes.append(Unsure("judgment", "the report states different grades for this", index))
        elif j.evidence in {"sentence", "list"}:
            notes.append(Unsure("judgment", "stated in a sentence, not a table or heading", index))
    return tuple(notes)


def _force_by_name(ws: Workspace, name: str):
    wanted = name.strip().lower()
    matches = [f for f in ws.framework.forces
               if wanted == f.key or wanted in f.name.lower()
               or any(wanted == a.lower() for a in f.aliases)]
    exact = [f for f in matches if f.name.lower() == wanted or f.key == wanted]
    if len(exact or matches) != 1:
        raise NotFound(f"'{name}' does not name one police force of England and Wales.")
    return (exact or matches)[0]


def preview(ws: Workspace, path: Path, corrections: Corrections | None = None,
            monitor: Monitor | None = None) -> Preview:
    """Read and recognise a file without writing anything. Raises ImportRejected, NotFound."""
    extracted = extract_file(Path(path), monitor)
    corrections = corrections or Corrections()
    force = _force_by_name(ws, corrections.force) if corrections.force else None
    if corrections.cycle and not ws.framework.knows(corrections.cycle) \
            and not CYCLE_KEY.fullmatch(corrections.cycle):
        raise NotFound(f"'{corrections.cycle}' is not a PEEL cycle.")
    found = recognise(extracted, ws.framework, force=force, cycle_key=corrections.cycle)
    duplicate = repository.report_by_checksum(ws.db, extracted.checksum)
    edition = None
    if duplicate is None and found.facts.force is not None and found.facts.cycle is not None:
        from peel_desktop.services import editions

        held = _same_report(ws, extracted, found)
        edition = editions.plan(ws.reading(found.framework), held, extracted, found) \
            if held else None
    return Preview(extracted, found, _unsure(found), duplicate, edition)


def _same_report(ws: Workspace, extracted: ExtractedReport, found: Recognition) -> dict | None:
    """An earlier edition: same force, cycle and kind, and mostly the same text."""
    facts = found.facts
    for held in repository.current_reports_like(ws.db, facts.force.key, facts.cycle,
                                                facts.kind.value):
        if held["source_name"] == extracted.file_name:
            return held
        old_text = repository.report_text(ws.db, held["id"])[:20000]
        if SequenceMatcher(None, old_text, extracted.text[:20000]).quick_ratio() > 0.8:
            return held
    return None


def _keep_original(ws: Workspace, extracted: ExtractedReport) -> Path | None:
    if extracted.source is None:
        return None
    folder = ws.path.parent / "originals"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise SaveFailed(f"The original PDF could not be kept: {why(error)}. Nothing was "
                         "imported.") from None
    target = folder / f"{extracted.checksum}.pdf"
    if not target.exists():
        write_private(target, extracted.source)
    return target


def commit(ws: Workspace, preview_: Preview, corrections: Corrections | None = None,
           *, author: str | None = None) -> CommitOutcome:
    """Store a previewed report with the reviewer's corrections, in one transaction."""
    extracted, found = preview_.extracted, preview_.found
    if preview_.duplicate_of:
        held = preview_.duplicate_of
        return CommitOutcome(ReportId(held["id"]), held["title"], extracted.file_name, True)
    check_recognised(extracted.file_name, found)
    corrections = corrections or Corrections()
    judgments, records = corrected(ws.reading(found.framework), preview_, corrections)
    earlier = _same_report(ws, extracted, found)
    original = _keep_original(ws, extracted)
    moved = None
    try:
        with ws.db.atomic():
            report_id = repository.save_report(
                ws.db, extracted, replace(found, judgments=tuple(judgments)),
                original_path=original.name if original else None,
                corrections=records, author=author or paths.user_name(),
                created=datetime.now(UTC).isoformat(timespec="seconds"),
                supersedes=earlier["id"] if earlier else None,
            )
            if earlier:
                from peel_desktop.services import editions

                moved = editions.reanchor(ws, earlier["id"], report_id,
                                          author=author or paths.user_name())
    except BaseException:
        if original and not repository.original_in_use(ws.db, original.name):
            original.unlink(missing_ok=True)
        raise
    return CommitOutcome(report_id, found.facts.title(), extracted.file_name, False,
                         len(judgments), len(found.findings),
                         ReportId(earlier["id"]) if earlier else None,
                         len(moved.moved) if moved else 0, len(moved.lost) if moved else 0)


def import_path(ws: Workspace, path: Path, corrections: Corrections | None = None,
                monitor: Monitor | None = None) -> CommitOutcome:
    """Preview and commit in one step (the CLI's import)."""
    return commit(ws, preview(ws, path, corrections, monitor), corrections)


def preview_json(ws: Workspace, preview_: Preview) -> dict:
    """The preview in the shapes of ``grades --json`` and ``findings --json``."""
    found, facts = preview_.found, preview_.found.facts
    title = facts.title()
    fw = found.framework or ws.framework  # with the cycle and areas the report names

    def source(c: Citation) -> dict:
        label = c.page_label
        page = int(label) if label and label.isdigit() else c.page
        return {"report": title, "page": page, "paragraph": c.paragraph, "quote": c.quote}

    def question(key: str | None) -> tuple[str | None, str | None]:
        if key is None:
            return None, None
        q = fw.question(key)
        return q.title, q.theme

    cycles = sorted({j.cycle for j in found.judgments} | {facts.cycle} - {None},
                    key=lambda c: fw.cycle(c).ordinal)
    judgments = []
    for j in found.judgments:
        wording, theme = question(j.question)
        judgments.append({
            "force": ws.framework.force(j.force).name, "cycle": j.cycle, "level": j.level.value,
            "pillar": j.pillar.value if j.pillar else None, "question": wording, "theme": theme,
            "grade": j.grade.value, "status": j.status.value, "last_inspected": j.last_inspected,
            "source": source(j.citation),
        })
    try:
        check_recognised(preview_.extracted.file_name, found)
        problem = None
    except ImportRejected as error:
        problem = error.reason
    return {
        "file": preview_.extracted.file_name,
        "problem": problem,
        "duplicate_of": preview_.duplicate_of["id"] if preview_.duplicate_of else None,
        "force": facts.force.name if facts.force else None,
        "cycle": facts.cycle, "kind": facts.kind.value, "title": title,
        "published": facts.published, "pages": preview_.extracted.page_count,
        "inspections": [{
            "cycle": c, "scale": [g.value for g in fw.cycle(c).scale],
            "stated_grade_counts": {g.grade.value: g.count for g in found.counts if g.cycle == c},
            "reports": [title] if c == facts.cycle else [],
        } for c in cycles],
        "judgments": judgments,
        "findings": [{
            "cycle": f.cycle, "kind": f.kind.value, "question": question(f.question)[0],
            "text": f.text, "source": source(f.citation),
        } for f in found.findings],
        "unsure": [{"what": u.what, "reason": u.reason, "index": u.index} for u in preview_.unsure],
    }


