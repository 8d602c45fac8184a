"""Quiz results for a student information system (SIS), as OneRoster 1.1 CSV files.

    >>> summary = export_results(db, "out/", catalog.modules)
    >>> summary.line_items, summary.results

Writes, in the folder:
- `lineItems.csv`: one gradebook column per module and class that has results (0-100 %);
- `results.csv`: each student's best score per line item ("fully graded"), with the date of
  the attempt that earned it;
- `categories.csv`: the one category every line item is in ("Digital citizenship");
- `manifest.csv`: manifest.version 1.0, oneroster.version 1.1, these three files `bulk`, the
  rest `absent`.

An attempt counts for the class it was taken in; one taken outside a class counts for every
class the student is enrolled in. Every sourcedId is a UUIDv5 of what the row describes, and
every date comes from the records (dates in the machine's time zone), so exporting the same
records again gives the same bytes: a SIS sees an unchanged row as unchanged.
"""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

#: Namespace of every exported sourcedId; fixed forever so that re-exports match.
SIS_NAMESPACE = uuid.UUID("4c41520d-a8c1-4906-b084-e33a8c0f54d7")
CATEGORY_TITLE = "Digital citizenship"
SCORE_MIN, SCORE_MAX = 0.0, 100.0

LINE_ITEM_COLUMNS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "title",
    "description",
    "assignDate",
    "dueDate",
    "classSourcedId",
    "categorySourcedId",
    "gradingPeriodSourcedId",
    "resultValueMin",
    "resultValueMax",
]
RESULT_COLUMNS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "lineItemSourcedId",
    "studentSourcedId",
    "scoreStatus",
    "score",
    "scoreDate",
    "comment",
]
CATEGORY_COLUMNS = ["sourcedId", "status", "dateLastModified", "title"]
#: The files a OneRoster 1.1 manifest lists, in the specification's order.
MANIFEST_FILES = [
    "academicSessions",
    "categories",
    "classes",
    "classResources",
    "courses",
    "courseResources",
    "demographics",
    "enrollments",
    "lineItems",
    "orgs",
    "resources",
    "results",
    "users",
]
# The most specific kind of academic session first: a line item's grading period.
_SESSION_PREFERENCE = ["gradingPeriod", "term", "semester", "schoolYear"]


@dataclass(frozen=True)
class BestResult:
    """A student's best submitted attempt at a module, counted for one class."""

    class_id: str
    module_id: str
    student_id: str
    score: float
    correct: int
    total: int
    passed: bool
    scored_at: str  # submitted_at of the best attempt (the first, if several tie)
    first_at: str  # the pair's first and last submitted attempts
    last_at: str
    attempts: int


@dataclass(frozen=True)
class ExportSummary:
    directory: Path
    line_items: int
    results: int
    files: list[str]


def sourced_id(kind: str, *parts: str) -> str:
    """A stable sourcedId: UUIDv5 of the kind and the ids the row is about."""
    return str(uuid.uuid5(SIS_NAMESPACE, "/".join([kind, *parts])))


CATEGORY_ID = sourced_id("category", "digital-citizenship")


# -- reading ---------------------------------------------------------------------------------

_BEST_RESULTS = """
WITH placed AS (
    SELECT a.id, a.class_id, a.module_id, a.person_id, a.score, a.correct, a.total, a.passed, a.submitted_at
    FROM quiz_attempts a JOIN people p ON p.sourced_id = a.person_id AND p.role = 'student'
    WHERE a.submitted_at IS NOT NULL AND a.class_id IS NOT NULL
    UNION ALL
    SELECT a.id, e.class_id, a.module_id, a.person_id, a.score, a.correct, a.total, a.passed, a.submitted_at
    FROM quiz_attempts a JOIN people p ON p.sourced_id = a.person_id AND p.role = 'student'
    JOIN (SELECT DISTINCT person_id, class_id FROM enrollments WHERE role = 'student' AND status = 'active') e
      ON e.person_id = a.person_id
    WHERE a.submitted_at IS NOT NULL AND a.class_id IS NULL
), ranked AS (
    SELECT *,
           ROW_NUMBER() OVER pair_best AS rank,
           COUNT(*) OVER pair AS attempts,
           MIN(submitted_at) OVER pair AS first_at,
           MAX(submitted_at) OVER pair AS last_at
    FROM placed
    WINDOW pair AS (PARTITION BY class_id, module_id, person_id),
           pair_best AS (PARTITION BY class_id, module_id, person_id ORDER BY score DESC, submitted_at, id)
)
SELECT class_id, module_id, person_id, score, correct, total, passed, submitted_at,
       first_at, last_at, attempts
FROM ranked WHERE rank = 1
ORDER BY class_id, module_id, person_id
"""


def best_results(db: Store) -> list[BestResult]:
    """Every student's best score per class and module, in a stable order."""
    return [
        BestResult(
            class_id,
            module_id,
            student,
            float(score or 0),
            int(correct or 0),
            int(total or 0),
            bool(passed),
            scored_at,
            first_at,
            last_at,
            attempts,
        )
        for (
            class_id,
            module_id,
            student,
            score,
            correct,
            total,
            passed,
            scored_at,
            first_at,
            last_at,
            attempts,
        ) in db.execute(_BEST_RESULTS)
    ]


