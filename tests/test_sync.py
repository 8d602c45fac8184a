"""Kiosk sync against the real district hub, run as a process on 127.0.0.1, on SQLite and on
PostgreSQL.

Faults a real hub cannot produce on demand (500s, a slow answer, a dropped connection) are
injected by a transport that sits between the kiosk and the real hub; every case ends with
exact counts on the hub and in the outbox.

Every test gets a hub of its own on an empty database: a SQLite file, or a fresh schema in a
PostgreSQL database made for the session on 127.0.0.1:5432 (dropped at its end). Hub processes
are forked by a "zygote" that has already imported the hub, so a hub starts in a few
milliseconds instead of a second of imports; each one is still a separate process running
`citizenship-district serve`, killed with SIGKILL when a test takes the hub down.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from district.conftest import pg_schema_url
from helpers import QUIZ, write_module, write_roster

from citizenship_app.core import paths, progress, signing, sync
from citizenship_app.core import pull as pulling
from citizenship_app.core.content import load_catalog
from citizenship_app.core.store import get_setting, open_store

HEADERS = {"X-Experience-API-Version": "1.0.3"}
PG_HOST, PG_PORT, PG_USER, PG_ADMIN_DB = "127.0.0.1", 5432, "postgres", "test"
START_TIMEOUT = 30  # seconds for a hub to answer /xapi/about

# Runs in the zygote: reads JSON commands on stdin, answers one line each.
#   ["start", port, db_url, log, content] -> pid of a new hub process serving db_url on
#                                            127.0.0.1:port, checking results against `content`
#   ["alive", pid]                -> "yes" or "no"
#   ["kill", pid]                 -> SIGKILL, reaped, "ok"
ZYGOTE = r"""
import json, os, signal, sys
import uvicorn, uvicorn.config, uvicorn.server, psycopg, sqlalchemy.dialects.postgresql.psycopg
from citizenship_app.district import api, cli

children = set()
for line in sys.stdin:
    command, *args = json.loads(line)
    if command == "start":
        port, db_url, log, content = args
        pid = os.fork()
        if pid == 0:
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(out, 1)
            os.dup2(out, 2)
            os._exit(cli.main(["--db", db_url, "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--content", content]))
        children.add(pid)
        answer = str(pid)
    elif command == "alive":
        pid = args[0]
        try:
            answer = "yes" if os.waitpid(pid, os.WNOHANG) == (0, 0) else "no"
        except ChildProcessError:
            answer = "no"
        if answer == "no":
            children.discard(pid)
    elif command == "kill":
        pid = args[0]
        if pid in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            children.discard(pid)
        answer = "ok"
    print(answer, flush=True)
for pid in children:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Zygote:
    """A process that forks hub processes on request (see ZYGOTE)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def ask(self, *command) -> str:
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if not answer:
            raise RuntimeError(f"the hub zygote exited ({self.proc.poll()})")
        return answer

    def close(self) -> None:
        self.proc.stdin.close()  # the zygote kills any hub still running, then exits
        try:
            self.proc.wait(timeout=20)
        finally:
            self.proc.stdout.close()


@functools.cache
def device_credential():
    """One device credential (password, scrypt hash, cheap check) for every test hub (scrypt is
    slow on purpose)."""
    from citizenship_app.district import auth

    return auth.new_credential()


def add_device(db_url: str, name: str, roster: Path, school: str = "school-1") -> tuple[str, str]:
    """Create the hub's tables, import `roster` and add a device credential of `school`;
    (username, password)."""
    from citizenship_app.district.roster import import_roster
    from citizenship_app.district.storage import Store

    password, password_hash, check = device_credential()
    store = Store(db_url)
    try:
        store.create_tables()
        assert import_roster(store, roster).ok
        store.add_device(name, password_hash, password_check=check, scope="school", school=school)
        if store.device(READER) is None:
            store.add_device(READER, password_hash, password_check=check, scope="district")
    finally:
        store.engine.dispose()
    return name, password


READER = "district-reader"  # a district device: lists every statement, as the tests' eyes


def hub_roster(folder: Path) -> Path:
    """The district roster every test hub holds: stu-0..2 at school-1 (the kiosks' school,
    in class-4a), stu-9 at school-2, teacher t-1 at school-1."""
    return write_roster(
        folder, {"school-1": ["stu-0", "stu-1", "stu-2"], "school-2": ["stu-9"]}, teachers={"t-1": "school-1"}
    )


class Hub:
    """A real hub process; `kill()` and `start()` to take it down and bring it back."""

    def __init__(self, zygote: Zygote, db_url: str, log: Path, content: Path) -> None:
        self.zygote, self.db_url, self.log, self.content = zygote, db_url, log, content
        self.port, self.pid = free_port(), None
        self.url = f"http://127.0.0.1:{self.port}/xapi/"
        self.config = sync.HubConfig(
            self.url, *add_device(db_url, "kiosk-a", hub_roster(log.parent / "hub-roster"))
        )

    def start(self) -> None:
        self.pid = int(self.zygote.ask("start", self.port, self.db_url, str(self.log), str(self.content)))
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "about", headers=HEADERS, timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.zygote.ask("alive", self.pid) != "yes":
                pytest.fail(f"the hub exited at start:\n{self.log.read_text()}")
            time.sleep(0.02)  # polling a process we started; not waiting on Qt
        raise TimeoutError(f"the hub did not start:\n{self.log.read_text()}")

    def kill(self) -> None:
        if self.pid is not None:
            self.zygote.ask("kill", self.pid)
            self.pid = None

    def statements(self) -> list[dict]:
        found, url = [], self.url + "statements"
        params = {"limit": "500"}
        with httpx.Client(auth=(READER, self.config.password), headers=HEADERS) as client:
            while url:
                body = client.get(url, params=params).json()
                found += body["statements"]
                url = httpx.URL(self.url).join(body["more"]) if body.get("more") else None
                params = None
        return found


@pytest.fixture(scope="session")
def zygote():
    process = Zygote()
    yield process
    process.close()


@pytest.fixture(scope="session")
def pg_admin():
    """An autocommit connection to the PostgreSQL server on 127.0.0.1:5432.

    Skipped when no server answers there, unless `CI` is set: CI runs one, so it fails.
    """
    import psycopg

    try:
        admin = psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB, autocommit=True, connect_timeout=5
        )
    except psycopg.OperationalError as exc:
        reason = f"no usable PostgreSQL server on {PG_HOST}:{PG_PORT} (user {PG_USER}): {exc}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run one (see .ci/run)")
        pytest.skip(reason)
    yield admin
    admin.close()


@pytest.fixture(scope="session")
def pg_database(pg_admin):
    """A fresh, uniquely named database for this session (URL), dropped at its end."""
    name = f"citizenship_sync_test_{os.getpid()}_{secrets.token_hex(4)}"
    pg_admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        pg_admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def hub(request, tmp_path, zygote, module):
    """A hub of this test's own, on each backend, holding only the district roster (hub_roster)
    and checking results against the test's content (`module`)."""
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    else:
        db_url = pg_schema_url(request.getfixturevalue("pg_database"))
    hub = Hub(zygote, db_url, tmp_path / "hub.log", tmp_path / "content")
    hub.start()
    yield hub
    hub.kill()


