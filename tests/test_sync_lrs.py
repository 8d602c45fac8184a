"""Kiosk sync against a third-party Learning Record Store: Ralph (`ralph-malph`), on 127.0.0.1.

Ralph pins old FastAPI/Starlette releases, so it lives in a virtual environment of its own,
`.venv-lrs/` in the repository root (gitignored), made on first use and reused after. The LRS
runs with its file-system backend (`ralph runserver -b fs`) in a temporary directory, with a
credential made by `ralph auth -w` into the file that RALPH_AUTH_FILE names.

What these tests found in Ralph 5.1.0 (see also docs/district-hub.md):
- The fs backend stores one write request per store: the first POST/PUT of new statements
  creates its file, and every later one is HTTP 500 ("already exists and overwrite is not
  allowed"). So each test starts on an empty store and sends its records in one request; the
  kiosk keeps whatever a 500 refused (test_the_fs_backend_takes_one_write...).
- A POST whose statements are all held already is 204 (no body); a PUT of a held, identical
  statement is 204; a different statement under a held id is 409. The kiosk handles all three.
- `since` compares `timestamp`, not `stored`, and no X-Experience-API-Consistent-Through is
  sent: the kiosk pulls such an LRS with an overlap (pull.PULL_OVERLAP).
- A page holds at most 100 statements whatever `limit` asks; `more` is a path repeating the
  query (plus `pit_id=None&search_after=<id>`), absent on the last page; `stored` has
  microseconds and +00:00. There is no /xAPI/about (the health check is /__heartbeat__).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from helpers import QUIZ, write_module

from citizenship_app.core import paths, progress, pull, sync
from citizenship_app.core.content import load_catalog
from citizenship_app.core.store import open_store, set_setting, transaction

ROOT = Path(__file__).resolve().parents[1]
RALPH_VENV = ROOT / ".venv-lrs"
RALPH_REQUIREMENTS = [
    "ralph-malph[cli,lrs]==5.1.0",
    # Ralph 5.1.0 imports `requests` (its OIDC module) when the LRS starts, but its `lrs`
    # extra does not install it.
    "requests>=2.31",
]
RALPH_READY = RALPH_VENV / ".ralph-ready"  # the requirements, written once they are installed
ONE_WRITE = 1000  # a push batch larger than any test's records: everything in one request
START_TIMEOUT = 60  # seconds for Ralph to answer its heartbeat
INSTALL_TIMEOUT = 600


def unavailable(reason: str):
    """Skip, or fail under CI (which can install Ralph and must run these tests)."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- Ralph -----------------------------------------------------------------------------------


def _ralph_installed() -> bool:
    python = RALPH_VENV / "bin" / "python"
    if not (
        RALPH_READY.exists() and RALPH_READY.read_text().split() == RALPH_REQUIREMENTS and python.exists()
    ):
        return False
    check = subprocess.run([str(python), "-c", "import ralph, requests"], capture_output=True, timeout=60)
    return check.returncode == 0


