"""How long a kiosk takes to apply the assignments of its school's other kiosks when it pulls
them (core.shared_assignments; docs/benchmarks.md).

    python bench/shared_assignments.py [--classes 60] [--modules 8] [--runs 3]

A kiosk store with `classes` classes; `classes` x `modules` `assign` statements (as another
kiosk of the school sends them) merged one by one as a pull does, then a `voided` for each.
Prints the median per statement of each, and the whole.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citizenship_app.core import shared_assignments, xapi  # noqa: E402
from citizenship_app.core.store import open_store  # noqa: E402


def statements(classes: int, modules: int) -> tuple[list[dict], list[dict]]:
    at = datetime.now(UTC)
    assigns, voids = [], []
    for c in range(classes):
        for m in range(modules):
            record = xapi.assignment_record_id(str(uuid.uuid4()), 0)
            assigns.append(
                xapi.assign_statement(
                    record_id=record,
                    sis_home_page=xapi.DEFAULT_SIS_HOME_PAGE,
                    teacher_id="t-1",
                    module_id=f"m-{m}",
                    module_title=f"Module {m}",
                    class_id=f"class-{c}",
                    due_date="2027-03-01",
                    position=None,
                    timestamp=at,
                )
            )
            voids.append(
                xapi.voiding_statement(
                    record_id=record,
                    voided_id=xapi.statement_id("assigned", record),
                    sis_home_page=xapi.DEFAULT_SIS_HOME_PAGE,
                    actor_id="t-1",
                    timestamp=at,
                    assignment=True,
                )
            )
    return assigns, voids


def run(classes: int, modules: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        db = open_store(Path(folder))
        with db.conn:
            db.conn.execute(
                "INSERT INTO orgs (sourced_id, name, type) VALUES ('school-1', 'School', 'school')"
            )
            db.conn.executemany(
                "INSERT INTO classes (sourced_id, title, school_id, tier) VALUES (?, ?, 'school-1', '3-5')",
                [(f"class-{c}", f"Class {c}") for c in range(classes)],
            )
        assigns, voids = statements(classes, modules)
        start = time.perf_counter()
        assert sum(shared_assignments.merge(db, s) for s in assigns) == len(assigns)
        middle = time.perf_counter()
        assert sum(shared_assignments.merge(db, s) for s in voids) == len(voids)
        end = time.perf_counter()
        db.conn.close()
        return middle - start, end - middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=60)
    parser.add_argument("--modules", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    n = args.classes * args.modules
    times = [run(args.classes, args.modules) for _ in range(args.runs)]
    assign = statistics.median(t[0] for t in times)
    void = statistics.median(t[1] for t in times)
    print(f"{n} assign statements: {assign:.2f} s ({assign / n * 1000:.2f} ms each)")
    print(f"{n} voided statements: {void:.2f} s ({void / n * 1000:.2f} ms each)")


if __name__ == "__main__":
    main()
