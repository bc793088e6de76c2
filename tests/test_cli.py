"""The command line as analysts script it: output shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peel_desktop.arguments import build_parser, parse
from peel_desktop.main import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def state(path: Path) -> bytes:
    """The database's content: main file plus any write-ahead log, byte for byte."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_import_all_seeds_then_grades_json_shape(capsys, db_path, seeds_dir):
    code, out, err = run(capsys, "--db", db_path, "import", *sorted(seeds_dir.glob("0*.txt")))
    assert code == 0, err
    assert out.count("imported as report") == 5
    code, out, _ = run(capsys, "--db", db_path, "grades", "--force", "LEIC", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"force", "inspections", "judgments"}
    assert set(data["inspections"][0]) == {"cycle", "scale", "stated_grade_counts", "reports"}
    for judgment in data["judgments"]:
        assert set(judgment) == {"cycle", "level", "pillar", "question", "theme", "grade",
                                 "status", "last_inspected", "source"}
        assert set(judgment["source"]) == {"report", "page", "paragraph", "quote"}
        assert judgment["level"] in {"pillar", "question"}
        assert judgment["status"] in {"graded", "carried_over", "ungraded"}


def test_grades_readable_matrix(capsys, seeded_db_path):
    code, out, _ = run(capsys, "--db", seeded_db_path, "grades", "--force", "leicestershire")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Leicestershire Police")
    assert "2014" in lines[1] and "2018/19" in lines[1]
    prevention = next(line for line in lines if line.startswith("Preventing crime"))
    assert "Good (carried over from 2016)" in prevention
    assert "good in 4, adequate in 2, requires improvement in 2" in out


def test_findings_json(capsys, seeded_db_path):
    code, out, _ = run(capsys, "--db", seeded_db_path, "findings", "--force", "Leic", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["force"] == "Leicestershire Police"
    own = [f for f in data["findings"] if f["cycle"] == "2018/19"]
    assert len(own) == 4  # the report's four areas for improvement
    assert own[0]["source"]["page"] == 10 and own[0]["status"] == "open"
    earlier = [f for f in data["findings"] if f["cycle"] == "2017"]
    assert len(earlier) == 6  # the 2017 areas for improvement the report refers back to
    assert all(f["referenced"] and f["source"]["report"].endswith("2018/19 inspection report")
               for f in earlier)


def test_findings_filtered_by_status(capsys, seeded_db_path):
    code, out, _ = run(capsys, "--db", seeded_db_path, "findings", "--force", "Leic",
                       "--status", "closed", "--json")
    assert code == 0
    closed = json.loads(out)["findings"]
    assert {f["status"] for f in closed} == {"closed"} and len(closed) == 3
    assert all(f["status_source"]["quote"] for f in closed)
    code, out, _ = run(capsys, "--db", seeded_db_path, "findings", "--force", "Leic",
                       "--coming-back")
    assert code == 0
    assert "6 findings tracked" in out and "raised in 2017, 2018/19" in out


def test_reports_and_forces_json(capsys, seeded_db_path):
    code, out, _ = run(capsys, "--db", seeded_db_path, "reports", "--json")
    assert code == 0
    reports = json.loads(out)["reports"]
    assert len(reports) == 5
    assert set(reports[0]) == {"id", "title", "force", "cycle", "kind", "published", "pages"}
    news = next(r for r in reports if r["kind"] == "news_article")
    assert (news["cycle"], news["published"], news["pages"]) == ("2023-25", "2024-12-05", 0)
    full = next(r for r in reports if r["cycle"] == "2018/19")
    assert full["pages"] == 49
    code, out, _ = run(capsys, "--db", seeded_db_path, "forces", "--json")
    names = [f["name"] for f in json.loads(out)["forces"]]
    assert "Leicestershire Police" in names and "Durham Constabulary" in names


def test_reimporting_the_same_file_changes_nothing(capsys, db_path, seed):
    run(capsys, "--db", db_path, "import", seed("report_2018_19"))
    before = state(db_path)
    code, out, _ = run(capsys, "--db", db_path, "import", seed("report_2018_19"))
    assert code == 0
    assert "already imported" in out
    assert state(db_path) == before


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"\n \n\t\n", "the file is empty"),
        ("binary.txt", bytes(range(256)) * 10, "binary, not text"),
        ("recipe.txt", (FIXTURES / "not-a-report.txt").read_bytes(), "not a PEEL inspection"),
        ("anon.txt", (FIXTURES / "no-force-named.txt").read_bytes(), "no police force"),
        ("undated.txt", (FIXTURES / "no-cycle-stated.txt").read_bytes(), "cycle it belongs to"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "damaged or incomplete"),
    ],
)
def test_bad_file_one_line_nonzero_exit_database_unchanged(
    capsys, db_path, write_report, name, content, reason
):
    path = write_report(name, content)
    before = state(db_path)
    code, out, err = run(capsys, "--db", db_path, "import", path)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"peel-desktop: {name}: ")
    assert reason in err
    assert "Traceback" not in err
    assert state(db_path) == before


