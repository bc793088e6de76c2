"""Judgments, counts and carried-over notes stated in running prose.

Only what a sentence says outright is taken: "is judged to require improvement for its use
of resources", "is 'good' at investigating crime", "In 2016, we judged the force to be good at
…", "'good' in four areas", "five forces were 'outstanding' (Cheshire; Durham; …)".
Conditional and definitional sentences ("whether …", "and/or") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peel_desktop.domain import Cycle, Grade, Pillar
from peel_desktop.framework import Framework
from peel_desktop.importers import ExtractedReport
from peel_desktop.recognise.document import DocumentFacts, force_mentions
from peel_desktop.recognise.structure import Target
from peel_desktop.recognise.vocab import (
    GRADE_WORDS,
    NUMBERS,
    YEAR,
    find_phrases,
    norm,
    parse_grade,
    read_on,
    sentences,
)

_Q = "'?"
# Each pattern, and whether its grade ends its clause ("X is good.", "X requires
# improvement."): then the area is named before the grade, never in what follows ("… is
# inadequate and it isn't recording crime").
_GRADE_PATTERNS = (
    (re.compile(rf"\b(?:keeping people safe and reducing crime|reducing crime and keeping "
                rf"people safe) (?:is:? |: )?{_Q}({GRADE_WORDS}){_Q}"), True),
    (re.compile(rf"\b(?:is|are|was|were):? {_Q}(outstanding|good|adequate|inadequate){_Q}"
                rf"(?= ?[.,;]| and\b|$)"), True),
    (re.compile(
        rf"\b(?:judged?|assessed|rated|graded)\b(?: [a-z'-]+){{0,3}}? (?:to be|as|to) "
        rf"{_Q}({GRADE_WORDS}){_Q}"
    ), False),
    (re.compile(rf"\b(?:judged|assessed|rated|graded) {_Q}({GRADE_WORDS}){_Q}"), False),
    (re.compile(
        rf"\b(?:is|was|are|were|be|remains|been)(?: also| now| still)? {_Q}"
        rf"(outstanding|good|adequate|inadequate){_Q} (?:at|in|for)\b"
    ), False),
    (re.compile(r"\b((?:requires|required) improvement) (?:at|in|for)\b"), False),
    # "… operates efficiently and sustainably requires improvement." (not "… that requires …")
    (re.compile(r"(?<!that )(?<!which )(?<!who )\b((?:requires|required) improvement)"
                r"(?= ?[.,;]|$)"), True),
    (re.compile(rf"^(?:[-•*] )?(?:\*\*)?is {_Q}(outstanding|good|adequate|inadequate){_Q} "
                rf"at\b"), False),
)
_COORDINATED = re.compile(rf"(?:,|\band) {_Q}(outstanding|good|adequate|inadequate){_Q} at\b")
_HYPOTHETICAL = re.compile(
    r"\b(?:whether|and/or|categor\w+|would|could|might|if the force|each force|all forces)\b"
)
_BULLETED = re.compile(r"^\s*(?:[•●▪*-]|\d{1,2}[.)])\s")
_RETRO = re.compile(rf"\bin ({YEAR}),? we (?:judged|assessed|graded|rated)\b")
# What may stand between two areas one grade covers: "X and Y", "X, Y and Z", "both X and Y",
# "how it responds to the public, how it supervises and investigates crime" (a second verb
# sharing the area's words).
_JOINED = re.compile(r"^[,;]?\s*(?:(?:and|as well as)(?: (?:at|in|for))?)?\s*"
                     r"(?:how (?:the force|it|they)(?: [a-z]+s and)?)?$")
# "the areas requiring improvement include X, Y and Z": one grade over a list of areas.
_AREAS = re.compile(rf"\bareas? (?:(requiring improvement)|(?:rated|graded|judged)(?: as)? "
                    rf"{_Q}({GRADE_WORDS}){_Q}) (?:include|includes|included|are|were|was|is)\b"
                    rf"|\b{_Q}({GRADE_WORDS}){_Q} areas? (?:include|includes|included|are|were)\b")
# "'inadequate' in one area – responding to the public": a count that names its area.
_ONE_AREA = re.compile(rf"{_Q}({GRADE_WORDS}){_Q} in (?:one|1) area\s*[–—:-]\s*")
_JUDGED_FORCE = re.compile(rf"\bwe (?:judged|assessed|rated|graded) (?:the force|the constabulary|"
                           rf"it)(?: to be| as)? {_Q}(?:{GRADE_WORDS}){_Q}$")
_ONE_OF = re.compile(r"\b(?:it|the force|the constabulary) is one of (?:only )?(?:\w+|\d+) "
                     r"(?:other )?forces$")
_CONTRAST = re.compile(r"\b(?:but|although|though|however|whereas|while|yet)\b")
_LEAD_IN = re.compile(rf"{_Q}({GRADE_WORDS}){_Q} (?:at|in|for):$")
_LAST_YEAR = re.compile(r"\blast year\b")
_COUNT = re.compile(rf"{_Q}({GRADE_WORDS}){_Q} in (?:the (?:other|remaining) )?"
                    rf"(\d+|{'|'.join(NUMBERS)})\b")
_LISTED = re.compile(rf"'({GRADE_WORDS})'(?: grade)?[^()]*?\(([^)]+)\)")
# A paragraph without any of these words states no grade, count or carried-over note
# (tested as plain text in the lowered paragraph: several times faster than a pattern).
_WORTH_READING = ("good", "adequate", "improvement", "outstanding", "ungraded", "carried")
_PILLAR_STEMS = {
    "effective": Pillar.EFFECTIVENESS, "efficien": Pillar.EFFICIENCY, "legitima": Pillar.LEGITIMACY
}
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
_THESE = re.compile(
    r"^(?:this question|these questions|these areas|both (?:of these )?questions)\b")
_CARRIED = re.compile(r"\bcarried (?:over|forward)\b")


@dataclass(frozen=True)
class SentenceJudgment:
    force_key: str
    cycle: str
    target: Target
    grade: Grade
    paragraph: int
    quote: str
    evidence: str  # sentence | list


@dataclass(frozen=True)
class CarriedOver:
    target: Target
    last_inspected: str
    paragraph: int
    quote: str


@dataclass
class ProseResult:
    judgments: list[SentenceJudgment]
    carried: list[CarriedOver]
    counts: list[tuple[Grade, int, int, str]]  # grade, count, paragraph, quote


def _previous_cycle(framework: Framework, key: str) -> str | None:
    ordinal = framework.cycle(key).ordinal
    earlier = [c for c in framework.cycles if c.ordinal == ordinal - 1]
    return earlier[0].key if earlier else None


# One verb over two objects, or two verbs over one: "treating both the public and its
# workforce fairly", "preventing and investigating crime" name two areas.
_BOTH = re.compile(r"\b(\w+ing) both ((?:the |its )?\w+) and ((?:the |its )?\w+) "
                   r"(fairly|well|effectively|with fairness and respect)\b")
_TWO_VERBS = re.compile(r"\b(\w+ing) and (\w+ing) (crime|offending)\b")


def _distribute(window: str) -> str:
    window = _BOTH.sub(r"\1 \2 \4 and \1 \3 \4", window)
    return _TWO_VERBS.sub(r"\1 \3 and \2 \3", window)


def _targets(window: str, cycle: Cycle, framework: Framework) -> list[Target]:
    """The area a grade covers, with those coordinated with it ("good at X and Y", "X, Y
    and Z were judged as …"); a pillar where no question is named."""
    aliases = {alias: q for q in cycle.questions for alias in (norm(q.title), *q.aliases)}
    found = find_phrases(window, aliases)
    spread = _distribute(window)
    if spread != window:  # "preventing and deterring crime" may itself be an area's name
        more = find_phrases(spread, aliases)
        if len({aliases[m.group(0)].key for m in more}) > len(
                {aliases[m.group(0)].key for m in found}):
            window, found = spread, more
    if found:
        longest = max(found, key=lambda m: len(m.group(0)))
        run = [longest]
        ordered = sorted(found, key=lambda m: m.start())
        at = ordered.index(longest)
        for step in (1, -1):
            n = at + step
            while 0 <= n < len(ordered):
                a, b = (run[-1], ordered[n]) if step == 1 else (ordered[n], run[0])
                if not _JOINED.match(window[a.end():b.start()].strip()):
                    break
                run = [*run, ordered[n]] if step == 1 else [ordered[n], *run]
                n += step
        seen, out = set(), []
        for m in run:
            question = aliases[m.group(0)]
            if question.key not in seen:
                seen.add(question.key)
                out.append(Target(question=question))
        return out
    if cycle.pillars_graded:
        for pillar, phrases in framework.pillar_phrases.items():
            if find_phrases(window, phrases):
                return [Target(pillar=pillar)]
    return []


def _grade_spans(sentence_norm: str) -> list[tuple[int, int, Grade, bool]]:
    """Each grade stated: start, end, grade, and whether it ends its clause (a predicate)."""
    spans: list[tuple[int, int, Grade, bool]] = []
    for m in _AREAS.finditer(sentence_norm):
        spans.append((m.start(), m.end(), parse_grade(m.group(1) or m.group(2) or m.group(3)),
                      False))
    for m in _ONE_AREA.finditer(sentence_norm):
        spans.append((m.start(), m.end(), parse_grade(m.group(1)), False))
    counts = [m.span() for m in _COUNT.finditer(sentence_norm)]
    for pattern, predicate in _GRADE_PATTERNS:
        for m in pattern.finditer(sentence_norm):
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e, *_ in spans) \
                    and not any(s <= m.end() and m.start() <= e for s, e in counts):
                spans.append((m.start(), m.end(), parse_grade(m.group(1)),  # not a count
                              predicate))
    if spans:
        for m in _COORDINATED.finditer(sentence_norm):
            if not any(s <= m.start() < e for s, e, *_ in spans):
                spans.append((m.start(), m.end(), parse_grade(m.group(1)), False))
    return sorted(spans)


