"""Another process reading the database while the app has it open never loses the app's work.

The app keeps connections open for as long as the window is open, and opens more on worker
threads. POSIX advisory locks belong to the process: closing *any* file descriptor on the
database file drops all of them, so a check that opens the file outside SQLite once made a
command-line reader believe it was the last user, checkpoint and delete the write-ahead log
under the window, and the database was found emptied at quit.
"""

from __future__ import annotations

import subprocess
import sys

from peel_desktop.services import library
from peel_desktop.services.workspace import Workspace
from peel_desktop.storage import repository, safety


def _cli(db_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peel_desktop", "--db", str(db_path), *args],
                          capture_output=True, text=True, timeout=120)


def test_a_command_line_reader_while_the_app_writes_loses_nothing(db_path, seed):
    window = Workspace.open(db_path, lock=True)  # the window's connection, open throughout
    worker = Workspace.open(db_path)  # an import on a worker thread opens its own
    library.import_file(worker, seed("summary_2017"))
    worker.close()

    listed = _cli(db_path, "reports")
    assert listed.returncode == 0, listed.stderr
    assert "PEEL 2017 force summary" in listed.stdout

    worker = Workspace.open(db_path)
    library.import_file(worker, seed("press_2016"))
    worker.close()
    assert len(repository.reports(window.db)) == 2  # the window still sees both
    window.close()  # quitting

    reopened = Workspace.open(db_path)
    assert sorted(r["kind"] for r in repository.reports(reopened.db)) == [
        "force_summary", "press_release"]
    reopened.close()


def test_the_integrity_check_keeps_the_processes_locks(db_path):
    """What went wrong, directly: after a check, another process must still be unable to
    take the database for itself while this process has it open."""
    held = Workspace.open(db_path)
    held.db.execute("SELECT count(*) FROM reports").fetchone()
    assert safety.check(db_path) is None
    try:
        # In WAL mode every open connection holds a shared lock on the database file; a
        # process that can take it exclusively would think it is alone and delete the log.
        exclusive = subprocess.run(
            [sys.executable, "-c",
             "import fcntl, sys\n"
             "f = open(sys.argv[1], 'rb+')\n"
             "try:\n"
             "    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 1073741824 + 2)\n"
             "    print('took it')\n"
             "except OSError:\n"
             "    print('refused')\n", str(db_path)], capture_output=True, text=True)
        assert exclusive.stdout.strip() == "refused"
    finally:
        held.close()


def test_a_file_that_is_not_a_database_is_still_told_apart(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("my shopping list", encoding="utf-8")
    assert safety.check(path) == "it is not an SQLite database"
