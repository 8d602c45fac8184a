"""Who may see and change what: every teacher and counselor function asks here first.

    >>> require_class(db, "t-okafor", "class-kg")              # her class: fine
    >>> require_class(db, "t-okafor", "class-04")              # PermissionError
    >>> require_class(db, "t-tanaka", "class-04", manage=False) # a counselor may look

Rules: a teacher sees and manages the classes they teach (co-teachers included); a counselor
sees every class and every record but assigns nothing; an administrator may do both. The CLI,
run by whoever holds the machine's data directory, acts as `SYSTEM`.
"""
from __future__ import annotations

from .auth import staff_role

TEACHER, COUNSELOR, ADMINISTRATOR = "teacher", "counselor", "administrator"


class _System:
    """The acting person for the command line: the machine's administrator."""

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def role(db, actor) -> str:
    """teacher, counselor or administrator; PermissionError for a student or a stranger."""
    if actor is SYSTEM:
        return ADMINISTRATOR
    row = db.execute(
        "SELECT role, enabled FROM people WHERE sourced_id = ? AND status = 'active'", [actor]
    ).fetchone()
    if row is None or row[0] not in ("teacher", "administrator", "aide") or not row[1]:
        raise PermissionError("only signed-in staff may do this")
    return staff_role(db, actor)


def taught_class_ids(db, actor) -> list[str]:
    """The active classes this person teaches (as a teacher enrollment)."""
    return [r[0] for r in db.execute(
        """SELECT DISTINCT e.class_id FROM enrollments e
           JOIN classes c ON c.sourced_id = e.class_id AND c.status = 'active'
           WHERE e.person_id = ? AND e.role = 'teacher' AND e.status = 'active'""",
        [actor],
    )]


def may_see_records(db, actor) -> bool:
    return role(db, actor) in (COUNSELOR, ADMINISTRATOR)


def require_records(db, actor) -> str:
    """Counselors and administrators see every record; returns the role."""
    who = role(db, actor)
    if who not in (COUNSELOR, ADMINISTRATOR):
        raise PermissionError("completion records are for counselors and administrators")
    return who


def require_class(db, actor, class_id: str, *, manage: bool = True) -> None:
    """Raise PermissionError unless the actor may see (manage=False) or change the class."""
    who = role(db, actor)
    if who == ADMINISTRATOR or (who == COUNSELOR and not manage):
        return
    if actor is not SYSTEM and class_id in taught_class_ids(db, actor):
        return
    verb = "change" if manage else "see"
    raise PermissionError(f"you may not {verb} class {class_id!r}: it is not one of your classes")


def require_student(db, actor, person_id: str, *, manage: bool = True) -> None:
    """As require_class, for a student: allowed if the student is in one of the actor's classes."""
    who = role(db, actor)
    if who == ADMINISTRATOR or (who == COUNSELOR and not manage):
        return
    row = db.execute(
        """SELECT 1 FROM enrollments s JOIN enrollments t ON t.class_id = s.class_id
           WHERE s.person_id = ? AND s.role = 'student' AND s.status = 'active'
             AND t.person_id = ? AND t.role = 'teacher' AND t.status = 'active' LIMIT 1""",
        [person_id, actor],
    ).fetchone()
    if row is None:
        verb = "change" if manage else "see"
        raise PermissionError(f"you may not {verb} student {person_id!r}: not in one of your classes")
