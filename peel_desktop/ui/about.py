"""Help → About: the version, where the reviewer's data lives, and the licences."""

from __future__ import annotations

from html import escape
from pathlib import Path

from peel_desktop import __version__, paths

BUNDLED_LICENCES = (
    ("Qt 6 and PySide6 (Qt for Python)", "LGPL v3"),
    ("sqlite-utils and SQLite", "Apache 2.0; SQLite is in the public domain"),
    ("ReportLab", "BSD"),
    ("pypdfium2 and PDFium", "Apache 2.0 or BSD-3-Clause; PDFium BSD-3-Clause"),
    ("python-docx", "MIT"),
    ("platformdirs", "MIT"),
    ("DejaVu fonts", "Bitstream Vera licence (free)"),
    ("Noto Sans Symbols 2", "SIL Open Font Licence 1.1"),
)


def about_html(database: Path | None, reviewer: str) -> str:
    shown = escape(str(database)) if database else "not open"
    libraries = "".join(f"<li>{escape(name)} — {escape(licence)}</li>"
                        for name, licence in BUNDLED_LICENCES)
    return (
        f"<b>PEEL Desktop {__version__}</b><br>Offline review of HMICFRS PEEL inspection "
        f"reports. It never opens a network connection.<br><br>"
        f"Data folder: {escape(str(paths.user_data_dir()))}<br>Database: {shown}<br>"
        f"Reviewer: {escape(reviewer)}<br><br>Bundled reports contain public sector "
        "information licensed under the Open Government Licence v3.0 (© Crown copyright, "
        f"HMIC/HMICFRS).<br><br>Built with:<ul>{libraries}</ul>"
    )
