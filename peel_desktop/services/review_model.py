"""The review's plain data: timeline cells, review items, the board, comparison columns.

Kept apart from the services so that the window can draw them without loading the database
layer first. The records are named tuples, as are the other records the window reads on the
way to its first screen (history, areas, forces, annotations, the write lock, backups, the
framework's breaks and grade styles, the window's actions): a frozen dataclass compiles six
methods when its module is imported, half a millisecond a class, about 4% of the start in all.
"""

from __future__ import annotations

from typing import NamedTuple

RANK = {"outstanding": 5, "good": 4, "adequate": 3, "requires_improvement": 2, "inadequate": 1}
INITIALS = {"outstanding": "O", "good": "G", "adequate": "A", "requires_improvement": "RI",
            "inadequate": "I", "ungraded": "U"}
STATE_WORDS = {
    "not_stated": "Not stated in the imported sources",
    "not_inspected": "Not inspected in this cycle",
    "no_pillar_grades": "No pillar grades in this cycle",
    "counts_only": "Not named: the source states only how many areas got each grade",
    "not_graded": "Assessed but not graded in this cycle",
}
PILLARS = ("effectiveness", "efficiency", "legitimacy")


class Cell(NamedTuple):
    """One cycle's state of a review item: graded, carried over, not inspected, …."""

    cycle: str
    state: str  # graded | carried_over | ungraded | not_stated | not_inspected | ...
    grades: tuple[str, ...] = ()
    last_inspected: str | None = None

    @property
    def chip(self) -> str:
        """Short words for a timeline chip: 'G', 'RI', 'G↻' (carried over), '–'."""
        if not self.grades:
            return "–"
        text = "/".join(INITIALS[g] for g in self.grades)
        return text + ("↻" if self.state == "carried_over" else "")

    @property
    def words(self) -> str:
        """'Requires improvement / Inadequate', 'Good (carried over from 2021/22)', …:
        worked out once for each cell's state and grades (a Compare forces switch reads
        301 cells' words at three times national scale)."""
        key = (self.state, self.grades, self.last_inspected)
        text = _WORDS.get(key)
        if text is None:
            if not self.grades:
                text = STATE_WORDS[self.state]
            else:
                text = " / ".join(g.replace("_", " ").capitalize() for g in self.grades)
                if self.state == "carried_over":
                    text += f" (carried over from {self.last_inspected})"
            _WORDS[key] = text
        return text


_WORDS: dict[tuple, str] = {}  # (state, grades, last inspected) → words: a few hundred at most


class ReviewItem(NamedTuple):
    """A row of the navigator: a pillar or theme, its cycles' cells and review status."""

    key: str  # 'pillar:efficiency' or 'theme:investigation'
    label: str
    group: str
    cells: tuple[Cell, ...]
    status: str = "not_started"  # not_started | reviewed | flagged


class Board(NamedTuple):
    """A force's review: its cycles, the navigator's headings and items."""

    force: str
    force_id: int
    cycles: tuple[str, ...]
    reviewer: str
    groups: tuple[tuple[str, str], ...]
    items: tuple[ReviewItem, ...]
    # (index in cycles, note) of each cycle whose grades HMICFRS says cannot be compared
    # directly with the cycle before it (a new scale or framework)
    breaks: tuple[tuple[int, str], ...] = ()
    # (cycle, ((grade, how many areas got it), …)) of each cycle whose report states only
    # how many areas got each grade, not which
    stated_counts: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()

    def break_before(self, index: int) -> str | None:
        return next((note for at, note in self.breaks if at == index), None)

    @property
    def break_notes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(note for _, note in self.breaks))

    @property
    def cycle_set(self) -> str:
        return ",".join(self.cycles)

    @property
    def reviewed(self) -> int:
        return sum(1 for i in self.items if i.status == "reviewed")

    def item(self, key: str) -> ReviewItem:
        return next(i for i in self.items if i.key == key)

    def with_item(self, item: ReviewItem) -> Board:
        items = tuple(item if i.key == item.key else i for i in self.items)
        return self._replace(items=items)


class Evidence(NamedTuple):
    """A passage of a report, with what a reader needs to find it."""

    report: str
    report_id: int
    passage_id: int
    page: int | None  # as printed
    page_index: int | None  # 0-based page in the original PDF, for the viewer
    paragraph: int
    text: str
    original: str | None  # file name of the kept PDF, beside the database
    cited: bool  # quoted by a judgment or finding of this column


class Column(NamedTuple):
    """One cycle of a comparison: the question's wording, judgments, findings, change."""

    cell: Cell
    questions: tuple[str, ...]  # the question's wording in this cycle
    summary: tuple[str, ...]  # the report's own opening sentences on it
    judgments: tuple[dict, ...]
    findings: tuple[dict, ...]
    change: str | None  # improved | declined | unchanged | not_comparable | carried_over
    crosses_break: bool
    evidence: tuple[Evidence, ...]
    break_note: str = ""  # why this column's grade cannot be compared with the one before
    break_reason: str = ""  # in a few words: "the grading scale changed"
    break_words: str = ""  # HMICFRS's words for it, with where they are from


class Comparison(NamedTuple):
    """A review item compared across the force's cycles, one column a cycle."""

    item: ReviewItem
    columns: tuple[Column, ...]

    @property
    def break_notes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.break_note for c in self.columns if c.crosses_break))

    @property
    def break_citations(self) -> tuple[tuple[str, str], ...]:
        """(note, HMICFRS's words with their source) for each mark the columns cross."""
        return tuple(dict.fromkeys((c.break_note, c.break_words) for c in self.columns
                                   if c.crosses_break))
