"""A student's progress: pages read, quiz attempts, answers and completions.

Every function commits before it returns, so whatever the screen shows as saved is on disk:

    >>> save_page(db, "stu-1", "k2-private-info", page=2, pages=4)
    >>> attempt = start_attempt(db, "stu-1", module)          # or the unfinished one, resumed
    >>> record_answer(db, attempt, question, ["a"])            # saved the moment it is graded
    >>> outcome = submit_attempt(db, attempt, module)          # attempt + completion + outbox
"""

from __future__ import annotations

import json
import logging
import random
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from . import xapi
from .bank import draw_questions
from .content import Module, Question
from .logs import person_ref
from .quiz import Graded, Response, grade, passed, points, score_percent
from .schools import record_school
from .store import Store, get_setting, now, transaction

log = logging.getLogger(__name__)

NOT_STARTED, IN_PROGRESS, PASSED, FAILED = "not_started", "in_progress", "passed", "failed"


def machine_name(db: Store) -> str:
    """This kiosk's name in records: a setting, else the host name."""
    return get_setting(db, "machine_name") or socket.gethostname()


# -- pages ---------------------------------------------------------------------------------


def save_page(db: Store, person_id: str, module_id: str, page: int, pages: int) -> None:
    """Remember the page a student is on (0-based) and the furthest page reached."""
    with transaction(db):
        db.execute(
            """INSERT INTO page_progress (person_id, module_id, page, pages, max_page, updated_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (person_id, module_id) DO UPDATE SET
                 page = excluded.page, pages = excluded.pages,
                 max_page = MAX(page_progress.max_page, excluded.page),
                 updated_at = excluded.updated_at""",
            [person_id, module_id, page, pages, page, now()],
        )


def resume_page(db: Store, person_id: str, module_id: str, pages: int) -> int:
    """The page to open a lesson on: where the student left it, within the lesson's pages."""
    row = db.execute(
        "SELECT page FROM page_progress WHERE person_id = ? AND module_id = ?",
        [person_id, module_id],
    ).fetchone()
    return min(row[0], pages - 1) if row else 0


# -- status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleStatus:
    state: str
    page: int = 0  # 0-based page the student is on
    pages: int = 0
    best_score: int | None = None  # percent, of the best submitted attempt
    attempts: int = 0
    in_quiz: bool = False  # an attempt is open: the student left mid-quiz

    def label(self) -> str:
        if self.state == PASSED:
            return f"Passed ({self.best_score}%)"
        if self.state == FAILED:
            return f"Try again (best {self.best_score}%)"
        if self.state == IN_PROGRESS:
            return "Quiz started" if self.in_quiz else f"Page {self.page + 1} of {self.pages}"
        return "Not started"


def statuses(db: Store, person_id: str, modules: list[Module]) -> dict[str, ModuleStatus]:
    """Status of each module for one student, in three queries whatever the module count."""
    pages = {
        r[0]: (r[1], r[2])
        for r in db.execute(
            "SELECT module_id, page, pages FROM page_progress WHERE person_id = ?", [person_id]
        )
    }
    attempts: dict[str, tuple[int, int | None, bool]] = {}
    for module_id, count, best, open_count in db.execute(
        """SELECT module_id, COUNT(submitted_at), MAX(score), SUM(submitted_at IS NULL)
           FROM quiz_attempts WHERE person_id = ? GROUP BY module_id""",
        [person_id],
    ):
        attempts[module_id] = (count, None if best is None else int(best), bool(open_count))
    completed = {
        r[0]
        for r in db.execute("SELECT DISTINCT module_id FROM completions WHERE person_id = ?", [person_id])
    }
    result = {}
    for module in modules:
        count, best, open_attempt = attempts.get(module.id, (0, None, False))
        page, _ = pages.get(module.id, (0, len(module.pages)))
        page = min(page, len(module.pages) - 1)
        if module.id in completed:
            state = PASSED
        elif count:
            state = FAILED
        elif module.id in pages or open_attempt:
            state = IN_PROGRESS
        else:
            state = NOT_STARTED
        result[module.id] = ModuleStatus(state, page, len(module.pages), best, count, open_attempt)
    return result


