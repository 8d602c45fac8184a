"""Drive the real kiosk window the way a student does: clicks and key presses, no shortcuts
into private state except to read what is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton


def find(window, cls, name: str):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name!r} on screen"
    return widget


def click(qtbot, window, name: str) -> None:
    widget = find(window, QAbstractButton, name)
    assert widget.isVisible() and widget.isEnabled(), f"{name!r} is not clickable"
    qtbot.mouseClick(widget, Qt.LeftButton)


def sign_in(qtbot, window, class_id: str, person_id: str, code: str) -> None:
    """Pick the class, tap the name, enter the code: digits on the keypad, or two pictures
    ("cat-sun") for K-2."""
    assert window.stack.currentWidget() is window.signin
    click(qtbot, window, f"class-{class_id}")
    click(qtbot, window, f"student-{person_id}")
    enter_code(qtbot, window, code)


def enter_code(qtbot, window, code: str) -> None:
    if "-" in code:
        for picture in code.split("-"):
            click(qtbot, window, f"pic-{picture}")
        return
    for digit in code:
        click(qtbot, window, f"key{digit}")
    click(qtbot, window, "keyOk")


def read_lesson(qtbot, window) -> int:
    """Click Next through every page; returns the pages seen. Leaves the quiz open."""
    lesson = window.lesson
    pages = len(lesson.module.pages)
    seen = {lesson.page}
    while lesson.next.text() != "Take the quiz":
        click(qtbot, window, "lessonNext")
        seen.add(lesson.page)
    assert lesson.reader.missing == [], f"images not found: {lesson.reader.missing}"
    click(qtbot, window, "lessonNext")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.quiz)
    assert len(seen) == pages or lesson.page == pages - 1
    return len(seen)


def answer_current(qtbot, window, right: bool) -> None:
    """Give the right (or a wrong) answer to the question on screen, then check it."""
    choose_answer(qtbot, window, right)
    click(qtbot, window, "checkAnswer")
    quiz = window.quiz
    assert quiz.feedback.isVisible()
    assert quiz.verdict.text() == ("That's right!" if right else "Not quite.")
    assert quiz.explanation.text() == quiz.question.explanation


def choose_answer(qtbot, window, right: bool) -> None:
    """Give the right (or a wrong) answer to the question on screen, not yet checked."""
    quiz = window.quiz
    question, widget = quiz.question, quiz.answer
    kind = question.type
    if kind == "ordering":
        ids = question.correct_ids
        widget.set_order(ids if right else ids[1:] + ids[:1])
    elif kind == "matching":
        ids = question.correct_ids
        widget.match({p: (p if right else ids[(i + 1) % len(ids)]) for i, p in enumerate(ids)})
    elif kind == "multiple":
        wrong = [c.id for c in question.choices if not c.correct]
        target = question.correct_ids if right else (wrong or question.correct_ids[:1])
        if not right and not wrong:
            target = question.correct_ids[:-1]
        for cid in target:
            qtbot.mouseClick(widget.buttons[cid], Qt.LeftButton)
    else:
        wrong = [c.id for c in question.choices if not c.correct]
        cid = question.correct_ids[0] if right else wrong[0]
        # Click the centre of the button: what a student's tap does.
        qtbot.mouseClick(widget.buttons[cid], Qt.LeftButton, pos=widget.buttons[cid].rect().center())


def take_quiz(qtbot, window, right: int | None = None) -> None:
    """Answer every remaining question; the first `right` correctly (all if None)."""
    quiz = window.quiz
    n = 0
    while window.stack.currentWidget() is quiz:
        answer_current(qtbot, window, right is None or n < right)
        n += 1
        click(qtbot, window, "nextQuestion")
