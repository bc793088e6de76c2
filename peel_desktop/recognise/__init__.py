"""Turn an extracted report into PEEL facts, each with its citation. Never invents a grade.

A grade is kept only where the text states it (a table row, a graded heading, a sentence)
and only if the cycle's scale has it. Statements of the same judgment are merged; sources
that disagree are all kept, so the reviewer sees the disagreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from peel_desktop.domain import (
    Citation,
    Cycle,
    Finding,
    FindingKind,
    FindingStatus,
    Force,
    Grade,
    GradeCount,
    Judgment,
    JudgmentStatus,
    Level,
    Question,
)
from peel_desktop.framework import Framework, norm_name
from peel_desktop.importers import ExtractedReport
from peel_desktop.recognise import areas, references
from peel_desktop.recognise.document import DocumentFacts, identify
from peel_desktop.recognise.findings import read_boxes
from peel_desktop.recognise.sentences import read_prose
from peel_desktop.recognise.structure import Statement, Target, scan_structure
from peel_desktop.recognise.vocab import norm

__all__ = ["DocumentFacts", "Recognition", "identify", "recognise"]

_EVIDENCE_RANK = {"table_row": 0, "heading": 1, "sentence": 2, "list": 3, "carried_over": 4}
_CONFIDENCE = {"table_row": 1.0, "heading": 0.95, "sentence": 0.9, "list": 0.85,
               "carried_over": 0.9}


@dataclass(frozen=True)
class Recognition:
    facts: DocumentFacts
    judgments: tuple[Judgment, ...]
    findings: tuple[Finding, ...]
    counts: tuple[GradeCount, ...]
    sections: dict[int, str] = field(default_factory=dict)  # paragraph → question key
    # the framework the report was read against: the held one, with the cycle its title
    # names when the data does not know it (``new_cycle``) and the areas it grades that the
    # data does not list (``areas``, kept under the names the report gives them)
    framework: Framework | None = None
    new_cycle: Cycle | None = None
    areas: tuple[Question, ...] = ()
    checks: tuple[str, ...] = ()  # what the reviewer should check, in sentences


class _Builder:
    def __init__(self, report: ExtractedReport, facts: DocumentFacts, fw: Framework) -> None:
        self.report, self.facts, self.fw = report, facts, fw
        self.by_ordinal = {p.ordinal: p for p in report.paragraphs}
        self.judgments: list[Judgment] = []

    def cite(self, ordinal: int, quote: str) -> Citation:
        paragraph = self.by_ordinal[ordinal]
        return Citation(
            page=paragraph.page,
            paragraph=ordinal,
            quote=quote,
            page_label=paragraph.page_label,
        )

    def add(self, force: str, cycle: str, target: Target, grade: Grade, status: JudgmentStatus,
            last: str | None, citation: Citation, evidence: str) -> None:
        cycle_info = self.fw.cycle(cycle)
        if grade is not Grade.UNGRADED and grade not in cycle_info.scale:
            return  # e.g. 'adequate' before 2021/22: not a grade that cycle could give
        if target.pillar and (not cycle_info.pillars_graded
                              or target.pillar in cycle_info.ungraded_pillars):
            return
        question = target.question
        if question and question.cycle != cycle:
            question = self.fw.equivalent(question, cycle)
            if question is None:
                return
        if question and not question.graded and grade is not Grade.UNGRADED:
            return  # a question the cycle does not grade: a grade beside it is another's
        if grade is Grade.UNGRADED:
            status = JudgmentStatus.UNGRADED
        self.judgments.append(
            Judgment(
                force=force,
                cycle=cycle,
                level=Level.QUESTION if question else Level.PILLAR,
                pillar=question.pillar if question else target.pillar,
                question=question.key if question else None,
                grade=grade,
                status=status,
                last_inspected=last,
                citation=citation,
                confidence=_CONFIDENCE[evidence],
                evidence=evidence,
            )
        )

    def structure(self, statement: Statement, carried: dict[str, str]) -> None:
        assert self.facts.force is not None and self.facts.cycle is not None
        force, cycle = self.facts.force.key, self.facts.cycle
        year = statement.year_cycle
        question = statement.target.question
        if question and question.key in carried and year is None:
            year = carried[question.key]
        status = JudgmentStatus.GRADED
        if year and year != cycle:
            status = JudgmentStatus.CARRIED_OVER
        citation = self.cite(statement.paragraph, statement.quote)
        self.add(force, cycle, statement.target, statement.grade, status, year, citation,
                 statement.evidence)
        if status is JudgmentStatus.CARRIED_OVER and question and year:
            self.add(force, year, statement.target, statement.grade, JudgmentStatus.GRADED,
                     None, citation, "carried_over")


def _carried_in_prose(builder: _Builder, notes, framework: Framework) -> None:
    """"Our judgment from the 2017 inspection has been carried over" under a question: a grade
    this cycle's summary states for the question is carried over from that year; where only
    the report's 2017 grade of the question is stated, the question is graded in this cycle
    as carried over, cited to the note. Nothing is added without a stated grade."""
    force, cycle = builder.facts.force.key, builder.facts.cycle
    held = builder.judgments
    for note in notes:
        question = note.target.question
        if question is None:
            continue
        same = [i for i, j in enumerate(held) if j.force == force and j.cycle == cycle
                and j.question == question.key]
        if same:
            # graded in a summary, carried over under its own heading: the note tells status
            for i in same:
                if held[i].status is JudgmentStatus.GRADED:
                    held[i] = replace(held[i], status=JudgmentStatus.CARRIED_OVER,
                                      last_inspected=note.last_inspected)
            continue
        theme = question.theme
        earlier = {j.grade for j in held if j.force == force and j.cycle == note.last_inspected
                   and j.question and framework.question(j.question).theme == theme}
        if len(earlier) == 1:
            builder.add(force, cycle, note.target, earlier.pop(), JudgmentStatus.CARRIED_OVER,
                        note.last_inspected, builder.cite(note.paragraph, note.quote),
                        "carried_over")


def _every_title(framework: Framework) -> set[str]:
    return {norm_name(n) for c in framework.cycles for q in c.questions
            for n in (q.title, *q.aliases)}


_FOUR_POINT = re.compile(r"\b(?:four|4)[- ](?:tier|point)\b|outstanding, good, requires? "
                         r"improvement(?:,)? (?:and|or) inadequate")


def _five_point(report: ExtractedReport) -> bool:
    """The scale a report of a cycle the data does not know grades on, as its words show: the
    five-point scale of 2021/22 on, unless it states the four-point one and never grades
    anything 'adequate'."""
    text = norm(report.text[:200_000])
    return not _FOUR_POINT.search(text) or re.search(r"\badequate\b", text) is not None


def _merge(judgments: list[Judgment]) -> tuple[Judgment, ...]:
    """One judgment per force, cycle, pillar/question and grade; the strongest citation wins."""
    cells: dict[tuple, Judgment] = {}
    for judgment in judgments:
        key = (judgment.force, judgment.cycle, judgment.level, judgment.pillar,
               judgment.question, judgment.grade)
        held = cells.get(key)
        if held is None:
            cells[key] = judgment
            continue
        best = min(held, judgment, key=lambda j: _EVIDENCE_RANK[j.evidence])
        carried = next((j for j in (held, judgment)
                        if j.status is JudgmentStatus.CARRIED_OVER), None)
        if carried:
            best = replace(best, status=carried.status, last_inspected=carried.last_inspected)
        elif best.last_inspected is None:
            best = replace(best, last_inspected=held.last_inspected or judgment.last_inspected)
        cells[key] = best
    return tuple(cells.values())


def recognise(report: ExtractedReport, framework: Framework, *, force: Force | None = None,
              cycle_key: str | None = None) -> Recognition:
    """Recognise a report's PEEL content; the caller checks ``facts`` for force and cycle.

    ``force`` and ``cycle_key`` are the reviewer's corrections: the report is then read as
    that force's report of that cycle.
    """
    facts = identify(report, framework)
    if force is not None:
        facts = replace(facts, force=force, force_basis="reviewer", other_forces=())
    if cycle_key is not None:
        facts = replace(facts, cycle=cycle_key, cycle_basis="reviewer")
    if facts.force is None or facts.cycle is None:
        return Recognition(facts, (), (), (), framework=framework)
    new_cycle, checks = None, []
    if not framework.knows(facts.cycle):
        new_cycle = framework.new_cycle(facts.cycle, five_point=_five_point(report))
        framework = framework.with_learned(cycles=[new_cycle])
        checks.append(f"PEEL {facts.cycle} is a cycle the app does not know the framework of "
                      "yet: the areas the report grades are kept under the names it gives "
                      "them (docs/framework.md says how to add the cycle's framework).")
    section = areas.read_section(report, framework.cycle(facts.cycle), _every_title(framework))
    named = areas.named_areas(section, framework.cycle(facts.cycle), framework) \
        if section else []
    if named:
        framework = framework.with_learned(areas=named)
    builder = _Builder(report, facts, framework)
    cycle = framework.cycle(facts.cycle)
    structure = scan_structure(report, cycle, framework)
    prose = read_prose(report, facts, structure.section_of, framework)
    carried = {c.target.question.key: c.last_inspected for c in prose.carried
               if c.target.question}
    for statement in structure.statements:
        builder.structure(statement, carried)
    for said in prose.judgments:
        builder.add(said.force_key, said.cycle, said.target, said.grade, JudgmentStatus.GRADED,
                    None, builder.cite(said.paragraph, said.quote), said.evidence)
    _carried_in_prose(builder, prose.carried, framework)
    force = facts.force.key
    findings = tuple(
        Finding(
            force=force,
            cycle=facts.cycle,
            kind=item.kind,
            question=_question_key(structure.section_of.get(item.paragraph)),
            text=item.text,
            citation=builder.cite(item.paragraph, item.text),
            parent=item.parent,
        )
        for item in read_boxes(report)
    )
    findings += _referenced(report, builder, structure.section_of, findings)
    counts = tuple(
        GradeCount(force, facts.cycle, grade, count, builder.cite(ordinal, quote))
        for grade, count, ordinal, quote in prose.counts
        if grade in cycle.scale
    )
    sections = {ordinal: target.question.key for ordinal, target in structure.section_of.items()
                if target.question}
    judgments = _merge(builder.judgments)
    graded = {j.question for j in judgments if j.question and j.force == force
              and j.cycle == facts.cycle and j.status is not JudgmentStatus.UNGRADED}
    check = areas.stated_count_check(section, len(graded))
    if check:
        checks.append(check)
    # an unlisted area is kept when the report grades it; else it is no area of the report
    graded_areas = {j.question for j in judgments}
    dropped = {q.key for q in named} - graded_areas
    if dropped:
        sections = {k: v for k, v in sections.items() if v not in dropped}
        findings = tuple(replace(f, question=None) if f.question in dropped else f
                         for f in findings)
    return Recognition(facts, judgments, findings, counts, sections, framework,
                       new_cycle, tuple(q for q in named if q.key not in dropped),
                       tuple(checks))


def _referenced(report: ExtractedReport, builder: _Builder, section_of: dict[int, Target],
                own: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Earlier cycles' areas for improvement this report describes, with the progress it
    states; placed under the earlier framework's equivalent question where there is one."""
    assert builder.facts.force is not None and builder.facts.cycle is not None
    out = []
    for ref in references.find(report, builder.facts.cycle, [f.text for f in own], builder.fw):
        target = section_of.get(ref.paragraph)
        question = None
        if target and target.question:
            earlier = builder.fw.equivalent(target.question, ref.cycle)
            question = earlier.key if earlier else None
        status_citation = (builder.cite(ref.status_paragraph, ref.status_quote)
                           if ref.status_quote and ref.status_paragraph else None)
        out.append(Finding(
            force=builder.facts.force.key,
            cycle=ref.cycle,
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
            question=question,
            text=ref.text,
            citation=builder.cite(ref.paragraph, ref.quote),
            confidence=0.85,
            referenced=True,
            status=FindingStatus(ref.status),
            status_citation=status_citation,
            repeated_by=ref.repeated_by,
        ))
    return tuple(out)


def _question_key(target: Target | None) -> str | None:
    return target.question.key if target and target.question else None
