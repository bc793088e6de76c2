"""The only package that talks SQL: database file, migrations, and the repository."""

from peel_desktop.storage.database import open_database

__all__ = ["open_database"]
