"""The support log: errors and their tracebacks, in the user's data folder, never content.

What reviewers write (notes, quotes, tags) is never logged: only unexpected failures, with
the exception's type and traceback, and start-up facts (version, platform).
"""

from __future__ import annotations

import logging
import os
import platform
import traceback
from logging.handlers import RotatingFileHandler

from peel_desktop import __version__, paths

LOG_NAME = "peel-desktop.log"
_logger = logging.getLogger("peel_desktop")


def log_path():
    return paths.user_data_dir() / "logs" / LOG_NAME


def setup() -> logging.Logger:
    """Log to the rotating file (5 × 1 MB), readable by the user only. Safe to call twice."""
    if _logger.handlers:
        return _logger
    # a log that cannot be written (a full disk) must never print its own traceback over the
    # reviewer's terminal or stop what was being logged
    logging.raiseExceptions = False
    folder = log_path().parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not log_path().exists():
            os.close(os.open(log_path(), os.O_CREAT | os.O_WRONLY, 0o600))
        handler = RotatingFileHandler(log_path(), maxBytes=1_000_000, backupCount=5,
                                      encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()  # a read-only home folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    _logger.addHandler(handler)
    _logger.setLevel(logging.INFO)
    _logger.propagate = False
    system = platform.uname()  # not platform.platform(): that reads the Python binary
    _logger.info("PEEL Desktop %s on Python %s, %s %s %s", __version__,
                 platform.python_version(), system.system, system.release, system.machine)
    return _logger


def unexpected(error: BaseException, where: str) -> str:
    """Log an unexpected failure with its traceback; returns the sentence to show the user.

    The exception's message is not logged (it may quote what the reviewer wrote); its type
    and the code locations are.
    """
    setup()
    frames = "".join(traceback.format_tb(error.__traceback__))
    kind = type(error).__name__
    if isinstance(error, ImportError) and error.name:  # a module name: code, not content
        kind += f" ({error.name})"
    _logger.error("%s failed: %s\n%s", where, kind, frames)
    return (f"Something went wrong ({type(error).__name__}). Nothing saved before was lost. "
            f"Details for support are in {log_path()}.")
