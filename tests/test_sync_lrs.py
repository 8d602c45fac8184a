"""Kiosk sync against a third-party Learning Record Store: Ralph (`ralph-malph`), on 127.0.0.1.

Ralph pins old FastAPI/Starlette releases, so it lives in a virtual environment of its own,
`.venv-lrs/` in the repository root (gitignored), made on first use and reused after. The LRS
runs with its file-system backend (`ralph runserver -b fs`) in a temporary directory, with a
credential made by `ralph auth -w` into the file that RALPH_AUTH_FILE names.

One LRS serves the whole module, so every test uses students of its own: what a test counts
and pulls is only ever its own records.

Where Ralph 5.1.0 departs from xAPI 1.0.3 (found by these tests; see docs/district-hub.md):
- `since` and `until` compare each statement's `timestamp`, not `stored`;
- a page holds at most 100 statements whatever `limit` asks, and `more` is a path with the
  whole query repeated (plus `pit_id=None&search_after=<id>`), absent on the last page;
- `stored` has microseconds and `+00:00`; there is no /xAPI/about and no
  X-Experience-API-Consistent-Through header.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from citizenship_app.core import paths, progress, sync
from citizenship_app.core.content import load_catalog
from citizenship_app.core.store import open_store, transaction
from helpers import QUIZ, write_module

ROOT = Path(__file__).resolve().parents[1]
RALPH_VENV = ROOT / ".venv-lrs"
RALPH_REQUIREMENTS = [
    "ralph-malph[cli,lrs]==5.1.0",
    # Ralph 5.1.0 imports `requests` (its OIDC module) when the LRS starts, but its `lrs`
    # extra does not install it.
    "requests>=2.31",
]
RALPH_READY = RALPH_VENV / ".ralph-5.1.0-ready"  # written once the install has finished
HEADERS = {"X-Experience-API-Version": "1.0.3"}
SIS = "https://sis.example.org"
START_TIMEOUT = 60  # seconds for Ralph to answer its heartbeat
INSTALL_TIMEOUT = 600


def unavailable(reason: str):
    """Skip, or fail under CI (which can install Ralph and must run these tests)."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- Ralph -----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def ralph_bin() -> Path:
    """The `ralph` command in .venv-lrs/, installing it there first if needed."""
    ralph = RALPH_VENV / "bin" / "ralph"
    if RALPH_READY.exists() and ralph.exists():
        return ralph
    steps = [[sys.executable, "-m", "venv", "--clear", str(RALPH_VENV)],
             [str(RALPH_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", *RALPH_REQUIREMENTS]]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
        except subprocess.TimeoutExpired:
            unavailable(f"installing Ralph took over {INSTALL_TIMEOUT}s: {' '.join(step)}")
        if done.returncode != 0:
            unavailable(f"cannot install Ralph ({' '.join(step)}):\n{done.stderr[-2000:]}")
    RALPH_READY.write_text("\n".join(RALPH_REQUIREMENTS) + "\n")
    return ralph


class Ralph:
    """`ralph runserver -b fs` on a free port, with one Basic credential; its own directory."""

    def __init__(self, ralph: Path, directory: Path) -> None:
        self.ralph, self.directory = ralph, directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.log = directory / "ralph.log"
        (directory / "run").mkdir()  # the working directory: runserver's reloader watches it
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(directory / "app"),
            "RALPH_AUTH_FILE": str(directory / "app" / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",  # `ralph auth` loads the LRS too, default "es"
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(directory / "data"),
            "RALPH_SENTRY_DSN": "",
        }
        self.config = sync.HubConfig(self.url, "kiosk-lrs", secrets.token_urlsafe(18))
        self.proc: subprocess.Popen | None = None

    def add_credential(self) -> None:
        """`ralph auth -w`: the kiosk's user, with all scopes, as an account agent."""
        done = subprocess.run(
            [str(self.ralph), "auth", "-u", self.config.username, "-p", self.config.password,
             "-s", "all", "-A", self.config.username, "https://lrs.district.example", "-w"],
            cwd=self.directory / "run", env=self.env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr

    def start(self) -> None:
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [str(self.ralph), "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(self.port)],
                cwd=self.directory / "run", env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)  # its own process group: runserver forks a worker
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"Ralph exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)  # polling a process we started
        self.stop()
        pytest.fail(f"Ralph did not answer within {START_TIMEOUT}s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)  # the group we started: reloader and worker
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def client(self) -> httpx.Client:
        return sync.make_client(self.config)

    def statements(self) -> list[dict]:
        """Every statement the LRS holds, following `more` (bounded: Ralph pages by 100)."""
        found, url, params = [], self.config.statements_url, {"limit": "100"}
        with self.client() as client:
            for _ in range(1000):
                response = client.get(url, params=params)
                assert response.status_code == 200, response.text
                body = response.json()
                found += body["statements"]
                if not body.get("more"):
                    return found
                url, params = str(httpx.URL(self.url).join(body["more"])), None
        raise AssertionError("more than 1000 pages")


@pytest.fixture(scope="module")
def ralph(ralph_bin, tmp_path_factory):
    lrs = Ralph(ralph_bin, tmp_path_factory.mktemp("ralph"))
    lrs.add_credential()
    lrs.start()
    yield lrs
    lrs.stop()


# -- kiosks ----------------------------------------------------------------------------------

@pytest.fixture
def module(tmp_path):
    write_module(tmp_path / "content", "3-5", "g35-lrs", quiz=QUIZ.format(id="g35-lrs"))
    catalog = load_catalog(tmp_path / "content" / "lessons", tmp_path / "content" / "quizzes",
                           paths.ASSETS_DIR, paths.POLICY_ITEMS)
    return catalog.get("g35-lrs")


@pytest.fixture
def students() -> list[str]:
    """Students of this test alone: the LRS is shared by the whole module."""
    tag = secrets.token_hex(4)
    return [f"stu-{tag}-{n}" for n in range(3)]


def kiosk_db(path: Path, students: list[str]):
    db = open_store(path)
    with transaction(db):
        for sid in students:
            db.execute("INSERT OR IGNORE INTO people (sourced_id, given_name, family_name, role, tier) "
                       "VALUES (?, 'Name', 'Family', 'student', '3-5')", [sid])
    return db


def make_records(db, module, students: list[str], count: int) -> None:
    """`count` submitted attempts, three passes to every fail, round the students."""
    for n in range(count):
        attempt = progress.start_attempt(db, students[n % len(students)], module, "class-4a")
        for q in module.quiz.questions:
            progress.record_answer(db, attempt, q, ["a"] if n % 4 != 3 else ["b"])
        progress.submit_attempt(db, attempt, module)


def outbox(db) -> dict[str, dict]:
    return {sid: json.loads(text) for sid, text in db.execute("SELECT id, statement FROM outbox")}


def held_by(lrs: Ralph, ids) -> list[str]:
    """Ids of the LRS's statements that are among `ids`, with repeats if any."""
    wanted = set(ids)
    return [s["id"] for s in lrs.statements() if s["id"] in wanted]


# -- tests -----------------------------------------------------------------------------------

def test_push_delivers_every_statement_exactly_once(ralph, tmp_path, module, students):
    db = kiosk_db(tmp_path / "a", students)
    make_records(db, module, students, 130)  # more than one of Ralph's 100-statement pages
    result = sync.sync_once(db, ralph.config, pull_too=False)
    assert (result.sent, result.pending, result.quarantined, result.error) == (130, 0, 0, None)
    ids = held_by(ralph, outbox(db))
    assert len(ids) == 130 and set(ids) == set(outbox(db))
    # A second round sends nothing and duplicates nothing.
    again = sync.sync_once(db, ralph.config, pull_too=False)
    assert (again.sent, again.pending, again.error) == (0, 0, None)
    assert len(held_by(ralph, outbox(db))) == 130


def test_an_identical_resend_counts_as_delivered(ralph, tmp_path, module, students):
    db = kiosk_db(tmp_path / "a", students)
    make_records(db, module, students, 6)
    statements = list(outbox(db).values())
    with ralph.client() as client:
        # Half of them reach the LRS behind the kiosk's back (a crash before it marked them sent).
        assert client.post(ralph.config.statements_url, json=statements[:3]).status_code == 200
        # Ralph answers a batch it holds entirely with 204, and a PUT of a held statement with 204.
        assert client.post(ralph.config.statements_url, json=statements[:3]).status_code == 204
        first = statements[0]
        assert client.put(ralph.config.statements_url, params={"statementId": first["id"]},
                          json=first).status_code == 204
    result = sync.sync_once(db, ralph.config, pull_too=False)
    assert (result.sent, result.pending, result.quarantined, result.error) == (6, 0, 0, None)
    ids = held_by(ralph, outbox(db))
    assert sorted(ids) == sorted(outbox(db))  # each once
    # Everything resent again, one by one as the kiosk does after a refused batch.
    db.execute("UPDATE outbox SET state = 'pending'")
    db.conn.commit()
    with ralph.client() as client:
        assert all(sync._send_one(db, client, ralph.config, s) for s in statements)
    assert sync.sync_once(db, ralph.config, pull_too=False).sent == 6
    assert sorted(held_by(ralph, outbox(db))) == sorted(outbox(db))


def test_a_different_statement_under_a_held_id_is_quarantined(ralph, tmp_path, module, students):
    db = kiosk_db(tmp_path / "a", students)
    make_records(db, module, students, 2)
    sid, text = db.execute("SELECT id, statement FROM outbox ORDER BY created_at LIMIT 1").fetchone()
    other = json.loads(text)
    other["result"]["score"]["raw"] = 0
    with ralph.client() as client:
        assert client.put(ralph.config.statements_url, params={"statementId": sid}, json=other).status_code == 204
    result = sync.sync_once(db, ralph.config, pull_too=False)
    assert (result.sent, result.quarantined, result.error) == (1, 1, None)
    assert "different statement" in sync.quarantined(db)[0]["reason"]


def test_pull_merges_another_kiosks_records(ralph, tmp_path, module, students):
    a, b = kiosk_db(tmp_path / "a", students), kiosk_db(tmp_path / "b", students)
    make_records(a, module, students, 120)  # 90 passes, 30 fails: over a page of Ralph's
    assert sync.sync_once(a, ralph.config).error is None
    result = sync.sync_once(b, ralph.config)
    assert result.error is None and result.pulled == 120
    assert b["quiz_attempts"].count == 120 and b["completions"].count == 90
    passed = {r[0] for r in a.execute("SELECT id FROM completions")}
    assert {r[0] for r in b.execute("SELECT id FROM completions WHERE source = 'hub'")} == passed
    for sid in students:
        mine = progress.statuses(a, sid, [module])[module.id]
        theirs = progress.statuses(b, sid, [module])[module.id]
        assert (theirs.state, theirs.best_score, theirs.attempts) == (mine.state, mine.best_score, mine.attempts)
    # Pulling again adds nothing; B sent nothing it merely pulled.
    assert sync.sync_once(b, ralph.config).pulled == 0
    assert b.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0


def test_pull_finds_records_a_kiosk_sends_late(ralph, tmp_path, module, students):
    """A kiosk that was offline sends records made before another kiosk's last pull.

    Ralph filters `since` by `timestamp` (when the quiz was taken), not by `stored`, so a pull
    that resumes from the newest `stored` it saw would never see them.
    """
    a, late, b = (kiosk_db(tmp_path / name, students) for name in ("a", "late", "b"))
    make_records(late, module, students[:1], 2)  # made now, sent after B's first pull
    make_records(a, module, students[1:], 3)
    assert sync.sync_once(a, ralph.config).error is None
    assert sync.sync_once(b, ralph.config).pulled == 3
    assert sync.sync_once(late, ralph.config).sent == 2
    assert sync.sync_once(b, ralph.config).pulled == 2
    assert b["quiz_attempts"].count == 5
