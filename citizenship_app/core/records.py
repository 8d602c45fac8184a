"""Completion records: one row per student and module of the student's tier, filtered.

    >>> f = RecordFilter(school_id="org-hv", grade="04", status="passed", since="2026-09-01")
    >>> count_records(db, "t-tanaka", catalog.modules.values(), f)
    >>> page = records(db, "t-tanaka", catalog.modules.values(), f, limit=200, offset=0)
    >>> write_csv(page, open("records.csv", "w", newline=""))
    >>> student_history(db, "t-tanaka", "s-260011").attempts   # every attempt, score, date, machine

A record's status is passed (a completion exists), failed (attempts, none passed), in progress
(pages read or a quiz open), or not started; it is overdue when one of the student's classes
assigned the module with a due date before today and it is not passed. Its date is the first
pass, else the last activity; `since`/`until` filter on it (not-started rows have none).

Administrators see every record; a counselor the records of their own schools (access:
their roster org_ids, a district meaning its schools); a teacher only the students of the
classes they teach. Asking for another school, class or student raises PermissionError.
Every listing (its first page), history and export writes one row to the audit
log (core.audit) in the same call. The per-pair figures
come from `module_summary`, which triggers keep in step with attempts, pages and completions.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from . import access, audit
from .errors import NotAllowed, NotFound, Refused
from .progress import FAILED, IN_PROGRESS, NOT_STARTED, PASSED

if TYPE_CHECKING:
    from .access import Actor
    from .content import Module
    from .store import Store

T = TypeVar("T")

OVERDUE, INCOMPLETE = "overdue", "incomplete"
STATUSES = (PASSED, FAILED, IN_PROGRESS, NOT_STARTED, OVERDUE, INCOMPLETE)
STATUS_LABELS = {
    PASSED: "Passed",
    FAILED: "Failed",
    IN_PROGRESS: "In progress",
    NOT_STARTED: "Not started",
    OVERDUE: "Overdue",
    INCOMPLETE: "Not passed yet",
}


@dataclass(frozen=True)
class RecordFilter:
    school_id: str | None = None
    grade: str | None = None
    class_id: str | None = None
    teacher_id: str | None = None
    module_id: str | None = None
    status: str | None = None  # one of STATUSES
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    search: str | None = None  # part of a name, or a username / identifier / sourcedId

    def __post_init__(self) -> None:
        if self.status and self.status not in STATUSES:
            raise Refused("status-unknown", choices=", ".join(STATUSES))
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:
                date.fromisoformat(value)  # ValueError for a bad date


@dataclass(frozen=True)
class Record:
    person_id: str
    given_name: str
    family_name: str
    identifier: str | None
    grade: str | None
    school_id: str
    school: str
    class_id: str
    class_title: str
    module_id: str
    module_title: str
    status: str
    best_score: int | None
    attempts: int
    completed_at: str | None
    machine: str | None
    last_activity: str | None
    due_date: str | None
    overdue: bool

    @property
    def student(self) -> str:
        return f"{self.given_name} {self.family_name}"


COLUMNS = [f.name for f in fields(Record)]


def _modules_sql(modules: Iterable[Module], module_id: str | None) -> tuple[str, list]:
    """A VALUES list of (tier, id, title, order) for the modules in scope."""
    ordered = sorted(modules, key=lambda m: (m.tier, getattr(getattr(m, "meta", None), "order", 0), m.id))
    rows = [
        (m.tier, m.id, m.title, i)
        for i, m in enumerate(ordered)
        if m.tier != "staff" and (module_id is None or m.id == module_id)
    ]
    if not rows:
        return "VALUES (NULL, NULL, NULL, NULL)", []  # a NULL tier matches no student
    values = ", ".join("(?, ?, ?, ?)" for _ in rows)
    return f"VALUES {values}", [v for row in rows for v in row]


def _scope(db: Store, actor: Actor, flt: RecordFilter) -> tuple[RecordFilter, list[str] | None]:
    """(the filter, the schools it is held to: None for all).

    A district administrator sees all; a counselor or a principal is held to their schools; a
    teacher to their own classes.
    """
    who = access.role(db, actor)
    if who == access.ADMINISTRATOR and access.counselor_school_ids(db, actor) is None:
        return flt, None
    if who in (access.COUNSELOR, access.ADMINISTRATOR):
        schools = access.counselor_school_ids(db, actor)
        if flt.school_id:
            access.require_school(db, actor, flt.school_id)
        if flt.class_id:
            access.require_class(db, actor, flt.class_id, manage=False)
        return flt, schools
    if flt.teacher_id not in (None, actor):
        raise NotAllowed("teacher-own-classes")
    if flt.class_id:
        access.require_class(db, actor, flt.class_id, manage=False)
    return RecordFilter(**{**asdict(flt), "teacher_id": actor}), None


def filter_detail(flt: RecordFilter) -> dict:
    """The filter for the audit log: the fields set, and whether a search was typed (never
    its text, which may be part of a student's name)."""
    out = {k: v for k, v in asdict(flt).items() if v is not None and k != "search"}
    if flt.search:
        out["search"] = True
    return out


_STATE = """CASE WHEN s.passed_at IS NOT NULL THEN 'passed'
                 WHEN s.attempts > 0 THEN 'failed'
                 WHEN s.page IS NOT NULL OR s.open_attempts > 0 THEN 'in_progress'
                 ELSE 'not_started' END"""
#: Each status as a condition on the summary row (NULL when the student never opened it).
_STATE_WHERE = {
    PASSED: "s.passed_at IS NOT NULL",
    FAILED: "s.passed_at IS NULL AND s.attempts > 0",
    IN_PROGRESS: "s.passed_at IS NULL AND s.attempts = 0 AND (s.page IS NOT NULL OR s.open_attempts > 0)",
    NOT_STARTED: "(s.person_id IS NULL"
    " OR (s.passed_at IS NULL AND s.attempts = 0 AND s.page IS NULL AND s.open_attempts = 0))",
    INCOMPLETE: "s.passed_at IS NULL",
}
_WHEN = """CASE WHEN s.passed_at IS NOT NULL THEN substr(s.passed_at, 1, 10)
                ELSE NULLIF(substr(MAX(COALESCE(s.attempted_at, ''), COALESCE(s.read_at, '')), 1, 10), '')
           END"""
#: The due date: the earliest among the student's classes that assigned the module.
_DUE = """(SELECT MIN(a.due_date) FROM enrollments d
            JOIN assignments a ON a.class_id = d.class_id AND a.module_id = {module} AND a.removed_at IS NULL
          WHERE d.person_id = {person} AND d.role = 'student' AND d.status = 'active')"""
_ROWS_MARK = "/* rows */"
_IN_CLASSES = (
    "d.class_id IN (SELECT class_id FROM enrollments"
    " WHERE person_id = ? AND role = 'teacher' AND status = 'active')"
)
_IN_SCHOOLS = "d.school_id IN (SELECT value FROM json_each(?))"


def _enrolled(person: str, status: str, flt: RecordFilter, schools: list[str] | None) -> tuple[str, list]:
    """The condition on an enrollment `d` of the student `person` (with their roster `status`)
    that puts them in the filter's school, class or teacher's classes and in `schools`."""
    where = [f"d.person_id = {person}", "d.role = 'student'", f"d.status = {status}"]
    params: list = []
    for condition, value in (
        ("d.school_id = ?", flt.school_id),
        ("d.class_id = ?", flt.class_id),
        (_IN_CLASSES, flt.teacher_id),
        (_IN_SCHOOLS, None if schools is None else json.dumps(schools)),
    ):
        if value:
            where.append(condition)
            params.append(value)
    return " AND ".join(where), params


def _query(
    db: Store,
    modules: Iterable[Module],
    flt: RecordFilter,
    schools: list[str] | None,
    today: date | None,
    columns: str,
    students_only: bool = False,
) -> tuple[str, list]:
    """`SELECT columns FROM people p x mods m x module_summary s WHERE <the filter>`.

    It is driven from `people` (CROSS JOIN keeps SQLite from putting the modules outside), so
    that, ordered by name with a LIMIT, it stops after a page instead of sorting the district;
    the school, class and due date of a row are looked up only for the rows returned.
    `flt` and `schools` come from _scope.
    """
    today_s = (today or date.today()).isoformat()
    mods_sql, mods_params = _modules_sql(modules, flt.module_id)
    params = list(mods_params)
    # A student the roster removed (status tobedeleted) keeps their records, placed by the
    # enrollments they had (marked with them): evidence, in listings and exports. They are in
    # no overdue list: due dates come from active enrollments only.
    enrolled, enrolled_params = _enrolled("p.sourced_id", "p.status", flt, schools)
    where = [
        "p.role = 'student'",
        "p.status IN ('active', 'tobedeleted')",
        f"EXISTS (SELECT 1 FROM enrollments d WHERE {enrolled})",
    ]
    params += enrolled_params
    if flt.grade:
        where.append("p.grade = ?")
        params.append(flt.grade)
    if flt.search:
        term = flt.search.strip()
        where.append(
            "(p.given_name || ' ' || p.family_name LIKE ? OR p.family_name || ', ' || p.given_name LIKE ?"
            " OR p.username = ? OR p.identifier = ? OR p.sourced_id = ?)"
        )
        params += [f"%{term}%", f"%{term}%", term, term, term]
    if flt.status == OVERDUE:
        # CASE: the due date is looked up only for rows not passed (after the summary row).
        due = _DUE.format(module="m.module_id", person="p.sourced_id")
        where.append(f"(CASE WHEN s.passed_at IS NULL THEN {due} END) < ?")
        params.append(today_s)
    elif flt.status:
        where.append(_STATE_WHERE[flt.status])
    if flt.since:
        where.append(f"({_WHEN}) >= ?")
        params.append(flt.since)
    if flt.until:
        where.append(f"({_WHEN}) <= ?")
        params.append(flt.until)
    if students_only:  # the students in scope, without their modules (no status or date filter)
        return f"SELECT {columns} FROM people p WHERE {' AND '.join(where)}", params[len(mods_params) :]
    sql = f"""WITH mods(tier, module_id, title, ord) AS ({mods_sql})
              {_ROWS_MARK} SELECT {columns} FROM people p
              CROSS JOIN mods m ON m.tier = p.tier
              LEFT JOIN module_summary s ON s.person_id = p.sourced_id AND s.module_id = m.module_id
              WHERE {" AND ".join(where)}"""
    return sql, params


def count_records(
    db: Store,
    actor: Actor,
    modules: Iterable[Module],
    flt: RecordFilter = RecordFilter(),
    today: date | None = None,
) -> int:
    """How many records the filter holds (not audited: the listing it goes with is)."""
    modules = list(modules)
    flt, schools = _scope(db, actor, flt)
    if not (flt.status or flt.since or flt.until):
        # Every student in scope has one record per module of their tier: count students.
        per_tier: dict[str, int] = {}
        for m in modules:
            if m.tier != "staff" and flt.module_id in (None, m.id):
                per_tier[m.tier] = per_tier.get(m.tier, 0) + 1
        sql, params = _query(db, modules, flt, schools, today, "p.tier, COUNT(*)", students_only=True)
        return sum(n * per_tier.get(tier, 0) for tier, n in db.execute(sql + " GROUP BY p.tier", params))
    sql, params = _query(db, modules, flt, schools, today, "COUNT(*)")
    return db.execute(sql, params).fetchone()[0]


_ROW = f"""p.sourced_id AS person_id, p.status AS person_status, p.given_name, p.family_name,
           p.identifier, p.grade,
           m.module_id, m.title AS module_title, {_STATE} AS state,
           CAST(COALESCE(s.pass_score, s.best_score) AS INTEGER) AS best_score,
           COALESCE(s.attempts, 0) AS attempts, s.passed_at, s.pass_machine,
           NULLIF(MAX(COALESCE(s.attempted_at, ''), COALESCE(s.read_at, ''), COALESCE(s.last_passed_at, '')),
                  '') AS last_activity"""


def records(
    db: Store,
    actor: Actor,
    modules: Iterable[Module],
    flt: RecordFilter = RecordFilter(),
    *,
    limit: int | None = None,
    offset: int = 0,
    today: date | None = None,
) -> list[Record]:
    """The filtered records, by student name (then the module's order); a page if `limit`.

    A listing is audited once, with its first page (offset 0): scrolling on adds no rows.
    """
    rows = _records(db, actor, modules, flt, limit=limit, offset=offset, today=today)
    if offset == 0:
        audit.record(db, actor, audit.VIEW_RECORDS, detail=filter_detail(flt))
    return rows


def _records(
    db: Store,
    actor: Actor,
    modules: Iterable[Module],
    flt: RecordFilter,
    *,
    limit: int | None = None,
    offset: int = 0,
    today: date | None = None,
) -> list[Record]:
    today_s = (today or date.today()).isoformat()
    flt, schools = _scope(db, actor, flt)
    sql, params = _query(db, list(modules), flt, schools, today, _ROW + ", p.rowid AS prow, m.ord AS ord")
    sql += " ORDER BY p.family_name, p.given_name, p.rowid, m.ord"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    # The student's class (and so school) within the filter's scope: the first, if several.
    scope, scope_params = _enrolled("q.person_id", "q.person_status", flt, schools)
    params += [*scope_params, today_s]
    # _query's text starts with the `WITH mods` clause: the page becomes one more CTE.
    head, body = sql.split(_ROWS_MARK, 1)
    rows = db.execute(
        f"""{head.rstrip()}, page AS ({body}),
            placed AS (SELECT q.*, {_DUE.format(module="q.module_id", person="q.person_id")} AS due_date,
                         (SELECT d.class_id FROM enrollments d WHERE {scope}
                          ORDER BY d.class_id LIMIT 1) AS class_id
                       FROM page q)
            SELECT q.person_id, q.given_name, q.family_name, q.identifier, q.grade,
                   c.school_id, COALESCE(o.name, c.school_id), q.class_id, COALESCE(c.title, q.class_id),
                   q.module_id, q.module_title, q.state, q.best_score, q.attempts, q.passed_at,
                   q.pass_machine, q.last_activity, q.due_date, q.state != 'passed' AND q.due_date < ?
            FROM placed q
            LEFT JOIN classes c ON c.sourced_id = q.class_id
            LEFT JOIN orgs o ON o.sourced_id = c.school_id
            ORDER BY q.family_name, q.given_name, q.prow, q.ord""",
        params,
    ).fetchall()
    return [Record(*(*r[:-1], bool(r[-1]))) for r in rows]


def overdue_records(
    db: Store,
    actor: Actor,
    modules: Iterable[Module],
    flt: RecordFilter = RecordFilter(),
    today: date | None = None,
) -> list[Record]:
    """The overdue list: assigned, due before today, not passed."""
    return records(db, actor, modules, RecordFilter(**{**asdict(flt), "status": OVERDUE}), today=today)


# -- one student ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptRow:
    module_id: str
    started_at: str
    submitted_at: str | None
    correct: int | None
    total: int
    score: int | None
    passed: bool | None
    machine: str
    class_id: str | None


@dataclass(frozen=True)
class CompletionRow:
    module_id: str
    completed_at: str
    score: int
    machine: str
    source: str
    attempt_id: str


@dataclass(frozen=True)
class History:
    person_id: str
    name: str
    grade: str | None
    tier: str | None
    classes: list[str]
    attempts: list[AttemptRow]
    completions: list[CompletionRow]


def student_history(db: Store, actor: Actor, person_id: str) -> History:
    """Every attempt (score, date, machine) and completion of one student, oldest first."""
    access.require_student(db, actor, person_id, manage=False)
    row = db.execute(
        "SELECT given_name, family_name, grade, tier FROM people WHERE sourced_id = ? AND role = 'student'",
        [person_id],
    ).fetchone()
    if row is None:
        raise NotFound("no-student", person=person_id)
    audit.record(db, actor, audit.VIEW_HISTORY, subject=person_id)
    classes = [
        r[0]
        for r in db.execute(
            """SELECT c.title FROM enrollments e JOIN classes c ON c.sourced_id = e.class_id
           WHERE e.person_id = ? AND e.role = 'student' AND e.status = 'active' ORDER BY c.title""",
            [person_id],
        )
    ]
    attempts = [
        AttemptRow(m, s, f, c, t, None if sc is None else int(sc), None if p is None else bool(p), ma, cl)
        for m, s, f, c, t, sc, p, ma, cl in db.execute(
            """SELECT module_id, started_at, submitted_at, correct, total, score, passed, machine, class_id
           FROM quiz_attempts WHERE person_id = ? ORDER BY started_at""",
            [person_id],
        )
    ]
    completions = [
        CompletionRow(m, at, int(sc), ma, so, a)
        for m, at, sc, ma, so, a in db.execute(
            """SELECT module_id, completed_at, score, machine, source, attempt_id FROM completions
           WHERE person_id = ? ORDER BY completed_at""",
            [person_id],
        )
    ]
    return History(person_id, f"{row[0]} {row[1]}", row[2], row[3], classes, attempts, completions)


# -- exports -------------------------------------------------------------------------------

#: A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: T) -> T | str:
    """Text a spreadsheet shows as text: a leading apostrophe before a formula character.
    Names come from the district's roster, which a student may have been able to edit."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _from_spreadsheet_safe(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def write_csv(rows: Iterable[Record], out: IO[str]) -> int:
    """CSV with a header row (COLUMNS); returns the number of records written. Text cells
    that a spreadsheet would run as a formula are written as text (`spreadsheet_safe`)."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for r in rows:
        writer.writerow(
            [
                "" if v is None else (int(v) if isinstance(v, bool) else spreadsheet_safe(v))
                for v in (getattr(r, c) for c in COLUMNS)
            ]
        )
        n += 1
    return n


EXPORT_FORMATS = ("csv", "json")


def export_records(
    db: Store,
    actor: Actor,
    modules: Iterable[Module],
    flt: RecordFilter,
    fmt: str,
    out: IO[str],
    today: date | None = None,
) -> int:
    """Write every record of the filter to `out` as CSV or JSON; audited ("export_records",
    with the format, the filter and the row count). Returns the number of records."""
    if fmt not in EXPORT_FORMATS:
        raise Refused("format-unknown", choices=", ".join(EXPORT_FORMATS))
    rows = _records(db, actor, modules, flt, today=today)
    # Audited before a single row leaves: if the row cannot be written, nothing is exported.
    audit.record(
        db,
        actor,
        audit.EXPORT_RECORDS,
        detail={"format": fmt, "filter": filter_detail(flt), "rows": len(rows)},
    )
    if fmt == "csv":
        return write_csv(rows, out)
    write_json(rows, out)
    return len(rows)


def export_csv_file(
    db: Store, actor: Actor, modules: Iterable[Module], flt: RecordFilter, report: str = "records"
) -> tuple[int, Path]:
    """Export the filter's records as CSV into the export folder (core.exports), in a 0600
    file named by the report, the school (or class) and the date; audited like
    `export_records`. Returns (records written, the file)."""
    from . import exports

    about = _scope_name(db, actor, flt)
    path = exports.export_file(db, report, about, suffix="csv")
    try:
        with open(path, "w", newline="", encoding="utf-8") as out:
            return export_records(db, actor, modules, flt, "csv", out), path
    except BaseException:
        path.unlink(missing_ok=True)  # refused or failed: no empty or half file is left
        raise


def _scope_name(db: Store, actor: Actor, flt: RecordFilter) -> str:
    """What an export holds, for its file name: the class, else the school, else all schools."""
    if flt.class_id:
        row = db.execute("SELECT title FROM classes WHERE sourced_id = ?", [flt.class_id]).fetchone()
        return row[0] if row else flt.class_id
    if flt.school_id:
        row = db.execute("SELECT name FROM orgs WHERE sourced_id = ?", [flt.school_id]).fetchone()
        return row[0] if row else flt.school_id
    found = schools(db, actor)
    return found[0][1] if len(found) == 1 else "all-schools"


def to_json(rows: Iterable[Record]) -> list[dict]:
    return [asdict(r) for r in rows]


def write_json(rows: Iterable[Record], out: IO[str]) -> None:
    json.dump(to_json(rows), out, ensure_ascii=False, indent=1)
    out.write("\n")


def read_csv(text: str) -> list[Record]:
    """Parse a CSV written by write_csv back into records (for checks and re-imports)."""
    reader = csv.DictReader(text.splitlines())
    ints = {"best_score", "attempts"}
    out = []
    for row in reader:
        values: dict[str, Any] = {}
        for c in COLUMNS:
            v = row[c]
            if c == "overdue":
                values[c] = v == "1"
            elif c in ints:
                values[c] = int(v) if v != "" else (0 if c == "attempts" else None)
            else:
                values[c] = _from_spreadsheet_safe(v) if v != "" else None
        out.append(Record(**values))
    return out


# -- choices for the filter bar ------------------------------------------------------------


def schools(db: Store, actor: Actor | None = None) -> list[tuple[str, str]]:
    """(id, name) of active schools; a counselor's own only."""
    rows = db.execute(
        "SELECT sourced_id, name FROM orgs WHERE type = 'school' AND status = 'active' ORDER BY name"
    ).fetchall()
    mine = access.counselor_school_ids(db, actor) if actor is not None else None
    return rows if mine is None else [r for r in rows if r[0] in mine]


def grades(db: Store) -> list[str]:
    found = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT grade FROM people"
            " WHERE role = 'student' AND status = 'active' AND grade IS NOT NULL"
        )
    ]
    order = ["IT", "PR", "PK", "TK", "KG"] + [f"{n:02d}" for n in range(1, 14)]
    return sorted(found, key=lambda g: (order.index(g) if g in order else 99, g))


