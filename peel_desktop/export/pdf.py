"""The briefing pack as a PDF (reportlab platypus): meeting-ready, reproducible.

Every page carries the protective marking at top and bottom and "page n of N" with the force
and date at the foot. The same pack and options give the same bytes (reportlab's invariant
mode, with the pack's own creation date).
"""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from peel_desktop.domain import Grade
from peel_desktop.export.fonts import SANS, markup, plain, register
from peel_desktop.framework import grade_styles
from peel_desktop.services.briefing import OGL, Note, Pack, Section

W, H = A4
INK = colors.HexColor("#1c1c1c")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#b8c2cc")
ACCENT = colors.HexColor("#1f3b63")
CHANGE = {"improved": "▲ improved", "declined": "▼ declined", "unchanged": "= unchanged",
          "not_comparable": "◆ not directly comparable", "carried_over": "↻ carried over"}
KIND = {"area_for_improvement": "Area for improvement", "cause_of_concern": "Cause of concern",
        "recommendation": "Recommendation", "innovative_practice": "Innovative practice"}


def styles() -> dict[str, ParagraphStyle]:
    register()
    base = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13, textColor=INK,
                          spaceAfter=5)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "cellc": ParagraphStyle("cellc", parent=base, fontSize=8, leading=10, spaceAfter=0,
                                alignment=TA_CENTER),
        "quote": ParagraphStyle("quote", parent=base, leftIndent=10, fontName=f"{SANS}-Italic",
                                textColor=colors.HexColor("#2d3a48")),
        "H1": ParagraphStyle("H1", parent=base, keepWithNext=1, fontName=f"{SANS}-Bold",
                             fontSize=16, leading=20, spaceBefore=4, spaceAfter=10,
                             textColor=ACCENT),
        "H2": ParagraphStyle("H2", parent=base, keepWithNext=1, fontName=f"{SANS}-Bold",
                             fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=6,
                             textColor=ACCENT),
        "H3": ParagraphStyle("H3", parent=base, keepWithNext=1, fontName=f"{SANS}-Bold",
                             fontSize=10, leading=13, spaceBefore=6, spaceAfter=3),
        "title": ParagraphStyle("title", parent=base, fontName=f"{SANS}-Bold", fontSize=24,
                                leading=30, textColor=ACCENT, spaceAfter=16),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=10, leading=15),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9, leading=13, leftIndent=14),
    }


class _Doc(BaseDocTemplate):
    """Records the page each contents heading lands on, with PDF outline entries."""

    landed: dict[str, int]  # heading key → page number, read as the pages are saved

    def afterFlowable(self, flowable) -> None:
        key = getattr(flowable, "toc_key", None)
        if key is None:
            return
        style = flowable.style
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key,
                                  level=0 if style.name == "H1" else 1, closed=True)
        self.landed[key] = self.page


