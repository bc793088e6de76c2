"""Importing a report: preview what was recognised, correct it, commit it atomically.

A preview writes nothing. A commit stores the report, what was recognised, the reviewer's
corrections (each with who, when and what the recogniser proposed), and for a PDF a copy of
the original beside the database. A file imported before is known by its checksum; a
different text of the same force, cycle and kind of report is a new edition that supersedes
the old one, which is kept.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path

from peel_desktop.domain import (
    Citation,
    Grade,
    ImportRejected,
    Judgment,
    JudgmentStatus,
    Level,
    NotFound,
    Pillar,
    ReportId,
)
from peel_desktop.importers import ExtractedReport, Monitor, extract_file
from peel_desktop.recognise import Recognition, recognise
from peel_desktop.recognise.vocab import norm
from peel_desktop.services.editions import EditionPlan
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository


@dataclass(frozen=True)
class AddedJudgment:
    """A judgment the reviewer reads in the source but the recogniser missed."""

    question: str  # a question's key or wording in the report's cycle, or a pillar's name
    grade: Grade
    quote: str  # words of the report that state it; must occur in the report
    status: JudgmentStatus = JudgmentStatus.GRADED
    last_inspected: str | None = None


@dataclass(frozen=True)
class Corrections:
    """The reviewer's corrections to a preview; judgment indexes are the preview's."""

    force: str | None = None  # name (any part) of the force the report is about
    cycle: str | None = None
    grades: dict[int, Grade] = field(default_factory=dict)  # judgment index → grade
    added: tuple[AddedJudgment, ...] = ()
    removed: frozenset[int] = frozenset()  # judgments the report does not state
    statuses: dict[int, JudgmentStatus] = field(default_factory=dict)
    last_inspected: dict[int, str | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.force or self.cycle or self.grades or self.added or self.removed
                    or self.statuses or self.last_inspected)


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
    notes = []
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
    if corrections.cycle:
        try:
            ws.framework.cycle(corrections.cycle)
        except KeyError:
            raise NotFound(f"'{corrections.cycle}' is not a PEEL cycle.") from None
    found = recognise(extracted, ws.framework, force=force, cycle_key=corrections.cycle)
    duplicate = repository.report_by_checksum(ws.db, extracted.checksum)
    edition = None
    if duplicate is None and found.facts.force is not None and found.facts.cycle is not None:
        from peel_desktop.services import editions

        held = _same_report(ws, extracted, found)
        edition = editions.plan(ws, held, extracted, found) if held else None
    return Preview(extracted, found, _unsure(found), duplicate, edition)


def find_quote(extracted: ExtractedReport, quote: str) -> Citation | None:
    """Where the report says these words (case and spacing aside), or None. Quotes under
    eight characters are never found: a few letters cite nothing."""
    wanted = norm(quote)
    if len(wanted) < 8:
        return None
    for paragraph in extracted.paragraphs:
        if wanted in norm(paragraph.text):
            return Citation(paragraph.page, paragraph.ordinal, quote.strip(), paragraph.page_label)
    return None


def _citation_for(extracted: ExtractedReport, quote: str) -> Citation:
    if len(norm(quote)) < 8:
        raise ImportRejected(extracted.file_name, "a quote of a few words is needed to cite it.")
    found = find_quote(extracted, quote)
    if found:
        return found
    raise ImportRejected(
        extracted.file_name, f"the quoted words do not occur in the report: “{quote.strip()}”."
    )


def _added(ws: Workspace, preview_: Preview, item: AddedJudgment) -> Judgment:
    facts = preview_.found.facts
    assert facts.force is not None and facts.cycle is not None
    cycle = ws.framework.cycle(facts.cycle)
    if item.grade is not Grade.UNGRADED and item.grade not in cycle.scale:
        raise NotFound(f"'{item.grade.value}' is not a grade of PEEL {cycle.key}.")
    citation = _citation_for(preview_.extracted, item.quote)
    wanted = norm(item.question)
    if wanted in {p.value for p in Pillar}:
        level, pillar, question = Level.PILLAR, Pillar(wanted), None
    else:
        match = [q for q in cycle.questions if wanted in {q.key, norm(q.title), *q.aliases}]
        if not match:
            raise NotFound(f"'{item.question}' is not a question of PEEL {cycle.key}.")
        level, pillar, question = Level.QUESTION, match[0].pillar, match[0].key
    return Judgment(facts.force.key, cycle.key, level, pillar, question, item.grade,
                    item.status, item.last_inspected, citation, 1.0, "reviewer")


def _corrected(ws: Workspace, preview_: Preview, corrections: Corrections):
    """The judgments to store, and the correction records (judgment index, field, old, new).

    Corrections keep a judgment coherent: ungraded is a status as well as a grade; carried
    over needs the cycle last inspected; a carried-over grade corrected is corrected in the
    earlier cycle's copy from this report too.
    """
    found = preview_.found
    judgments = list(found.judgments)
    records: list[tuple[int | None, str, str | None, str]] = []
    if found.facts.force_basis == "reviewer":
        records.append((None, "force", None, found.facts.force.name))
    if found.facts.cycle_basis == "reviewer":
        records.append((None, "cycle", None, found.facts.cycle))
    touched = set(corrections.grades) | set(corrections.statuses) | set(
        corrections.last_inspected) | set(corrections.removed)
    if any(not 0 <= index < len(judgments) for index in touched):
        raise NotFound("A correction names a judgment that is not in the preview.")
    for index in sorted(set(corrections.grades) | set(corrections.statuses)
                        | set(corrections.last_inspected)):
        old = judgments[index]
        new = _apply(ws, old, corrections.grades.get(index),
                     corrections.statuses.get(index),
                     corrections.last_inspected.get(index, old.last_inspected))
        for name in ("grade", "status", "last_inspected"):
            was, now = getattr(old, name), getattr(new, name)
            if was != now:
                records.append((index, name, _text(was), _text(now) or ""))
        judgments[index] = new
        if new.status is JudgmentStatus.CARRIED_OVER and new.grade is not old.grade:
            for other, copy in enumerate(judgments):
                if (other != index and copy.cycle == new.last_inspected
                        and _same_subject(ws, copy, new)
                        and copy.grade is old.grade and other not in corrections.grades):
                    judgments[other] = replace(copy, grade=new.grade)
                    records.append((other, "grade", copy.grade.value, new.grade.value))
    for item in corrections.added:
        judgments.append(_added(ws, preview_, item))
        records.append((len(judgments) - 1, "added_judgment", None,
                        f"{item.question}: {item.grade.value}"))
    for index in sorted(corrections.removed):
        gone = judgments[index]
        records.append((None, "removed_judgment",
                        f"{gone.cycle} {gone.question or gone.pillar}: {gone.grade.value}",
                        f"“{gone.citation.quote}”"))
    kept = [n for n in range(len(judgments)) if n not in corrections.removed]
    renumber = {old: new for new, old in enumerate(kept)}
    records = [(renumber[i] if i is not None else None, *rest) for i, *rest in records
               if i is None or i in renumber]
    return [judgments[n] for n in kept], records


def _same_subject(ws: Workspace, a: Judgment, b: Judgment) -> bool:
    """The same pillar, or questions of one crosswalk theme (each cycle has its own keys)."""
    if (a.level, a.pillar) != (b.level, b.pillar):
        return False
    if a.question is None or b.question is None:
        return a.question == b.question
    return ws.framework.question(a.question).theme == ws.framework.question(b.question).theme


def _text(value) -> str | None:
    return getattr(value, "value", value)


def _apply(ws: Workspace, old: Judgment, grade: Grade | None, status: JudgmentStatus | None,
           last: str | None) -> Judgment:
    cycle = ws.framework.cycle(old.cycle)
    asked = status
    grade = grade or old.grade
    status = status or old.status
    if grade is not Grade.UNGRADED and grade not in cycle.scale:
        raise NotFound(f"'{grade.value}' is not a grade of PEEL {old.cycle}.")
    if status is JudgmentStatus.UNGRADED:
        grade = Grade.UNGRADED
    elif grade is Grade.UNGRADED:
        if asked is not None:
            raise NotFound("Choose the grade the report states for a graded or carried-over "
                           "judgment.")
        status = JudgmentStatus.UNGRADED
    if status is JudgmentStatus.CARRIED_OVER:
        earlier = {c.key for c in ws.framework.cycles if c.ordinal < cycle.ordinal}
        if last not in earlier:
            raise NotFound(f"A judgment carried over into PEEL {old.cycle} needs the earlier "
                           "cycle it was last inspected in.")
    elif old.status is JudgmentStatus.CARRIED_OVER:
        last = old.cycle  # inspected in its own cycle after all
    return replace(old, grade=grade, status=status, last_inspected=last, evidence=old.evidence)


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
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{extracted.checksum}.pdf"
    if not target.exists():
        temporary = folder / f".{extracted.checksum}.part"
        fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(extracted.source)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
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
    judgments, records = _corrected(ws, preview_, corrections)
    earlier = _same_report(ws, extracted, found)
    original = _keep_original(ws, extracted)
    moved = None
    try:
        with ws.db.atomic():
            report_id = repository.save_report(
                ws.db, extracted, replace(found, judgments=tuple(judgments)),
                original_path=original.name if original else None,
                corrections=records, author=author or _user(),
                created=datetime.now(UTC).isoformat(timespec="seconds"),
                supersedes=earlier["id"] if earlier else None,
            )
            if earlier:
                from peel_desktop.services import editions

                moved = editions.reanchor(ws, earlier["id"], report_id, author=author or _user())
    except BaseException:
        if original and not repository.original_in_use(ws.db, original.name):
            original.unlink(missing_ok=True)
        raise
    return CommitOutcome(report_id, found.facts.title(), extracted.file_name, False,
                         len(judgments), len(found.findings),
                         ReportId(earlier["id"]) if earlier else None,
                         len(moved.moved) if moved else 0, len(moved.lost) if moved else 0)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


def import_path(ws: Workspace, path: Path, corrections: Corrections | None = None,
                monitor: Monitor | None = None) -> CommitOutcome:
    """Preview and commit in one step (the CLI's import)."""
    return commit(ws, preview(ws, path, corrections, monitor), corrections)



def preview_json(ws: Workspace, preview_: Preview) -> dict:
    """The preview in the shapes of ``grades --json`` and ``findings --json``."""
    found, facts = preview_.found, preview_.found.facts
    title = facts.title()

    def source(c: Citation) -> dict:
        label = c.page_label
        page = int(label) if label and label.isdigit() else c.page
        return {"report": title, "page": page, "paragraph": c.paragraph, "quote": c.quote}

    def question(key: str | None) -> tuple[str | None, str | None]:
        if key is None:
            return None, None
        q = ws.framework.question(key)
        return q.title, q.theme

    cycles = sorted({j.cycle for j in found.judgments} | {facts.cycle} - {None},
                    key=lambda c: ws.framework.cycle(c).ordinal)
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
            "cycle": c, "scale": [g.value for g in ws.framework.cycle(c).scale],
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


def corrections_from_json(data: object) -> Corrections:
    """Read corrections as analysts write them; raises ValueError with what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("the corrections must be a JSON object")
    unknown = set(data) - {"force", "cycle", "grades", "add"}
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    try:
        grades = {int(k): Grade(v) for k, v in (data.get("grades") or {}).items()}
        added = tuple(
            AddedJudgment(
                question=str(item["question"]), grade=Grade(item["grade"]),
                quote=str(item["quote"]),
                status=JudgmentStatus(item.get("status", "graded")),
                last_inspected=item.get("last_inspected"),
            )
            for item in data.get("add") or ()
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"a grade or added judgment is malformed ({error})") from None
    return Corrections(force=data.get("force"), cycle=data.get("cycle"), grades=grades,
                       added=added)
