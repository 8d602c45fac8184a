"""The bundled demo roster's ids, and whether a real roster has replaced it.

Read from the roster files themselves; below the importer (`roster`, which keeps the demo's
rows out of its removal guard) and the exit code's rules (`kiosk`, which retires the demo's
public code once a real roster is in), so neither needs the demo loader (`demo`).
"""

from __future__ import annotations

from functools import cache

from . import paths
from .store import Store


@cache
def demo_org_ids() -> frozenset[str]:
    """The demo roster's orgs (its district and school), from its own orgs.csv."""
    import csv

    with open(paths.DEMO_ROSTER / "orgs.csv", encoding="utf-8", newline="") as handle:
        return frozenset(row["sourcedId"] for row in csv.DictReader(handle))


@cache
def demo_roster_ids() -> dict[str, frozenset[str]]:
    """The demo roster's sourcedIds, per OneRoster file (orgs, users, classes, ...)."""
    import csv

    found: dict[str, frozenset[str]] = {}
    for path in paths.DEMO_ROSTER.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle)
            if "sourcedId" in (rows.fieldnames or []):
                found[path.stem] = frozenset(row["sourcedId"] for row in rows)
    return found


def has_real_roster(db: Store) -> bool:
    """True once a roster other than the demo school's is imported: any org it does not have
    (every OneRoster export lists its district's schools)."""
    ids = sorted(demo_org_ids())
    marks = ",".join("?" * len(ids))
    return (
        db.execute(f"SELECT EXISTS (SELECT 1 FROM orgs WHERE sourced_id NOT IN ({marks}))", ids).fetchone()[0]
        == 1
    )