@pytest.fixture
def module(tmp_path):
    write_module(tmp_path / "content", "3-5", "g35-pw", quiz=QUIZ.format(id="g35-pw"))
    catalog = load_catalog(
        tmp_path / "content" / "lessons",
        tmp_path / "content" / "quizzes",
        paths.ASSETS_DIR,
        paths.POLICY_ITEMS,
    )
    return catalog.get("g35-pw")


def kiosk_db(path: Path, students: int = 3, school: str = "school-1"):
    """A kiosk of `school` whose roster has class-4a there and students stu-0.."""
    db = open_store(path)
    db.execute("INSERT OR IGNORE INTO orgs (sourced_id, name, type) VALUES (?, 'School', 'school')", [school])
    db.execute(
        "INSERT OR IGNORE INTO classes (sourced_id, title, school_id) VALUES ('class-4a', 'Class', ?)",
        [school],
    )
    for n in range(students):
        db.execute(
            "INSERT OR IGNORE INTO people (sourced_id, given_name, family_name, role, tier) "
            "VALUES (?, 'Name', 'Family', 'student', '3-5')",
            [f"stu-{n}"],
        )
    db.conn.commit()
    return db


def record(db, module, student: str, right: bool = True) -> progress.Outcome:
    attempt = progress.start_attempt(db, student, module, "class-4a")
    for q in module.quiz.questions:
        progress.record_answer(db, attempt, q, ["a"] if right else ["b"])
    return progress.submit_attempt(db, attempt, module)


def make_records(db, module, count: int) -> None:
    for n in range(count):
        record(db, module, f"stu-{n % 3}", right=n % 4 != 3)


def register_key(hub, db) -> None:
    """Register kiosk `db`'s public key for the hub's device (citizenship-district device key)."""
    from citizenship_app.core import signing
    from citizenship_app.district import signatures
    from citizenship_app.district.storage import Store

    store = Store(hub.db_url)
    try:
        signatures.set_key(store, hub.config.username, signing.public_key_pem(db))
    finally:
        store.engine.dispose()


def post_signed(hub, db, statements: list[dict]) -> httpx.Response:
    """POST statements signed with kiosk `db`'s key, as the kiosk sends them."""
    from citizenship_app.core import signing

    content, headers = sync._body([json.dumps(s) for s in statements], signing.private_key(db))
    with sync.make_client(hub.config) as client:
        return client.post(hub.config.statements_url, content=content, headers=headers)


def test_push_delivers_each_record_once_without_names(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 12)
    result = sync.sync_once(db, hub.config)
    assert (result.sent, result.pending, result.quarantined, result.error) == (12, 0, 0, None)
    held = hub.statements()
    assert len(held) == 12
    assert {s["id"] for s in held} == {r[0] for r in db.execute("SELECT id FROM outbox")}
    assert all("Name" not in json.dumps(s) and "Family" not in json.dumps(s) for s in held)
    # A second round sends nothing and duplicates nothing.
    again = sync.sync_once(db, hub.config)
    assert (again.sent, again.pending) == (0, 0)
    assert len(hub.statements()) == 12


def test_pull_shows_a_pass_from_machine_a_on_machine_b(hub, tmp_path, module):
    a, b = kiosk_db(tmp_path / "a"), kiosk_db(tmp_path / "b")
    register_key(hub, a)  # B merges what A signed with the key the hub has for A's device
    outcome = record(a, module, "stu-1")
    record(a, module, "stu-2", right=False)
    sync.sync_once(a, hub.config)
    result = sync.sync_once(b, hub.config)
    assert result.error is None and result.pulled == 2
    status = progress.statuses(b, "stu-1", [module])[module.id]
    assert status.state == "passed" and status.best_score == 100
    assert progress.statuses(b, "stu-2", [module])[module.id].state == "failed"
    assert b.execute("SELECT id, source FROM completions").fetchall() == [(outcome.completion_id, "hub")]
    # Pulling again, or pulling our own records back, adds nothing.
    assert sync.sync_once(b, hub.config).pulled == 0
    sync.sync_once(a, hub.config)
    assert a["completions"].count == 1 and a["quiz_attempts"].count == 2
    assert len(hub.statements()) == 2  # machine B sent nothing it merely pulled


