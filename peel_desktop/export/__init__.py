"""Renderers of the briefing pack: PDF (reportlab) and Word (python-docx). No Qt."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from peel_desktop.services import response
from peel_desktop.services.briefing import BriefingOptions, Pack, build, check_marking
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage.writes import write_private


def write(ws: Workspace, options: BriefingOptions, out: Path, *, reviewer: str,
          file_format: str = "pdf") -> tuple[Pack, int]:
    """Build, render and write the pack (private to the user, written whole or not at all).

    Returns the pack and the number of bytes written. Raises PeelError or NotFound.
    """
    pack = build(ws, options, reviewer)
    if file_format == "docx":
        from peel_desktop.export import docx as renderer
    else:
        from peel_desktop.export import pdf as renderer
    data = renderer.render(pack)
    _write_private(Path(out), data)
    return pack, len(data)


def write_response(ws: Workspace, report_id: int, out: Path, *, file_format: str = "pdf",
                   marking: str = "OFFICIAL", created: datetime | None = None) -> int:
    """Render the PCC's response to a report and write it (private, whole or not at all).
    Returns the number of bytes written. Raises PeelError or NotFound."""
    from peel_desktop.export import pcc_response as renderer

    check_marking(marking)
    answer = response.load(ws, report_id)
    options = renderer.Options(marking=marking, created=created)
    render = renderer.render_docx if file_format == "docx" else renderer.render_pdf
    data = render(answer, options)
    _write_private(Path(out), data)
    return len(data)


def _write_private(out: Path, data: bytes) -> None:
    write_private(out, data)
