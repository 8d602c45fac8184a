"""Secrets and student sign-in: codes are hashed with scrypt (memory-hard), never stored plain.

    >>> set_student_code(db, "stu-1", "2468")
    >>> sign_in_student(db, "stu-1", "2468").ok
    True
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .store import now, transaction

# n=2**14, r=8: about 16 MiB and ~50 ms per check, slow for guessing, fine at a kiosk.
_N, _R, _P = 2**14, 8, 1
MAX_FAILURES = 5
LOCK_MINUTES = 5


def hash_secret(secret: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${_N}${_R}${_P}${b64(salt)}${b64(digest)}"


def verify_secret(secret: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def valid_pin(code: str) -> bool:
    return code.isdigit() and 4 <= len(code) <= 6


def set_student_code(db, person_id: str, code: str, kind: str = "pin") -> None:
    """Give a student a new sign-in code (a 4-6 digit PIN); clears any lock."""
    if kind == "pin" and not valid_pin(code):
        raise ValueError("a PIN is 4 to 6 digits")
    with transaction(db):
        cursor = db.execute(
            "UPDATE people SET code_hash = ?, code_kind = ?, failed_attempts = 0, locked_until = NULL "
            "WHERE sourced_id = ? AND role = 'student'",
            [hash_secret(code), kind, person_id],
        )
        if cursor.rowcount != 1:
            raise KeyError(f"no student {person_id!r}")


@dataclass(frozen=True)
class SignIn:
    ok: bool
    reason: str = ""  # why not, in words a student understands
    locked_until: datetime | None = None


def sign_in_student(db, person_id: str, code: str, at: datetime | None = None) -> SignIn:
    """Check a student's code; count failures and lock the student after MAX_FAILURES."""
    at = at or datetime.now(timezone.utc)
    row = db.execute(
        "SELECT code_hash, enabled, failed_attempts, locked_until FROM people "
        "WHERE sourced_id = ? AND role = 'student'",
        [person_id],
    ).fetchone()
    if row is None:
        return SignIn(False, "We could not find you. Ask your teacher for help.")
    code_hash, enabled, failures, locked_until = row
    if not enabled:
        return SignIn(False, "This account is turned off. Ask your teacher for help.")
    if locked_until and datetime.fromisoformat(locked_until) > at:
        until = datetime.fromisoformat(locked_until)
        return SignIn(False, "Too many tries. Wait a few minutes or ask your teacher.", until)
    if not code_hash:
        return SignIn(False, "You do not have a code yet. Ask your teacher for one.")
    if verify_secret(code, code_hash):
        with transaction(db):
            db.execute(
                "UPDATE people SET failed_attempts = 0, locked_until = NULL WHERE sourced_id = ?",
                [person_id],
            )
        return SignIn(True)
    failures += 1
    until = at + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
    with transaction(db):
        db.execute(
            "UPDATE people SET failed_attempts = ?, locked_until = ? WHERE sourced_id = ?",
            [0 if until else failures, until.isoformat() if until else None, person_id],
        )
    if until:
        return SignIn(False, "Too many tries. Wait a few minutes or ask your teacher.", until)
    return SignIn(False, "That code is not right. Try again.")


__all__ = ["hash_secret", "verify_secret", "set_student_code", "sign_in_student", "SignIn", "now"]
