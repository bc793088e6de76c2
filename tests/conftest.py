"""Shared fixtures. Databases are built through the real migrations once, then copied."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Before Qt loads: no display is needed, and nothing touches the real user folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")  # as the app's windows paint (ui.theme)
os.environ["PEEL_DESKTOP_DATA"] = tempfile.mkdtemp(prefix="peel-test-data-")

import pytest

from peel_desktop.framework import default_framework
from peel_desktop.services.library import Workspace, import_file

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_FILES = {
    "summary_2017": "000_c186c04deb4d8cb5.txt",
    "report_2018_19": "001_5616e7982c9891c9.txt",
    "vfm_2014": "002_aeb1357512d760ca.txt",
    "news_2023_25": "003_c2abd03bf77bc40e.txt",
    "press_2016": "004_cf99fc2c7a81ae5c.txt",
}


@pytest.fixture(scope="session")
def framework():
    return default_framework()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"The seed documents are expected beside the project in {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed(seeds_dir):
    """seed('report_2018_19') → the path of that seed document."""
    return lambda name: seeds_dir / SEED_FILES[name]


@pytest.fixture(scope="session")
def template_db(tmp_path_factory, framework) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    Workspace.open(path, framework=framework).close()
    return path


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory, framework, seeds_dir) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "seeded.sqlite"
    ws = Workspace.open(path, framework=framework)
    for name in sorted(SEED_FILES.values()):
        import_file(ws, seeds_dir / name)
    ws.close()
    return path


def _copy(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    return target


@pytest.fixture
def db_path(tmp_path, template_db) -> Path:
    """An empty, fully migrated database file for this test."""
    return _copy(template_db, tmp_path / "peel.sqlite")


@pytest.fixture
def ws(db_path, framework):
    workspace = Workspace.open(db_path, framework=framework)
    yield workspace
    workspace.close()


@pytest.fixture
def seeded_db_path(tmp_path, seeded_template) -> Path:
    """A database holding all five seed documents."""
    return _copy(seeded_template, tmp_path / "seeded.sqlite")


@pytest.fixture
def seeded_ws(seeded_db_path, framework):
    workspace = Workspace.open(seeded_db_path, framework=framework)
    yield workspace
    workspace.close()


@pytest.fixture
def write_report(tmp_path):
    """write_report('name.txt', text) → a report file with that text (UTF-8)."""

    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write
