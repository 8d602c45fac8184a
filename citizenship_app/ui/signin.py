"""Sign-in: pick your class, pick your name, enter your code."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import people
from .widgets import button, clear_layout, fill_grid, label


class SignInPage(QWidget):
    """Three steps on one screen; emits `signed_in(person_id, class_id)`."""

    signed_in = Signal(str, str)

    def __init__(self, kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.setObjectName("page")
        self.class_id: str | None = None
        self.person: people.Person | None = None

        self.steps = QStackedWidget()
        self.steps.addWidget(self._build_class_step())
        self.steps.addWidget(self._build_name_step())
        self.steps.addWidget(self._build_code_step())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self.steps)

    # -- steps ------------------------------------------------------------------------------

    def _build_class_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(label("Welcome! Pick your class.", "pageTitle"))
        layout.addWidget(label("Tap your class to start.", "hint"))
        self.class_grid = QGridLayout()
        self.class_grid.setSpacing(18)
        holder = QWidget()
        holder.setLayout(self.class_grid)
        layout.addWidget(_scroll(holder), 1)
        self.no_classes = label("", "hint")
        layout.addWidget(self.no_classes)
        return page

    def _build_name_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.name_title = label("Tap your name.", "pageTitle")
        layout.addWidget(self.name_title)
        self.name_grid = QGridLayout()
        self.name_grid.setSpacing(18)
        holder = QWidget()
        holder.setLayout(self.name_grid)
        layout.addWidget(_scroll(holder), 1)
        back = button("Back to classes", "backToClasses", secondary=True)
        back.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        layout.addWidget(back, 0, Qt.AlignLeft)
        return page

    def _build_code_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.code_title = label("", "pageTitle")
        layout.addWidget(self.code_title)
        layout.addWidget(label("Type your secret code, then press OK.", "hint"))
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setEchoMode(QLineEdit.Password)
        self.code.setMaxLength(6)
        self.code.setAlignment(Qt.AlignCenter)
        self.code.setFixedWidth(320)
        self.code.setAccessibleName("Secret code")
        self.code.returnPressed.connect(self._submit_code)
        layout.addWidget(self.code, 0, Qt.AlignHCenter)
        self.error = label("", "error")
        self.error.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.error)
        pad = QGridLayout()
        pad.setSpacing(12)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for index, key in enumerate(keys):
            name = {"⌫": "keyDelete", "OK": "keyOk"}.get(key, f"key{key}")
            spoken = {"⌫": "Delete last digit", "OK": "Sign in"}.get(key, key)
            widget = button(key, name, accessible=spoken)
            widget.setProperty("key", True)
            widget.setFocusPolicy(Qt.NoFocus)  # typing goes to the code box
            widget.clicked.connect(lambda _=False, k=key: self._key(k))
            pad.addWidget(widget, index // 3, index % 3)
        pad_holder = QWidget()
        pad_holder.setLayout(pad)
        layout.addWidget(pad_holder, 0, Qt.AlignHCenter)
        layout.addStretch(1)
        back = button("Not you? Pick your name again", "backToNames", secondary=True)
        back.clicked.connect(lambda: self.steps.setCurrentIndex(1))
        layout.addWidget(back, 0, Qt.AlignLeft)
        return page

    # -- behaviour --------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the first step, with nothing of the last student left on screen."""
        self.class_id, self.person = None, None
        self.code.clear()
        self.error.clear()
        clear_layout(self.name_grid)
        classes = people.list_classes(self.kiosk.db)
        tiles = []
        for info in classes:
            text = f"{info.title}\n{_grade_label(info.grades)}"
            tile = button(text, f"class-{info.id}", tile=True,
                          accessible=f"Class {info.title}, {_grade_label(info.grades)}")
            tile.setMinimumHeight(110)
            tile.clicked.connect(lambda _=False, c=info.id: self.choose_class(c))
            tiles.append(tile)
        fill_grid(self.class_grid, tiles, 3)
        self.no_classes.setText(
            "" if classes else "No classes are set up on this computer yet. Ask your teacher."
        )
        self.steps.setCurrentIndex(0)

    def choose_class(self, class_id: str) -> None:
        self.class_id = class_id
        students = people.class_students(self.kiosk.db, class_id)
        tiles = []
        for student in students:
            tile = button(student.display_name, f"student-{student.id}", tile=True)
            tile.setMinimumHeight(96)
            tile.clicked.connect(lambda _=False, s=student: self.choose_person(s))
            tiles.append(tile)
        fill_grid(self.name_grid, tiles, 4)
        self.steps.setCurrentIndex(1)
        if tiles:
            tiles[0].setFocus()

    def choose_person(self, person: people.Person) -> None:
        self.person = person
        self.code_title.setText(f"Hi, {person.given_name}!")
        self.code.clear()
        self.error.clear()
        self.steps.setCurrentIndex(2)
        self.code.setFocus()

    def _key(self, key: str) -> None:
        if key == "⌫":
            self.code.backspace()
        elif key == "OK":
            self._submit_code()
        else:
            self.code.insert(key)

    def _submit_code(self) -> None:
        from ..core.auth import sign_in_student

        if self.person is None or self.class_id is None:
            return
        result = sign_in_student(self.kiosk.db, self.person.id, self.code.text())
        self.code.clear()
        if not result.ok:
            self.error.setText(result.reason)
            return
        self.signed_in.emit(self.person.id, self.class_id)


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.NoFrame)
    area.setWidget(widget)
    return area


def _grade_label(grades: str) -> str:
    first = (grades or "").split(",")[0].strip()
    if not first:
        return ""
    if first in ("KG", "PK", "TK"):
        return {"KG": "Kindergarten", "PK": "Pre-K", "TK": "Transitional K"}[first]
    return f"Grade {int(first)}" if first.isdigit() else first
