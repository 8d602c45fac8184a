"""Time the staff reports on a district-sized data directory (made by bench/generate.py).

    python bench/generate.py --data-dir /tmp/district --students 15000 --schools 20
    python bench/reports.py --data-dir /tmp/district [--runs 7] [--json]

Times, as the screens run them (the core functions, a fresh connection like the UI's worker):
- the counselor's records for several filters: the count and the first page of 200 (what the
  records table shows first), each query timed on its own;
- the compliance summary for the current school year and for the whole year before (the
  table), and the month-by-month figures of its chart (the screen's second query);
- the class grid of a 35-student class (its teacher acting).
Prints the median and the worst of `--runs` runs, against the goals (300 ms; 50 ms for the grid).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citizenship_app.core import classgrid, compliance, records  # noqa: E402
from citizenship_app.core.records import RecordFilter  # noqa: E402
from citizenship_app.core.store import connect, db_path, get_setting  # noqa: E402

GOAL_MS = {"records": 300, "compliance": 300, "grid": 50}


def timed(function, runs: int) -> tuple[float, float, object]:
    """(median ms, worst ms, last result) over `runs` calls, after one warm-up call."""
    result = function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), result


def bench_modules(db) -> list:
    """The modules the generator made records for (the live catalog may have changed since)."""
    stored = json.loads(get_setting(db, "bench_modules") or "{}")
    if not stored:
        raise SystemExit("this data directory was not made by bench/generate.py")
    return [SimpleNamespace(id=m, title=title, tier=tier) for tier, ms in stored.items() for m, title in ms]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    db = connect(db_path(args.data_dir))
    modules = bench_modules(db)
    counselor = db.execute("SELECT sourced_id FROM people WHERE is_counselor = 1 LIMIT 1").fetchone()[0]
    school = db.execute(
        "SELECT sourced_id FROM orgs WHERE type = 'school' ORDER BY sourced_id LIMIT 1"
    ).fetchone()[0]
    teacher = db.execute(
        """SELECT person_id FROM enrollments WHERE role = 'teacher' AND is_primary = 1 LIMIT 1"""
    ).fetchone()[0]
    family = db.execute("SELECT family_name FROM people WHERE role = 'student' LIMIT 1").fetchone()[0]
    counts = {
        t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("people", "classes", "completions", "quiz_attempts", "outbox")
    }
    filters = {
        "everything (district)": RecordFilter(),
        "one school": RecordFilter(school_id=school),
        "grade 04, passed": RecordFilter(grade="04", status="passed"),
        "overdue (district)": RecordFilter(status="overdue"),
        "failed (district)": RecordFilter(status="failed"),
        "passed since a date": RecordFilter(status="passed", since="2026-10-01"),
        "one teacher's classes": RecordFilter(teacher_id=teacher),
        f"student search '{family[:4]}'": RecordFilter(search=family[:4]),
    }
    results = []
    for name, flt in filters.items():
        med, worst, n = timed(lambda flt=flt: records.count_records(db, counselor, modules, flt), args.runs)
        results.append(("records", f"count · {name}", med, worst, f"{n} records"))
        med, worst, page = timed(
            lambda flt=flt: records.records(db, counselor, modules, flt, limit=200), args.runs
        )
        results.append(("records", f"first page · {name}", med, worst, f"{len(page)} rows"))
    current = compliance.current_school_year(db)
    years = [current] + [y for y in compliance.school_years(db) if y.school_year < current.school_year][:1]
    for year in years:
        med, worst, s = timed(
            lambda year=year: compliance.compliance(db, counselor, modules, year), args.runs
        )
        results.append(
            (
                "compliance",
                f"compliance {year.title}",
                med,
                worst,
                f"{s.total.completed}/{s.total.enrolled} complete, {len(s.rows)} school-grade rows",
            )
        )
        med, worst, m = timed(lambda s=s: compliance.with_months(db, s), args.runs)
        results.append(
            (
                "compliance",
                f"chart by month {year.title}",
                med,
                worst,
                f"{len(m.by_month)} months, {len(s.complete_ids)} complete students dated",
            )
        )
    big, size = db.execute(
        """SELECT class_id, COUNT(*) n FROM enrollments WHERE role = 'student' GROUP BY class_id
           ORDER BY n DESC LIMIT 1"""
    ).fetchone()
    owner = db.execute(
        "SELECT person_id FROM enrollments WHERE class_id = ? AND role = 'teacher' LIMIT 1", [big]
    ).fetchone()[0]
    med, worst, grid = timed(lambda: classgrid.class_grid(db, owner, big), args.runs)
    results.append(
        ("grid", f"class grid {big}", med, worst, f"{size} students x {len(grid.assignments)} modules")
    )
    if args.json:
        print(
            json.dumps(
                {
                    "counts": counts,
                    "results": [
                        {
                            "kind": k,
                            "query": q,
                            "median_ms": round(m, 1),
                            "worst_ms": round(w, 1),
                            "note": n,
                            "goal_ms": GOAL_MS[k],
                        }
                        for k, q, m, w, n in results
                    ],
                },
                indent=2,
            )
        )
        return 0
    print(", ".join(f"{k}: {v:,}" for k, v in counts.items()))
    print(f"{'query':52} {'median':>8} {'worst':>8} {'goal':>6}  note")
    for kind, query, med, worst, note in results:
        flag = "" if med <= GOAL_MS[kind] else "  OVER"
        print(f"{query:52} {med:7.1f}ms {worst:7.1f}ms {GOAL_MS[kind]:5d}ms  {note}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
