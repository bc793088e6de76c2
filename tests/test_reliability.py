"""Never lose a reviewer's work: upgrades, backups, damage, one writer, disk full, privacy."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from peel_desktop.domain import PeelError
from peel_desktop.main import main
from peel_desktop.services import annotate, areas, notes, response, search, tracker
from peel_desktop.services.library import resolve_force
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import SaveFailed, migrations, repository, safety

SCHEMAS = sorted((Path(__file__).parent / "fixtures" / "db").glob("schema-*.sqlite"))


def test_a_fixture_exists_for_every_schema_version():
    assert [p.stem for p in SCHEMAS] == [f"schema-{n:04d}" for n in
                                          range(1, len(migrations.migration_files()) + 1)]


@pytest.mark.parametrize("fixture", SCHEMAS, ids=[p.stem for p in SCHEMAS])
def test_every_older_database_upgrades_after_a_backup_and_keeps_its_data(tmp_path, fixture):
    db = tmp_path / "peel.sqlite"
    shutil.copy(fixture, db)
    ws = Workspace.open(db)
    try:
        applied = [r[0] for r in ws.db.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == [p.stem for p in migrations.migration_files()]
        assert ws.db.execute("SELECT title FROM reports").fetchone()[0].startswith(
            "Leicestershire Police")
        assert ws.db.execute("SELECT count(*) FROM passages").fetchone()[0] == 3
        assert search.search(ws, '"60 files"').total == 1  # the index was built on upgrade
        assert search.search(ws, '"60 files"', force="Leicestershire", cycle="2018/19",
                             kind="report").total == 1  # its filters, in the index
        assert search.search(ws, "disclosure", kind="finding").total == 1
        assert search.search(ws, '"60 files"', cycle="2014").total == 0
        if fixture.stem >= "schema-0002":
            assert [(c["field"], c["corrected"]) for c in repository.corrections_of(ws.db, 1)] \
                == [("grade", "outstanding")]
        if fixture.stem >= "schema-0004":
            assert annotate.get(ws, "fixture-note").note == "Kept across upgrades"
            assert search.search(ws, "upgrades", kind="note", force="Leicestershire").total == 1
        tracked = tracker.tracked(ws, "Leicestershire")
        assert [(t.text, t.status) for t in tracked] == [
            ("The force should train all officers about disclosure.", "open")]
        if fixture.stem >= "schema-0006":
            answer = response.load(ws, 1)
            assert (answer.published, answer.items[0].pcc_comment) == (
                "2019-05-02", "Kept across upgrades")
        if fixture.stem >= "schema-0009":  # an area a report named, and the reviewer's link
            (kept,) = areas.named_areas(ws)
            assert (kept.title, kept.theme, kept.linked_by) == (
                "Neighbourhood policing", "prevention", "fixture")
    finally:
        ws.close()
    upgraded = fixture.stem != SCHEMAS[-1].stem
    backups = safety.list_backups(db)
    assert bool(backups) == upgraded
    if upgraded:
        assert backups[0].reason == "before upgrade" and backups[0].reports == 1


def test_backups_rotate_and_restore_keeps_the_replaced_file(seeded_db_path):
    for n in range(4):
        safety.take_backup(seeded_db_path, f"test {n}", keep=3)
        time.sleep(0.01)
    held = safety.list_backups(seeded_db_path)
    assert [b.reason for b in held] == ["test 3", "test 2", "test 1"]
    assert held[0].reports == 5
    assert stat.S_IMODE(held[0].path.stat().st_mode) == 0o600
    ws = Workspace.open(seeded_db_path)
    force = resolve_force(ws, "Leic")
    place = notes.anchor_quote(ws, force.id, "2018/19", "60 files")
    annotate.annotate_passage(ws, passage_id=place["id"], start=place["start"],
                              end=place["end"], author="a", note="made after the backup")
    ws.close()
    aside = safety.restore(seeded_db_path, held[0].path)
    assert aside is not None and aside.exists()
    ws = Workspace.open(seeded_db_path)
    assert annotate.for_force(ws, force.id) == []  # the state of the backup
    ws.close()
    kept = Workspace.open(aside)
    assert [a.note for a in annotate.for_force(kept, force.id)] == ["made after the backup"]
    kept.close()


def test_a_damaged_database_is_refused_and_left_untouched(seeded_db_path, tmp_path):
    ws = Workspace.open(seeded_db_path)
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()
    data = bytearray(seeded_db_path.read_bytes())
    for offset in range(8192, len(data), 4096):  # scribble over every page but the first two
        data[offset + 100:offset + 400] = os.urandom(300)
    seeded_db_path.write_bytes(bytes(data))
    before = seeded_db_path.read_bytes()
    with pytest.raises(safety.DatabaseDamaged, match="It has not been changed"):
        Workspace.open(seeded_db_path)
    assert seeded_db_path.read_bytes() == before


def test_a_second_app_is_told_and_can_read_only(seeded_db_path, capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from peel_desktop.services.workspace import Workspace\n"
         "ws = Workspace.open(sys.argv[1], lock=True)\nprint('open', flush=True)\n"
         "time.sleep(60)", str(seeded_db_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(safety.DatabaseInUse, match=f"process {holder.pid}") as found:
            Workspace.open(seeded_db_path, lock=True)
        assert "opened read-only" in str(found.value)
        reader = Workspace.open(seeded_db_path, read_only=True)
        assert search.search(reader, "disclosure").total > 0  # reading works
        force = resolve_force(reader, "Leic")
        place = notes.anchor_quote(reader, force.id, "2018/19", "60 files")
        with pytest.raises(SaveFailed, match="open read-only"):
            annotate.annotate_passage(reader, passage_id=place["id"], start=0, end=5,
                                      author="a")
        reader.close()
        code = main(["--db", str(seeded_db_path), "annotate", "--force", "leic", "--cycle",
                     "2018/19", "--quote", "60 files", "--note", "x"])
        assert code == 1
        assert "is open in another PEEL Desktop" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    ws = Workspace.open(seeded_db_path, lock=True)  # the holder died: its lock went with it
    ws.close()
    assert safety.holder(seeded_db_path) is None
    assert not seeded_db_path.with_name(seeded_db_path.name + ".lock").exists()


def test_disk_full_says_so_and_loses_nothing(seeded_ws):
    force = resolve_force(seeded_ws, "Leic")
    place = notes.anchor_quote(seeded_ws, force.id, "2018/19", "60 files")
    kept = annotate.annotate_passage(seeded_ws, passage_id=place["id"], start=place["start"],
                                     end=place["end"], author="a", note="saved before")
    pages = seeded_ws.db.execute("PRAGMA page_count").fetchone()[0]
    seeded_ws.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    with pytest.raises(SaveFailed, match=r"the disk is full\. Nothing saved before was lost"):
        annotate.annotate_passage(seeded_ws, passage_id=place["id"], start=0, end=5,
                                  author="a", note="x" * 90_000)
    seeded_ws.db.execute(f"PRAGMA max_page_count = {pages * 10}")
    assert seeded_ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [a.id for a in annotate.for_force(seeded_ws, force.id)] == [kept.id]


def test_files_are_readable_by_the_user_only(seeded_db_path, tmp_path, capsys):
    from peel_desktop import support

    assert main(["--db", str(seeded_db_path), "annotate", "--force", "leic", "--cycle",
                 "2018/19", "--quote", "60 files", "--note", "private"]) == 0
    assert main(["--db", str(seeded_db_path), "import", *map(str, [
        Path(__file__).parent / "fixtures" / "kent-peel-2016-legitimacy-web.txt",
        Path(__file__).parent / "fixtures" / "cumbria-peel-2021-22-web.txt"])]) == 0
    assert main(["--db", str(seeded_db_path), "bundle", "export", str(tmp_path / "b.json")]) == 0
    assert main(["--db", str(seeded_db_path), "brief", "--force", "leic", "--out",
                 str(tmp_path / "p.pdf")]) == 0
    support.setup()
    made = [seeded_db_path, *safety.backups_dir(seeded_db_path).iterdir(), tmp_path / "b.json",
            tmp_path / "p.pdf", support.log_path()]
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    ws = Workspace.open(seeded_db_path)  # while open, SQLite's own files take the same mode
    for suffix in ("-wal", "-shm"):
        extra = seeded_db_path.with_name(seeded_db_path.name + suffix)
        assert stat.S_IMODE(extra.stat().st_mode) == 0o600, extra
    ws.close()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


def test_unexpected_errors_go_to_the_log_without_the_notes(seeded_db_path, capsys,
                                                           monkeypatch):
    from peel_desktop import support
    from peel_desktop.services import history

    secret = "SECRET-NOTE-TEXT"

    def broken(*args, **kwargs):
        raise ValueError(secret)

    monkeypatch.setattr(history, "grade_history", broken)
    assert main(["--db", str(seeded_db_path), "grades", "--force", "leic"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("peel-desktop: Something went wrong (ValueError).")
    assert "Traceback" not in err
    log = support.log_path().read_text(encoding="utf-8")
    assert "grades failed: ValueError" in log and "grade_history" in log
    assert secret not in log


def test_a_newer_database_is_never_downgraded(db_path):
    ws = Workspace.open(db_path)
    with ws.db.atomic():
        ws.db["_sqlite_migrations"].insert(
            {"migration_set": "peel_desktop", "name": "9999_future", "applied_at": "2030"})
    ws.close()
    before = db_path.read_bytes()
    with pytest.raises(PeelError, match="made by a newer version"):
        Workspace.open(db_path)
    assert db_path.read_bytes() == before
