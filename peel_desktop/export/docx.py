"""The briefing pack as a Word document (python-docx), for teams who edit before circulating.

The same sections as the PDF, with real Word headings and tables (header rows repeat across
pages), the marking in every page's header and footer, and page numbers as Word fields. The
same pack gives the same bytes (fixed document dates and archive timestamps).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from peel_desktop.domain import Grade
from peel_desktop.export.pdf import CHANGE, KIND, summary_citations
from peel_desktop.framework import grade_styles
from peel_desktop.services.briefing import OGL, Note, Pack

_FIXED = (1980, 1, 1, 0, 0, 0)


def page_field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _table(document, header: list[str], rows: list[list[tuple[str, str | None]]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for cell, (text, grade) in zip(cells, row, strict=True):
            cell.text = text
            if grade:
                style = grade_styles()[Grade(grade)]
                _shade(cell, style.background)
                cell.paragraphs[0].runs[0].font.color.rgb = RGBColor.from_string(
                    style.foreground.lstrip("#"))
    return table


def cited_quote(document, text: str, where: str) -> None:
    p = document.add_paragraph(style="Quote")
    p.add_run(f"“{text}”")
    small = document.add_paragraph(where)
    small.runs[0].font.size = Pt(8)


def _note(document, note: Note) -> None:
    a = note.annotation
    if note.cited:
        cited_quote(document, note.cited.text, f"{note.cited.citation}, PEEL {note.cited.cycle}")
    if a.note:
        p = document.add_paragraph()
        p.add_run(f"Reviewer’s note ({a.updated_by}): ").bold = True
        p.add_run(a.note)
    extras = [*a.tags, *([f"RAG: {a.rag}"] if a.rag else [])]
    if extras:
        document.add_paragraph(" · ".join(extras)).runs[0].font.size = Pt(8)


def _furniture(document, pack: Pack) -> None:
    marking = "" if pack.options.marking == "NONE" else pack.options.marking
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = marking
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.text = (f"{pack.force} · {pack.options.meeting_date or pack.created.date()} · Page ")
    page_field(footer, "PAGE")
    footer.add_run(" of ")
    page_field(footer, "NUMPAGES")
    if marking:
        second = section.footer.add_paragraph(marking)
        second.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _tracker(document, pack: Pack) -> None:
    summary = pack.tracker
    if summary is None:
        return
    document.add_heading("Findings tracker", 2)
    if not summary.total:
        document.add_paragraph("The imported reports name no areas for improvement, causes of "
                               "concern or recommendations for these cycles.")
        return
    counts = ", ".join(f"{label.lower()}: {n}" for label, n in summary.by_status.items())
    document.add_paragraph(f"{summary.total} areas for improvement, causes of concern and "
                           f"recommendations tracked ({counts}).")
    for heading, rows, last in (("Keeps coming back", summary.recurring, "Status and evidence"),
                                ("Statuses set by the reviewer", summary.reviewed,
                                 "Status and reason")):
        if rows:
            document.add_heading(heading, 3)
            _table(document, ["Finding", "Raised in", last], [
                [(r.text, None), (", ".join(r.cycles), None), (_tracked_status(r), None)]
                for r in rows])


def _tracked_status(r) -> str:
    out = r.status
    if r.reason:
        out += f". Reviewer’s reason: {r.reason}"
    if r.evidence:
        out += f". “{r.evidence.text}” ({r.evidence.citation})"
    return out


def _body(document, pack: Pack) -> None:
    o = pack.options
    document.add_heading(pack.title, 0)
    document.add_paragraph("Briefing for the Police and Crime Commissioner from HMICFRS PEEL "
                           "inspection reports")
    _table(document, ["", ""], [[("Force", None), (pack.force, None)],
                                [("Meeting", None), (o.meeting_date or "—", None)],
                                [("Prepared by", None), (o.author or "—", None)],
                                [("Prepared on", None), (pack.created.date().isoformat(), None)]])
    document.add_page_break()
    document.add_heading("Summary", 1)
    cycles = pack.board.cycles
    rows = [[(s.item.label, None)] + [(c.words if c.grades else "—",
                                       c.grades[0] if len(c.grades) == 1 else None)
                                      for c in s.item.cells] for s in pack.sections]
    _table(document, ["Question", *[f"PEEL {c}" for c in cycles]], rows)
    for note in pack.break_notes:
        document.add_paragraph(f"◆ {note}")
    for cycle, counts in pack.grade_counts.items():
        stated = ", ".join(f"{g.replace('_', ' ')} in {n}" for g, n in counts.items())
        document.add_paragraph(f"PEEL {cycle}: the imported source states only how many areas "
                               f"got each grade ({stated}), not which.")
    document.add_heading("What changed since the previous inspection", 1)
    if pack.movements:
        _table(document, ["Question", f"PEEL {pack.previous}", f"PEEL {pack.latest}",
                          "Movement"],
               [[(m.label, None), (m.before, None), (m.after, None), (m.words, None)]
                for m in pack.movements])
    for heading, items in ((f"New areas for improvement (PEEL {pack.latest})", pack.new_areas),
                           ("Areas for improvement raised again", pack.repeated_areas),
                           ("Causes of concern", pack.causes)):
        document.add_heading(heading, 3)
        if not items:
            document.add_paragraph("None in the imported reports.")
        for c in items:
            document.add_paragraph(c.text, style="List Bullet")
            document.add_paragraph(f"{c.citation}, PEEL {c.cycle}").runs[0].font.size = Pt(8)
    _tracker(document, pack)
    document.add_heading("Question by question", 1)
    for section in pack.sections:
        document.add_heading(section.item.label, 2)
        _table(document, ["Cycle", "Grade", "Change", "The question that cycle"], [
            [(f"PEEL {c.cell.cycle}", None),
             (c.cell.words, c.cell.grades[0] if len(c.cell.grades) == 1 else None),
             (CHANGE.get(c.change or "", "—"), None), (" / ".join(c.questions) or "—", None)]
            for c in section.columns])
        for col in section.columns:
            if not (col.summary or col.findings):
                continue
            document.add_heading(f"PEEL {col.cell.cycle}: what the report says", 3)
            for sentence, where in summary_citations(col):
                cited_quote(document, sentence, where)
            for f in col.findings:
                src = f["source"]
                where = f"page {src['page']}" if src["page"] else f"paragraph {src['paragraph']}"
                p = document.add_paragraph()
                p.add_run(f"{KIND[f['kind']]}: ").bold = True
                p.add_run(f["text"])
                document.add_paragraph(f"{src['report']}, {where}").runs[0].font.size = Pt(8)
        if section.key_evidence:
            document.add_heading("Key evidence marked by the reviewer", 3)
            for note in section.key_evidence:
                _note(document, note)
        for note in section.overall:
            document.add_heading("Reviewer’s overall view", 3)
            _note(document, note)
    if pack.general_evidence:
        document.add_heading("Key evidence on the force as a whole", 2)
        for note in pack.general_evidence:
            _note(document, note)
    document.add_heading("Questions for the chief constable", 1)
    if not pack.questions_for_chief:
        document.add_paragraph("No annotation is flagged as a question for the chief constable.")
    for note in pack.questions_for_chief:
        text = note.annotation.note or (note.cited.text if note.cited else "")
        document.add_paragraph(text, style="List Number")
        if note.cited:
            document.add_paragraph(f"On: “{note.cited.text}” — {note.cited.citation}")
    document.add_heading("Sources", 1)
    for r in pack.sources:
        details = ", ".join(x for x in (r["publisher"], r["published"] and
                                        f"published {r['published']}",
                                        r["kind"].replace("_", " ")) if x)
        p = document.add_paragraph()
        p.add_run(r["title"]).bold = True
        p.add_run(f" — {details}")
    document.add_paragraph(OGL).runs[0].font.size = Pt(8)


def normalise(data: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps so equal packs give equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def render(pack: Pack) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    props = document.core_properties
    props.title, props.author = pack.title, pack.options.author or ""
    props.subject = f"PEEL inspection briefing: {pack.force}"
    props.created = props.modified = pack.created
    props.last_modified_by, props.revision = pack.options.author or "", 1
    props.comments = ""
    _furniture(document, pack)
    _body(document, pack)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise(buffer.getvalue())
