"""Assignments made on any kiosk of a school reach every kiosk of that school (and no other),
through the statements each kiosk already sends and pulls (core.shared_assignments), against
the real hub on SQLite and PostgreSQL (test_sync's fixtures)."""

# ruff: noqa: F811 - the fixtures imported from test_sync are named as the tests' parameters

from __future__ import annotations

from pathlib import Path

from helpers import write_roster
from test_enrollment import base_url, kiosk, new_token, no_keyring  # noqa: F401 - a fixture
from test_sync import hub, module, pg_admin, pg_database, zygote  # noqa: F401 - fixtures

from citizenship_app.core import assignments, sync
from citizenship_app.core.access import SYSTEM
from citizenship_app.core.roster import import_roster
from citizenship_app.core.store import open_store


def school_roster(folder: Path, school: str, students: list[str]) -> Path:
    """A kiosk's roster: its own school only; at school-1, teacher t-1 teaches class-4a."""
    write_roster(folder, {school: students}, teachers={"t-1": "school-1"} if school == "school-1" else None)
    if school == "school-1":
        with open(folder / "enrollments.csv", "a", encoding="utf-8") as f:
            f.write("e-t1-4a,,,class-4a,school-1,t-1,teacher,true,,\r\n")
    else:  # write_roster gives its first school class-4a too; this school has only its own
        for name in ("classes", "enrollments"):
            path = folder / f"{name}.csv"
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            path.write_text("".join(line for line in lines if "class-4a" not in line), encoding="utf-8")
    return folder


def lab_kiosk(hub, capsys, tmp_path: Path, name: str, school: str, students: list[str]):
    db = open_store(tmp_path / name)
    assert import_roster(db, school_roster(tmp_path / f"roster-{name}", school, students), actor=SYSTEM).ok
    token = new_token(hub, capsys, "--school", school)["token"]
    status, _, err = kiosk(capsys, tmp_path / name, "enroll", base_url(hub), token, "--name", name)
    assert status == 0, err
    return db


def held(db) -> list[tuple]:
    return [
        (a.class_id, a.module_id, a.due_date)
        for a in assignments._active(db, "class-4a")  # what the class's students see
    ]


def round_ok(db) -> None:
    result = sync.sync_once(db)
    assert (result.error, result.quarantined, result.pending) == (None, 0, 0)


def test_an_assignment_made_on_one_kiosk_reaches_the_schools_other_kiosk_and_no_other_school(
    hub, tmp_path, module, capsys
):
    a = lab_kiosk(hub, capsys, tmp_path, "lab-a", "school-1", ["stu-0", "stu-1", "stu-2"])
    b = lab_kiosk(hub, capsys, tmp_path, "lab-b", "school-1", ["stu-0", "stu-1", "stu-2"])
    c = lab_kiosk(hub, capsys, tmp_path, "lab-c", "school-2", ["stu-9"])

    made = assignments.assign(a, "t-1", "class-4a", module, "2027-03-01")
    round_ok(a)
    for db in (b, c):
        round_ok(db)
    assert held(b) == [("class-4a", "g35-pw", "2027-03-01")]
    assert assignments._active(b, "class-4a")[0].id == made.id  # the same row, not a copy
    assert [r[0] for r in assignments.student_assignments(b, "stu-1") for r in [(r.module_id,)]] == ["g35-pw"]
    assert c.execute("SELECT COUNT(*) FROM assignments").fetchone() == (0,)  # another school

    # Changed on the other kiosk: back on the first (no statement of the first is voided by
    # the second, which the hub would refuse: nothing is quarantined).
    assignments.assign(b, "t-1", "class-4a", module, "2027-04-15")
    round_ok(b)
    round_ok(a)
    assert held(a) == [("class-4a", "g35-pw", "2027-04-15")]

    # Withdrawn on the first kiosk, whose row is now the second's revision: gone everywhere.
    assert assignments.unassign(a, "t-1", "class-4a", "g35-pw")
    round_ok(a)
    round_ok(b)
    round_ok(c)
    assert held(a) == [] and held(b) == []
    assert assignments.student_assignments(b, "stu-1") == []
    assert c.execute("SELECT COUNT(*) FROM assignments").fetchone() == (0,)

    # Assigned again on the second: back on the first; a later round changes nothing more.
    assignments.assign(b, "t-1", "class-4a", module, "2027-05-01")
    round_ok(b)
    round_ok(a)
    assert held(a) == [("class-4a", "g35-pw", "2027-05-01")]
    before = a.execute("SELECT * FROM assignments").fetchall()
    round_ok(a)
    assert a.execute("SELECT * FROM assignments").fetchall() == before
