"""Which `serve --threads` for a hub: kiosks pulling while others push large batches.

    python bench/hub_threads.py [--backend postgresql|sqlite] [--processes N] [--threads 2,4,8,40]
                                [--rounds 3] [--pulls 200] [--pushes 20] [--batch 1000] [--json]
                                [--db postgresql://postgres@127.0.0.1:5432/bench_hub]

Hub processes (`serve --threads T`; two on PostgreSQL, one on SQLite) on this machine's cores
over a database of 110,000 statements, 500 to a `stored` time (PostgreSQL: a schema of its own
in `--db`, filled as bench/hub.py fills it; SQLite: a temporary file, filled through
`Store.save`), removed at the end. Every kiosk is a keep-alive connection, new for each case
and signed in before the timing (as a kiosk the hub remembers). Cases, each `--rounds` times
with the thread counts alternating:

- pulls alone: `--pulls` kiosks each ask for a pull page (500) of its own at the same moment;
- pulls while pushing: the same, and at the same moment `--pushes` kiosks each POST a batch of
  `--batch` new statements (1,000: the largest batch the hub takes; a kiosk sends 500 at a time);
- pushes alone: `--pushes` x 2 kiosks POST a batch each at once.

Reported per case and thread count: the median of the rounds' median times (from a request's
first byte sent to its answer's last byte received), the worst, failures (anything but 200,
or after the kiosk's 10 s timeout), the hub processes' CPU time per request and, on
PostgreSQL, the database sessions opened during each case (a pool that opens and closes
connections under a burst shows there). All clients are one thread with non-blocking
sockets, as in bench/hub.py.
"""

from __future__ import annotations

import argparse
import base64
import json
import socket
import statistics
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from hub import (  # noqa: E402
    AUTHORITY,
    BATCH,
    _cpu_seconds,
    _exchange,
    _Kiosk,
    ensure_database,
    fill,
    statement,
)

from citizenship_app.district.statements import format_us  # noqa: E402
from citizenship_app.district.storage import Store  # noqa: E402

SIZE = 110_000  # enough for 200 full pages of 500, each of its own
TIMEOUT = 10.0  # a kiosk waits 10 s for an answer (core/sync.py)


def sinces(db_url: str, pulls: int) -> list[str]:
    """A `since` for each kiosk: one batch of 500 earlier each, from 1,000 before the end."""
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            seqs = [SIZE - 1000 - BATCH * i + 1 for i in range(pulls)]
            rows = conn.exec_driver_sql(
                f"SELECT seq, stored_us FROM statements WHERE seq IN ({', '.join(map(str, seqs))})"
            ).all()
    finally:
        store.engine.dispose()
    stored = dict(rows)
    return [format_us(stored[seq] - 1) for seq in seqs]


def sessions(db_url: str) -> int:
    """PostgreSQL sessions opened in the database so far (0 on SQLite)."""
    if not db_url.startswith("postgresql"):
        return 0
    import psycopg

    with psycopg.connect(db_url.split("?", 1)[0], autocommit=True) as conn:
        row = conn.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return int(row.fetchone()[0])


def post_body(first: int, batch: int) -> bytes:
    """`batch` new attempt statements (no voiding), ids from `first` on."""
    body = []
    for i in range(first, first + batch):
        n = i % SIZE
        st = statement(n - 1 if n % 200 == 199 else n)
        st["id"] = str(uuid.UUID(int=(1 << 126) + i))
        body.append(st)
    return json.dumps(body).encode()


def run(db_url: str, processes: int, threads: int, pulls: int, bodies: list[bytes]) -> dict:
    """One round of the three cases against fresh hub processes with `--threads threads`."""
    from district import conftest
    from district.conftest import HubProcess, add_device

    conftest.START_TIMEOUT = 120
    work = Path(tempfile.mkdtemp(prefix="bench-threads-"))
    username, password = add_device(db_url, f"bench-{uuid.uuid4().hex[:8]}")
    auth = base64.b64encode(f"{username}:{password}".encode()).decode()
    head = f"Host: hub\r\nAuthorization: Basic {auth}\r\nX-Experience-API-Version: 1.0.3\r\n"
    hubs = [HubProcess(db_url, work / f"hub-{i}.log", "--threads", str(threads)) for i in range(processes)]

    def get(params: dict) -> bytes:
        request = f"GET /xapi/statements?{urlencode(params)} HTTP/1.1\r\n{head}Accept-Encoding: zstd\r\n\r\n"
        return request.encode()

    def post(data: bytes) -> bytes:
        request = (
            f"POST /xapi/statements HTTP/1.1\r\n{head}Content-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n"
        ).encode()
        return request + data

    pages = [get({"since": since, "ascending": "true", "limit": 500}) for since in sinces(db_url, pulls)]
    pushes, batch = len(bodies) // 3, len(json.loads(bodies[0]))
    batches = [post(body) for body in bodies]
    out: dict = {}
    try:
        for hub in hubs:
            hub.wait_ready()
        ports = [urlsplit(hub.url).port for hub in hubs]

        def connected(count: int) -> list[_Kiosk]:
            """`count` kiosks, each on a new connection and signed in (the hubs remember them
            from the first case on): an idle connection is closed by the hub after its
            keep-alive timeout (5 s), so each case has its own, as kiosks reconnect each round."""
            clients = [
                _Kiosk(socket.create_connection(("127.0.0.1", ports[i % processes]), 120))
                for i in range(count)
            ]
            _exchange(clients, [get({"limit": 1})] * count, timeout=TIMEOUT)
            assert all(c.status == 200 for c in clients), sorted({c.status for c in clients})
            return clients

        cases = {
            "pulls alone": pages,
            "pulls while pushing": pages + batches[:pushes],
            "pushes alone": batches[pushes:],
        }
        for label, requests in cases.items():
            used = connected(len(requests))
            before, opened = sum(_cpu_seconds(hub.process.pid) for hub in hubs), sessions(db_url)
            _exchange(used, requests, timeout=TIMEOUT)
            cpu = sum(_cpu_seconds(hub.process.pid) for hub in hubs) - before
            opened = sessions(db_url) - opened - 1  # less the one that asked
            kinds = {"pull": used[: min(pulls, len(requests))] if label != "pushes alone" else []}
            kinds["push"] = [c for c, data in zip(used, requests, strict=True) if data.startswith(b"POST")]
            out[label] = {"hub_cpu_ms_per_request": round(cpu * 1000 / len(requests), 1)}
            if db_url.startswith("postgresql"):  # a pool that opens and closes under a burst shows here
                out[label]["database_sessions_opened"] = opened
            for c in used:
                c.sock.close()
            for c in kinds["pull"]:  # checked after the timing: a whole page, or a push's ids
                assert c.status != 200 or len(json.loads(c.decoded())["statements"]) == 500
            for c in kinds["push"]:
                assert c.status != 200 or len(json.loads(c.decoded())) == batch
            for kind, group in kinds.items():
                if not group:
                    continue
                ok = [c.took for c in group if c.status == 200]
                out[label][kind] = {
                    "requests": len(group),
                    "median_ms": round(statistics.median(ok) * 1000) if ok else None,
                    "max_ms": round(max(ok) * 1000) if ok else None,
                    "failed": sorted({c.error or f"HTTP {c.status}" for c in group if c.status != 200}),
                    "failures": sum(c.status != 200 for c in group),
                }
    finally:
        for hub in hubs:
            hub.stop()
    return out


