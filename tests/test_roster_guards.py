"""Issue 12, points 8 and 9: a truncated roster never deletes students, and hostile roster
files are refused in bounded memory.

The truncated roster is the shape of a failed SIS export: users.csv cut to its first 5 rows,
enrollments.csv with its header only, over the demo school (real codes, real records).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from staff_fixtures import small_catalog, take

from citizenship_app.core import assignments, auth, people, records
from citizenship_app.core.access import SYSTEM
from citizenship_app.core.demo import DEMO_STUDENT_PIN
from citizenship_app.core.paths import DEMO_ROSTER
from citizenship_app.core.roster import MAX_FIELD_CHARS, MAX_FILE_BYTES, import_roster, roster_summary
from citizenship_app.core.store import open_store, set_setting

ROOT = Path(__file__).resolve().parents[1]
DEMO_USERS, DEMO_ENROLLMENTS = 32, 31


def dump(db) -> dict[str, list]:
    return {
        t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in (
            "orgs",
            "academic_sessions",
            "courses",
            "classes",
            "people",
            "enrollments",
            "quiz_attempts",
            "completions",
        )
    }


def truncated(target: Path) -> Path:
    """The demo roster as a failed SIS export leaves it."""
    shutil.copytree(DEMO_ROSTER, target)
    users = (target / "users.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (target / "users.csv").write_text("".join(users[:6]), encoding="utf-8")  # header + 5 rows
    header = (target / "enrollments.csv").read_text(encoding="utf-8").splitlines(keepends=True)[0]
    (target / "enrollments.csv").write_text(header, encoding="utf-8")
    return target


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "citizenship_app.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def backups(data_dir: Path) -> list[Path]:
    folder = data_dir / "backups"
    return sorted(folder.glob("*roster*.sqlite3")) if folder.exists() else []


@pytest.fixture(autouse=True)
def district_store(request):
    """The demo data directory stands for a district's own store here: its rows are real
    people (the demo school itself may be replaced without --allow-removals, tested below)."""
    if "demo_dir" in request.fixturenames:
        db = open_store(request.getfixturevalue("demo_dir"))
        set_setting(db, "demo", "0")
        db.conn.close()


@pytest.fixture
def cat(tmp_path):
    return small_catalog(tmp_path / "content")


# --------------------------------------------------------------------------- point 8


def test_a_truncated_roster_is_refused_with_the_counts_and_changes_nothing(demo_dir, tmp_path):
    db = open_store(demo_dir)
    before = dump(db)
    db.conn.close()
    roster = truncated(tmp_path / "cut")

    done = cli("--data-dir", str(demo_dir), "roster", "import", str(roster))
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr  # one line, no traceback
    assert "27 of the 32 people" in lines[0] and "31 of the 31 enrollments" in lines[0]
    assert "--allow-removals" in lines[0]

    as_json = cli("--data-dir", str(demo_dir), "roster", "import", str(roster), "--json")
    assert as_json.returncode == 1
    out = json.loads(as_json.stdout)
    assert out["imported"] == {} and out["refused"] == "removals" and out["backup"] is None
    assert out["removals"] == {
        "orgs": 0,
        "academicSessions": 0,
        "courses": 0,
        "classes": 0,
        "users": 27,
        "enrollments": 31,
    }
    assert out["held"]["users"] == DEMO_USERS and out["held"]["enrollments"] == DEMO_ENROLLMENTS
    assert len(out["errors"]) == 1 and "27 of the 32 people" in out["errors"][0]["message"]

    db = open_store(demo_dir)
    assert dump(db) == before
    db.conn.close()
    assert backups(demo_dir) == []


def test_allowed_removals_back_up_first_keep_history_and_a_reimport_restores(demo_dir, tmp_path, cat):
    db = open_store(demo_dir)
    alpha = cat.get("g35-alpha")
    last_week = (date.today() - timedelta(days=7)).isoformat()
    assignments.assign(db, "t-qureshi", "class-04", alpha, last_week)
    take(db, "s-260011", alpha)  # José passed
    take(db, "s-260012", alpha, right=False)  # Hana failed: overdue
    overdue = {r.person_id for r in records.overdue_records(db, SYSTEM, cat.modules.values())}
    assert "s-260012" in overdue
    attempts_before = db.execute("SELECT COUNT(*) FROM quiz_attempts").fetchone()[0]
    codes_before = dict(db.execute("SELECT sourced_id, code_hash FROM people").fetchall())
    db.conn.close()

    done = cli(
        "--data-dir",
        str(demo_dir),
        "roster",
        "import",
        str(truncated(tmp_path / "cut")),
        "--allow-removals",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["removals"]["users"] == 27 and out["removals"]["enrollments"] == 31
    # The backup was taken before the import: it holds everyone, active.
    [backup] = backups(demo_dir)
    assert out["backup"] == str(backup)
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT COUNT(*) FROM people WHERE status = 'active'").fetchone() == (DEMO_USERS,)
    copy.close()

    db = open_store(demo_dir)
    gone = db.execute("SELECT COUNT(*) FROM people WHERE status = 'tobedeleted'").fetchone()[0]
    assert (
        gone == 27 and db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == DEMO_USERS
    )  # none deleted
    assert db.execute("SELECT COUNT(*) FROM enrollments").fetchone()[0] == DEMO_ENROLLMENTS  # kept, marked
    assert roster_summary(db)["users"] == 5 and roster_summary(db)["enrollments"] == 0
    assert db.execute("SELECT COUNT(*) FROM quiz_attempts").fetchone()[0] == attempts_before
    assert db.execute("SELECT COUNT(*) FROM completions WHERE person_id = 's-260011'").fetchone() == (1,)
    # Out of sign-in lists and the overdue list; in the records and their export.
    assert people.class_students(db, "class-04") == []
    assert not auth.sign_in_student(db, "s-260011", DEMO_STUDENT_PIN).ok
    assert records.overdue_records(db, SYSTEM, cat.modules.values()) == []
    kept = records.records(db, SYSTEM, cat.modules.values())
    passed = [r for r in kept if r.person_id == "s-260011" and r.module_id == "g35-alpha"]
    assert passed and passed[0].status == "passed" and passed[0].class_id == "class-04"
    assert {"s-260011", "s-260012"} <= {r.person_id for r in kept}
    exported = io.StringIO()
    records.write_csv(
        records.records(db, SYSTEM, cat.modules.values(), records.RecordFilter(status="passed")), exported
    )
    assert "s-260011" in exported.getvalue()
    db.conn.close()

    # The next (complete) export brings them back, active, with the codes they had.
    again = cli("--data-dir", str(demo_dir), "roster", "import", str(DEMO_ROSTER), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["removals"] == dict.fromkeys(json.loads(again.stdout)["removals"], 0)
    db = open_store(demo_dir)
    assert roster_summary(db)["users"] == DEMO_USERS and roster_summary(db)["enrollments"] == DEMO_ENROLLMENTS
    assert dict(db.execute("SELECT sourced_id, code_hash FROM people").fetchall()) == codes_before
    assert auth.sign_in_student(db, "s-260011", DEMO_STUDENT_PIN).ok
    assert "s-260011" in [p.id for p in people.class_students(db, "class-04")]
    assert {r.person_id for r in records.overdue_records(db, SYSTEM, cat.modules.values())} == overdue
    db.conn.close()


def test_the_dry_run_reports_removals_without_refusing_and_a_delta_needs_no_flag(demo_db, tmp_path):
    before = dump(demo_db)
    checked = import_roster(demo_db, truncated(tmp_path / "cut"), dry_run=True)
    assert checked.errors == [] and checked.refused is None
    assert checked.removals["users"] == 27 and checked.removals["enrollments"] == 31
    assert checked.held["users"] == DEMO_USERS
    assert dump(demo_db) == before
    refused = import_roster(demo_db, tmp_path / "cut")
    assert refused.refused == "removals" and refused.imported == {} and dump(demo_db) == before


# --------------------------------------------------------------------------- point 9


#: Runs a command and prints its peak RSS (KB) and exit code. A child's ru_maxrss includes
#: what its parent had mapped when it forked (the high-water mark survives exec), so the
#: import is started from this small process, not from pytest (hundreds of MB with Qt).
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
sys.stderr.buffer.write(err)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def import_in_child(path: Path, data_dir: Path) -> tuple[float, int, str]:
    """(peak RSS MB, exit code, stderr) of `roster import PATH` in a child process."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            LAUNCHER,
            sys.executable,
            "-m",
            "citizenship_app.cli",
            "--data-dir",
            str(data_dir),
            "roster",
            "import",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    rss_kb, code = map(int, done.stdout.split())
    return rss_kb / 1024, code, done.stderr


