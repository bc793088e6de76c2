"""The only package that imports PySide6: application bootstrap, windows, views, models."""
