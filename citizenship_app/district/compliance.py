"""The district-wide compliance report at the hub: its roster, its statements, one report.

    >>> roster = TableRoster(store.engine)                  # the hub's roster tables
    >>> rep = report(store, roster, catalog, "2027")        # the frozen one once 2027 is closed
    >>> close_year(store, roster, catalog, "2027", closed_by="cli", today=date(2027, 7, 1))
    >>> check(store, roster, catalog, metadata)             # metadata: read back from the PDF

What the report counts and how its fingerprint is made is `core.compliance_report`, shared with
the kiosk. Here the passes come from the hub's `passed` statements (not voided; the record id is
the attempt id, `context.registration`, as on the kiosk), the people and classes from a
`Roster`: anything with the methods below. `TableRoster` reads the hub's roster tables (the
`roster_*` tables `citizenship-district roster import` fills through the kiosk's importer, so
a person's tier is the importer's, from their grade, as on the kiosk).

Closing a year stores the district's report and each school's (`compliance_reports`, created
when missing) with the canonical records behind each fingerprint.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Protocol

from sqlalchemy import (
    BigInteger,
    Column,
    MetaData,
    String,
    Table,
    Text,
    and_,
    exists,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine

from ..core.compliance import SchoolYear
from ..core.compliance_report import (
    STUDENT_TIERS,
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
from ..core.quiz import score_percent
from ..core.roster import grade_to_tier
from ..core.xapi import ACTIVITY_BASE, VERBS
from .compression import unpack
from .signatures import why_not_verified
from .storage import Store, statements

ALL = ""  # the school_id of the district-wide report
_MODULE_PREFIX = f"{ACTIVITY_BASE}/module/"
_VERIFY_CHUNK = 1000  # passes whose signatures are fetched and checked at once

metadata = MetaData()
reports_table = Table(
    "compliance_reports",
    metadata,
    Column("school_year", String(4), primary_key=True),
    Column("school_id", String(255), primary_key=True),  # "" for the district
    Column("closed_us", BigInteger, nullable=False),
    Column("closed_by", String(64), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("report", Text, nullable=False),  # Report.to_json()
    Column("records", Text, nullable=False),  # the canonical records the fingerprint is of
)


class NoRoster(LookupError):
    """The hub's database holds no roster yet."""


class Roster(Protocol):
    """What the report needs from the hub's roster."""

    def district_name(self) -> str: ...

    def school_year(self, year: str) -> SchoolYear: ...

    def students(self, school_id: str | None) -> list[Student]: ...

    def staff(self, school_id: str | None) -> list[StaffMember]: ...

    def schools(self) -> list[tuple[str, str]]: ...  # (id, name) of the schools with classes


def default_school_year(year: str) -> SchoolYear:
    """1 July to 30 June, for a year the roster has no academic session for."""
    y = int(year)
    return SchoolYear(str(y), f"{y - 1}-{y}", date(y - 1, 7, 1), date(y, 6, 30))


