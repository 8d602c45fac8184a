"""OneRoster import: what goes in, what is refused (and where), and that a refusal writes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citizenship_app.core import paths
from citizenship_app.core.roster import FILES, RosterError, grade_to_tier, import_roster, roster_summary
from citizenship_app.core.store import open_store

DEMO_COUNTS = {"orgs": 2, "academicSessions": 3, "courses": 5, "classes": 5, "users": 32, "enrollments": 31}
USERS_HEADER = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
)
ENROLLMENTS_HEADER = (
    "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
    "beginDate,endDate"
)


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def db(tmp_path):
    store = open_store(tmp_path / "data")
    yield store
    store.conn.close()


@pytest.fixture
def roster(tmp_path) -> Path:
    """A copy of the demo roster to edit."""
    return copy_demo(tmp_path / "roster")


def copy_demo(target: Path) -> Path:
    shutil.copytree(paths.DEMO_ROSTER, target)
    return target


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(folder: Path, name: str, *rows: str) -> None:
    with open(folder / name, "a", encoding="utf-8", newline="") as handle:
        handle.write("".join(row + "\r\n" for row in rows))


def line_of(folder: Path, name: str, start: str) -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def set_manifest(folder: Path, **modes: str) -> None:
    for name, mode in modes.items():
        text = (folder / "manifest.csv").read_text(encoding="utf-8")
        lines = [
            f"file.{name},{mode}" if line.startswith(f"file.{name},") else line for line in text.splitlines()
        ]
        (folder / "manifest.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def write_delta(folder: Path, files: dict[str, str]) -> Path:
    """A delta roster: manifest plus the given files (name -> text), every other file absent."""
    folder.mkdir(parents=True)
    modes = [f"file.{name},{'delta' if name in files else 'absent'}" for name in FILES]
    (folder / "manifest.csv").write_text(
        "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\n"
        + "\r\n".join(modes)
        + "\r\n",
        encoding="utf-8",
    )
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def user_row(
    sourced_id: str,
    given: str,
    family: str,
    *,
    role="student",
    grades="04",
    enabled="true",
    status="",
    username=None,
) -> str:
    username = username or sourced_id
    return f"{sourced_id},{status},,{enabled},org-hv,{role},{username},,{given},{family},,,,,,,{grades},"


def dump(db) -> dict[str, list]:
    return {
        t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("orgs", "academic_sessions", "courses", "classes", "people", "enrollments")
    }


def give_records(db, person_id: str) -> None:
    """A submitted attempt and its completion, as the quiz screen would write."""
    db.execute(
        "INSERT INTO quiz_attempts (id, person_id, module_id, question_order, started_at, submitted_at, "
        "correct, total, score, passed, pass_mark, machine) VALUES (?, ?, 'g35-private-info', 'q1', "
        "'2026-09-01T10:00:00Z', '2026-09-01T10:05:00Z', 1, 1, 100, 1, 80, 'lab-1')",
        [f"a-{person_id}", person_id],
    )
    db.execute(
        "INSERT INTO completions (id, person_id, module_id, attempt_id, score, completed_at, machine) "
        "VALUES (?, ?, 'g35-private-info', ?, 100, '2026-09-01T10:05:00Z', 'lab-1')",
        [f"c-{person_id}", person_id, f"a-{person_id}"],
    )
    db.conn.commit()


def person(db, person_id: str):
    return db.execute(
        "SELECT status, enabled, role, tier FROM people WHERE sourced_id = ?", [person_id]
    ).fetchone()


def located(result) -> set[tuple[str, int, str]]:
    return {(e.file, e.line, e.column) for e in result.errors}


# --------------------------------------------------------------------------- the demo school


def test_demo_roster_imports_with_the_expected_counts(db):
    result = import_roster(db, paths.DEMO_ROSTER)
    assert result.errors == []
    assert result.imported == DEMO_COUNTS
    assert roster_summary(db) == DEMO_COUNTS
    assert result.to_json() == {
        "imported": DEMO_COUNTS,
        "errors": [],
        "removals": dict.fromkeys(FILES, 0),
        "held": dict.fromkeys(FILES, 0),
        "refused": None,
        "backup": None,
    }


def test_demo_roster_maps_roles_grades_and_tiers(db):
    import_roster(db, paths.DEMO_ROSTER)
    tiers = dict(db.execute("SELECT grades, tier FROM classes").fetchall())
    assert tiers == {"KG": "k-2", "02": "k-2", "04": "3-5", "07": "6-8", "10": "9-12"}
    roles = dict(db.execute("SELECT role, COUNT(*) FROM people GROUP BY role").fetchall())
    assert roles == {"student": 25, "teacher": 6, "administrator": 1}
    zoe = db.execute(
        "SELECT given_name, grade, tier, identifier, org_ids, enabled, status, code_hash "
        "FROM people WHERE given_name = 'Zoë'"
    ).fetchone()
    assert zoe == ("Zoë", "02", "k-2", "260006", "org-hv", 1, "active", None)
    assert db.execute("SELECT tier FROM people WHERE role = 'teacher'").fetchone() == ("staff",)
    assert db.execute("SELECT school_id, term_ids FROM classes WHERE sourced_id = 'class-10'").fetchone() == (
        "org-hv",
        "term-2026-fall,term-2027-spring",
    )
    teachers = db.execute(
        "SELECT person_id, is_primary FROM enrollments WHERE class_id = 'class-10' "
        "AND role = 'teacher' ORDER BY person_id"
    ).fetchall()
    assert teachers == [("t-brennan", 1), ("t-kowalczyk", 0)]


def test_importing_the_same_roster_twice_changes_nothing(db):
    import_roster(db, paths.DEMO_ROSTER)
    before = dump(db)
    assert import_roster(db, paths.DEMO_ROSTER).errors == []
    assert dump(db) == before


@pytest.mark.parametrize(
    "grade, tier",
    [
        ("KG", "k-2"),
        ("PK", "k-2"),
        ("TK", "k-2"),
        ("01", "k-2"),
        ("02", "k-2"),
        ("03", "3-5"),
        ("05", "3-5"),
        ("06", "6-8"),
        ("08", "6-8"),
        ("09", "9-12"),
        ("12", "9-12"),
        ("IT", None),
        ("UG", None),
        ("Other", None),
        ("", None),
    ],
)
def test_grade_to_tier(grade, tier):
    assert grade_to_tier(grade) == tier


# --------------------------------------------------------------------------- text handling


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_bom_line_endings_quoted_fields_and_non_ascii_names(db, roster, newline):
    rows = [user_row("s-new", "Zoë", '"O\'Brien, ""Jr."""'), user_row("s-jose", "José", "Núñez")]
    text = (roster / "users.csv").read_text(encoding="utf-8") + "".join(r + "\r\n" for r in rows)
    data = ("\ufeff" + text.replace("\r\n", newline)).encode("utf-8")
    (roster / "users.csv").write_bytes(data)
    result = import_roster(db, roster)
    assert result.errors == []
    assert result.imported["users"] == 34
    names = db.execute(
        "SELECT given_name, family_name FROM people WHERE sourced_id IN ('s-new', 's-jose') "
        "ORDER BY sourced_id"
    ).fetchall()
    assert names == [("José", "Núñez"), ("Zoë", 'O\'Brien, "Jr."')]
    assert db.execute("SELECT COUNT(*) FROM people WHERE sourced_id LIKE '%\ufeff%'").fetchone() == (0,)