def test_a_record_for_a_student_of_another_school_is_quarantined_with_the_hubs_reason(hub, tmp_path, module):
    """A kiosk of school-1 (or a stolen credential of it) records a pass for stu-9 of school-2:
    the hub refuses it (403), the kiosk quarantines it with the hub's reason and delivers the
    rest, and a kiosk of school-2 never merges it."""
    a = kiosk_db(tmp_path / "a")
    a.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role, tier) "
        "VALUES ('stu-9', 'Name', 'Family', 'student', '3-5')"
    )
    a.conn.commit()
    forged = record(a, module, "stu-9")
    record(a, module, "stu-1")
    result = sync.sync_once(a, hub.config)
    assert (result.sent, result.pending, result.quarantined, result.error) == (1, 0, 1, None)
    (row,) = sync.quarantined(a)
    assert "HTTP 403" in row["reason"] and "not a person of school 'school-1'" in row["reason"]
    assert [s["actor"]["account"]["name"] for s in hub.statements()] == ["stu-1"]
    # Kiosk B, at school-2 where stu-9 is, pulls: the forged pass is not there to merge.
    username, password = add_device(
        hub.db_url, "kiosk-b", hub_roster(tmp_path / "roster-b"), school="school-2"
    )
    b = kiosk_db(tmp_path / "b", students=0, school="school-2")
    b.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role, tier) "
        "VALUES ('stu-9', 'Name', 'Family', 'student', '3-5')"
    )
    b.conn.commit()
    pulled = sync.sync_once(b, sync.HubConfig(hub.url, username, password))
    assert pulled.error is None
    assert b.execute("SELECT COUNT(*) FROM completions WHERE person_id = 'stu-9'").fetchone()[0] == 0
    assert forged.completion_id not in {r[0] for r in b.execute("SELECT id FROM completions")}


def test_a_hub_without_a_roster_keeps_the_records_pending_with_its_reason(hub, tmp_path, module):
    from citizenship_app.district.storage import ROSTER_TABLES, Store

    store = Store(hub.db_url)
    with store.transaction() as conn:  # a district starting over, its roster not yet imported
        for table in reversed(list(ROSTER_TABLES.values())):
            conn.execute(table.delete())
    store.engine.dispose()
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 3)
    result = sync.sync_once(db, hub.config)
    assert (result.sent, result.pending, result.quarantined) == (0, 3, 0)
    assert "roster import" in result.error


def test_hub_down_at_start_then_up(hub, tmp_path, module):
    hub.kill()
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 5)
    down = sync.sync_once(db, hub.config)
    assert down.sent == 0 and down.pending == 5 and "cannot reach the hub" in down.error
    assert not sync.due(db)  # backing off
    hub.start()
    up = sync.sync_once(db, hub.config)
    assert (up.sent, up.pending, up.error) == (5, 0, None)
    assert len(hub.statements()) == 5


def test_restart_mid_batch_and_hub_killed_mid_batch(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 30)
    # Deliver a first batch, then "crash" before the kiosk marks the second batch sent: the
    # hub holds statements the outbox still calls pending.
    with sync.make_client(hub.config) as client:
        rows = db.execute("SELECT statement FROM outbox ORDER BY created_at LIMIT 20").fetchall()
        assert (
            client.post(hub.config.statements_url, json=[json.loads(r[0]) for r in rows]).status_code == 200
        )
    db.conn.close()
    db = open_store(tmp_path / "a")  # the kiosk restarts
    result = sync.sync_once(db, hub.config, pull_too=False)
    assert (result.sent, result.pending, result.error) == (30, 0, None)
    assert len(hub.statements()) == 30

    make_records(db, module, 8)
    calls = {"n": 0}

    def kill_after_first(request):
        calls["n"] += 1
        if calls["n"] == 2:
            hub.kill()

    with sync.make_client(hub.config) as client:
        client.event_hooks["request"] = [kill_after_first]
        killed = sync.sync_once(db, hub.config, client=client, pull_too=False, batch=3)
    assert killed.error and killed.sent == 3 and killed.pending == 5
    hub.start()
    db.execute("DELETE FROM settings WHERE key = 'sync_next_try'")
    db.conn.commit()
    final = sync.sync_once(db, hub.config)
    assert final.pending == 0 and final.error is None
    assert len(hub.statements()) == 38
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'sent'").fetchone()[0] == 38


class Faulty(httpx.BaseTransport):
    """Between the kiosk and the real hub: fails the first `fail` requests with `status`, or
    delays them past the timeout, then passes everything through."""

    def __init__(self, status: int | None = None, fail: int = 0, delay: float = 0.0) -> None:
        self.inner = httpx.HTTPTransport()
        self.status, self.fail, self.delay, self.seen = status, fail, delay, 0

    def handle_request(self, request):
        self.seen += 1
        if self.seen <= self.fail:
            if self.delay:
                raise httpx.ReadTimeout("the hub is too slow", request=request)
            return httpx.Response(self.status, json={"detail": "injected"}, request=request)
        return self.inner.handle_request(request)


@pytest.mark.parametrize(
    "fault",
    [dict(status=500, fail=2), dict(status=503, fail=1), dict(delay=1.0, fail=1)],
    ids=["500-twice", "503-once", "timeout"],
)
def test_5xx_and_timeouts_back_off_then_deliver_exactly_once(hub, tmp_path, module, fault):
    fault = Faulty(**fault)  # a fresh transport for each backend: it counts what it has seen
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 6)
    client = httpx.Client(
        transport=fault,
        auth=(hub.config.username, hub.config.password),
        headers=HEADERS,
        timeout=httpx.Timeout(0.5),
    )
    rounds = []
    for _ in range(4):
        rounds.append(sync.sync_once(db, hub.config, client=client, pull_too=False))
        if rounds[-1].error is None:
            break
    assert rounds[0].error and rounds[0].pending == 6
    assert int(db.execute("SELECT value FROM settings WHERE key = 'sync_failures'").fetchone()[0]) == 0
    assert rounds[-1].error is None and rounds[-1].pending == 0
    assert len(hub.statements()) == 6


