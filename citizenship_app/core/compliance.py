"""The district's compliance summary: who completed every required module of their tier.

    >>> year = school_year(db, "2027")                      # OneRoster schoolYear: 2026-2027
    >>> summary = compliance(db, "t-tanaka", catalog.modules.values(), year)
    >>> summary.rows[0].percent, summary.total.completed

Per school and grade: students enrolled (an active student enrollment in one of the school's
classes), students who completed (passed) every required module of their tier within the
school year, and the percentage. Which modules are required is a district setting
(`required_modules`, JSON {tier: [module ids]}); a tier it does not list requires all its
modules. A tier with no module required (or none in the catalog) counts nobody as complete:
nothing was taught. The roster is the one on this machine now, also for a past year.

A counselor's summary covers their own schools only (access.counselor_school_ids); an
administrator's the whole district. Computing it is audited ("view_compliance"), and so is
each export (`export_json` here, `reports.exports.compliance_pdf`: "export_compliance").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from . import access, audit, paths
from .errors import NotAllowed, Refused
from .store import Store, get_setting, set_setting

if TYPE_CHECKING:
    from .access import Actor
    from .content import Module

REQUIRED_SETTING = "required_modules"
STUDENT_TIERS = ("k-2", "3-5", "6-8", "9-12")


def required_modules(db: Store, modules: Iterable[Module]) -> dict[str, list[str]]:
    """{tier: [module ids]} the district requires; default, every module of the tier."""
    by_tier: dict[str, list[str]] = {t: [] for t in STUDENT_TIERS}
    for m in sorted(modules, key=lambda m: (getattr(getattr(m, "meta", None), "order", 0), m.id)):
        if m.tier in by_tier:
            by_tier[m.tier].append(m.id)
    chosen = json.loads(get_setting(db, REQUIRED_SETTING) or "{}")
    return {t: [m for m in chosen[t] if m in ids] if t in chosen else ids for t, ids in by_tier.items()}


def set_required_modules(db: Store, actor: Actor, tier: str, module_ids: list[str] | None) -> None:
    """Administrators choose a tier's required modules; None goes back to all of them."""
    if access.role(db, actor) != access.ADMINISTRATOR:
        raise NotAllowed("required-needs-administrator")
    if tier not in STUDENT_TIERS:
        raise Refused("tier-unknown", choices=", ".join(STUDENT_TIERS))
    from .managed_settings import require_local

    require_local(db, f"required-modules.{tier}")  # the district sets it (core.managed_settings)
    chosen = json.loads(get_setting(db, REQUIRED_SETTING) or "{}")
    if module_ids is None:
        chosen.pop(tier, None)
    else:
        chosen[tier] = list(module_ids)
    set_setting(db, REQUIRED_SETTING, json.dumps(chosen, sort_keys=True))


@dataclass(frozen=True)
class SchoolYear:
    school_year: str  # OneRoster's schoolYear: the year it ends, e.g. "2027"
    title: str  # "2026-2027"
    start: date
    end: date


def school_years(db: Store) -> list[SchoolYear]:
    """The school years of the roster's academic sessions, newest first."""
    rows = db.execute(
        """SELECT school_year, MIN(start_date), MAX(end_date) FROM academic_sessions
           WHERE type = 'schoolYear' AND status = 'active' GROUP BY school_year ORDER BY school_year DESC"""
    ).fetchall()
    return [
        SchoolYear(
            y,
            f"{date.fromisoformat(s).year}-{date.fromisoformat(e).year}",
            date.fromisoformat(s),
            date.fromisoformat(e),
        )
        for y, s, e in rows
    ]


def school_year(db: Store, year: str) -> SchoolYear:
    """The school year ending in `year` (YYYY): from the roster, else 1 July to 30 June."""
    if not re.fullmatch(r"\d{4}", str(year)):
        raise Refused("school-year-format")
    for sy in school_years(db):
        if sy.school_year == str(year):
            return sy
    y = int(year)
    return SchoolYear(str(y), f"{y - 1}-{y}", date(y - 1, 7, 1), date(y, 6, 30))


def current_school_year(db: Store, today: date | None = None) -> SchoolYear:
    today = today or date.today()
    years = school_years(db)
    for sy in years:
        if sy.start <= today <= sy.end:
            return sy
    return years[0] if years else school_year(db, str(today.year + (today.month >= 7)))


@dataclass(frozen=True)
class Row:
    school_id: str
    school: str
    grade: str  # "" for a school's (or the district's) total
    enrolled: int
    completed: int

    @property
    def percent(self) -> float:
        return round(100 * self.completed / self.enrolled, 1) if self.enrolled else 0.0


