"""Every K-2 question shows a picture of its situation (issue 15, point 3): beside the words,
within the screen at 1024x768 with the largest text, named for screen readers; read-aloud
still reads the words."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from test_quiz_feedback_ui import THUMBS, start

from citizenship_app.ui import theme


def test_a_k2_question_shows_its_picture_within_a_small_screen_at_the_largest_text(qtbot, window, tmp_path):
    theme.apply(QApplication.instance(), "largest")
    window.resize(1024, 768)
    page = start(window, tmp_path, "k-2", "k2-a", THUMBS)
    qtbot.waitUntil(lambda: page.isVisible() and page.answer.isVisible())
    picture = page.findChild(QLabel, "questionPicture")
    assert picture is not None and picture.isVisible()
    assert picture.accessibleName() == "A child holds a big gold key next to a locked laptop."
    pixmap = picture.pixmap()
    assert not pixmap.isNull()
    least, most = page.QUESTION_PICTURE
    assert least <= max(pixmap.width(), pixmap.height()) <= most
    # Inside the window, and beside the question (to its left), which keeps room to read.
    shown = QRect(picture.mapTo(window, QPoint(0, 0)), picture.size())
    assert window.rect().contains(shown), (shown, window.rect())
    prompt = next(w for w in page.findChildren(QLabel, "prompt") if w.text() == page.question.prompt)
    assert prompt.mapTo(window, QPoint(0, 0)).x() >= shown.right()
    assert prompt.width() >= 400
    # The picture, the question and every answer are in sight at once, without scrolling.
    assert page.area.verticalScrollBar().value() == 0
    view = page.area.viewport()
    for widget in (picture, prompt, *page.answer.findChildren(QWidget)):
        if widget.isVisible():
            top = widget.mapTo(view, QPoint(0, 0)).y()
            assert 0 <= top and top + widget.height() <= view.height(), widget.objectName()
    # Read-aloud reads the question, not the picture's description.
    assert picture.accessibleName() not in page.question_texts()


def test_a_question_without_a_picture_shows_none(qtbot, window, tmp_path):
    from test_quiz_feedback_ui import QUIZ

    page = start(window, tmp_path, "3-5", "g35-a", QUIZ)
    assert page.findChild(QLabel, "questionPicture") is None
