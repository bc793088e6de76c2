"""Side-by-side comparison of one review item across cycles, as a rich-text table."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser

from peel_desktop.domain import Grade
from peel_desktop.framework import grade_styles
from peel_desktop.services.review_model import Column, Comparison

CHANGE_WORDS = {
    "improved": "▲ Improved",
    "declined": "▼ Declined",
    "unchanged": "= Unchanged",
    "not_comparable": "◆ Not directly comparable",
    "carried_over": "↻ Not re-inspected: judgment carried over",
}
_KIND = {"area_for_improvement": "Area for improvement", "cause_of_concern": "Cause of concern",
         "recommendation": "Recommendation", "innovative_practice": "Innovative practice"}


def _badge(column: Column) -> str:
    cell = column.cell
    if len(cell.grades) == 1:
        style = grade_styles()[Grade(cell.grades[0])]
        return (f'<table cellpadding="6" width="100%"><tr><td bgcolor="{style.background}" '
                f'align="center"><span style="color:{style.foreground}; font-weight:600;">'
                f"{escape(cell.words)}</span></td></tr></table>")
    return f'<p align="center"><i>{escape(cell.words)}</i></p>'


def _change(column: Column, previous_cycle: str | None) -> str:
    if column.change is None:
        return ""
    since = (f" since {escape(previous_cycle)}"
             if previous_cycle and column.change != "carried_over" else "")
    words = CHANGE_WORDS[column.change] + since
    if column.change == "not_comparable":
        words += f" — {escape(column.break_reason or 'the framework changed')}"
    return f'<p align="center"><b>{words}</b></p>'


def comparison_html(comparison: Comparison, selected: int, palette: QPalette) -> str:
    """The table; column headers link to 'cycle:N' so a click selects a column."""
    columns = comparison.columns
    highlight = palette.color(QPalette.ColorRole.AlternateBase).name()
    width = max(100 // max(len(columns), 1), 10)
    head, badge, change, wording, summary, findings, evidence = ([] for _ in range(7))
    graded_before: str | None = None
    for n, column in enumerate(columns):
        shade = f' bgcolor="{highlight}"' if n == selected else ""
        marker = "◆ " if column.crosses_break else ""
        cell = f'<td valign="top" width="{width}%"{shade}>'
        head.append(f'{cell}<h3 align="center"><a href="cycle:{n}">{marker}PEEL '
                    f"{escape(column.cell.cycle)}</a></h3></td>")
        badge.append(f"{cell}{_badge(column)}</td>")
        change.append(f"{cell}{_change(column, graded_before)}</td>")
        if len(column.cell.grades) == 1:
            graded_before = column.cell.cycle
        asked = "<br>".join(escape(q) for q in column.questions) or "—"
        wording.append(f'{cell}<p><small>Question this cycle:</small><br><i>{asked}</i></p></td>')
        said = "".join(f"<p>{escape(s)}</p>" for s in column.summary)
        summary.append(f"{cell}{said or '<p><small>—</small></p>'}</td>")
        found = "".join(f"<p><b>{escape(_KIND[f['kind']])}:</b> {escape(f['text'])} "
                        f'<a href="finding:{n}:{i}" title="Annotate this finding">✎</a></p>'
                        for i, f in enumerate(column.findings))
        findings.append(f"{cell}{found}</td>")
        count = len(column.evidence)
        evidence.append(f'{cell}<p align="center"><a href="cycle:{n}">Evidence: {count} '
                        f'passage{"s" if count != 1 else ""}</a></p></td>')
    rows = [head, badge, change, wording, summary, findings, evidence]
    table = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    note = ""
    note = "".join(f"<p><b>◆</b> {escape(n)}"
                   + (f"<br><small>HMICFRS: {escape(words)}</small>" if words else "") + "</p>"
                   for n, words in comparison.break_citations)
    title = f"<h2>{escape(comparison.item.label)}</h2>"
    return f'{title}{note}<table width="100%" cellspacing="4" cellpadding="6">{table}</table>'


class ComparisonView(QTextBrowser):
    """Shows a comparison; emits ``column_selected`` when a cycle is chosen."""

    column_selected = Signal(int)
    finding_chosen = Signal(int, int)  # column, finding index: the reviewer will annotate it

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setAccessibleName("Comparison across cycles")
        self.anchorClicked.connect(self._clicked)
        self.comparison: Comparison | None = None
        self.selected = 0

    def show_comparison(self, comparison: Comparison, selected: int) -> None:
        self.comparison, self.selected = comparison, selected
        position = self.verticalScrollBar().value()
        self.setHtml(comparison_html(comparison, selected, self.palette()))
        self.verticalScrollBar().setValue(position)

    def select(self, column: int) -> None:
        if self.comparison:
            self.show_comparison(self.comparison, column)

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("cycle:"):
            self.column_selected.emit(int(text.split(":", 1)[1]))
        elif text.startswith("finding:"):
            _, column, index = text.split(":")
            self.finding_chosen.emit(int(column), int(index))


def forces_html(all_cycles: list[str], label: str, rows: list) -> str:
    """The same item for every force held: forces down, cycles across."""
    if len(rows) < 2:
        return (f"<h2>{escape(label)}</h2><p>Only one force is held. Import other forces' "
                "reports to compare this question across forces.</p>")
    present = {c for _f, cells in rows for c in cells}
    cycles = [c for c in all_cycles if c in present]
    head = "".join(f"<th>PEEL {escape(c)}</th>" for c in cycles)

    def td(cell) -> str:
        if cell is None or not cell.grades:
            return "<td>—</td>"
        if len(cell.grades) == 1:
            style = grade_styles()[Grade(cell.grades[0])]
            return (f'<td bgcolor="{style.background}"><span style="color:{style.foreground}">'
                    f"{escape(cell.words)}</span></td>")
        return f"<td>{escape(cell.words)}</td>"

    body = "".join(
        f"<tr><td><b>{escape(force)}</b></td>" + "".join(td(cells.get(c)) for c in cycles)
        + "</tr>" for force, cells in rows)
    return (f"<h2>{escape(label)} — across forces</h2>"
            f'<table cellpadding="6" cellspacing="0" border="1"><tr><th>Force</th>{head}</tr>'
            f"{body}</table>")
