"""Assignments made on any kiosk of a school, on every kiosk of that school.

Each assignment already travels as xAPI statements (core.assignments): `assign` (verb
http://activitystrea.ms/schema/1.0/assign; the class in `context.contextActivities.grouping`,
the due date and order in `result.extensions`, and the record "<assignment id>#<revision>" in
the context extension xapi.ASSIGNMENT_EXTENSION), and `voided` pointing at the `assign`
statement an unassignment withdraws (with the same extension, so the row is found at once).
The hub keeps them like any statement, and each kiosk's pull (core.sync) hands them here:

    merge(db, statement)   # 1 when it changed this kiosk's assignments

- An `assign` for a class this kiosk holds (its school's) sets that class's row for the module
  to the statement's record (same id and revision as the kiosk that made it), unless the row
  changed later here. Statements of another school's classes, or made before a change the
  kiosk already has, change nothing.
- A `voided` withdraws the row whose record it names, or a later revision of that row (an
  unassignment may arrive before its own `assign`, both being stamped with the same time).

Last change wins, by the statements' timestamps. A pulled change writes no statement of its
own (it is already at the hub) and no audit row (the kiosk that made it audited it). A kiosk
only voids statements it sent itself (the hub refuses the others): changing or withdrawing an
assignment another kiosk made is stated with a new revision of its own (core.assignments).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from . import xapi
from .store import Store, transaction

log = logging.getLogger(__name__)

ASSIGNED = xapi.VERBS["assigned"]
VOIDED = xapi.VERBS["voided"]
# How many revisions past the row's a `voided` may name (see the module's docstring).
_AHEAD = 4


def merge(db: Store, statement: dict, trusted: Callable[[dict], bool] | None = None) -> int:
    """Apply a pulled `assign` or `voided` statement (see the module's docstring)."""
    verb = (statement.get("verb") or {}).get("id")
    if verb not in (ASSIGNED, VOIDED):
        return 0
    if trusted is not None and not trusted(statement):
        log.warning(
            "pull: statement %s left out: no valid signature of a registered device", statement.get("id")
        )
        return 0
    at = statement.get("timestamp") or statement.get("stored")
    if not isinstance(at, str):
        return 0
    if verb == VOIDED:
        record = ((statement.get("context") or {}).get("extensions") or {}).get(xapi.ASSIGNMENT_EXTENSION)
        return _void(db, str((statement.get("object") or {}).get("id", "")).lower(), at, record)
    return _assign(db, statement, at)


def _assign(db: Store, statement: dict, at: str) -> int:
    context = statement.get("context") or {}
    record = (context.get("extensions") or {}).get(xapi.ASSIGNMENT_EXTENSION)
    module_iri = (statement.get("object") or {}).get("id", "")
    grouping = (context.get("contextActivities") or {}).get("grouping") or []
    grouping = [grouping] if isinstance(grouping, dict) else grouping
    prefix = xapi.class_iri("")
    class_id = next(
        (g["id"][len(prefix) :] for g in grouping if str(g.get("id", "")).startswith(prefix)), None
    )
    if not (
        isinstance(record, str) and "#" in record and class_id and module_iri.startswith(xapi.module_iri(""))
    ):
        return 0  # from a kiosk before records travelled, or not an assignment of ours
    assignment_id, _, revision_text = record.rpartition("#")
    if not revision_text.isdigit():
        return 0
    revision, module_id = int(revision_text), module_iri[len(xapi.module_iri("")) :]
    extensions = (statement.get("result") or {}).get("extensions") or {}
    due, position = extensions.get(xapi.DUE_DATE_EXTENSION), extensions.get(xapi.ORDER_EXTENSION)
    teacher = ((statement.get("actor") or {}).get("account") or {}).get("name")
    with transaction(db):
        if db.execute("SELECT 1 FROM classes WHERE sourced_id = ?", [class_id]).fetchone() is None:
            return 0  # another school's class
        row = db.execute(
            "SELECT id, revision, assigned_at, removed_at FROM assignments"
            " WHERE class_id = ? AND module_id = ?",
            [class_id, module_id],
        ).fetchone()
        if row is not None and row[0] == assignment_id:
            if row[1] >= revision:
                return 0  # this very record, or a later revision of it, is here already
        elif row is not None and _instant(at) <= max(_instant(row[2]), _instant(row[3] or row[2])):
            return 0  # this class's row for the module changed here since: the later change stands
        known = db.execute("SELECT 1 FROM people WHERE sourced_id = ?", [teacher]).fetchone()
        values = [
            assignment_id,
            due if isinstance(due, str) else None,
            position if isinstance(position, int) else None,
            teacher if known else None,
            at,
            revision,
        ]
        if row is None:
            db.execute(
                """INSERT INTO assignments (id, due_date, position, assigned_by, assigned_at, revision,
                     class_id, module_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [*values, class_id, module_id],
            )
        else:
            db.execute(
                """UPDATE assignments SET id = ?, due_date = ?, position = ?, assigned_by = ?,
                     assigned_at = ?, revision = ?, removed_at = NULL WHERE class_id = ? AND module_id = ?""",
                [*values, class_id, module_id],
            )
    log.info("assignment of %s to %s from another kiosk applied", module_id, class_id)
    return 1


def _void(db: Store, voided_id: str, at: str, record: object = None) -> int:
    # The record it withdraws names the row (a kiosk of this version says it); else every row
    # is tried (a void of another LRS client, or of a kiosk before the record rode along).
    named = record.rpartition("#")[0] if isinstance(record, str) and "#" in record else None
    where, params = ("WHERE id = ?", [named]) if named else ("", [])
    with transaction(db):
        for assignment_id, revision, removed_at, assigned_at in db.execute(
            f"SELECT id, revision, removed_at, assigned_at FROM assignments {where}", params
        ).fetchall():
            for r in range(revision, revision + _AHEAD):
                if xapi.statement_id("assigned", xapi.assignment_record_id(assignment_id, r)) != voided_id:
                    continue
                if (r == revision and removed_at is not None) or _instant(at) < _instant(assigned_at):
                    return 0  # withdrawn here already, or assigned again since
                db.execute(
                    "UPDATE assignments SET removed_at = ?, revision = ? WHERE id = ?", [at, r, assignment_id]
                )
                log.info("an assignment withdrawn on another kiosk was withdrawn here")
                return 1
    return 0


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def stated_here(db: Store, assignment_id: str, revision: int) -> bool:
    """Whether this kiosk sent the `assign` of this record (so it may void it at the hub)."""
    sid = xapi.statement_id("assigned", xapi.assignment_record_id(assignment_id, revision))
    return db.execute("SELECT 1 FROM outbox WHERE id = ?", [sid]).fetchone() is not None
