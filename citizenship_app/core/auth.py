"""Secrets and student sign-in: codes are hashed with scrypt (memory-hard), never stored plain.

>>> set_student_code(db, "stu-1", "2468")
>>> sign_in_student(db, "stu-1", "2468").ok
True
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .errors import NotAllowed, NotFound, Refused
from .logs import person_ref
from .secret_hash import hash_secret, verify_secret
from .store import Store, transaction

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_MINUTES = 5


#: The nine pictures of a K-2 picture code (assets/icons/codes/<name>.svg); a code is two of
#: them in order, e.g. "cat-sun": 72 codes, enough with lockout for five-year-olds' classes.
PICTURES = ("cat", "dog", "sun", "star", "tree", "fish", "apple", "car", "moon")


def valid_pin(code: str) -> bool:
    return code.isdigit() and 4 <= len(code) <= 6


def valid_picture_code(code: str) -> bool:
    parts = code.split("-")
    return len(parts) == 2 and parts[0] != parts[1] and all(p in PICTURES for p in parts)


def set_student_code(db: Store, person_id: str, code: str, kind: str = "pin") -> None:
    """Give a student a new sign-in code (a 4-6 digit PIN, or two pictures); clears any lock."""
    if kind == "pin" and not valid_pin(code):
        raise Refused("pin-format")
    if kind == "picture" and not valid_picture_code(code):
        raise Refused("picture-code-format", pictures=", ".join(PICTURES))
    if kind not in ("pin", "picture"):
        raise Refused("code-kind")
    with transaction(db):
        cursor = db.execute(
            "UPDATE people SET code_hash = ?, code_kind = ?, failed_attempts = 0, locked_until = NULL "
            "WHERE sourced_id = ? AND role = 'student'",
            [hash_secret(code), kind, person_id],
        )
        if cursor.rowcount != 1:
            raise NotFound("no-student", person=person_id)


# Why a sign-in was refused: codes, which the screens put in the reader's language.
NOT_FOUND, DISABLED, LOCKED, NO_CODE, WRONG = "not-found", "disabled", "locked", "no-code", "wrong"
NO_PASSWORD = "no-password"


@dataclass(frozen=True)
class SignIn:
    ok: bool
    reason: str = ""  # a refusal code: NOT_FOUND, DISABLED, LOCKED, NO_CODE or WRONG
    locked_until: datetime | None = None


def code_kind(db: Store, person_id: str) -> str:
    """How this student signs in: "picture" (K-2) or "pin"."""
    row = db.execute("SELECT code_kind, tier FROM people WHERE sourced_id = ?", [person_id]).fetchone()
    if row and row[0]:
        return row[0]
    return "picture" if row and row[1] == "k-2" else "pin"


def _clear_failures(db: Store, person_id: str) -> None:
    with transaction(db):
        db.execute(
            "UPDATE people SET failed_attempts = 0, locked_until = NULL WHERE sourced_id = ?", [person_id]
        )


def _count_failure(db: Store, person_id: str, failures: int, at: datetime, who: str) -> datetime | None:
    """Record a wrong code or password; at MAX_FAILURES, lock for LOCK_MINUTES (returned)."""
    until = at + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
    with transaction(db):
        db.execute(
            "UPDATE people SET failed_attempts = ?, locked_until = ? WHERE sourced_id = ?",
            [0 if until else failures, until.isoformat() if until else None, person_id],
        )
    log.warning(
        "%s sign-in failed: %s failures=%d locked=%s", who, person_ref(person_id), failures, bool(until)
    )
    return until


def sign_in_student(db: Store, person_id: str, code: str, at: datetime | None = None) -> SignIn:
    """Check a student's code; count failures and lock the student after MAX_FAILURES."""
    at = at or datetime.now(UTC)
    row = db.execute(
        "SELECT code_hash, enabled, failed_attempts, locked_until FROM people "
        "WHERE sourced_id = ? AND role = 'student'",
        [person_id],
    ).fetchone()
    if row is None:
        return SignIn(False, NOT_FOUND)
    code_hash, enabled, failures, locked_until = row
    if not enabled:
        return SignIn(False, DISABLED)
    if locked_until and datetime.fromisoformat(locked_until) > at:
        return SignIn(False, LOCKED, datetime.fromisoformat(locked_until))
    if not code_hash:
        return SignIn(False, NO_CODE)
    if verify_secret(code, code_hash):
        _clear_failures(db, person_id)
        log.info("student signed in: %s", person_ref(person_id))
        return SignIn(True)
    until = _count_failure(db, person_id, failures + 1, at, "student")
    if until:
        return SignIn(False, LOCKED, until)
    return SignIn(False, WRONG)


# -- staff ----------------------------------------------------------------------------------

STAFF_ROLES = ("teacher", "administrator", "aide")
MIN_PASSWORD = 10