def test_missing_file_and_folder(capsys, db_path, tmp_path):
    code, _, err = run(capsys, "--db", db_path, "import", tmp_path / "nope.txt")
    assert code == 1 and "nope.txt: the file does not exist." in err
    code, _, err = run(capsys, "--db", db_path, "import", tmp_path)
    assert code == 1 and "is a folder" in err


def test_one_bad_file_does_not_stop_the_good_ones(capsys, db_path, seed, write_report):
    bad = write_report("bad.txt", b"")
    code, out, err = run(capsys, "--db", db_path, "import", bad, seed("summary_2017"))
    assert code == 1
    assert "bad.txt: the file is empty" in err
    assert "imported as report 1" in out


def test_force_names_ambiguous_and_unknown(capsys, seeded_db_path):
    code, _, err = run(capsys, "--db", seeded_db_path, "grades", "--force", "shire")
    assert code == 1 and "matches several forces" in err
    code, _, err = run(capsys, "--db", seeded_db_path, "grades", "--force", "Gwent")
    assert code == 1 and "No force matching 'Gwent'" in err
    code, out, _ = run(capsys, "--db", seeded_db_path, "grades", "--force", "west mid", "--json")
    assert code == 0 and json.loads(out)["force"] == "West Midlands Police"


def test_not_a_database_is_refused_and_left_alone(capsys, tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"These are my notes, not a database." * 100)
    before = path.read_bytes()
    code, _, err = run(capsys, "--db", path, "reports")
    assert code == 1
    assert "notes.sqlite cannot be opened: it is not an SQLite database. It has not been changed" in err
    assert path.read_bytes() == before


def test_usage_errors_are_one_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["grades"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err


def test_installed_entry_point_runs(tmp_path, seed):
    db = tmp_path / "x.sqlite"
    exe = Path(sys.executable).with_name("peel-desktop")
    result = subprocess.run(
        [str(exe), "--db", str(db), "import", str(seed("press_2016"))],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "PEEL 2016 press release" in result.stdout


@pytest.mark.parametrize("argv", [[], ["--db", "reviews.sqlite"], ["--db=reviews.sqlite"],
                                  ["--db", "My reviews/peel.sqlite"]])
def test_a_window_start_is_read_as_the_whole_grammar_reads_it(argv):
    # the window's start skips building the commands' parsers; it must mean the same
    assert parse(argv) == build_parser().parse_args(argv)
    assert parse(argv).command is None


def test_help_commands_and_mistakes_still_meet_the_whole_grammar(capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse(["--help"])
    assert exit_info.value.code == 0
    assert "screenshot" in capsys.readouterr().out  # the commands are listed
    assert parse(["--db", "x.sqlite", "forces"]).command == "forces"
    for argv in (["--db"], ["--db", "--json"], ["--db", "x.sqlite", "--nonsense"]):
        with pytest.raises(SystemExit) as exit_info:
            parse(argv)
        assert exit_info.value.code == 2
        assert capsys.readouterr().err.count("\n") == 1
