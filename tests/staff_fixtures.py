"""Helpers for the teacher/counselor tests: a small catalog of our own, and records made the
way the kiosk makes them (or, for dated history, the way a sync from the district brings them)."""

from __future__ import annotations

import uuid

from helpers import LESSON, write_module

from citizenship_app.core import paths, progress
from citizenship_app.core.content import load_catalog

#: (tier, id, title, order)
MODULES = [
    ("3-5", "g35-alpha", "Alpha: passwords", 1),
    ("3-5", "g35-beta", "Beta: kind words", 2),
    ("3-5", "g35-gamma", "Gamma: private info", 3),
    ("k-2", "k2-alpha", "Alpha for K-2", 1),
]


def small_catalog(root):
    for tier, module_id, title, order in MODULES:
        text = (
            LESSON.format(id=module_id, tier=tier)
            .replace("Keep your password secret", title)
            .replace("order = 1", f"order = {order}")
        )
        write_module(root, tier, module_id, lesson=text)
    catalog = load_catalog(root / "lessons", root / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    assert catalog.problems == [], catalog.problems
    return catalog


def take(db, person_id: str, module, right: bool = True, class_id: str | None = None):
    """A student answers the (one-question) quiz and submits: a pass or a fail."""
    attempt = progress.start_attempt(db, person_id, module, class_id)
    for qid in attempt.question_order:
        question = module.quiz.question(qid)
        progress.record_answer(
            db,
            attempt,
            question,
            question.correct_ids if right else [c.id for c in question.choices if not c.correct][:1],
        )
    return progress.submit_attempt(db, attempt, module)


def synced_pass(
    db, person_id: str, module_id: str, at: str, score: int = 100, machine: str = "lab-07"
) -> None:
    """A pass dated `at`, as the district sync would bring it from another machine."""
    attempt = str(uuid.uuid4())
    with db.conn:
        db.execute(
            """INSERT INTO quiz_attempts (id, person_id, module_id, question_order, started_at, submitted_at,
                 correct, total, score, passed, pass_mark, machine)
               VALUES (?, ?, ?, '[]', ?, ?, 1, 1, ?, 1, 80, ?)""",
            [attempt, person_id, module_id, at, at, score, machine],
        )
        db.execute(
            """INSERT INTO completions (id, person_id, module_id, attempt_id, score, completed_at,
                 machine, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'district')""",
            [str(uuid.uuid4()), person_id, module_id, attempt, score, at, machine],
        )
