"""PEEL Desktop: review HMICFRS PEEL inspection reports offline."""

__version__ = "0.1.0"
