"""Who may see and change what: every teacher and counselor function asks here first.

    >>> require_class(db, "t-okafor", "class-kg")              # her class: fine
    >>> require_class(db, "t-okafor", "class-04")              # PermissionError
    >>> require_class(db, "t-tanaka", "class-04", manage=False) # a counselor of its school may look

Rules: a teacher sees and manages the classes they teach (co-teachers included); a counselor
sees the classes, students and records of their own schools (the schools in their roster
`org_ids`; a district there means every school under it) but assigns nothing; an
administrator may do everything at their schools: a district administrator (a district in
their `org_ids`, or no org at all) everywhere, a principal (OneRoster `administrator` whose
orgs are schools) at those schools only. The CLI, run by whoever holds the machine's data
directory, acts as `SYSTEM`, a district administrator.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Final

from .auth import staff_role
from .errors import NotAllowed

if TYPE_CHECKING:
    from .store import Store

TEACHER, COUNSELOR, ADMINISTRATOR = "teacher", "counselor", "administrator"


class _System(Enum):
    """The acting person for the command line: the machine's administrator. A one-member
    enum, so that `actor is SYSTEM` tells a type checker the actor is a sourcedId otherwise."""

    SYSTEM = "SYSTEM"

    def __repr__(self) -> str:
        return "SYSTEM"

    __str__ = __repr__


SYSTEM: Final = _System.SYSTEM

# Who acts: a staff member's sourcedId, or SYSTEM (the command line).
Actor = str | _System


def role(db: Store, actor: Actor) -> str:
    """teacher, counselor or administrator; PermissionError for a student or a stranger."""
    if actor is SYSTEM:
        return ADMINISTRATOR
    row = db.execute(
        "SELECT role, enabled FROM people WHERE sourced_id = ? AND status = 'active'", [actor]
    ).fetchone()
    if row is None or row[0] not in ("teacher", "administrator", "aide") or not row[1]:
        raise NotAllowed("staff-only")
    return staff_role(db, actor)


def taught_class_ids(db: Store, actor: Actor) -> list[str]:
    """The active classes this person teaches (as a teacher enrollment)."""
    return [
        r[0]
        for r in db.execute(
            """SELECT DISTINCT e.class_id FROM enrollments e
           JOIN classes c ON c.sourced_id = e.class_id AND c.status = 'active'
           WHERE e.person_id = ? AND e.role = 'teacher' AND e.status = 'active'""",
            [actor],
        )
    ]


@dataclass(frozen=True)
class TaughtClass:
    id: str
    title: str
    tier: str | None


def taught_classes(db: Store, actor: Actor) -> list[TaughtClass]:
    """The active classes this person teaches, by title (the teacher's class list)."""
    ids = taught_class_ids(db, actor)
    if not ids:
        return []
    rows = db.execute(
        f"SELECT sourced_id, title, tier FROM classes WHERE sourced_id IN ({','.join('?' for _ in ids)})"
        " ORDER BY title",
        ids,
    ).fetchall()
    return [TaughtClass(*row) for row in rows]


def counselor_school_ids(db: Store, actor: Actor) -> list[str] | None:
    """The schools whose records the actor may see: None for "every school" (SYSTEM or a
    district administrator), else each org of the counselor's or principal's roster
    `org_ids`, and every org under it (a district's schools, through orgs.parent_id). A
    teacher gets None too: teachers are held to their own classes elsewhere, never by school."""
    who = role(db, actor)
    if who == TEACHER or actor is SYSTEM:
        return None
    row = db.execute("SELECT org_ids FROM people WHERE sourced_id = ?", [actor]).fetchone()
    roots = [o.strip() for o in (row[0] or "").split(",") if o.strip()] if row else []
    if who == ADMINISTRATOR and (not roots or _any_district(db, roots)):
        return None
    if not roots:
        return []
    marks = ",".join("?" * len(roots))
    found = {
        r[0]
        for r in db.execute(
            f"""WITH RECURSIVE under(id) AS (
              SELECT sourced_id FROM orgs WHERE sourced_id IN ({marks})
              UNION SELECT o.sourced_id FROM orgs o JOIN under u ON o.parent_id = u.id)
            SELECT id FROM under""",
            roots,
        )
    }
    return sorted(found | set(roots))


def _any_district(db: Store, org_ids: list[str]) -> bool:
    marks = ",".join("?" * len(org_ids))
    return (
        db.execute(
            f"SELECT 1 FROM orgs WHERE sourced_id IN ({marks}) AND type <> 'school' LIMIT 1", org_ids
        ).fetchone()
        is not None
    )


def sees_no_school(db: Store, actor: Actor) -> bool:
    """True for a counselor whose roster orgs are none of this machine's: they see no records
    at all, which the counselor screen explains instead of showing empty tables."""
    schools = counselor_school_ids(db, actor)
    if schools is None:
        return False
    marks = ",".join("?" * len(schools))
    return (
        not schools
        or db.execute(f"SELECT 1 FROM orgs WHERE sourced_id IN ({marks})", schools).fetchone() is None
    )


def require_school(db: Store, actor: Actor, school_id: str) -> None:
    """PermissionError unless the actor may see the records of this school.

    An id that is no org at all is let through: the queries are held to the actor's
    schools anyway, so it finds nothing (as it would for an administrator).
    """
    schools = counselor_school_ids(db, actor)
    if (
        schools is not None
        and school_id not in schools
        and db.execute("SELECT 1 FROM orgs WHERE sourced_id = ?", [school_id]).fetchone()
    ):
        raise NotAllowed("school-not-yours", school=school_id)


def may_see_records(db: Store, actor: Actor) -> bool:
    return role(db, actor) in (COUNSELOR, ADMINISTRATOR)


def require_records(db: Store, actor: Actor) -> str:
    """Counselors (their schools') and administrators (every) records; returns the role."""
    who = role(db, actor)
    if who not in (COUNSELOR, ADMINISTRATOR):
        raise NotAllowed("records-for-counselors")
    return who


def require_class(db: Store, actor: Actor, class_id: str, *, manage: bool = True) -> None:
    """Raise PermissionError unless the actor may see (manage=False) or change the class."""
    who = role(db, actor)
    if who == ADMINISTRATOR and counselor_school_ids(db, actor) is None:
        return
    if actor is not SYSTEM and class_id in taught_class_ids(db, actor):
        return
    if who == ADMINISTRATOR or (who == COUNSELOR and not manage):
        row = db.execute("SELECT school_id FROM classes WHERE sourced_id = ?", [class_id]).fetchone()
        if row is not None and row[0] in (counselor_school_ids(db, actor) or ()):
            return
        raise NotAllowed("class-not-at-your-schools", class_id=class_id)
    raise NotAllowed("class-not-yours" if manage else "class-not-yours-to-see", class_id=class_id)


def require_student(db: Store, actor: Actor, person_id: str, *, manage: bool = True) -> None:
    """As require_class, for a student: allowed if the student is in one of the actor's classes."""
    who = role(db, actor)
    schools = counselor_school_ids(db, actor)
    if who == ADMINISTRATOR and schools is None:
        return
    if schools is not None and (who == ADMINISTRATOR or (who == COUNSELOR and not manage)):
        marks = ",".join("?" * len(schools))
        if (
            schools
            and db.execute(
                # The class's school decides, not the enrollment's own school_id, which a roster
                # could set to another school.
                f"""SELECT 1 FROM enrollments e JOIN classes c ON c.sourced_id = e.class_id
                WHERE e.person_id = ? AND e.role = 'student' AND e.status = 'active'
                AND c.school_id IN ({marks}) LIMIT 1""",
                [person_id, *schools],
            ).fetchone()
        ):
            return
    row = db.execute(
        """SELECT 1 FROM enrollments s JOIN enrollments t ON t.class_id = s.class_id
           WHERE s.person_id = ? AND s.role = 'student' AND s.status = 'active'
             AND t.person_id = ? AND t.role = 'teacher' AND t.status = 'active' LIMIT 1""",
        [person_id, actor],
    ).fetchone()
    if row is None:
        if who == ADMINISTRATOR or (who == COUNSELOR and not manage):
            raise NotAllowed("student-not-at-your-schools", person=person_id)
        raise NotAllowed("student-not-yours" if manage else "student-not-yours-to-see", person=person_id)
