"""Item analysis on answers whose right flags are known: simulated students of known ability
answer through the real attempt API, with one question everyone gets right, one almost nobody
gets right and one that strong students get wrong (a miskeyed item)."""

from __future__ import annotations

import dataclasses
import json
import math
import random
import subprocess
import sys

import pytest

from citizenship_app.core import item_analysis, progress

CLI = [sys.executable, "-c", "import sys; from citizenship_app.cli import main; sys.exit(main())"]
EASY, HARD, MISKEYED = 0, 1, 2  # positions in the module's question list


def _response(question, right: bool):
    ids = question.correct_ids
    if question.type == "ordering":
        return list(ids) if right else list(reversed(ids))
    if question.type == "matching":
        return {p: (p if right else ids[(i + 1) % len(ids)]) for i, p in enumerate(ids)}
    wrong = [c.id for c in question.choices if not c.correct]
    return list(ids) if right else wrong[:1]


def _p_right(position: int, ability: float) -> float:
    if position == EASY:
        return 1.0
    if position == HARD:
        return 0.03
    if position == MISKEYED:
        return 1 / (1 + math.exp(2.5 * ability))  # the better the student, the likelier wrong
    return 1 / (1 + math.exp(-2.5 * ability))


@pytest.fixture
def answered(demo_db, catalog):
    """240 submitted attempts at one module, its bank set aside (every attempt asks every question)."""
    module = next(
        m for m in catalog.modules.values() if len(m.quiz.questions) >= 6 and m.tier in ("6-8", "9-12")
    )
    module = dataclasses.replace(module, quiz=module.quiz.model_copy(update={"draw": None}))
    students = [r[0] for r in demo_db.execute("SELECT sourced_id FROM people WHERE role = 'student'")]
    rng = random.Random(2314)
    abilities = {s: rng.gauss(0, 1) for s in students}
    position = {q.id: i for i, q in enumerate(module.quiz.questions)}
    by_id = {q.id: q for q in module.quiz.questions}
    for n in range(240):
        student = students[n % len(students)]
        attempt = progress.start_attempt(demo_db, student, module)
        for qid in attempt.question_order:
            right = rng.random() < _p_right(position[qid], abilities[student])
            progress.record_answer(demo_db, attempt, by_id[qid], _response(by_id[qid], right))
        progress.submit_attempt(demo_db, attempt, module)
    return module


def test_the_flags_find_the_easy_the_hard_and_the_miskeyed_question(demo_db, answered):
    stats = {s.question_id: s for s in item_analysis.analyse(demo_db, [answered.id])}
    questions = answered.quiz.questions
    assert set(stats) == {q.id for q in questions}
    assert all(s.responses == 240 for s in stats.values())
    easy, hard, miskeyed = (stats[questions[i].id] for i in (EASY, HARD, MISKEYED))
    assert easy.difficulty == 1.0 and easy.flags == ("too-easy",) and easy.discrimination is None
    assert hard.difficulty < 0.1 and "too-hard" in hard.flags
    assert miskeyed.discrimination < -0.2 and "negative" in miskeyed.flags
    for q in questions[3:]:
        good = stats[q.id]
        assert good.discrimination > item_analysis.WEAK and good.flags == (), good
    # Hardest first: the teacher's reteaching list starts with the hard one.
    assert item_analysis.hardest(item_analysis.analyse(demo_db, [answered.id]))[0] == hard


def test_nothing_is_flagged_before_enough_answers(demo_db, answered):
    stats = item_analysis.analyse(demo_db, [answered.id], min_responses=241)
    assert all(s.flags == () for s in stats)


def test_scope_limits_the_answers_to_the_given_students(demo_db, answered):
    one = demo_db.execute("SELECT person_id FROM quiz_attempts WHERE module_id = ? LIMIT 1", [answered.id])
    person = one.fetchone()[0]
    mine = demo_db.execute(
        "SELECT COUNT(*) FROM quiz_attempts WHERE person_id = ? AND submitted_at IS NOT NULL", [person]
    ).fetchone()[0]
    stats = item_analysis.analyse(demo_db, person_ids=[person])
    assert stats and all(s.responses == mine for s in stats)
    assert item_analysis.analyse(demo_db, person_ids=[]) == []


def test_open_attempts_do_not_count(demo_db, catalog, answered):
    student = demo_db.execute("SELECT sourced_id FROM people WHERE role = 'student' LIMIT 1").fetchone()[0]
    attempt = progress.start_attempt(demo_db, student, answered)
    question = answered.quiz.questions[HARD]
    progress.record_answer(demo_db, attempt, question, _response(question, True))
    stats = {s.question_id: s for s in item_analysis.analyse(demo_db, [answered.id])}
    assert stats[question.id].responses == 240


def test_the_cli_prints_json_for_authors(demo_dir, answered):
    run = subprocess.run(
        [*CLI, "--data-dir", str(demo_dir), "content", "item-analysis",
         "--module", answered.id, "--json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["min_responses"] == item_analysis.MIN_RESPONSES
    flagged = {q["question"]: q["flags"] for q in report["questions"] if q["flags"]}
    questions = answered.quiz.questions
    assert flagged == {
        questions[EASY].id: ["too-easy"],
        questions[HARD].id: flagged[questions[HARD].id],
        questions[MISKEYED].id: flagged[questions[MISKEYED].id],
    }
    assert "negative" in flagged[questions[MISKEYED].id]
    unknown = subprocess.run(
        [*CLI, "--data-dir", str(demo_dir), "content", "item-analysis",
         "--module", "no-such-module"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert unknown.returncode == 2 and "no-such-module" in unknown.stderr