def test_a_quoted_field_over_two_lines_keeps_later_line_numbers_physical(db, roster):
    edit(roster, "classes.csv", "Kindergarten - Okafor", '"Kindergarten\r\n(Okafor)"')
    edit(roster, "classes.csv", "class-10,,,Grade 10 - Brennan,10,", "class-10,,,Grade 10 - Brennan,10th,")
    result = import_roster(db, roster)
    assert located(result) == {("classes.csv", 7, "grades")}  # line 6 in the file as shipped


# --------------------------------------------------------------------------- located errors


ROW_ERRORS = [
    # (file, start of the row to change, old, new, column, words the message must hold)
    ("users.csv", "s-260001", ",student,", ",learner,", "role", "use one of administrator, aide"),
    ("users.csv", "s-260001", ",KG,", ",K,", "grades", "use KG"),
    ("users.csv", "s-260011", ",04,", ",4,", "grades", "use two digits: 04"),
    ("users.csv", "s-260001", ",true,", ",yes,", "enabledUser", "use true or false"),
    ("users.csv", "s-260001", ",Mateo,", ",,", "givenName", "givenName is empty"),
    (
        "users.csv",
        "s-260001",
        ",org-hv,",
        ",org-nowhere,",
        "orgSourcedIds",
        "'org-nowhere' is not in orgs.csv",
    ),
    ("orgs.csv", "org-hv", ",school,", ",campus,", "type", "use one of department, school"),
    ("academicSessions.csv", "term-2026-fall", "2026-08-26", "2026/08/26", "startDate", "use YYYY-MM-DD"),
    ("academicSessions.csv", "term-2026-fall", "2027-01-22", "2026-02-30", "endDate", "not a date"),
    ("academicSessions.csv", "term-2026-fall", ",semester,", ",quarter,", "type", "gradingPeriod"),
    ("academicSessions.csv", "sy-2026-27", ",,2027", ",,2026-27", "schoolYear", "four digits"),
    (
        "courses.csv",
        "course-dc-04",
        ",org-hv,",
        ",org-gone,",
        "orgSourcedId",
        "'org-gone' is not in orgs.csv",
    ),
    ("classes.csv", "class-04", ",org-hv,", ",org-elsewhere,", "schoolSourcedId", "not a school in orgs.csv"),
    ("classes.csv", "class-04", ",org-hv,", ",org-hvsd,", "schoolSourcedId", "an org but not a school"),
    ("classes.csv", "class-04", ",course-dc-04,", ",course-dc-05,", "courseSourcedId", "not in courses.csv"),
    ("classes.csv", "class-04", ",homeroom,", ",lecture,", "classType", "homeroom, scheduled"),
    (
        "classes.csv",
        "class-04",
        "term-2026-fall,",
        "term-2025-fall,",
        "termSourcedIds",
        "not in academicSessions.csv",
    ),
    ("enrollments.csv", "e-04-s-260011", ",student,", ",pupil,", "role", "use one of"),
    ("enrollments.csv", "e-04-s-260011", ",s-260011,", ",s-999999,", "userSourcedId", "not in users.csv"),
    ("enrollments.csv", "e-04-s-260011", ",class-04,", ",class-05,", "classSourcedId", "not in classes.csv"),
    ("enrollments.csv", "e-04-s-260011", ",false,", ",no,", "primary", "true or false"),
    ("enrollments.csv", "e-04-s-260011", ",2027-06-18", ",2026-06-18", "endDate", "before beginDate"),
]


