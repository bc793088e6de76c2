"""Entry point: a command runs headless; no command opens the window."""

from __future__ import annotations

import os
import sys

from peel_desktop.arguments import parse


def main(argv: list[str] | None = None) -> int:
    if hasattr(os, "umask"):
        os.umask(0o077)  # everything the app writes is the user's alone: settings, exports…
    args = parse(argv)
    if args.command is None:
        from peel_desktop.ui.app import run_app

        return run_app(args.db, sys.argv[:1])
    if args.command == "screenshot":
        from peel_desktop.ui.screenshot import take

        return take(args)
    from peel_desktop import cli

    return cli.run(args)
