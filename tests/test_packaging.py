"""The double-click application: build the PyInstaller bundle and smoke-test the frozen app.

Slow (about a minute: it installs PyInstaller and builds); developers skip it with
``pytest -m "not packaging"``. CI runs it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.packaging
def test_the_frozen_app_starts_imports_exports_and_draws_its_window():
    result = subprocess.run([str(ROOT / "packaging" / "build")], cwd=ROOT, capture_output=True,
                            text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "smoke test passed" in result.stdout
    for step in ("--version", "first start loads the default data", "import a PDF report",
                 "export a briefing pack (PDF)", "export a briefing pack (Word)",
                 "screenshot of the window", "window starts, paints and exits"):
        assert f"ok  {step}" in result.stdout
    bundle = ROOT / "dist" / "peel-desktop"
    assert (bundle / "share" / "uk.peel_desktop.PeelDesktop.desktop").is_file()
    assert (bundle / "_internal" / "resources" / "framework" / "cycles.json").is_file()
    # what a reviewer downloads and unpacks onto a locked-down laptop
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    assert size <= 130 * 10**6, f"the bundle is {size:,} bytes\n" + result.stdout[-2000:]
