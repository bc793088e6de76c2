"""The evidence behind the selected cycle's judgment, and the original page of a PDF."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peel_desktop.services.review_model import Column, Evidence


def citation(e: Evidence) -> str:
    where = f"page {e.page}" if e.page else f"paragraph {e.paragraph}"
    return f"{e.report}, {where}"


SHOWN = 40  # passages drawn at first; the rest on request


class EvidencePanel(QWidget):
    """Passages of the selected column; cited ones first and marked. ``show_original``
    emits the selected passage when the reviewer asks for its page."""

    show_original = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Evidence passages")
        self.text.anchorClicked.connect(self._clicked)
        self.original = QPushButton("Show &original page")
        self.original.setToolTip("Open the report's page as printed (PDF reports)")
        self.original.clicked.connect(self._show)
        row = QHBoxLayout()
        row.addWidget(self.heading, 1)
        row.addWidget(self.original)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.text)
        self.passages: list[Evidence] = []
        self.current = 0
        self.limit = SHOWN

    def show_column(self, label: str, column: Column | None) -> None:
        if column is None:
            self.passages = []
            self.heading.setText("")
            self.text.setHtml("")
            self.original.setEnabled(False)
            return
        self.passages = sorted(column.evidence, key=lambda e: not e.cited)
        self.limit = SHOWN
        self.heading.setText(f"<b>{escape(label)} — PEEL {escape(column.cell.cycle)}</b>: "
                             f"{len(self.passages)} passage(s), quoted ones first")
        self.choose(0)

    def choose(self, index: int) -> None:
        self.current = index
        marked = self.palette().color(QPalette.ColorRole.AlternateBase).name()
        parts = []
        for n, e in enumerate(self.passages[: max(self.limit, index + 1)]):
            shade = f' bgcolor="{marked}"' if n == index else ""
            quoted = " — <b>quoted</b>" if e.cited else ""
            parts.append(
                f'<table width="100%" cellpadding="4"><tr><td{shade}>'
                f'<a href="passage:{n}"><small>{escape(citation(e))}{quoted}</small></a>'
                f"<p>{escape(e.text)}</p></td></tr></table>"
            )
        if not parts:
            parts.append("<p>No passages of an imported report sit under this question in "
                         "this cycle.</p>")
        hidden = len(self.passages) - len(parts)
        if hidden > 0 and self.passages:
            parts.append(f'<p><a href="all:">Show {hidden} more passages</a></p>')
        self.text.setHtml("".join(parts))
        chosen = self.selected()
        self.original.setEnabled(bool(chosen and chosen.original and chosen.page_index is not None))

    def selected(self) -> Evidence | None:
        return self.passages[self.current] if 0 <= self.current < len(self.passages) else None

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("passage:"):
            self.choose(int(text.split(":", 1)[1]))
        elif text == "all:":
            self.limit = len(self.passages)
            self.choose(self.current)

    def _show(self) -> None:
        chosen = self.selected()
        if chosen:
            self.show_original.emit(chosen)


class OriginalPageDialog(QDialog):
    """The printed page of the original PDF (QtPdf, loaded only when first asked for)."""

    def __init__(self, pdf: Path, evidence: Evidence, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.setWindowTitle(f"{citation(evidence)} — original")
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        self.view = QPdfView(self)
        self.view.setAccessibleName("Original page")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.pageNavigator().jump(evidence.page_index or 0, self.view.pageNavigator()
                                       .currentLocation())
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(760, 980)

    @property
    def page(self) -> int:
        return self.view.pageNavigator().currentPage()
