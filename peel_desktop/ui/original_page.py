"""The printed page of a report's original PDF, as pdfium draws it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from peel_desktop.services.review_model import Evidence
from peel_desktop.ui.evidence_view import citation


class OriginalPageDialog(QDialog):
    """The printed page of the original PDF, drawn by pdfium (the engine the import read it
    with), fitted to the window; Page Up / Page Down and the buttons turn the pages."""

    def __init__(self, pdf: Path, evidence: Evidence, parent=None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.page = evidence.page_index or 0
        self.page_count = 0
        self.full: QPixmap | None = None
        self.setWindowTitle(f"{citation(evidence)} — original")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName("Original page")
        self.picture.setMinimumSize(200, 200)
        self.previous = QPushButton("◀ Previous page")
        self.previous.clicked.connect(lambda: self.turn(-1))
        self.next = QPushButton("Next page ▶")
        self.next.clicked.connect(lambda: self.turn(+1))
        self.where = QLabel()
        self.where.setAccessibleName("Page shown")
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous)
        buttons.addStretch(1)
        buttons.addWidget(self.where)
        buttons.addStretch(1)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addLayout(buttons)
        self.resize(760, 980)
        self._draw()

    def turn(self, step: int) -> None:
        if 0 <= self.page + step < self.page_count:
            self.page += step
            self._draw()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_PageDown:
            self.turn(+1)
        elif event.key() == Qt.Key.Key_PageUp:
            self.turn(-1)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _draw(self) -> None:
        from peel_desktop.domain import PeelError
        from peel_desktop.importers.pages import render_page

        width = max(600, int(self.picture.width() * self.devicePixelRatioF()) * 2)
        try:
            drawn = render_page(self.pdf, self.page, width=min(width, 2400))
        except PeelError as error:
            self.picture.setText(str(error))
            return
        self.page_count = drawn.page_count
        image = QImage(drawn.pixels, drawn.width, drawn.height, drawn.stride,
                       QImage.Format.Format_RGB32)
        self.full = QPixmap.fromImage(image.copy())  # copy: the bytes object is not kept
        self.where.setText(f"Page {self.page + 1} of {self.page_count} of the PDF")
        self.previous.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < self.page_count - 1)
        self._fit()

    def _fit(self) -> None:
        if self.full is None:
            return
        ratio = self.devicePixelRatioF()
        fitted = self.full.scaled(self.picture.size() * ratio,
                                  Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
        fitted.setDevicePixelRatio(ratio)
        self.picture.setPixmap(fitted)