class _Reader:
    def __init__(self, report: ExtractedReport, facts: DocumentFacts, section_of, fw: Framework):
        self.report, self.facts, self.section_of, self.fw = report, facts, section_of, fw
        self.result = ProseResult([], [], [])
        self.lead_in: tuple | None = None  # (force, cycle, grade) a list's items take
        self.previous: tuple[int, list[Target]] = (-1, [])  # the last sentence's areas

    def run(self) -> ProseResult:
        conditional = False  # inside a list introduced by "… considers whether:"
        for paragraph in read_on(self.report.paragraphs):
            text = paragraph.text
            if conditional and _BULLETED.match(text):
                continue
            if self.bullets(text, paragraph.ordinal):
                continue
            # the sentence introducing the list decides ("… considers whether:")
            conditional = text.rstrip().endswith(":") and bool(
                _HYPOTHETICAL.search(norm((sentences(text) or [text])[-1])))
            lowered = text.lower()
            if not any(word in lowered for word in _WORTH_READING):
                continue
            # "9. Last year (2015), five forces were 'outstanding' (…). Eight forces …": the
            # year holds from its sentence to the next numbered note
            listed_cycle = None
            for sentence in sentences(paragraph.text):
                n = norm(sentence)
                if _NUMBERED.match(n):
                    listed_cycle = None
                listed_cycle = re.search(rf"\blast year \(({YEAR})\)", n) or listed_cycle
                self.sentence(sentence, paragraph.ordinal, listed_cycle)
        return self.result

    def sentence(self, sentence: str, ordinal: int, listed_cycle) -> None:
        n = norm(sentence)
        if "area" in n or "categories" in n:
            for m in _COUNT.finditer(n):
                count = int(m.group(2)) if m.group(2).isdigit() else NUMBERS[m.group(2)]
                self.result.counts.append((parse_grade(m.group(1)), count, ordinal, sentence))
        if _CARRIED.search(n):
            self.carried(n, sentence, ordinal)
        before = len(self.result.judgments)
        if not (_LISTED.search(n) and self.listed(n, sentence, ordinal, listed_cycle)):
            self.judgments(n, sentence, ordinal)
        self.previous = (ordinal, [j.target for j in self.result.judgments[before:]])

    def carried(self, n: str, sentence: str, ordinal: int) -> None:
        target = self.section_of.get(ordinal)
        years = [self.fw.cycle_of_year(y, self.facts.cycle) for y in re.findall(YEAR, n)]
        earlier = [y for y in years if y and y != self.facts.cycle]
        if not earlier:
            return
        targets = [target] if target and target.question else []
        if _THESE.match(n) and self.previous[0] == ordinal:
            # "… is good at investigating crime and tackling serious and organised crime.
            # These questions were not subject to detailed inspection …"
            targets = [t for t in self.previous[1] if t.question] or targets
        for target in targets:
            self.result.carried.append(CarriedOver(target, earlier[0], ordinal, sentence))

    def listed(self, n: str, sentence: str, ordinal: int, listed_cycle) -> bool:
        """Forces listed by grade ("five forces were 'outstanding' (Cheshire; Durham; …)");
        whether any force was named in the brackets (else they are an aside)."""
        cycle_key = self.facts.cycle
        if listed_cycle:
            cycle_key = self.fw.cycle_of_year(listed_cycle.group(1), cycle_key) or cycle_key
        pillars = [p for stem, p in _PILLAR_STEMS.items() if stem in n]
        pillar = pillars[0] if len(pillars) == 1 else self.facts.main_pillar
        listed = [(parse_grade(m.group(1)), force) for m in _LISTED.finditer(n)
                  for force, _ in force_mentions(m.group(2), self.fw)]
        if pillar is None or cycle_key is None:
            return bool(listed)
        for grade, force in listed:
            self.result.judgments.append(
                SentenceJudgment(force.key, cycle_key, Target(pillar=pillar), grade,
                                 ordinal, sentence, "list")
            )
        return bool(listed)

    def judgments(self, n: str, sentence: str, ordinal: int) -> None:
        if self.facts.cycle is None:
            return
        cycle_key = self._cycle_of(n)
        self._lead_in(n, cycle_key)
        spans = _grade_spans(n)
        if not spans:
            return
        cycle = self.fw.cycle(cycle_key)
        for index, (start, end, grade, predicate) in enumerate(spans):
            left = max([spans[index - 1][1]] if index else [0])
            left = max(left, n.rfind(";", 0, start) + 1)
            right = spans[index + 1][0] if index + 1 < len(spans) else len(n)
            semicolon = n.find(";", end)
            if semicolon != -1 and not _AREAS.match(n, start):  # a list of areas may use ";"
                right = min(right, semicolon)
            # A grade never takes an area across a contrast ("good at X, however it requires
            # improvement in Y": Y is not good, X does not require improvement).
            contrast = [m.end() for m in _CONTRAST.finditer(n, left, start)]
            left = max([left, *contrast])
            before, after = n[left:end], n[end:right]
            if self._other_forces(n[left:start]) or _HYPOTHETICAL.search(n[:end]):
                continue  # other forces, or a hedge ("whether", "could") before the grade
            after = _CONTRAST.split(after)[0]
            # "is good at X" names X after the grade; "X is judged good" before it.
            targets = ((not predicate and _targets(after, cycle, self.fw))
                       or _targets(before, cycle, self.fw))
            named = force_mentions(before, self.fw)
            force = named[-1][0] if named else self.facts.force
            if not targets and force and named and self._graded_as(n[left:end]):
                targets = [Target(pillar=self.facts.main_pillar)]
            if (not targets and cycle.pillars_graded and _JUDGED_FORCE.search(n[left:end])
                    and re.match(r"\s*(?:[.;,]|$)", n[end:])):
                # "… the same as last year, when we judged the force to be good." under a
                # pillar's heading: the pillar's grade
                section = self.section_of.get(ordinal)
                if section and section.pillar and section.question is None:
                    targets = [Target(pillar=section.pillar)]
            if not force:
                continue
            for target in targets:
                self.result.judgments.append(
                    SentenceJudgment(force.key, cycle_key, target, grade, ordinal, sentence,
                                     "sentence")
                )

    def _cycle_of(self, n: str) -> str:
        """The cycle a sentence's grades belong to: "In 2017, we judged …" is 2017's."""
        cycle_key = self.facts.cycle
        retro = _RETRO.search(n)
        if retro:
            return self.fw.cycle_of_year(retro.group(1), cycle_key) or cycle_key
        if _LAST_YEAR.search(n) and "judged" in n:
            return _previous_cycle(self.fw, cycle_key) or cycle_key
        return cycle_key

    def _lead_in(self, n: str, cycle_key: str) -> None:
        """A sentence ending "… was rated 'good' (one level below 'outstanding') at:" gives its
        grade to the list items that follow it."""
        plain = re.sub(r"\s*\([^)]*\)", "", n)
        found = _LEAD_IN.search(plain)
        if not found or _HYPOTHETICAL.search(plain[:found.start()]):
            return
        start = max([0, *(m.end() for m in _CONTRAST.finditer(plain, 0, found.start()))])
        if self._other_forces(plain[start:found.start()]):
            return
        named = force_mentions(plain[start:found.start()], self.fw)
        force = named[-1][0] if named else self.facts.force
        if force:
            self.lead_in = (force, cycle_key, parse_grade(found.group(1)))

    def _other_forces(self, before_grade: str) -> bool:
        """The grade is about other forces ("33 forces were good"), unless a force is named
        after that mention ("how forces had met …, Surrey Police was judged to be good")."""
        mentions = [m for m in re.finditer(r"\bforces\b", before_grade)
                    if not _ONE_OF.search(before_grade, 0, m.end())]  # "it is one of four forces"
        return bool(mentions) and not force_mentions(before_grade[mentions[-1].end():], self.fw)

    def _graded_as(self, up_to_grade: str) -> bool:
        """"<The force> was graded as 'good'." in a document about one pillar: the grade
        is that pillar's."""
        return (self.facts.main_pillar is not None
                and self.fw.cycle(self.facts.cycle).pillars_graded
                and bool(re.search(rf"\b(?:was|were|is|has been|have been) (?:graded|judged|"
                                   rf"assessed|rated)(?: as| to be)? {_Q}(?:{GRADE_WORDS}){_Q}$",
                                   up_to_grade)))

    def bullets(self, text: str, ordinal: int) -> bool:
        """Items of a list under a lead-in ("we assessed the force as good at:"): each takes
        the lead-in's grade. Returns whether the paragraph was such an item."""
        if self.lead_in is None:
            return False
        force, cycle_key, grade = self.lead_in
        items = [i for i in re.split(r"\s*[•●▪]\s*|\n\s*[-*]\s+", text) if i.strip()]
        if not _BULLETED.match(text) and not text.lstrip().startswith(("•", "●", "▪")):
            self.lead_in = None
            return False
        cycle = self.fw.cycle(cycle_key)
        for item in items:
            for target in _targets(norm(item).rstrip(" ;.").removesuffix(" and").removesuffix(
                    "; and"), cycle, self.fw):
                self.result.judgments.append(SentenceJudgment(
                    force.key, cycle_key, target, grade, ordinal, item.strip(), "list"))
        return True


def read_prose(
    report: ExtractedReport, facts: DocumentFacts, section_of: dict[int, Target],
    framework: Framework,
) -> ProseResult:
    """Judgments, carried-over notes, and grade counts stated in sentences."""
    return _Reader(report, facts, section_of, framework).run()
