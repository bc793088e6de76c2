"""The command line's grammar, kept light: parsing loads neither Qt nor the database layer."""

from __future__ import annotations

import argparse
from pathlib import Path

from peel_desktop import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="peel-desktop",
        description="Review HMICFRS PEEL inspection reports offline. "
        "Without a command, opens the application window.",
    )
    parser.add_argument("--db", type=Path, help="database file (default: your data folder)")
    parser.add_argument("--version", action="version", version=f"PEEL Desktop {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = commands.add_parser("import", help="import report files (PDF, web page, text)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="show what would be imported")
    p.add_argument("--json", action="store_true", help="with --dry-run: the preview as JSON")
    p.add_argument("--force", metavar="NAME", help="correct the force the report is about")
    p.add_argument("--cycle", metavar="CYCLE", help="correct the PEEL cycle of the report")
    p.add_argument("--corrections", type=Path, metavar="FILE",
                   help='JSON: {"force", "cycle", "grades": {"INDEX": GRADE}, '
                        '"add": [{"question", "grade", "quote"}]}')

    p = commands.add_parser("grades", help="a force's grades by cycle, with citations")
    p.add_argument("--force", required=True, metavar="NAME")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("findings", help="a force's areas for improvement and concerns")
    p.add_argument("--force", required=True, metavar="NAME")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("forces", help="forces held in the database")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("reports", help="reports held in the database")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("screenshot", help="render the window offscreen to a PNG file")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.png")
    p.add_argument("--force", metavar="NAME")
    p.add_argument("--question", metavar="TEXT", help="a question or area (any part of it)")
    p.add_argument("--size", default="1360x860", metavar="WxH")
    p.add_argument("--view", choices=("compare", "overview", "forces"), default="compare")
    p.add_argument("--cycle", metavar="CYCLE", help="the cycle whose evidence is shown")
    p.add_argument("--appearance", choices=("light", "dark"), default="light")
    return parser