@dataclass(frozen=True)
class StaffSignIn:
    ok: bool
    person_id: str | None = None
    reason: str = ""  # a refusal code: WRONG, LOCKED, DISABLED or NO_PASSWORD
    locked_until: datetime | None = None

    def minutes_left(self, at: datetime | None = None) -> int:
        """Whole minutes until a lock ends (at least 1), for the screens' words."""
        if self.locked_until is None:
            return 0
        left = (self.locked_until - (at or datetime.now(UTC))).total_seconds()
        return max(1, round(left / 60))


def _staff_row(db: Store, username: str) -> tuple[Any, ...] | None:
    return db.execute(
        "SELECT sourced_id, password_hash, one_time_code_hash, enabled, failed_attempts, locked_until "
        "FROM people WHERE lower(username) = lower(?) AND role IN ('teacher', 'administrator', 'aide') "
        "ORDER BY status = 'active' DESC",  # a person the roster removed is kept: never before the active one
        [username],
    ).fetchone()


def issue_one_time_code(db: Store, username: str) -> str:
    """A one-time code with which a staff member sets their first (or a forgotten) password.

    Returned once to the administrator who issues it; only its hash is kept.
    """
    import secrets

    row = _staff_row(db, username)
    if row is None:
        raise NotFound("no-staff", username=username)
    code = "-".join(secrets.token_hex(2).upper() for _ in range(3))
    with transaction(db):
        db.execute(
            "UPDATE people SET one_time_code_hash = ? WHERE sourced_id = ?", [hash_secret(code), row[0]]
        )
    log.info("one-time code issued: %s", person_ref(row[0]))
    return code


def set_staff_password(db: Store, username: str, password: str, one_time_code: str | None = None) -> None:
    """Set a staff password. With `one_time_code`, the code must match and is then used up
    (the sign-in screen's path); without it, the caller is trusted (the administrator's CLI)."""
    row = _staff_row(db, username)
    if row is None:
        raise NotFound("no-staff", username=username)
    if len(password) < MIN_PASSWORD:
        raise Refused("password-too-short", min=MIN_PASSWORD)
    if one_time_code is not None and not verify_secret(one_time_code.strip().upper(), row[2]):
        raise NotAllowed("one-time-code-wrong")
    with transaction(db):
        db.execute(
            "UPDATE people SET password_hash = ?, one_time_code_hash = NULL, failed_attempts = 0, "
            "locked_until = NULL WHERE sourced_id = ?",
            [hash_secret(password), row[0]],
        )
    log.info("staff password set: %s", person_ref(row[0]))


def sign_in_staff(db: Store, username: str, password: str, at: datetime | None = None) -> StaffSignIn:
    """Check a staff password; MAX_FAILURES wrong ones lock the account for LOCK_MINUTES."""
    at = at or datetime.now(UTC)
    row = _staff_row(db, username)
    refused = StaffSignIn(False, reason=WRONG)
    if row is None:
        verify_secret(password, hash_secret("timing"))  # same cost whether or not the user exists
        return refused
    person_id, password_hash, _, enabled, failures, locked_until = row
    if locked_until and datetime.fromisoformat(locked_until) > at:
        return StaffSignIn(False, reason=LOCKED, locked_until=datetime.fromisoformat(locked_until))
    if not enabled:
        return StaffSignIn(False, reason=DISABLED)
    if not password_hash:
        return StaffSignIn(False, reason=NO_PASSWORD)
    if verify_secret(password, password_hash):
        _clear_failures(db, person_id)
        log.info("staff signed in: %s", person_ref(person_id))
        return StaffSignIn(True, person_id)
    until = _count_failure(db, person_id, failures + 1, at, "staff")
    if until:
        return StaffSignIn(False, reason=LOCKED, locked_until=until)
    return refused


def staff_role(db: Store, person_id: str) -> str:
    """teacher, counselor or administrator (OneRoster has no counselor: it is a flag we keep)."""
    role, counselor = db.execute(
        "SELECT role, is_counselor FROM people WHERE sourced_id = ?", [person_id]
    ).fetchone()
    if role == "administrator":
        return "administrator"
    return "counselor" if counselor else "teacher"


def set_counselor(db: Store, username: str, counselor: bool = True) -> None:
    row = _staff_row(db, username)
    if row is None:
        raise NotFound("no-staff", username=username)
    with transaction(db):
        db.execute("UPDATE people SET is_counselor = ? WHERE sourced_id = ?", [int(counselor), row[0]])


def locked_students(db: Store, person_ids: list[str], at: datetime | None = None) -> dict[str, datetime]:
    """Students locked out now after repeated wrong codes, with when the lock ends.

    The teacher's screen lists them: a new code (`set_student_code`) unlocks at once.
    """
    at = at or datetime.now(UTC)
    locked = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for person_id, until in db.execute(
            f"SELECT sourced_id, locked_until FROM people WHERE sourced_id IN ({marks}) "
            "AND locked_until IS NOT NULL",
            chunk,
        ):
            moment = datetime.fromisoformat(until)
            if moment > at:
                locked[person_id] = moment
    return locked
