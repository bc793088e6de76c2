"""The PEEL framework (cycles, scales, questions, crosswalk themes, forces) read from resources/."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

from peel_desktop import paths
from peel_desktop.domain import Cycle, Force, Grade, Pillar, Question, Theme
from peel_desktop.framework import files


class Break(NamedTuple):
    """A change of framework after which HMICFRS says grades are not directly comparable
    with the cycle before (``after`` is the first cycle of the new framework)."""

    after: str
    note: str
    quote: str = ""
    source: str = ""


CYCLE_KEY = re.compile(r"20\d\d(?:[/-]\d\d)?")  # '2017', '2018/19', '2023-25', '2027-29'


def year_form(year: str) -> str:
    """A year as cycles' ``years`` list it: '2018–19' → '2018/19', '2023-2025' → '2023/25'."""
    year = year.replace("–", "/").replace("-", "/").replace(" ", "")
    if len(year) == 9 and year[4] == "/":
        year = f"{year[:5]}{year[7:]}"
    return year


def cycle_key(start: int, end: int | None) -> str:
    """The key of a cycle a title names: 2027, 29 → '2027-29'; 2026, 27 → '2026/27'."""
    if end is None:
        return str(start)
    end %= 100
    if end == (start + 1) % 100:
        return f"{start}/{end:02d}"
    return f"{start}-{end:02d}"