class SizeLimit(httpx.BaseTransport):
    """A proxy before the hub that answers 413 to request bodies over `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.inner, self.limit, self.refused = httpx.HTTPTransport(), limit, 0

    def handle_request(self, request):
        if len(request.read()) > self.limit:
            self.refused += 1
            return httpx.Response(413, text="Request Entity Too Large", request=request)
        return self.inner.handle_request(request)


def test_a_413_halves_the_batch_until_it_fits(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 12)
    text = db.execute("SELECT statement FROM outbox LIMIT 1").fetchone()[0]
    one = len(sync._body([text], signing.private_key(db))[0])  # one signed statement's body
    proxy = SizeLimit(limit=4 * one)  # takes 3 statements a request, not 12 or 6
    client = httpx.Client(transport=proxy, auth=(hub.config.username, hub.config.password), headers=HEADERS)
    result = sync.sync_once(db, hub.config, client=client, pull_too=False)
    assert (result.sent, result.pending, result.error) == (12, 0, None)
    assert proxy.refused == 2 and len(hub.statements()) == 12


def test_backoff_grows_with_jitter_and_is_capped():
    import random

    rng = random.Random(7)
    waits = [sync.backoff_seconds(n, rng) for n in range(1, 12)]
    assert 1 <= waits[0] <= 3 and 4 <= waits[2] <= 12
    assert max(waits) <= 450 and waits[-1] >= 150


def test_one_bad_statement_is_quarantined_and_the_rest_delivered(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 5)
    bad_id = db.execute("SELECT id FROM outbox ORDER BY created_at LIMIT 1 OFFSET 2").fetchone()[0]
    statement = json.loads(db.execute("SELECT statement FROM outbox WHERE id = ?", [bad_id]).fetchone()[0])
    statement["result"]["score"]["scaled"] = 7  # out of range: the hub must refuse it
    db.execute("UPDATE outbox SET statement = ? WHERE id = ?", [json.dumps(statement), bad_id])
    db.conn.commit()
    result = sync.sync_once(db, hub.config)
    assert (result.sent, result.pending, result.quarantined) == (4, 0, 1)
    assert result.error is None
    (row,) = sync.quarantined(db)
    assert row["id"] == bad_id and "400" in row["reason"]
    assert {s["id"] for s in hub.statements()} == {
        r[0] for r in db.execute("SELECT id FROM outbox WHERE state = 'sent'")
    }
    assert sync.sync_once(db, hub.config).quarantined == 1  # never retried on its own


def test_a_different_statement_under_the_same_id_is_quarantined(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 2)
    sid, text = db.execute("SELECT id, statement FROM outbox ORDER BY created_at LIMIT 1").fetchone()
    other = json.loads(text)
    other["result"]["duration"] = "PT999.00S"  # the same record, told differently
    with sync.make_client(hub.config) as client:
        assert (
            client.put(hub.config.statements_url, params={"statementId": sid}, json=other).status_code == 204
        )
    result = sync.sync_once(db, hub.config)
    assert (result.sent, result.quarantined) == (1, 1)
    assert "different statement" in sync.quarantined(db)[0]["reason"]


class ConflictsOnEveryWrite(httpx.BaseTransport):
    """An LRS stricter than xAPI's comparison rules: every write of a held id is 409 Conflict,
    whatever differs; reads go through to the real hub, which holds the statements."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request):
        if request.method in ("POST", "PUT"):
            return httpx.Response(409, json={"reason": "conflict"}, request=request)
        return self.inner.handle_request(request)


def test_a_held_statement_differing_only_as_an_lrs_may_write_it_counts_as_delivered(hub, tmp_path, module):
    """The kiosk compares what an LRS holds with the hub's own rule (xapi.same_statement): the
    same instant written another way, another verb display or activity definition is the
    same statement; a different duration is not."""
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 2)
    (same_id, same), (other_id, other) = [
        (sid, json.loads(text))
        for sid, text in db.execute("SELECT id, statement FROM outbox ORDER BY created_at")
    ]
    finished = datetime.fromisoformat(same["timestamp"])
    same["timestamp"] = finished.astimezone(timezone(timedelta(hours=2))).isoformat()  # the same instant
    same["verb"]["display"] = {"es": "aprobado"}
    same["object"]["definition"]["name"] = {"en-US": "Renamed since"}
    other["result"]["duration"] = "PT99S"  # a real difference the hub accepts (a raw-0 pass it refuses)
    with sync.make_client(hub.config) as client:
        for sid, held in ((same_id, same), (other_id, other)):
            put = client.put(hub.config.statements_url, params={"statementId": sid}, json=held)
            assert put.status_code == 204
    strict = httpx.Client(
        transport=ConflictsOnEveryWrite(), auth=(hub.config.username, hub.config.password), headers=HEADERS
    )
    result = sync.sync_once(db, hub.config, client=strict, pull_too=False)
    assert (result.sent, result.quarantined, result.error) == (1, 1, None)
    assert [row["id"] for row in sync.quarantined(db)] == [other_id]


def test_wrong_credentials_are_a_configuration_error_and_nothing_is_lost(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 3)
    wrong = sync.HubConfig(hub.url, hub.config.username, "not-the-password")
    result = sync.sync_once(db, wrong)
    assert (
        result.sent == 0
        and result.pending == 3
        and "refused this kiosk's credentials (HTTP 401)" in result.error
    )
    assert not sync.due(db)  # backs off: a kiosk with a wrong password must not hammer the hub
    assert sync.sync_once(db, hub.config).pending == 0
    assert sync.due(db)


def test_a_hub_that_throttles_sign_ins_is_waited_for(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 2)
    client = httpx.Client(
        transport=Faulty(status=429, fail=1), auth=(hub.config.username, hub.config.password), headers=HEADERS
    )
    result = sync.sync_once(db, hub.config, client=client)
    assert result.pending == 2 and "429" in result.error and not sync.due(db)
    assert sync.sync_once(db, hub.config, client=client).pending == 0