class _Contents(Flowable):
    """The contents: every H1 and H2 heading of the story, each with the page it starts on.
    The story is laid out once: the numbers are written in as the pages are saved, where
    reportlab's TableOfContents lays the whole story out again to learn them (80% of the
    pack's time)."""

    NUMBER = 14 * mm  # the column of page numbers

    def __init__(self, entries: list[tuple[int, str, str]], slots: list, s) -> None:
        super().__init__()
        self.slots, self.s = slots, s
        self.fill(entries)

    def fill(self, entries: list[tuple[int, str, str]]) -> None:
        """The headings listed: (level, text, key)."""
        self.entries = entries
        self.paras = [Paragraph(markup(text), self.s["toc1" if level == 0 else "toc2"])
                      for level, text, _key in entries]

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.heights = [p.wrap(available_width - self.NUMBER, available_height)[1]
                        for p in self.paras]
        self.height = sum(self.heights)
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        if self.height <= available_height:
            return [self]
        fits, used = 0, 0.0
        for h in self.heights:
            if used + h > available_height:
                break
            fits, used = fits + 1, used + h
        if not fits:
            return []
        return [_Contents(self.entries[:fits], self.slots, self.s),
                _Contents(self.entries[fits:], self.slots, self.s)]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for para, height, (_level, _text, key) in zip(self.paras, self.heights, self.entries,
                                                       strict=True):
            y -= height
            para.drawOn(canvas, 0, y)
            style = para.style
            baseline = y + height - style.fontSize  # the first line's, as Paragraph draws it
            last = para.blPara.lines[-1] if para.blPara.lines else None
            extra = (last[0] if isinstance(last, tuple) else getattr(last, "extraSpace", 0)) \
                if last is not None else 0
            start = self.width - self.NUMBER - extra + 4  # where the words end, and a space
            dot = stringWidth(". ", style.fontName, style.fontSize)
            dots = int((self.width - self.NUMBER * 0.4 - start) // dot)
            canvas.saveState()
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(MUTED)
            if dots > 2 and len(para.blPara.lines) == 1:  # a leader to the number
                canvas.drawString(start, baseline, ". " * dots)
            canvas.translate(self.width, baseline)
            canvas.doForm(f"contents-{key}")  # the page number, drawn when it is known
            canvas.restoreState()
            self.slots.append((key, style.fontName, style.fontSize))


def _with_contents(flowables: list, contents: _Contents) -> list:
    """Tag the story's H1 and H2 headings (in the order they will be laid out) and give the
    contents their entries."""
    entries: list[tuple[int, str, str]] = []

    def walk(items) -> None:
        for item in items:
            inner = getattr(item, "_content", None)
            if isinstance(item, KeepTogether) and inner:
                walk(inner)
            elif isinstance(item, Paragraph) and item.style.name in ("H1", "H2"):
                item.toc_key = f"h{len(entries)}"
                entries.append((0 if item.style.name == "H1" else 1, item.getPlainText(),
                                item.toc_key))

    walk(flowables)
    contents.fill(entries)
    return flowables


def _canvas_maker(pack: Pack, contents: tuple[list, dict] | None = None):
    return canvas_maker(
        title=pack.title, author=pack.options.author or "",
        subject=f"PEEL inspection briefing: {pack.force}", marking=pack.options.marking,
        created=pack.created,
        footer=f"{pack.force} · {pack.options.meeting_date or pack.created.date().isoformat()}",
        contents=contents)


def canvas_maker(*, title: str, author: str, subject: str, marking: str, created, footer: str,
                 contents: tuple[list, dict] | None = None):
    """A canvas that knows the page count at the end, to print 'page n of N', and carries
    the protective marking at top and bottom of every page. Invariant: same input, same
    bytes (the creation date is the document's own). ``contents``: the contents' number
    slots and the pages their headings landed on, written in as the pages are saved."""
    slots, landed = contents or ([], {})
    marking = "" if marking == "NONE" else marking
    stamp = TimeStamp(invariant=True)
    stamp.t = created.timestamp()
    stamp.lt = created.timetuple()
    stamp.YMDhms = tuple(created.timetuple())[:6]
    footer = plain(footer)

    class PackCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = stamp
            self.setTitle(plain(title))
            self.setAuthor(plain(author))
            self.setSubject(plain(subject))
            self.setCreator("PEEL Desktop")
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            self._page_numbers()
            super().save()

        def _page_numbers(self) -> None:
            """The contents' page numbers: each a form the contents page drew in its place,
            filled in now the pages are known."""
            for key, font, size in slots:
                self.beginForm(f"contents-{key}", lowerx=-40, lowery=-size, upperx=4,
                               uppery=2 * size)
                self.setFont(font, size)
                self.setFillColor(INK)
                self.drawRightString(0, 0, str(landed.get(key, "")))
                self.endForm()

        def _furniture(self, number: int, total: int) -> None:
            self.saveState()
            if marking:
                self.setFont(f"{SANS}-Bold", 10)
                self.setFillColor(colors.HexColor("#8b0000"))
                self.drawCentredString(W / 2, H - 11 * mm, marking)
                self.drawCentredString(W / 2, 7 * mm, marking)
            self.setFont(SANS, 7.5)
            self.setFillColor(MUTED)
            self.drawString(18 * mm, 12 * mm, footer)
            self.drawRightString(W - 18 * mm, 12 * mm, f"Page {number} of {total}")
            self.setStrokeColor(RULE)
            self.line(18 * mm, 15.5 * mm, W - 18 * mm, 15.5 * mm)
            self.restoreState()

    return PackCanvas


def _grade_cell(words: str, grades: tuple[str, ...], s) -> tuple[Paragraph, str | None]:
    if len(grades) == 1:
        style = grade_styles()[Grade(grades[0])]
        return (Paragraph(f'<font color="{style.foreground}">{markup(words)}</font>', s["cellc"]),
                style.background)
    return Paragraph(f'<font color="#666666">{markup(words)}</font>', s["cellc"]), None


def _table(rows, widths, backgrounds=(), header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")))
    style += [("BACKGROUND", (c, r), (c, r), colors.HexColor(bg)) for c, r, bg in backgrounds]
    table.setStyle(TableStyle(style))
    return table


def _timeline(pack: Pack, s) -> Table:
    cycles = pack.board.cycles
    head = [Paragraph("<b>Question</b>", s["cell"])] + [
        Paragraph(f"<b>{'◆ ' if pack.board.break_before(n) else ''}PEEL {c}</b>",
                  s["cellc"]) for n, c in enumerate(cycles)]
    rows, backgrounds = [head], []
    items = [sec.item for sec in pack.sections]
    for r, item in enumerate(items, start=1):
        row = [Paragraph(markup(item.label), s["cell"])]
        for c, cell in enumerate(item.cells, start=1):
            words = cell.words if cell.grades else "—"
            para, bg = _grade_cell(words, cell.grades, s)
            row.append(para)
            if bg:
                backgrounds.append((c, r, bg))
        rows.append(row)
    first = 56 * mm
    rest = (W - 36 * mm - first) / max(len(cycles), 1)
    return _table(rows, [first] + [rest] * len(cycles), backgrounds)


def _chart(pack: Pack) -> Drawing:
    """Questions at each grade, per cycle: a stacked bar each, with words in the legend."""
    order = ["outstanding", "good", "adequate", "requires_improvement", "inadequate"]
    cycles = pack.board.cycles
    items = [sec.item for sec in pack.sections]
    counts = {c: {g: 0 for g in order} for c in cycles}
    for item in items:
        for cell in item.cells:
            if len(cell.grades) == 1 and cell.grades[0] in order:
                counts[cell.cycle][cell.grades[0]] += 1
    width, bar_h, gap, left = W - 36 * mm, 11, 6, 70
    top = (bar_h + gap) * len(cycles) + 28
    drawing = Drawing(width, top)
    biggest = max([sum(v.values()) for v in counts.values()] + [1])
    scale = (width - left - 10) / biggest
    palette = grade_styles()
    for n, cycle in enumerate(cycles):
        y = top - 18 - (n + 1) * (bar_h + gap)
        drawing.add(String(0, y + 2, f"PEEL {cycle}", fontName=SANS, fontSize=8))
        x = left
        for grade in order:
            count = counts[cycle][grade]
            if not count:
                continue
            fill = colors.HexColor(palette[Grade(grade)].background)
            drawing.add(Rect(x, y, count * scale, bar_h, fillColor=fill, strokeColor=colors.white,
                             strokeWidth=0.5))
            drawing.add(String(x + count * scale / 2, y + 2.5, str(count), fontName=SANS,
                               fontSize=7, textAnchor="middle",
                               fillColor=colors.HexColor(palette[Grade(grade)].foreground)))
            x += count * scale
        if not sum(counts[cycle].values()):
            drawing.add(String(left, y + 2, "no grades stated", fontName=SANS, fontSize=7,
                               fillColor=MUTED))
    x = 0
    for grade in order:
        fill = colors.HexColor(palette[Grade(grade)].background)
        drawing.add(Rect(x, top - 10, 8, 8, fillColor=fill, strokeColor=RULE, strokeWidth=0.3))
        label = Grade(grade).words
        drawing.add(String(x + 11, top - 9, label, fontName=SANS, fontSize=7))
        x += 16 + len(label) * 4.2
    return drawing


def _note_flowables(note: Note, s) -> list:
    a = note.annotation
    out = []
    if note.cited:
        out.append(Paragraph(f"“{markup(note.cited.text)}”", s["quote"]))
        out.append(Paragraph(f"{markup(note.cited.citation)}, PEEL {note.cited.cycle}",
                             s["small"]))
    extras = [*a.tags, *([f"RAG: {a.rag}"] if a.rag else [])]
    if a.note:
        out.append(Paragraph(f"<b>Reviewer’s note</b> ({markup(a.updated_by)}): "
                             f"{markup(a.note)}", s["body"]))
    if extras:
        out.append(Paragraph(markup(" · ".join(extras)), s["small"]))
    return out


def _section(section: Section, s) -> list:
    out = [Paragraph(markup(section.item.label), s["H2"])]
    rows = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in
             ("Cycle", "Grade", "Change", "The question that cycle")]]
    backgrounds = []
    for r, col in enumerate(section.columns, start=1):
        para, bg = _grade_cell(col.cell.words, col.cell.grades, s)
        if bg:
            backgrounds.append((1, r, bg))
        rows.append([Paragraph(f"{'◆ ' if col.crosses_break else ''}PEEL {col.cell.cycle}",
                               s["cell"]), para,
                     Paragraph(CHANGE.get(col.change or "", "—"), s["cell"]),
                     Paragraph(markup(" / ".join(col.questions) or "—"), s["cell"])])
    out.append(_table(rows, [24 * mm, 40 * mm, 30 * mm, W - 36 * mm - 94 * mm], backgrounds))
    for col in section.columns:
        if not (col.summary or col.findings):
            continue
        out.append(Paragraph(f"PEEL {col.cell.cycle}: what the report says", s["H3"]))
        for sentence, where in summary_citations(col):
            out.append(Paragraph(f"“{markup(sentence)}”", s["quote"]))
            out.append(Paragraph(markup(where), s["small"]))
        for f in col.findings:
            src = f["source"]
            where = f"page {src['page']}" if src["page"] else f"paragraph {src['paragraph']}"
            out.append(Paragraph(f"<b>{KIND[f['kind']]}:</b> {markup(f['text'])}", s["body"]))
            out.append(Paragraph(markup(f"{src['report']}, {where}"), s["small"]))
    for n, note in enumerate(section.key_evidence):
        heading = [Paragraph("Key evidence marked by the reviewer", s["H3"])] if n == 0 else []
        out.append(KeepTogether(heading + _note_flowables(note, s)))
    for note in section.overall:
        out.append(Paragraph("Reviewer’s overall view", s["H3"]))
        out += _note_flowables(note, s)
    return out


