"""The kiosk's compliance report for filing: built from this machine's roster and completions,
frozen when a school year is closed, and checked against the database later.

    >>> rep = report(db, "a-whitfield", catalog, school_year(db, "2027"))   # or the frozen one
    >>> close_year(db, SYSTEM, catalog, school_year(db, "2026"))            # freeze 2025-2026
    >>> check(db, SYSTEM, catalog, metadata)    # metadata: what reports.pdf embedded in the PDF

What the report counts and how its fingerprint is made is `core.compliance_report`; this module
reads the rows. Closing a year stores the district's report and each school's, with the
canonical records behind each fingerprint (`compliance_reports`); from then on `report`
returns the stored report for that year, whatever the roster says later. Closing is for an
administrator (the CLI), after the year's last day unless `early`, and is audited first.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from . import access, audit
from .compliance import SchoolYear, district_name, required_modules, school_year
from .compliance_report import (
    Check,
    Pass,
    Report,
    StaffMember,
    Student,
    build,
    counted,
    fingerprint,
    module_infos,
)
from .store import Store, now, transaction

if TYPE_CHECKING:
    from .access import Actor
    from .content import Catalog

ALL = ""  # the school_id of a frozen district-wide report


def _scope(db: Store, actor: Actor, school_id: str | None) -> list[str] | None:
    """The schools the report covers: one, the actor's (a counselor's or principal's), or None (all)."""
    access.require_records(db, actor)
    if school_id:
        access.require_school(db, actor, school_id)
        return [school_id]
    return access.counselor_school_ids(db, actor)


def _students(db: Store, schools: list[str] | None) -> list[Student]:
    """Each active student at each school where they have an active class enrollment (the class's
    school decides), with their classes there."""
    rows = db.execute(
        f"""SELECT p.sourced_id, c.school_id, COALESCE(o.name, c.school_id), COALESCE(p.grade, ''), p.tier,
                   c.sourced_id, c.title
            FROM enrollments e
            JOIN people p ON p.sourced_id = e.person_id AND p.role = 'student' AND p.status = 'active'
            JOIN classes c ON c.sourced_id = e.class_id AND c.status = 'active'
            LEFT JOIN orgs o ON o.sourced_id = c.school_id
            WHERE e.role = 'student' AND e.status = 'active'
            {"AND c.school_id IN (SELECT value FROM json_each(?))" if schools is not None else ""}
            ORDER BY p.sourced_id, c.school_id, c.title""",
        [json.dumps(schools)] if schools is not None else [],
    ).fetchall()
    by_key: dict[tuple[str, str], list] = {}
    for person, sid, school, grade, tier, class_id, title in rows:
        entry = by_key.setdefault((person, sid), [school, grade, tier, []])
        entry[3].append((class_id, title))
    return [
        Student(person, sid, school, grade, tier, tuple(classes))
        for (person, sid), (school, grade, tier, classes) in by_key.items()
    ]


def _staff(db: Store, schools: list[str] | None) -> list[StaffMember]:
    """Active staff: all of them, or those who teach a class at one of `schools` or whose roster
    orgs name one of them."""
    rows = db.execute(
        """SELECT sourced_id, family_name || ', ' || given_name, COALESCE(org_ids, '') FROM people
           WHERE role IN ('teacher', 'administrator', 'aide') AND status = 'active'"""
    ).fetchall()
    if schools is None:
        return [StaffMember(p, name) for p, name, _orgs in rows]
    wanted = set(schools)
    teaching = {
        r[0]
        for r in db.execute(
            """SELECT DISTINCT e.person_id FROM enrollments e JOIN classes c ON c.sourced_id = e.class_id
               WHERE e.role = 'teacher' AND e.status = 'active'
                 AND c.school_id IN (SELECT value FROM json_each(?))""",
            [json.dumps(schools)],
        )
    }
    return [
        StaffMember(p, name)
        for p, name, orgs in rows
        if p in teaching or wanted & {o.strip() for o in orgs.split(",")}
    ]