@pytest.mark.parametrize(
    "name, row, old, new, column, words", ROW_ERRORS, ids=[f"{e[0]}-{e[4]}-{e[3]}" for e in ROW_ERRORS]
)
def test_a_bad_field_is_reported_at_its_file_line_and_column(db, roster, name, row, old, new, column, words):
    line = line_of(roster, name, row + ",")
    text = (roster / name).read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in text[line - 1]
    text[line - 1] = text[line - 1].replace(old, new, 1)
    (roster / name).write_text("".join(text), encoding="utf-8")
    result = import_roster(db, roster)
    assert [(e.file, e.line, e.column) for e in result.errors] == [(name, line, column)]
    assert words in result.errors[0].message
    assert str(result.errors[0]) == f"{name}:{line}: {column}: {result.errors[0].message}"


def test_every_problem_is_reported_at_once(db, roster):
    edit(roster, "users.csv", ",Mateo,", ",,")
    edit(roster, "orgs.csv", ",school,", ",campus,")
    edit(roster, "enrollments.csv", "e-kg-s-260001,,,class-kg", "e-kg-s-260001,,,class-xx")
    result = import_roster(db, roster)
    assert located(result) == {
        ("users.csv", 9, "givenName"),
        ("orgs.csv", 3, "type"),
        ("enrollments.csv", 2, "classSourcedId"),
    }
    assert result.imported == {} and result.to_json()["imported"] == {}


