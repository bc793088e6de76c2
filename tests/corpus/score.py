"""Score the recogniser on the real-text corpus against the facts written by reading it.

    .venv/bin/python -m tests.corpus.score [--quiet]

Writes docs/accuracy.md: per document kind and per cycle, the stated grades and findings,
how many were read (recall) and how many of those read were right (precision). A grade is
right when force, cycle, pillar or question, grade and (where the text says so) carried-over
status and year agree. A grade read for a pillar or question the text does not grade is
invented; one with another grade is wrong. Statements listed as uncertain are neither.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from peel_desktop.domain import ImportRejected, PeelError
from peel_desktop.framework import default_framework
from peel_desktop.recognise.vocab import norm
from peel_desktop.services import imports
from peel_desktop.services.workspace import Workspace

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "real"
REPORT = HERE.parent.parent / "docs" / "accuracy.md"


@dataclass
class Tally:
    stated: int = 0  # grades the texts state
    read: int = 0  # of those, read right
    wrong: int = 0  # read with another grade (or status)
    invented: int = 0  # read where the text states none
    findings: int = 0
    findings_read: int = 0
    findings_extra: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float:
        return self.read / self.stated if self.stated else 1.0

    @property
    def precision(self) -> float:
        made = self.read + self.wrong + self.invented
        return self.read / made if made else 1.0

    @property
    def findings_recall(self) -> float:
        return self.findings_read / self.findings if self.findings else 1.0


@dataclass
class DocumentScore:
    name: str
    kind: str
    cycle: str
    tally: Tally
    refused: str | None = None
    misses: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # wrong or invented grades


def _subject(entry: dict) -> tuple[str, str]:
    return ("pillar", entry["pillar"]) if "pillar" in entry else ("question", entry["question"])


def _read(ws: Workspace, path: Path):
    try:
        return imports.preview(ws, path), None
    except (ImportRejected, PeelError) as error:
        return None, str(error)


def _same_words(a: str, b: str) -> bool:
    x, y = norm(a).strip(" .;"), norm(b).strip(" .;")
    return bool(x and y) and (x in y or y in x)


def score_document(ws: Workspace, name: str, expected: dict) -> DocumentScore:
    tally = Tally(stated=len(expected["grades"]), findings=len(expected.get("findings", [])))
    score = DocumentScore(name, expected["kind"], expected["cycle"], tally)
    preview, refused = _read(ws, CORPUS / name)
    if preview is None:
        score.refused = refused
        score.misses = [f"{g['cycle']} {_subject(g)[1]}: {g['grade']}" for g in expected["grades"]]
        return score
    force = expected["force"]
    wanted = {(g["cycle"], *_subject(g)): g for g in expected["grades"]}
    uncertain = {(u["cycle"], *_subject(u)) for u in expected.get("uncertain", [])}
    found: dict[tuple, list] = defaultdict(list)
    for j in preview.found.judgments:
        if j.force != force:
            continue  # another force's grade: never the subject's (scored by the force test)
        subject = ("pillar", j.pillar.value) if j.question is None else (
            "question", j.question.split(":", 1)[1])
        found[(j.cycle, *subject)].append(j)
    for key, g in wanted.items():
        if any(_agrees(j, g) for j in found.get(key, [])):
            tally.read += 1
        else:
            score.misses.append(f"{key[0]} {key[2]}: {g['grade']}")
    for key, judgments in found.items():
        if key in uncertain:
            continue
        for j in judgments:
            if key not in wanted:
                tally.invented += 1
                score.errors.append(f"invented {key[0]} {key[2]}: {j.grade.value} "
                                    f"(“{j.citation.quote[:80]}”)")
            elif not _agrees(j, wanted[key]):
                tally.wrong += 1
                score.errors.append(f"wrong {key[0]} {key[2]}: {j.grade.value} "
                                    f"{j.status.value}, stated {wanted[key]['grade']}")
    counts = expected.get("counts", {})
    for c in preview.found.counts:
        if c.force == force and counts.get(c.cycle, {}).get(c.grade.value) != c.count:
            tally.invented += 1
            score.errors.append(f"invented count {c.cycle} {c.grade.value}: {c.count}")
    tally.stated += sum(len(v) for v in counts.values())
    read_counts = {(c.cycle, c.grade.value, c.count) for c in preview.found.counts
                   if c.force == force}
    for cycle, by in counts.items():
        for grade, n in by.items():
            if (cycle, grade, n) in read_counts:
                tally.read += 1
            else:
                score.misses.append(f"count {cycle} {grade}: {n}")
    texts = [f for f in preview.found.findings if f.force == force]
    for f in expected.get("findings", []):
        if any(_same_words(f["text"], got.text) and got.cycle == f["cycle"] for got in texts):
            tally.findings_read += 1
        else:
            score.misses.append(f"finding {f['cycle']}: {f['text'][:70]}")
    allowed = [*(f["text"] for f in expected.get("findings", [])),
               *expected.get("uncertain_findings", [])]
    tally.findings_extra = sum(1 for got in texts
                               if not any(_same_words(got.text, a) for a in allowed))
    return score


def _agrees(j, g: dict) -> bool:
    if j.grade.value != g["grade"]:
        return False
    if g.get("status") == "carried_over":
        return j.status.value == "carried_over" and j.last_inspected == g.get("last_inspected")
    return True


def score_corpus() -> list[DocumentScore]:
    data = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    framework = default_framework()
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.open(Path(folder) / "score.sqlite", framework=framework)
        try:
            return [score_document(ws, name, expected)
                    for name, expected in sorted(data["documents"].items())]
        finally:
            ws.close()


def _row(label: str, documents: int, t: Tally) -> str:
    return (f"| {label} | {documents} | {t.stated} | {t.read} | {t.recall:.0%} | "
            f"{t.wrong + t.invented} | {t.precision:.0%} | {t.findings} | {t.findings_read} | "
            f"{t.findings_recall:.0%} |")


def report(scores: list[DocumentScore]) -> str:
    head = ("| | documents | grades stated | read right | recall | wrong or invented | "
            "precision | findings stated | read | recall |\n|---|---|---|---|---|---|---|---|---|---|")
    total = Tally()
    by_kind: dict[str, list[DocumentScore]] = defaultdict(list)
    by_cycle: dict[str, list[DocumentScore]] = defaultdict(list)
    for s in scores:
        total.add(s.tally)
        by_kind[s.kind].append(s)
        by_cycle[s.cycle].append(s)

    def table(groups: dict[str, list[DocumentScore]]) -> list[str]:
        rows = [head]
        for label in sorted(groups):
            t = Tally()
            for s in groups[label]:
                t.add(s.tally)
            rows.append(_row(label, len(groups[label]), t))
        return rows

    lines = [
        "# Recognition accuracy on real texts",
        "",
        "Made by `.venv/bin/python -m tests.corpus.score` from `tests/corpus/real/`: real "
        "HMIC/HMICFRS pages and PCC papers (stored public copies, the beginning of each page "
        "as stored), with the facts each states written by reading it "
        "(`tests/corpus/real/expected.json`). Precision counts only grades read for the "
        "document's own force; a statement a careful reader could take either way is listed "
        "as uncertain and counts neither way.",
        "",
        "## All documents",
        "",
        head,
        _row("all", len(scores), total),
        "",
        "## By kind of document",
        "",
        *table(by_kind),
        "",
        "## By cycle of the document",
        "",
        *table(by_cycle),
        "",
        "## Each document",
        "",
        "| document | grades | read | wrong or invented | findings | read | misses and errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        notes = ([f"refused: {s.refused}"] if s.refused else []) + s.errors + s.misses
        lines.append(f"| {s.name} | {s.tally.stated} | {s.tally.read} | "
                     f"{s.tally.wrong + s.tally.invented} | {s.tally.findings} | "
                     f"{s.tally.findings_read} | {'; '.join(notes) or '—'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    scores = score_corpus()
    text = report(scores)
    REPORT.write_text(text, encoding="utf-8")
    if "--quiet" not in argv:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
