"""Which school a record belongs to, and which school this kiosk pulls the district's records for.

    >>> record_school(db, "class-4a", "stu-1")   # the class's school, else the student's
    >>> kiosk_school(db)                          # the school the kiosk was enrolled for

The school goes into each statement (xapi.grouping) by its sourcedId only, so that the hub can
answer a kiosk's pull with its own school's records instead of the whole district's.
"""

from __future__ import annotations

from .store import Store, get_setting

#: The school the hub registered this kiosk's device for (set by enrollment, or by
#: `citizenship-app sync configure --school`).
SCHOOL_SETTING = "hub_school"


def kiosk_school(db: Store) -> str | None:
    """The school this kiosk's device belongs to at the hub: the one it was enrolled for, else
    the only school of its roster; None when neither says (a roster of several schools)."""
    enrolled = get_setting(db, SCHOOL_SETTING)
    if enrolled:
        return enrolled
    rows = db.execute(
        "SELECT sourced_id FROM orgs WHERE type = 'school' AND status = 'active' LIMIT 2"
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def record_school(db: Store, class_id: str | None, person_id: str | None) -> str | None:
    """The school of a record: its class's school, else the person's school in the roster
    (the first school of their orgs), else this kiosk's school."""
    if class_id:
        row = db.execute("SELECT school_id FROM classes WHERE sourced_id = ?", [class_id]).fetchone()
        if row and row[0]:
            return row[0]
    if person_id:
        row = db.execute("SELECT org_ids FROM people WHERE sourced_id = ?", [person_id]).fetchone()
        orgs = [o for o in (row[0] or "").split(",") if o] if row else []
        if orgs:
            marks = ",".join("?" * len(orgs))
            schools = {
                r[0]
                for r in db.execute(
                    f"SELECT sourced_id FROM orgs WHERE type = 'school' AND sourced_id IN ({marks})", orgs
                )
            }
            found = next((o for o in orgs if o in schools), None)
            if found:
                return found
    return kiosk_school(db)