def summary_citations(col) -> list[tuple[str, str]]:
    """Each of the report's own sentences with its report and printed page."""
    by_text = {e.text: e for e in col.evidence}
    quoted = {j["source"]["quote"]: j["source"] for j in col.judgments}
    out = []
    for sentence in col.summary:
        e = by_text.get(sentence)
        if e:
            where = f"page {e.page}" if e.page else f"paragraph {e.paragraph}"
            out.append((sentence, f"{e.report}, {where}"))
        elif sentence in quoted:
            src = quoted[sentence]
            where = f"page {src['page']}" if src["page"] else f"paragraph {src['paragraph']}"
            out.append((sentence, f"{src['report']}, {where}"))
    return out


def _cover(pack: Pack, s) -> list:
    o = pack.options
    lines = [("Force", pack.force), ("Meeting", o.meeting_date or "—"),
             ("Prepared by", o.author or "—"), ("Prepared on", pack.created.date().isoformat()),
             ("Cycles", ", ".join(f"PEEL {c}" for c in pack.board.cycles))]
    rows = [[Paragraph(f"<b>{k}</b>", s["body"]), Paragraph(markup(v), s["body"])]
            for k, v in lines]
    marking = "" if o.marking == "NONE" else o.marking
    return [Spacer(1, 40 * mm), Paragraph(markup(pack.title), s["title"]),
            Paragraph("Briefing for the Police and Crime Commissioner from HMICFRS PEEL "
                      "inspection reports", s["body"]), Spacer(1, 10 * mm),
            _table(rows, [40 * mm, W - 36 * mm - 40 * mm], header=False), Spacer(1, 14 * mm),
            Paragraph(f"<b>{marking}</b>" if marking else "",
                      s["H2"].clone("marking", textColor=colors.HexColor("#8b0000"))),
            NextPageTemplate("body"), PageBreak()]


