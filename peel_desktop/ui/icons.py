"""The toolbar's icons: line drawings in the palette's own ink, so that they read on the light
palette and the dark one alike (the style's standard icons are drawn in fixed colours, and
its arrows were black on the dark toolbar). Drawn when shown, at any size and pixel ratio.

They are drawn here rather than taken from the style for the start's sake too: asking for
the style's icons from Python makes PySide set up QStyle and its 618 enum members."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)

from peel_desktop.ui import theme

# each glyph is drawn in a 24 × 24 box; its open lines as (x, y) points
_Lines = tuple[tuple[tuple[float, float], ...], ...]


def _lines(painter: QPainter, lines: _Lines) -> None:
    for line in lines:
        painter.drawPolyline([QPointF(x, y) for x, y in line])


def _up(painter: QPainter, accent) -> None:
    _lines(painter, (((12, 19.5), (12, 4.5)), ((6, 10.5), (12, 4.5), (18, 10.5))))


def _down(painter: QPainter, accent) -> None:
    _lines(painter, (((12, 4.5), (12, 19.5)), ((6, 13.5), (12, 19.5), (18, 13.5))))


def _reviewed(painter: QPainter, accent) -> None:
    pen = painter.pen()
    pen.setColor(accent("green"))
    pen.setWidthF(2.6)
    painter.setPen(pen)
    _lines(painter, (((4.5, 12.5), (9.5, 17.5), (19.5, 6.5)),))


def _flag(painter: QPainter, accent) -> None:
    _lines(painter, (((6, 21), (6, 3.5)),))
    painter.setBrush(accent("amber"))
    painter.drawPolygon([QPointF(x, y) for x, y in ((6, 4), (19, 4), (15.5, 8.5), (19, 13),
                                                    (6, 13))])


def _page(painter: QPainter, accent) -> None:
    painter.drawPolygon([QPointF(x, y) for x, y in ((5.5, 3), (14, 3), (18.5, 7.5),
                                                    (18.5, 21), (5.5, 21))])
    _lines(painter, (((14, 3), (14, 7.5), (18.5, 7.5)), ((8.5, 11.5), (15.5, 11.5)),
                     ((8.5, 14.5), (15.5, 14.5)), ((8.5, 17.5), (13, 17.5))))


def _tray(painter: QPainter) -> None:
    _lines(painter, (((4, 14), (4, 20), (20, 20), (20, 14)),))


def _import(painter: QPainter, accent) -> None:
    _tray(painter)
    _lines(painter, (((12, 3), (12, 15)), ((7.5, 10.5), (12, 15), (16.5, 10.5))))


def _export(painter: QPainter, accent) -> None:
    _tray(painter)
    _lines(painter, (((12, 15), (12, 3)), ((7.5, 7.5), (12, 3), (16.5, 7.5))))


GLYPHS: dict[str, Callable] = {"up": _up, "down": _down, "reviewed": _reviewed, "flag": _flag,
                               "page": _page, "import": _import, "export": _export}
# accents that keep their meaning (done, attention) and their contrast on either palette
_ACCENTS = {"green": ("#2e7d32", "#7fd38a"), "amber": ("#b26a00", "#f2c14e")}


class _Glyph(QIconEngine):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State
              ) -> None:
        palette = QGuiApplication.palette()
        disabled = mode == QIcon.Mode.Disabled
        group = QPalette.ColorGroup.Disabled if disabled else QPalette.ColorGroup.Active
        ink = palette.color(group, QPalette.ColorRole.ButtonText)
        dark = theme.is_dark(palette)

        def accent(name: str) -> QColor:
            return ink if disabled else QColor(_ACCENTS[name][dark])

        side = min(rect.width(), rect.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(rect.x() + (rect.width() - side) / 2,
                          rect.y() + (rect.height() - side) / 2)
        painter.scale(side / 24, side / 24)
        painter.setPen(QPen(ink, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        GLYPHS[self.name](painter, accent)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
                     ) -> QPixmap:
        """Drawn at the screen's pixel ratio, on a clear ground."""
        pixmap = QPixmap(round(size.width() * scale), round(size.height() * scale))
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _Glyph(self.name)


def icon(name: str) -> QIcon:
    """One of :data:`GLYPHS` as an icon."""
    return QIcon(_Glyph(name))