class TableRoster:
    """The roster in the hub's `roster_*` tables (district.storage, filled by district.roster)."""

    TABLES = (
        "roster_orgs",
        "roster_academic_sessions",
        "roster_people",
        "roster_classes",
        "roster_enrollments",
    )

    def __init__(self, engine: Engine):
        self.engine = engine
        missing = [t for t in self.TABLES if not inspect(engine).has_table(t)]
        if missing or not self._rows("SELECT 1 FROM roster_orgs WHERE status = 'active' LIMIT 1"):
            raise NoRoster(
                "the hub has no roster yet: import one with citizenship-district roster import PATH"
            )

    def _rows(self, sql: str, **params) -> list:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def district_name(self) -> str:
        rows = self._rows(
            "SELECT name FROM roster_orgs WHERE type = 'district' AND status = 'active' ORDER BY name LIMIT 1"
        )
        return rows[0][0] if rows else "School district"

    def school_year(self, year: str) -> SchoolYear:
        rows = self._rows(
            """SELECT MIN(start_date), MAX(end_date) FROM roster_academic_sessions
               WHERE type = 'schoolYear' AND status = 'active' AND school_year = :y""",
            y=str(year),
        )
        if rows and rows[0][0]:
            start, end = date.fromisoformat(str(rows[0][0])[:10]), date.fromisoformat(str(rows[0][1])[:10])
            return SchoolYear(str(year), f"{start.year}-{end.year}", start, end)
        return default_school_year(year)

    def students(self, school_id: str | None) -> list[Student]:
        rows = self._rows(
            """SELECT p.sourced_id, c.school_id, COALESCE(o.name, c.school_id), COALESCE(p.grade, ''),
                      p.tier, c.sourced_id, c.title
               FROM roster_enrollments e
               JOIN roster_people p
                 ON p.sourced_id = e.person_id AND p.role = 'student' AND p.status = 'active'
               JOIN roster_classes c ON c.sourced_id = e.class_id AND c.status = 'active'
               LEFT JOIN roster_orgs o ON o.sourced_id = c.school_id
               WHERE e.role = 'student' AND e.status = 'active'
                 AND (CAST(:school AS TEXT) IS NULL OR c.school_id = :school)
               ORDER BY p.sourced_id, c.school_id, c.title""",
            school=school_id,
        )
        by_key: dict[tuple[str, str], list] = {}
        for person, sid, school, grade, tier, class_id, title in rows:
            by_key.setdefault((person, sid), [school, grade, tier, []])[3].append((class_id, title))
        return [
            Student(p, s, name, g, t or grade_to_tier(g), tuple(c))  # the importer's tier, else the grade's
            for (p, s), (name, g, t, c) in by_key.items()
        ]

    def staff(self, school_id: str | None) -> list[StaffMember]:
        rows = self._rows(
            """SELECT sourced_id, family_name || ', ' || given_name, COALESCE(org_ids, '') FROM roster_people
               WHERE role IN ('teacher', 'administrator', 'aide') AND status = 'active'"""
        )
        if school_id is None:
            return [StaffMember(p, name) for p, name, _orgs in rows]
        teaching = {
            r[0]
            for r in self._rows(
                """SELECT DISTINCT e.person_id FROM roster_enrollments e
                   JOIN roster_classes c ON c.sourced_id = e.class_id
                   WHERE e.role = 'teacher' AND e.status = 'active' AND c.school_id = :school""",
                school=school_id,
            )
        }
        return [
            StaffMember(p, name)
            for p, name, orgs in rows
            if p in teaching or school_id in {o.strip() for o in orgs.split(",")}
        ]

    def schools(self) -> list[tuple[str, str]]:
        return [
            (sid, name)
            for sid, name in self._rows(
                """SELECT DISTINCT c.school_id, COALESCE(o.name, c.school_id) FROM roster_classes c
                   LEFT JOIN roster_orgs o ON o.sourced_id = c.school_id
                   WHERE c.status = 'active' ORDER BY 1"""
            )
        ]


def _iso_utc(timestamp: str) -> str:
    """A statement's timestamp as the kiosk stores completion times: UTC, milliseconds."""
    when = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


def passes(store: Store, year: SchoolYear) -> list[Pass]:
    """The passes the report counts: see `screened`."""
    return screened(store, year)[0]


def screened(store: Store, year: SchoolYear) -> tuple[list[Pass], list[tuple[Pass, str]]]:
    """The `passed` statements (not voided) whose timestamp falls within the school year, as
    (those that verify, those left out with why).

    A pass counts only when its statement verifies now: it carries a signature that holds,
    with the data the hub kept, against the key registered for the device that sent it
    (issue 13, point 3; `signatures.why_not_verified`). Unsigned passes, from devices without
    a key, are left out with their reason (a `signatures.REASONS` key).
    """
    s, v = statements, statements.alias("v")
    query = select(s.c.content, s.c.device).where(
        s.c.verb_id == VERBS["passed"],
        ~s.c.voiding,
        ~exists().where(and_(v.c.voiding, v.c.ref == s.c.id)),
    )
    start, end = year.start.isoformat(), year.end.isoformat() + "T99"
    found: list[tuple[Pass, dict, str]] = []
    with store.engine.connect() as conn:
        for content, device in conn.execute(query):
            st = json.loads(unpack(content))
            try:
                person = st["actor"]["account"]["name"]
                activity = st["object"]["id"]
                attempt = st["context"]["registration"]
                score = st["result"]["score"]
                at = _iso_utc(st["timestamp"])
            except (KeyError, TypeError, ValueError):
                continue  # not a kiosk's quiz pass: nothing the report counts
            if not activity.startswith(_MODULE_PREFIX) or not (start <= at <= end):
                continue
            percent = score_percent(score.get("raw", 0), score.get("max", 0))
            found.append((Pass(attempt, person, activity[len(_MODULE_PREFIX) :], at, percent), st, device))
    reasons: list[str | None] = []
    for i in range(0, len(found), _VERIFY_CHUNK):  # a bounded IN list of signature hashes
        reasons += why_not_verified(store, [(st, device) for _p, st, device in found[i : i + _VERIFY_CHUNK]])
    kept = [p for (p, _st, _d), why in zip(found, reasons, strict=True) if why is None]
    left = [(p, why) for (p, _st, _d), why in zip(found, reasons, strict=True) if why is not None]
    return kept, left


def _required(catalog) -> dict[str, list[str]]:
    """Every module of each student tier: the hub has no district setting for required modules."""
    return {t: [m.id for m in catalog.for_tier(t)] for t in STUDENT_TIERS}


