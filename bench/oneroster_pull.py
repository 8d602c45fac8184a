"""The roster from the hub at district size: the hub's import with its change tracking, a
kiosk's whole-school pull, and the every-round delta.

    python bench/oneroster_pull.py [--workdir DIR] [--schools 30]

Builds the `district` roster of bench/roster_hostile.py (`--schools` schools of 1,000 students
in 5 classes of 25, 40 teachers each), imports it into a hub database (SQLite) with
`district.roster.import_roster` (timing the first import and an unchanged re-import: what the
change tracking of district/oneroster.py costs), then has a kiosk of one school pull it through
the hub's OneRoster endpoints (a real `citizenship-district serve` process on 127.0.0.1, the
kiosk's own httpx client): the whole school (bulk, as at enrollment), a round with nothing
changed, and a round after one student moved school. Times are wall clock.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

sys.path.insert(0, str(ROOT / "tests"))

import httpx  # noqa: E402
from district import conftest  # noqa: E402
from district.conftest import HubProcess  # noqa: E402
from roster_hostile import write_district  # noqa: E402

from citizenship_app.core import roster_sync  # noqa: E402
from citizenship_app.core.store import open_store  # noqa: E402
from citizenship_app.district.auth import new_credential  # noqa: E402
from citizenship_app.district.roster import import_roster  # noqa: E402
from citizenship_app.district.storage import Store  # noqa: E402

BENCH_CREDENTIAL = new_credential()
BENCH_PASSWORD = BENCH_CREDENTIAL.password


def timed(label: str, results: dict, fn):
    start = time.perf_counter()
    value = fn()
    results[label] = round(time.perf_counter() - start, 2)
    print(f"{label}: {results[label]} s", flush=True)
    return value


def move_one_student(folder: Path) -> None:
    """s-0-0 leaves org-000 for org-001 (its orgs; its enrollments follow its new school's first class)."""
    users = (folder / "users.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    users = [
        line.replace(",org-000,student,", ",org-001,student,", 1) if line.startswith("s-0-0,") else line
        for line in users
    ]
    (folder / "users.csv").write_text("".join(users), encoding="utf-8")
    lines = (folder / "enrollments.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.split(",")[5:6] == ["s-0-0"]]
    kept.append("e-moved-s-0-0,,,k-1-0-0,org-001,s-0-0,student,false,,\n")
    (folder / "enrollments.csv").write_text("".join(kept), encoding="utf-8")


def kiosk_rounds(
    work: Path, folder: Path, store: Store, url: str, client: httpx.Client, results: dict
) -> None:
    """A kiosk of org-000 pulls the whole school, a quiet round, and the round after a move."""
    source = roster_sync.Source.hub(url + "/", "lab", BENCH_PASSWORD)
    kiosk = open_store(work / "kiosk")
    bulk = timed(
        "kiosk: whole school (bulk)",
        results,
        lambda: roster_sync.sync_roster(kiosk, source, school="org-000", client=client),
    )
    assert bulk.result.ok, bulk.result.errors[:3]
    results["school rows"] = sum(bulk.fetched.values())
    quiet = timed(
        "kiosk: round, nothing changed",
        results,
        lambda: roster_sync.sync_roster(kiosk, source, school="org-000", client=client),
    )
    assert quiet.delta and not any(quiet.fetched.values())
    move_one_student(folder)
    assert timed(
        "hub: import, one student moved", results, lambda: import_roster(store, folder, allow_removals=True)
    ).ok
    moved = timed(
        "kiosk: round after the move",
        results,
        lambda: roster_sync.sync_roster(kiosk, source, school="org-000", client=client),
    )
    assert moved.delta and moved.result.ok and moved.fetched["users"] == 1, moved.fetched
    results["delta rows"] = moved.fetched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--schools", type=int, default=30, help="at least 2: one student moves school")
    args = parser.parse_args(argv)
    if args.schools < 2:
        # The last round moves a student from org-000 to org-001, which only exists with 2 schools.
        parser.error(f"--schools {args.schools}: the move of one student needs at least 2 schools")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="oneroster-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    folder = work / "district"
    counts = write_district(folder, schools=args.schools)
    print("district:", ", ".join(f"{n} {k}" for k, n in counts.items()))
    hub_db = work / "hub.db"
    hub_db.unlink(missing_ok=True)
    store = Store(f"sqlite:///{hub_db}")
    store.create_tables()
    results: dict = {"rows": sum(counts.values())}
    assert timed("hub: first import", results, lambda: import_roster(store, folder)).ok
    assert timed("hub: same roster again", results, lambda: import_roster(store, folder)).ok
    store.add_device(
        "lab",
        BENCH_CREDENTIAL.password_hash,
        password_check=BENCH_CREDENTIAL.password_check,
        scope="school",
        school="org-000",
    )
    conftest.START_TIMEOUT = 120  # a busy machine starts a hub slowly
    hub = HubProcess(f"sqlite:///{hub_db}", work / "hub.log", "--home-page", "https://hub.example")
    try:
        hub.wait_ready()
        with httpx.Client(timeout=120) as client:
            kiosk_rounds(work, folder, store, hub.url, client, results)
    finally:
        hub.stop()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
