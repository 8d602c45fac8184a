"""The kiosk's main window: a header and a stack of screens, driven by the core."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ..core import people
from .signin import SignInPage
from .widgets import button, label


class KioskWindow(QMainWindow):
    def __init__(self, kiosk) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.person: people.Person | None = None
        self.class_id: str | None = None
        self.module = None
        self.setWindowTitle("Citizenship Kiosk")
        self.setContextMenuPolicy(Qt.NoContextMenu)

        central = QWidget()
        central.setObjectName("page")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QWidget()
        header.setObjectName("header")
        bar = QHBoxLayout(header)
        bar.setContentsMargins(24, 10, 24, 10)
        title = label("Citizenship Kiosk", "appTitle", wrap=False)
        bar.addWidget(title)
        bar.addStretch(1)
        self.who = label("", "who", wrap=False)
        bar.addWidget(self.who)
        self.sign_out_button = button("Sign out", "signOut")
        self.sign_out_button.clicked.connect(self.sign_out)
        bar.addWidget(self.sign_out_button)
        outer.addWidget(header)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.signin = SignInPage(kiosk)
        self.signin.signed_in.connect(self.on_signed_in)
        self.stack.addWidget(self.signin)
        # The other screens are built on first use: they pull in Markdown and the catalog,
        # which the sign-in screen does not need (start-up time).
        self._home = self._lesson = self._quiz = self._result = None
        self.show_sign_in()

    # -- screens, built lazily --------------------------------------------------------------

    @property
    def home(self):
        if self._home is None:
            from .home import HomePage

            self._home = HomePage(self.kiosk)
            self._home.open_module.connect(self.open_lesson)
            self.stack.addWidget(self._home)
        return self._home

    @property
    def lesson(self):
        if self._lesson is None:
            from .lesson import LessonPage

            self._lesson = LessonPage(self.kiosk)
            self._lesson.quiz_requested.connect(lambda _id: self.open_quiz())
            self._lesson.home_requested.connect(self.show_home)
            self.stack.addWidget(self._lesson)
        return self._lesson

    @property
    def quiz(self):
        if self._quiz is None:
            from .quiz import QuizPage

            self._quiz = QuizPage(self.kiosk)
            self._quiz.finished.connect(self.show_result)
            self._quiz.home_requested.connect(self.show_home)
            self.stack.addWidget(self._quiz)
        return self._quiz

    @property
    def result(self):
        if self._result is None:
            from .quiz import ResultPage

            self._result = ResultPage()
            self._result.retake.connect(self.open_quiz)
            self._result.review.connect(lambda: self.open_lesson(self.module.id))
            self._result.home_requested.connect(self.show_home)
            self.stack.addWidget(self._result)
        return self._result

    # -- navigation -------------------------------------------------------------------------

    def show_sign_in(self) -> None:
        self.person, self.class_id, self.module = None, None, None
        self.who.clear()
        self.sign_out_button.hide()
        self.signin.reset()
        self.stack.setCurrentWidget(self.signin)

    def on_signed_in(self, person_id: str, class_id: str) -> None:
        self.person = people.get_person(self.kiosk.db, person_id)
        self.class_id = class_id
        self.who.setText(self.person.display_name)
        self.sign_out_button.show()
        self.show_home()

    def student_modules(self):
        tier = self.person.tier or "k-2"
        return self.kiosk.catalog.for_tier(tier)

    def show_home(self) -> None:
        self.home.show_for(self.person, self.student_modules())
        self.stack.setCurrentWidget(self.home)

    def open_lesson(self, module_id: str) -> None:
        self.module = self.kiosk.catalog.get(module_id)
        self.lesson.open(self.person.id, self.module)
        self.stack.setCurrentWidget(self.lesson)

    def open_quiz(self) -> None:
        self.stack.setCurrentWidget(self.quiz)
        self.quiz.open(self.person.id, self.module, self.class_id)

    def show_result(self, outcome) -> None:
        self.result.show_outcome(outcome, self.module.title)
        self.stack.setCurrentWidget(self.result)

    def sign_out(self) -> None:
        """Back to sign-in. Everything is already saved: pages and answers commit as they go."""
        self.show_sign_in()
