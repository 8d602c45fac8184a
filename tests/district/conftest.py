"""The district hub as a real process, on SQLite and on PostgreSQL.

`hub` is parametrized over both databases; each test sees a running hub and a device
credential for it. The PostgreSQL hubs use a fresh database on the server at 127.0.0.1:5432,
created for this session and dropped at its end; those cases are skipped only when no server
answers there.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

PG_HOST, PG_PORT = "127.0.0.1", 5432
XAPI_HEADERS = {"X-Experience-API-Version": "1.0.3"}
START_TIMEOUT = 30  # seconds for a hub to answer /xapi/about


def district(db_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run `citizenship-district --db URL ARGS...` as a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "citizenship_app.district.cli", "--db", db_url, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=check,
    )


def add_device(db_url: str, name: str, *scope: str) -> tuple[str, str]:
    """A device credential: district-wide unless `scope` says otherwise ("--school", "org-1")."""
    out = json.loads(district(db_url, "device", "add", name, *(scope or ("--district",)), "--json").stdout)
    return out["username"], out["password"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HubProcess:
    """`citizenship-district --db URL serve` on a free port, output kept in a log file."""

    def __init__(self, db_url: str, log: Path, *serve_args: str, preexec_fn=None):
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
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
                    *serve_args,
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=preexec_fn,
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the hub exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                if httpx.get(self.url + "/xapi/about", timeout=0.5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"the hub did not answer within {START_TIMEOUT}s:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Hub:
    """A running hub and a device credential for it."""

    backend: str
    url: str
    db_url: str
    username: str
    password: str

    def client(self, *, auth: tuple[str, str] | None = None, headers: dict | None = None) -> httpx.Client:
        return httpx.Client(
            base_url=self.url,
            auth=auth or (self.username, self.password),
            headers=XAPI_HEADERS if headers is None else headers,
            timeout=20,
        )


def _postgres_answers() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            return True
    except OSError:
        return False


def pg_schema_url(database_url: str, prefix: str = "t") -> str:
    """A new empty schema in `database_url`, as a URL whose search_path is that schema: a
    test's own tables in the session's database (a database of its own would take seconds)."""
    import psycopg

    schema = f"{prefix}_{secrets.token_hex(6)}"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{database_url}?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_database():
    """URL of a fresh, uniquely named PostgreSQL database, dropped after the session."""
    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL server answers on {PG_HOST}:{PG_PORT} (CI runs one)")
    import psycopg

    errors = []
    for user in ("postgres", "root"):
        try:
            admin = psycopg.connect(
                host=PG_HOST, port=PG_PORT, user=user, dbname="test", autocommit=True, connect_timeout=5
            )
            break
        except psycopg.OperationalError as exc:
            errors.append(f"{user}: {exc}")
    else:
        pytest.fail("PostgreSQL answers on 5432 but cannot be used: " + "; ".join(errors))
    name = f"citizenship_hub_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://{user}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="session")
def pg_hubs(pg_database, tmp_path_factory):
    """Two hub processes on the same PostgreSQL database, started at the same moment (so
    creating the tables on a fresh database races, as it would in a real deployment)."""
    logs = tmp_path_factory.mktemp("pg-hubs")
    processes = [HubProcess(pg_database, logs / f"hub-{i}.log") for i in (1, 2)]
    try:
        for process in processes:
            process.wait_ready()
        username, password = add_device(pg_database, "kiosk-pg")
        yield [Hub("postgresql", p.url, pg_database, username, password) for p in processes]
    finally:
        for process in processes:
            process.stop()


@pytest.fixture(scope="session")
def sqlite_hub(tmp_path_factory):
    directory = tmp_path_factory.mktemp("sqlite-hub")
    db_url = f"sqlite:///{directory / 'hub.db'}"
    username, password = add_device(db_url, "kiosk-sqlite")
    process = HubProcess(db_url, directory / "hub.log")
    try:
        process.wait_ready()
        yield Hub("sqlite", process.url, db_url, username, password)
    finally:
        process.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def hub(request) -> Hub:
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_hub")
    return request.getfixturevalue("pg_hubs")[0]


@pytest.fixture
def api(hub):
    """An httpx client for the hub with the device's credentials and the version header."""
    with hub.client() as client:
        yield client


@pytest.fixture
def registration() -> str:
    """A registration id unique to the test, to find exactly the statements it sent."""
    return str(uuid.uuid4())


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_url(request, tmp_path):
    """A fresh hub database of each kind, without a running hub (PostgreSQL: its own database,
    dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hub.db'}"
        return
    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL server answers on {PG_HOST}:{PG_PORT} (CI runs one)")
    import psycopg

    admin = psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="test", autocommit=True)
    name = f"citizenship_report_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def interim_hash(password: str) -> str:
    """A password hash as the one version that kept only a cheap hash stored it."""
    salt = secrets.token_bytes(16)
    digest = hmac.new(salt, password.encode(), hashlib.sha256).digest()
    return "$".join(["hmac-sha256", base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])