def test_a_kiosk_waits_as_long_as_the_hubs_retry_after(hub, tmp_path, module):
    """Someone guessing this kiosk's password trips the hub's throttle for its name. The kiosk
    was added by an earlier version (a scrypt hash only, so checked only within the limit)
    and this hub does not remember it yet: it is told 429, Retry-After about a minute, and
    waits that long, not its own 1-3 s backoff."""
    from citizenship_app.district.storage import Store

    store = Store(hub.db_url)
    device = store.device(hub.config.username)
    assert device and store.set_password_check(device.name, device.password_hash, device.password_check, None)
    store.engine.dispose()
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 2)
    for n in range(10):
        guess = httpx.get(hub.url + "statements", auth=(hub.config.username, f"guess-{n}"), headers=HEADERS)
        assert guess.status_code == 401
    result = sync.sync_once(db, hub.config)
    assert result.pending == 2 and "429" in result.error
    next_try = datetime.fromisoformat(get_setting(db, "sync_next_try"))
    assert next_try - datetime.now(UTC) > timedelta(seconds=50)


def test_environment_overrides_stored_configuration(tmp_path, monkeypatch):
    db = kiosk_db(tmp_path / "a")
    monkeypatch.setattr(sync, "_keyring", lambda: None)
    assert sync.save_config(db, "https://hub.example/xapi/", "kiosk-1", "secret-pass") == "environment"
    assert "secret-pass" not in json.dumps(db.execute("SELECT * FROM settings").fetchall())
    with pytest.raises(sync.ConfigError):
        sync.load_config(db)
    monkeypatch.setenv("CITIZENSHIP_HUB_PASSWORD", "from-env")
    monkeypatch.setenv("CITIZENSHIP_HUB_URL", "http://127.0.0.1:1/xapi/")
    config = sync.load_config(db)
    assert (config.url, config.username, config.password) == (
        "http://127.0.0.1:1/xapi/",
        "kiosk-1",
        "from-env",
    )


def test_cli_sync_once_and_status_json(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 4)
    db.conn.close()
    env = {
        **os.environ,
        "CITIZENSHIP_HUB_URL": hub.url,
        "CITIZENSHIP_HUB_USERNAME": hub.config.username,
        "CITIZENSHIP_HUB_PASSWORD": hub.config.password,
    }
    base = [sys.executable, "-m", "citizenship_app.cli", "--data-dir", str(tmp_path / "a")]
    status = subprocess.run(base + ["sync", "status", "--json"], capture_output=True, text=True, env=env)
    assert json.loads(status.stdout)["pending"] == 4
    once = subprocess.run(base + ["sync", "--once", "--json"], capture_output=True, text=True, env=env)
    assert once.returncode == 0, once.stderr
    assert json.loads(once.stdout) == {"sent": 4, "pending": 0, "quarantined": 0, "pulled": 0}


def test_the_hub_password_goes_to_the_os_keyring_not_the_database(tmp_path):
    """With a keyring backend present (here a minimal in-memory one standing in for the OS's
    credential store), configure keeps the password there and nowhere in the store."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1
        stored: dict = {}

        def set_password(self, service, username, password):
            self.stored[(service, username)] = password

        def get_password(self, service, username):
            return self.stored.get((service, username))

        def delete_password(self, service, username):
            self.stored.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        db = open_store(tmp_path / "k")
        assert sync.save_config(db, "https://hub.example/xapi/", "kiosk-7", "s3cret-device-pass") == "keyring"
        dump = "\n".join(db.conn.iterdump())
        assert "s3cret-device-pass" not in dump
        config = sync.load_config(db)
        assert (config.username, config.password) == ("kiosk-7", "s3cret-device-pass")
    finally:
        keyring.set_keyring(previous)


def test_the_same_sync_trouble_is_logged_once_until_it_changes(tmp_path, monkeypatch, caplog):
    db = kiosk_db(tmp_path / "a")
    for name in ("CITIZENSHIP_HUB_URL", "CITIZENSHIP_HUB_USERNAME", "CITIZENSHIP_HUB_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    caplog.set_level("DEBUG", logger="citizenship_app.core.sync")
    for _ in range(3):  # three rounds, a minute apart in the kiosk
        assert sync.sync_once(db).error == "no district hub is configured"
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert [r.getMessage() for r in warnings] == ["sync: no district hub is configured"]
    monkeypatch.setenv("CITIZENSHIP_HUB_URL", "http://127.0.0.1:1/xapi/")
    monkeypatch.setenv("CITIZENSHIP_HUB_USERNAME", "kiosk-1")
    monkeypatch.setenv("CITIZENSHIP_HUB_PASSWORD", "pw")
    assert sync.sync_once(db).error != "no district hub is configured"  # new trouble: logged
    assert len([r for r in caplog.records if r.levelname == "WARNING"]) == 2


# -- one bad statement never blocks anything ------------------------------------------------


class FailsOn(httpx.BaseTransport):
    """Between the kiosk and the real hub: answers 500 to every POST or PUT whose body holds
    `poison` (a statement the hub keeps failing on), passes everything else through."""

    def __init__(self, poison: str) -> None:
        self.inner, self.poison, self.failed = httpx.HTTPTransport(), poison.encode(), 0

    def fails(self, request) -> bool:
        return request.method in ("POST", "PUT") and self.poison in request.read()

    def handle_request(self, request):
        if self.fails(request):
            self.failed += 1
            return httpx.Response(500, json={"error": "error", "reason": "internal error"}, request=request)
        return self.inner.handle_request(request)


def test_a_statement_the_hub_keeps_failing_on_is_split_out_and_quarantined(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 20)
    poison = db.execute("SELECT id FROM outbox ORDER BY created_at LIMIT 1 OFFSET 7").fetchone()[0]
    client = httpx.Client(
        transport=FailsOn(poison), auth=(hub.config.username, hub.config.password), headers=HEADERS
    )
    rounds = [
        sync.sync_once(db, hub.config, client=client, pull_too=False) for _ in range(sync.SPLIT_AFTER + 1)
    ]
    # The first rounds back off as for any 5xx; then the batch is split and the rest delivered.
    assert all(r.error for r in rounds[: sync.SPLIT_AFTER - 1])
    final = rounds[-1]
    assert (final.pending, final.quarantined) == (0, 1), rounds
    (row,) = sync.quarantined(db)
    assert row["id"] == poison and "HTTP 500" in row["reason"]
    assert len(hub.statements()) == 19
    assert client._transport.failed <= 2 * sync.SPLIT_AFTER + 10  # a bisection, not one request per statement


def test_a_hub_that_fails_everything_is_not_taken_for_bad_statements(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 20)
    client = httpx.Client(
        transport=FailsOn('"actor"'), auth=(hub.config.username, hub.config.password), headers=HEADERS
    )
    for _ in range(sync.SPLIT_AFTER + 3):
        result = sync.sync_once(db, hub.config, client=client, pull_too=False)
        assert result.error and (result.pending, result.quarantined) == (20, 0)
    assert client._transport.failed <= (sync.SPLIT_AFTER + 3) * 12  # bounded work per round


def _other_kiosk_pass(student: str, **context) -> dict:
    """A passed statement as another kiosk (or another LRS client) may send it."""
    from datetime import datetime

    from citizenship_app.core import xapi

    now = datetime.now(UTC)
    st = xapi.attempt_statement(
        verb="passed",
        record_id=str(uuid.uuid4()),
        sis_home_page="https://sis.example.org",
        person_id=student,
        module_id="g35-pw",
        module_title="Passwords",
        class_id="class-4a",
        correct=3,
        total=3,
        passed=True,
        started=now,
        finished=now,
        machine="lab-2",
        school_id="school-1",
    )
    st["context"].update(context)
    return st


def test_pull_merges_a_single_object_context_activity_sent_by_another_credential(hub, tmp_path, module):
    """Issue 14: a statement with single-object contextActivities, posted by another device,
    made every kiosk's pull crash with an AttributeError, every round."""
    from citizenship_app.core import xapi

    st = _other_kiosk_pass("stu-1")
    school = xapi.school_iri(xapi.DEFAULT_SIS_HOME_PAGE, "school-1")
    st["context"]["contextActivities"] = {
        "grouping": {"objectType": "Activity", "id": school},  # an object, not a list
        "parent": {"id": xapi.class_iri("class-4a")},
    }
    other = kiosk_db(tmp_path / "other")
    username, password = add_device(hub.db_url, "lab-other", hub_roster(tmp_path / "roster-o"))
    from citizenship_app.core import signing
    from citizenship_app.district import signatures
    from citizenship_app.district.storage import Store

    store = Store(hub.db_url)
    try:
        signatures.set_key(store, username, signing.public_key_pem(other))
    finally:
        store.engine.dispose()
    content, headers = sync._body([json.dumps(st)], signing.private_key(other))
    with sync.make_client(sync.HubConfig(hub.url, username, password)) as client:
        assert client.post(hub.config.statements_url, content=content, headers=headers).status_code == 200
    b = kiosk_db(tmp_path / "b")
    for _ in range(2):  # every round, not only the first
        result = sync.sync_once(b, hub.config)
        assert result.error is None
    assert b.execute("SELECT person_id, class_id FROM quiz_attempts").fetchall() == [("stu-1", "class-4a")]


