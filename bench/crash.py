"""Crash safety: SIGKILL the kiosk at random moments while a scripted student works.

    python bench/crash.py [--runs 100] [--seed 1] [--max-seconds 3.0]

Each run starts the real kiosk window (offscreen) on one data directory; a script signs a
student in, reads pages, answers, submits and moves on, printing a line each time the screen
has shown something as saved. The parent kills the process with SIGKILL after a random delay,
then checks the database:

- `PRAGMA integrity_check` is ok;
- every answer and completion the screen showed as saved is in the database exactly once;
- the outbox has exactly one statement per submitted attempt (none lost, none doubled);
- a new session resumes at the last saved page, and at the first unanswered question.

It prints the figures; `docs/benchmarks.md` records them. `tests/test_crash.py` runs a few.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# -- the scripted student (child process) ---------------------------------------------------


def child(data_dir: str, seed: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from citizenship_app.core import people
    from citizenship_app.core.demo import DEMO_STUDENT_PIN
    from citizenship_app.ui.app import build_window, create_app

    rng = random.Random(seed)
    app = create_app()
    window = build_window(data_dir)
    window.show()
    if os.environ.get("CITIZENSHIP_HUB_URL"):
        window.sync.timer.setInterval(300)  # sync often, so kills land mid-sync too
        window.start_sync()
    db = window.kiosk.db
    info = next(c for c in people.list_classes(db) if c.tier == "3-5")
    student = people.class_students(db, info.id)[0]

    def say(kind: str, **fields) -> None:
        print(json.dumps({"event": kind, **fields}), flush=True)

    def step() -> None:
        stack = window.stack.currentWidget()
        if stack is window.signin:
            window.signin.choose_class(info.id)
            window.signin.choose_person(student)
            window.signin.code.setText(DEMO_STUDENT_PIN)
            window.signin._submit_code()
        elif stack is window.home:
            cards = list(window.home.cards.values())
            rng.choice(cards).action.click()
        elif stack is window.lesson:
            window.lesson.next.click()
            if window.stack.currentWidget() is window.lesson:
                say("page", module=window.lesson.module.id, page=window.lesson.page)
        elif stack is window.quiz:
            quiz = window.quiz
            if quiz.check.isVisible():
                _answer(quiz, rng.random() < 0.85)
                quiz.check.click()
                response, _ = quiz.attempt.answers[quiz.question.id]
                say("answer", attempt=quiz.attempt.id, question=quiz.question.id, response=response)
            else:
                quiz.next.click()
        elif stack is window.result:
            outcome = window.result_outcome
            say(
                "submitted",
                attempt=window.quiz.attempt.id,
                passed=outcome.passed,
                completion=outcome.completion_id,
            )
            window.result.home.click()
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)
    app.exec()


def _answer(quiz, right: bool) -> None:
    question, widget = quiz.question, quiz.answer
    ids = question.correct_ids
    if question.type == "ordering":
        widget.set_order(ids if right else ids[1:] + ids[:1])
    elif question.type == "matching":
        widget.match({p: (p if right else ids[(i + 1) % len(ids)]) for i, p in enumerate(ids)})
    else:
        wrong = [c.id for c in question.choices if not c.correct]
        widget.choose(*(ids if right or not wrong else wrong[:1]))


# -- the parent: kill, then check -------------------------------------------------------------


def run_once(data_dir: str, seed: int, delay: float) -> list[dict]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", data_dir, str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def verify(data_dir: str, events: list[dict]) -> list[str]:
    """Everything wrong with the database given what the screen showed; [] when all is well."""
    from citizenship_app.core import progress
    from citizenship_app.core.content import load_catalog
    from citizenship_app.core.store import open_store

    db = open_store(data_dir)
    problems = []
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        for event in events:
            if event["event"] == "answer":
                rows = db.execute(
                    "SELECT response FROM quiz_answers WHERE attempt_id = ? AND question_id = ?",
                    [event["attempt"], event["question"]],
                ).fetchall()
                if len(rows) != 1 or json.loads(rows[0][0]) != event["response"]:
                    problems.append(f"answer shown as saved is missing or changed: {event}")
            elif event["event"] == "submitted":
                attempt = db.execute(
                    "SELECT submitted_at, passed FROM quiz_attempts WHERE id = ?", [event["attempt"]]
                ).fetchone()
                if not attempt or attempt[0] is None or bool(attempt[1]) != event["passed"]:
                    problems.append(f"submitted attempt not recorded: {event}")
                count = db.execute(
                    "SELECT COUNT(*) FROM completions WHERE attempt_id = ?", [event["attempt"]]
                ).fetchone()[0]
                if count != (1 if event["passed"] else 0):
                    problems.append(f"completion count {count} for {event}")
        submitted = db.execute(
            "SELECT COUNT(*) FROM quiz_attempts WHERE submitted_at IS NOT NULL"
        ).fetchone()[0]
        outbox = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT record_id) FROM outbox WHERE kind <> 'audit'"
        ).fetchone()
        if outbox != (submitted, submitted):
            problems.append(f"outbox {outbox} for {submitted} submitted attempts")
        orphans = db.execute(
            "SELECT COUNT(*) FROM completions c LEFT JOIN outbox o ON o.record_id = c.attempt_id"
            " WHERE o.id IS NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} completions without an outbox statement")
        catalog = load_catalog()
        last_page = {}
        for event in events:
            if event["event"] == "page":
                last_page[event["module"]] = event["page"]
        for module_id in last_page:
            stored = db.execute("SELECT page FROM page_progress WHERE module_id = ?", [module_id]).fetchone()
            if stored is None or stored[0] < 0:
                problems.append(f"page progress lost for {module_id}")
        open_attempts = db.execute(
            "SELECT person_id, module_id FROM quiz_attempts WHERE submitted_at IS NULL"
        ).fetchall()
        for person_id, module_id in open_attempts:
            attempt = progress.start_attempt(db, person_id, catalog.get(module_id))
            answered = {
                r[0]
                for r in db.execute("SELECT question_id FROM quiz_answers WHERE attempt_id = ?", [attempt.id])
            }
            expected = next((q for q in attempt.question_order if q not in answered), None)
            if attempt.next_question() != expected:
                problems.append(f"resume would ask {attempt.next_question()} instead of {expected}")
    finally:
        db.conn.close()
    return problems


class LocalHub:
    """The district hub as a process on 127.0.0.1 (SQLite), with a device credential."""

    def __init__(self, directory: str) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.db = f"sqlite:///{directory}/hub.db"
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "citizenship_app.district.cli",
                "--db",
                self.db,
                "device",
                "add",
                "crash-kiosk",
                "--district",  # a benchmark's kiosk, not scoped to a school's roster
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        self.credentials = json.loads(out.stdout)
        self.url = f"http://127.0.0.1:{self.port}/xapi/"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "citizenship_app.district.cli",
                "--db",
                self.db,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import httpx

        for _ in range(300):  # bounded: up to 30 s
            try:
                if (
                    httpx.get(
                        self.url + "about", headers={"X-Experience-API-Version": "1.0.3"}, timeout=1
                    ).status_code
                    == 200
                ):
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        os.environ.update(
            {
                "CITIZENSHIP_HUB_URL": self.url,
                "CITIZENSHIP_HUB_USERNAME": self.credentials["username"],
                "CITIZENSHIP_HUB_PASSWORD": self.credentials["password"],
            }
        )

    def statement_ids(self) -> list[str]:
        import httpx

        ids, url, params = [], self.url + "statements", {"limit": "500"}
        auth = (self.credentials["username"], self.credentials["password"])
        with httpx.Client(auth=auth, headers={"X-Experience-API-Version": "1.0.3"}) as client:
            while url:
                body = client.get(url, params=params).json()
                ids += [s["id"] for s in body["statements"]]
                url = httpx.URL(self.url).join(body["more"]) if body.get("more") else None
                params = None
        return ids

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for key in ("CITIZENSHIP_HUB_URL", "CITIZENSHIP_HUB_USERNAME", "CITIZENSHIP_HUB_PASSWORD"):
            os.environ.pop(key, None)


def verify_hub(data_dir: str, hub: LocalHub) -> list[str]:
    """After a last sync: the hub holds exactly the outbox's statements, each once."""
    from citizenship_app.core.store import open_store
    from citizenship_app.core.sync import sync_once

    db = open_store(data_dir)
    try:
        db.execute("DELETE FROM settings WHERE key = 'sync_next_try'")
        db.conn.commit()
        result = sync_once(db)
        outbox = {r[0] for r in db.execute("SELECT id FROM outbox")}
    finally:
        db.conn.close()
    held = hub.statement_ids()
    problems = []
    if result.error or result.pending or result.quarantined:
        problems.append(f"final sync: {result}")
    if len(held) != len(set(held)):
        problems.append("the hub holds a statement twice")
    if set(held) != outbox:
        problems.append(f"hub has {len(set(held))} statements, the outbox {len(outbox)}")
    return problems


