"""The process's one PDFium engine.

PDFium is not thread-safe: calling it from two threads at once, even on different
documents, crashes or corrupts the process (pypdfium2's documentation says so, and a page
drawn for "Show original page" while a PDF was imported in the background did crash it).
Every use of pypdfium2 holds ``PDFIUM`` from opening the document to closing it, and closes
every object it made before letting go, so no finaliser runs PDFium later on another thread.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
