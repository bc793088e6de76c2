"""The PEEL framework (cycles, scales, questions, crosswalk themes, forces) read from resources/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peel_desktop import paths
from peel_desktop.domain import Cycle, Force, Grade, Pillar, Question, Theme


@dataclass(frozen=True)
class Framework:
    cycles: tuple[Cycle, ...]
    themes: tuple[Theme, ...]
    forces: tuple[Force, ...]
    pillar_phrases: dict[Pillar, tuple[str, ...]]
    scale_break_note: str
    scale_break_after: str
    groups: tuple[tuple[str, str], ...] = ()  # (key, label) of the navigator's headings

    def cycle(self, key: str) -> Cycle:
        for cycle in self.cycles:
            if cycle.key == key:
                return cycle
        raise KeyError(key)

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
        for candidate in self.cycle(cycle_key).questions:
            if candidate.theme == question.theme and candidate.pillar == question.pillar:
                return candidate
        return None

    def crosses_scale_break(self, older: str, newer: str) -> bool:
        """True when grades of these two cycles are not directly comparable (HMICFRS)."""
        break_ordinal = self.cycle(self.scale_break_after).ordinal
        ordinals = sorted((self.cycle(older).ordinal, self.cycle(newer).ordinal))
        return ordinals[0] < break_ordinal <= ordinals[1]


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


def _read(folder: Path, name: str) -> dict:
    with open(folder / name, encoding="utf-8") as handle:
        return json.load(handle)


def load_framework(folder: Path | None = None) -> Framework:
    """Read the framework files; raises ``OSError``/``ValueError`` if they are missing or bad."""
    folder = folder or paths.framework_dir()
    data = _read(folder, "cycles.json")
    scales = {name: tuple(Grade(g) for g in grades) for name, grades in data["scales"].items()}
    headings = {k: tuple(v) for k, v in data["pillar_headings"].items()}
    raw_by_key = {c["key"]: c for c in data["cycles"]}
    cycles = []
    for ordinal, raw in enumerate(data["cycles"], start=1):
        source = raw_by_key[raw["same_as"]] if "same_as" in raw else raw
        cycles.append(
            Cycle(
                key=raw["key"],
                ordinal=ordinal,
                scale=scales[raw["scale"]],
                pillars_graded=raw["pillars_graded"],
                published_from=raw["published_from"],
                published_to=raw["published_to"],
                mentions=tuple(m.lower() for m in raw.get("mentions", ())),
                questions=_questions(raw["key"], source["questions"]),
                pillar_headings=headings if raw["pillars_graded"] else {},
                ungraded_pillars=tuple(Pillar(p) for p in raw.get("ungraded_pillars", ())),
            )
        )
    theme_data = _read(folder, "themes.json")
    themes = tuple(Theme(**t) for t in theme_data["themes"])
    groups = tuple((g["key"], g["label"]) for g in theme_data["groups"])
    forces = tuple(
        Force(key=f["key"], name=f["name"], aliases=tuple(f.get("aliases", ())))
        for f in _read(folder, "forces.json")["forces"]
    )
    phrases = {Pillar(k): tuple(v) for k, v in data["pillar_phrases"].items()}
    return Framework(
        cycles=tuple(cycles),
        themes=themes,
        forces=forces,
        pillar_phrases=phrases,
        scale_break_note=data["scale_break"]["note"],
        scale_break_after=data["scale_break"]["after"],
        groups=groups,
    )


@dataclass(frozen=True)
class GradeStyle:
    background: str
    foreground: str
    label: str


@cache
def grade_styles() -> dict[Grade, GradeStyle]:
    """Colours and words for each grade, from resources/style/grades.json."""
    data = _read(paths.resources_dir() / "style", "grades.json")["grades"]
    return {Grade(key): GradeStyle(**value) for key, value in data.items()}


@cache
def default_framework() -> Framework:
    """The bundled framework, read once per process."""
    return load_framework()