def test_pull_skips_and_logs_a_statement_it_cannot_merge(hub, tmp_path, module, caplog, capsys):
    from citizenship_app.core import xapi

    bad = _other_kiosk_pass("stu-1", extensions={xapi.MACHINE_EXTENSION: {"not": "a name"}})
    good = _other_kiosk_pass("stu-2")
    other = kiosk_db(tmp_path / "other")
    register_key(hub, other)
    assert post_signed(hub, other, [bad, good]).status_code == 200
    b = kiosk_db(tmp_path / "b")
    caplog.set_level("WARNING", logger="citizenship_app.core.sync")
    result = sync.sync_once(b, hub.config)
    assert (result.error, result.pulled) == (None, 1)
    assert b.execute("SELECT person_id FROM quiz_attempts").fetchall() == [("stu-2",)]
    skipped = [r for r in caplog.records if bad["id"] in r.getMessage()]
    assert skipped and all(r.exc_info is None for r in caplog.records)
    assert "stu-1" not in skipped[0].getMessage()  # FERPA: the log names the statement, not the student
    assert "Traceback" not in capsys.readouterr().err
    # The next round (which re-reads what may still be settling at the hub) does not fail either.
    again = sync.sync_once(b, hub.config)
    assert (again.error, again.pulled) == (None, 0)


def test_sync_once_reports_an_unexpected_failure_without_a_traceback(hub, tmp_path, module, caplog, capsys):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 2)

    class Broken(httpx.BaseTransport):
        def handle_request(self, request):
            raise RuntimeError("something nobody foresaw")

    client = httpx.Client(transport=Broken(), auth=("x", "y"))
    caplog.set_level("WARNING", logger="citizenship_app.core.sync")
    result = sync.sync_once(db, hub.config, client=client)
    assert result.error and "something nobody foresaw" in result.error and result.pending == 2
    assert all(r.exc_info is None for r in caplog.records)
    assert "Traceback" not in capsys.readouterr().err


def test_an_interrupted_pull_resumes_after_the_pages_it_merged(hub, tmp_path, module):
    a, b = kiosk_db(tmp_path / "a"), kiosk_db(tmp_path / "b")
    register_key(hub, a)
    make_records(a, module, 6)
    sync.sync_once(a, hub.config)
    stored = sorted(s["stored"] for s in hub.statements())

    class FailsThirdPage(httpx.BaseTransport):
        def __init__(self):
            self.inner, self.pages = httpx.HTTPTransport(), 0

        def handle_request(self, request):
            if request.method == "GET" and request.url.path.endswith("/statements"):
                self.pages += 1
                if self.pages == 3:
                    raise httpx.ReadTimeout("the network dropped", request=request)
            return self.inner.handle_request(request)

    client = httpx.Client(
        transport=FailsThirdPage(), auth=(hub.config.username, hub.config.password), headers=HEADERS
    )
    with pytest.raises(httpx.ReadTimeout):
        pulling.pull(b, client, hub.config, page_size=2)
    cursor = b.execute("SELECT value FROM settings WHERE key = 'sync_pull_since'").fetchone()
    assert cursor is not None  # saved after the pages that were merged, not only at the end
    assert pulling._instant(cursor[0]) < pulling._instant(stored[3])  # nothing not yet merged is skipped
    merged_before = b["quiz_attempts"].count
    assert merged_before == 4
    assert (
        pulling.pull(
            b,
            httpx.Client(auth=(hub.config.username, hub.config.password), headers=HEADERS),
            hub.config,
            page_size=2,
        )
        == 2
    )
    assert b["quiz_attempts"].count == 6