def story(pack: Pack, slots: list | None = None) -> list:
    s = styles()
    toc = _Contents([], [] if slots is None else slots, s)
    out = _cover(pack, s)
    out += [Paragraph("Contents", s["H1"].clone("contents", spaceAfter=8)), toc, PageBreak()]
    out += [Paragraph("Summary", s["H1"]),
            Paragraph(f"Grades of {markup(pack.force)} as the imported HMICFRS sources state "
                      "them. — means the sources state no grade.", s["body"]),
            _timeline(pack, s), Spacer(1, 6)]
    for note in pack.break_notes:
        out.append(Paragraph(f"◆ {markup(note)}", s["body"]))
    for cycle, counts in pack.grade_counts.items():
        stated = ", ".join(f"{g.replace('_', ' ')} in {n}" for g, n in counts.items())
        out.append(Paragraph(f"PEEL {cycle}: the imported source states only how many areas "
                             f"got each grade ({stated}), not which.", s["body"]))
    out += [Paragraph("Questions at each grade, by cycle", s["H3"]), _chart(pack)]
    out += _changes(pack, s)
    out += _tracker(pack, s)
    out += [PageBreak(), Paragraph("Question by question", s["H1"])]
    for section in pack.sections:
        out += _section(section, s)
    if pack.general_evidence:
        out.append(Paragraph("Key evidence on the force as a whole", s["H2"]))
        for note in pack.general_evidence:
            out.append(KeepTogether(_note_flowables(note, s)))
    out += [PageBreak(), Paragraph("Questions for the chief constable", s["H1"])]
    if not pack.questions_for_chief:
        out.append(Paragraph("No annotation is flagged as a question for the chief constable.",
                             s["body"]))
    for n, note in enumerate(pack.questions_for_chief, start=1):
        text = note.annotation.note or (note.cited.text if note.cited else "")
        block = [Paragraph(f"<b>{n}.</b> {markup(text)}", s["body"])]
        if note.cited:
            block.append(Paragraph(f"On: “{markup(note.cited.text)}” — "
                                   f"{markup(note.cited.citation)}", s["small"]))
        out.append(KeepTogether(block))
    out += [Paragraph("Sources", s["H1"])]
    for r in pack.sources:
        details = ", ".join(x for x in (r["publisher"], r["published"] and
                                        f"published {r['published']}",
                                        r["kind"].replace("_", " ")) if x)
        out.append(Paragraph(f"<b>{markup(r['title'])}</b> — {markup(details)}", s["body"]))
    out.append(Spacer(1, 6))
    out.append(Paragraph(markup(OGL), s["small"]))
    return _with_contents(out, toc)


