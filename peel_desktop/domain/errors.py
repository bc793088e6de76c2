"""Errors the services raise; each carries a message fit to show a reviewer."""


class PeelError(Exception):
    """Base class: ``str(error)`` is one clear sentence for the user."""


class ImportRejected(PeelError):
    """A file could not be imported; nothing was written.

    ``file_name`` is the base name of the file, ``reason`` says why in plain words.
    """

    def __init__(self, file_name: str, reason: str) -> None:
        super().__init__(f"{file_name}: {reason}")
        self.file_name = file_name
        self.reason = reason


class NotFound(PeelError):
    """A force, report or question the user named does not exist in the database."""
