"""Teachers assign modules to their classes, with a due date and, if they like, an order.

    >>> assign_modules(db, "t-qureshi", "class-04", [module_a, module_b], "2027-03-01", in_order=True)
    >>> [a.module_id for a in class_assignments(db, "t-qureshi", "class-04")]
    >>> unassign(db, "t-qureshi", "class-04", module_a.id)
    >>> home_entries(student_assignments(db, "s-260011"), statuses, today)   # the student's view

Each assignment and each unassignment writes its xAPI statement to the outbox in the same
transaction as the row: `assign`, then a `voided` statement pointing at it. A row that is
assigned again (or changed) gets a new revision, so its statement ids never repeat. The other
kiosks of the school apply them when they pull (core.shared_assignments).

Overdue: a module is overdue for a student once the day after its due date has begun (local
date) and the student has not passed it. A module passed late is passed, not overdue.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from . import access, audit, shared_assignments, xapi
from .errors import NotAllowed, NotFound, Refused
from .schools import record_school
from .store import Store, get_setting, now, transaction

if TYPE_CHECKING:
    from .access import Actor

log = logging.getLogger(__name__)


class Assignable(Protocol):
    """What can be assigned: a catalog module, or anything with its id, tier and title."""

    @property
    def id(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class Assignment:
    id: str
    class_id: str
    module_id: str
    due_date: str | None  # YYYY-MM-DD, the last day to pass it
    position: int | None  # set when the class is to take its modules in this order
    assigned_by: str | None
    assigned_at: str
    revision: int

    def overdue_on(self, today: date, passed: bool) -> bool:
        return is_overdue(self.due_date, passed, today)


def is_overdue(due_date: str | None, passed: bool, today: date | None = None) -> bool:
    """Not passed, and the due date is before today (the due day itself still counts)."""
    if passed or not due_date:
        return False
    return date.fromisoformat(due_date) < (today or date.today())


def parse_due(due: str | date | None) -> str | None:
    """A due date as stored: YYYY-MM-DD, or None. ValueError for anything else."""
    if due is None or due == "":
        return None
    if isinstance(due, date):
        return due.isoformat()
    try:
        return date.fromisoformat(due).isoformat()
    except ValueError:
        raise Refused("due-date-format", due=due) from None


def due_problem(due: str | date | None, today: date | None = None) -> str | None:
    """Why a due date a teacher picks now cannot stand: "due-date-past" for a day before
    today (students would be overdue the moment it is assigned), else None. The assign
    dialog refuses such a date; the CLI and imports may still record a past one."""
    day = parse_due(due) if due else None
    if day is None:
        return None
    return "due-date-past" if day < (today or date.today()).isoformat() else None


_COLUMNS = "id, class_id, module_id, due_date, position, assigned_by, assigned_at, revision"
_ORDER = "ORDER BY position IS NULL, position, due_date IS NULL, due_date, assigned_at, module_id"


def class_assignments(db: Store, actor: Actor, class_id: str) -> list[Assignment]:
    """The class's current assignments: ordered ones first, then by due date."""
    access.require_class(db, actor, class_id, manage=False)
    return _active(db, class_id)


def _active(db: Store, class_id: str) -> list[Assignment]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM assignments WHERE class_id = ? AND removed_at IS NULL {_ORDER}",
        [class_id],
    ).fetchall()
    return [Assignment(*r) for r in rows]


def class_tier(db: Store, class_id: str) -> str | None:
    row = db.execute("SELECT tier FROM classes WHERE sourced_id = ?", [class_id]).fetchone()
    if row is None:
        raise NotFound("no-class", class_id=class_id)
    return row[0]


def assign_modules(
    db: Store,
    actor: Actor,
    class_id: str,
    modules: Iterable[Assignable],
    due_date: str | date | None = None,
    *,
    in_order: bool = False,
) -> list[Assignment]:
    """Assign several modules at once, in one transaction; `in_order` numbers them after any
    the class already has in order."""
    access.require_class(db, actor, class_id)
    due = parse_due(due_date)
    with transaction(db):
        start = db.execute(
            "SELECT COALESCE(MAX(position), 0) FROM assignments WHERE class_id = ? AND removed_at IS NULL",
            [class_id],
        ).fetchone()[0]
        return [
            assign(db, actor, class_id, m, due, position=start + i + 1 if in_order else None)
            for i, m in enumerate(modules)
        ]