def build_live(
    store: Store, roster: Roster, catalog, year: SchoolYear, school_id: str | None, required=None
) -> tuple[Report, list[Pass]]:
    """The report from the hub's roster and statements as they are now, with the records counted."""
    modules = module_infos(catalog)
    chosen = required if required is not None else _required(catalog)
    students, staff = roster.students(school_id), roster.staff(school_id)
    found, unverified = screened(store, year)
    # What would have counted had it verified (of this scope's people, in the year).
    would = {
        p.record_id
        for p in counted(year.start, year.end, modules, chosen, students, staff, [p for p, _ in unverified])
    }
    left_out: dict[str, int] = {}
    for p, why in unverified:
        if p.record_id in would:
            left_out[why] = left_out.get(why, 0) + 1
    names = dict(roster.schools())
    rep = build(
        district=roster.district_name(),
        scope=names.get(school_id, school_id) if school_id else "All schools",
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
        passes=found,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        source="hub",
    )
    rep = replace(rep, left_out=left_out)
    return rep, counted(year.start, year.end, modules, chosen, students, staff, found)


def ensure_table(store: Store) -> None:
    metadata.create_all(store.engine, checkfirst=True)


def frozen(store: Store, year: str, school_id: str | None) -> Report | None:
    ensure_table(store)
    t = reports_table
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.c.report).where(t.c.school_year == year, t.c.school_id == (school_id or ALL))
        ).first()
    return Report.from_json(json.loads(row[0])) if row else None


def report(store: Store, roster: Roster, catalog, year: str, school_id: str | None = None) -> Report:
    """The report for a school year: the frozen one once the year is closed, else built now."""
    return (
        frozen(store, year, school_id)
        or build_live(store, roster, catalog, roster.school_year(year), school_id)[0]
    )


class YearError(ValueError):
    """Closing refused: `code` is "open" (the year has not ended) or "closed" (already)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def close_year(
    store: Store,
    roster: Roster,
    catalog,
    year_id: str,
    *,
    closed_by: str,
    today: date | None = None,
    early: bool = False,
    before: Callable[[], None] | None = None,
) -> list[Report]:
    """Freeze the district's report and each school's, with their records, in one transaction.
    `before` (the audit row) runs once the close is allowed, before anything is written; if it
    raises, nothing is."""
    year = roster.school_year(year_id)
    if (today or date.today()) <= year.end and not early:
        raise YearError(
            "open",
            f"the school year {year.title} runs until {year.end.isoformat()}: close it after that "
            "(or now, with --early, if every record is in)",
        )
    if frozen(store, year_id, None) is not None:
        raise YearError("closed", f"the school year {year.title} is already closed")
    required = _required(catalog)
    built = [build_live(store, roster, catalog, year, None, required)]
    built += [build_live(store, roster, catalog, year, sid, required) for sid, _name in roster.schools()]
    if before is not None:
        before()
    at = datetime.now(UTC)
    out = []
    with store.engine.begin() as conn:
        for rep, records in built:
            rep = replace(rep, frozen_at=at.isoformat(timespec="seconds"), frozen_by=closed_by)
            conn.execute(
                reports_table.insert().values(
                    school_year=year_id,
                    school_id=rep.school_id or ALL,
                    closed_us=int(at.timestamp() * 1_000_000),
                    closed_by=closed_by,
                    fingerprint=rep.fingerprint,
                    report=json.dumps(rep.to_json(), ensure_ascii=False, sort_keys=True),
                    records=json.dumps([p.canonical() for p in records], ensure_ascii=False),
                )
            )
            out.append(rep)
    return out


def check(store: Store, roster: Roster, catalog, metadata_: dict | None) -> Check:
    """Recompute the fingerprint of the records a report's PDF says it summarises."""
    if not metadata_ or "fingerprint" not in metadata_:
        return Check("not-a-report", None, None, None, None, False)
    expected, year_id, school_id = (
        metadata_["fingerprint"],
        metadata_["school_year"],
        metadata_.get("school_id"),
    )
    then = metadata_.get("records")
    ensure_table(store)
    t = reports_table
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.c.fingerprint, t.c.records).where(
                t.c.school_year == year_id, t.c.school_id == (school_id or ALL)
            )
        ).first()
    year = roster.school_year(year_id)
    if row is not None:
        stored = [Pass(*r) for r in json.loads(row[1])]
        if fingerprint(stored) != row[0]:
            return Check("frozen-altered", expected, fingerprint(stored), then, len(stored), True)
        ids = {p.record_id for p in stored}
        now_rows = [p for p in passes(store, year) if p.record_id in ids]
        found = fingerprint(now_rows)
        code = "match" if found == expected == row[0] else "changed"
        return Check(code, expected, found, then, len(now_rows), True)
    rep, _records = build_live(store, roster, catalog, year, school_id, metadata_.get("required"))
    return Check(
        "match" if rep.fingerprint == expected else "changed",
        expected,
        rep.fingerprint,
        then,
        rep.records,
        False,
    )
