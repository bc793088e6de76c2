"""The PCC's response to an inspection report.

Section 55 of the Police Act 1996 (subsections 5A and 5B, inserted by the Policing and Crime
Act 2017) asks the PCC to publish comments on an HMICFRS report "before the end of the period
of 56 days beginning with the day on which the report is published", with the action taken or
proposed on each recommendation (or why none). The workspace lists each
cause of concern, recommendation and area for improvement of the report, with the chief
constable's comment (pasted in), the PCC's comment, the action, its owner and due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peel_desktop.domain import NotFound, PeelError
from peel_desktop.services.history import source
from peel_desktop.services.tracker import KIND_LABELS
from peel_desktop.storage import repository
from peel_desktop.storage import tracker as store

DAYS_TO_RESPOND = 56
_ORDER = {"cause_of_concern": 0, "recommendation": 1, "area_for_improvement": 2}


def deadline(published: date) -> date:
    """The last day to publish the PCC's comments: the last of the 56 days that begin with the
    day of the report's publication (that day is the first of them, as the Act counts)."""
    return published + timedelta(days=DAYS_TO_RESPOND - 1)


def days_left(published: date, today: date) -> int:
    """Days from ``today`` to the deadline (0 on the day itself, negative once passed)."""
    return (deadline(published) - today).days


def parse_date(text: str | None) -> date | None:
    """An ISO date (2019-05-02), or None for an empty field. Raises PeelError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeelError(f"'{text}' is not a date: write it as year-month-day, "
                        "e.g. 2019-05-02.") from None


@dataclass(frozen=True)
class Item:
    finding_id: int
    kind: str
    text: str
    question: str | None
    source: dict
    parent_id: int | None
    chief_comment: str = ""
    pcc_comment: str = ""
    action: str = ""
    owner: str = ""
    due: str | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def as_json(self) -> dict:
        return {"finding_id": self.finding_id, "kind": self.kind, "text": self.text,
                "question": self.question, "source": self.source,
                "chief_comment": self.chief_comment, "pcc_comment": self.pcc_comment,
                "action": self.action, "owner": self.owner, "due": self.due}


@dataclass(frozen=True)
class Response:
    report_id: int
    title: str
    force: str
    cycle: str
    published: str | None
    published_basis: str | None  # "report" (stated by it) | "entered" | None
    introduction: str
    signoff: str
    signed_by: str
    items: tuple[Item, ...]

    @property
    def deadline(self) -> date | None:
        return deadline(date.fromisoformat(self.published)) if self.published else None

    def days_left(self, today: date) -> int | None:
        return days_left(date.fromisoformat(self.published), today) if self.published else None

    def as_json(self, today: date) -> dict:
        return {"report_id": self.report_id, "report": self.title, "force": self.force,
                "cycle": self.cycle, "published": self.published,
                "published_basis": self.published_basis,
                "deadline": self.deadline.isoformat() if self.deadline else None,
                "days_left": self.days_left(today), "introduction": self.introduction,
                "signoff": self.signoff, "signed_by": self.signed_by,
                "items": [i.as_json() for i in self.items]}


def _answered(row: dict) -> bool:
    """A finding the response answers: the report's own cause of concern, recommendation or
    area for improvement (not an earlier one it describes)."""
    return row["kind"] in _ORDER and not row["referenced"]


def _report(ws, report_id: int) -> dict:
    row = next((r for r in repository.reports(ws.db) if r["id"] == report_id), None)
    if row is None:
        raise NotFound(f"No report {report_id} in this database (see `peel reports`).")
    return row


def default_introduction(force: str, title: str) -> str:
    return (f"This is my response, as Police and Crime Commissioner, to His Majesty's "
            f"Inspectorate of Constabulary and Fire & Rescue Services' report “{title}” on "
            f"{force}, under section 55 of the Police Act 1996. It sets out the chief "
            f"constable's comments and my own on each of the report's recommendations and "
            f"areas for improvement, and the actions that will follow.")


def load(ws, report_id: int) -> Response:
    """The response to a report as saved (defaults for what has not been written yet)."""
    report = _report(ws, report_id)
    saved = store.response(ws.db, report_id) or {}
    entries = store.response_items(ws.db, report_id)
    rows = [r for r in store.tracked_findings(ws.db, report_id=report_id) if _answered(r)]
    rows.sort(key=lambda r: (_ORDER[r["kind"]], r["id"]))
    items = []
    for row in rows:
        entry = entries.get(row["id"], {})
        items.append(Item(
            finding_id=row["id"], kind=row["kind"], text=row["text"], question=row["question"],
            source=source(row), parent_id=row["parent_id"],
            chief_comment=entry.get("chief_comment", ""),
            pcc_comment=entry.get("pcc_comment", ""), action=entry.get("action", ""),
            owner=entry.get("owner", ""), due=entry.get("due")))
    published, basis = saved.get("published"), "entered"
    if not published:
        published, basis = report["published"], "report" if report["published"] else None
    return Response(
        report_id=report_id, title=report["title"], force=report["force"],
        cycle=report["cycle"], published=published, published_basis=basis,
        introduction=saved.get("introduction") or default_introduction(report["force"],
                                                                       report["title"]),
        signoff=saved.get("signoff") or "",
        signed_by=saved.get("signed_by") or "",
        items=tuple(items))


def save(ws, report_id: int, **values: str | None) -> None:
    """Save the response's own fields (published, introduction, signoff, signed_by)."""
    _report(ws, report_id)
    if "published" in values:
        parsed = parse_date(values["published"])
        values["published"] = parsed.isoformat() if parsed else None
    store.save_response(ws.db, report_id, values)


def save_item(ws, report_id: int, finding_id: int, **values: str | None) -> None:
    """Save one item's comments, action, owner and due date."""
    _report(ws, report_id)
    held = store.tracked_findings(ws.db, report_id=report_id, finding_id=finding_id)
    if not any(_answered(r) for r in held):
        raise NotFound(f"Finding {finding_id} is not in report {report_id}'s response.")
    if "due" in values:
        parsed = parse_date(values["due"])
        values["due"] = parsed.isoformat() if parsed else None
    store.save_item(ws.db, finding_id, values)


def reports_to_answer(ws) -> list[dict]:
    """Current inspection reports with findings to respond to, newest first."""
    with_items = {r["report_id"] for r in store.tracked_findings(ws.db) if _answered(r)}
    rows = [r for r in repository.reports(ws.db)
            if r["id"] in with_items and r["superseded_by"] is None]
    return list(reversed(rows))