def assign(
    db: Store,
    actor: Actor,
    class_id: str,
    module: Assignable,
    due_date: str | date | None = None,
    *,
    position: int | None = None,
) -> Assignment:
    """Assign one module (anything with id, tier and title) to a class the actor teaches.

    Assigning what is already assigned with the same due date and position changes nothing;
    with another due date or position, the old statement is voided and a new one written.
    """
    access.require_class(db, actor, class_id)
    if actor is access.SYSTEM:
        raise NotAllowed("assign-needs-teacher")
    tier = class_tier(db, class_id)
    if module.tier != tier:
        raise Refused(
            "wrong-tier", module=module.id, module_tier=module.tier, class_id=class_id, class_tier=tier or "-"
        )
    due = parse_due(due_date)
    sis = get_setting(db, "sis_home_page", xapi.DEFAULT_SIS_HOME_PAGE)
    at = now()
    with transaction(db):
        row = db.execute(
            "SELECT id, revision, removed_at, due_date, position FROM assignments"
            " WHERE class_id = ? AND module_id = ?",
            [class_id, module.id],
        ).fetchone()
        if row is None:
            assignment_id, revision = str(uuid.uuid4()), 0
            db.execute(
                """INSERT INTO assignments (id, class_id, module_id, due_date, position, assigned_by,
                     assigned_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [assignment_id, class_id, module.id, due, position, actor, at, revision],
            )
        else:
            assignment_id, revision, removed_at, old_due, old_position = row
            if removed_at is None and (old_due, old_position) == (due, position):
                return _active_one(db, assignment_id)
            if removed_at is None and shared_assignments.stated_here(db, assignment_id, revision):
                # A change: withdraw what the district was told before (only a statement this
                # kiosk sent: one pulled from another kiosk is superseded by the new revision).
                _write_void(db, assignment_id, revision, actor, sis, at)
            revision += 1
            db.execute(
                """UPDATE assignments SET due_date = ?, position = ?, assigned_by = ?, assigned_at = ?,
                     removed_at = NULL, revision = ? WHERE id = ?""",
                [due, position, actor, at, revision, assignment_id],
            )
        _write_assign(
            db, assignment_id, revision, actor, sis, at, module.id, module.title, class_id, due, position
        )
        audit.record(
            db,
            actor,
            audit.ASSIGN,
            subject=class_id,
            detail={"module": module.id, "due": due, "position": position},
        )
    log.info("assigned %s to %s (due %s)", module.id, class_id, due or "-")
    return _active_one(db, assignment_id)


def unassign(db: Store, actor: Actor, class_id: str, module_id: str) -> bool:
    """Withdraw an assignment; False if it was not assigned. The row stays, marked removed."""
    access.require_class(db, actor, class_id)
    if actor is access.SYSTEM:
        raise NotAllowed("unassign-needs-teacher")
    sis = get_setting(db, "sis_home_page", xapi.DEFAULT_SIS_HOME_PAGE)
    at = now()
    with transaction(db):
        row = db.execute(
            "SELECT id, revision FROM assignments"
            " WHERE class_id = ? AND module_id = ? AND removed_at IS NULL",
            [class_id, module_id],
        ).fetchone()
        if row is None:
            return False
        assignment_id, revision = row
        if not shared_assignments.stated_here(db, assignment_id, revision):
            # Made on another kiosk of the school: the hub lets a kiosk void only its own
            # statements, so this one states the assignment as its own revision, then voids it.
            due, position = db.execute(
                "SELECT due_date, position FROM assignments WHERE id = ?", [assignment_id]
            ).fetchone()
            revision += 1
            _write_assign(
                db, assignment_id, revision, actor, sis, at, module_id, module_id, class_id, due, position
            )
        db.execute(
            "UPDATE assignments SET removed_at = ?, revision = ? WHERE id = ?", [at, revision, assignment_id]
        )
        _write_void(db, assignment_id, revision, actor, sis, at)
        audit.record(db, actor, audit.UNASSIGN, subject=class_id, detail={"module": module_id})
    log.info("unassigned %s from %s", module_id, class_id)
    return True


def _write_assign(
    db: Store,
    assignment_id: str,
    revision: int,
    actor: str,
    sis: str,
    at: str,
    module_id: str,
    title: str,
    class_id: str,
    due: str | None,
    position: int | None,
) -> None:
    record_id = xapi.assignment_record_id(assignment_id, revision)
    statement = xapi.assign_statement(
        record_id=record_id,
        sis_home_page=sis,
        teacher_id=actor,
        module_id=module_id,
        module_title=title,
        class_id=class_id,
        due_date=due,
        position=position,
        timestamp=datetime.fromisoformat(at),
        school_id=record_school(db, class_id, None),
    )
    _outbox(db, statement, "assigned", record_id, at)


def _write_void(db: Store, assignment_id: str, revision: int, actor: str, sis: str, at: str) -> None:
    record_id = xapi.assignment_record_id(assignment_id, revision)
    statement = xapi.voiding_statement(
        record_id=record_id,
        voided_id=xapi.statement_id("assigned", record_id),
        sis_home_page=sis,
        actor_id=actor,
        timestamp=datetime.fromisoformat(at),
        assignment=True,
    )
    _outbox(db, statement, "voided", record_id, at)


def _outbox(db: Store, statement: dict, kind: str, record_id: str, at: str) -> None:
    db.execute(
        "INSERT INTO outbox (id, kind, record_id, statement, created_at) VALUES (?, ?, ?, ?, ?)",
        [statement["id"], kind, record_id, json.dumps(statement), at],
    )


def _active_one(db: Store, assignment_id: str) -> Assignment:
    return Assignment(
        *db.execute(f"SELECT {_COLUMNS} FROM assignments WHERE id = ?", [assignment_id]).fetchone()
    )


# -- the student's side ----------------------------------------------------------------------


def student_assignments(db: Store, person_id: str) -> list[Assignment]:
    """What the student's classes have assigned, one per module (the earliest due date wins)."""
    rows = db.execute(
        f"""SELECT {", ".join("a." + c.strip() for c in _COLUMNS.split(","))}
            FROM assignments a
            JOIN enrollments e ON e.class_id = a.class_id AND e.person_id = ?
                 AND e.role = 'student' AND e.status = 'active'
            WHERE a.removed_at IS NULL
            ORDER BY a.position IS NULL, a.position, a.due_date IS NULL, a.due_date, a.module_id""",
        [person_id],
    ).fetchall()
    seen: dict[str, Assignment] = {}
    for row in rows:
        seen.setdefault(row[2], Assignment(*row))
    return list(seen.values())


@dataclass(frozen=True)
class HomeEntry:
    """A module on the student's home: assigned or not, when it is due, what must come first."""

    module_id: str
    assigned: bool
    due_date: str | None = None
    overdue: bool = False
    after: str | None = None  # the module to pass first (the class takes them in order)


def home_entries(
    module_ids: list[str], assignments: list[Assignment], passed: set[str], today: date | None = None
) -> list[HomeEntry]:
    """The student's modules, assigned ones first (in the teacher's order), then the rest.

    Only modules of the student's tier (`module_ids`) are shown; an assignment of another
    tier (say, the student changed grade) is left out.
    """
    today = today or date.today()
    available = set(module_ids)
    entries: list[HomeEntry] = []
    previous: dict[str, str] = {}  # class -> the last ordered module not yet passed
    for a in assignments:
        if a.module_id not in available:
            continue
        after = None
        if a.position is not None:
            after = previous.get(a.class_id)
            if a.module_id not in passed and after is None:
                previous[a.class_id] = a.module_id
            elif after is not None and a.module_id in passed:
                after = None  # already passed: nothing to wait for
        entries.append(
            HomeEntry(
                a.module_id, True, a.due_date, is_overdue(a.due_date, a.module_id in passed, today), after
            )
        )
    assigned = {e.module_id for e in entries}
    entries += [HomeEntry(m, False) for m in module_ids if m not in assigned]
    return entries
