"""Accessibility: names for screen readers, keyboard-only use, read-aloud, text size and
contrast, big targets for K-2, and the Spanish interface and lessons."""

from __future__ import annotations

import pytest
from kiosk_driver import click, read_lesson, sign_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from citizenship_app.core import people
from citizenship_app.core.demo import DEMO_STAFF_PASSWORD, demo_code
from citizenship_app.ui.app import build_window, create_app

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QTextEdit, QTabBar)


def student(window, tier):
    info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == tier)
    return info.id, people.class_students(window.kiosk.db, info.id)[0]


def unnamed(window) -> list[str]:
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # a spin box's or combo box's own editor: the box carries the name
        if not widget.accessibleName().strip():
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} {getattr(widget, 'text', lambda: '')()!r}"
            )
    return missing


def test_every_interactive_widget_has_an_accessible_name(qtbot, window, monkeypatch):
    from citizenship_app.core import progress

    # Every question of a quiz opened here, not the attempt's draw from the bank: the walk
    # must meet each kind of question, and a draw left out every `ordering` question of the
    # modules it opened in about 1 run in 70.
    monkeypatch.setattr(
        progress, "draw_questions", lambda quiz, *_args, **_kw: [q.id for q in quiz.questions]
    )
    seen = []

    def look(where: str) -> None:
        seen.extend(f"{where}: {m}" for m in unnamed(window))

    look("classes")
    class_id, kid = student(window, "k-2")
    click(qtbot, window, f"class-{class_id}")
    look("names")
    click(qtbot, window, f"student-{kid.id}")
    look("picture code")
    click(qtbot, window, "backToNames")
    click(qtbot, window, "backToClasses")
    click(qtbot, window, "staffSignIn")
    look("staff sign-in")
    click(qtbot, window, "staffFirstTime")
    look("staff first password")
    click(qtbot, window, "staffBack")
    class_id, pupil = student(window, "3-5")
    click(qtbot, window, f"class-{class_id}")
    click(qtbot, window, f"student-{pupil.id}")
    look("PIN pad")
    from kiosk_driver import answer_current, enter_code

    enter_code(qtbot, window, demo_code("3-5"))
    look("home")
    modules = window.kiosk.catalog.for_tier("3-5")
    types_seen = set()
    for module in modules:
        if {q.type for q in module.quiz.questions} - types_seen:
            click(qtbot, window, f"open-{module.id}")
            look(f"lesson {module.id}")
            read_lesson(qtbot, window)
            while window.stack.currentWidget() is window.quiz:
                look(f"quiz {module.id} {window.quiz.question.type}")
                types_seen.add(window.quiz.question.type)
                answer_current(qtbot, window, True)
                look(f"feedback {module.id}")
                click(qtbot, window, "nextQuestion")
            look("result")
            click(qtbot, window, "resultHome")
    assert types_seen == {q.type for m in modules for q in m.quiz.questions}
    assert {"ordering", "matching", "multiple", "scenario", "picture"} <= types_seen
    click(qtbot, window, "signOut")
    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(window.signin.staff_user, "dwhitfield")
    qtbot.keyClicks(window.signin.staff_password, DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")
    click(qtbot, window, "adminButton")
    for tab in range(window.admin.tabs.count()):
        window.admin.tabs.setCurrentIndex(tab)
        look(f"admin tab {tab}")
    assert seen == []


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifiers=Qt.NoModifier):
    qtbot.keyClick(focused(), key, modifiers)