@dataclass(frozen=True)
class Summary:
    district: str
    school_year: SchoolYear
    generated_at: str
    required: dict[str, list[str]]
    rows: list[Row]  # per school and grade
    schools: list[Row]  # per school
    total: Row
    by_month: list[tuple[str, int]] = field(default_factory=list)  # (YYYY-MM, completed by then)
    complete_ids: tuple[str, ...] = ()  # who is complete (for the chart; not in the JSON)

    def by_grade(self) -> list[Row]:
        """District-wide per grade, for the chart."""
        acc: dict[str, list[int]] = {}
        for r in self.rows:
            a = acc.setdefault(r.grade, [0, 0])
            a[0] += r.enrolled
            a[1] += r.completed
        return [Row("", "", g, e, c) for g, (e, c) in sorted(acc.items(), key=lambda kv: grade_key(kv[0]))]

    def to_json(self) -> dict:
        def row(r: Row) -> dict:
            return {
                "school_id": r.school_id,
                "school": r.school,
                "grade": r.grade,
                "enrolled": r.enrolled,
                "completed": r.completed,
                "percent": r.percent,
            }

        return {
            "district": self.district,
            "school_year": self.school_year.school_year,
            "school_year_title": self.school_year.title,
            "generated_at": self.generated_at,
            "required_modules": self.required,
            "total": row(self.total),
            "schools": [row(r) for r in self.schools],
            "grades": [row(r) for r in self.rows],
            "by_month": [{"month": m, "completed": n} for m, n in self.by_month],
        }


_GRADES = ["IT", "PR", "PK", "TK", "KG"] + [f"{n:02d}" for n in range(1, 14)]


def grade_key(grade: str | None) -> tuple[int, str]:
    return (_GRADES.index(grade) if grade in _GRADES else 99, grade or "")


def _students(db: Store, school_id: str | None, schools: list[str] | None = None) -> list[tuple]:
    """(school id, school name, grade, person, tier) per student and school they are enrolled at
    (one school, or those of `schools`, or all).

    Three plain reads joined here: at a district's size this beats SQLite's DISTINCT sort.
    """
    names = dict(db.execute("SELECT sourced_id, name FROM orgs").fetchall())
    people = {
        p: (g or "", t)
        for p, g, t in db.execute(
            "SELECT sourced_id, grade, tier FROM people WHERE role = 'student' AND status = 'active'"
        )
    }
    pairs = db.execute(
        f"""SELECT DISTINCT e.school_id, e.person_id FROM enrollments e
            WHERE e.role = 'student' AND e.status = 'active' {"AND e.school_id = ?" if school_id else ""}
            {"AND e.school_id IN (SELECT value FROM json_each(?))" if schools is not None else ""}""",
        ([school_id] if school_id else []) + ([json.dumps(schools)] if schools is not None else []),
    ).fetchall()
    return [(sid, names.get(sid, sid), *people[p][:1], p, people[p][1]) for sid, p in pairs if p in people]


def _passed_in_year(db: Store, year: SchoolYear, at_least: int) -> dict[str, set[str]]:
    """The modules each student passed at least once within the school year, for the students
    who passed at least `at_least` modules in it (fewer can be complete in no tier).

    Read from module_summary (first and last pass of each pair, in key order, no sort): a pair
    whose first or last pass falls in the year was passed in it; only a pair passed both
    before and after the year needs a look at its completions.
    """
    bounds = {
        "start": year.start.isoformat(),
        "end": (year.end + timedelta(days=1)).isoformat(),
        "n": at_least,
    }
    rows = db.execute(
        """SELECT s.person_id, group_concat(s.module_id, char(31)) FROM module_summary s
           WHERE s.passed_at < :end AND s.last_passed_at >= :start
             AND (s.passed_at >= :start OR s.last_passed_at < :end
                  OR EXISTS (SELECT 1 FROM completions c WHERE c.person_id = s.person_id
                             AND c.module_id = s.module_id
                             AND c.completed_at >= :start AND c.completed_at < :end))
           GROUP BY s.person_id HAVING COUNT(*) >= :n""",
        bounds,
    )
    return {person: set(modules.split("\x1f")) for person, modules in rows}


def compliance(
    db: Store,
    actor: Actor,
    modules: Iterable[Module],
    year: SchoolYear,
    school_id: str | None = None,
    *,
    months: bool = False,
    audited: bool = True,
) -> Summary:
    """The summary for one school year (all the actor's schools, or one); `months` adds the
    chart's month-by-month figures (a scan of the year's completions: about as long again).

    Audited as "view_compliance"; `audited=False` is for a caller that exports the summary
    at once (`export_json`, `reports.exports.compliance_pdf`), which audits the export instead.
    """
    access.require_records(db, actor)
    if school_id:
        access.require_school(db, actor, school_id)
    scope = access.counselor_school_ids(db, actor)
    required = {tier: frozenset(ids) for tier, ids in required_modules(db, modules).items()}
    sizes = [len(ids) for ids in required.values() if ids]
    passed = _passed_in_year(db, year, min(sizes)) if sizes else {}
    per: dict[tuple[str, str, str], list[int]] = {}
    schools: dict[tuple[str, str], list[set]] = {}
    complete: dict[str, bool] = {}  # district-wide, a student counts once
    for sid, name, grade, person, tier in _students(db, school_id, scope):
        if person not in complete:
            need = required.get(tier)
            complete[person] = bool(need and need <= passed.get(person, frozenset()))
        done = complete[person]
        cell = per.setdefault((name, sid, grade), [0, 0])
        cell[0] += 1
        cell[1] += done
        school = schools.setdefault((name, sid), [set(), set()])
        school[0].add(person)
        if done:
            school[1].add(person)
    rows = [
        Row(sid, name, grade, e, c)
        for (name, sid, grade), (e, c) in sorted(
            per.items(), key=lambda kv: (kv[0][0], kv[0][1], grade_key(kv[0][2]))
        )
    ]
    school_rows = [Row(sid, name, "", len(a), len(b)) for (name, sid), (a, b) in sorted(schools.items())]
    total = Row("", "All schools", "", len(complete), sum(complete.values()))
    summary = Summary(
        district_name(db),
        year,
        datetime.now(UTC).isoformat(timespec="seconds"),
        {t: sorted(ids) for t, ids in required.items()},
        rows,
        school_rows,
        total,
        complete_ids=tuple(p for p, ok in complete.items() if ok),
    )
    if audited:
        audit.record(db, actor, audit.VIEW_COMPLIANCE, detail=audit_detail(summary))
    return with_months(db, summary) if months else summary


