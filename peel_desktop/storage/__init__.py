"""The only package that talks SQL: database file, migrations, and the repository."""

from peel_desktop.storage.database import open_database
from peel_desktop.storage.writes import SaveFailed, writing

__all__ = ["SaveFailed", "open_database", "writing"]
