"""Sign-in: pick your class, pick your name, enter your code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import people
from ..core.paths import ASSETS_DIR
from .i18n import translate
from .widgets import button, clear_layout, fill_grid, label

if TYPE_CHECKING:
    from ..core.kiosk import Kiosk

# Same list as core.auth.PICTURES (not imported: hashing code stays off the start-up path).
PICTURES = ("cat", "dog", "sun", "star", "tree", "fish", "apple", "car", "moon")


def picture_name(name: str) -> str:
    """A code picture's name in the interface language (for screen readers and teachers)."""
    return {
        "cat": translate("Kiosk", "cat"),
        "dog": translate("Kiosk", "dog"),
        "sun": translate("Kiosk", "sun"),
        "star": translate("Kiosk", "star"),
        "tree": translate("Kiosk", "tree"),
        "fish": translate("Kiosk", "fish"),
        "apple": translate("Kiosk", "apple"),
        "car": translate("Kiosk", "car"),
        "moon": translate("Kiosk", "moon"),
    }.get(name, name)


class SignInPage(QWidget):
    """Three steps on one screen; emits `signed_in(person_id, class_id)`."""

    signed_in = Signal(str, str)
    staff_signed_in = Signal(str)
    language_chosen = Signal(str)
    first_painted = Signal()  # just after this screen is first on screen: time for the rest

    def __init__(self, kiosk: Kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.setObjectName("page")
        self.class_id: str | None = None
        self.person: people.Person | None = None

        self.steps = QStackedWidget()
        # Each step scrolls if it must: the window never grows past a small lab screen.
        self.steps.addWidget(_scroll(self._build_class_step()))
        self._rest_built = False
        self._painted = False
        # The other steps are built just after the first paint (start-up time), or at once
        # if someone is quicker than that.
        self.first_painted.connect(self.build_rest)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 20)
        layout.addWidget(self.steps)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def build_rest(self) -> None:
        if self._rest_built:
            return
        self._rest_built = True
        for step in (self._build_name_step(), self._build_code_step(), self._build_staff_step()):
            self.steps.addWidget(_scroll(step))

    # -- steps ------------------------------------------------------------------------------

    def _build_class_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(label(translate("Kiosk", "Welcome! Pick your class."), "pageTitle"), 1)
        from .i18n import LANGUAGES, current_language

        languages = QHBoxLayout()
        for code, name in LANGUAGES.items():
            choice = button(name, f"lang-{code}", secondary=code != current_language(), accessible=name)
            choice.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            languages.addWidget(choice)
        # Buttons at the top beside a title that may wrap; a stretch, not Qt.AlignTop, which
        # would build Qt's enums before the first paint (see widgets.set_enum).
        column = QVBoxLayout()
        column.addLayout(languages)
        column.addStretch(1)
        top.addLayout(column)
        layout.addLayout(top)
        layout.addWidget(label(translate("Kiosk", "Tap your class to start."), "hint"))
        # Grades 3-12 may find themselves instead: first or last name, or student number.
        find = QHBoxLayout()
        self.find_me = QLineEdit()
        self.find_me.setObjectName("findMe")
        self.find_me.setProperty("form", True)
        self.find_me.setPlaceholderText(
            translate("Kiosk", "Grade 3 and up: type your name or student number")
        )
        self.find_me.setAccessibleName(translate("Kiosk", "Find me by name or student number"))
        self.find_me.returnPressed.connect(self.find_students)
        find.addWidget(self.find_me, 1)
        go = button(translate("Kiosk", "Find me"), "findMeGo", secondary=True)
        go.clicked.connect(self.find_students)
        find.addWidget(go)
        layout.addLayout(find)
        self.class_grid = QGridLayout()
        self.class_grid.setSpacing(18)
        holder = QWidget()
        holder.setLayout(self.class_grid)
        layout.addWidget(_scroll(holder, "classTiles"), 1)
        self.no_classes = label("", "hint")
        layout.addWidget(self.no_classes)
        staff = button(translate("Kiosk", "Staff sign-in"), "staffSignIn", secondary=True)
        staff.clicked.connect(self.show_staff)
        right = QHBoxLayout()
        right.addStretch(1)
        right.addWidget(staff)
        layout.addLayout(right)
        return page

    def _build_staff_step(self) -> QWidget:
        from PySide6.QtCore import Qt  # after the first paint (see widgets.set_enum)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(label(translate("Kiosk", "Staff sign-in"), "pageTitle"))
        layout.addWidget(label(translate("Kiosk", "Use your district username and password."), "hint"))
        form = QGridLayout()
        form.setVerticalSpacing(12)
        self.staff_user = _field("staffUser", translate("Kiosk", "Username"))
        self.staff_password = _field("staffPassword", translate("Kiosk", "Password"), secret=True)
        self.staff_code = _field("staffCode", translate("Kiosk", "One-time code from an administrator"))
        self.staff_new = _field("staffNew", translate("Kiosk", "New password"), secret=True)
        self.staff_repeat = _field("staffRepeat", translate("Kiosk", "New password again"), secret=True)
        self.staff_rows = {}
        for row, (text, widget) in enumerate(
            [
                (translate("Kiosk", "Username"), self.staff_user),
                (translate("Kiosk", "Password"), self.staff_password),
                (translate("Kiosk", "One-time code"), self.staff_code),
                (translate("Kiosk", "New password"), self.staff_new),
                (translate("Kiosk", "New password again"), self.staff_repeat),
            ]
        ):
            caption = label(text, wrap=False)
            form.addWidget(caption, row, 0)
            form.addWidget(widget, row, 1)
            self.staff_rows[widget.objectName()] = (caption, widget)
        holder = QWidget()
        holder.setLayout(form)
        holder.setMaximumWidth(760)
        layout.addWidget(holder)
        self.staff_error = label("", "error")
        layout.addWidget(self.staff_error)
        row = QHBoxLayout()
        back = button(translate("Kiosk", "Back"), "staffBack", secondary=True)
        back.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        self.staff_mode = button(
            translate("Kiosk", "First time? Set a password with a one-time code"),
            "staffFirstTime",
            secondary=True,
        )
        self.staff_mode.clicked.connect(lambda: self._staff_setting_password(not self.setting_password))
        self.staff_go = button(translate("Kiosk", "Sign in"), "staffGo")
        self.staff_go.clicked.connect(self._submit_staff)
        for widget in (
            self.staff_user,
            self.staff_password,
            self.staff_code,
            self.staff_new,
            self.staff_repeat,
        ):
            widget.returnPressed.connect(self._submit_staff)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.staff_go)
        layout.addLayout(row)
        # On a row of its own: in Spanish it is as wide as a small screen's form.
        layout.addWidget(self.staff_mode, 0, Qt.AlignLeft)
        layout.addStretch(1)
        self.setting_password = False
        return page

    def _build_name_step(self) -> QWidget:
        from PySide6.QtCore import Qt  # after the first paint (see widgets.set_enum)

        page = QWidget()
        layout = QVBoxLayout(page)
        self.name_title = label(translate("Kiosk", "Tap your name."), "pageTitle")
        layout.addWidget(self.name_title)
        self.name_grid = QGridLayout()
        self.name_grid.setSpacing(18)
        holder = QWidget()
        holder.setLayout(self.name_grid)
        layout.addWidget(_scroll(holder, "nameTiles"), 1)
        back = button(translate("Kiosk", "Back to classes"), "backToClasses", secondary=True)
        back.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        layout.addWidget(back, 0, Qt.AlignLeft)
        return page

    def _build_code_step(self) -> QWidget:
        from PySide6.QtCore import Qt  # after the first paint (see widgets.set_enum)

        page = QWidget()
        layout = QVBoxLayout(page)
        # "Not you?" beside the greeting, at the top: the pads below take the rest of a
        # 768-pixel screen, and a child must never have to scroll to find the way back.
        top = QHBoxLayout()
        self.code_title = label("", "pageTitle")
        top.addWidget(self.code_title, 1)
        back = button(translate("Kiosk", "Not you? Pick your name again"), "backToNames", secondary=True)
        back.clicked.connect(lambda: self.steps.setCurrentIndex(1))
        top.addWidget(back, 0, Qt.AlignTop)
        layout.addLayout(top)
        self.code_hint = label(translate("Kiosk", "Type your secret code, then press OK."), "hint")
        layout.addWidget(self.code_hint)
        self.pads = QStackedWidget()
        layout.addWidget(self.pads, 1)
        self.pads.addWidget(self._build_digit_pad())
        self.pads.addWidget(self._build_picture_pad())
        return page

    def _build_picture_pad(self) -> QWidget:
        """K-2: tap your two pictures in order. Big targets, no reading needed."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QIcon

        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addStretch(1)
        self.chosen_icons = []
        for n in range(2):
            slot = QLabel()
            slot.setObjectName("codeSlot")
            slot.setFixedSize(84, 84)
            slot.setAlignment(Qt.AlignCenter)
            slot.setAccessibleName(translate("Kiosk", "Picture {n} of your code").format(n=n + 1))
            row.addWidget(slot)
            self.chosen_icons.append(slot)
        # Start over beside the two pictures it clears, not below the grid (screen height).
        row.addSpacing(18)
        again = button(translate("Kiosk", "Start over"), "pictureClear", secondary=True)
        again.clicked.connect(self._clear_pictures)
        row.addWidget(again, 0, Qt.AlignVCenter)
        row.addStretch(1)
        layout.addLayout(row)
        self.picture_error = label("", "error")
        self.picture_error.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.picture_error)
        grid = QGridLayout()
        grid.setSpacing(14)
        for index, name in enumerate(PICTURES):
            tile = QToolButton()
            tile.setObjectName(f"pic-{name}")
            tile.setProperty("picture", True)
            tile.setIcon(QIcon(str(ASSETS_DIR / "icons" / "codes" / f"{name}.svg")))
            tile.setIconSize(QSize(96, 96))
            tile.setMinimumSize(120, 120)
            tile.setAccessibleName(picture_name(name))
            tile.setToolTip(picture_name(name))
            tile.setFocusPolicy(Qt.StrongFocus)
            tile.clicked.connect(lambda _=False, n=name: self._picture(n))
            grid.addWidget(tile, index // 3, index % 3)
        holder = QWidget()
        holder.setLayout(grid)
        layout.addWidget(holder, 0, Qt.AlignHCenter)
        layout.addStretch(1)
        self.picture_code: list[str] = []
        return page

    def _picture(self, name: str) -> None:
        if len(self.picture_code) >= 2:
            return
        self.picture_error.clear()  # a new try: the last refusal goes
        self.picture_code.append(name)
        from PySide6.QtGui import QIcon

        slot = self.chosen_icons[len(self.picture_code) - 1]
        slot.setPixmap(QIcon(str(ASSETS_DIR / "icons" / "codes" / f"{name}.svg")).pixmap(72, 72))
        if len(self.picture_code) == 2:
            self._submit_code("-".join(self.picture_code))

    def _clear_pictures(self) -> None:
        self.picture_code = []
        for slot in self.chosen_icons:
            slot.clear()

    def _build_digit_pad(self) -> QWidget:
        from PySide6.QtCore import Qt

        page = QWidget()
        layout = QVBoxLayout(page)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setEchoMode(QLineEdit.Password)
        self.code.setMaxLength(6)
        self.code.setAlignment(Qt.AlignCenter)
        self.code.setFixedWidth(320)
        self.code.setAccessibleName(translate("Kiosk", "Secret code"))
        self.code.returnPressed.connect(lambda: self._submit_code())
        self.code.textEdited.connect(lambda _text: self.error.clear())  # an old error goes as they retype
        layout.addWidget(self.code, 0, Qt.AlignHCenter)
        self.error = label("", "error")
        self.error.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.error)
        pad = QGridLayout()
        pad.setSpacing(12)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for index, key in enumerate(keys):
            name = {"⌫": "keyDelete", "OK": "keyOk"}.get(key, f"key{key}")
            spoken = {"⌫": translate("Kiosk", "Delete last digit"), "OK": translate("Kiosk", "Sign in")}.get(
                key, key
            )
            widget = button(key, name, accessible=spoken)
            widget.setProperty("key", True)
            widget.setFocusPolicy(Qt.NoFocus)  # typing goes to the code box
            widget.clicked.connect(lambda _=False, k=key: self._key(k))
            pad.addWidget(widget, index // 3, index % 3)
        pad_holder = QWidget()
        pad_holder.setLayout(pad)
        layout.addWidget(pad_holder, 0, Qt.AlignHCenter)
        layout.addStretch(1)
        return page

    # -- behaviour --------------------------------------------------------------------------

    def show_staff(self) -> None:
        self.build_rest()
        self._staff_setting_password(False)
        self.steps.setCurrentIndex(3)
        self.staff_user.setFocus()

    def _staff_setting_password(self, on: bool) -> None:
        self.setting_password = on
        for name in ("staffCode", "staffNew", "staffRepeat"):
            for widget in self.staff_rows[name]:
                widget.setVisible(on)
        for widget in self.staff_rows["staffPassword"]:
            widget.setVisible(not on)
        self.staff_go.setText(
            translate("Kiosk", "Set password and sign in") if on else translate("Kiosk", "Sign in")
        )
        self.staff_mode.setText(
            translate("Kiosk", "Back to sign-in with a password")
            if on
            else translate("Kiosk", "First time? Set a password with a one-time code")
        )
        self.staff_error.clear()

    def _submit_staff(self) -> None:
        from ..core import auth

        db, user = self.kiosk.db, self.staff_user.text().strip()
        if self.setting_password:
            if self.staff_new.text() != self.staff_repeat.text():
                self.staff_error.setText(translate("Kiosk", "The two new passwords are not the same."))
                return
            try:
                auth.set_staff_password(db, user, self.staff_new.text(), self.staff_code.text())
            except (KeyError, ValueError, PermissionError) as exc:
                from .messages import error_text

                self.staff_error.setText(error_text(exc))
                return
            password = self.staff_new.text()
        else:
            password = self.staff_password.text()
        result = auth.sign_in_staff(db, user, password)
        for widget in (self.staff_password, self.staff_code, self.staff_new, self.staff_repeat):
            widget.clear()
        if not result.ok:
            self.staff_error.setText(staff_refusal(result))
            return
        self.staff_signed_in.emit(result.person_id)

    def reset(self) -> None:
        """Back to the first step, with nothing of the last person left on screen."""
        self.class_id, self.person = None, None
        if self._rest_built:
            self.code.clear()
            self.error.clear()
            self._clear_pictures()
            for widget in (
                self.staff_user,
                self.staff_password,
                self.staff_code,
                self.staff_new,
                self.staff_repeat,
            ):
                widget.clear()
            self.staff_error.clear()
            clear_layout(self.name_grid)
        classes = people.list_classes(self.kiosk.db)
        tiles = []
        for info in classes:
            grade = _grade_label(info.grades)
            # Titles usually name the grade already ("Grade 4 - Qureshi"), in English or not.
            named = any(
                g.lower() in info.title.lower() for g in (grade, _grade_label(info.grades, english=True))
            )
            text = info.title if named else f"{info.title}\n{grade}"
            tile = button(
                text,
                f"class-{info.id}",
                tile=True,
                accessible=translate("Kiosk", "Class {title}, {grade}").format(
                    title=info.title, grade=_grade_label(info.grades)
                ),
            )
            tile.setMinimumHeight(110)
            tile.clicked.connect(lambda _=False, c=info.id: self.choose_class(c))
            tiles.append(tile)
        fill_grid(self.class_grid, tiles, 3)
        self.no_classes.setText(
            ""
            if classes
            else translate("Kiosk", "No classes are set up on this computer yet. Ask your teacher.")
        )
        self.steps.setCurrentIndex(0)

    def find_students(self) -> None:
        """Show the students whose name or number matches, each with their class."""
        self.build_rest()
        found = people.find_students(self.kiosk.db, self.find_me.text())
        self.find_me.clear()
        tiles = []
        for student, class_id in found:
            tile = button(student.display_name, f"student-{student.id}", tile=True)
            tile.setMinimumHeight(96)
            tile.clicked.connect(lambda _=False, s=student, c=class_id: self._found(s, c))
            tiles.append(tile)
        fill_grid(self.name_grid, tiles, 4)
        self.name_title.setText(
            translate("Kiosk", "Is this you? Tap your name.")
            if tiles
            else translate("Kiosk", "Nobody found. Go back and pick your class.")
        )
        self.steps.setCurrentIndex(1)
        if tiles:
            tiles[0].setFocus()

    def _found(self, student: people.Person, class_id: str) -> None:
        self.class_id = class_id
        self.choose_person(student)

    def choose_class(self, class_id: str) -> None:
        self.build_rest()
        self.class_id = class_id
        students = people.class_students(self.kiosk.db, class_id)
        tiles = []
        for student in students:
            tile = button(student.display_name, f"student-{student.id}", tile=True)
            tile.setMinimumHeight(96)
            tile.clicked.connect(lambda _=False, s=student: self.choose_person(s))
            tiles.append(tile)
        fill_grid(self.name_grid, tiles, 4)
        self.name_title.setText(translate("Kiosk", "Tap your name."))
        self.steps.setCurrentIndex(1)
        if tiles:
            tiles[0].setFocus()

    def choose_person(self, person: people.Person) -> None:
        self.build_rest()
        self.person = person
        self.code_title.setText(translate("Kiosk", "Hi, {name}!").format(name=person.given_name))
        self.code.clear()
        self.error.clear()
        self.picture_error.clear()
        self._clear_pictures()
        from ..core.auth import code_kind

        pictures = code_kind(self.kiosk.db, person.id) == "picture"
        self.pads.setCurrentIndex(1 if pictures else 0)
        self.code_hint.setText(
            translate("Kiosk", "Tap your two secret pictures.")
            if pictures
            else translate("Kiosk", "Type your secret code, then press OK.")
        )
        self.steps.setCurrentIndex(2)
        if pictures:
            self.pads.currentWidget().findChild(QToolButton, f"pic-{PICTURES[0]}").setFocus()
        else:
            self.code.setFocus()

    def _key(self, key: str) -> None:
        if key != "OK":
            self.error.clear()  # typing again: the last refusal goes
        if key == "⌫":
            self.code.backspace()
        elif key == "OK":
            self._submit_code()
        else:
            self.code.insert(key)

    def _submit_code(self, code: str | None = None) -> None:
        from ..core.auth import sign_in_student

        if self.person is None or self.class_id is None:
            return
        code = self.code.text() if code is None else code
        result = sign_in_student(self.kiosk.db, self.person.id, code)
        self.code.clear()
        self._clear_pictures()
        if not result.ok:
            self.error.setText(student_refusal(result.reason))
            self.picture_error.setText(student_refusal(result.reason))
            return
        self.signed_in.emit(self.person.id, self.class_id)


def _field(name: str, accessible: str, secret: bool = False) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setProperty("form", True)
    if secret:
        field.setEchoMode(QLineEdit.Password)
    return field


def _scroll(widget: QWidget, name: str = "") -> QScrollArea:
    area = QScrollArea()
    if name:  # a list that grows with the roster: it scrolls (tests/screen_walker.py)
        area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.NoFrame)
    area.setWidget(widget)
    return area


def _grade_label(grades: str, english: bool = False) -> str:
    first = (grades or "").split(",")[0].strip()
    if not first:
        return ""
    if english:
        names = {"KG": "Kindergarten", "PK": "Pre-K", "TK": "Transitional K"}
        return names.get(first) or (f"Grade {int(first)}" if first.isdigit() else first)
    if first in ("KG", "PK", "TK"):
        return {
            "KG": translate("Kiosk", "Kindergarten"),
            "PK": translate("Kiosk", "Pre-K"),
            "TK": translate("Kiosk", "Transitional K"),
        }[first]
    return translate("Kiosk", "Grade {n}").format(n=int(first)) if first.isdigit() else first


def student_refusal(reason: str) -> str:
    """core.auth's refusal code for a student, in the reader's language."""
    from ..core import auth

    words = {
        auth.NOT_FOUND: lambda: translate("Kiosk", "We could not find you. Ask your teacher for help."),
        auth.DISABLED: lambda: translate("Kiosk", "This account is turned off. Ask your teacher for help."),
        auth.LOCKED: lambda: translate("Kiosk", "Too many tries. Wait a few minutes or ask your teacher."),
        auth.NO_CODE: lambda: translate("Kiosk", "You do not have a code yet. Ask your teacher for one."),
    }
    return words.get(reason, lambda: translate("Kiosk", "That code is not right. Try again."))()


def staff_refusal(result) -> str:
    """core.auth's refusal of a staff sign-in, in the reader's language."""
    from ..core import auth

    if result.reason == auth.LOCKED:
        return translate(
            "Kiosk", "This account is locked after too many tries. Try again in {n} minute(s)."
        ).format(n=result.minutes_left())
    words = {
        auth.DISABLED: lambda: translate(
            "Kiosk", "This account is disabled. Ask the district's administrator."
        ),
        auth.NO_PASSWORD: lambda: translate(
            "Kiosk", "No password is set yet. Use your one-time code to set one."
        ),
    }
    return words.get(result.reason, lambda: translate("Kiosk", "That username and password do not match."))()
