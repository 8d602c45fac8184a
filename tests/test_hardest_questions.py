"""The "hardest questions" view's data: a teacher's class, a counselor's school, from answers
where the hardest questions are known; each person sees only what their role allows."""

from __future__ import annotations

import dataclasses
import math
import random

import pytest
from PySide6.QtCore import Qt
from test_item_analysis import _response  # answers right or wrong, for every type

from citizenship_app.core import item_analysis, people, progress
from citizenship_app.core.errors import NotAllowed
from citizenship_app.core.store import transaction

HARD, MISKEYED = 1, 2  # positions in the module's question list (HV's students)
OTHER_HARD = 4  # the question the other school's students miss


def _p_right(position: int, ability: float, hard: int, miskeyed: int | None) -> float:
    if position == hard:
        return 0.05
    if position == miskeyed:
        return 1 / (1 + math.exp(3 * ability))  # the better the student, the likelier wrong
    return 1 / (1 + math.exp(-3 * ability - 1.5))


def _answer(db, module, students, attempts, hard, miskeyed, rng) -> None:
    by_id = {q.id: q for q in module.quiz.questions}
    position = {q.id: i for i, q in enumerate(module.quiz.questions)}
    abilities = {s: a for s, a in zip(students, [-1.5, -0.5, 0.0, 0.6, 1.5], strict=False)}
    for n in range(attempts):
        student = students[n % len(students)]
        attempt = progress.start_attempt(db, student, module)
        for qid in attempt.question_order:
            right = rng.random() < _p_right(position[qid], abilities[student], hard, miskeyed)
            progress.record_answer(db, attempt, by_id[qid], _response(by_id[qid], right))
        progress.submit_attempt(db, attempt, module)


def _other_school(db) -> list[str]:
    """A second school with a grade 7 class of five students (the demo has one school)."""
    with transaction(db):
        db.execute(
            "INSERT INTO orgs (sourced_id, name, type, parent_id) "
            "VALUES ('org-other', 'Other Middle', 'school', 'org-hvsd')"
        )
        db.execute(
            "INSERT INTO classes (sourced_id, title, school_id, tier) "
            "VALUES ('class-x', 'Grade 7 X', 'org-other', '6-8')"
        )
        students = [f"s-other-{n}" for n in range(5)]
        for sid in students:
            db.execute(
                """INSERT INTO people (sourced_id, given_name, family_name, role, tier, org_ids)
                   VALUES (?, 'Pat', 'Other', 'student', '6-8', 'org-other')""",
                [sid],
            )
            db.execute(
                """INSERT INTO enrollments (sourced_id, class_id, person_id, school_id, role)
                   VALUES (?, 'class-x', ?, 'org-other', 'student')""",
                [f"e-{sid}", sid],
            )
    return students


@pytest.fixture
def answered(demo_db, catalog):
    """Grade 7 at the demo school (40 attempts: question HARD is missed, MISKEYED is missed by
    the strong students) and at another school (30 attempts: OTHER_HARD is missed)."""
    # Every shipped module is a bank; here every attempt asks every question (no draw), so each
    # question's share of right answers is known exactly.
    module = next(m for m in catalog.for_tier("6-8") if len(m.quiz.questions) >= 6)
    module = dataclasses.replace(module, quiz=module.quiz.model_copy(update={"draw": None}))
    rng = random.Random(2314)
    ours = [s.id for s in people.class_students(demo_db, "class-07")]
    _answer(demo_db, module, ours, 40, HARD, MISKEYED, rng)
    _answer(demo_db, module, _other_school(demo_db), 30, OTHER_HARD, None, rng)
    return module


def test_a_teacher_sees_the_hardest_questions_of_their_class(demo_db, answered):
    questions = answered.quiz.questions
    stats = item_analysis.class_hardest(demo_db, "t-brennan", "class-07")
    assert stats[0].question_id == questions[HARD].id
    assert stats[0].responses == 40 and stats[0].difficulty < 0.2 and "too-hard" in stats[0].flags
    by_id = {s.question_id: s for s in stats}
    miskeyed = by_id[questions[MISKEYED].id]
    assert miskeyed.discrimination < 0 and "negative" in miskeyed.flags
    assert questions[OTHER_HARD].id not in [s.question_id for s in stats[:2]]  # not this class's problem
    assert [s.difficulty for s in stats] == sorted(s.difficulty for s in stats)  # hardest first


