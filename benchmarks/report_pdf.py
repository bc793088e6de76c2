"""A long synthetic PEEL report PDF for benchmarks (reportlab; deterministic)."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
AREAS = ["Police powers and public treatment", "Responding to the public",
         "Investigating crime", "Protecting vulnerable people", "Managing offenders and suspects",
         "Building, supporting and protecting the workforce", "Leadership and force management"]
GRADES = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]
WORDS = [
    "the", "force", "works", "with", "partners", "to", "protect", "vulnerable", "people",
    "and", "investigates", "crime", "effectively", "although", "supervision", "of",
    "investigations", "is", "inconsistent", "and", "victims", "are", "not", "always",
    "updated", "about", "the", "progress", "of", "their", "case",
]


def build(path: Path, pages: int = 100, seed: int = 7) -> Path:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    rng = random.Random(seed)
    body = ParagraphStyle("b", fontName="DejaVu", fontSize=10, leading=13, spaceAfter=8)
    head = ParagraphStyle("h", fontName="DejaVu", fontSize=15, leading=19, spaceAfter=10)

    def footer(canvas, doc) -> None:
        canvas.setFont("DejaVu", 8)
        canvas.drawString(60, 800, "PEEL 2023–25 – An inspection of Essex Police")
        canvas.drawRightString(535, 30, str(doc.page))

    story = [Paragraph("PEEL 2023–25: An inspection of Essex Police", head),
             Table([[a, rng.choice(GRADES)] for a in AREAS],
                   style=[("FONT", (0, 0), (-1, -1), "DejaVu", 10)]), PageBreak()]
    for page in range(1, pages):
        story.append(Paragraph(AREAS[page % len(AREAS)], head))
        for _ in range(5):
            words = [rng.choice(WORDS) for _ in range(70)]
            story.append(Paragraph(" ".join(words).capitalize() + ".", body))
        story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=footer,
                                                   onLaterPages=footer)
    return path