@pytest.fixture(scope="session")
def ralph_bin() -> Path:
    """The `ralph` command in .venv-lrs/, installed there first unless it already is."""
    if not _ralph_installed():
        steps = [
            [sys.executable, "-m", "venv", "--clear", str(RALPH_VENV)],
            [str(RALPH_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", *RALPH_REQUIREMENTS],
        ]
        for step in steps:
            try:
                done = subprocess.run(step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
            except subprocess.TimeoutExpired:
                unavailable(f"installing Ralph took over {INSTALL_TIMEOUT}s: {' '.join(step)}")
            if done.returncode != 0:
                unavailable(f"cannot install Ralph ({' '.join(step)}):\n{done.stderr[-2000:]}")
        RALPH_READY.write_text("\n".join(RALPH_REQUIREMENTS) + "\n")
    return RALPH_VENV / "bin" / "ralph"


class Ralph:
    """`ralph runserver -b fs` on a free port with one Basic credential, in its own directory."""

    def __init__(self, ralph: Path, directory: Path) -> None:
        self.ralph, self.directory = ralph, directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.log = directory / "ralph.log"
        self.data = directory / "data"
        (directory / "run").mkdir()  # the working directory, which runserver's reloader watches
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(directory / "app"),
            "RALPH_AUTH_FILE": str(directory / "app" / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",  # `ralph auth` loads the LRS too (default: "es")
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.data),
        }
        self.config = sync.HubConfig(self.url, "kiosk-lrs", secrets.token_urlsafe(18))
        self.proc: subprocess.Popen | None = None

    def add_credential(self) -> None:
        """`ralph auth -w`: the kiosk's user with every scope, as an account agent."""
        done = subprocess.run(
            [
                str(self.ralph),
                "auth",
                "-u",
                self.config.username,
                "-p",
                self.config.password,
                "-s",
                "all",
                "-A",
                self.config.username,
                "https://lrs.district.example",
                "-w",
            ],
            cwd=self.directory / "run",
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr

    def start(self) -> None:
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [str(self.ralph), "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(self.port)],
                cwd=self.directory / "run",
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # a process group of its own: runserver forks a worker
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

    def empty(self) -> None:
        """Remove the store's file: the next write starts a new one."""
        for path in self.data.glob("*.jsonl"):
            path.unlink()

    def client(self) -> httpx.Client:
        return sync.make_client(self.config)

    def statements(self) -> list[dict]:
        """Every statement the LRS holds, following `more` (bounded)."""
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


@pytest.fixture
def lrs(ralph) -> Ralph:
    """The LRS with an empty store (its fs backend takes one write per store)."""
    ralph.empty()
    return ralph


# -- kiosks ----------------------------------------------------------------------------------

STUDENTS = ["stu-0", "stu-1", "stu-2"]


@pytest.fixture
def module(tmp_path):
    write_module(tmp_path / "content", "3-5", "g35-lrs", quiz=QUIZ.format(id="g35-lrs"))
    catalog = load_catalog(
        tmp_path / "content" / "lessons",
        tmp_path / "content" / "quizzes",
        paths.ASSETS_DIR,
        paths.POLICY_ITEMS,
    )
    return catalog.get("g35-lrs")


def kiosk_db(path: Path):
    db = open_store(path)
    with transaction(db):
        for sid in STUDENTS:
            db.execute(
                "INSERT OR IGNORE INTO people (sourced_id, given_name, family_name, role, tier) "
                "VALUES (?, 'Name', 'Family', 'student', '3-5')",
                [sid],
            )
    return db


def make_records(db, module, count: int) -> None:
    """`count` submitted attempts round the students, three passes to every fail."""
    for n in range(count):
        attempt = progress.start_attempt(db, STUDENTS[n % len(STUDENTS)], module, "class-4a")
        for q in module.quiz.questions:
            progress.record_answer(db, attempt, q, ["a"] if n % 4 != 3 else ["b"])
        progress.submit_attempt(db, attempt, module)


def outbox(db) -> dict[str, dict]:
    return {sid: json.loads(text) for sid, text in db.execute("SELECT id, statement FROM outbox")}


# -- tests -----------------------------------------------------------------------------------


def test_push_delivers_every_statement_exactly_once(lrs, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 130)  # more than one of Ralph's 100-statement pages
    result = sync.sync_once(db, lrs.config, pull_too=False, batch=ONE_WRITE)
    assert (result.sent, result.pending, result.quarantined, result.error) == (130, 0, 0, None)
    held = lrs.statements()
    assert sorted(s["id"] for s in held) == sorted(outbox(db))  # each once, nothing else
    assert all("Name" not in json.dumps(s) for s in held)
    assert {s["stored"][-6:] for s in held} == {"+00:00"}
    # A second round sends nothing and duplicates nothing.
    again = sync.sync_once(db, lrs.config, pull_too=False)
    assert (again.sent, again.pending, again.error) == (0, 0, None)
    assert len(lrs.statements()) == 130


def test_an_identical_resend_counts_as_delivered(lrs, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 6)
    assert sync.sync_once(db, lrs.config, pull_too=False, batch=ONE_WRITE).sent == 6
    statements = list(outbox(db).values())
    with lrs.client() as client:
        # Ralph answers a batch it holds entirely with 204, and a PUT of a held statement with 204.
        assert client.post(lrs.config.statements_url, json=statements).status_code == 204
        put = client.put(
            lrs.config.statements_url, params={"statementId": statements[0]["id"]}, json=statements[0]
        )
        assert put.status_code == 204
        # One at a time, as the kiosk settles a refused batch: each counts as delivered.
        assert all(sync._send_one(db, client, lrs.config, json.dumps(s), None) for s in statements)
    # The kiosk crashed before it marked them sent: the resend delivers them, once.
    db.execute("UPDATE outbox SET state = 'pending'")
    db.conn.commit()
    result = sync.sync_once(db, lrs.config, pull_too=False)
    assert (result.sent, result.pending, result.quarantined, result.error) == (6, 0, 0, None)
    assert sorted(s["id"] for s in lrs.statements()) == sorted(outbox(db))


def test_a_different_statement_under_a_held_id_is_quarantined(lrs, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 1)
    ((sid, statement),) = outbox(db).items()
    other = json.loads(json.dumps(statement))
    other["result"]["score"]["raw"] = 0
    with lrs.client() as client:
        assert (
            client.put(lrs.config.statements_url, params={"statementId": sid}, json=other).status_code == 204
        )
    result = sync.sync_once(db, lrs.config, pull_too=False)
    assert (result.sent, result.quarantined, result.error) == (0, 1, None)
    assert "different statement" in sync.quarantined(db)[0]["reason"]


def test_pull_merges_another_kiosks_records(lrs, tmp_path, module):
    a, b = kiosk_db(tmp_path / "a"), kiosk_db(tmp_path / "b")
    make_records(a, module, 120)  # 90 passes and 30 fails: two of Ralph's pages
    assert sync.sync_once(a, lrs.config, batch=ONE_WRITE).error is None
    result = sync.sync_once(b, lrs.config)
    assert result.error is None and result.pulled == 120
    assert b["quiz_attempts"].count == 120 and b["completions"].count == 90
    passed = {r[0] for r in a.execute("SELECT id FROM completions")}
    assert {r[0] for r in b.execute("SELECT id FROM completions WHERE source = 'hub'")} == passed
    for sid in STUDENTS:
        mine = progress.statuses(a, sid, [module])[module.id]
        theirs = progress.statuses(b, sid, [module])[module.id]
        assert (theirs.state, theirs.best_score, theirs.attempts) == (
            mine.state,
            mine.best_score,
            mine.attempts,
        )
    # Pulling again adds nothing (the overlap re-reads, merging is idempotent); B sends nothing.
    assert sync.sync_once(b, lrs.config).pulled == 0
    assert b.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0


def test_pull_overlaps_so_that_records_sent_late_are_found(lrs, tmp_path, module):
    """Ralph compares `since` with each statement's `timestamp` (when the quiz was taken), not
    with `stored`: records sent after B's last pull but taken before it are never listed for
    that `since`. B's next pull starts PULL_OVERLAP earlier, so it finds them."""
    late, b = kiosk_db(tmp_path / "late"), kiosk_db(tmp_path / "b")
    make_records(late, module, 2)
    seen = datetime.now(UTC).isoformat()  # B's last pull saw a statement stored now
    set_setting(b, "sync_pull_since", (datetime.fromisoformat(seen) - pull.PULL_OVERLAP).isoformat())
    assert sync.sync_once(late, lrs.config, pull_too=False).sent == 2  # stored after `seen`
    with lrs.client() as client:
        listed = client.get(lrs.config.statements_url, params={"since": seen})
    assert listed.status_code == 200 and listed.json()["statements"] == []  # the spec wants both
    assert "X-Experience-API-Consistent-Through" not in listed.headers
    assert sync.sync_once(b, lrs.config).pulled == 2


def test_the_fs_backend_takes_one_write_and_the_kiosk_keeps_what_is_refused(lrs, tmp_path, module):
    db = kiosk_db(tmp_path / "a")
    make_records(db, module, 3)
    result = sync.sync_once(db, lrs.config, pull_too=False, batch=2)
    # The first request made the store's file; Ralph fails the second with a 500.
    assert (result.sent, result.pending, result.error) == (2, 1, "the hub failed (HTTP 500)")
    assert "overwrite is not allowed" in lrs.log.read_text()
    assert len(lrs.statements()) == 2
    assert not sync.due(db)  # the kiosk backs off and will try again; nothing is lost