def classes(db: Store, actor: Actor | None = None, school_id: str | None = None) -> list[tuple[str, str]]:
    """(id, title) of active classes; a teacher's own only, a counselor's schools' only."""
    sql = "SELECT sourced_id, title FROM classes WHERE status = 'active'"
    params: list = []
    if school_id:
        sql += " AND school_id = ?"
        params.append(school_id)
    rows = db.execute(sql + " ORDER BY title", params).fetchall()
    if actor is not None and access.role(db, actor) == access.TEACHER:
        mine = set(access.taught_class_ids(db, actor))
        rows = [r for r in rows if r[0] in mine]
    elif actor is not None and (schools := access.counselor_school_ids(db, actor)) is not None:
        allowed = {
            r[0]
            for r in db.execute(
                "SELECT sourced_id FROM classes WHERE school_id IN (SELECT value FROM json_each(?))",
                [json.dumps(schools)],
            )
        }
        rows = [r for r in rows if r[0] in allowed]
    return rows


def teachers(db: Store, school_id: str | None = None, actor: Actor | None = None) -> list[tuple[str, str]]:
    """(id, "Family, Given") of people who teach an active class (at a counselor's schools)."""
    sql = """SELECT DISTINCT p.sourced_id, p.family_name || ', ' || p.given_name FROM people p
             JOIN enrollments e ON e.person_id = p.sourced_id AND e.role = 'teacher' AND e.status = 'active'
             WHERE p.status = 'active'"""
    params: list = []
    mine = access.counselor_school_ids(db, actor) if actor is not None else None
    if mine is not None:
        sql += " AND e.school_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(mine))
    if school_id:
        sql += " AND e.school_id = ?"
        params.append(school_id)
    return db.execute(sql + " ORDER BY 2", params).fetchall()