def _passes(db: Store, year: SchoolYear) -> list[Pass]:
    """Every completion dated within the school year (build keeps those it counts)."""
    return [
        Pass(attempt, person, module, at, int(score))
        for attempt, person, module, at, score in db.execute(
            """SELECT attempt_id, person_id, module_id, completed_at, score FROM completions
               WHERE completed_at >= ? AND completed_at < ?""",
            [year.start.isoformat(), (year.end + timedelta(days=1)).isoformat()],
        )
    ]


def _scope_name(db: Store, schools: list[str] | None) -> str:
    if schools is None:
        return "All schools"
    names = dict(db.execute("SELECT sourced_id, name FROM orgs").fetchall())
    return ", ".join(sorted(names.get(s, s) for s in schools)) or "No school"


def build_live(
    db: Store,
    catalog: Catalog,
    year: SchoolYear,
    schools: list[str] | None,
    school_id: str | None,
    required: dict[str, list[str]] | None = None,
) -> tuple[Report, list[Pass]]:
    """The report from the database as it is now, with the records it counts."""
    modules = module_infos(catalog)
    chosen = required if required is not None else required_modules(db, catalog.modules.values())
    students, staff, passes = _students(db, schools), _staff(db, schools), _passes(db, year)
    rep = build(
        district=district_name(db),
        scope=_scope_name(db, schools),
        school_id=school_id,
        school_year=year.school_year,
        school_year_title=year.title,
        year_start=year.start,
        year_end=year.end,
        modules=modules,
        items=catalog.items,
        required=chosen,
        students=students,
        staff=staff,
        passes=passes,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return rep, counted(year.start, year.end, modules, chosen, students, staff, passes)


def frozen(db: Store, year: str, school_id: str | None) -> Report | None:
    """The report stored when the year was closed (the district's, or one school's), if any."""
    row = db.execute(
        "SELECT report FROM compliance_reports WHERE school_year = ? AND school_id = ?",
        [year, school_id or ALL],
    ).fetchone()
    return Report.from_json(json.loads(row[0])) if row else None


def report(
    db: Store,
    actor: Actor,
    catalog: Catalog,
    year: SchoolYear,
    school_id: str | None = None,
    *,
    audited: bool = True,
) -> Report:
    """The report for one school year (the actor's schools, or one school): the frozen one if
    the year is closed, else built now. Audited as "view_compliance"; a caller that exports it
    at once passes `audited=False` and audits the export (reports.exports)."""
    schools = _scope(db, actor, school_id)
    # A closed year's frozen reports are the district's and each school's: one of them fits
    # the whole district, one school, or a principal's or counselor's only school.
    one = school_id or (schools[0] if schools is not None and len(schools) == 1 else None)
    stored = frozen(db, year.school_year, one) if schools is None or one else None
    rep = stored or build_live(db, catalog, year, schools, school_id)[0]
    if audited:
        audit.record(db, actor, audit.VIEW_COMPLIANCE, detail=audit_detail(rep))
    return rep


def export_json(
    db: Store, actor: Actor, catalog: Catalog, year: SchoolYear, school_id: str | None = None
) -> dict:
    """The report as JSON (Report.to_json), audited as "export_compliance" before it is returned."""
    rep = report(db, actor, catalog, year, school_id, audited=False)
    audit.record(db, actor, audit.EXPORT_COMPLIANCE, detail=audit_detail(rep, "json"))
    return rep.to_json()


def audit_detail(rep: Report, fmt: str | None = None) -> dict:
    """For the audit log: the year, the scope, the counts and the fingerprint (no names)."""
    out = {
        "school_year": rep.school_year,
        "school": rep.school_id,
        "students": rep.total.enrolled,
        "records": rep.records,
        "fingerprint": rep.fingerprint,
        "frozen": rep.frozen_at is not None,
    }
    if fmt:
        out["format"] = fmt
    return out


class YearError(ValueError):
    """Closing refused: `code` is "open" (the year has not ended), "closed" (already) or "no-students"."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def close_year(
    db: Store,
    actor: Actor,
    catalog: Catalog,
    year: SchoolYear,
    *,
    today: date | None = None,
    early: bool = False,
) -> list[Report]:
    """Freeze the year's reports (the district's and each school's) with their fingerprints.

    Only a district administrator; after the year's last day unless `early`; once. The audit row
    ("close_year") is written first, and the reports in one transaction with it.
    """
    if access.role(db, actor) != access.ADMINISTRATOR or access.counselor_school_ids(db, actor) is not None:
        raise PermissionError("only a district administrator closes a school year")
    today = today or date.today()
    if today <= year.end and not early:
        raise YearError(
            "open",
            f"the school year {year.title} runs until {year.end.isoformat()}: close it after that "
            "(or now, with --early, if every record is in)",
        )
    if frozen(db, year.school_year, None) is not None:
        raise YearError("closed", f"the school year {year.title} is already closed")
    required = required_modules(db, catalog.modules.values())
    built = [build_live(db, catalog, year, None, None, required)]
    for (school_id,) in db.execute(
        "SELECT DISTINCT school_id FROM classes WHERE status = 'active' ORDER BY school_id"
    ).fetchall():
        built.append(build_live(db, catalog, year, [school_id], school_id, required))
    at, who = now(), audit.actor_id(actor)
    with transaction(db):
        audit.record(
            db,
            actor,
            audit.CLOSE_YEAR,
            detail={"school_year": year.school_year, "fingerprint": built[0][0].fingerprint},
        )
        out = []
        for rep, records in built:
            rep = replace(rep, frozen_at=at, frozen_by=who)
            db.execute(
                """INSERT INTO compliance_reports
                   (school_year, school_id, closed_at, closed_by, fingerprint, report, records)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [
                    year.school_year,
                    rep.school_id or ALL,
                    at,
                    who,
                    rep.fingerprint,
                    json.dumps(rep.to_json(), ensure_ascii=False, sort_keys=True),
                    json.dumps([p.canonical() for p in records], ensure_ascii=False),
                ],
            )
            out.append(rep)
    return out


