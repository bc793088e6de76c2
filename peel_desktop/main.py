"""Entry point: a command runs headless; no command opens the window."""

from __future__ import annotations

import gc
import os
import sys

from peel_desktop.arguments import parse


def main(argv: list[str] | None = None) -> int:
    if hasattr(os, "umask"):
        os.umask(0o077)  # everything the app writes is the user's alone: settings, exports…
    args = parse(argv)
    if args.command is None:
        # No cyclic garbage collection until the first data is painted (the window turns it
        # back on): the start allocates some hundred thousand objects, classes and Qt's enums
        # among them, that live as long as the window, and each collection walked them all.
        gc.disable()
        # The data layer the first screen reads is imported before Qt: once PySide6 is in,
        # it reads the source of every module imported after it, looking for its
        # __feature__ switches (about 1% of the start).
        from peel_desktop.services import annotate, library, review  # noqa: F401
        from peel_desktop.ui.app import run_app

        return run_app(args.db, sys.argv[:1])
    if args.command == "screenshot":
        from peel_desktop.ui.screenshot import take

        return take(args)
    from peel_desktop import cli

    return cli.run(args)
