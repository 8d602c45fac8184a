"""Quiz: one question at a time, immediate feedback, then the result against the pass mark."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core import progress
from ..core.paths import ASSETS_DIR
from .i18n import translate
from .questions import AnswerWidget, answer_widget
from .widgets import FitRow, button, clear_layout, label, repolish

if TYPE_CHECKING:
    from ..core.kiosk import Kiosk


class QuizPage(QWidget):
    finished = Signal(object)  # progress.Outcome
    home_requested = Signal()

    def __init__(self, kiosk: Kiosk, speaker=None, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.speaker = speaker
        self.setObjectName("page")
        self.module = None
        self.attempt: progress.Attempt | None = None
        self.question = None
        self.answer: AnswerWidget | None = None
        self.picture: QLabel | None = None  # the question's picture, if it has one
        self._picture_icon = QIcon()
        self._picture_size = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 12, 48, 16)
        top = QHBoxLayout()
        self.title = label("", "pageTitle")
        top.addWidget(self.title, 1)
        home = button(translate("Kiosk", "My lessons"), "quizHome", secondary=True)
        home.clicked.connect(self.home_requested)
        self.read = button(translate("Kiosk", "Read to me"), "readQuestion", secondary=True)
        self.read.clicked.connect(self.read_question)
        self.read.setVisible(bool(speaker and speaker.available))
        if speaker is not None:
            speaker.available_changed.connect(self._speaker_available)
        top.addWidget(self.read, 0, Qt.AlignTop)
        top.addWidget(home, 0, Qt.AlignTop)
        layout.addLayout(top)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(translate("Kiosk", "Quiz progress"))
        layout.addWidget(self.bar)
        self.counter = label("", "hint")
        layout.addWidget(self.counter)

        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setSpacing(14)
        # The question, its answers and then the feedback scroll together: the feedback never
        # takes the room of the answers it talks about. A long question at the largest text
        # on a small screen scrolls; the buttons below stay put.
        self.area = QScrollArea()
        self.area.setObjectName("quizBody")
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QScrollArea.NoFrame)
        self.area.setWidget(body)
        self.area.verticalScrollBar().rangeChanged.connect(self._follow_feedback)
        layout.addWidget(self.area, 1)

        self.feedback = QFrame(body)
        self.feedback.setObjectName("feedback")
        fb = QVBoxLayout(self.feedback)
        self.verdict = label("", "cardTitle")
        self.right_answer = label("")
        self.right_answer.setObjectName("rightAnswer")
        self.feedback_text = label("")
        self.feedback_text.setObjectName("feedbackText")
        self.explanation = label("")
        self.explanation.setObjectName("explanation")
        fb.addWidget(self.verdict)
        fb.addWidget(self.right_answer)
        fb.addWidget(self.feedback_text)
        fb.addWidget(self.explanation)
        fb.addStretch(1)
        self.feedback.hide()
        self.answer_row: QBoxLayout | None = None  # the answer, and the feedback beside or below it

        nav = QHBoxLayout()
        nav.addStretch(1)
        self.check = button(translate("Kiosk", "Check my answer"), "checkAnswer")
        self.check.clicked.connect(self.check_answer)
        self.next = button(translate("Kiosk", "Next question"), "nextQuestion")
        self.next.clicked.connect(self.advance)
        nav.addWidget(self.check)
        nav.addWidget(self.next)
        layout.addLayout(nav)

    def open(self, person_id: str, module, class_id: str | None) -> None:
        self.module = module
        self.title.setText(translate("Kiosk", "Quiz: {title}").format(title=module.title))
        self.attempt = progress.start_attempt(self.kiosk.db, person_id, module, class_id)
        self.bar.setRange(0, len(self.attempt.question_order))
        self.advance()

    def advance(self) -> None:
        """Show the next unanswered question, or submit when there is none."""
        qid = self.attempt.next_question()
        if qid is None:
            outcome = progress.submit_attempt(self.kiosk.db, self.attempt, self.module)
            self.finished.emit(outcome)
            return
        self.show_question(self.module.quiz.question(qid))

    def show_question(self, question) -> None:
        self.question = question
        self.feedback.hide()
        if self.answer_row is not None:
            self.answer_row.removeWidget(self.feedback)  # kept: only the question's widgets go
        clear_layout(self.body)
        self.picture = None
        order = self.attempt.question_order
        number = order.index(question.id) + 1
        self.counter.setText(translate("Kiosk", "Question {n} of {m}").format(n=number, m=len(order)))
        self.bar.setValue(number - 1)
        words = QVBoxLayout()
        words.setSpacing(14)
        if question.story:
            story = label(question.story, "story")
            story.setAccessibleName(translate("Kiosk", "Story"))
            words.addWidget(story)
        prompt = label(question.prompt, "prompt")
        prompt.setAccessibleName(translate("Kiosk", "Question"))
        words.addWidget(prompt)
        if question.image:
            # The situation in a picture, beside the words (pre-readers in K-2); the alt text
            # is for screen readers, read-aloud still reads the story and the question.
            row = QHBoxLayout()
            row.setSpacing(20)
            row.addWidget(self._question_picture(question), 0, Qt.AlignTop)
            row.addLayout(words, 1)
            self.body.addLayout(row)
        else:
            self.body.addLayout(words)
        self.answer = answer_widget(question, self.attempt.id, self.module.tier)
        self.answer.changed.connect(self._update_check)
        self.answer_row = QBoxLayout(QBoxLayout.TopToBottom)
        self.answer_row.setSpacing(14)
        self.answer_row.addWidget(self.answer)
        self.answer_row.addWidget(self.feedback)
        self.body.addLayout(self.answer_row)
        self.body.addStretch(1)
        self._fit_answer()
        self.next.hide()
        self.check.show()
        self._update_check()
        self.answer.setFocus()
        first = self.answer.findChildren(QWidget)
        if first:
            first[0].setFocus()
        if self.speaker is not None and self.speaker.available:
            self.speaker.stop()
            if self.module.tier == "k-2":
                self.read_question()

    #: The question's picture: the least and the most pixels a side. Between them it takes
    #: 30% of the question's view, so on a short screen with the largest text the picture,
    #: the question and its answers are all in sight without scrolling.
    QUESTION_PICTURE = (96, 170)

    def _question_picture(self, question) -> QLabel:
        self.picture = QLabel()
        self.picture.setObjectName("questionPicture")
        self.picture.setAccessibleName(question.image_alt)
        self._picture_icon = QIcon(str(ASSETS_DIR / question.image))
        self._picture_size = 0
        self._fit_question_picture()
        return self.picture

    def _fit_question_picture(self) -> None:
        if self.picture is None:
            return
        least, most = self.QUESTION_PICTURE
        size = max(least, min(most, self.area.viewport().height() * 3 // 10))
        if size != self._picture_size:
            self._picture_size = size
            self.picture.setPixmap(self._picture_icon.pixmap(QSize(size, size)))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Enter checks the answer, then goes on: the quiz works from the keyboard alone."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            if self.check.isVisible() and self.check.isEnabled():
                self.check_answer()
                return
            if self.next.isVisible():
                self.advance()
                return
        super().keyPressEvent(event)

    def question_texts(self) -> list[str]:
        """What read-aloud says: the story, the question, then each choice in the order the
        screen shows them (shuffled per attempt: the voice and the screen agree)."""
        question = self.question
        texts = [question.story] if question.story else []
        texts.append(question.prompt)
        return texts + self.answer.spoken()

    def feedback_texts(self) -> list[str]:
        """What read-aloud says after the check: the verdict, the right answer, the feedback
        and the explanation, as the screen shows them."""
        parts = (self.verdict, self.right_answer, self.feedback_text, self.explanation)
        return [line for w in parts if not w.isHidden() for line in w.text().splitlines() if line.strip()]

    def read_question(self) -> None:
        if self.speaker is not None:
            self.speaker.speak(self.question_texts())

    def _speaker_available(self, available: bool) -> None:
        """The engine became ready (it starts in the background) or was given up."""
        self.read.setVisible(available)
        if available and self.isVisible() and self.question is not None and self.module.tier == "k-2":
            self.read_question()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.speaker is not None:
            self.speaker.stop()
        super().hideEvent(event)

    #: The narrowest the feedback may be beside the answer (at the normal text size).
    FEEDBACK_BESIDE = 340

    def _place_feedback(self) -> None:
        """Beside the answer where the row has room for both (pictures leave most of a wide
        screen free), else below it; then scrolled into view with as much of the answer as fits."""
        if self.answer_row is None or not self.feedback.isVisible():
            return
        room = self.area.viewport().width() - self.body.contentsMargins().left() * 2
        beside = self.feedback.fontMetrics().averageCharWidth() * 30  # ~ FEEDBACK_BESIDE at 18 px
        wide = self.answer.sizeHint().width() + self.answer_row.spacing() + max(beside, self.FEEDBACK_BESIDE)
        direction = QBoxLayout.LeftToRight if wide <= room else QBoxLayout.TopToBottom
        if self.answer_row.direction() != direction:
            self.answer_row.setDirection(direction)
            # Beside: the answer keeps its width, the feedback takes the rest of the row.
            self.answer_row.setStretchFactor(self.feedback, int(direction == QBoxLayout.LeftToRight))
        self._follow_feedback()
        QTimer.singleShot(0, self, self._follow_feedback)  # once the body has its new height

    def _follow_feedback(self, *_range) -> None:
        """Scroll so the feedback is in sight: all of it, or its top when it is taller than
        the view. Again when the body's height changes (the scroll area learns its new size
        from an event, after the feedback has been shown)."""
        if self.answer_row is None or not self.feedback.isVisible():
            return
        from PySide6.QtCore import QPoint

        top = self.feedback.mapTo(self.area.widget(), QPoint(0, 0)).y()
        bottom = top + self.feedback.height()
        bar, view = self.area.verticalScrollBar(), self.area.viewport().height()
        if bar.value() + view < bottom:
            bar.setValue(min(top, bottom - view))
        if bar.value() > top:
            bar.setValue(top)

    def _fit_answer(self) -> None:
        if self.answer is not None:
            margins = self.body.contentsMargins()
            scroll_bar = self.area.verticalScrollBar().sizeHint().width()
            self.answer.fit(self.area.viewport().width() - margins.left() - margins.right() - scroll_bar)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_question_picture()
        self._fit_answer()
        self._place_feedback()

    def _update_check(self) -> None:
        self.check.setEnabled(self.answer is not None and self.answer.response() is not None)

    def check_answer(self) -> None:
        response = self.answer.response()
        if response is None:
            return
        # Saved (committed) before the feedback appears: an answer the student saw accepted
        # survives a crash or a pulled plug.
        graded = progress.record_answer(self.kiosk.db, self.attempt, self.question, response)
        self.answer.lock()
        self.verdict.setText(
            translate("Kiosk", "That's right!") if graded.correct else translate("Kiosk", "Not quite.")
        )
        self.feedback.setProperty("right", graded.correct)
        repolish(self.feedback)
        self.answer.show_result(graded)
        self.right_answer.setText("" if graded.correct else self._right_answer(graded))
        self.right_answer.setVisible(bool(self.right_answer.text()))
        self.feedback_text.setText("\n".join(self._notes(graded)))
        self.explanation.setText(graded.explanation)
        self.feedback.show()
        self._place_feedback()
        self.check.hide()
        last = self.attempt.next_question() is None
        self.next.setText(translate("Kiosk", "See my score") if last else translate("Kiosk", "Next question"))
        self.next.setAccessibleName(self.next.text())
        self.next.show()
        self.next.setFocus()
        self.bar.setValue(len(self.attempt.answers))
        if self.speaker is not None and self.speaker.available and self.module.tier == "k-2":
            self.speaker.stop()
            self.speaker.speak(self.feedback_texts())

    def _right_answer(self, graded) -> str:
        """The right answer in words: the right choices, the right order, the right matches."""
        question = self.question
        if question.type == "ordering":
            text = {c.id: c.text for c in question.choices}
            steps = [f"{n}. {text[cid]}" for n, cid in enumerate(graded.right_ids, start=1)]
            return "\n".join([translate("Kiosk", "The right order:"), *steps])
        if question.type == "matching":
            lines = [f"{p.left} \u2192 {p.right}" for p in question.pairs]
            return "\n".join([translate("Kiosk", "The right matches:"), *lines])
        captions = getattr(self.answer, "captions", {c.id: c.text for c in question.choices})
        answers = [captions[cid] for cid in self.answer.buttons if cid in graded.right_ids]
        return translate("Kiosk", "The right answer: {answer}").format(answer="; ".join(answers))

    def _notes(self, graded) -> list[str]:
        """Each feedback line with the choice, step or item it is about (one choice: its own)."""
        if self.question.type in ("multiple", "ordering", "matching"):
            return [
                translate("Kiosk", "\u201c{about}\u201d \u2014 {feedback}").format(
                    about=n.about, feedback=n.text
                )
                for n in graded.notes
            ]
        return [n.text for n in graded.notes]


class ResultPage(QWidget):
    """The score against the pass mark; a celebration on a pass (read aloud for K-2), the
    questions missed with their right answers, and after a fail the pages to read again."""

    retake = Signal()
    home_requested = Signal()
    review = Signal()

    def __init__(self, speaker=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.speaker = speaker
        self.reread_page: int | None = None  # where "Read the lesson again" opens the lesson
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # The review of missed questions grows with the quiz: it scrolls, the buttons below
        # stay in view. Without it everything fits (the picture gives way, _fit_picture).
        self.area = area = QScrollArea()
        area.setObjectName("resultBody")
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.NoFrame)
        area.verticalScrollBar().rangeChanged.connect(self._fit_picture)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(48, 24, 48, 16)
        self.picture = QLabel()
        self.picture.setObjectName("celebration")
        self.picture.setAlignment(Qt.AlignCenter)
        self.picture.setAccessibleName(translate("Kiosk", "A smiling gold star with confetti"))
        self.heading = label("", "pageTitle")
        self.heading.setAlignment(Qt.AlignCenter)
        self.cheer = label("", "cheer")
        self.cheer.setAlignment(Qt.AlignCenter)
        self.score = label("", "score")
        self.score.setAlignment(Qt.AlignCenter)
        self.detail = label("", "hint")
        self.detail.setAlignment(Qt.AlignCenter)
        self.saved = label("", "hint")
        self.saved.setObjectName("saved")
        self.saved.setAlignment(Qt.AlignCenter)
        self.reread_text = label("", "rereadPages")
        self.missed_title = label("", "missedTitle")
        self.missed_box = QVBoxLayout()
        self.missed_box.setSpacing(10)
        self.summary = QWidget()  # what fits without scrolling (the picture gives way)
        top = QVBoxLayout(self.summary)
        top.setContentsMargins(0, 0, 0, 0)
        for widget in (self.picture, self.heading, self.cheer, self.score, self.detail, self.saved):
            top.addWidget(widget)
        layout.addWidget(self.summary)
        layout.addWidget(self.reread_text)
        layout.addWidget(self.missed_title)
        layout.addLayout(self.missed_box)
        layout.addStretch(1)
        area.setWidget(content)
        outer.addWidget(area, 1)
        row = FitRow()
        row.setContentsMargins(48, 8, 48, 24)
        row.addStretch(1)
        self.again = button(translate("Kiosk", "Try the quiz again"), "retake")
        self.again.clicked.connect(self.retake)
        self.reread = button(translate("Kiosk", "Read the lesson again"), "reviewLesson", secondary=True)
        self.reread.clicked.connect(self.review)
        home = button(translate("Kiosk", "Back to my lessons"), "resultHome")
        home.clicked.connect(self.home_requested)
        for widget in (self.reread, self.again, home):
            row.addWidget(widget, 0, Qt.AlignCenter)  # each at its own height (see lesson.py)
        row.addStretch(1)
        outer.addLayout(row)
        self.home = home

    def show_outcome(self, outcome: progress.Outcome, title: str, module=None, attempt=None) -> None:
        from ..core import review

        self.score.setText(f"{outcome.score}%")
        self.detail.setText(
            translate("Kiosk", "You got {right} of {total} right. You need {mark}% to pass.").format(
                right=outcome.correct, total=outcome.total, mark=outcome.pass_mark
            )
        )
        missed = (
            review.missed_questions(module, attempt) if module is not None and attempt is not None else []
        )
        self._show_missed(missed)
        reread = review.pages_to_reread(missed)
        self.reread_page = reread[0][0] if reread and not outcome.passed else None
        if outcome.passed:
            self.heading.setText(translate("Kiosk", "You passed {title}!").format(title=title))
            self.cheer.setText(
                translate("Kiosk", "Great job! You know how to stay safe and kind online.")
                if outcome.score == 100
                else translate("Kiosk", "Great job! Look below at the questions you missed.")
            )
            self.saved.setText(translate("Kiosk", "Your result is saved."))
            self._celebrate(True)
            self.reread_text.hide()
            self.again.hide()
            self.home.setFocus()
        else:
            self.heading.setText(
                translate("Kiosk", "Almost there. Let's try again.")
                if outcome.near_miss
                else translate("Kiosk", "Not yet. Read the lesson again, then try once more.")
            )
            self.cheer.setText("")
            self._celebrate(False)
            self.saved.setText(
                translate("Kiosk", "Your try is saved. Read the lesson again, then take the quiz.")
            )
            pages = [
                translate("Kiosk", "page {n}, \u201c{heading}\u201d").format(n=n + 1, heading=h)
                if h
                else translate("Kiosk", "page {n}").format(n=n + 1)
                for n, h in reread
            ]
            self.reread_text.setText(
                translate("Kiosk", "Read these pages again: {pages}.").format(pages="; ".join(pages))
                if pages
                else ""
            )
            self.reread_text.setVisible(bool(pages))
            self.again.show()
            self.again.setFocus()
        self.cheer.setVisible(bool(self.cheer.text()))
        if module is not None and module.tier == "k-2":
            self._read_aloud()

    #: The celebration's size when there is room for it, and the least it shrinks to.
    PICTURE = (200, 160)
    PICTURE_LEAST = 64

    def _celebrate(self, on: bool) -> None:
        self.picture.setVisible(on)
        if on:
            self._draw_picture(self.PICTURE[1])
            self._fit_picture()

    def _draw_picture(self, height: int) -> None:
        if self.picture.pixmap().height() == height:
            return
        from PySide6.QtGui import QPainter, QPixmap
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(str(ASSETS_DIR / "icons" / "celebrate.svg"))
        pixmap = QPixmap(height * self.PICTURE[0] // self.PICTURE[1], height)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        self.picture.setPixmap(pixmap)

    def _fit_picture(self, *_range) -> None:
        """The celebration as large as the room allows: at the largest text on a 768-pixel
        screen the words, the score and "saved" fit without scrolling, above a smaller star."""
        if self.picture.isHidden():
            return
        margins = self.area.widget().layout().contentsMargins()
        width = self.area.viewport().width() - margins.left() - margins.right()
        need = self.summary.layout().totalHeightForWidth(width) + margins.top() + margins.bottom()
        height = self.picture.pixmap().height()
        spare = self.area.viewport().height() - need
        self._draw_picture(max(self.PICTURE_LEAST, min(self.PICTURE[1], height + spare)))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_picture()

    def _show_missed(self, missed) -> None:
        clear_layout(self.missed_box)
        self.missed_title.setText(
            translate("Kiosk", "The questions you missed, with the right answers:") if missed else ""
        )
        self.missed_title.setVisible(bool(missed))
        self.missed = missed
        for m in missed:
            card = QFrame()
            card.setObjectName("card")
            inner = QVBoxLayout(card)
            inner.addWidget(label(m.prompt, "prompt"))
            answer = label(
                translate("Kiosk", "Right answer: {answer}").format(answer="; ".join(m.answers)),
                "missedAnswer",
            )
            answer.setObjectName("missedAnswer")
            inner.addWidget(answer)
            inner.addWidget(label(m.explanation, "hint"))
            self.missed_box.addWidget(card)
            card.show()  # on a visible page Qt would show it only at the next event loop turn

    def spoken_texts(self) -> list[str]:
        """What read-aloud says on this screen (K-2): the heading, the cheer, what to reread."""
        return [
            w.text() for w in (self.heading, self.cheer, self.reread_text) if w.text() and not w.isHidden()
        ]

    def _read_aloud(self) -> None:
        if self.speaker is not None and self.speaker.available:
            self.speaker.stop()
            self.speaker.speak(self.spoken_texts())

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.speaker is not None:
            self.speaker.stop()
        super().hideEvent(event)
