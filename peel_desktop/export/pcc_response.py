"""The PCC's published response to an inspection report, as PDF and Word.

The conventional shape of a PCC's section 55 response: a title and the report responded to,
the introduction, then each cause of concern, recommendation and area for improvement in the
report's words (cited), followed by the chief constable's comment, the PCC's comment and the
action with its owner and due date, and the sign-off. Same typography, protective marking
and determinism as the briefing pack: the same response and date give the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from peel_desktop.export import docx as word
from peel_desktop.export.fonts import markup, plain
from peel_desktop.export.pdf import ACCENT, RULE, canvas_maker, styles
from peel_desktop.services.briefing import OGL
from peel_desktop.services.response import Item, Response

_NOT_YET = "No comment recorded yet."


@dataclass(frozen=True)
class Options:
    marking: str = "OFFICIAL"
    created: datetime | None = None  # fixed for reproducible files; default now

    def when(self) -> datetime:
        return self.created or datetime.now().replace(microsecond=0)


def title(response: Response) -> str:
    return f"Police and Crime Commissioner’s response: {response.title}"


def _where(item: Item) -> str:
    s = item.source
    page = f"page {s['page']}, " if s.get("page") is not None else ""
    return f"{s['report']}, {page}paragraph {s['paragraph']}"


def _dates(response: Response) -> str:
    if not response.published:
        return "Publication date of the report not yet entered."
    published = date.fromisoformat(response.published)
    deadline = response.deadline
    assert deadline is not None
    return (f"Report published {published:%-d %B %Y}; response due by {deadline:%-d %B %Y} "
            f"(the last of the 56 days beginning with publication).")


def _action(item: Item) -> list[tuple[str, str]]:
    rows = []
    if item.action:
        rows.append(("Action", item.action))
    if item.owner:
        rows.append(("Owner", item.owner))
    if item.due:
        rows.append(("Due", f"{date.fromisoformat(item.due):%-d %B %Y}"))
    return rows


def _numbered(response: Response) -> list[tuple[str, Item]]:
    counters: dict[str, int] = {}
    out = []
    for item in response.items:
        counters[item.kind] = counters.get(item.kind, 0) + 1
        out.append((f"{item.kind_label} {counters[item.kind]}", item))
    return out


def render_pdf(response: Response, options: Options) -> bytes:
    s = styles()
    created = options.when()
    story: list = [
        Paragraph(markup(title(response)), s["title"]),
        Paragraph(markup(f"{response.force} · PEEL {response.cycle}"), s["H3"]),
        Paragraph(markup(_dates(response)), s["small"]),
        Spacer(1, 6),
        Paragraph("Introduction", s["H1"]),
    ]
    story += [Paragraph(markup(p), s["body"]) for p in response.introduction.split("\n") if p]
    if not response.items:
        story.append(Paragraph("The report makes no recommendations and names no areas for "
                               "improvement.", s["body"]))
    else:
        story.append(Paragraph("Recommendations and areas for improvement", s["H1"]))
    for label, item in _numbered(response):
        block = [
            Paragraph(markup(label), s["H2"]),
            Paragraph(markup(f"“{item.text}”"), s["quote"]),
            Paragraph(markup(_where(item)), s["small"]),
        ]
        for heading, text in (("Chief constable’s comment", item.chief_comment),
                              ("PCC’s comment", item.pcc_comment)):
            block.append(Paragraph(heading, s["H3"]))
            block += [Paragraph(markup(p), s["body"])
                      for p in (text or _NOT_YET).split("\n") if p]
        rows = _action(item)
        if rows:
            table = Table([[Paragraph(f"<b>{k}</b>", s["cell"]), Paragraph(markup(v), s["cell"])]
                           for k, v in rows], colWidths=[28 * mm, None], hAlign="LEFT")
            table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            block.append(table)
        story.append(KeepTogether(block[:5]))
        story += block[5:]
    story.append(Paragraph("Sign-off", s["H1"]))
    story += [Paragraph(markup(p), s["body"]) for p in response.signoff.split("\n") if p]
    if response.signed_by:
        story.append(Spacer(1, 10))
        story.append(Paragraph(markup(response.signed_by), s["H3"]))
    story += [Spacer(1, 14), Paragraph(markup(OGL), s["small"])]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                          topMargin=20 * mm, bottomMargin=22 * mm, invariant=1,
                          title=plain(title(response)), author=plain(response.signed_by),
                          creator="PEEL Desktop")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("body", [frame])])
    footer = f"{response.force} · PCC response · {created.date().isoformat()}"
    doc.build(story, canvasmaker=canvas_maker(
        title=title(response), author=response.signed_by,
        subject=f"PCC response to HMICFRS: {response.force}", marking=options.marking,
        created=created, footer=footer))
    return buffer.getvalue()


def render_docx(response: Response, options: Options) -> bytes:
    created = options.when()
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    props = document.core_properties
    props.title, props.author = title(response), response.signed_by
    props.subject = f"PCC response to HMICFRS: {response.force}"
    props.created = props.modified = created
    props.last_modified_by, props.revision, props.comments = response.signed_by, 1, ""
    marking = "" if options.marking == "NONE" else options.marking
    section = document.sections[0]
    section.header.paragraphs[0].text = marking
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.text = f"{response.force} · PCC response · {created.date()} · Page "
    word.page_field(footer, "PAGE")
    footer.add_run(" of ")
    word.page_field(footer, "NUMPAGES")
    if marking:
        section.footer.add_paragraph(marking).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading(title(response), 0)
    document.add_paragraph(f"{response.force} · PEEL {response.cycle}").runs[0].bold = True
    document.add_paragraph(_dates(response)).runs[0].font.size = Pt(8)
    document.add_heading("Introduction", 1)
    for p in response.introduction.split("\n"):
        if p:
            document.add_paragraph(p)
    if response.items:
        document.add_heading("Recommendations and areas for improvement", 1)
    else:
        document.add_paragraph("The report makes no recommendations and names no areas for "
                               "improvement.")
    accent = RGBColor.from_string(ACCENT.hexval()[2:].upper())
    for label, item in _numbered(response):
        heading = document.add_heading(label, 2)
        heading.runs[0].font.color.rgb = accent
        word.cited_quote(document, item.text, _where(item))
        for name, text in (("Chief constable’s comment", item.chief_comment),
                           ("PCC’s comment", item.pcc_comment)):
            document.add_heading(name, 3)
            for p in (text or _NOT_YET).split("\n"):
                if p:
                    document.add_paragraph(p)
        for key, value in _action(item):
            p = document.add_paragraph()
            p.add_run(f"{key}: ").bold = True
            p.add_run(value)
    document.add_heading("Sign-off", 1)
    for p in response.signoff.split("\n"):
        if p:
            document.add_paragraph(p)
    if response.signed_by:
        document.add_paragraph().add_run(response.signed_by).bold = True
    document.add_paragraph(OGL).runs[0].font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return word.normalise(buffer.getvalue())