def summary(rounds: list[dict]) -> dict:
    """Per case and kind: the median of the rounds' medians, the worst, all failures."""
    result: dict = {}
    for label in rounds[0]:
        cpu = statistics.median(r[label]["hub_cpu_ms_per_request"] for r in rounds)
        opened = [
            r[label]["database_sessions_opened"] for r in rounds if "database_sessions_opened" in r[label]
        ]
        result[label] = {
            "hub_cpu_ms_per_request": cpu,
            **({"database_sessions_opened": opened} if opened else {}),
        }
        for kind in ("pull", "push"):
            got = [r[label][kind] for r in rounds if kind in r[label]]
            if not got:
                continue
            medians = [g["median_ms"] for g in got if g["median_ms"] is not None]
            result[label][kind] = {
                "median_ms": statistics.median(medians) if medians else None,
                "round_medians_ms": medians,
                "max_ms": max((g["max_ms"] for g in got if g["max_ms"] is not None), default=None),
                "failures": sum(g["failures"] for g in got),
                "failed": sorted({e for g in got for e in g["failed"]}),
            }
    return result


@contextmanager
def database(backend: str, url: str) -> Iterator[str]:
    """A hub database of `SIZE` statements, 500 to a `stored` time, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-threads-") as work:
            db_url = f"sqlite:///{work}/hub.db"
            store = Store(db_url)
            store.create_tables()
            for start in range(0, SIZE, BATCH):  # through the hub's own code: one `stored` each
                store.save(
                    [statement(n) for n in range(start, start + BATCH)], authority=AUTHORITY, device="lab"
                )
            store.engine.dispose()
            yield db_url
        return
    import psycopg

    ensure_database(url)
    schema = f"hub_threads_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    db_url = f"{url}?options=-csearch_path%3D{schema}"
    try:
        store = Store(db_url)
        store.create_tables()
        fill(store, SIZE)
        store.engine.dispose()
        yield db_url
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="postgresql://postgres@127.0.0.1:5432/bench_hub")
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--processes", type=int, help="hub processes (default: 2 on PostgreSQL, 1 on SQLite)")
    parser.add_argument("--threads", default="2,4,8,40")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pulls", type=int, default=200)
    parser.add_argument("--pushes", type=int, default=20)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    processes = args.processes or (2 if args.backend == "postgresql" else 1)
    thread_counts = [int(t) for t in args.threads.split(",")]
    rounds: dict[int, list[dict]] = {t: [] for t in thread_counts}
    with database(args.backend, args.db) as db_url:
        first_id = 0
        for r in range(args.rounds):
            for threads in thread_counts if r % 2 == 0 else reversed(thread_counts):
                bodies = [post_body(first_id + i * args.batch, args.batch) for i in range(3 * args.pushes)]
                first_id += len(bodies) * args.batch
                result = run(db_url, processes, threads, args.pulls, bodies)
                rounds[threads].append(result)
                print(json.dumps({"threads": threads, "round": r, **result}), file=sys.stderr, flush=True)
    report = {t: summary(rs) for t, rs in rounds.items()}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for threads, cases in report.items():
            print(f"--threads {threads}")
            for label, case in cases.items():
                parts = [
                    f"{kind} median {c['median_ms']} ms, worst {c['max_ms']} ms, failed {c['failures']}"
                    for kind in ("pull", "push")
                    if (c := case.get(kind))
                ]
                print(
                    f"  {label:<22} "
                    + "; ".join(parts)
                    + f"; hub CPU {case['hub_cpu_ms_per_request']} ms/request"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