def test_a_poison_statement_among_1001_holds_nothing_back(hub, tmp_path, module):
    """Issue 14 (3): one statement the hub answers 500 to left "0 of 1,001 sent after 3
    rounds". The batch is split, the statement quarantined, the other 1,000 delivered."""
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 1001)
    poison = db.execute("SELECT id FROM outbox ORDER BY created_at, id LIMIT 1 OFFSET 300").fetchone()[0]
    client = httpx.Client(
        transport=FailsOn(poison),
        auth=(hub.config.username, hub.config.password),
        headers=HEADERS,
        timeout=sync.TIMEOUT,  # the kiosk's own: batches of 500 signed statements
    )
    rounds = [sync.sync_once(db, hub.config, client=client, pull_too=False) for _ in range(sync.SPLIT_AFTER)]
    assert sum(r.sent for r in rounds) == 1000, rounds
    assert (rounds[-1].pending, rounds[-1].quarantined) == (0, 1)
    assert [row["id"] for row in sync.quarantined(db)] == [poison]
    assert len(hub.statements()) == 1000


def test_a_statement_the_real_hub_cannot_take_is_quarantined_and_the_rest_delivered(hub, tmp_path, module):
    """Against the real hub: a statement with an `interactionType` given as an object (which
    the hub once answered 500, now 400) never holds back the statements around it."""
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 6)
    odd = json.loads(db.execute("SELECT statement FROM outbox ORDER BY created_at LIMIT 1").fetchone()[0])
    odd["id"] = str(uuid.uuid4())
    odd["object"]["definition"]["interactionType"] = {"not": "a string"}
    db.execute(
        "INSERT INTO outbox (id, kind, record_id, statement, created_at) VALUES (?, 'passed', 'x', ?, ?)",
        [odd["id"], json.dumps(odd), "2000-01-01T00:00:00+00:00"],  # first in line
    )
    db.conn.commit()
    for _ in range(sync.SPLIT_AFTER):
        result = sync.sync_once(db, hub.config, pull_too=False)
    assert (result.pending, result.quarantined) == (0, 1), result
    assert [row["id"] for row in sync.quarantined(db)] == [odd["id"]]
    assert len(hub.statements()) == 6


def test_statements_carry_the_school_and_class_and_the_pull_asks_for_the_school(hub, tmp_path, module):
    from citizenship_app.core import xapi

    a = kiosk_db(tmp_path / "a")
    register_key(hub, a)
    make_records(a, module, 2)
    assert sync.sync_once(a, hub.config).error is None
    school = xapi.school_iri(xapi.DEFAULT_SIS_HOME_PAGE, "school-1")
    for held in hub.statements():
        ids = [g["id"] for g in held["context"]["contextActivities"]["grouping"]]
        assert ids == [xapi.class_iri("class-4a"), school]
        assert "School" not in json.dumps(held)  # the org's id, never its name
    seen = []
    b = kiosk_db(tmp_path / "b")
    with sync.make_client(hub.config) as client:
        client.event_hooks["request"] = [seen.append]
        result = sync.sync_once(b, hub.config, client=client)
    assert (result.error, result.pulled) == (None, 2)
    (first,) = [r for r in seen if r.method == "GET" and r.url.path.endswith("/statements")]
    assert first.url.params["activity"] == school and first.url.params["related_activities"] == "true"
    # The device keys are fetched when a result needs one, then kept: not every round.
    assert len([r for r in seen if r.url.path.endswith("/device-keys")]) == 1
    seen.clear()
    make_records(a, module, 1)
    assert sync.sync_once(a, hub.config).error is None
    with sync.make_client(hub.config) as client:
        client.event_hooks["request"] = [seen.append]
        assert sync.sync_once(b, hub.config, client=client).pulled == 1
    # One page of statements and no device keys (the round's settings and roster requests are
    # steps of their own).
    pulls = [r.url.path for r in seen if r.method == "GET" and r.url.path.startswith("/xapi/")]
    assert [p for p in pulls if p != "/xapi/kiosk-settings"] == ["/xapi/statements"]


def test_a_new_kiosks_first_pull_covers_the_current_school_year(hub, tmp_path, module):
    from datetime import date

    b = kiosk_db(tmp_path / "b")
    assert pulling.first_since(b, date(2026, 12, 2)) == "2026-07-01T00:00:00+00:00"
    assert pulling.first_since(b, date(2027, 3, 1)) == "2026-07-01T00:00:00+00:00"
    b.execute(  # the roster's own school year wins
        "INSERT INTO academic_sessions (sourced_id, title, type, start_date, end_date, school_year)"
        " VALUES ('y27', '2026-2027', 'schoolYear', '2026-08-15', '2027-06-10', '2027')"
    )
    b.conn.commit()
    assert pulling.first_since(b, date(2026, 12, 2)) == "2026-08-15T00:00:00+00:00"
    seen = []
    with sync.make_client(hub.config) as client:
        client.event_hooks["request"] = [seen.append]
        assert sync.sync_once(b, hub.config, client=client).error is None
    (first,) = [r for r in seen if r.method == "GET" and r.url.path.endswith("/statements")]
    assert first.url.params["since"] == pulling.first_since(b)
    # Moved to another school (enrolled anew), the kiosk starts that school's pull afresh.
    b.execute(
        "INSERT INTO settings (key, value) VALUES ('sync_pull_since', '2030-01-01T00:00:00+00:00')"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )
    b.execute("INSERT INTO settings (key, value) VALUES ('hub_school', 'school-2')")
    b.conn.commit()
    assert pulling.scope(b).endswith("/orgs/school-2")
    seen.clear()
    with sync.make_client(hub.config) as client:
        client.event_hooks["request"] = [seen.append]
        # kiosk-a's credential is school-1's: the hub refuses a pull of school-2 (403 pull_scope).
        with pytest.raises(sync.ConfigError):
            pulling.pull(b, client, hub.config)
    (moved,) = [r for r in seen if r.method == "GET" and r.url.path.endswith("/statements")]
    assert moved.url.params["since"] == pulling.first_since(b) != "2030-01-01T00:00:00+00:00"
    assert moved.url.params["activity"] == pulling.scope(b)
    # A kiosk upgraded from a version that pulled everything keeps its cursor: it has it all.
    upgraded = kiosk_db(tmp_path / "upgraded")
    cursor = "2026-11-30T08:00:00+00:00"
    upgraded.execute("INSERT INTO settings (key, value) VALUES ('sync_pull_since', ?)", [cursor])
    upgraded.conn.commit()
    seen.clear()
    with sync.make_client(hub.config) as client:
        client.event_hooks["request"] = [seen.append]
        assert pulling.pull(upgraded, client, hub.config) == 0
    (kept,) = [r for r in seen if r.method == "GET" and r.url.path.endswith("/statements")]
    assert kept.url.params["since"] == cursor


