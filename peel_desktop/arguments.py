"""The command line's grammar, kept light: parsing loads neither Qt nor the database layer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peel_desktop import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        self.exit(2, f"{self.prog}: error: {message}\n")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read. A start of the window (no command; at most ``--db FILE``) is
    read without building every command's parser: argparse makes a help formatter and looks
    its messages up in the translations for each option of each of them, about 10 ms on the
    way to the first screen. Anything else (a command, --help, an abbreviation, a mistake)
    goes through the whole grammar."""
    args = sys.argv[1:] if argv is None else list(argv)
    if not args:
        return argparse.Namespace(db=None, command=None)
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return argparse.Namespace(db=Path(args[1]), command=None)
    if len(args) == 1 and args[0].startswith("--db="):
        return argparse.Namespace(db=Path(args[0].removeprefix("--db=")), command=None)
    return build_parser().parse_args(args)


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

    p = commands.add_parser("findings", help="a force's areas for improvement and concerns, "
                            "tracked across cycles")
    p.add_argument("--force", required=True, metavar="NAME")
    p.add_argument("--status", choices=("open", "in_progress", "repeated", "closed"))
    p.add_argument("--cycle", metavar="CYCLE")
    p.add_argument("--kind", choices=("area_for_improvement", "cause_of_concern",
                                      "recommendation"))
    p.add_argument("--question", metavar="KEY", help="a question key or a theme")
    p.add_argument("--coming-back", action="store_true",
                   help="only findings raised in more than one cycle")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("response", help="the PCC's s.55 response to a report: deadline, "
                            "items, and export as PDF or Word")
    p.add_argument("--report", required=True, type=int, metavar="ID")
    p.add_argument("--out", type=Path, metavar="FILE")
    p.add_argument("--format", choices=("pdf", "docx"), default="pdf", dest="file_format")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="record the report's publication date (starts the 56 days)")
    p.add_argument("--marking", choices=("OFFICIAL", "OFFICIAL-SENSITIVE", "NONE"),
                   default="OFFICIAL")
    p.add_argument("--created", metavar="YYYY-MM-DDTHH:MM",
                   help="the document's date (reproducible files); default now")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("forces", help="forces held in the database")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("reports", help="reports held in the database")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("annotate", help="annotate the first passage that has the words")
    p.add_argument("--force", required=True, metavar="NAME")
    p.add_argument("--cycle", required=True, metavar="CYCLE")
    p.add_argument("--quote", required=True, metavar="TEXT")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--tag", action="append", default=[], metavar="TAG")
    p.add_argument("--rag", choices=("red", "amber", "green"))
    p.add_argument("--key-evidence", action="store_true")
    p.add_argument("--ask-chief", action="store_true")
    p.add_argument("--author", metavar="NAME", help="default: your user name")

    p = commands.add_parser("notes", help="a force's annotations")
    p.add_argument("--force", required=True, metavar="NAME")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("bundle", help="exchange annotations and review status")
    actions = p.add_subparsers(dest="bundle_action", metavar="ACTION", required=True,
                               parser_class=_Parser)
    q = actions.add_parser("export", help="write your annotations and review status to a file")
    q.add_argument("file", type=Path, metavar="FILE")
    q = actions.add_parser("import", help="merge a colleague's bundle")
    q.add_argument("file", type=Path, metavar="FILE")
    actions.add_parser("conflicts", help="list edits made on both sides, to resolve")
    q = actions.add_parser("resolve", help="settle a conflict")
    q.add_argument("conflict", type=int, metavar="ID")
    q.add_argument("--keep", required=True, choices=("mine", "theirs"))

    p = commands.add_parser("areas", help="areas reports grade that the framework data "
                            "does not list, and their links to crosswalk themes")
    actions = p.add_subparsers(dest="areas_action", metavar="ACTION", required=True,
                               parser_class=_Parser)
    q = actions.add_parser("list", help="every such area, with the theme it compares under")
    q.add_argument("--json", action="store_true")
    q = actions.add_parser("link", help="compare an area under a crosswalk theme")
    q.add_argument("area", metavar="KEY", help="the area's key, as `areas list` gives it")
    q.add_argument("theme", metavar="THEME", help="a theme key, or 'none' to unlink")

    p = commands.add_parser("brief", help="export a briefing pack (PDF or Word)")
    p.add_argument("--force", required=True, metavar="NAME")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--cycles", nargs="+", default=[], metavar="C")
    p.add_argument("--questions", nargs="+", default=[], metavar="TEXT")
    p.add_argument("--marking", choices=("OFFICIAL", "OFFICIAL-SENSITIVE", "NONE"),
                   default="OFFICIAL")
    p.add_argument("--title", default="", metavar="TEXT")
    p.add_argument("--meeting-date", metavar="YYYY-MM-DD")
    p.add_argument("--author", default="", metavar="TEXT")
    p.add_argument("--format", choices=("pdf", "docx"), default="pdf", dest="file_format")
    p.add_argument("--created", metavar="YYYY-MM-DDTHH:MM",
                   help="the pack's creation date (reproducible packs); default now")

    p = commands.add_parser("search", help="search report text, findings and notes")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--force", metavar="NAME")
    p.add_argument("--cycle", metavar="CYCLE")
    p.add_argument("--kind", choices=("report", "finding", "note"))
    p.add_argument("--question", metavar="TEXT")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("screenshot", help="render the window offscreen to a PNG file")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.png")
    p.add_argument("--force", metavar="NAME")
    p.add_argument("--question", metavar="TEXT", help="a question or area (any part of it)")
    p.add_argument("--size", default="1360x860", metavar="WxH")
    p.add_argument("--view", choices=("compare", "overview", "forces", "tracker", "response"),
                   default="compare")
    p.add_argument("--cycle", metavar="CYCLE", help="the cycle whose evidence is shown")
    p.add_argument("--appearance", choices=("light", "dark"), default="light")
    return parser
