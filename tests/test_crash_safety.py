"""Fault injection: kill the app mid-write, many times; nothing it reported saved is lost."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("crash_writer.py")


def _kill_run(db: Path, seeds: Path, rng: random.Random, start: int) -> tuple[int, int]:
    """One run: start the writer, kill it at a random moment; returns (writes, lost)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen([sys.executable, str(WRITER), str(db), str(seeds), str(start)],
                               stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    claimed: list[tuple[str, str]] = []
    wanted = rng.randint(0, 12)
    deadline = time.monotonic() + 60
    while len(claimed) < wanted and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line.endswith("\n") or len(line.split()) != 2:
            break
        claimed.append(tuple(line.split()))
    time.sleep(rng.random() * 0.05)  # land the kill anywhere in the next write
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # What was flushed before the kill landed. Only whole lines are claims: the kill may cut
    # the writer's last line, and a write it never finished reporting was never claimed.
    rest = process.stdout.read()
    for line in rest.split("\n")[:-1]:
        if len(line.split()) == 2:
            claimed.append(tuple(line.split()))
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = {r[0] for r in conn.execute("SELECT id FROM annotations")}
        reports = {r[0] for r in conn.execute("SELECT checksum FROM reports")}
    finally:
        conn.close()
    lost = sum(1 for kind, key in claimed
               if key not in (notes if kind == "annotation" else reports))
    return len(claimed), lost


def _kill_many(runs: int, seeded_db_path: Path, seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.sqlite"
    shutil.copy(seeded_db_path, db)
    rng = random.Random(8)
    writes = lost = 0
    for run in range(runs):
        w, n = _kill_run(db, seeds_dir, rng, start=run * 1000)
        writes, lost = writes + w, lost + n
    assert lost == 0
    assert writes > runs  # the kills landed among real writes
    print(f"\nkill test: {runs} kills, {writes} committed writes, {lost} lost")


def test_killed_mid_write_a_few_times_loses_nothing(seeded_db_path, seeds_dir, tmp_path):
    _kill_many(5, seeded_db_path, seeds_dir, tmp_path)


@pytest.mark.slow
def test_killed_mid_write_a_hundred_times_loses_nothing(seeded_db_path, seeds_dir, tmp_path):
    _kill_many(100, seeded_db_path, seeds_dir, tmp_path)