def _assignments(db: Store) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(class, module) -> (assigned_at, due_date) of modules currently assigned."""
    return {
        (class_id, module_id): (assigned_at, due)
        for class_id, module_id, assigned_at, due in db.execute(
            "SELECT class_id, module_id, assigned_at, due_date FROM assignments WHERE removed_at IS NULL"
        )
    }


def _class_sessions(db: Store) -> dict[str, list[tuple[str, str, str, str]]]:
    """class -> its academic sessions as (sourcedId, type, startDate, endDate)."""
    sessions = {
        r[0]: r for r in db.execute("SELECT sourced_id, type, start_date, end_date FROM academic_sessions")
    }
    return {
        class_id: [sessions[t] for t in (term_ids or "").split(",") if t in sessions]
        for class_id, term_ids in db.execute("SELECT sourced_id, term_ids FROM classes")
    }


def grading_period(sessions: list[tuple[str, str, str, str]], day: str) -> str:
    """The class's most specific session that contains `day`, else its first one, else ""."""
    containing = [s for s in sessions if s[2] <= day <= s[3]]
    rank = {kind: n for n, kind in enumerate(_SESSION_PREFERENCE)}
    if containing:
        return min(containing, key=lambda s: (rank.get(s[1], len(rank)), s[2], s[0]))[0]
    return sessions[0][0] if sessions else ""


# -- formats ---------------------------------------------------------------------------------


def _datetime(text: str) -> str:
    """OneRoster dateLastModified: UTC, milliseconds, Z."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _day(text: str) -> str:
    """A record's date (YYYY-MM-DD) in the machine's time zone, where the school is."""
    if len(text) == 10:
        return date.fromisoformat(text).isoformat()
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date().isoformat()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _comment(result: BestResult) -> str:
    outcome = "passed" if result.passed else "not passed yet"
    tries = "1 attempt" if result.attempts == 1 else f"{result.attempts} attempts"
    return f"{outcome}; best {result.correct} of {result.total} correct; {tries}"


# -- rows ------------------------------------------------------------------------------------


def line_item_rows(db: Store, results: list[BestResult], modules: Mapping[str, object]) -> list[dict]:
    """One lineItems.csv row per (class, module) among `results`."""
    assigned, sessions = _assignments(db), _class_sessions(db)
    groups: dict[tuple[str, str], list[BestResult]] = {}
    for result in results:
        groups.setdefault((result.class_id, result.module_id), []).append(result)
    rows = []
    for (class_id, module_id), group in groups.items():
        module = modules.get(module_id)
        assigned_at, due = assigned.get((class_id, module_id), (None, None))
        assign_day = _day(assigned_at or min(r.first_at for r in group))
        rows.append(
            {
                "sourcedId": sourced_id("lineItem", class_id, module_id),
                "status": "active",
                "dateLastModified": _datetime(max(r.last_at for r in group)),
                "title": getattr(module, "title", None) or module_id,
                "description": getattr(getattr(module, "meta", None), "summary", "") or "",
                "assignDate": assign_day,
                "dueDate": _day(due) if due else _day(max(r.last_at for r in group)),
                "classSourcedId": class_id,
                "categorySourcedId": CATEGORY_ID,
                "gradingPeriodSourcedId": grading_period(sessions.get(class_id, []), assign_day),
                "resultValueMin": _number(SCORE_MIN),
                "resultValueMax": _number(SCORE_MAX),
            }
        )
    return rows


def result_rows(results: list[BestResult]) -> list[dict]:
    """One results.csv row per student and line item: the best score."""
    rows = []
    for result in results:
        line_item = sourced_id("lineItem", result.class_id, result.module_id)
        rows.append(
            {
                "sourcedId": sourced_id("result", line_item, result.student_id),
                "status": "active",
                "dateLastModified": _datetime(result.last_at),
                "lineItemSourcedId": line_item,
                "studentSourcedId": result.student_id,
                "scoreStatus": "fully graded",
                "score": _number(result.score),
                "scoreDate": _day(result.scored_at),
                "comment": _comment(result),
            }
        )
    return rows


def category_rows(line_items: list[dict]) -> list[dict]:
    if not line_items:
        return []
    changed = max(row["dateLastModified"] for row in line_items)
    return [
        {"sourcedId": CATEGORY_ID, "status": "active", "dateLastModified": changed, "title": CATEGORY_TITLE}
    ]


def manifest_rows(present: set[str]) -> list[dict]:
    rows = [
        {"propertyName": "manifest.version", "value": "1.0"},
        {"propertyName": "oneroster.version", "value": "1.1"},
    ]
    rows += [
        {"propertyName": f"file.{name}", "value": "bulk" if name in present else "absent"}
        for name in MANIFEST_FILES
    ]
    rows += [
        {"propertyName": "source.systemName", "value": "Citizenship Kiosk"},
        {"propertyName": "source.systemCode", "value": "citizenship-kiosk"},
    ]
    return rows


# -- writing ---------------------------------------------------------------------------------


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """UTF-8, CRLF line ends, quoted where needed (RFC 4180, as OneRoster asks)."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def export_results(db: Store, directory: str | os.PathLike, modules: Mapping[str, object]) -> ExportSummary:
    """Write the OneRoster 1.1 results files into `directory` (made if missing).

    `modules` maps module ids to catalog modules, for titles and descriptions; a module no
    longer in the catalog is titled by its id.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    results = best_results(db)
    line_items = line_item_rows(db, results, modules)
    categories = category_rows(line_items)
    files = {"lineItems": (LINE_ITEM_COLUMNS, line_items), "results": (RESULT_COLUMNS, result_rows(results))}
    if categories:
        files["categories"] = (CATEGORY_COLUMNS, categories)
    else:
        (directory / "categories.csv").unlink(missing_ok=True)  # left by an earlier export
    for name, (columns, rows) in files.items():
        write_csv(directory / f"{name}.csv", columns, rows)
    write_csv(directory / "manifest.csv", ["propertyName", "value"], manifest_rows(set(files)))
    written = sorted(f"{name}.csv" for name in files) + ["manifest.csv"]
    return ExportSummary(directory, len(line_items), len(results), written)