def audit_detail(summary: Summary, fmt: str | None = None) -> dict:
    """For the audit log: the year, the schools covered and how many students (no names)."""
    out = {
        "school_year": summary.school_year.school_year,
        "schools": [r.school_id for r in summary.schools],
        "students": summary.total.enrolled,
    }
    if fmt:
        out["format"] = fmt
    return out


def export_json(db: Store, actor: Actor, summary: Summary) -> dict:
    """The summary as JSON (Summary.to_json), audited as "export_compliance"."""
    access.require_records(db, actor)
    audit.record(db, actor, audit.EXPORT_COMPLIANCE, detail=audit_detail(summary, "json"))
    return summary.to_json()


def with_months(db: Store, summary: Summary) -> Summary:
    """The summary with its month-by-month figures (the chart over the year)."""
    from dataclasses import replace

    required = {t: frozenset(ids) for t, ids in summary.required.items()}
    return replace(
        summary, by_month=completion_by_month(db, summary.school_year, required, list(summary.complete_ids))
    )


def completion_by_month(
    db: Store, year: SchoolYear, required: dict, people: list[str]
) -> list[tuple[str, int]]:
    """How many of `people` (students complete in the year) were complete at each month's end:
    the day a student became complete is the latest of their first passes of each required
    module within the year (the summary's first pass, unless that was before the year)."""
    if not people:
        return _by_month(year, [])
    bounds = {
        "start": year.start.isoformat(),
        "end": (year.end + timedelta(days=1)).isoformat(),
        "people": json.dumps(people),
        "modules": json.dumps(sorted({m for ids in required.values() for m in ids})),
    }
    tiers = dict(
        db.execute(
            "SELECT sourced_id, tier FROM people WHERE sourced_id IN (SELECT value FROM json_each(:people))",
            bounds,
        )
    )
    firsts: dict[tuple[str, str], str] = {}
    for person, module, at in db.execute(
        """SELECT s.person_id, s.module_id,
                  CASE WHEN s.passed_at >= :start THEN s.passed_at
                       ELSE (SELECT MIN(c.completed_at) FROM completions c WHERE c.person_id = s.person_id
                             AND c.module_id = s.module_id
                             AND c.completed_at >= :start AND c.completed_at < :end) END
           FROM module_summary s
           WHERE s.person_id IN (SELECT value FROM json_each(:people))
             AND s.module_id IN (SELECT value FROM json_each(:modules))""",
        bounds,
    ):
        if at is not None:
            firsts[(person, module)] = at
    end = bounds["end"]
    finished = [max(firsts.get((p, m), end) for m in required[tiers[p]]) for p in people]
    return _by_month(year, finished)


def _by_month(year: SchoolYear, finished: list[str]) -> list[tuple[str, int]]:
    """Cumulative count of complete students at the end of each month of the year (to today)."""
    months: list[str] = []
    d = date(year.start.year, year.start.month, 1)
    last = min(year.end, date.today())
    while d <= last:
        months.append(f"{d.year}-{d.month:02d}")
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    finished = sorted(f[:7] for f in finished)
    out, i = [], 0
    for m in months:
        while i < len(finished) and finished[i] <= m:
            i += 1
        out.append((m, i))
    return out


def district_name(db: Store) -> str:
    row = db.execute(
        "SELECT name FROM orgs WHERE type = 'district' AND status = 'active' ORDER BY name LIMIT 1"
    ).fetchone()
    return row[0] if row else "School district"


def instruction_clause(path: Path | None = None) -> str:
    """The procedure's "Internet Safety Instruction" clause, quoted word for word.

    The heading's paragraph and its indented items, up to the next unindented paragraph.
    """
    text = (path or paths.ASSETS_DIR / "policy" / "2314-P.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Internet Safety Instruction")
    except StopIteration:
        raise LookupError("the procedure has no 'Internet Safety Instruction' section") from None
    out: list[str] = []
    for line in lines[start + 1 :]:
        if out and line and not line[0].isspace() and out[-1] == "":
            break  # the next section's heading
        out.append(line.rstrip())
    return "\n".join(out).strip()