# -- attempts ------------------------------------------------------------------------------


@dataclass
class Attempt:
    id: str
    person_id: str
    module_id: str
    class_id: str | None
    question_order: list[str]
    started_at: str
    #: question id -> (response, score 0..1); a score of 1 is a right answer.
    answers: dict[str, tuple[Response, float]] = field(default_factory=dict)

    def next_question(self) -> str | None:
        """The first question not yet answered: where a resumed quiz continues."""
        return next((q for q in self.question_order if q not in self.answers), None)

    def _scores(self) -> list[float]:
        return [self.answers[q][1] for q in self.question_order if q in self.answers]

    @property
    def correct(self) -> int:
        """Questions answered wholly right."""
        return sum(1 for score in self._scores() if score >= 1)

    @property
    def points(self) -> float:
        """The sum of the scores: what the percent and the pass mark are measured on."""
        return points(self._scores())


def start_attempt(db: Store, person_id: str, module: Module, class_id: str | None = None) -> Attempt:
    """Resume the student's open attempt at this module, or start a new one.

    The questions (all of them, or a bank's draw) in the authored order, which builds from easy
    to hard, are stored with the attempt, so a resumed attempt asks the same questions in the same
    order even if the quiz file changed in between.
    """
    row = db.execute(
        """SELECT id, class_id, question_order, started_at FROM quiz_attempts
           WHERE person_id = ? AND module_id = ? AND submitted_at IS NULL
           ORDER BY started_at DESC LIMIT 1""",
        [person_id, module.id],
    ).fetchone()
    if row:
        attempt = Attempt(row[0], person_id, module.id, row[1], json.loads(row[2]), row[3])
        for qid, response, ok in db.execute(
            "SELECT question_id, response, correct FROM quiz_answers WHERE attempt_id = ?", [attempt.id]
        ):
            attempt.answers[qid] = (json.loads(response), float(ok))
        return attempt
    attempt_id = str(uuid.uuid4())
    # A question bank draws a fresh set per attempt, avoiding the student's last one.
    last = db.execute(
        """SELECT question_order FROM quiz_attempts WHERE person_id = ? AND module_id = ?
           ORDER BY started_at DESC LIMIT 1""",
        [person_id, module.id],
    ).fetchone()
    order = draw_questions(
        module.quiz, module.meta.policy_items, attempt_id, avoid=json.loads(last[0]) if last else ()
    )
    attempt = Attempt(attempt_id, person_id, module.id, class_id, order, now())
    with transaction(db):
        db.execute(
            """INSERT INTO quiz_attempts (id, person_id, module_id, class_id, question_order,
                 started_at, total, pass_mark, machine) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                attempt.id,
                person_id,
                module.id,
                class_id,
                json.dumps(order),
                attempt.started_at,
                len(order),
                module.quiz.pass_mark,
                machine_name(db),
            ],
        )
    return attempt


def shuffled(attempt_id: str, question_id: str, ids: list[str], *, unsolved: bool = False) -> list[str]:
    """A display order seeded by the attempt and question: the same on every resume, fresh
    on a retake, and a uniform permutation (Fisher-Yates), so an authored right answer lands
    in each place equally often.

    `unsolved=True` (ordering steps, matching answers) draws uniformly from the orders other
    than the given one, so the student cannot pass by not touching anything.
    """
    rng = random.Random(f"{attempt_id}:{question_id}")
    order = list(ids)
    rng.shuffle(order)
    # Rejection sampling keeps the draw uniform over the remaining orders; with two or more
    # ids each draw is the given order with probability at most 1/2.
    while unsolved and len(ids) > 1 and order == list(ids):
        rng.shuffle(order)
    return order


class NotInAttempt(ValueError):
    """The question is not one this attempt asks (a bank draws only some of them)."""


def record_answer(db: Store, attempt: Attempt, question: Question, response: Response) -> Graded:
    """Grade and save one answer. An answer once given stands: asking again returns it."""
    if question.id not in attempt.question_order:
        raise NotInAttempt(f"question {question.id!r} is not part of attempt {attempt.id}")
    if question.id in attempt.answers:
        stored, _ = attempt.answers[question.id]
        return grade(question, stored)
    graded = grade(question, response)
    # `correct` holds the score: 1 or 0, or a share of an ordering's pairs (SQLite keeps the
    # fraction as REAL in the INTEGER-affinity column, so no migration is needed).
    score = 1 if graded.correct else round(graded.score, 6) if graded.score else 0
    with transaction(db):
        db.execute(
            """INSERT OR IGNORE INTO quiz_answers (attempt_id, question_id, response, correct, answered_at)
               VALUES (?, ?, ?, ?, ?)""",
            [attempt.id, question.id, json.dumps(response), score, now()],
        )
    attempt.answers[question.id] = (response, float(score))
    return graded


@dataclass(frozen=True)
class Outcome:
    correct: int
    total: int
    score: int  # percent
    pass_mark: int
    passed: bool
    completion_id: str | None

    #: A failed attempt within this many points of the pass mark is "almost there".
    NEAR_MISS_POINTS = 20

    @property
    def near_miss(self) -> bool:
        """Failed, but close to the pass mark (the result screen words it so)."""
        return not self.passed and self.score >= self.pass_mark - self.NEAR_MISS_POINTS


class AttemptNotFinished(Exception):
    pass


def submit_attempt(db: Store, attempt: Attempt, module: Module) -> Outcome:
    """Close the attempt; if it passed, record the completion. One transaction, with the outbox.

    Submitting an attempt twice (a double tap, a restart) returns the stored outcome.
    """
    if attempt.next_question() is not None:
        raise AttemptNotFinished(f"question {attempt.next_question()!r} has no answer yet")
    total, correct, earned = len(attempt.question_order), attempt.correct, attempt.points
    score = score_percent(earned, total)
    ok = passed(earned, total, module.quiz.pass_mark)
    finished = now()
    machine = machine_name(db)
    sis = get_setting(db, "sis_home_page", xapi.DEFAULT_SIS_HOME_PAGE)
    completion_id = None
    with transaction(db):
        done = db.execute(
            "SELECT submitted_at, correct, score, passed FROM quiz_attempts WHERE id = ?", [attempt.id]
        ).fetchone()
        if done and done[0] is not None:
            cid = db.execute("SELECT id FROM completions WHERE attempt_id = ?", [attempt.id]).fetchone()
            return Outcome(
                done[1], total, int(done[2]), module.quiz.pass_mark, bool(done[3]), cid[0] if cid else None
            )
        db.execute(
            "UPDATE quiz_attempts SET submitted_at = ?, correct = ?, score = ?, passed = ? WHERE id = ?",
            [finished, correct, score, int(ok), attempt.id],
        )
        verb = "passed" if ok else "failed"
        statement = xapi.attempt_statement(
            verb=verb,
            record_id=attempt.id,
            sis_home_page=sis,
            person_id=attempt.person_id,
            module_id=module.id,
            module_title=module.title,
            class_id=attempt.class_id,
            correct=earned,
            total=total,
            passed=ok,
            started=datetime.fromisoformat(attempt.started_at),
            finished=datetime.fromisoformat(finished),
            machine=machine,
            school_id=record_school(db, attempt.class_id, attempt.person_id),
        )
        if ok:
            completion_id = xapi.completion_id(attempt.id)
            db.execute(
                """INSERT INTO completions (id, person_id, module_id, attempt_id, score, completed_at,
                     machine) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [completion_id, attempt.person_id, module.id, attempt.id, score, finished, machine],
            )
        db.execute(
            """INSERT INTO outbox (id, kind, record_id, statement, created_at)
               VALUES (?, ?, ?, ?, ?)""",
            [statement["id"], verb, attempt.id, json.dumps(statement), finished],
        )
    log.info(
        "attempt submitted: %s module=%s passed=%s score=%d%%",
        person_ref(attempt.person_id),
        module.id,
        ok,
        score,
    )
    return Outcome(correct, total, score, module.quiz.pass_mark, ok, completion_id)