def _settled(hub) -> None:
    """Until the hub's Consistent-Through passes this moment (every statement pushed so far).
    On PostgreSQL it trails now by 0.2 s, and a pull right after the push (a fast machine)
    would save a cursor before every page, so its resumed pull would fetch them all again."""
    from datetime import UTC, datetime

    pushed = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with sync.make_client(hub.config) as client:
        deadline = time.monotonic() + 10
        # On every authenticated answer, a refusal included (a school device listing all).
        while client.get(hub.config.statements_url).headers["X-Experience-API-Consistent-Through"] < pushed:
            assert time.monotonic() < deadline, "Consistent-Through never reached the push"
            time.sleep(0.05)  # the hub's clock, not Qt's: nothing to wait on but time


def test_the_hub_killed_between_pull_pages_resumes_from_the_last_page(hub, tmp_path, module):
    a, b = kiosk_db(tmp_path / "a"), kiosk_db(tmp_path / "b")
    register_key(hub, a)
    make_records(a, module, 6)
    assert sync.sync_once(a, hub.config, batch=2).error is None  # three `stored` times, two each
    _settled(hub)
    pages = []

    def kill_after_second_page(response):
        if response.request.method == "GET" and response.request.url.path.endswith("/statements"):
            pages.append(response.request.url)
            if len(pages) == 2:
                response.read()  # the page is in hand; then the hub dies
                hub.kill()

    with sync.make_client(hub.config) as client:
        client.event_hooks["response"] = [kill_after_second_page]
        with pytest.raises(httpx.TransportError):
            pulling.pull(b, client, hub.config, page_size=2)
    assert b["quiz_attempts"].count == 4  # two pages merged, and the cursor after them saved
    cursor = b.execute("SELECT value FROM settings WHERE key = 'sync_pull_since'").fetchone()[0]
    hub.start()
    seen = []
    with sync.make_client(hub.config) as client:
        client.event_hooks["request"] = [seen.append]
        assert pulling.pull(b, client, hub.config, page_size=2) == 2
    assert b["quiz_attempts"].count == 6
    first = next(r for r in seen if r.method == "GET" and r.url.path.endswith("/statements"))
    assert first.url.params["since"] == cursor  # resumed there, not from the school year's start
    assert len([r for r in seen if r.url.path.endswith("/statements")]) == 2  # pages 2 and 3 only


class FailsPulls(FailsOn):
    """Between the kiosk and the real hub: answers 500 to every statements GET (a pull)."""

    def __init__(self) -> None:
        super().__init__("")

    def fails(self, request) -> bool:
        return request.method == "GET" and request.url.path.endswith("/statements")


def test_a_failing_pull_backs_off_on_its_own_and_never_delays_a_push(hub, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 3)
    transport = FailsPulls()
    client = httpx.Client(
        transport=transport, auth=(hub.config.username, hub.config.password), headers=HEADERS
    )
    first = sync.sync_once(db, hub.config, client=client)
    assert first.sent == 3 and first.error.startswith("pull: ") and transport.failed == 1
    assert sync.due(db) and not pulling.due(db)  # the pull waits; the push does not
    make_records(db, module, 2)
    second = sync.sync_once(db, hub.config, client=client)
    assert (second.sent, second.pending, second.error) == (2, 0, None)
    assert transport.failed == 1  # the pull was not retried before its time
    assert len(hub.statements()) == 5
    db.execute("UPDATE settings SET value = '' WHERE key = 'pull_next_try'")
    db.conn.commit()
    sync.sync_once(db, hub.config, client=client)
    assert transport.failed == 2
    assert get_pull_failures(db) == 2


def get_pull_failures(db) -> int:
    return int(db.execute("SELECT value FROM settings WHERE key = 'pull_failures'").fetchone()[0])


def test_a_kiosk_of_several_schools_is_told_its_school_by_sync_configure(tmp_path):
    from citizenship_app.core import xapi

    db = kiosk_db(tmp_path / "a")
    db.execute("INSERT INTO orgs (sourced_id, name, type) VALUES ('school-2', 'Other', 'school')")
    db.conn.commit()
    assert pulling.scope(db) == ""  # two schools in its roster: it cannot tell which is its own
    configure = subprocess.run(
        [sys.executable, "-m", "citizenship_app.cli", "--data-dir", str(tmp_path / "a"), "sync", "configure"]
        + ["--url", "http://127.0.0.1:1/xapi/", "--username", "lab-9", "--school", "school-2"],
        input="pw\n",
        capture_output=True,
        text=True,
    )
    assert configure.returncode == 0, configure.stderr
    assert pulling.scope(open_store(tmp_path / "a")) == xapi.school_iri(
        xapi.DEFAULT_SIS_HOME_PAGE, "school-2"
    )
