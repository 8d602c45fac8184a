"""District hub queries at district scale: does a page cost the same at 20k and at 2M statements?

    python bench/hub.py [--db postgresql://postgres@127.0.0.1:5432/bench_hub] [--sizes 20000,200000,2000000]
                        [--runs 15] [--kiosks 200] [--threads 4] [--bursts 5] [--sqlite 20000] [--json]

The database (default `bench_hub`, created if missing) is filled once and kept: each size has
a schema of its own (`hub_bench_<size>`), so later runs only measure.
Statements are made the way the hub stores them (storage._as_stored, _row and own_keys, the
same code as a real POST) for a district of 30 schools x 1,000 students, 40 modules, 900
classes, passed/failed in turn, 0.5% of them voided, 500 to a batch (one `stored` time per
batch). Each kind of statement is made once by that code with placeholders, and each row is
its kind's filled in and packed (compression.pack), then COPY, 200,000 per transaction; after
the fill a few rows are compared with what the hub's code makes and read through Store.get
and Store.query (`check_filled`).

At each size, the median of `--runs` (after one warm-up) of Store.query, i.e. the SQL and the
rows as the API gets them:
- pull page: 500 statements ascending from a `since` 1,000 statements before the end (a kiosk
  catching up), and its `more` page;
- newest page: 500 statements, newest first;
- verb, activity (a module), agent (a student), related activity (a class), agent + verb:
  limit 10, and the `more` page after the first.
PostgreSQL's own execution time (EXPLAIN ANALYZE, median) and the buffers the first page
touches, which a busy machine does not disturb. Then `--kiosks` connections each fetch one pull
page at once through two real hub processes (HTTP on 127.0.0.1), `--bursts` times: the median
of the bursts' median times per page, and the worst
(until its body has arrived), how many took over 10 s (the kiosk's timeout), and the CPU time
the hub processes spent per page (which the machine's load barely changes); once with the same
page for every kiosk (a school's caught-up kiosks in the morning: the hub shares one query
among identical requests in flight) and, where the history is long enough, once with a page of
its own for each (no sharing: the hub's whole cost per page). Bytes per statement: the size of the two
tables with their indexes over the count.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import time
import uuid
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citizenship_app.core import xapi  # noqa: E402
from citizenship_app.district import compression, storage  # noqa: E402
from citizenship_app.district.statements import format_us  # noqa: E402
from citizenship_app.district.storage import StatementQuery, Store  # noqa: E402

SIS = "https://sis.district.example"
AUTHORITY = {"objectType": "Agent", "account": {"homePage": "https://hub.district.example", "name": "lab"}}
STUDENTS, MODULES, CLASSES, BATCH = 30_000, 40, 900, 500
START_US = 1_700_000_000_000_000


def statement(n: int) -> dict:
    """The n-th statement of the district: a kiosk's quiz attempt, or (every 200th) a voiding."""
    return _statement(_kind(n), _values(n))


def _kind(n: int) -> tuple:
    """What the n-th statement is: a voiding, or an attempt passed or failed with a score."""
    return ("voiding",) if n % 200 == 199 else ("attempt", n % 2, 5 + n % 4)


def _values(n: int) -> dict[str, str]:
    """What the n-th statement holds of its own (the rest is its kind's)."""
    return {
        "id": str(uuid.UUID(int=n - 1 if n else (1 << 120))),
        "target": str(uuid.UUID(int=max(n - 2, 0))),  # a voiding statement's: the one before it
        "registration": str(uuid.UUID(int=(1 << 100) + n)),
        "person": f"stu-{n * 7919 % STUDENTS}",
        "module": f"module-{n % MODULES}",
        "class": f"class-{n * 31 % CLASSES}",
        "machine": f"lab-{n % 900}",
        "timestamp": _when(n).isoformat(timespec="milliseconds"),
        "stored": format_us(_stored_us(n)),
    }


def _statement(kind: tuple, v: dict[str, str]) -> dict:
    if kind[0] == "voiding":
        return {
            "id": v["id"],
            "actor": xapi.actor(SIS, "counselor-1"),
            "verb": {"id": xapi.VERBS["voided"]},
            "object": {"objectType": "StatementRef", "id": v["target"]},
            "timestamp": "2024-05-01T10:00:00.000Z",
        }
    _, passed, correct = kind
    verb = "passed" if passed else "failed"
    st = xapi.attempt_statement(
        verb=verb,
        record_id=v["registration"],
        sis_home_page=SIS,
        person_id=v["person"],
        module_id=v["module"],
        module_title="A module",
        class_id=v["class"],
        correct=correct,
        total=8,
        passed=bool(passed),
        started=_when(0),
        finished=_when(0),
        machine=v["machine"],
    )
    st["id"] = v["id"]
    st["timestamp"] = v["timestamp"]  # as attempt_statement writes the time it finished
    return st