def bomb(target: Path, mib: int = 190) -> Path:
    """The issue's zip: the demo roster with an enrollments.csv of 199 MB (one row repeated)."""
    row = b"e-kg-s-260001,,,class-kg,org-hv,s-260001,student,false,2026-08-26,2027-06-18\r\n"
    block = row * (1024 * 1024 // len(row))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(DEMO_ROSTER.iterdir()):
            if path.name != "enrollments.csv":
                out.write(path, path.name)
        with out.open("enrollments.csv", "w", force_zip64=True) as member:
            member.write((DEMO_ROSTER / "enrollments.csv").read_bytes().splitlines(keepends=True)[0])
            for _ in range(mib):
                member.write(block)
    return target


def test_a_zip_bomb_is_refused_clearly_in_bounded_memory(tmp_path):
    archive = bomb(tmp_path / "bomb.zip")
    assert archive.stat().st_size < 2_000_000
    peak, code, err = import_in_child(archive, tmp_path / "data")
    assert code == 1 and "Traceback" not in err
    assert err.startswith("enrollments.csv: the file is 199.2 MB, more than the 64.0 MB")
    assert peak < 300, f"peak RSS {peak:.0f} MB"
    db = open_store(tmp_path / "data")
    assert set(roster_summary(db).values()) == {0}
    db.conn.close()


def field_roster(target: Path, mb: int) -> Path:
    """The demo roster with one more users.csv row (line 34) whose quoted field runs `mb` MB
    to the end of the file: a quote never closed, and no line break."""
    shutil.copytree(DEMO_ROSTER, target)
    with open(target / "users.csv", "ab") as out:
        out.write(b's-big,,,true,org-hv,student,big,,Big,"')
        chunk = b"x" * 1_000_000
        for _ in range(mb):
            out.write(chunk)
    return target


@pytest.mark.parametrize(
    "mb, where",
    [
        (150, "users.csv: the file is 150.0 MB, more than the 64.0 MB"),
        (60, "users.csv:34: the line is longer than 1 MB"),
    ],
)
def test_a_huge_field_is_refused_in_bounded_memory(tmp_path, mb, where):
    peak, code, err = import_in_child(field_roster(tmp_path / "field", mb), tmp_path / "data")
    assert code == 1 and "Traceback" not in err
    assert err.startswith(where), err[:300]
    assert peak < 300, f"peak RSS {peak:.0f} MB"


def test_a_long_field_within_a_line_is_located_at_its_column(db_and_roster):
    db, roster = db_and_roster
    text = (roster / "users.csv").read_text(encoding="utf-8")
    (roster / "users.csv").write_text(
        text.replace(",Mateo,", f",{'M' * (MAX_FIELD_CHARS + 1)},", 1), encoding="utf-8"
    )
    result = import_roster(db, roster)
    assert [(e.file, e.line, e.column) for e in result.errors] == [("users.csv", 9, "givenName")]
    assert "characters" in result.errors[0].message


def test_a_quoted_field_over_many_lines_stops_at_the_field_limit(db_and_roster):
    db, roster = db_and_roster
    with open(roster / "users.csv", "a", encoding="utf-8", newline="") as out:
        out.write('s-big,,,true,org-hv,student,big,,Big,"' + ("y" * 1000 + "\n") * 300 + '",,,,,,,04,\r\n')
    result = import_roster(db, roster)
    assert [(e.file, e.line) for e in result.errors] == [("users.csv", 34)]
    assert "longer than" in result.errors[0].message


@pytest.fixture
def db_and_roster(tmp_path):
    store = open_store(tmp_path / "data")
    roster = tmp_path / "roster"
    shutil.copytree(DEMO_ROSTER, roster)
    yield store, roster
    store.conn.close()


def zipped(target: Path, extra: dict[str, bytes] | None = None, folder: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(DEMO_ROSTER.iterdir()):
            out.write(path, folder + path.name)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return target


@pytest.mark.parametrize(
    "extra, words",
    [
        ({"../../etc/users.csv": b"x"}, "outside"),
        ({"/abs/users.csv": b"x"}, "outside"),
        ({"inner.zip": b"PK\x05\x06" + b"\0" * 18}, "another zip"),
        ({f"junk/{n}.txt": b"" for n in range(300)}, "files"),
    ],
)
def test_unsafe_zip_entries_are_refused(tmp_path, extra, words):
    db = open_store(tmp_path / "data")
    result = import_roster(db, zipped(tmp_path / "r.zip", extra))
    assert len(result.errors) == 1 and words in result.errors[0].message, result.errors
    assert set(roster_summary(db).values()) == {0}
    db.conn.close()


def test_a_zip_member_larger_than_its_header_says_is_refused(tmp_path):
    archive = zipped(tmp_path / "r.zip")
    data = bytearray(archive.read_bytes())
    # Shrink enrollments.csv's uncompressed size in the central directory to 100 bytes.
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_len] == b"enrollments.csv":
            data[at + 24 : at + 28] = (100).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    archive.write_bytes(bytes(data))
    db = open_store(tmp_path / "data")
    result = import_roster(db, archive)
    assert [e.file for e in result.errors] == ["enrollments.csv"]
    assert "damaged" in result.errors[0].message
    db.conn.close()


def test_the_caps_are_documented_constants():
    from citizenship_app.core import roster

    assert MAX_FILE_BYTES == 64_000_000 and roster.MAX_TOTAL_BYTES == 80_000_000
    assert 4096 <= MAX_FIELD_CHARS <= 65536
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert f"| {roster.MAX_ROWS:,} |" in docs and f"| {MAX_FIELD_CHARS:,} characters |" in docs


def test_more_rows_than_the_cap_are_refused_at_the_row_that_passes_it(db_and_roster, monkeypatch):
    from citizenship_app.core import roster as module

    db, roster = db_and_roster
    monkeypatch.setattr(module, "MAX_ROWS", 40)  # orgs 2 + sessions 3 + courses 5 + classes 5 = 15
    result = import_roster(db, roster)
    assert [(e.file, e.line) for e in result.errors] == [("users.csv", 27)]
    assert "more than 40 rows" in result.errors[0].message


def test_files_larger_together_than_the_total_cap_are_refused(db_and_roster, monkeypatch):
    from citizenship_app.core import roster as module

    db, roster = db_and_roster
    monkeypatch.setattr(module, "MAX_TOTAL_BYTES", 5000)
    result = import_roster(db, roster)
    assert [(e.file, e.line) for e in result.errors] == [("users.csv", 0)]
    assert "together" in result.errors[0].message


def test_a_new_staff_member_may_take_the_username_of_one_removed(demo_db, tmp_path):
    """Removed people are kept; their username must not shadow the active holder's sign-in."""
    roster = tmp_path / "r"
    shutil.copytree(DEMO_ROSTER, roster)
    users = (roster / "users.csv").read_text(encoding="utf-8")
    users = users.replace(
        "t-okafor,,,true,org-hv,teacher,gokafor,", "t-okafor2,,,true,org-hv,teacher,gokafor,"
    )
    (roster / "users.csv").write_text(users, encoding="utf-8")
    enrollments = (
        (roster / "enrollments.csv").read_text(encoding="utf-8").replace(",t-okafor,", ",t-okafor2,")
    )
    (roster / "enrollments.csv").write_text(enrollments, encoding="utf-8")
    result = import_roster(demo_db, roster, allow_removals=True)
    assert result.errors == [] and result.removals["users"] == 1
    auth.set_staff_password(demo_db, "gokafor", "a new password for Grace")
    signed = auth.sign_in_staff(demo_db, "gokafor", "a new password for Grace")
    assert signed.ok and signed.person_id == "t-okafor2"


def test_a_damaged_member_is_reported_even_after_a_thousand_row_errors(tmp_path):
    """A zip whose enrollments.csv is 13,000 duplicate rows and then a bad CRC: the damage is
    what to fix first, so it is shown although the row errors filled the list."""
    row = b"e-kg-s-260001,,,class-kg,org-hv,s-260001,student,false,2026-08-26,2027-06-18\r\n"
    archive = tmp_path / "r.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for path in sorted(DEMO_ROSTER.iterdir()):
            if path.name != "enrollments.csv":
                out.write(path, path.name)
        out.writestr("enrollments.csv", (DEMO_ROSTER / "enrollments.csv").read_bytes() + row * 13_000)
    data = bytearray(archive.read_bytes())
    at = data.rfind(row)  # stored, not compressed: flip a byte of the last row
    data[at] ^= 0x01
    archive.write_bytes(bytes(data))
    db = open_store(tmp_path / "data")
    result = import_roster(db, archive)
    assert ("enrollments.csv", 0) in [(e.file, e.line) for e in result.errors]
    assert any("damaged" in e.message for e in result.errors if e.line == 0)
    db.conn.close()


def test_no_removal_without_its_backup(demo_db, demo_dir, tmp_path):
    """If the backup cannot be written, the removals are not written either. (The fault: a
    file where the backups folder should be, which stops root too.)"""
    before = dump(demo_db)
    shutil.rmtree(demo_dir / "backups", ignore_errors=True)
    (demo_dir / "backups").write_text("not a folder")
    result = import_roster(demo_db, truncated(tmp_path / "cut"), allow_removals=True)
    assert result.imported == {} and "could not be backed up" in result.errors[0].message
    assert dump(demo_db) == before


def test_a_real_roster_replaces_the_demo_school_without_the_flag(tmp_path):
    """The demo school is nobody's records: the district's first import over it needs no
    --allow-removals (its rows are kept inactive, as any removal), while a real roster cut
    short afterwards is refused again."""
    from citizenship_app.core.demo import load_demo

    db = open_store(tmp_path / "data")
    load_demo(db)
    real = tmp_path / "district"
    shutil.copytree(DEMO_ROSTER, real)
    for name in ("orgs", "academicSessions", "courses", "classes", "users", "enrollments"):
        path = real / f"{name}.csv"  # the same shape with the district's own ids
        path.write_text(
            path.read_text(encoding="utf-8")
            .replace("org-hv", "org-lake")
            .replace("s-26", "s-77")
            .replace("class-", "lake-class-")
            .replace("t-", "lt-")
            .replace("e-", "le-")
            .replace("a-whitfield", "la-whitfield"),
            encoding="utf-8",
        )
    checked = import_roster(db, real, dry_run=True)
    assert not checked.errors and not checked.needs_permission and checked.removals["users"] > 0
    result = import_roster(db, real)
    assert not result.errors and result.refused is None, result.errors
    assert (
        db.execute(
            "SELECT COUNT(*) FROM people WHERE sourced_id LIKE 's-26%' AND status = 'active'"
        ).fetchone()[0]
        == 0
    )
    lines = (real / "users.csv").read_text(encoding="utf-8").splitlines()
    (real / "users.csv").write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    (real / "enrollments.csv").write_text(
        (real / "enrollments.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    assert import_roster(db, real).refused == "removals"
    db.conn.close()


def test_an_enrollment_at_another_school_than_its_class_is_an_error_located_by_line(db_and_roster):
    """Reported: an enrollment whose school disagreed with its class's school let a counselor
    of one school see a student of another."""
    store, roster = db_and_roster
    orgs = (roster / "orgs.csv").read_text(encoding="utf-8")
    (roster / "orgs.csv").write_text(
        orgs.rstrip("\n") + "\norg-bay,,,Bayside Elementary,school,BAY,org-hvsd\n", encoding="utf-8"
    )
    lines = (roster / "enrollments.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",org-hv,", ",org-bay,")
    (roster / "enrollments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_roster(store, roster)
    assert [(e.file, e.line, e.column) for e in result.errors] == [("enrollments.csv", 4, "schoolSourcedId")]
    assert "'org-bay' is not the school of class 'class-kg' ('org-hv')" in result.errors[0].message
    assert store.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0  # nothing imported
