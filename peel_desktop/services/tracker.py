"""The findings tracker: every area for improvement, cause of concern and recommendation,
followed across cycles, with a status and the evidence for it.

Status, in order of authority:
1. the reviewer's own (with their note), when they set one;
2. what a later report says about it ("limited progress" → in progress, "these areas had
   improved" → closed by the inspectorate), cited to that report's sentence;
3. repeated, when a later finding raises it again (recognised or linked by the reviewer),
   cited to the later finding;
4. otherwise open: no report has stated progress.

A finding of an imported 2017 report and the 2018/19 report's description of it are one
tracked finding: the original's words and citation, the later report's status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peel_desktop.domain import FindingStatus, NotFound, PeelError
from peel_desktop.recognise.references import similar, words
from peel_desktop.services.history import source
from peel_desktop.services.library import resolve_force
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import tracker as store

STATUS_LABELS = {
    "open": "Open",
    "in_progress": "In progress",
    "repeated": "Repeated",
    "closed": "Closed by the inspectorate",
}
KIND_LABELS = {
    "area_for_improvement": "Area for improvement",
    "cause_of_concern": "Cause of concern",
    "recommendation": "Recommendation",
}
TRACKED_KINDS = tuple(KIND_LABELS)


@dataclass(frozen=True)
class Tracked:
    id: int
    force: str
    force_key: str
    cycle: str
    kind: str
    question_key: str | None
    question: str | None
    theme: str | None
    text: str
    source: dict  # report, page, paragraph, quote
    referenced: bool  # described by a later report, not read from the cycle's own report
    status: str
    status_basis: str  # reviewer | report | later_finding | none
    status_source: dict | None  # the citation for the status
    status_note: str = ""
    progress: str | None = None  # the progress a later report states, whatever the status
    raised_in: tuple[str, ...] = ()  # every cycle the finding was raised in, oldest first
    earlier: tuple[int, ...] = ()
    later: tuple[int, ...] = ()
    described_by: tuple[int, ...] = field(default=(), compare=False)

    @property
    def display(self) -> str:
        """The words as a sentence ("the force should …" quoted from mid-sentence starts
        with a capital); ``text`` keeps them exactly as the report wrote them."""
        return self.text[:1].upper() + self.text[1:]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def keeps_coming_back(self) -> bool:
        return len(self.raised_in) > 1

    def as_json(self) -> dict:
        return {
            "id": self.id, "force": self.force, "cycle": self.cycle, "kind": self.kind,
            "question": self.question, "text": self.text, "source": self.source,
            "referenced": self.referenced, "status": self.status,
            "status_basis": self.status_basis, "status_source": self.status_source,
            "status_note": self.status_note, "progress": self.progress,
            "raised_in": list(self.raised_in),
        }


def _status_source(row: dict) -> dict | None:
    if not row["status_quote"]:
        return None
    page = row["status_page_label"]
    return {"report": row["report"],
            "page": int(page) if page and page.isdigit() else row["status_page"],
            "paragraph": row["status_paragraph"], "quote": row["status_quote"]}


def _describes(reference: dict, original: dict) -> bool:
    """A later report's description of an earlier finding matches that finding's own words."""
    return (reference["force_id"] == original["force_id"]
            and reference["cycle"] == original["cycle"]
            and original["kind"] in ("area_for_improvement", "recommendation")
            and len(words(reference["text"]) & words(original["text"])) >= 3
            and similar(reference["text"], original["text"]) >= 0.5)


def _chains(ids: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """Connected groups of findings (a finding and everything that repeats it)."""
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    return {i: root(i) for i in ids}


def tracked(ws: Workspace, force_query: str | None = None) -> list[Tracked]:
    """Every tracked finding (of one force, or of every force), oldest cycle first."""
    force_id = resolve_force(ws, force_query).id if force_query else None
    rows = [r for r in store.tracked_findings(ws.db, force_id) if r["kind"] in TRACKED_KINDS]
    by_id = {r["id"]: r for r in rows}
    # A later report's description of a finding whose own report is imported: one finding.
    described: dict[int, list[dict]] = {}
    merged: dict[int, int] = {}
    originals = [r for r in rows if not r["referenced"]]
    for row in rows:
        if row["referenced"]:
            original = next((o for o in originals if _describes(row, o)), None)
            if original is not None:
                described.setdefault(original["id"], []).append(row)
                merged[row["id"]] = original["id"]
    edges: list[tuple[int, int]] = []
    later_of: dict[int, set[int]] = {}
    earlier_of: dict[int, set[int]] = {}
    for edge in store.links(ws.db):
        earlier = merged.get(edge["earlier_id"], edge["earlier_id"])
        later = merged.get(edge["later_id"], edge["later_id"])
        if earlier in by_id and later in by_id and earlier != later:
            edges.append((earlier, later))
            later_of.setdefault(earlier, set()).add(later)
            earlier_of.setdefault(later, set()).add(earlier)
    shown = [r for r in rows if r["id"] not in merged]
    chain = _chains([r["id"] for r in shown], edges)
    cycles_of_chain: dict[int, set[tuple[int, str]]] = {}
    for r in shown:
        cycles_of_chain.setdefault(chain[r["id"]], set()).add((r["cycle_ordinal"], r["cycle"]))
    out = []
    for row in shown:
        statement = next((d for d in described.get(row["id"], []) if d["stated_status"]),
                         row if row["stated_status"] else None)
        later = tuple(sorted(later_of.get(row["id"], ())))
        if row["reviewed_status"]:
            status, basis, evidence = row["reviewed_status"], "reviewer", None
        elif later:
            status, basis = FindingStatus.REPEATED.value, "later_finding"
            evidence = source(by_id[later[-1]])
            if statement and statement["status_quote"]:
                evidence = _status_source(statement)
        elif statement and statement["stated_status"]:
            status, basis, evidence = statement["stated_status"], "report", _status_source(
                statement)
        else:
            status, basis, evidence = FindingStatus.OPEN.value, "none", None
        out.append(Tracked(
            id=row["id"], force=row["force"], force_key=row["force_key"], cycle=row["cycle"],
            kind=row["kind"], question_key=row["question_key"], question=row["question"],
            theme=row["theme"], text=row["text"], source=source(row),
            referenced=bool(row["referenced"]), status=status, status_basis=basis,
            status_source=evidence, status_note=row["reviewed_note"] or "",
            progress=statement["stated_status"] if statement else None,
            raised_in=tuple(c for _, c in sorted(cycles_of_chain[chain[row["id"]]])),
            earlier=tuple(sorted(earlier_of.get(row["id"], ()))), later=later,
            described_by=tuple(d["id"] for d in described.get(row["id"], ())),
        ))
    return out


def filtered(items: list[Tracked], *, cycle: str | None = None, question: str | None = None,
             status: str | None = None, kind: str | None = None,
             keeps_coming_back: bool = False) -> list[Tracked]:
    """``question`` matches a question key, or a theme (the same concern in every cycle)."""
    if status is not None and status not in STATUS_LABELS:
        known = ", ".join(STATUS_LABELS)
        raise PeelError(f"No finding status '{status}' (statuses: {known}).")
    if kind is not None and kind not in KIND_LABELS:
        raise PeelError(f"No finding kind '{kind}' (kinds: {', '.join(KIND_LABELS)}).")
    return [t for t in items
            if (cycle is None or t.cycle == cycle)
            and (question is None or question in (t.question_key, t.theme))
            and (status is None or t.status == status)
            and (kind is None or t.kind == kind)
            and (not keeps_coming_back or t.keeps_coming_back)]


def coming_back(items: list[Tracked]) -> list[list[Tracked]]:
    """Findings raised in more than one cycle, each group oldest first."""
    groups: list[dict[int, Tracked]] = []
    by_id = {t.id: t for t in items}
    for t in items:
        if not t.keeps_coming_back or t.earlier:
            continue  # start from the oldest of each chain
        group = {t.id: t}
        frontier = list(t.later)
        while frontier:
            nxt = by_id.get(frontier.pop())
            if nxt and nxt.id not in group:
                group[nxt.id] = nxt
                frontier += nxt.later
        groups.append(group)
    return [sorted(g.values(), key=lambda t: (t.raised_in.index(t.cycle), t.id))
            for g in groups]


def summary(items: list[Tracked]) -> dict:
    """Counts for the briefing pack: by status, and how many keep coming back."""
    counts = {s: 0 for s in STATUS_LABELS}
    for t in items:
        counts[t.status] += 1
    return {"total": len(items), "by_status": counts,
            "coming_back": len(coming_back(items))}


def set_status(ws: Workspace, finding_id: int, status: str | None, note: str,
               author: str) -> None:
    if status is not None and status not in STATUS_LABELS:
        raise PeelError(f"No finding status '{status}'.")
    _exists(ws, finding_id)
    store.set_review(ws.db, finding_id, status, note.strip(), author)


def link(ws: Workspace, earlier_id: int, later_id: int, author: str) -> None:
    """The reviewer says ``later_id`` raises ``earlier_id`` again."""
    earlier, later = _exists(ws, earlier_id), _exists(ws, later_id)
    if earlier_id == later_id:
        raise PeelError("A finding cannot repeat itself.")
    if earlier["force_id"] != later["force_id"]:
        raise PeelError("Only findings about the same force can be linked.")
    if earlier["cycle_ordinal"] >= later["cycle_ordinal"]:
        raise PeelError("The finding that repeats must be from a later cycle.")
    store.link(ws.db, earlier_id, later_id, author)


def unlink(ws: Workspace, earlier_id: int, later_id: int) -> None:
    store.unlink(ws.db, earlier_id, later_id)


def _exists(ws: Workspace, finding_id: int) -> dict:
    row = next(iter(store.tracked_findings(ws.db, finding_id=finding_id)), None)
    if row is None:
        raise NotFound(f"No finding {finding_id} in this database.")
    return row


__all__ = ["STATUS_LABELS", "Tracked", "coming_back", "filtered", "link",
           "set_status", "summary", "tracked", "unlink"]