def _tracker(pack: Pack, s) -> list:
    """The findings tracker's summary: how many findings at each status, and those that keep
    coming back, with the words of the report that states their progress."""
    summary = pack.tracker
    if summary is None:
        return []
    out = [Paragraph("Findings tracker", s["H2"])]
    if not summary.total:
        return [*out, Paragraph("The imported reports name no areas for improvement, causes "
                                "of concern or recommendations for these cycles.", s["body"])]
    counts = ", ".join(f"{label.lower()}: {n}" for label, n in summary.by_status.items())
    out.append(Paragraph(f"{summary.total} areas for improvement, causes of concern and "
                         f"recommendations tracked ({counts}).", s["body"]))
    if summary.recurring:
        out.append(Paragraph("Keeps coming back", s["H3"]))
        rows = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in ("Finding", "Raised in",
                                                                "Status and evidence")]]
        rows += [_tracked_row(r, s) for r in summary.recurring]
        out.append(_table(rows, [70 * mm, 24 * mm, W - 36 * mm - 94 * mm]))
    if summary.reviewed:
        out.append(Paragraph("Statuses set by the reviewer", s["H3"]))
        rows = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in ("Finding", "Cycle",
                                                                "Status and reason")]]
        rows += [_tracked_row(r, s) for r in summary.reviewed]
        out.append(_table(rows, [70 * mm, 24 * mm, W - 36 * mm - 94 * mm]))
    return out