def tab_to(qtbot, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        if focused() is not None and focused().objectName() == name:
            return
        press(qtbot, Qt.Key_Tab)
    raise AssertionError(f"Tab never reached {name!r}; focus is on {focused().objectName()!r}")


def test_a_module_from_sign_in_to_result_with_the_keyboard_alone(qtbot, window):
    window.activateWindow()
    class_id, kid = student(window, "3-5")
    qtbot.waitUntil(lambda: focused() is not None)
    tab_to(qtbot, f"class-{class_id}")
    press(qtbot, Qt.Key_Return)
    tab_to(qtbot, f"student-{kid.id}")
    press(qtbot, Qt.Key_Space)
    assert focused().objectName() == "code"
    qtbot.keyClicks(focused(), demo_code("3-5"))
    press(qtbot, Qt.Key_Return)
    assert window.stack.currentWidget() is window.home
    module = next(
        m
        for m in window.kiosk.catalog.for_tier("3-5")
        if not {q.type for q in m.quiz.questions} & {"matching"}
    )
    tab_to(qtbot, f"open-{module.id}")
    press(qtbot, Qt.Key_Return)
    while window.stack.currentWidget() is window.lesson:
        press(qtbot, Qt.Key_Return)  # the Next button has the focus on every page
    quiz = window.quiz
    while window.stack.currentWidget() is quiz:
        question = quiz.question
        if question.type == "ordering":
            order_with_keys(qtbot, quiz.answer, question.correct_ids)
        else:
            buttons = quiz.answer.buttons
            first = next(iter(buttons.values()))
            first.setFocus() if focused() not in buttons.values() else None
            for cid in question.correct_ids:
                for _ in range(len(buttons)):
                    if focused() is buttons[cid]:
                        break
                    press(qtbot, Qt.Key_Down)
                if not buttons[cid].isChecked():
                    press(qtbot, Qt.Key_Space)
        press(qtbot, Qt.Key_Return)  # check the answer
        assert quiz.verdict.text() == "That's right!", question.id
        press(qtbot, Qt.Key_Return)  # next question / see my score
    assert window.stack.currentWidget() is window.result
    assert window.result.score.text() == "100%"


def order_with_keys(qtbot, answer, wanted: list[str]) -> None:
    """Select each step with the arrow keys and move it into place with Ctrl+Up."""
    from PySide6.QtCore import Qt as _Qt

    listing = answer.list
    listing.setFocus()
    for position, cid in enumerate(wanted):
        row = next(i for i in range(listing.count()) if listing.item(i).data(_Qt.UserRole) == cid)
        while listing.currentRow() != row:
            press(qtbot, Qt.Key_Down if listing.currentRow() < row else Qt.Key_Up)
        while listing.currentRow() > position:
            press(qtbot, Qt.Key_Up, Qt.ControlModifier)
    assert answer.response() == wanted


def test_k2_lesson_is_read_aloud_with_the_sentence_highlighted(qtbot, window):
    class_id, kid = student(window, "k-2")
    sign_in(qtbot, window, class_id, kid.id, demo_code("k-2"))
    module = window.kiosk.catalog.for_tier("k-2")[0]
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.available, timeout=20_000)  # the engine starts in its own process
    with qtbot.waitSignal(speaker.sentence_started, timeout=5000):
        click(qtbot, window, f"open-{module.id}")  # k-2: reading starts by itself
    lesson = window.lesson
    assert lesson.read.isVisible()
    qtbot.waitUntil(lambda: lesson.reader.extraSelections() != [], timeout=5000)
    assert lesson.highlighted in [text for _, _, text in lesson.spoken]
    start, end, _ = lesson.spoken[lesson.reading_index]
    assert lesson.reader.toPlainText()[start:end].replace("\ufffc", "") == lesson.highlighted
    click(qtbot, window, "readAloud")  # stop
    assert not speaker.speaking and lesson.reader.extraSelections() == []
    read_lesson(qtbot, window)
    texts = window.quiz.question_texts()
    assert window.quiz.question.prompt in texts and window.quiz.read.isVisible()


def test_read_aloud_button_is_hidden_without_an_engine(qtbot, demo_dir, catalog, monkeypatch):
    monkeypatch.setenv("CITIZENSHIP_TTS_ENGINE", "no-such-engine")
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.show()
    class_id, kid = student(window, "k-2")
    sign_in(qtbot, window, class_id, kid.id, demo_code("k-2"))
    click(qtbot, window, f"open-{window.kiosk.catalog.for_tier('k-2')[0].id}")
    qtbot.waitUntil(lambda: window.speaker.status == "unavailable", timeout=20_000)  # said so, not hung
    assert not window.speaker.available
    assert not window.lesson.read.isVisible()
    from citizenship_app.core.readaloud import current_fault

    assert current_fault(window.kiosk.db) is None  # no engine is no fault: nothing for IT
    window.idle.stop()


