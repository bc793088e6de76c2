"""The database: migrations, atomic imports, refusal to touch what it does not understand."""

from __future__ import annotations

import stat

import pytest
from sqlite_utils.db import Table

from peel_desktop.domain import PeelError
from peel_desktop.services import library
from peel_desktop.services.library import Workspace
from peel_desktop.storage import migrations, repository

TABLES = ("reports", "passages", "judgments", "findings", "grade_counts")


def counts(ws) -> dict[str, int]:
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_schema_comes_from_recorded_migrations(ws):
    applied = [r[0] for r in ws.db.execute("SELECT name FROM _sqlite_migrations")]
    assert applied[0] == "0001_initial"
    assert applied == [p.stem for p in migrations.migration_files()]
    assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ws.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_database_from_a_newer_version_is_refused(db_path, framework):
    ws = Workspace.open(db_path, framework=framework)
    with ws.db.atomic():
        ws.db["_sqlite_migrations"].insert(
            {"migration_set": "peel_desktop", "name": "9999_future", "applied_at": "2030"}
        )
    ws.close()
    with pytest.raises(PeelError, match="made by a newer version"):
        Workspace.open(db_path, framework=framework)


def test_failed_import_leaves_the_database_as_it_was(ws, seed, monkeypatch):
    library.import_file(ws, seed("summary_2017"))
    before = counts(ws)
    real_insert_all = Table.insert_all

    def fail_on_last_write(self, records, *args, **kwargs):
        if self.name == "grade_counts":  # the import's last write: all else is already in
            raise OSError(28, "No space left on device")
        return real_insert_all(self, records, *args, **kwargs)

    monkeypatch.setattr(Table, "insert_all", fail_on_last_write)
    with pytest.raises(OSError, match="No space left"):
        library.import_file(ws, seed("report_2018_19"))
    assert counts(ws) == before
    monkeypatch.undo()
    outcome = library.import_file(ws, seed("report_2018_19"))
    assert not outcome.duplicate and outcome.findings == 10  # 4 of its own, 6 from 2017


def test_new_database_is_private_to_the_user(tmp_path, framework):
    path = tmp_path / "private" / "peel.sqlite"
    Workspace.open(path, framework=framework).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_migration_statements_keep_triggers_whole():
    sql = """
    CREATE TABLE a (x); -- note; with a semicolon
    CREATE TRIGGER t AFTER INSERT ON a BEGIN
        INSERT INTO a VALUES (1);
        INSERT INTO a VALUES (2);
    END;
    """
    parts = migrations.statements(sql)
    assert len(parts) == 2
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")


def test_passages_keep_the_report_text_by_page(seeded_ws):
    report = next(r for r in repository.reports(seeded_ws.db) if r["cycle"] == "2018/19")
    passages = repository.passages_of(seeded_ws.db, report["id"])
    assert passages[0]["text"] == "What this report contains"
    assert {p["page"] for p in passages} == set(range(1, 50))
    # One stray "11" on one page is not a numbering scheme: no labels are invented.
    assert not any(p["page_label"] for p in passages)


def test_the_framework_tables_follow_the_framework_and_are_not_rewritten_when_it_is_the_same(
        db_path, framework):
    from dataclasses import replace

    from peel_desktop.storage.database import open_database, sync_framework

    db = open_database(db_path, framework)
    try:
        before = db.conn.total_changes
        sync_framework(db, framework)  # as at every open: nothing has changed
        assert db.conn.total_changes == before
        renamed = replace(framework, themes=tuple(
            replace(t, label="Investigating crime (renamed)") if t.key == "investigation" else t
            for t in framework.themes))
        sync_framework(db, renamed)  # an upgrade brings another wording
        [label] = db.execute("SELECT label FROM themes WHERE key = 'investigation'").fetchone()
        assert label == "Investigating crime (renamed)"
        after = db.conn.total_changes
        sync_framework(db, renamed)
        assert db.conn.total_changes == after
    finally:
        db.close()
