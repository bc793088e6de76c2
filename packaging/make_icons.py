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
    written = []
    for size in SIZES:
        image, path = render(renderer, size), ICONS / f"peel-desktop-{size}.png"
        if not _unchanged(image, path):
            image.save(str(path))
            written.append(path.name)
    for size, name in ((256, "peel-desktop.ico"), (512, "peel-desktop.icns")):
        if f"peel-desktop-{size}.png" in written or not (ICONS / name).exists():
            render(renderer, size).save(str(ICONS / name))
            written.append(name)
    print(f"wrote {', '.join(written)} to {ICONS}" if written
          else f"the icons in {ICONS} are up to date")
    return 0


def _unchanged(image: QImage, path: Path) -> bool:
    """The file holds this picture already, to within a step of rounding in any channel:
    Qt's rasteriser rounds the odd antialiased pixel differently from one build of it to
    another, and the icons kept in the repository should not change with the machine that
    runs the build."""
    if not path.exists():
        return False
    held = QImage(str(path)).convertToFormat(image.format())
    if held.size() != image.size():
        return False
    old, new = bytes(held.constBits()), bytes(image.constBits())
    return len(old) == len(new) and all(abs(a - b) <= 2 for a, b in zip(old, new, strict=True))


if __name__ == "__main__":
    raise SystemExit(main())
