"""A writer for the kill test: streams annotation writes and imports, reporting each commit.

    python tests/crash_writer.py DB SEEDS_DIR START

Prints "annotation <id>" or "report <checksum>" after each write is committed, flushing at
once, so the parent knows exactly what the app claimed was saved when it killed it.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from peel_desktop.services import annotate, imports
from peel_desktop.services.workspace import Workspace


def main() -> None:
    db, seeds, start = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    ws = Workspace.open(db, lock=True)
    passages = [row[0] for row in ws.db.execute(
        "SELECT id FROM passages WHERE length(text) > 50 ORDER BY id LIMIT 200")]
    base = (seeds / "000_c186c04deb4d8cb5.txt").read_text(encoding="utf-8")
    folder = db.parent / "imports"
    folder.mkdir(exist_ok=True)
    n = start
    while True:
        n += 1
        if n % 7 == 0:  # an import: a new edition-sized text, unique each time
            path = folder / f"edition-{n}.txt"
            path.write_text(base + f"\nEdition note {n}.\n", encoding="utf-8")
            imports.import_path(ws, path)
            print("report", hashlib.sha256(path.read_bytes()).hexdigest(), flush=True)
            continue
        made = annotate.annotate_passage(ws, passage_id=passages[n % len(passages)], start=0,
                                         end=20, author="kill-test", note=f"write {n}")
        print("annotation", made.id, flush=True)


if __name__ == "__main__":
    main()
