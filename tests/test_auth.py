"""Hashing, student codes, staff passwords, one-time codes and lockout."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from citizenship_app.core import auth
from citizenship_app.core.store import open_store


@pytest.fixture
def db(tmp_path):
    db = open_store(tmp_path)
    db.execute(
        "INSERT INTO people (sourced_id, username, given_name, family_name, role)"
        " VALUES ('t1', 'mlee', 'Maya', 'Lee', 'teacher')"
    )
    db.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role, tier)"
        " VALUES ('s1', 'Ana', 'Ruiz', 'student', '3-5')"
    )
    db.conn.commit()
    return db


def test_hash_is_salted_scrypt_and_verifies():
    one, two = auth.hash_secret("2468"), auth.hash_secret("2468")
    assert one != two and one.startswith("scrypt$16384$8$1$") and "2468" not in one
    assert auth.verify_secret("2468", one) and not auth.verify_secret("2469", one)
    assert not auth.verify_secret("2468", None) and not auth.verify_secret("2468", "garbage")


def test_student_pin_rules_and_lockout(db):
    with pytest.raises(ValueError):
        auth.set_student_code(db, "s1", "12")
    auth.set_student_code(db, "s1", "482913")
    now = datetime.now(UTC)
    for _ in range(auth.MAX_FAILURES - 1):
        assert auth.sign_in_student(db, "s1", "000000", now).reason == auth.WRONG
    locked = auth.sign_in_student(db, "s1", "000000", now)
    assert not locked.ok and locked.locked_until == now + timedelta(minutes=auth.LOCK_MINUTES)
    assert not auth.sign_in_student(db, "s1", "482913", now + timedelta(minutes=1)).ok
    assert auth.sign_in_student(db, "s1", "482913", now + timedelta(minutes=auth.LOCK_MINUTES, seconds=1)).ok


def test_disabled_student_cannot_sign_in(db):
    auth.set_student_code(db, "s1", "4829")
    db.execute("UPDATE people SET enabled = 0 WHERE sourced_id = 's1'")
    db.conn.commit()
    result = auth.sign_in_student(db, "s1", "4829")
    assert not result.ok and result.reason == auth.DISABLED


def test_staff_first_password_with_one_time_code(db):
    assert auth.sign_in_staff(db, "mlee", "whatever-long").reason == auth.NO_PASSWORD
    code = auth.issue_one_time_code(db, "mlee")
    stored = db.execute("SELECT one_time_code_hash FROM people WHERE sourced_id = 't1'").fetchone()[0]
    assert code not in stored
    with pytest.raises(PermissionError):
        auth.set_staff_password(db, "mlee", "correct horse battery", "WRONG-CODE-0000")
    with pytest.raises(ValueError):
        auth.set_staff_password(db, "mlee", "short", code)
    auth.set_staff_password(db, "MLee", "correct horse battery", code.lower())
    assert auth.sign_in_staff(db, "mlee", "correct horse battery").person_id == "t1"
    with pytest.raises(PermissionError):  # the code is used up
        auth.set_staff_password(db, "mlee", "another long password", code)


def test_staff_lockout_for_five_minutes(db):
    auth.set_staff_password(db, "mlee", "correct horse battery")
    now = datetime.now(UTC)
    for _ in range(auth.MAX_FAILURES):
        result = auth.sign_in_staff(db, "mlee", "wrong password!", now)
    assert (
        not result.ok and result.reason == auth.LOCKED and result.minutes_left(now) == auth.LOCK_MINUTES == 5
    )
    assert not auth.sign_in_staff(db, "mlee", "correct horse battery", now + timedelta(minutes=4)).ok
    assert auth.sign_in_staff(db, "mlee", "correct horse battery", now + timedelta(minutes=5, seconds=1)).ok
    assert auth.sign_in_staff(db, "nobody", "correct horse battery").reason == auth.WRONG


def test_roles(db):
    assert auth.staff_role(db, "t1") == "teacher"
    auth.set_counselor(db, "mlee")
    assert auth.staff_role(db, "t1") == "counselor"


def test_cli_set_password_reads_stdin(tmp_path, db):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "citizenship_app.cli",
            "--data-dir",
            str(tmp_path),
            "staff",
            "set-password",
            "mlee",
        ],
        input="a long new password\n",
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert auth.sign_in_staff(db, "mlee", "a long new password").ok
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "citizenship_app.cli",
            "--data-dir",
            str(tmp_path),
            "staff",
            "set-password",
            "ghost",
        ],
        input="a long new password\n",
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "no staff member" in bad.stderr
