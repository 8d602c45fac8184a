"""Question banks: a quiz with `draw = N` asks N of its questions, a fresh set each attempt,
covering every item its lesson teaches."""

from __future__ import annotations

from collections import Counter

import pytest
from helpers import LESSON, write_module

from citizenship_app.core import paths, progress
from citizenship_app.core.bank import check_bank, draw_questions
from citizenship_app.core.checks import check_content
from citizenship_app.core.content import load_catalog
from citizenship_app.core.store import open_store

ITEMS = ["2314P-security-2", "2314P-security-3", "2314P-safety-1"]


def bank_quiz(module_id: str, draw: int, cover: list[list[str]]) -> str:
    text = f'module = "{module_id}"\npass_mark = 80\ndraw = {draw}\n'
    for n, items in enumerate(cover, 1):
        text += (
            f'\n[[questions]]\nid = "q{n}"\ntype = "single"\nprompt = "Question {n}?"\n'
            'image = "images/k-2/tech-things.svg"\nimage_alt = "Tech on a table."\n'
            f'policy_items = {items!r}\nexplanation = "Because."\n'.replace("'", '"')
        )
        for cid, correct in (("a", "true"), ("b", "false"), ("c", "false")):
            text += (
                f'\n[[questions.choices]]\nid = "{cid}"\ntext = "Choice {cid}{n}"\n'
                f'correct = {correct}\nfeedback = "Why {cid}."\n'
            )
    return text


def lesson(module_id: str, items: list[str]) -> str:
    return LESSON.format(id=module_id, tier="k-2").replace(
        'policy_items = ["2314P-security-2"]', f"policy_items = {items!r}".replace("'", '"')
    )


# Fifteen questions, each item cited by five or six of them: whatever four an attempt drew,
# every item keeps an unseen question for the retake.
COVER = [[ITEMS[n % 3]] for n in range(14)] + [[ITEMS[0], ITEMS[2]]]


@pytest.fixture
def module(tmp_path):
    write_module(
        tmp_path, "k-2", "k2-bank", lesson=lesson("k2-bank", ITEMS), quiz=bank_quiz("k2-bank", 4, COVER)
    )
    catalog = load_catalog(tmp_path / "lessons", tmp_path / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    assert catalog.problems == []
    module = catalog.get("k2-bank")
    assert check_bank(module) == []
    return module


def test_each_draw_covers_every_item_in_authored_order(module):
    authored = [q.id for q in module.quiz.questions]
    seen = Counter()
    for n in range(300):
        drawn = draw_questions(module.quiz, module.meta.policy_items, f"attempt-{n}")
        assert len(drawn) == 4 and drawn == sorted(drawn, key=authored.index)
        covered = {i for qid in drawn for i in module.quiz.question(qid).policy_items}
        assert covered == set(ITEMS)
        seen.update(drawn)
    assert set(seen) == set(authored)  # every question gets asked


def test_a_retake_draws_questions_the_student_has_not_just_seen(tmp_path, module):
    db = open_store(tmp_path / "data")
    db.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role, tier)"
        " VALUES ('s1', 'Ana', 'Ruiz', 'student', 'k-2')"
    )
    db.conn.commit()
    first = progress.start_attempt(db, "s1", module)
    assert len(first.question_order) == 4
    assert progress.start_attempt(db, "s1", module).question_order == first.question_order  # resumed
    for qid in first.question_order:
        progress.record_answer(db, first, module.quiz.question(qid), ["a"])
    outcome = progress.submit_attempt(db, first, module)
    assert (outcome.total, outcome.score, outcome.passed) == (4, 100, True)
    second = progress.start_attempt(db, "s1", module)
    assert second.id != first.id
    assert set(second.question_order).isdisjoint(first.question_order)
    covered = {i for qid in second.question_order for i in module.quiz.question(qid).policy_items}
    assert covered == set(ITEMS)