def closed_years(db: Store) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT school_year FROM compliance_reports ORDER BY 1")]


# -- verify --------------------------------------------------------------------------------


def check(db: Store, actor: Actor, catalog: Catalog, metadata: dict | None) -> Check:
    """Recompute the fingerprint of the records a report (its PDF metadata) summarises.

    For a closed year, the records are those stored when it closed, read again from
    `completions` (a record edited or deleted since shows); otherwise the report is rebuilt for
    the same year, school and required modules from the database as it is now.
    """
    access.require_records(db, actor)
    if not metadata or "fingerprint" not in metadata:
        return Check("not-a-report", None, None, None, None, False)
    expected, year_id, school_id = metadata["fingerprint"], metadata["school_year"], metadata.get("school_id")
    row = db.execute(
        "SELECT fingerprint, records FROM compliance_reports WHERE school_year = ? AND school_id = ?",
        [year_id, school_id or ALL],
    ).fetchone()
    if row is not None:
        stored_fp, stored = row[0], [Pass(*r) for r in json.loads(row[1])]
        if fingerprint(stored) != stored_fp:
            return Check(
                "frozen-altered", expected, fingerprint(stored), metadata.get("records"), len(stored), True
            )
        now_rows = _passes_by_record(db, [p.record_id for p in stored])
        found = fingerprint(now_rows)
        code = "match" if found == expected == stored_fp else "changed"
        return Check(code, expected, found, metadata.get("records"), len(now_rows), True)
    year = school_year(db, year_id)
    schools = [school_id] if school_id else _scope(db, actor, None)
    rep, _records = build_live(db, catalog, year, schools, school_id, metadata.get("required"))
    code = "match" if rep.fingerprint == expected else "changed"
    return Check(code, expected, rep.fingerprint, metadata.get("records"), rep.records, False)


def _passes_by_record(db: Store, record_ids: list[str]) -> list[Pass]:
    return [
        Pass(attempt, person, module, at, int(score))
        for attempt, person, module, at, score in db.execute(
            """SELECT attempt_id, person_id, module_id, completed_at, score FROM completions
               WHERE attempt_id IN (SELECT value FROM json_each(?))""",
            [json.dumps(record_ids)],
        )
    ]
