"""Every path the application reads or writes, in one place (frozen builds included), and the
name of the person it works for."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "PEEL Desktop"
APP_SLUG = "peel-desktop"


def user_name() -> str:
    """The reviewer's login name, found as ``getpass.getuser`` finds it (the LOGNAME, USER,
    LNAME or USERNAME variable, else the account database), or "reviewer" when there is none.
    getpass itself is not used: it loads the terminal module, which the window has no use for."""
    for key in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        name = os.environ.get(key)
        if name:
            return name
    try:
        import pwd  # (POSIX only)

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):
        return "reviewer"


def install_root() -> Path:
    """The folder holding ``resources/`` and ``db/``: the bundle in a frozen app."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def migrations_dir() -> Path:
    return install_root() / "db" / "migrations"


def framework_dir() -> Path:
    return resources_dir() / "framework"


def corpus_dir() -> Path:
    """The bundled default reports (HMICFRS texts under the OGL)."""
    return resources_dir() / "corpus"


def user_data_dir() -> Path:
    """Per-user data folder; ``PEEL_DESKTOP_DATA`` overrides it (tests, portable use)."""
    override = os.environ.get("PEEL_DESKTOP_DATA")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_SLUG, appauthor=False)


def default_db_path() -> Path:
    return user_data_dir() / "peel.sqlite"