def run(
    runs: int, seed: int, max_seconds: float, data_dir: str | None = None, with_hub: bool = False
) -> dict:

    data_dir = data_dir or tempfile.mkdtemp(prefix="crash-bench-")
    hub = LocalHub(data_dir) if with_hub else None
    try:
        return _run(runs, seed, max_seconds, data_dir, hub)
    finally:
        if hub:
            hub.stop()


def _run(runs: int, seed: int, max_seconds: float, data_dir: str, hub) -> dict:
    from citizenship_app.core.demo import ensure_school
    from citizenship_app.core.store import open_store

    db = open_store(data_dir)
    ensure_school(db)
    db.conn.close()
    rng = random.Random(seed)
    totals = {"runs": 0, "answers": 0, "submitted": 0, "pages": 0, "problems": []}
    for n in range(runs):
        events = run_once(data_dir, rng.randrange(1 << 30), rng.uniform(0.8, max_seconds))
        problems = verify(data_dir, events)
        totals["runs"] += 1
        for kind, key in (("answer", "answers"), ("submitted", "submitted"), ("page", "pages")):
            totals[key] += sum(1 for e in events if e["event"] == kind)
        totals["problems"].extend(f"run {n}: {p}" for p in problems)
    if hub is not None:
        totals["synced"] = len(hub.statement_ids())
        totals["problems"].extend(f"hub: {p}" for p in verify_hub(data_dir, hub))
        totals["on_hub"] = len(hub.statement_ids())
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=3.0)
    parser.add_argument("--no-hub", action="store_true", help="do not sync to a local hub")
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "SEED"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    totals = run(args.runs, args.seed, args.max_seconds, with_hub=not args.no_hub)
    print(f"runs killed with SIGKILL: {totals['runs']} in {time.time() - started:.0f} s")
    print(
        f"answers shown as saved: {totals['answers']}, attempts submitted: {totals['submitted']}, "
        f"pages turned: {totals['pages']}"
    )
    if "on_hub" in totals:
        print(
            f"statements on the hub when the runs ended: {totals['synced']}; after a final sync: "
            f"{totals['on_hub']} (one per outbox row, none twice)"
        )
    print(f"problems: {len(totals['problems'])}")
    for problem in totals["problems"][:20]:
        print("  " + problem)
    sys.exit(1 if totals["problems"] else 0)


if __name__ == "__main__":
    main()