@dataclass(frozen=True)
class Framework:
    """The PEEL frameworks known: cycles, themes, forces and the breaks between them."""

    cycles: tuple[Cycle, ...]
    themes: tuple[Theme, ...]
    forces: tuple[Force, ...]
    pillar_phrases: dict[Pillar, tuple[str, ...]]
    breaks: tuple[Break, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()  # (key, label) of the navigator's headings
    # one sentence for each organisation's framework file that could not be used
    problems: tuple[str, ...] = ()
    pillar_headings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cycle(self, key: str) -> Cycle:
        for cycle in self.cycles:
            if cycle.key == key:
                return cycle
        raise KeyError(key)

    def knows(self, cycle_key: str) -> bool:
        return any(c.key == cycle_key for c in self.cycles)

    def question(self, key: str) -> Question:
        cycle_key = key.rsplit(":", 1)[0]
        for question in self.cycle(cycle_key).questions:
            if question.key == key:
                return question
        raise KeyError(key)

    def force(self, key: str) -> Force:
        for force in self.forces:
            if force.key == key:
                return force
        raise KeyError(key)

    def equivalent(self, question: Question, cycle_key: str) -> Question | None:
        """The question of ``cycle_key`` answering the same concern (same theme and pillar)."""
        if question.cycle == cycle_key:
            return question
        if question.theme is None:
            return None
        for candidate in self.cycle(cycle_key).questions:
            if candidate.theme == question.theme and candidate.pillar == question.pillar:
                return candidate
        return None

    def breaks_between(self, older: str, newer: str) -> tuple[Break, ...]:
        """The changes of framework between two cycles after which HMICFRS says grades are
        not directly comparable (none when the cycles are comparable)."""
        low, high = sorted((self.cycle(older).ordinal, self.cycle(newer).ordinal))
        marked = [b for b in self.breaks
                  if self.knows(b.after) and low < self.cycle(b.after).ordinal <= high]
        held = {b.after for b in marked}
        # a cycle only a report names: its framework is not known, so neither is whether its
        # grades compare; HMICFRS has said they do not at every change since 2021/22
        marked += [Break(c.key, f"PEEL {c.key} is a cycle the app does not know the framework "
                        "of; at each change of framework since 2021/22 HMICFRS has said grades "
                        "cannot be compared directly with the previous cycle's.")
                   for c in self.cycles if c.origin == "report" and c.key not in held
                   and low < c.ordinal <= high]
        return tuple(marked)

    def crosses_break(self, older: str, newer: str) -> bool:
        """True when grades of these two cycles are not directly comparable (HMICFRS)."""
        return bool(self.breaks_between(older, newer))

    def break_reason(self, older: str, newer: str) -> str:
        """Why, in a few words: "the grading scale changed" or "the framework changed"."""
        same = self.cycle(older).scale == self.cycle(newer).scale
        return "the framework changed" if same else "the grading scale changed"

    def breaks_along(self, cycles: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
        """Where, in a row of cycles, grades stop being directly comparable with the cycle
        before, and why: (index in ``cycles``, note)."""
        return tuple((n, notes_of(marks)) for n in range(1, len(cycles))
                     if (marks := self.breaks_between(cycles[n - 1], cycles[n])))

    def cycle_of_year(self, year: str, near: str | None = None) -> str | None:
        """The cycle a year names ('2016' → 2016; '2019' → 2018/19). A year two cycles share
        (2025) is ``near``'s when that is one of them, else the earlier's."""
        form = year_form(year)
        named = [c for c in self.cycles if form in c.years or form == year_form(c.key)]
        if not named and len(form) > 4:
            named = [c for c in self.cycles if form[:4] in c.years]
        if near is not None and any(c.key == near for c in named):
            return near
        return named[0].key if named else None

    def theme_of_name(self, name: str) -> str | None:
        """The crosswalk theme of an area a report names that its cycle's data does not list:
        the theme of every other cycle's question with that name, when they agree."""
        wanted = norm_name(name)
        themes = {q.theme for c in self.cycles for q in c.questions if q.origin == "framework"
                  and q.theme and wanted in {norm_name(n) for n in (q.title, *q.aliases)}}
        return themes.pop() if len(themes) == 1 else None

    def new_cycle(self, key: str, five_point: bool = True) -> Cycle:
        """A cycle a report's title names that the framework data does not know yet."""
        years = (key, *(str(y) for y in _span(key)))
        scale = SCALES["five_point" if five_point else "four_point"]
        return Cycle(key=key, ordinal=0, scale=scale, pillars_graded=False, published_from="",
                     published_to="", mentions=(f"peel {key}",), years=years, origin="report",
                     source="named by an imported report; its framework is not known")

    def data_only(self) -> Framework:
        """This framework without the cycles and areas reports named (the data alone)."""
        if all(c.origin == "framework" and all(q.origin == "framework" for q in c.questions)
               for c in self.cycles):
            return self
        cycles = [replace(c, questions=tuple(q for q in c.questions if q.origin == "framework"))
                  for c in self.cycles if c.origin == "framework"]
        return replace(self, cycles=_ordered(cycles))

    def with_learned(self, cycles: list[Cycle] = (), areas: list[Question] = ()) -> Framework:
        """This framework with cycles and areas that imported reports name and the data does
        not list (already held keys are kept as they are)."""
        held = {c.key for c in self.cycles}
        added = [c for c in cycles if c.key not in held]
        known = {q.key for c in self.cycles for q in c.questions}
        extra: dict[str, list[Question]] = {}
        for area in areas:
            if area.key not in known:
                extra.setdefault(area.cycle, []).append(area)
        if not added and not extra:
            return self
        every = [replace(c, questions=c.questions + tuple(extra.get(c.key, ())))
                 for c in (*self.cycles, *added)]
        return replace(self, cycles=_ordered(every))


def notes_of(marks: tuple[Break, ...]) -> str:
    """The notes of not-comparable marks, as one text."""
    return " ".join(b.note for b in marks)


def words_of(marks: tuple[Break, ...]) -> str:
    """HMICFRS's own words for the marks, with where they are from."""
    return " ".join(f"“{b.quote}” ({b.source})" for b in marks if b.quote)


SCALES = {"four_point": (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT,
                         Grade.INADEQUATE),
          "five_point": (Grade.OUTSTANDING, Grade.GOOD, Grade.ADEQUATE,
                         Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)}


def norm_name(name: str) -> str:
    """An area's name as compared: lower case, plain dashes and quotes, no end punctuation."""
    name = name.replace("’", "'").replace("–", "-").replace("—", "-")
    return " ".join(name.lower().split()).strip(" ?.:;•")


def _span(key: str) -> range:
    start = int(key[:4])
    if len(key) == 4:
        return range(start, start + 1)
    end = start // 100 * 100 + int(key[5:7])
    return range(start, max(end, start) + 1)


def _ordered(cycles: list[Cycle]) -> tuple[Cycle, ...]:
    """Cycles oldest first, numbered 1…n (a cycle's first year, then its key)."""
    ranked = sorted(enumerate(cycles), key=lambda p: (int(p[1].key[:4]), p[0]))
    return tuple(replace(c, ordinal=n) for n, (_, c) in enumerate(ranked, start=1))


def _questions(cycle_key: str, raw: list[dict]) -> tuple[Question, ...]:
    return tuple(
        Question(
            key=f"{cycle_key}:{item['slug']}",
            cycle=cycle_key,
            title=item["title"],
            pillar=Pillar(item["pillar"]) if item.get("pillar") else None,
            theme=item.get("theme"),
            graded=item.get("graded", True),
            ordinal=ordinal,
            aliases=tuple(a.lower() for a in item.get("aliases", ())),
        )
        for ordinal, item in enumerate(raw, start=1)
    )


def load_framework(folder: Path | None = None, extra_dir: Path | None = None) -> Framework:
    """Read the bundled framework files, then the organisation's framework files in
    ``extra_dir`` (each used whole or not at all; ``problems`` says why not). Raises
    ``OSError``/``ValueError`` if the bundled files are missing or bad."""
    folder = folder or paths.framework_dir()
    data = files.read_bundled(folder, "cycles.json")
    theme_data = files.read_bundled(folder, "themes.json")
    problems = []
    for path in files.extra_files(extra_dir):
        try:
            data, theme_data = files.merge(data, theme_data, files.read_extra(path), path)
        except (files.FrameworkFileError, OSError) as error:
            problems.append(str(error) if isinstance(error, files.FrameworkFileError)
                            else f"The framework file {path.name} was not used: it cannot be "
                                 f"read ({error.strerror or error}).")
    headings = {k: tuple(v) for k, v in data["pillar_headings"].items()}
    raw_by_key = {c["key"]: c for c in data["cycles"]}
    cycles = []
    for raw in data["cycles"]:
        source = raw_by_key[raw["same_as"]] if "same_as" in raw else raw
        cycles.append(
            Cycle(
                key=raw["key"],
                ordinal=0,
                scale=SCALES[raw["scale"]],
                pillars_graded=raw["pillars_graded"],
                published_from=raw["published_from"],
                published_to=raw["published_to"],
                mentions=_mention_forms(raw.get("mentions", ())),
                questions=_questions(raw["key"], source["questions"]),
                pillar_headings=headings if raw["pillars_graded"] else {},
                ungraded_pillars=tuple(Pillar(p) for p in raw.get("ungraded_pillars", ())),
                years=tuple(year_form(y) for y in raw.get("years", (raw["key"],))),
                source=raw.get("source", ""),
            )
        )
    themes = tuple(Theme(**t) for t in theme_data["themes"])
    groups = tuple((g["key"], g["label"]) for g in theme_data["groups"])
    forces = tuple(
        Force(key=f["key"], name=f["name"], aliases=tuple(f.get("aliases", ())))
        for f in files.read_bundled(folder, "forces.json")["forces"]
    )
    phrases = {Pillar(k): tuple(v) for k, v in data["pillar_phrases"].items()}
    breaks = tuple(Break(b["after"], b["note"], b.get("quote", ""), b.get("source", ""))
                   for b in data["not_comparable"])
    return Framework(
        cycles=_ordered(cycles),
        themes=themes,
        forces=forces,
        pillar_phrases=phrases,
        breaks=breaks,
        groups=groups,
        problems=tuple(problems),
        pillar_headings=headings,
    )


class GradeStyle(NamedTuple):
    """How a grade is drawn: its colours and its words."""

    background: str
    foreground: str
    label: str


def _mention_forms(mentions) -> tuple[str, ...]:
    """The words that name a cycle, each also without its colons: a title is often written
    without the one after "PEEL" ("PEEL Police Effectiveness 2017: An Inspection of …")."""
    forms: dict[str, None] = {}
    for mention in mentions:
        forms[mention.lower()] = None
        forms[" ".join(mention.lower().replace(":", " ").split())] = None
    return tuple(forms)


@cache
def grade_styles() -> dict[Grade, GradeStyle]:
    """Colours and words for each grade, from resources/style/grades.json."""
    data = files.read_bundled(paths.resources_dir() / "style", "grades.json")["grades"]
    return {Grade(key): GradeStyle(**value) for key, value in data.items()}


def extra_framework_dir() -> Path:
    """Where an organisation drops its own framework files (docs/framework.md)."""
    return paths.user_data_dir() / "framework"


@cache
def default_framework() -> Framework:
    """The bundled framework with the organisation's framework files, read once per
    process."""
    return load_framework(extra_dir=extra_framework_dir())