def _tracked_row(r, s) -> list:
    """Finding | cycles | status, the reviewer's reason and the report's words for it."""
    status = markup(r.status)
    if r.reason:
        status += f"<br/>Reviewer’s reason: {markup(r.reason)}"
    if r.evidence:
        status += (f"<br/><i>“{markup(r.evidence.text)}”</i> "
                   f"({markup(r.evidence.citation)})")
    return [Paragraph(markup(r.text), s["cell"]), Paragraph(markup(", ".join(r.cycles)),
                                                           s["cell"]),
            Paragraph(status, s["cell"])]


def _changes(pack: Pack, s) -> list:
    out = [Paragraph("What changed since the previous inspection", s["H1"])]
    if not pack.movements:
        out.append(Paragraph("The imported sources do not state grades for two cycles to "
                             "compare.", s["body"]))
    else:
        out.append(Paragraph(f"PEEL {pack.previous} to PEEL {pack.latest}.", s["body"]))
        rows = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in
                 ("Question", f"PEEL {pack.previous}", f"PEEL {pack.latest}", "Movement")]]
        rows += [[Paragraph(markup(m.label), s["cell"]), Paragraph(markup(m.before), s["cell"]),
                  Paragraph(markup(m.after), s["cell"]), Paragraph(markup(m.words), s["cell"])]
                 for m in pack.movements]
        out.append(_table(rows, [60 * mm, 34 * mm, 34 * mm, W - 36 * mm - 128 * mm]))
    for heading, items in ((f"New areas for improvement (PEEL {pack.latest})", pack.new_areas),
                           ("Areas for improvement raised again (a concern raised in an earlier "
                            "cycle too)", pack.repeated_areas),
                           ("Causes of concern", pack.causes)):
        out.append(Paragraph(heading, s["H3"]))
        if not items:
            out.append(Paragraph("None in the imported reports.", s["body"]))
        for c in items:
            out.append(Paragraph(f"• {markup(c.text)}", s["body"]))
            out.append(Paragraph(markup(f"{c.citation}, PEEL {c.cycle}"), s["small"]))
    return out


def render(pack: Pack) -> bytes:
    """The pack as PDF bytes, laid out once (the contents' page numbers are written in as
    the pages are saved)."""
    buffer = io.BytesIO()
    doc = _Doc(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm,
               bottomMargin=22 * mm, title=plain(pack.title), author=plain(pack.options.author),
               subject=plain(f"PEEL inspection briefing: {pack.force}"), creator="PEEL Desktop",
               invariant=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
    slots: list = []
    doc.landed = {}
    doc.build(story(pack, slots), canvasmaker=_canvas_maker(pack, (slots, doc.landed)))
    return buffer.getvalue()