def test_a_teacher_may_not_see_another_class_or_the_school(demo_db, answered):
    with pytest.raises(NotAllowed):
        item_analysis.class_hardest(demo_db, "t-okafor", "class-07")
    with pytest.raises(NotAllowed):
        item_analysis.class_hardest(demo_db, "t-brennan", "class-x")
    with pytest.raises(NotAllowed):
        item_analysis.school_hardest(demo_db, "t-brennan")


def test_a_counselor_sees_their_school_and_an_administrator_every_school(demo_db, answered):
    questions = answered.quiz.questions
    ours = item_analysis.school_hardest(demo_db, "t-tanaka")  # the counselor at the demo school
    assert ours[0].question_id == questions[HARD].id and ours[0].responses == 40
    with transaction(demo_db):  # a district administrator (the demo's is the school's)
        demo_db.execute("UPDATE people SET org_ids = 'org-hvsd' WHERE sourced_id = 'a-whitfield'")
    everyone = {s.question_id: s for s in item_analysis.school_hardest(demo_db, "a-whitfield")}
    assert everyone[questions[HARD].id].responses == 70  # both schools' answers
    other = everyone[questions[OTHER_HARD].id]
    mine = {s.question_id: s for s in ours}[questions[OTHER_HARD].id]
    assert other.difficulty < mine.difficulty  # the other school's miss shows only with it


def test_nothing_is_listed_before_a_few_answers(demo_db, catalog):
    module = catalog.for_tier("6-8")[0]
    module = dataclasses.replace(module, quiz=module.quiz.model_copy(update={"draw": None}))
    ours = [s.id for s in people.class_students(demo_db, "class-07")]
    _answer(demo_db, module, ours, item_analysis.VIEW_LISTED - 1, HARD, None, random.Random(1))
    assert item_analysis.class_hardest(demo_db, "t-brennan", "class-07") == []


def _staff_sign_in(qtbot, window, username: str) -> None:
    from kiosk_driver import click, find
    from PySide6.QtWidgets import QLineEdit

    from citizenship_app.core.demo import DEMO_STAFF_PASSWORD

    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), username)
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")


def _tab(qtbot, tabs, title: str) -> None:
    from PySide6.QtCore import Qt

    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(index).center())


def _shown_rows(panel) -> list[tuple]:
    model = panel.model
    return [
        tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_the_teacher_screen_lists_the_class_hardest_question_first(qtbot, window, answered):
    from citizenship_app.ui.staff.teacher import TeacherPage

    _staff_sign_in(qtbot, window, "pbrennan")
    page = window.stack.currentWidget()
    assert isinstance(page, TeacherPage)
    row = next(i for i in range(page.classes.count()) if page.classes.item(i).data(Qt.UserRole) == "class-07")
    page.classes.setCurrentRow(row)
    _tab(qtbot, page.tabs, "Hardest questions")
    qtbot.waitUntil(lambda: page.hardest.stats is not None, timeout=10_000)
    rows = _shown_rows(page.hardest)
    hard = answered.quiz.questions[HARD]
    assert rows[0][:2] == (answered.title, hard.prompt)
    assert rows[0][2].endswith("%") and int(rows[0][2][:-1]) < 20 and rows[0][4] == "40"
    assert "too hard" in rows[0][5]
    miskeyed = next(r for r in rows if r[1] == answered.quiz.questions[MISKEYED].prompt)
    assert "strong students miss it: check the answer" in miskeyed[5] and miskeyed[3].startswith("-")


def test_the_counselor_screen_lists_their_school_only(qtbot, window, answered):
    from citizenship_app.ui.staff.counselor import CounselorPage

    _staff_sign_in(qtbot, window, "rtanaka")
    page = window.stack.currentWidget()
    assert isinstance(page, CounselorPage)
    _tab(qtbot, page.tabs, "Hardest questions")
    qtbot.waitUntil(lambda: page.hardest.stats is not None, timeout=10_000)
    rows = _shown_rows(page.hardest)
    assert rows[0][1] == answered.quiz.questions[HARD].prompt
    assert {r[4] for r in rows} <= {"40"}  # the other school's 30 attempts are not counted