def test_header_problems_are_on_line_one(db, roster):
    edit(roster, "users.csv", ",givenName,familyName,", ",firstName,familyName,")
    edit(
        roster,
        "courses.csv",
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,",
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,title,",
    )
    result = import_roster(db, roster)
    assert ("users.csv", 1, "givenName") in located(result)
    assert ("courses.csv", 1, "title") in located(result)


def test_duplicate_sourced_id_and_username(db, roster):
    append(
        roster,
        "users.csv",
        user_row("s-260001", "Mateo", "Again", grades="KG"),
        user_row("s-other", "Other", "Person", username="GOKAFOR"),
    )
    result = import_roster(db, roster)
    assert located(result) == {("users.csv", 34, "sourcedId"), ("users.csv", 35, "username")}
    assert "also on line 9" in result.errors[0].message


def test_wrong_field_count_and_unclosed_quote(db, roster):
    append(roster, "orgs.csv", "org-x,,,Harbor, Annex,school,,org-hvsd")
    append(
        roster,
        "courses.csv",
        'course-x,,,sy-2026-27,"Unclosed title,DC-X,04,org-hv,,',
        "course-y,,,,Y,,,org-hv,,",
    )
    result = import_roster(db, roster)
    assert located(result) == {("orgs.csv", 4, ""), ("courses.csv", 7, "")}
    assert "8 fields but the header has 7" in result.errors[0].message
    assert "double quotes" in result.errors[1].message


@pytest.mark.parametrize("encoding, words", [("cp1252", "not UTF-8"), ("utf-16", "UTF-16")])
def test_a_file_in_another_encoding_is_refused_with_the_fix(db, roster, encoding, words):
    text = (roster / "users.csv").read_text(encoding="utf-8")
    (roster / "users.csv").write_bytes(text.encode(encoding))
    result = import_roster(db, roster)
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.file == "users.csv" and words in error.message and "UTF-8" in error.message
    if encoding == "cp1252":
        assert error.line == 14  # Zoë's row