def test_content_check_reports_a_thin_bank(tmp_path):
    # Six questions for a draw of four (needs eight); one item cited once; a draw of 3 in K-2.
    cover = [[ITEMS[0]], [ITEMS[0]], [ITEMS[1]], [ITEMS[1]], [ITEMS[0]], [ITEMS[2]]]
    write_module(
        tmp_path, "k-2", "k2-thin", lesson=lesson("k2-thin", ITEMS), quiz=bank_quiz("k2-thin", 3, cover)
    )
    catalog = load_catalog(tmp_path / "lessons", tmp_path / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    messages = [f"{p.path.name}:{p.line}: {p.message}" for p in check_content(catalog)]
    assert any(m.startswith("k2-thin.toml:3: draw = 3 is fewer than the 4 questions") for m in messages)
    assert any(
        m.startswith("k2-thin.toml:3:") and "'2314P-safety-1' is checked by 1 question" in m for m in messages
    )


def test_content_check_reports_a_draw_too_small_to_cover_the_items(tmp_path):
    # Every question checks one item; six items cannot fit in a draw of four.
    items = ITEMS + ["2314P-safety-2", "2314P-safety-5", "2314P-preamble-1"]
    cover = [[items[n % 6]] for n in range(12)]
    write_module(
        tmp_path, "k-2", "k2-wide", lesson=lesson("k2-wide", items), quiz=bank_quiz("k2-wide", 4, cover)
    )
    catalog = load_catalog(tmp_path / "lessons", tmp_path / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    messages = [f"{p.path.name}:{p.line}: {p.message}" for p in check_content(catalog)]
    assert any(m.startswith("k2-wide.toml:3: draw = 4 cannot always cover") for m in messages), messages


def test_a_bank_needs_twice_the_draw(tmp_path):
    cover = [[ITEMS[n % 3]] for n in range(7)]
    write_module(
        tmp_path, "k-2", "k2-small", lesson=lesson("k2-small", ITEMS), quiz=bank_quiz("k2-small", 4, cover)
    )
    catalog = load_catalog(tmp_path / "lessons", tmp_path / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    messages = [f"{p.path.name}:{p.line}: {p.message}" for p in check_content(catalog)]
    assert (
        "k2-small.toml:3: draw = 4 needs a bank of at least 8 questions (twice the draw); it has 7"
        in messages
    )


def test_a_translation_keeps_the_english_draw(tmp_path):
    from test_content import SPANISH_LESSON, write_translation

    write_module(
        tmp_path, "k-2", "k2-bank", lesson=lesson("k2-bank", ITEMS), quiz=bank_quiz("k2-bank", 4, COVER)
    )
    lesson_es = SPANISH_LESSON.format(id="k2-bank", tier="k-2").replace(
        'policy_items = ["2314P-security-2"]', f"policy_items = {ITEMS!r}".replace("'", '"')
    )
    write_translation(tmp_path, "k-2", "k2-bank", lesson_es, bank_quiz("k2-bank", 5, COVER))
    catalog = load_catalog(tmp_path / "lessons", tmp_path / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    assert [f"{p.path.name}:{p.line}: {p.message}" for p in catalog.problems] == [
        "k2-bank.toml:3: draw differs from the English quiz (4)"
    ]


def test_a_retake_still_covers_every_item_within_the_draw(tmp_path):
    """Unseen questions first, but not at the cost of coverage: after an attempt that used
    both two-item questions, five items must still fit in a draw of four."""
    items = ITEMS + ["2314P-safety-2", "2314P-safety-5"]
    a, b, c, d, e = items
    cover = [[a, b], [c, d], [a], [b], [c], [d], [e], [e]]
    write_module(
        tmp_path, "k-2", "k2-tight", lesson=lesson("k2-tight", items), quiz=bank_quiz("k2-tight", 4, cover)
    )
    catalog = load_catalog(tmp_path / "lessons", tmp_path / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    module = catalog.get("k2-tight")
    assert check_bank(module) == []
    last = ["q1", "q2", "q7", "q3"]
    drawn = draw_questions(module.quiz, items, "retake", avoid=last)
    assert len(drawn) == 4
    assert {i for qid in drawn for i in module.quiz.question(qid).policy_items} == set(items)
    assert "q8" in drawn  # the unseen way to check the fifth item


def test_only_the_drawn_questions_are_answered_and_scored(tmp_path, module):
    db = open_store(tmp_path / "data")
    db.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role, tier)"
        " VALUES ('s1', 'Ana', 'Ruiz', 'student', 'k-2')"
    )
    db.conn.commit()
    attempt = progress.start_attempt(db, "s1", module)
    outside = next(q for q in module.quiz.questions if q.id not in attempt.question_order)
    with pytest.raises(progress.NotInAttempt):
        progress.record_answer(db, attempt, outside, ["a"])
    assert db.execute("SELECT COUNT(*) FROM quiz_answers").fetchone() == (0,)
    for qid in attempt.question_order:
        progress.record_answer(db, attempt, module.quiz.question(qid), ["a"])
    outcome = progress.submit_attempt(db, attempt, module)
    assert (outcome.correct, outcome.total, outcome.score) == (4, 4, 100)
