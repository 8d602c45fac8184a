"""District sync throughput: kiosks pushing statements to a local hub, against raw inserts.

    python bench/sync.py [--records 10000] [--kiosks 50] [--per-kiosk 200] [--runs 3]
                         [--backends sqlite,postgresql] [--json]

For each backend (SQLite file; PostgreSQL on 127.0.0.1:5432, a fresh database dropped after):
- one kiosk: `--records` statements in its outbox (as `submit_attempt` writes them) pushed to a
  fresh hub process by `sync_once` (pull off), timed from the call to its return;
- many kiosks: `--kiosks` threads, each a kiosk with its own SQLite file and `--per-kiosk`
  statements, all pushing to one fresh hub at once, timed from the start signal to the last;
- raw inserts: the same statements, as the hub stores them, inserted with SQLAlchemy Core
  `executemany` into the hub's own `statements` table in a fresh database, one transaction
  per kiosk batch (the hub's engine: WAL and synchronous=FULL on SQLite).
Each is run `--runs` times, interleaved; the median is reported, with every run's rate. Every
hub is checked to hold exactly the statements sent. All traffic is to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from citizenship_app.core import sync, xapi  # noqa: E402
from citizenship_app.core.store import open_store, transaction  # noqa: E402

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "test"}
START_TIMEOUT = 60
MODULES = [
    ("g35-password-power", "Password Power-Up"),
    ("g35-private-info", "Private Information"),
    ("g68-oversharing", "Oversharing"),
    ("g912-account-security", "Account Security"),
]


# -- kiosks ----------------------------------------------------------------------------------


def fill_outbox(directory: Path, count: int, machine: str) -> list[dict]:
    """A kiosk data directory with `count` pending attempt statements; returns them."""
    db = open_store(directory)
    start = datetime.now(UTC) - timedelta(days=1)
    rows, statements = [], []
    for n in range(count):
        record_id = str(uuid.uuid4())
        module_id, title = MODULES[n % len(MODULES)]
        finished = start + timedelta(seconds=n)
        correct = 8 - n % 3
        statement = xapi.attempt_statement(
            verb="passed" if correct >= 7 else "failed",
            record_id=record_id,
            sis_home_page=xapi.DEFAULT_SIS_HOME_PAGE,
            person_id=f"stu-{machine}-{n % 300}",
            module_id=module_id,
            module_title=title,
            class_id=f"class-{n % 12}",
            correct=correct,
            total=8,
            passed=correct >= 7,
            started=finished - timedelta(minutes=4),
            finished=finished,
            machine=machine,
        )
        statements.append(statement)
        rows.append(
            (
                statement["id"],
                "passed",
                record_id,
                json.dumps(statement),
                finished.isoformat(timespec="milliseconds"),
            )
        )
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO outbox (id, kind, record_id, statement, created_at) VALUES (?, ?, ?, ?, ?)", rows
        )
    db.conn.close()
    return statements


def push_all(directory: Path, config: sync.HubConfig) -> sync.SyncResult:
    db = open_store(directory)
    try:
        return sync.sync_once(db, config, pull_too=False)
    finally:
        db.conn.close()


# -- hubs ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HubProcess:
    """`citizenship-district serve` on a free port of 127.0.0.1, with one device credential."""

    def __init__(self, db_url: str, log: Path) -> None:
        self.db_url = db_url
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "citizenship_app.district.cli",
                "--db",
                db_url,
                "device",
                "add",
                "bench",
                "--district",  # a benchmark's kiosk, not scoped to a school's roster
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        creds = json.loads(out.stdout)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xapi/"
        self.config = sync.HubConfig(self.url, creds["username"], creds["password"])
        with open(log, "wb") as out_file:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "citizenship_app.district.cli",
                    "--db",
                    db_url,
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                stdout=out_file,
                stderr=subprocess.STDOUT,
            )
        self._wait_ready(log)

    def _wait_ready(self, log: Path) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the hub exited:\n{log.read_text()}")
            try:
                if httpx.get(self.url + "about", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise SystemExit("the hub did not start")

    def count(self) -> int:
        from citizenship_app.district.storage import Store

        store = Store(self.db_url)
        try:
            with store.engine.connect() as conn:
                return conn.exec_driver_sql("SELECT COUNT(*) FROM statements").scalar()
        finally:
            store.engine.dispose()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Databases:
    """Fresh hub databases for one backend; PostgreSQL ones are dropped at the end."""

    def __init__(self, backend: str, directory: Path) -> None:
        self.backend, self.directory, self.created = backend, directory, []
        if backend == "postgresql":
            import psycopg

            self.admin = psycopg.connect(**PG, autocommit=True, connect_timeout=5)

    def new(self, label: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.directory / f'{label}-{secrets.token_hex(3)}.db'}"
        name = f"citizenship_bench_{os.getpid()}_{label}_{secrets.token_hex(3)}"
        self.admin.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return f"postgresql://{PG['user']}@{PG['host']}:{PG['port']}/{name}"

    def close(self) -> None:
        if self.backend == "postgresql":
            for name in self.created:
                self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.admin.close()


@contextmanager
def hub(databases: Databases, label: str):
    process = HubProcess(databases.new(label), databases.directory / f"{label}.log")
    try:
        yield process
    finally:
        process.stop()


# -- measurements ----------------------------------------------------------------------------


def one_kiosk(databases: Databases, work: Path, records: int) -> dict:
    kiosk = work / "kiosk-one"
    fill_outbox(kiosk, records, "bench-one")
    with hub(databases, "one") as server:
        start = time.perf_counter()
        result = push_all(kiosk, server.config)
        seconds = time.perf_counter() - start
        held = server.count()
    assert result.error is None and result.sent == records and held == records, (result, held)
    return {"statements": records, "seconds": round(seconds, 3), "per_second": round(records / seconds)}


def kiosk_process(directory: Path, config: sync.HubConfig, start, results) -> None:
    """One kiosk (a forked process): open its store and client, wait for the start, push."""
    db = open_store(directory)
    client = sync.make_client(config)
    start.wait(timeout=300)
    result = sync.sync_once(db, config, client=client, pull_too=False)
    results.put((str(directory), result.sent, result.error))


def many_kiosks(databases: Databases, work: Path, kiosks: int, per_kiosk: int) -> dict:
    """`kiosks` processes, each a kiosk with its own SQLite file, pushing to one hub at once."""
    import multiprocessing

    directories = [work / f"kiosk-{n:03d}" for n in range(kiosks)]
    for n, directory in enumerate(directories):
        fill_outbox(directory, per_kiosk, f"bench-{n:03d}")
    context = multiprocessing.get_context("fork")  # the children start with everything imported
    start, results = context.Barrier(kiosks + 1), context.Queue()
    with hub(databases, "many") as server:
        processes = [
            context.Process(target=kiosk_process, args=(d, server.config, start, results))
            for d in directories
        ]
        for process in processes:
            process.start()
        start.wait(timeout=300)  # every kiosk has its store open and its client made
        began = time.perf_counter()
        finished = [results.get(timeout=600) for _ in processes]
        seconds = time.perf_counter() - began
        for process in processes:
            process.join(timeout=60)
        held = server.count()
    total = kiosks * per_kiosk
    errors = [error for _, sent, error in finished if error or sent != per_kiosk]
    assert not errors and held == total, (errors[:3], held)
    return {
        "kiosks": kiosks,
        "statements": total,
        "seconds": round(seconds, 3),
        "per_second": round(total / seconds),
    }


def raw_inserts(databases: Databases, work: Path, records: int, batch: int) -> dict:
    """The same statements as the hub stores them, executemany into its `statements` table."""
    from citizenship_app.district.statements import format_us
    from citizenship_app.district.storage import Store, _row, now_us, statements

    statements_sent = fill_outbox(work / "kiosk-raw", records, "bench-raw")
    authority = {"objectType": "Agent", "account": {"homePage": "https://bench.example", "name": "bench"}}
    store = Store(databases.new("raw"))
    store.create_tables()
    try:
        start = time.perf_counter()
        for offset in range(0, records, batch):
            stored_us = now_us()
            rows = []
            for st in statements_sent[offset : offset + batch]:
                full = {**st, "stored": format_us(stored_us), "authority": authority}
                rows.append(_row(st, full, stored_us, "bench"))  # as the hub stores it (packed)
            with store.engine.begin() as conn:
                conn.execute(statements.insert(), rows)
        seconds = time.perf_counter() - start
    finally:
        store.engine.dispose()
    return {
        "statements": records,
        "seconds": round(seconds, 3),
        "per_second": round(records / seconds),
        "batch": batch,
    }


def postgres_answers() -> bool:
    try:
        with socket.create_connection((PG["host"], PG["port"]), timeout=1):
            return True
    except OSError:
        return False


def environment() -> dict:
    info = {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
    }
    if postgres_answers():
        import psycopg

        with psycopg.connect(**PG, connect_timeout=5) as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    return info


def median_run(runs: list[dict]) -> dict:
    """The run with the median rate, with every run's rate beside it."""
    ordered = sorted(runs, key=lambda r: r["per_second"])
    return {**ordered[len(ordered) // 2], "runs": [r["per_second"] for r in runs]}


def run_backend(backend: str, args, work: Path) -> dict:
    """`--runs` rounds of the three measurements, interleaved so that machine noise hits all."""
    databases = Databases(backend, work)
    runs: dict[str, list[dict]] = {"one_kiosk": [], "raw_inserts": [], "many_kiosks": []}
    try:
        for n in range(args.runs):
            here = work / f"run-{n}"
            runs["one_kiosk"].append(one_kiosk(databases, here / "one", args.records))
            runs["raw_inserts"].append(raw_inserts(databases, here / "raw", args.records, sync.BATCH))
            runs["many_kiosks"].append(many_kiosks(databases, here / "many", args.kiosks, args.per_kiosk))
    finally:
        databases.close()
    figures = {name: median_run(found) for name, found in runs.items()}
    figures["raw_over_hub"] = round(
        figures["raw_inserts"]["per_second"] / figures["one_kiosk"]["per_second"], 2
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000, help="statements from the one kiosk")
    parser.add_argument("--kiosks", type=int, default=50, help="kiosks pushing at once")
    parser.add_argument(
        "--per-kiosk", type=int, default=200, help="statements per kiosk in the many-kiosk run"
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--runs", type=int, default=3, help="rounds of each measurement; medians are reported"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "postgresql" in backends and not postgres_answers():
        print("bench: no PostgreSQL on 127.0.0.1:5432; running SQLite only", file=sys.stderr)
        backends.remove("postgresql")
    report = {"environment": environment(), "batch": sync.BATCH}
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        for backend in backends:
            work = Path(tmp) / backend
            work.mkdir()
            report[backend] = run_backend(backend, args, work)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report, backends)
    return 0


def print_report(report: dict, backends: list[str]) -> None:
    env = report["environment"]
    print(
        f"Python {env['python']}, SQLite {env['sqlite']}, PostgreSQL {env.get('postgresql', '-')}, "
        f"{env['cpus']} CPUs, load {env['load_average']}; kiosk batch {report['batch']}; medians of runs"
    )
    for backend in backends:
        f = report[backend]
        print(f"{backend}:")
        for name, label in (
            ("one_kiosk", "one kiosk"),
            ("many_kiosks", f"{f['many_kiosks']['kiosks']} kiosks"),
            ("raw_inserts", "raw inserts"),
        ):
            m = f[name]
            print(
                f"  {label:<12} {m['statements']:>6} statements in {m['seconds']:>6.2f} s "
                f"{m['per_second']:>6}/s"
                f"  (runs: {', '.join(map(str, m['runs']))})"
            )
        print(f"  raw inserts / one kiosk = {f['raw_over_hub']}x")


if __name__ == "__main__":
    sys.exit(main())
