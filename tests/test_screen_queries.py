"""The core functions that replaced the screens' own SQL: how a student signs in
(`auth.code_kind`, the sign-in screen), a teacher's class list (`access.taught_classes`, the
teacher's screen) and staff names (`people.staff_names`, the audit log's listing)."""

from __future__ import annotations

from citizenship_app.core import access, auth, people


def test_code_kind_follows_the_tier_until_a_code_says_otherwise(demo_db):
    k2 = demo_db.execute("SELECT sourced_id FROM people WHERE tier = 'k-2' AND role = 'student'").fetchone()[
        0
    ]
    older = "s-260011"  # grade 4
    assert auth.code_kind(demo_db, k2) == "picture"
    assert auth.code_kind(demo_db, older) == "pin"
    auth.set_student_code(demo_db, older, "cat-sun", "picture")
    assert auth.code_kind(demo_db, older) == "picture"
    assert auth.code_kind(demo_db, "no-such-student") == "pin"


def test_taught_classes_are_the_teachers_own_by_title(demo_db):
    taught = access.taught_classes(demo_db, "t-brennan")
    assert [(c.id, c.title, c.tier) for c in taught] == [
        ("class-10", "Grade 10 - Brennan", "9-12"),
        ("class-07", "Grade 7 - Brennan", "6-8"),
    ]
    assert [c.id for c in taught] == sorted(access.taught_class_ids(demo_db, "t-brennan"), reverse=True)
    assert access.taught_classes(demo_db, "a-whitfield") == []  # teaches nothing
    demo_db.execute("UPDATE classes SET status = 'tobedeleted' WHERE sourced_id = 'class-07'")
    assert [c.id for c in access.taught_classes(demo_db, "t-brennan")] == ["class-10"]


def test_staff_names_hold_every_staff_member_and_no_student(demo_db):
    names = people.staff_names(demo_db)
    assert names["t-brennan"] == "Patrick Brennan"
    assert names["a-whitfield"] == "Dolores Whitfield"
    assert "s-260011" not in names
    students = demo_db.execute("SELECT sourced_id FROM people WHERE role = 'student'").fetchall()
    assert not {s for (s,) in students} & set(names)
