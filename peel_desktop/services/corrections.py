"""The reviewer's corrections to an import preview, kept coherent, and quotes checked
against the report. A correction names judgments by their index in the preview."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from peel_desktop.domain import (
    Citation,
    Grade,
    ImportRejected,
    Judgment,
    JudgmentStatus,
    Level,
    NotFound,
    Pillar,
)
from peel_desktop.importers import ExtractedReport
from peel_desktop.recognise.vocab import norm
from peel_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from peel_desktop.services.imports import Preview


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


def corrected(ws: Workspace, preview_: Preview, corrections: Corrections):
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
    theme = ws.framework.question(a.question).theme
    if theme is None:  # an area a report named, under no theme: only itself
        return a.question == b.question
    return theme == ws.framework.question(b.question).theme


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
    return replace(old, grade=grade, status=status, last_inspected=last)


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
