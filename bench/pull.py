"""Bytes a kiosk pulls a day: the whole district's statements (before) against its school's (after).

    python bench/pull.py [--per-kiosk 250] [--kiosks 3] [--json]
                         [--schools 30] [--kiosks-per-school 30] [--students 1000]
                         [--results-per-student 1] [--others-per-student 1]
                         [--hours 10] [--round 60]

Measured on a real hub process (SQLite, 127.0.0.1), with a realistic sample: a district roster
of two schools, `--kiosks` school devices at each, each with its own signing key registered,
each pushing `--per-kiosk` signed attempt statements (as `submit_attempt` writes them: school
and class as grouping context activities) through `sync_once`. Then, counting every byte of
the hub's answers (status line, headers and body) with a transport between kiosk and hub:

- before: what a kiosk of the previous version downloaded: every statement since its cursor
  (unfiltered, with its signature attachment: multipart/mixed), and the device-keys JWK Set
  each round (read here with a district credential; a school device may no longer ask that);
- after: a new kiosk of school 1 pulling with this version's `core.pull.pull`
  (activity=<school>&related_activities=true, device keys kept between rounds);
- an empty round of each (nothing new to pull).

The model for a district of `--schools` x `--kiosks-per-school` kiosks and `--students` per
school: each student's `--results-per-student` results a school day (passed/failed: they carry
the school) and `--others-per-student` other statements (audit rows, assignments, voids: the
kiosk merges none of them; audit rows carry no school) -- 2 x 30,000 students x 180 days is
10.8M statements a year, the order of the issue's 12M -- with a round every `--round` seconds
over `--hours` hours:

    before = (R + O) x b_all + rounds x (empty_before + jwks_per_device x devices)
    after  = R / schools x b_school + rounds x empty_after + jwks_per_device x devices

R and O are the district's results and other statements a day, b_* the measured bytes per
statement (with its signature), and the device keys are fetched at most once a day after (a
key new to the kiosk), every round before. Assignments also carry the school; a handful a
day per school, they are left out of `after`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from helpers import write_roster  # noqa: E402
from sync import MODULES, HubProcess, free_port  # noqa: E402

from citizenship_app.core import pull, schools, signing, xapi  # noqa: E402
from citizenship_app.core import sync as core_sync  # noqa: E402
from citizenship_app.core.store import open_store, set_setting, transaction  # noqa: E402

SCHOOLS = ("school-1", "school-2")
STUDENTS = 300  # per school in the sample


class Serve(HubProcess):
    """bench/sync.py's hub process, without its device: this benchmark makes its own."""

    def __init__(self, db_url: str, log: Path) -> None:
        self.db_url, self.port = db_url, free_port()
        self.url = f"http://127.0.0.1:{self.port}/xapi/"
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "citizenship_app.district.cli", "--db", db_url, "serve"]
                + ["--host", "127.0.0.1", "--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self._wait_ready(log)


class Counting(httpx.BaseTransport):
    """Passes requests to the hub and counts the bytes of its answers."""

    def __init__(self) -> None:
        self.inner, self.bytes, self.requests = httpx.HTTPTransport(), 0, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        body = response.read()
        head = len(b"HTTP/1.1 200 OK\r\n") + sum(len(k) + len(v) + 4 for k, v in response.headers.raw) + 2
        self.bytes += head + len(body)
        self.requests += 1
        return response


def client(config: core_sync.HubConfig, transport: Counting) -> httpx.Client:
    return httpx.Client(
        transport=transport, auth=(config.username, config.password), headers=core_sync.HEADERS, timeout=60
    )


def kiosk(directory: Path, school: str):
    db = open_store(directory)
    with transaction(db):
        db.execute("INSERT INTO orgs (sourced_id, name, type) VALUES (?, 'School', 'school')", [school])
        db.execute(
            "INSERT INTO classes (sourced_id, title, school_id) VALUES (?, 'Class', ?)",
            [f"class-{school}", school],
        )
        for n in range(STUDENTS):
            db.execute(
                "INSERT INTO people (sourced_id, given_name, family_name, role, tier)"
                " VALUES (?, 'Name', 'Family', 'student', '3-5')",
                [f"{school}-stu-{n}"],
            )
    set_setting(db, schools.SCHOOL_SETTING, school)
    return db


def fill(db, school: str, machine: str, count: int) -> None:
    start = datetime.now(UTC) - timedelta(hours=1)
    with transaction(db):
        for n in range(count):
            module_id, title = MODULES[n % len(MODULES)]
            correct = 14 - n % 4
            finished = start + timedelta(seconds=n)
            st = xapi.attempt_statement(
                verb="passed" if correct >= 12 else "failed",
                record_id=str(uuid.uuid4()),
                sis_home_page=xapi.DEFAULT_SIS_HOME_PAGE,
                person_id=f"{school}-stu-{n % STUDENTS}",
                module_id=module_id,
                module_title=title,
                class_id=f"class-{school}",
                correct=correct,
                total=14,
                passed=correct >= 12,
                started=finished - timedelta(minutes=6),
                finished=finished,
                machine=machine,
                school_id=school,
            )
            db.execute(
                "INSERT INTO outbox (id, kind, record_id, statement, created_at)"
                " VALUES (?, 'passed', ?, ?, ?)",
                [st["id"], st["context"]["registration"], json.dumps(st), finished.isoformat()],
            )


def unfiltered(config: core_sync.HubConfig, since: str) -> tuple[int, int, int]:
    """(statements, bytes of the statements pages, bytes of the device-keys answer): a pull of
    the previous version, every statement since `since` with its signature."""
    pages, keys = Counting(), Counting()
    with client(config, keys) as http:
        pull.device_keys(http, config)
    found = 0
    with client(config, pages) as http:
        url: str | None = config.statements_url
        params: dict | None = {"limit": "500", "ascending": "true", "since": since, "attachments": "true"}
        while url:
            response = http.get(url, params=params)
            body, _ = pull._page(response)
            found += len(body["statements"])
            url = httpx.URL(config.statements_url).join(body["more"]) if body["more"] else None
            params = None
    return found, pages.bytes, keys.bytes


def measure(args, work: Path) -> dict:
    db_url = f"sqlite:///{work / 'hub.db'}"
    from citizenship_app.district import auth, signatures
    from citizenship_app.district.roster import import_roster
    from citizenship_app.district.storage import Store

    folder = write_roster(work / "roster", {s: [f"{s}-stu-{n}" for n in range(STUDENTS)] for s in SCHOOLS})
    credential = auth.new_credential()  # one for every device: the bench times pulls, not scrypt
    password = credential.password
    store = Store(db_url)
    kiosks = []
    try:
        store.create_tables()
        assert import_roster(store, folder).ok
        store.add_device(
            "reader", credential.password_hash, password_check=credential.password_check, scope="district"
        )
        for school in SCHOOLS:
            for k in range(args.kiosks):
                name = f"lab-{school}-{k}"
                store.add_device(
                    name,
                    credential.password_hash,
                    password_check=credential.password_check,
                    scope="school",
                    school=school,
                )
                db = kiosk(work / name, school)
                signatures.set_key(store, name, signing.public_key_pem(db))
                kiosks.append((name, school, db))
    finally:
        store.engine.dispose()
    process = Serve(db_url, work / "hub.log")
    try:
        since = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
        for name, school, db in kiosks:
            fill(db, school, name, args.per_kiosk)
            result = core_sync.sync_once(db, core_sync.HubConfig(process.url, name, password), pull_too=False)
            assert result.error is None and result.pending == 0, result
        reader = core_sync.HubConfig(process.url, "reader", password)
        total, before_bytes, jwks_bytes = unfiltered(reader, since)
        assert total == len(kiosks) * args.per_kiosk, total
        _, empty_before, _ = unfiltered(reader, datetime.now(UTC).isoformat())
        # After: a new kiosk of school 1, its own first pull, then a round with nothing new.
        name = kiosks[0][0]
        new = kiosk(work / "new-kiosk", SCHOOLS[0])
        set_setting(new, pull.SINCE_SETTING, since)  # the sample's start, not the school year's
        set_setting(new, pull.SCOPE_SETTING, pull.scope(new))
        config = core_sync.HubConfig(process.url, name, password)
        first = Counting()
        with client(config, first) as http:
            merged = pull.pull(new, http, config)
        school_count = args.kiosks * args.per_kiosk
        assert merged == school_count, merged
        pages_after = first.bytes - jwks_bytes  # the one device-keys fetch, counted apart
        empty = Counting()
        with client(config, empty) as http:
            assert pull.pull(new, http, config) == 0
    finally:
        process.stop()
    devices = len(kiosks)
    return {
        "sample": {"schools": len(SCHOOLS), "kiosks": devices, "statements": total},
        "bytes_per_statement_before": round(before_bytes / total, 1),
        "bytes_per_statement_after": round(pages_after / school_count, 1),
        "jwks_bytes_per_device": round(jwks_bytes / devices, 1),
        "empty_round_before": empty_before + jwks_bytes,
        "empty_round_after": empty.bytes,
        "empty_round_after_requests": empty.requests,
    }


def model(m: dict, args) -> dict:
    devices = args.schools * args.kiosks_per_school
    results = args.schools * args.students * args.results_per_student
    per_day = results + args.schools * args.students * args.others_per_student
    rounds = int(args.hours * 3600 / args.round)
    jwks = m["jwks_bytes_per_device"] * devices
    empty_before = m["empty_round_before"] - m["jwks_bytes_per_device"] * m["sample"]["kiosks"]
    before = per_day * m["bytes_per_statement_before"] + rounds * (empty_before + jwks)
    after = results / args.schools * m["bytes_per_statement_after"] + rounds * m["empty_round_after"] + jwks
    only_results = results * m["bytes_per_statement_before"] + rounds * (empty_before + jwks)
    return {
        "district_statements_per_day": per_day,
        "rounds_per_day": rounds,
        "before_bytes_per_kiosk_day": int(before),
        "after_bytes_per_kiosk_day": int(after),
        "after_percent_of_before": round(100 * after / before, 2),
        "after_percent_if_every_statement_were_a_result": round(100 * after / only_results, 2),
        "district_before_bytes_per_day": int(before * devices),
        "district_after_bytes_per_day": int(after * devices),
        "first_pull_before_bytes_3_years": int(per_day * 180 * 3 * m["bytes_per_statement_before"]),
        "first_pull_after_bytes_full_year": int(
            per_day / args.schools * 180 * m["bytes_per_statement_after"]
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kiosk", type=int, default=250, help="statements each sample kiosk pushes")
    parser.add_argument("--kiosks", type=int, default=3, help="sample kiosks per school")
    parser.add_argument("--schools", type=int, default=30)
    parser.add_argument("--kiosks-per-school", type=int, default=30)
    parser.add_argument("--students", type=int, default=1000, help="students per school")
    parser.add_argument("--results-per-student", type=float, default=1.0, help="a school day")
    parser.add_argument("--others-per-student", type=float, default=1.0, help="a school day")
    parser.add_argument("--hours", type=float, default=10.0, help="a kiosk's day")
    parser.add_argument("--round", type=float, default=60.0, help="seconds between sync rounds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-pull-") as tmp:
        measured = measure(args, Path(tmp))
    report = {"measured": measured, "model": model(measured, args)}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for part, values in report.items():
            print(f"{part}:")
            for key, value in values.items():
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