def _when(n: int):
    from datetime import datetime

    return datetime.fromtimestamp((START_US + n * 20_000) / 1e6, tz=UTC)


def _stored_us(n: int) -> int:
    return START_US + (n // BATCH) * 10_000_000 + 5_000_000


def _hub_rows(n: int) -> tuple[dict, set[tuple[str, str, bool]]]:
    """The n-th statement as the hub's own code stores it: its `statements` row (storage._row)
    and its keys (storage.own_keys, with those of the statement a voiding one references)."""
    st = statement(n)
    full = storage._as_stored(st, stored=format_us(_stored_us(n)), authority=AUTHORITY)
    keys = storage.own_keys(full)
    if _kind(n) == ("voiding",):
        keys = storage._without_redundant(keys | _hub_rows(n - 1)[1])
    # A voiding statement's target (two before it) is stored before it or with it: not ahead.
    return storage._row(st, full, _stored_us(n), "lab", voids_ahead=False), keys


class _Templates:
    """The rows of each kind of statement, made once by the hub's own code (`_hub_rows`) with
    placeholders for what differs; a statement's rows are then its kind's filled in, packed as
    the hub packs (`compression.pack`): the same rows at a fraction of the cost (`check_filled`
    compares them with the hub's code)."""

    _MARKS = {name: f"@@{name}@@" for name in _values(0)}

    def __init__(self) -> None:
        self.rows: dict[tuple, dict] = {}
        self.keys: dict[tuple, list[tuple[str, str, bool]]] = {}
        self.digests: dict[tuple[str, str], bytes] = {}

    @classmethod
    def _template(cls, value: str) -> str:
        value = value.replace("%", "%%")
        for name, mark in cls._MARKS.items():
            value = value.replace(mark, f"%({name})s")
        return value

    def _make(self, kind: tuple) -> None:
        st = _statement(kind, self._MARKS)
        full = storage._as_stored(st, stored=self._MARKS["stored"], authority=AUTHORITY)
        row = storage._row(st, full, 0, "lab", voids_ahead=False)  # as _hub_rows
        self.packed = isinstance(row["content"], bytes)  # the hub packs its JSON (or, earlier, not)
        row["content"] = compression.unpack(row["content"])
        self.rows[kind] = {k: self._template(v) if isinstance(v, str) else v for k, v in row.items()}
        self.keys[kind] = [(k, self._template(v), r) for k, v, r in storage.own_keys(full)]

    def _digest(self, kind: str, value: str) -> bytes:
        found = self.digests.get((kind, value))
        if found is None:
            found = storage.digest(kind, value)
            if kind != "registration":  # one per statement: not worth keeping
                self.digests[(kind, value)] = found
        return found

    def _keys(self, n: int, values: dict[str, str]) -> set[tuple[str, str, bool]]:
        return {(k, v % values, r) for k, v, r in self.keys[_kind(n)]}

    def rows_of(self, n: int) -> tuple[dict, list[tuple]]:
        """The n-th statement's `statements` row and its statement_keys rows (seq is n + 1)."""
        kind = _kind(n)
        if kind not in self.rows:
            self._make(kind)
        if kind == ("voiding",) and _kind(n - 1) not in self.rows:
            self._make(_kind(n - 1))
        values = _values(n)
        row = {k: v % values if isinstance(v, str) else v for k, v in self.rows[kind].items()}
        row["stored_us"] = _stored_us(n)
        if self.packed:
            row["content"] = compression.pack(row["content"])
        keys = self._keys(n, values)
        if kind == ("voiding",):  # it matches what it voids too
            keys = storage._without_redundant(keys | self._keys(n - 1, _values(n - 1)))
        stored = _stored_us(n)
        return row, [(n + 1, self._digest(k, v), r, stored) for k, v, r in keys]


def fill(store: Store, upto: int) -> None:
    """Add statements until the store holds `upto` (by COPY, 200,000 per transaction)."""
    with store.engine.connect() as conn:
        have = conn.exec_driver_sql("SELECT count(*) FROM statements").scalar()
    if have >= upto:
        return
    print(f"  filling {have:,} -> {upto:,} statements", file=sys.stderr, flush=True)
    templates = _Templates()
    columns = list(_hub_rows(0)[0])
    raw = store.engine.raw_connection()
    try:
        cur = raw.driver_connection.cursor()
        for chunk in range(have, upto, 200_000):
            end = min(upto, chunk + 200_000)
            keys = []
            with cur.copy(f"COPY statements (seq, {', '.join(columns)}) FROM STDIN") as copy:
                for n in range(chunk, end):
                    row, key_rows = templates.rows_of(n)
                    copy.write_row((n + 1, *(row[c] for c in columns)))
                    keys += key_rows
            with cur.copy("COPY statement_keys (seq, key, related, stored_us) FROM STDIN") as copy:
                for key in keys:
                    copy.write_row(key)
            cur.execute("SELECT setval(pg_get_serial_sequence('statements', 'seq'), %s)", [end])
            raw.driver_connection.commit()
            print(f"  {end:,}", file=sys.stderr, flush=True)
        cur.execute("ANALYZE statements")
        cur.execute("ANALYZE statement_keys")
        raw.driver_connection.commit()
    finally:
        raw.close()


def check_filled(store: Store, size: int) -> None:
    """The rows filled in are those the hub's own code makes, and the hub reads them: a few
    statements (the first, a voided one, its voiding one, the last) through Store.get, their
    key rows, and a query by registration."""
    for n in (0, 197, 198, 199, size - 1):
        row, keys = _hub_rows(n)
        voided = _kind(n + 1) == ("voiding",) and n + 1 < size
        found = store.get(row["id"], voided=voided)
        assert found == (row["stored_us"], compression.unpack(row["content"])), (n, found)
        with store.engine.connect() as conn:
            stored_keys = conn.exec_driver_sql(
                "SELECT key, related, stored_us FROM statement_keys WHERE seq = %(seq)s", {"seq": n + 1}
            ).all()
        expected = {(storage.digest(k, v), r, row["stored_us"]) for k, v, r in keys}
        assert {(bytes(k), r, s) for k, r, s in stored_keys} == expected, n
    for n, found in ((197, 197), (198, 199)):  # 198 is voided: its voiding statement matches
        rows, _ = store.query(StatementQuery(registration=_values(n)["registration"]), limit=10)
        assert [json.loads(text)["id"] for _, _, text in rows] == [_values(found)["id"]], n


def timed(store: Store, q: StatementQuery, limit: int, runs: int) -> dict:
    """Median ms of the first page and of the `more` page after it."""
    first, more = [], []
    rows, _ = store.query(q, limit=limit)  # warm-up
    for _ in range(runs):
        start = time.perf_counter()
        rows, has_more = store.query(q, limit=limit)
        first.append(time.perf_counter() - start)
        after = (rows[-1][0], rows[-1][1]) if rows else None
        start = time.perf_counter()
        store.query(q, limit=limit, after=after)
        more.append(time.perf_counter() - start)
    # What the database itself does, less exposed to a busy machine than wall time: its own
    # execution time and the pages (8 kB buffers) the first page touches.
    executions, buffers = [], 0
    for _ in range(max(3, runs // 3)):
        plan = store.explain(q, limit=limit, analyze=True)
        executions.append(plan["Execution Time"])
        buffers = plan["Plan"]["Shared Hit Blocks"] + plan["Plan"]["Shared Read Blocks"]
    return {
        "rows": len(rows),
        "ms": round(statistics.median(first) * 1000, 2),
        "more_ms": round(statistics.median(more) * 1000, 2),
        "db_ms": round(statistics.median(executions), 3),
        "buffers": buffers,
    }


def queries(size: int) -> dict[str, tuple[StatementQuery, int]]:
    since = START_US + ((size - 1000) // BATCH) * 10_000_000
    student = json.dumps(["account", SIS, "stu-7"])
    return {
        "pull page (500)": (StatementQuery(since_us=since, ascending=True), 500),
        "newest page (500)": (StatementQuery(), 500),
        "verb (10)": (StatementQuery(verb=xapi.VERBS["passed"]), 10),
        "activity (10)": (StatementQuery(activity=xapi.module_iri("module-3")), 10),
        "agent (10)": (StatementQuery(agent=student), 10),
        "related activity (10)": (
            StatementQuery(activity=xapi.class_iri("class-3"), related_activities=True),
            10,
        ),
        "agent + verb (10)": (StatementQuery(agent=student, verb=xapi.VERBS["failed"]), 10),
    }


def bytes_per_statement(store: Store) -> dict:
    with store.engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM statements").scalar()
        sizes = dict(
            conn.exec_driver_sql(
                "SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = current_schema() AND relname IN ('statements', 'statement_keys')"
            ).all()
        )
    return {
        "statements": count,
        **{f"{k} bytes/statement": round(v / count) for k, v in sizes.items()},
        "total bytes/statement": round(sum(sizes.values()) / count),
    }


def sqlite_bytes(count: int) -> dict:
    """Bytes per statement in a SQLite hub: `count` statements saved through Store.save into a
    fresh file, the file after VACUUM over the count, and each table's share (dbstat)."""
    import os
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "hub.db"
        store = Store(f"sqlite:///{path}")
        store.create_tables()
        for start in range(0, count, 1000):
            batch = [statement(n) for n in range(start, min(count, start + 1000))]
            store.save(batch, authority=AUTHORITY, device="lab")
        store.engine.dispose()
        with sqlite3.connect(path) as db:
            db.execute("VACUUM")
            tables = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        return {
            "statements": count,
            "file bytes/statement": round(os.path.getsize(path) / count),
            **{
                f"{name} bytes/statement": round(size / count)
                for name, size in tables
                if name.startswith(("statement", "ix_statement", "sqlite_autoindex_statements"))
            },
        }


def kiosks_at_once(
    db_url: str,
    size: int,
    kiosks: int,
    *,
    distinct: bool = False,
    limit: int = 500,
    threads: int = 4,
    bursts: int = 5,
) -> dict:
    """`kiosks` connections, one pull page each, at the same moment, through two hub processes.

    The same page for every kiosk (a school's kiosks that were all caught up: the hub shares
    one query among identical requests in flight, district/shared_pages.py), or with
    `distinct` a page of its own for each (each starts one batch earlier: no sharing). A
    page's time is from its request being sent until its whole body has arrived; checking it
    comes after. `limit=1`: the cheapest authenticated request there is, the floor under any
    page. The hubs run with `serve --threads threads`. `bursts` times, on the same connections.

    200 kiosks are 200 machines; here they are one process on the hub's cores, so it must
    cost as little as it can: one thread, non-blocking sockets, the bytes received into
    buffers (`_Kiosk`). 200 client threads spent 1-2 ms of CPU per page and queued for their
    own interpreter lock, which the pages' times then included."""
    import socket
    from urllib.parse import urlencode, urlsplit

    sys.path.insert(0, str(ROOT / "tests"))
    import tempfile

    from district import conftest
    from district.conftest import HubProcess, add_device

    conftest.START_TIMEOUT = 120  # a busy machine starts a hub slowly

    work = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    username, password = add_device(db_url, f"bench-{uuid.uuid4().hex[:8]}")
    hubs = [HubProcess(db_url, work / f"hub-{i}.log", "--threads", str(threads)) for i in range(2)]
    last_batch = (size - 1000) // BATCH
    auth = base64.b64encode(f"{username}:{password}".encode()).decode()

    def request(params: dict) -> bytes:
        return (
            f"GET /xapi/statements?{urlencode(params)} HTTP/1.1\r\nHost: hub\r\n"
            f"Authorization: Basic {auth}\r\nX-Experience-API-Version: 1.0.3\r\n"
            "Accept-Encoding: gzip, deflate, zstd\r\n\r\n"  # what a kiosk's httpx sends
        ).encode()

    def since(i: int) -> str:
        return format_us(START_US + (last_batch - (i if distinct else 0)) * 10_000_000)

    try:
        for hub in hubs:
            hub.wait_ready()
        ports = [urlsplit(hub.url).port for hub in hubs]
        clients = [_Kiosk(socket.create_connection(("127.0.0.1", ports[i % 2]), 120)) for i in range(kiosks)]
        # Connected and signed in, as a kiosk is (the hub remembers a checked password).
        _exchange(clients, [request({"limit": 1})] * kiosks, timeout=300)
        assert all(k.status == 200 for k in clients), [k.status for k in clients]
        pages = [request({"since": since(i), "ascending": "true", "limit": limit}) for i in range(kiosks)]
        medians, times, errors, wire, cpu, own, db = [], [], [], [], 0.0, 0.0, 0.0
        answers = []  # checked after the last burst: checking 200 pages takes seconds, and a
        # connection idle for longer than the hub's keep-alive timeout (5 s) is closed by it
        for _ in range(bursts):
            cpu_before = sum(_cpu_seconds(hub.process.pid) for hub in hubs)
            db_before = _postgres_cpu_seconds()
            own_before = time.process_time()
            _exchange(clients, pages, timeout=10)  # the kiosk's timeout
            cpu += sum(_cpu_seconds(hub.process.pid) for hub in hubs) - cpu_before
            db += _postgres_cpu_seconds() - db_before
            own += time.process_time() - own_before
            took = [k.took for k in clients if k.status == 200]
            medians.append(statistics.median(took) if took else float("inf"))
            times += took
            errors += [k.error or f"HTTP {k.status}" for k in clients if k.status != 200]
            wire += [len(k.body()) for k in clients if k.status == 200]
            answers += [k.decoded() for k in clients if k.status == 200]
        for k in clients:
            k.sock.close()
        for answer in answers:
            assert len(json.loads(answer)["statements"]) == limit
    finally:
        for hub in hubs:
            hub.stop()
    pages_sent = kiosks * bursts
    return {
        "kiosks": kiosks,
        "pages": "one per kiosk" if distinct else "the same page",
        "limit": limit,
        "threads": threads,
        "bursts": bursts,
        # The median page of each burst, and the median of those: the machine's noise moves
        # a single burst's median by half or more.
        "median_ms": round(statistics.median(medians) * 1000),
        "burst_medians_ms": [round(m * 1000) for m in medians],
        "max_ms": round(max(times) * 1000) if times else None,
        "bytes_per_page": round(statistics.median(wire)) if wire else None,  # as sent
        "failed": len(errors),
        "errors": sorted(set(errors)),
        # What the machine's load does not change: the hub processes' CPU time per page.
        "hub_cpu_ms_per_page": round(cpu * 1000 / pages_sent, 1),
        # PostgreSQL's processes (all of them: its background work is in it too).
        "db_cpu_ms_per_page": round(db * 1000 / pages_sent, 1),
        # The kiosks' side, on the same cores: what the hub competes with here.
        "kiosks_cpu_ms_per_page": round(own * 1000 / pages_sent, 1),
    }


class _Kiosk:
    """One keep-alive connection's answer being received: status, headers, body by length."""

    def __init__(self, sock) -> None:
        self.sock = sock
        sock.setblocking(False)
        self.reset()

    def reset(self) -> None:
        self.data = bytearray()
        self.header_end = self.length = -1
        self.status = 0
        self.error = self.coding = ""
        self.sent = self.took = 0.0
        self.out = memoryview(b"")  # what is left of the request to send

    def received(self, chunk: bytes) -> bool:
        """Take `chunk`; True once the whole answer is here."""
        self.data += chunk
        if self.header_end < 0:
            end = self.data.find(b"\r\n\r\n")
            if end < 0:
                return False
            self.header_end = end + 4
            head = bytes(self.data[:end]).decode("latin-1").split("\r\n")
            self.status = int(head[0].split()[1])
            fields = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:])}
            if "content-length" not in fields:
                raise AssertionError(f"an answer without Content-Length: {head}")
            self.length = int(fields["content-length"])
            self.coding = fields.get("content-encoding", "")
        return len(self.data) >= self.header_end + self.length

    def body(self) -> bytes:
        return bytes(self.data[self.header_end : self.header_end + self.length])

    def decoded(self) -> bytes:
        if self.coding == "zstd":
            import zstandard

            return zstandard.ZstdDecompressor().decompress(self.body())
        if self.coding == "gzip":
            import gzip

            return gzip.decompress(self.body())
        return self.body()


def _exchange(kiosks: list[_Kiosk], requests: list[bytes], *, timeout: float) -> None:
    """Send each kiosk its request, one after the other as fast as one thread can (a few
    ms for 200; a request larger than the socket's buffer, a POST, goes on as the socket
    takes it), and receive every answer; `took` is from a kiosk's send to its last byte."""
    import selectors

    selector = selectors.DefaultSelector()
    for kiosk, data in zip(kiosks, requests, strict=True):
        kiosk.reset()
        kiosk.sent = time.perf_counter()
        kiosk.out = memoryview(data)[_send(kiosk.sock, data) :]
        writing = selectors.EVENT_WRITE if kiosk.out else 0
        selector.register(kiosk.sock, selectors.EVENT_READ | writing, kiosk)
    waiting = len(kiosks)
    deadline = time.perf_counter() + timeout
    while waiting and time.perf_counter() < deadline:
        for key, events in selector.select(deadline - time.perf_counter()):
            kiosk = key.data
            if events & selectors.EVENT_WRITE:
                kiosk.out = kiosk.out[_send(kiosk.sock, kiosk.out) :]
                if not kiosk.out:
                    selector.modify(kiosk.sock, selectors.EVENT_READ, kiosk)
            if not events & selectors.EVENT_READ:
                continue
            try:
                chunk = kiosk.sock.recv(1 << 20)
            except BlockingIOError:
                continue
            if not chunk or kiosk.received(chunk):
                kiosk.took = time.perf_counter() - kiosk.sent
                if not chunk:
                    kiosk.status, kiosk.error = 0, "connection closed"
                selector.unregister(kiosk.sock)
                waiting -= 1
    for key in list(selector.get_map().values()):
        key.data.status, key.data.error = 0, "timed out"
    selector.close()


def _send(sock, data) -> int:
    """Bytes of `data` the non-blocking socket took now."""
    try:
        return sock.send(data)
    except BlockingIOError:
        return 0


def _postgres_cpu_seconds() -> float:
    """User and system CPU time so far of the PostgreSQL processes on this machine (Linux)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().split(" (", 1)[1].startswith("postgres)"):
                total += _cpu_seconds(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass  # a process that ended meanwhile
    return total


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ensure_database(url: str) -> None:
    """Create the bench's PostgreSQL database `url` names, through the `test` database, if absent."""
    import psycopg

    admin_url = url.rsplit("/", 1)[0] + "/test"
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="postgresql://postgres@127.0.0.1:5432/bench_hub")
    parser.add_argument("--sizes", default="20000,200000,2000000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--threads", type=int, default=4, help="the hubs' `serve --threads`")
    parser.add_argument("--bursts", type=int, default=5, help="times the kiosks ask at once, per case")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--sqlite", type=int, default=0, help="also: bytes per statement in a SQLite hub of N"
    )
    args = parser.parse_args()

    import psycopg

    base = args.db
    ensure_database(base)
    if args.sqlite:
        print(json.dumps({"sqlite": sqlite_bytes(args.sqlite)}), flush=True)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        schema = f"hub_bench_{size}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        db_url = f"{base}?options=-csearch_path%3D{schema}"
        store = Store(db_url)
        store.create_tables()
        fill(store, size)
        check_filled(store, size)
        result = {"size": size, **bytes_per_statement(store)}
        for label, (q, limit) in queries(size).items():
            result[label] = timed(store, q, limit, args.runs)
        if args.kiosks:
            result["kiosks at once"] = kiosks_at_once(
                db_url, size, args.kiosks, threads=args.threads, bursts=args.bursts
            )
            if size >= (args.kiosks + 2) * BATCH:  # a full page of its own for every kiosk
                result["kiosks at once, distinct pages"] = kiosks_at_once(
                    db_url, size, args.kiosks, distinct=True, threads=args.threads, bursts=args.bursts
                )
            result["kiosks at once, limit 1"] = kiosks_at_once(
                db_url, size, args.kiosks, distinct=True, limit=1, threads=args.threads, bursts=args.bursts
            )
        results.append(result)
        print(json.dumps(result), file=sys.stderr, flush=True)
        store.engine.dispose()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        labels = list(queries(0))
        print("size".ljust(24) + "".join(f"{r['size']:>16,}" for r in results))
        print("(median ms of the page / of its `more` page, through Store.query)")
        for label in labels:
            print(
                label.ljust(24) + "".join(f"{r[label]['ms']:>9} / {r[label]['more_ms']:<5}" for r in results)
            )
        print("(PostgreSQL's execution ms / buffers touched, first page)")
        for label in labels:
            print(
                label.ljust(24)
                + "".join(f"{r[label]['db_ms']:>9} / {r[label]['buffers']:<5}" for r in results)
            )
        print("bytes/statement".ljust(24) + "".join(f"{r['total bytes/statement']:>16}" for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
