"""Build report PDFs in the shapes HMICFRS publishes, with reportlab (synthetic content).

The layout is what matters: a running header and footer on every page, printed page numbers
that differ from the page index (roman front matter), a contents page with dot leaders, a
judgments table, a side box set beside body text in its own frame, and a two-column page.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
W, H = A4
BODY = ParagraphStyle("body", fontName="DejaVu", fontSize=10, leading=13, spaceAfter=8)
HEAD = ParagraphStyle("head", fontName="DejaVu", fontSize=15, leading=19, spaceAfter=10,
                      spaceBefore=6)
BOX = ParagraphStyle("box", fontName="DejaVu", fontSize=9, leading=12, spaceAfter=4)


def _register() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))


def _furniture(header: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("DejaVu", 8)
        canvas.drawString(20 * mm, H - 12 * mm, header)
        canvas.drawRightString(W - 20 * mm, 10 * mm, str(doc.page_label))
        canvas.restoreState()

    return draw


class _Doc(BaseDocTemplate):
    """Front matter numbered i, ii…; the body from 1 (so index and printed page differ)."""

    def __init__(self, path: Path, header: str, body_starts: int) -> None:
        super().__init__(str(path), pagesize=A4, title="PEEL report", author="HMICFRS")
        self.body_starts = body_starts
        draw = _furniture(header)
        margin = 20 * mm
        full = Frame(margin, 18 * mm, W - 2 * margin, H - 40 * mm, id="full")
        main = Frame(margin, 18 * mm, 115 * mm, H - 40 * mm, id="main")
        side = Frame(margin + 120 * mm, H - 110 * mm, W - 2 * margin - 120 * mm, 88 * mm, id="side",
                     showBoundary=1)
        left = Frame(margin, 18 * mm, 82 * mm, H - 40 * mm, id="left")
        right = Frame(margin + 88 * mm, 18 * mm, 82 * mm, H - 40 * mm, id="right")
        self.addPageTemplates([
            PageTemplate("full", [full], onPage=draw),
            PageTemplate("boxed", [main, side], onPage=draw),
            PageTemplate("columns", [left, right], onPage=draw),
        ])

    @property
    def page_label(self) -> str:
        if self.page < self.body_starts:
            return ["i", "ii", "iii", "iv", "v"][self.page - 1]
        return str(self.page - self.body_starts + 1)

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        if self.page == 1:
            self.canv.addPageLabel(0, "ROMAN_LOWER", 1)
        if self.page == self.body_starts:
            self.canv.addPageLabel(self.body_starts - 1, "ARABIC", 1)


def build_report_pdf(path: Path, *, force: str = "Kent Police") -> Path:
    """A 2021/22-style report PDF: 2 front pages (i, ii), then body pages 1-4."""
    _register()
    doc = _Doc(path, f"PEEL 2021/22 – An inspection of {force}", body_starts=3)
    p = lambda text, style=BODY: Paragraph(text, style)  # noqa: E731
    story = [
        p(f"PEEL 2021/22: Police effectiveness, efficiency and legitimacy. An inspection of "
          f"{force}", HEAD),
        p("Published 9 June 2022. His Majesty’s Inspectorate of Constabulary and Fire &amp; "
          "Rescue Services (HMICFRS) inspected the force in autumn 2021."),
        PageBreak(),
        p("Contents", HEAD),
        *[p(f"{title} {'.' * 60} {page}") for title, page in [
            ("Overall summary", 1), ("Investigating crime", 2), ("Protecting vulnerable people", 3),
            ("Responding to the public", 3), ("Managing offenders and suspects", 4),
            ("Recording data about crime", 4)]],
        NextPageTemplate("full"),
        PageBreak(),
        p("Overall summary", HEAD),
        p("Our judgments", HEAD),
        Table([["Area", "Grade"],
               ["Investigating crime", "Adequate"],
               ["Protecting vulnerable people", "Good"],
               ["Responding to the public", "Requires improvement"],
               ["Managing offenders and suspects", "Outstanding"]],
              style=[("FONT", (0, 0), (-1, -1), "DejaVu", 10)]),
        Spacer(1, 12),
        p(f"{force} is adequate at recording data about crime."),
        NextPageTemplate("boxed"),
        PageBreak(),
        p("Investigating crime", HEAD),
        p(f"{force} is adequate at investigating crime. We reviewed 60 case files and found "
          "that most investigations were carried out to a reasonable standard, although super"
          "vision was inconsistent and victims were not always kept informed of progress. The "
          "force has introduced a new investigation standards board that reviews a sample of "
          "cases every month and shares the lessons with teams across the force area."),
        p("Investigators told us that their workloads were high but manageable, and that "
          "they valued the training they had received on the new disclosure regime."),
        FrameBreak(),
        p("Area for improvement", BOX),
        p("• The force should make sure that supervisors review investigations regularly and "
          "record their direction.", BOX),
        NextPageTemplate("columns"),
        PageBreak(),
        p("Protecting vulnerable people", HEAD),
        p("The force works well with partner organisations to protect vulnerable people. "
          "Its multi-agency safeguarding hub shares information quickly and makes good "
          "decisions about risk. " * 3),
        p("Responding to the public", HEAD),
        p("The force is not answering non-emergency calls quickly enough, and the abandoned "
          "call rate is high. " * 3),
        p("Cause of concern", BOX),
        p("The force does not answer non-emergency calls quickly enough, so some vulnerable "
          "callers give up before their call is answered.", BOX),
        p("Recommendations", BOX),
        p("By 30 September 2022, the force should:", BOX),
        p("• increase the number of trained call handlers; and", BOX),
        p("• monitor call abandonment and act on what it finds.", BOX),
        NextPageTemplate("full"),
        PageBreak(),
        p("Managing offenders and suspects", HEAD),
        p(f"{force} is outstanding at managing offenders and suspects."),
        p("Recording data about crime", HEAD),
        p("The force records crime accurately."),
    ]
    doc.build(story)
    return path


def build_image_only_pdf(path: Path) -> Path:
    """A PDF with a drawing but no text layer (as a scanned report is)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    canvas.rect(50, 50, 400, 600, fill=1)
    canvas.showPage()
    canvas.save()
    return path


def build_plain_pdf(path: Path, lines: list[str], pages: int = 1) -> Path:
    """A simple PDF with the given lines on each page."""
    _register()
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        canvas.setFont("DejaVu", 10)
        for n, line in enumerate(lines):
            canvas.drawString(60, H - 80 - 14 * n, line)
        canvas.showPage()
    canvas.save()
    return path


def typeset_text(path: Path, text: str, *, first_page: int = 3) -> Path:
    """A report's text typeset as an ordinary A4 PDF: each source line a paragraph, a
    printed page number in the footer starting at ``first_page``."""
    from xml.sax.saxutils import escape

    from reportlab.platypus import SimpleDocTemplate

    _register()

    def footer(canvas, doc) -> None:
        canvas.setFont("DejaVu", 8)
        canvas.drawRightString(W - 20 * mm, 10 * mm, str(doc.page + first_page - 1))

    story = [Paragraph(escape(line), BODY) for line in text.splitlines() if line.strip()]
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=footer,
                                                   onLaterPages=footer)
    return path
