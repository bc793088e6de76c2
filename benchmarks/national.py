"""A national-scale corpus: 43 forces × 7 cycles of report texts in the published shapes.

Deterministic from a seed. Each report is web-page text as HMICFRS publishes it: a title, a
publication date, each question's heading followed by its grade, prose paragraphs (every one
mentions "the force", so a search for it hits every passage), areas for improvement and causes
of concern in boxes. About 166 paragraphs a report: 301 reports, ~50,000 passages. After the
import, a few hundred annotations are added through the real service.

    python -m benchmarks.national --out DIR     (writes the texts; the benchmarks call build())
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from peel_desktop.framework import default_framework

PARAGRAPHS = 166
WORDS = [
    "investigations", "supervision", "victims", "safeguarding", "vulnerable", "partners",
    "demand", "neighbourhood", "officers", "staff", "workforce", "vetting", "corruption",
    "disclosure", "custody", "calls", "response", "emergency", "training", "leadership",
    "planning", "finance", "technology", "communities", "prevention", "offenders", "suspects",
    "bail", "domestic", "abuse", "exploitation", "children", "missing", "persons",
    "intelligence", "analysis", "wellbeing", "recruitment", "outcomes", "files", "records",
    "quality", "standards", "progress", "improvement", "stop", "search", "powers", "fairness",
    "respect", "complaints", "culture", "ethics", "resources", "budget", "savings",
]
DATES = {"2014": "2014-11-27", "2015": "2016-02-18", "2016": "2017-03-02", "2017": "2018-03-22",
         "2018/19": "2019-09-27", "2021/22": "2022-05-12", "2023-25": "2024-12-05"}


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    return "The force " + " ".join(words) + "."


def report(force: str, cycle_key: str, rng: random.Random, scale: int = 1) -> str:
    framework = default_framework()
    cycle = framework.cycle(cycle_key)
    day = DATES[cycle_key]
    year, month, date = day.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    lines = [f"PEEL {cycle_key}: An inspection of {force}",
             f"Published {int(date)} {months[int(month) - 1]} {year}",
             f"This is HMICFRS’s PEEL inspection of {force} for {cycle_key}."]
    grades = [g.words for g in cycle.scale]
    questions = list(cycle.questions)
    paragraphs = PARAGRAPHS * scale
    per_question = max(1, paragraphs // max(len(questions), 1) - 3)
    for question in questions:
        lines.append(question.title)
        lines.append(rng.choice(grades) if question.graded else "Ungraded")
        for _ in range(per_question):
            lines.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))))
        if rng.random() < 0.5:
            lines += ["Area for improvement",
                      f"The force should improve its {rng.choice(WORDS)} and "
                      f"{rng.choice(WORDS)} so that victims receive a consistent service."]
        if rng.random() < 0.1:
            lines += ["Cause of concern",
                      f"The force does not manage {rng.choice(WORDS)} well enough, which "
                      "puts vulnerable people at risk.",
                      "Recommendations", "Within six months, the force should:",
                      f"• review its {rng.choice(WORDS)} processes; and",
                      "• report progress to the police and crime commissioner."]
    while len(lines) < paragraphs:
        lines.append(" ".join(_sentence(rng) for _ in range(3)))
    return "\n".join(lines) + "\n"


def write(folder: Path, seed: int = 2026, scale: int = 1) -> list[Path]:
    rng = random.Random(seed)
    framework = default_framework()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for force in framework.forces:
        for cycle in framework.cycles:
            if cycle.key not in DATES:
                continue  # the seven cycles every force has reports of (not yet 2025-27)
            path = folder / f"{force.key}-{cycle.key.replace('/', '-')}.txt"
            path.write_text(report(force.name, cycle.key, rng, scale), encoding="utf-8")
            paths.append(path)
    return paths


def build(folder: Path, *, seed: int = 2026, annotations: int = 300, scale: int = 1) -> dict:
    """Write and import the corpus into folder/national.sqlite; returns figures of the import.
    ``scale`` 3 makes every report three times as long (three times the passages and the
    database), with the same forces, cycles and questions."""
    from peel_desktop.services import annotate, imports
    from peel_desktop.services.workspace import Workspace

    texts = write(folder / "texts", seed, scale)
    db_path = folder / "national.sqlite"
    ws = Workspace.open(db_path)
    start = time.perf_counter()
    for path in texts:
        imports.import_path(ws, path)
    seconds = time.perf_counter() - start
    rng = random.Random(seed)
    passages = ws.db.execute("SELECT id, text FROM passages WHERE length(text) > 60").fetchall()
    for n in range(annotations * scale):
        passage_id, text = rng.choice(passages)
        annotate.annotate_passage(ws, passage_id=passage_id, start=0, end=min(40, len(text)),
                                  author=f"reviewer{n % 5}", note=f"Note {n}: "
                                  + " ".join(rng.choice(WORDS) for _ in range(12)),
                                  tags=[rng.choice(annotate.STARTER_TAGS)],
                                  rag=rng.choice([None, "red", "amber", "green"]),
                                  key_evidence=rng.random() < 0.3)
    count = ws.db.execute("SELECT count(*) FROM passages").fetchone()[0]
    pages = len(texts)
    ws.close()
    size = db_path.stat().st_size
    return {"reports": pages, "passages": count, "import_seconds": seconds,
            "reports_per_second": pages / seconds, "db_bytes": size,
            "bytes_per_1000_passages": size / count * 1000, "db": db_path}


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the national corpus texts")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scale", type=int, default=1, help="3: reports three times as long")
    parser.add_argument("--db", action="store_true", help="also import them (national.sqlite)")
    args = parser.parse_args()
    if args.db:
        figures = build(args.out, scale=args.scale)
        print(f"Imported {figures['reports']} reports, {figures['passages']} passages into "
              f"{figures['db']}")
        return
    paths = write(args.out, scale=args.scale)
    print(f"Wrote {len(paths)} reports to {args.out}")


if __name__ == "__main__":
    main()
