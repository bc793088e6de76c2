"""Render the application icon (resources/icons/peel-desktop.svg) to the PNG sizes desktops
ask for, a Windows .ico and a macOS .icns, with Qt's own SVG renderer and image writers.

    python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "peel-desktop.svg"))
    if not renderer.isValid():
        print("the SVG icon cannot be read", file=sys.stderr)
        return 1
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"peel-desktop-{size}.png"))
    render(renderer, 256).save(str(ICONS / "peel-desktop.ico"))
    render(renderer, 512).save(str(ICONS / "peel-desktop.icns"))
    print(f"wrote {len(SIZES)} PNGs, an .ico and an .icns to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