def test_binary_junk_and_empty_files(db, roster):
    (roster / "orgs.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (roster / "courses.csv").write_bytes(b"")
    result = import_roster(db, roster)
    assert located(result) == {("orgs.csv", 3, ""), ("courses.csv", 1, "")}  # the NUL is on line 3
    assert "binary data" in result.errors[0].message and "empty" in result.errors[1].message


def test_a_file_over_the_size_limit_is_refused(db, roster):
    result = import_roster(db, roster, max_file_bytes=1000)
    assert located(result) == {("users.csv", 0, ""), ("enrollments.csv", 0, "")}
    assert "MB" in result.errors[0].message


def test_manifest_problems(db, roster):
    (roster / "courses.csv").unlink()
    set_manifest(roster, orgs="sometimes")
    result = import_roster(db, roster)
    assert located(result) == {
        ("courses.csv", 0, ""),
        ("manifest.csv", line_of(roster, "manifest.csv", "file.orgs"), "value"),
    }
    (roster / "manifest.csv").unlink()
    result = import_roster(db, roster)
    assert located(result) == {("manifest.csv", 0, "")}


def test_a_path_that_is_not_a_roster(db, tmp_path):
    assert located(import_roster(db, tmp_path / "missing")) == {(str(tmp_path / "missing"), 0, "")}
    (tmp_path / "notes.txt").write_text("hello")
    result = import_roster(db, tmp_path / "notes.txt")
    assert "not a readable zip" in result.errors[0].message


# --------------------------------------------------------------------------- all or nothing


def test_one_bad_row_leaves_the_store_unchanged(db, roster):
    assert import_roster(db, paths.DEMO_ROSTER).errors == []
    before = dump(db)
    edit(roster, "users.csv", ",Mateo,", ",Matthew,")  # a good change...
    append(roster, "users.csv", user_row("s-new", "New", "Student"))  # ...a good new row...
    append(
        roster, "enrollments.csv", "e-bad,,,class-04,org-hv,s-new,student,false,2026-08-26,2027-13-01"
    )  # one bad
    result = import_roster(db, roster)
    assert located(result) == {("enrollments.csv", 33, "endDate")}
    assert dump(db) == before


# --------------------------------------------------------------------------- bulk and delta


def test_bulk_replace_removes_what_the_new_roster_no_longer_lists(db, roster):
    import_roster(db, paths.DEMO_ROSTER)
    give_records(db, "s-260011")  # José has a completion on this machine; s-260012 has none
    for student in ("s-260011", "s-260012"):
        text = (roster / "users.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        (roster / "users.csv").write_text(
            "".join(row for row in text if not row.startswith(student + ",")), encoding="utf-8"
        )
        text = (roster / "enrollments.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        (roster / "enrollments.csv").write_text(
            "".join(row for row in text if f",{student}," not in row), encoding="utf-8"
        )
    assert import_roster(db, roster).refused == "removals"  # not without allow_removals
    result = import_roster(db, roster, allow_removals=True)
    assert result.errors == [] and result.imported["users"] == 30
    assert result.removals == {**dict.fromkeys(FILES, 0), "users": 2, "enrollments": 2}
    assert person(db, "s-260011") == ("tobedeleted", 0, "student", "3-5")  # kept with the record
    assert person(db, "s-260012") == ("tobedeleted", 0, "student", "3-5")  # kept, with their code
    assert db.execute("SELECT COUNT(*) FROM completions WHERE person_id = 's-260011'").fetchone() == (1,)
    assert roster_summary(db)["users"] == 30 and roster_summary(db)["enrollments"] == 29
    # Back in the next export: active again, the record still theirs.
    assert import_roster(db, paths.DEMO_ROSTER).errors == []
    assert person(db, "s-260011") == ("active", 1, "student", "3-5")


def test_bulk_classes_mark_a_dropped_class_and_drop_its_enrollments(db, roster):
    import_roster(db, paths.DEMO_ROSTER)
    for name, marker in (("classes.csv", "class-07,"), ("enrollments.csv", ",class-07,")):
        text = (roster / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (roster / name).write_text("".join(row for row in text if marker not in row), encoding="utf-8")
    assert import_roster(db, roster, allow_removals=True).errors == []
    assert db.execute("SELECT status FROM classes WHERE sourced_id = 'class-07'").fetchone() == (
        "tobedeleted",
    )
    assert db.execute("SELECT DISTINCT status FROM enrollments WHERE class_id = 'class-07'").fetchall() == [
        ("tobedeleted",)
    ]
    assert roster_summary(db)["classes"] == 4


def test_delta_adds_updates_and_deletes(db, tmp_path):
    import_roster(db, paths.DEMO_ROSTER)
    give_records(db, "s-260021")
    delta = write_delta(
        tmp_path / "delta",
        {
            "users": "\r\n".join(
                [
                    USERS_HEADER,
                    user_row("s-new", "Aiyana", "Redcloud", status="active", grades="10"),
                    user_row("s-260001", "Mateo", "Álvarez", status="active", grades="01"),
                    "s-260002,tobedeleted,2026-10-01T08:00:00.000Z,,,,,,,,,,,,,,,",
                    "s-260021,tobedeleted,2026-10-01T08:00:00Z,,,,,,,,,,,,,,,",
                ]
            )
            + "\r\n",
            "enrollments": ENROLLMENTS_HEADER + "\r\n"
            "e-10-s-new,active,,class-10,org-hv,s-new,student,false,,\r\n",
        },
    )
    result = import_roster(db, delta)
    assert result.errors == []
    assert result.imported == {
        "orgs": 0,
        "academicSessions": 0,
        "courses": 0,
        "classes": 0,
        "users": 4,
        "enrollments": 1,
    }
    assert person(db, "s-new") == ("active", 1, "student", "9-12")
    assert db.execute(
        "SELECT family_name, grade, tier FROM people WHERE sourced_id = 's-260001'"
    ).fetchone() == ("Álvarez", "01", "k-2")
    assert result.removals == {**dict.fromkeys(FILES, 0), "users": 2}  # a delta needs no allow_removals
    assert person(db, "s-260002") == ("tobedeleted", 0, "student", "k-2")  # kept: never deleted
    assert person(db, "s-260021") == ("tobedeleted", 0, "student", "9-12")
    assert db.execute(
        "SELECT COUNT(*) FROM enrollments WHERE person_id IN ('s-260002', 's-260021') AND status = 'active'"
    ).fetchone() == (0,)
    assert roster_summary(db) == {**DEMO_COUNTS, "users": 31, "enrollments": 30}


def test_delta_rows_need_a_status_and_may_not_point_at_deleted_rows(db, tmp_path):
    import_roster(db, paths.DEMO_ROSTER)
    delta = write_delta(
        tmp_path / "delta",
        {
            "users": f"{USERS_HEADER}\r\n{user_row('s-x', 'X', 'Y')}\r\n"
            "s-260003,tobedeleted,,,,,,,,,,,,,,,,\r\n",
            "enrollments": f"{ENROLLMENTS_HEADER}\r\ne-x,active,,class-kg,org-hv,s-260003,student,,,\r\n",
        },
    )
    result = import_roster(db, delta)
    assert located(result) == {("users.csv", 2, "status"), ("enrollments.csv", 2, "userSourcedId")}


def test_a_delta_user_may_not_take_another_persons_username(db, tmp_path):
    import_roster(db, paths.DEMO_ROSTER)
    grace = user_row(
        "t-new", "Grace", "Other", role="teacher", grades="", status="active", username="GOkafor"
    )
    delta = write_delta(tmp_path / "delta", {"users": f"{USERS_HEADER}\r\n{grace}\r\n"})
    assert located(import_roster(db, delta)) == {("users.csv", 2, "username")}


def test_a_disabled_user_is_imported_disabled_and_keeps_their_records(db, roster):
    import_roster(db, paths.DEMO_ROSTER)
    give_records(db, "s-260016")
    edit(roster, "users.csv", "s-260016,,,true,", "s-260016,,,FALSE,")
    assert import_roster(db, roster).errors == []
    assert person(db, "s-260016") == ("active", 0, "student", "6-8")
    assert db.execute("SELECT COUNT(*) FROM completions WHERE person_id = 's-260016'").fetchone() == (1,)
    assert db.execute("SELECT COUNT(*) FROM enrollments WHERE person_id = 's-260016'").fetchone() == (1,)


# --------------------------------------------------------------------------- zip and OneRoster 1.2


def test_a_zip_with_the_files_in_a_folder_imports(db, tmp_path):
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in paths.DEMO_ROSTER.iterdir():
            out.write(path, f"export-2026-08-20/{path.name}")
    result = import_roster(db, archive)
    assert result.errors == [] and result.imported == DEMO_COUNTS


def test_a_truncated_zip_is_refused_clearly(db, tmp_path):
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in paths.DEMO_ROSTER.iterdir():
            out.write(path, path.name)
    (tmp_path / "cut.zip").write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result = import_roster(db, tmp_path / "cut.zip")
    assert len(result.errors) == 1 and "download it again" in result.errors[0].message


USERS_12 = (
    "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,"
    "identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,"
    "preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns"
)
ROLES_12 = (
    "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,"
    "userProfileSourcedId"
)


def make_12(roster: Path, users: list[str], roles: list[str]) -> None:
    """Turn the demo copy into a OneRoster 1.2 roster with the given users and roles."""
    edit(roster, "manifest.csv", "oneroster.version,1.1", "oneroster.version,1.2")
    append(roster, "manifest.csv", "file.roles,bulk")
    (roster / "users.csv").write_text("\r\n".join([USERS_12] + users) + "\r\n", encoding="utf-8")
    (roster / "roles.csv").write_text("\r\n".join([ROLES_12] + roles) + "\r\n", encoding="utf-8")
    (roster / "enrollments.csv").write_text(
        ENROLLMENTS_HEADER
        + "\r\ne-1,,,class-04,org-hv,s-1,student,false,,\r\ne-2,,,class-04,org-hv,t-1,teacher,true,,\r\n",
        encoding="utf-8",
    )


def test_oneroster_12_users_and_roles(db, roster):
    make_12(
        roster,
        [
            "s-1,,,true,ana,,Ana,Ruiz,,1001,,,,,04,,,,,,,org-hv,",
            "t-1,,,true,mlee,,Maya,Lee,,,,,,,,,,,,,,org-hv,",
            "c-1,,,true,jokoye,,Joy,Okoye,,,,,,,,,,,,,,org-hv,",
            "p-1,,,true,principal,,Pat,Ito,,,,,,,,,,,,,,org-hv,",
        ],
        [
            "r-1,,,s-1,primary,student,,,org-hv,",
            "r-2,,,t-1,primary,teacher,,,org-hv,",
            "r-3,,,c-1,primary,counselor,,,org-hv,",
            "r-4,,,p-1,primary,principal,,,org-hv,",
            "r-5,,,p-1,secondary,teacher,,,org-hvsd,",
        ],
    )
    result = import_roster(db, roster)
    assert result.errors == []
    assert result.imported["users"] == 4
    rows = db.execute(
        "SELECT sourced_id, role, tier, is_counselor, org_ids FROM people ORDER BY sourced_id"
    ).fetchall()
    assert rows == [
        ("c-1", "teacher", "staff", 1, "org-hv"),
        ("p-1", "administrator", "staff", 0, "org-hv,org-hvsd"),
        ("s-1", "student", "3-5", 0, "org-hv"),
        ("t-1", "teacher", "staff", 0, "org-hv"),
    ]


def test_oneroster_12_role_errors(db, roster):
    make_12(
        roster,
        [
            "s-1,,,true,ana,,Ana,Ruiz,,1001,,,,,04,,,,,,,org-hv,",
            "t-1,,,true,mlee,,Maya,Lee,,,,,,,,,,,,,,org-hv,",
        ],
        [
            "r-1,,,s-1,primary,student,,,org-hv,",
            "r-2,,,s-9,primary,student,,,org-hv,",
            "r-3,,,s-1,primary,learner,,,org-nowhere,",
        ],
    )
    result = import_roster(db, roster)
    assert located(result) == {
        ("users.csv", 3, "sourcedId"),
        ("roles.csv", 3, "userSourcedId"),
        ("roles.csv", 4, "role"),
        ("roles.csv", 4, "orgSourcedId"),
        ("roles.csv", 4, "roleType"),
    }


# --------------------------------------------------------------------------- the command line


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "citizenship_app.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_import_and_summary_json(tmp_path, roster):
    data = str(tmp_path / "data")
    done = cli("--data-dir", data, "roster", "import", str(paths.DEMO_ROSTER), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == DEMO_COUNTS and json.loads(done.stdout)["errors"] == []
    edit(roster, "users.csv", ",student,", ",learner,")
    failed = cli("--data-dir", data, "roster", "import", str(roster), "--json")
    assert failed.returncode == 1
    out = json.loads(failed.stdout)
    assert out["imported"] == {}
    assert [{k: e[k] for k in ("file", "line", "column")} for e in out["errors"]] == [
        {"file": "users.csv", "line": 9, "column": "role"}
    ]
    error = out["errors"][0]  # a code and parameters beside the English line, for other tools
    assert error["code"] == "not-a-choice" and error["params"]["value"] == "learner"
    assert error["message"].startswith("'learner' is not a role: use one of administrator, aide,")
    summary = cli("--data-dir", data, "roster", "summary", "--json")
    assert summary.returncode == 0 and json.loads(summary.stdout) == {"imported": DEMO_COUNTS, "errors": []}


def test_cli_human_output(tmp_path, roster):
    data = str(tmp_path / "data")
    edit(roster, "orgs.csv", ",school,", ",campus,")
    failed = cli("--data-dir", data, "roster", "import", str(roster))
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.splitlines()[0].startswith("orgs.csv:3: type: 'campus' is not a type")
    done = cli("--data-dir", data, "roster", "import", str(paths.DEMO_ROSTER))
    assert done.returncode == 0 and "32 users" in done.stdout


# --------------------------------------------------------------------------- robustness


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    """One store for all examples: a refused import writes nothing, so it stays empty."""
    store = open_store(tmp_path_factory.mktemp("fuzz"))
    yield store
    store.conn.close()


def _import_with(fuzz_db, name: str, data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        folder = copy_demo(Path(tmp) / "r")
        (folder / name).write_bytes(data)
        result = import_roster(fuzz_db, folder)
    assert all(isinstance(e, RosterError) for e in result.errors)
    return result


NAMES = st.sampled_from(
    [
        "manifest.csv",
        "orgs.csv",
        "academicSessions.csv",
        "courses.csv",
        "classes.csv",
        "users.csv",
        "enrollments.csv",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES, data=st.binary(max_size=400))
def test_random_bytes_always_give_errors(fuzz_db, name, data):
    result = _import_with(fuzz_db, name, data)
    assert result.errors and result.imported == {}
    assert roster_summary(fuzz_db) == dict.fromkeys(DEMO_COUNTS, 0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=NAMES,
    cut=st.floats(0, 1),
    junk=st.binary(max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252", "latin-1", "utf-8-sig"]),
)
def test_truncated_or_re_encoded_files_never_raise(fuzz_db, name, cut, junk, encoding):
    text = (paths.DEMO_ROSTER / name).read_text(encoding="utf-8")
    data = text.encode(encoding, errors="replace")
    result = _import_with(fuzz_db, name, data[: int(len(data) * cut)] + junk)
    if result.errors:
        assert result.imported == {}
    fuzz_db.execute("DELETE FROM enrollments")
    for table in ("people", "classes", "courses", "academic_sessions", "orgs"):
        fuzz_db.execute(f"DELETE FROM {table}")
    fuzz_db.conn.commit()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), keep=st.integers(0, 4000))
def test_random_or_cut_zip_files_always_give_errors(fuzz_db, tmp_path, data, keep):
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in paths.DEMO_ROSTER.iterdir():
            out.write(path, path.name)
    whole = archive.read_bytes()
    for blob in (data, whole[: min(keep, len(whole) - 1)]):
        archive.write_bytes(blob)
        result = import_roster(fuzz_db, archive)
        assert result.errors and result.imported == {}


def test_dry_run_reports_counts_and_writes_nothing(tmp_path):
    from citizenship_app.core.paths import DEMO_ROSTER
    from citizenship_app.core.roster import import_roster, roster_summary
    from citizenship_app.core.store import open_store

    db = open_store(tmp_path)
    checked = import_roster(db, DEMO_ROSTER, dry_run=True)
    assert checked.errors == [] and checked.imported["users"] == 32
    assert set(roster_summary(db).values()) == {0}
