"""Light and dark palettes (Fusion style), or the system's own.

No style sheet is set on the application: one there makes Qt draw every widget of every
window through its style-sheet style (re-polished at each change, slower at each paint), for
the sake of one label. The notice wears its own (:func:`notice_sheet`)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from peel_desktop.domain import Grade
from peel_desktop.framework import grade_styles

_DARK = {
    QPalette.ColorRole.Window: "#24272b", QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1b1d20", QPalette.ColorRole.AlternateBase: "#2f3338",
    QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#2d3136",
    QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2f3338",
    QPalette.ColorRole.ToolTipText: "#e8e8e8", QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f3f3f3", QPalette.ColorRole.WindowText: "#1c1c1c",
    QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#eef3fb",
    QPalette.ColorRole.Text: "#1c1c1c", QPalette.ColorRole.Button: "#f0f0f0",
    QPalette.ColorRole.ButtonText: "#1c1c1c", QPalette.ColorRole.Highlight: "#2f6fcf",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffdc",
    QPalette.ColorRole.ToolTipText: "#1c1c1c", QPalette.ColorRole.Link: "#1a56b8",
    QPalette.ColorRole.PlaceholderText: "#6b6b6b",
}
NOTICE = ("QLabel#notice {{ background: {bg}; color: {fg}; border: 1px solid {edge};"
          " border-radius: 4px; padding: 6px; }}")


_FUSION = "peelFusionStyle"  # the application's property: made in the Fusion style


def application(argv: list[str]) -> QApplication:
    """The application, made in Qt's Fusion style, which the palettes here are written for.
    The style is asked for on the command line Qt reads rather than set afterwards: setting
    it, or asking which it is, from Python makes PySide set up QStyle and its 618 enum
    members on the way to the first screen.

    Qt's raster engine hands each fill taller than some hundred pixels to a pool of threads
    in slices; for the narrow fills of a window's widgets the hand-offs cost far more than
    the fill (a scroll bar drawn in 0.9 ms, 0.07 ms without the pool, on two cores: two
    scroll bars were a fifth of a question switch). The pool is not used (Qt's
    QT_NO_GUI_THREADPOOL, read when it would first be made)."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app = QApplication([*argv, "-style", "Fusion"])
    app.setProperty(_FUSION, True)
    return app


def apply(appearance: str) -> None:
    """'light', 'dark' or 'system' (the platform's palette, light or dark: none of ours).
    Cheapest before the first widget is made: a change of style re-polishes every widget
    there is."""
    app = QApplication.instance()
    if app is None:
        return
    if not app.property(_FUSION):  # an application made elsewhere (the tests')
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setProperty(_FUSION, True)
    if appearance in ("light", "dark"):
        palette = QPalette()
        for role, colour in (_DARK if appearance == "dark" else _LIGHT).items():
            palette.setColor(role, QColor(colour))
        muted = QColor("#7d828a" if appearance == "dark" else "#a0a0a0")
        for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.WindowText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
        app.setPalette(palette)
    elif app.testAttribute(Qt.ApplicationAttribute.AA_SetPalette):  # one of ours is set
        app.setPalette(QPalette())  # none: the system's colours again


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark one (light words on dark ground): ours or the system's."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def notice_sheet() -> str:
    """The style sheet of the notice on comparing grades (QLabel#notice), amber on the
    palette now applied, light or dark."""
    app = QApplication.instance()
    dark = app is not None and is_dark(app.palette())
    return NOTICE.format(bg="#4a3f1c" if dark else "#fff4d6",
                         fg="#f5e6b8" if dark else "#3d2e00",
                         edge="#8a7433" if dark else "#e0c36a")


_COLOURS: dict[str, tuple[QColor, QColor]] = {}


def grade_colours(grade: str) -> tuple[QColor, QColor]:
    """A grade's background and foreground (resources/style/grades.json) as colours, made
    once: a switch on Compare forces asks for 301 cells' at three times national scale, and
    the questions' timelines for each chip they draw. Not to be changed by the caller."""
    colours = _COLOURS.get(grade)
    if colours is None:
        style = grade_styles()[Grade(grade)]
        colours = _COLOURS[grade] = (QColor(style.background), QColor(style.foreground))
    return colours