def test_text_size_and_contrast_are_remembered_per_student(qtbot, window):
    class_id, pupil = student(window, "3-5")
    sign_in(qtbot, window, class_id, pupil.id, demo_code("3-5"))
    click(qtbot, window, "textSize")
    click(qtbot, window, "contrast")
    from citizenship_app.ui.theme import stylesheet

    style = QApplication.instance().styleSheet()
    assert style == stylesheet("large", "high")
    assert "QWidget { font-size: 22px" in style and "#00ffff" in style  # 18 px scaled by 1.25
    assert people.preferences(window.kiosk.db, pupil.id) == {"text_size": "large", "contrast": "high"}
    click(qtbot, window, "signOut")
    assert "#00ffff" not in QApplication.instance().styleSheet()  # the next student starts plain
    sign_in(qtbot, window, class_id, pupil.id, demo_code("3-5"))
    assert "#00ffff" in QApplication.instance().styleSheet()
    assert window.contrast_button.isChecked()


def test_k2_touch_targets_are_at_least_64_pixels(qtbot, window):
    class_id, kid = student(window, "k-2")
    sign_in(qtbot, window, class_id, kid.id, demo_code("k-2"))
    module = window.kiosk.catalog.for_tier("k-2")[0]
    click(qtbot, window, f"open-{module.id}")
    read_lesson(qtbot, window)
    for screen in (window.quiz,):
        for widget in screen.findChildren(QAbstractButton):
            if widget.isVisible():
                assert widget.height() >= 64, (widget.objectName(), widget.height())


def test_spanish_interface_and_lessons_chosen_on_the_sign_in_screen(qtbot, window):
    catalog = window.kiosk.catalog
    if "es" not in catalog.translations:
        pytest.fail("no Spanish lessons shipped")
    click(qtbot, window, "lang-es")
    assert window.language == "es"
    title = window.signin.findChild(QWidget, "pageTitle")
    assert title.text() != "Welcome! Pick your class."  # the interface itself is in Spanish
    class_id, pupil = student(window, "3-5")
    sign_in(qtbot, window, class_id, pupil.id, demo_code("3-5"))
    assert people.get_person(window.kiosk.db, pupil.id).language == "es"
    translated = catalog.translations["es"]
    shown = {card.module_id: card for card in window.home.cards.values()}
    some = next(mid for mid in shown if mid in translated)
    click(qtbot, window, f"open-{some}")
    assert window.lesson.title.text() == translated[some].title
    click(qtbot, window, "signOut")
    assert window.language == "en"
    sign_in(qtbot, window, class_id, pupil.id, demo_code("3-5"))  # remembered for this student
    assert window.language == "es"


def test_code_pictures_are_named_in_the_interface_language(qtbot, window):
    click(qtbot, window, "lang-es")
    class_id, pupil = student(window, "k-2")
    click(qtbot, window, f"class-{class_id}")
    click(qtbot, window, f"student-{pupil.id}")
    cat = window.signin.findChild(QToolButton, "pic-cat")
    assert cat.isVisible() and cat.accessibleName() == "gato" and cat.toolTip() == "gato"
    click(qtbot, window, "backToNames")
    click(qtbot, window, "backToClasses")
    click(qtbot, window, "lang-en")
    click(qtbot, window, f"class-{class_id}")
    click(qtbot, window, f"student-{pupil.id}")
    assert window.signin.findChild(QToolButton, "pic-cat").accessibleName() == "cat"


def test_a_k2_pass_is_celebrated_aloud(qtbot, window):
    from kiosk_driver import take_quiz

    class_id, kid = student(window, "k-2")
    sign_in(qtbot, window, class_id, kid.id, demo_code("k-2"))
    module = window.kiosk.catalog.for_tier("k-2")[0]
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.available, timeout=20_000)
    click(qtbot, window, f"open-{module.id}")
    read_lesson(qtbot, window)
    with qtbot.waitSignal(speaker.sentence_started, timeout=10_000):
        take_quiz(qtbot, window)
    result = window.result
    assert window.stack.currentWidget() is result and result.picture.isVisible()
    said = result.spoken_texts()
    assert said == [result.heading.text(), result.cheer.text()] and said[1].startswith("Great job!")
    assert speaker.speaking and speaker._texts == said
