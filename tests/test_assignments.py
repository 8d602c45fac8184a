"""Teachers assign modules to their classes; students see them first; statements go out."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import date, datetime, timedelta

import pytest
from staff_fixtures import small_catalog, take

from citizenship_app.core import access, assignments, auth, classgrid, codes, progress, xapi
from citizenship_app.core.demo import DEMO_SIS_HOME_PAGE

TODAY = date(2026, 11, 29)


@pytest.fixture
def cat(tmp_path):
    return small_catalog(tmp_path / "content")


def outbox(db, kind=None):
    """The outbox's statements of `kind`, or all but the audit log's (test_audit checks those)."""
    sql = "SELECT kind, record_id, statement FROM outbox"
    rows = db.execute(
        sql + (" WHERE kind = ?" if kind else " WHERE kind <> 'audit'") + " ORDER BY rowid",
        [kind] if kind else [],
    ).fetchall()
    return [(k, r, json.loads(s)) for k, r, s in rows]


def assert_valid_statement(st: dict) -> None:
    """Valid xAPI 1.0.3, as the district hub (or any LRS) checks it."""
    from citizenship_app.district.statements import validate_statement

    validate_statement(st)
    uuid.UUID(st["id"])
    assert st["version"] == "1.0.3"
    assert datetime.fromisoformat(st["timestamp"]).tzinfo is not None
    assert st["actor"]["objectType"] == "Agent" and set(st["actor"]["account"]) == {"homePage", "name"}


def test_teacher_assigns_and_the_statement_is_written_with_it(demo_db, cat):
    a = assignments.assign(demo_db, "t-qureshi", "class-04", cat.get("g35-alpha"), "2026-12-15")
    assert (a.class_id, a.module_id, a.due_date, a.revision) == ("class-04", "g35-alpha", "2026-12-15", 0)
    [(kind, record_id, st)] = outbox(demo_db, "assigned")
    assert_valid_statement(st)
    assert record_id == xapi.assignment_record_id(a.id, 0)
    assert st["id"] == xapi.statement_id("assigned", record_id)
    assert st["verb"]["id"] == "http://activitystrea.ms/schema/1.0/assign"
    assert st["actor"]["account"] == {"homePage": DEMO_SIS_HOME_PAGE, "name": "t-qureshi"}
    assert st["object"]["id"] == xapi.module_iri("g35-alpha")
    assert st["context"]["contextActivities"]["grouping"][0]["id"] == xapi.class_iri("class-04")
    assert st["result"]["extensions"][xapi.DUE_DATE_EXTENSION] == "2026-12-15"
    # The same assignment again changes nothing and writes nothing.
    assignments.assign(demo_db, "t-qureshi", "class-04", cat.get("g35-alpha"), "2026-12-15")
    assert len(outbox(demo_db)) == 1
    # In this order: the position goes with it.
    ordered = assignments.assign_modules(
        demo_db, "t-qureshi", "class-04", [cat.get("g35-beta")], None, in_order=True
    )
    st = outbox(demo_db, "assigned")[-1][2]
    assert_valid_statement(st)
    assert ordered[0].position == 1 and st["result"]["extensions"] == {xapi.ORDER_EXTENSION: 1}


def test_unassign_voids_and_reassign_never_reuses_an_id(demo_db, cat):
    alpha = cat.get("g35-alpha")
    first = assignments.assign(demo_db, "t-qureshi", "class-04", alpha, "2026-12-15")
    assert assignments.unassign(demo_db, "t-qureshi", "class-04", "g35-alpha")
    assert assignments.class_assignments(demo_db, "t-qureshi", "class-04") == []
    assert not assignments.unassign(demo_db, "t-qureshi", "class-04", "g35-alpha")  # nothing to withdraw
    again = assignments.assign(demo_db, "t-qureshi", "class-04", alpha, "2027-01-10")
    assert again.id == first.id and again.revision == 1
    changed = assignments.assign(demo_db, "t-qureshi", "class-04", alpha, "2027-01-20")  # a new due date
    assert changed.revision == 2
    rows = outbox(demo_db)
    assert [k for k, _, _ in rows] == ["assigned", "voided", "assigned", "voided", "assigned"]
    ids = [st["id"] for _, _, st in rows]
    assert len(set(ids)) == len(ids)
    for (_, _, st), voided in ((rows[1], rows[0]), (rows[3], rows[2])):
        assert_valid_statement(st)
        assert st["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"
        assert st["object"] == {"objectType": "StatementRef", "id": voided[2]["id"]}
    assert rows[4][2]["result"]["extensions"][xapi.DUE_DATE_EXTENSION] == "2027-01-20"


def test_assignment_and_statement_land_together_or_not_at_all(demo_db, cat):
    alpha = cat.get("g35-alpha")
    # A statement id already in the outbox makes the insert fail: the assignment must not stay.
    original = assignments.uuid.uuid4
    fixed = uuid.UUID("00000000-0000-4000-8000-000000000001")
    record = xapi.assignment_record_id(str(fixed), 0)
    demo_db.execute(
        "INSERT INTO outbox (id, kind, record_id, statement, created_at) VALUES (?, 'x', 'x', '{}', 'x')",
        [xapi.statement_id("assigned", record)],
    )
    demo_db.conn.commit()
    assignments.uuid.uuid4 = lambda: fixed
    try:
        with pytest.raises(sqlite3.IntegrityError):
            assignments.assign(demo_db, "t-qureshi", "class-04", alpha)
    finally:
        assignments.uuid.uuid4 = original
    assert demo_db.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] == 0


def test_permissions_are_checked_in_the_core(demo_db, cat):
    alpha = cat.get("g35-alpha")
    with pytest.raises(PermissionError):  # another teacher's class
        assignments.assign(demo_db, "t-okafor", "class-04", alpha)
    assignments.assign(demo_db, "t-qureshi", "class-04", alpha)
    with pytest.raises(PermissionError):
        assignments.unassign(demo_db, "t-okafor", "class-04", "g35-alpha")
    with pytest.raises(PermissionError):
        assignments.class_assignments(demo_db, "t-okafor", "class-04")
    with pytest.raises(PermissionError):
        classgrid.class_grid(demo_db, "t-okafor", "class-04")
    with pytest.raises(PermissionError):
        codes.reset_code(demo_db, "t-okafor", "s-260011")
    with pytest.raises(PermissionError):  # a student is no teacher
        assignments.class_assignments(demo_db, "s-260011", "class-04")
    # A counselor may look but not change; an administrator may do both; co-teachers both teach.
    assert len(assignments.class_assignments(demo_db, "t-tanaka", "class-04")) == 1
    with pytest.raises(PermissionError):
        assignments.unassign(demo_db, "t-tanaka", "class-04", "g35-alpha")
    assert assignments.unassign(demo_db, "a-whitfield", "class-04", "g35-alpha")
    assert access.taught_class_ids(demo_db, "t-kowalczyk") == ["class-10"]
    assert sorted(access.taught_class_ids(demo_db, "t-brennan")) == ["class-07", "class-10"]


def test_a_module_of_another_tier_cannot_be_assigned(demo_db, cat):
    with pytest.raises(ValueError, match="k-2"):
        assignments.assign(demo_db, "t-qureshi", "class-04", cat.get("k2-alpha"))
    with pytest.raises(ValueError):
        assignments.assign(demo_db, "t-qureshi", "class-04", cat.get("g35-alpha"), "next tuesday")


@pytest.mark.parametrize(
    "due, passed, overdue",
    [
        (None, False, False),  # no due date: never overdue
        ("2026-11-29", False, False),  # due today: still time
        ("2026-11-28", False, True),  # due yesterday, not passed
        ("2026-11-28", True, False),  # passed (even late) is passed
        ("2026-12-01", False, False),
    ],
)
def test_overdue_rule(due, passed, overdue):
    assert assignments.is_overdue(due, passed, TODAY) is overdue


@pytest.mark.parametrize(
    "due, problem",
    [
        (None, None),  # no due date: nothing to refuse
        ("", None),  # the dialog's "no date"
        ("2026-11-29", None),  # today still counts
        (date(2026, 11, 30), None),
        ("2026-11-28", "due-date-past"),
        (date(2026, 11, 28), "due-date-past"),
    ],
)
def test_due_problem_refuses_only_a_day_before_today(due, problem):
    assert assignments.due_problem(due, TODAY) == problem


def test_student_sees_assigned_modules_first_in_the_teachers_order(demo_db, cat):
    alpha, beta, gamma = (cat.get(m) for m in ("g35-alpha", "g35-beta", "g35-gamma"))
    assignments.assign_modules(demo_db, "t-qureshi", "class-04", [gamma, beta], "2026-11-20", in_order=True)
    mine = assignments.student_assignments(demo_db, "s-260011")
    assert [(a.module_id, a.position) for a in mine] == [("g35-gamma", 1), ("g35-beta", 2)]
    ids = [m.id for m in cat.for_tier("3-5")]
    entries = assignments.home_entries(ids, mine, passed=set(), today=TODAY)
    assert [(e.module_id, e.assigned, e.overdue, e.after) for e in entries] == [
        ("g35-gamma", True, True, None),
        ("g35-beta", True, True, "g35-gamma"),  # in order: gamma first
        ("g35-alpha", False, False, None),  # not assigned: still there, after the others
    ]
    entries = assignments.home_entries(ids, mine, passed={"g35-gamma"}, today=TODAY)
    assert [(e.module_id, e.overdue, e.after) for e in entries][:2] == [
        ("g35-gamma", False, None),
        ("g35-beta", True, None),
    ]
    # Another class's students see nothing of it.
    assert assignments.student_assignments(demo_db, "s-260016") == []


def test_class_grid_cells(demo_db, cat):
    alpha, beta, gamma = (cat.get(m) for m in ("g35-alpha", "g35-beta", "g35-gamma"))
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assignments.assign_modules(demo_db, "t-qureshi", "class-04", [alpha, beta, gamma], yesterday)
    take(demo_db, "s-260011", alpha, right=True, class_id="class-04")
    take(demo_db, "s-260012", alpha, right=False)
    take(demo_db, "s-260012", alpha, right=False)
    progress.save_page(demo_db, "s-260013", "g35-alpha", page=1, pages=2)
    grid = classgrid.class_grid(
        demo_db, "t-qureshi", "class-04", {m.id: len(m.pages) for m in cat.modules.values()}
    )
    assert [s.id for s in grid.students] == [
        "s-260015",
        "s-260012",
        "s-260011",
        "s-260013",
        "s-260014",
    ]  # by first name
    assert [a.module_id for a in grid.assignments] == ["g35-alpha", "g35-beta", "g35-gamma"]
    c = grid.cell("s-260011", "g35-alpha")
    assert (c.state, c.best_score, c.overdue, c.label()) == ("passed", 100, False, "Passed 100%")
    c = grid.cell("s-260012", "g35-alpha")
    assert (c.state, c.attempts, c.overdue) == ("failed", 2, True)
    assert c.label() == "Failed ×2 (best 0%) · overdue"
    assert grid.cell("s-260013", "g35-alpha").label() == "Page 2 of 2 · overdue"
    assert grid.cell("s-260014", "g35-beta").label() == "Not started · overdue"


def test_reset_code_gives_a_new_working_code_once(demo_db):
    code = codes.reset_code(demo_db, "t-qureshi", "s-260011")
    assert auth.valid_pin(code)
    assert auth.sign_in_student(demo_db, "s-260011", code).ok
    assert not auth.sign_in_student(demo_db, "s-260011", "1234").ok or code == "1234"
    picture = codes.reset_code(demo_db, "t-okafor", "s-260001")  # K-2: two pictures
    assert auth.valid_picture_code(picture)
    cards = codes.class_cards(demo_db, "t-okafor", "class-kg")
    assert len(cards) == 5 and all(
        c.kind == "picture" and c.class_title == "Kindergarten - Okafor" for c in cards
    )
    assert all(auth.sign_in_student(demo_db, c.student.id, c.code).ok for c in cards[:2])
