"""One writer, really (issue 17): the write lock holds against two copies started together,
against the database reached through a symbolic or a hard link, and never locks the reviewer
out because of what a lock file says (a reused process id, a huge one, junk)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import safety

HOLD = ("import sys, time\n"
        "from peel_desktop.services.workspace import Workspace\n"
        "from peel_desktop.storage.safety import DatabaseInUse\n"
        "go = sys.argv[2]\n"
        "while go != '-' and not __import__('os').path.exists(go):\n"
        "    time.sleep(0.001)\n"
        "try:\n"
        "    ws = Workspace.open(sys.argv[1], lock=True)\n"
        "except DatabaseInUse:\n"
        "    print('in use', flush=True)\n"
        "    sys.exit(0)\n"
        "print('open', flush=True)\n"
        "time.sleep(float(sys.argv[3]))\n")


def _holder(path, go="-", hold=30.0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(go), str(hold)],
                            stdout=subprocess.PIPE, text=True)


def test_two_copies_started_together_never_both_write(template_db, tmp_path):
    import shutil

    for n in range(8):
        db = shutil.copy(template_db, tmp_path / f"race-{n}.sqlite")
        go = tmp_path / f"go-{n}"
        pair = [_holder(db, go, hold=3), _holder(db, go, hold=3)]
        time.sleep(1.0)  # both are waiting at the start line
        go.write_text("go")
        said = sorted(p.stdout.readline().strip() for p in pair)
        for p in pair:
            p.kill()
            p.wait()
        assert said == ["in use", "open"], f"pair {n}: {said}"


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_a_link_to_the_database_is_the_same_lock(seeded_db_path, tmp_path, link):
    other = tmp_path / "elsewhere"
    other.mkdir()
    alias = other / "alias.sqlite"
    if link == "symbolic":
        alias.symlink_to(seeded_db_path)
    else:
        os.link(seeded_db_path, alias)
    holder = _holder(seeded_db_path)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(safety.DatabaseInUse, match=f"process {holder.pid}"):
            Workspace.open(alias, lock=True)
    finally:
        holder.kill()
        holder.wait()
    Workspace.open(alias, lock=True).close()  # and free again once the holder has gone


@pytest.mark.parametrize("says", [
    {"pid": os.getppid(), "host": "__host__", "since": "2026-01-01T09:00:00"},  # reused pid
    {"pid": 10**40, "host": "__host__", "since": "now"},
    {"pid": "twelve", "host": None},
    "not json at all",
])
def test_what_a_lock_file_says_never_locks_the_reviewer_out(seeded_db_path, says):
    import socket

    text = says if isinstance(says, str) else json.dumps(says).replace(
        "__host__", socket.gethostname())
    for path in (safety.lock_path(seeded_db_path),
                 seeded_db_path.with_name(seeded_db_path.name + ".lock")):
        path.write_text(text)  # left by a process that died, or written by hand
    ws = Workspace.open(seeded_db_path, lock=True)
    ws.close()
    assert safety.holder(seeded_db_path) is None


def test_a_holder_whose_details_are_junk_is_still_told_in_one_sentence(seeded_db_path):
    holder = _holder(seeded_db_path)
    try:
        assert holder.stdout.readline().strip() == "open"
        with open(safety.lock_path(seeded_db_path), "r+b") as handle:
            handle.seek(16)
            handle.write(b'{"pid": 99999999999999999999, "host": ')  # torn, huge
        with pytest.raises(safety.DatabaseInUse) as found:
            Workspace.open(seeded_db_path, lock=True)
        message = str(found.value)
        assert message.endswith("it can be opened read-only.") and message.count(". ") == 0
    finally:
        holder.kill()
        holder.wait()
