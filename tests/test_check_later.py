"""The integrity check off the start-up path: a file exactly as it was left after passing its
check opens first and is checked straight after; anything else is checked before it opens."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import safety


def _left_cleanly(path) -> None:
    ws = Workspace.open(path, lock=True)  # nothing recorded yet: checked before it opens
    assert ws.checked
    ws.close()


def test_a_file_left_as_it_passed_opens_before_its_check(seeded_db_path):
    _left_cleanly(seeded_db_path)
    assert safety.unchanged_since_checked(seeded_db_path)
    ws = Workspace.open(seeded_db_path, lock=True, check_later=True)
    assert not ws.checked
    assert ws.db.execute("SELECT count(*) FROM reports").fetchone()[0] == 5
    assert ws.check() is None and ws.checked
    ws.close()
    assert safety.unchanged_since_checked(seeded_db_path)


def test_a_file_changed_by_another_program_is_checked_before_it_opens(seeded_db_path):
    _left_cleanly(seeded_db_path)
    other = sqlite3.connect(seeded_db_path)
    other.execute("CREATE TABLE scratch (x)")
    other.commit()
    other.close()
    assert not safety.unchanged_since_checked(seeded_db_path)
    ws = Workspace.open(seeded_db_path, lock=True, check_later=True)
    assert ws.checked
    ws.close()


def test_after_a_crash_the_next_start_checks_first(seeded_db_path):
    _left_cleanly(seeded_db_path)
    crashed = subprocess.run(
        [sys.executable, "-c", "import os, sys\n"
         "from peel_desktop.services.workspace import Workspace\n"
         "ws = Workspace.open(sys.argv[1], lock=True, check_later=True)\n"
         "ws.db.execute(\"INSERT OR REPLACE INTO meta VALUES ('crashed', 'yes')\")\n"
         "os._exit(9)", str(seeded_db_path)], capture_output=True, text=True)
    assert crashed.returncode == 9, crashed.stderr
    assert not safety.unchanged_since_checked(seeded_db_path)  # its write-ahead log is left
    ws = Workspace.open(seeded_db_path, lock=True, check_later=True)
    assert ws.checked
    ws.close()


def test_damage_that_keeps_size_and_time_is_still_refused(seeded_db_path):
    _left_cleanly(seeded_db_path)
    before = os.stat(seeded_db_path)
    data = bytearray(seeded_db_path.read_bytes())
    for offset in range(len(data) - 20 * 4096, len(data), 4096):  # the last pages: passages
        data[offset + 100:offset + 400] = os.urandom(300)
    seeded_db_path.write_bytes(bytes(data))
    os.utime(seeded_db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert safety.unchanged_since_checked(seeded_db_path)  # nothing outside tells it
    ws = Workspace.open(seeded_db_path, lock=True, check_later=True)
    problem = ws.check()
    assert problem and ("integrity check failed" in problem or "cannot be read" in problem)
    assert not ws.checked
    ws.close()
    assert not safety.unchanged_since_checked(seeded_db_path)
    assert seeded_db_path.read_bytes() == bytes(data)  # left as it was found


def test_a_read_only_open_records_nothing(seeded_db_path):
    ws = Workspace.open(seeded_db_path, read_only=True)
    ws.close()
    assert not safety.unchanged_since_checked(seeded_db_path)
