"""Walk every student and staff screen of the real kiosk window, check that nothing on it is
clipped, covered or cut short, and save a screenshot of each.

`layout_problems(top)` is the check, for a window or a dialog: every visible label, button,
input, list and table

- lies inside the window and inside every widget that holds it (a scroll area's content may
  run past its viewport only where the area holds a list that grows with the data, see
  `MAY_SCROLL`; nothing may scroll sideways);
- is not covered by a visible sibling;
- shows its text whole: a non-wrapping label or a button is at least its size hint, a wrapping
  label is as tall as its text needs at its width (and its longest word fits), a line edit's
  text and placeholder, a combo box's current item and a tab's title fit.

`Walker` drives the window the way people do (clicks on the real buttons; the dialogs a screen
opens are caught as they appear, checked, shot and cancelled) through `walk_all`. It finds
whatever widgets a screen has, so it keeps working as the screens change.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTextBoundaryFinder, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QScrollBar,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTabBar,
    QTableView,
    QWidget,
)

#: The window sizes of the labs: an old projector-era screen, the common laptop, full HD.
SIZES = ((1024, 768), (1366, 768), (1920, 1080))
LANGUAGES = ("en", "es")
TEXT_SIZES = ("normal", "large", "largest")

#: Scroll areas that hold a list growing with the data (classes, names, lessons, a form of
#: the administration screen, a result's review of the questions missed) or a question that
#: may be long (at the largest text on a small screen): these may scroll up and down. Anything
#: else must fit. (test_screens.py checks that a quiz at the normal text size on a common
#: screen does not scroll, and that a result with no review fits without scrolling.)
MAY_SCROLL = frozenset({"classTiles", "nameTiles", "lessonCards", "adminSection", "quizBody", "resultBody"})

#: What is checked: what a person reads, presses or types into.
CHECKED = (
    QLabel,
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTabBar,
    QAbstractScrollArea,
    QProgressBar,
)
#: Parts of composite widgets, checked through the widget that holds them.
INNER = (QAbstractSpinBox, QComboBox, QTabBar, QAbstractItemView, QScrollBar)

SLACK = 1  # px: rounding in layouts

_SAVER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screenshots")


def describe(widget: QWidget) -> str:
    """A widget as a person would point at it: its kind, name and text."""
    text = ""
    for attribute in ("text", "currentText", "placeholderText", "windowTitle"):
        getter = getattr(widget, attribute, None)
        if callable(getter):
            try:
                text = getter()
            except TypeError:
                continue
            if text:
                break
    text = " ".join(str(text).split())
    name = widget.objectName()
    parts = [type(widget).__name__ + (f"#{name}" if name else "")]
    if text:
        parts.append(repr(text[:60] + ("…" if len(text) > 60 else "")))
    return " ".join(parts)


def _inner(widget: QWidget, top: QWidget) -> bool:
    """Part of a composite widget (a spin box's line edit, a table's corner button)."""
    if isinstance(widget, QScrollBar | QHeaderView):
        return True
    if widget.objectName().startswith("qt_scrollarea"):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, INNER) or (
            isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea)
        ):
            return True
        parent = parent.parentWidget()
    return False


def _shown(widget: QWidget, top: QWidget) -> bool:
    return not widget.isWindow() and widget.isVisibleTo(top)


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def _scroll_area_of_viewport(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    if isinstance(parent, QScrollArea) and parent.viewport() is widget:
        return parent
    return None


def _visible_rect(widget: QWidget, top: QWidget) -> QRect:
    """The part of the widget that can be seen: clipped by the window and every holder; a
    scroll area that may scroll clips nothing (its content can be scrolled to)."""
    clip = top.rect()
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        area = _scroll_area_of_viewport(parent)
        view = _rect_in(parent, top)
        if area is not None and area.objectName() in MAY_SCROLL:
            # Up and down it scrolls to anything in it; sideways it must fit. The area itself
            # is checked on its own.
            return QRect(view.left(), -1_000_000, view.width(), 2_000_000)
        clip = clip.intersected(view)
        parent = parent.parentWidget()
    return clip


def _cut(rect: QRect, clip: QRect) -> str:
    """How a rectangle pokes out of its visible area ('' if it does not)."""
    if not clip.intersects(rect):
        return "out of sight"
    out = []
    if rect.left() < clip.left() - SLACK:
        out.append(f"{clip.left() - rect.left()} px left")
    if rect.right() > clip.right() + SLACK:
        out.append(f"{rect.right() - clip.right()} px right")
    if rect.top() < clip.top() - SLACK:
        out.append(f"{clip.top() - rect.top()} px above")
    if rect.bottom() > clip.bottom() + SLACK:
        out.append(f"{rect.bottom() - clip.bottom()} px below")
    return ", ".join(out)


def _words_fit(label: QLabel) -> str:
    """A wrapping label breaks only where Qt may break a line (between words, and after the
    "/" of a folder's path): the longest piece between two such places must fit its width."""
    metrics = label.fontMetrics()
    room = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
    words = [w for w in (p.strip() for p in _line_pieces(label.text())) if w]
    if not words:
        return ""
    longest = max(words, key=metrics.horizontalAdvance)
    need = metrics.horizontalAdvance(longest)
    return f"its word {longest!r} needs {need} px, it has {room}" if need > room + SLACK else ""


def _line_pieces(text: str) -> list[str]:
    """The text cut at each place Qt's word wrap may break a line (Unicode line breaking)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.Line, text)
    pieces, start = [], 0
    while (end := finder.toNextBoundary()) != -1:
        if end > start:
            pieces.append(text[start:end])
            start = end
    return pieces


def _text_problem(widget: QWidget) -> str:
    """Why the widget's text is cut short, or ''."""
    if isinstance(widget, QLabel):
        if not widget.text() and widget.pixmap().isNull():
            return ""
        if widget.wordWrap() and widget.text():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + SLACK:
                return f"wrapped text needs {need} px of height, it has {widget.height()}"
            return _words_fit(widget)
        hint = widget.sizeHint()
        if hint.width() > widget.width() + SLACK or hint.height() > widget.height() + SLACK:
            return f"text needs {hint.width()}x{hint.height()}, it has {widget.width()}x{widget.height()}"
        return ""
    if isinstance(widget, QAbstractButton):
        if widget.hasHeightForWidth():  # its words wrap (a quiz's choices)
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + SLACK:
                return f"wrapped text needs {need} px of height, it has {widget.height()}"
            least = widget.minimumSizeHint().width()
            return (
                f"needs {least} px of width, it has {widget.width()}"
                if least > widget.width() + SLACK
                else ""
            )
        hint = widget.sizeHint()
        if hint.width() > widget.width() + SLACK or hint.height() > widget.height() + SLACK:
            return f"needs {hint.width()}x{hint.height()}, it has {widget.width()}x{widget.height()}"
        return ""
    if isinstance(widget, QLineEdit):
        option = QStyleOptionFrame()
        widget.initStyleOption(option)
        room = widget.style().subElementRect(QStyle.SE_LineEditContents, option, widget)
        margins = widget.textMargins()
        width = room.width() - margins.left() - margins.right() - 4  # Qt's own inner margin
        metrics = widget.fontMetrics()
        if metrics.height() > room.height() + SLACK:
            return f"text is {metrics.height()} px tall in a {room.height()} px box"
        # What someone types scrolls in the box; the placeholder that says what to type must fit.
        for text in ("" if widget.text() else widget.placeholderText(),):
            if text and metrics.horizontalAdvance(text) > width + SLACK:
                return f"{text!r} needs {metrics.horizontalAdvance(text)} px, the box shows {width}"
        return ""
    if isinstance(widget, QComboBox):
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        room = widget.style().subControlRect(QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, widget)
        need = widget.fontMetrics().horizontalAdvance(widget.currentText())
        # Elided only where it could not be wider: as wide as what holds it, an answer longer
        # than the screen is shown whole in the list that opens.
        holder = widget.parentWidget().contentsRect().width() if widget.parentWidget() else 0
        if need > room.width() + SLACK and widget.width() + 40 < holder:
            return f"{widget.currentText()!r} needs {need} px, the box shows {room.width()}"
        return ""
    if isinstance(widget, QAbstractSpinBox):
        hint = widget.sizeHint()
        if hint.width() > widget.width() + SLACK:
            return f"needs {hint.width()} px, it has {widget.width()}"
        return ""
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            if widget.tabRect(i).width() + SLACK < widget.tabSizeHint(i).width():
                return f"tab {widget.tabText(i)!r} is cut short"
        if widget.tabRect(widget.count() - 1).right() > widget.width() + SLACK:
            return "its last tabs are scrolled out of sight"
        return ""
    if isinstance(widget, QAbstractScrollArea):
        bar = widget.horizontalScrollBar()
        if bar.maximum() > SLACK and not isinstance(widget, QScrollArea | QTableView):
            return f"runs {bar.maximum()} px off its right edge (scrolls sideways)"
        if isinstance(widget, QTableView):  # its scroll bar counts columns, not pixels
            over = widget.horizontalHeader().length() - widget.viewport().width()
            if over > SLACK:
                return f"runs {over} px off its right edge (scrolls sideways)"
        if isinstance(widget, QTableView):
            # Column titles show whole; a cell of a narrowed column may elide (its tooltip
            # has all of it): a table of records is wider than a small screen.
            header = widget.horizontalHeader()
            for column in range(header.count()):
                need = header.sectionSizeHint(column)
                if not header.isSectionHidden(column) and header.sectionSize(column) + SLACK < need:
                    title = widget.model().headerData(column, Qt.Horizontal)
                    return f"column {title!r} is {header.sectionSize(column)} px, its title needs {need}"
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            content, view = widget.widget(), widget.viewport()
            wide = content.minimumSizeHint().width()
            if wide > view.width() + SLACK:
                return f"its content needs {wide} px of width, it has {view.width()}"
            if widget.objectName() not in MAY_SCROLL:
                need = content.minimumSizeHint().height()
                if content.layout() is not None and content.layout().hasHeightForWidth():
                    need = max(need, content.layout().totalHeightForWidth(view.width()))
                if need > view.height() + SLACK:
                    return f"scrolls: its content needs {need} px of height, it has {view.height()}"
        return ""
    return ""


def layout_problems(top: QWidget, bounds: QRect | None = None) -> list[str]:
    """Everything clipped, covered or cut short in `top` (a window or a dialog), as sentences.

    `bounds`: where `top` must lie, in global coordinates (a dialog inside its window)."""
    problems: list[str] = []
    if bounds is not None:
        frame = QRect(top.mapToGlobal(QPoint(0, 0)), top.size())
        cut = _cut(frame, bounds)
        if cut:
            problems.append(f"{describe(top)} does not fit on the screen: {cut}")
    shown = [w for w in top.findChildren(QWidget) if _shown(w, top)]
    for widget in shown:
        if not isinstance(widget, CHECKED) or _inner(widget, top):
            continue
        cut = _cut(_rect_in(widget, top), _visible_rect(widget, top))
        if cut:
            problems.append(f"{describe(widget)} is cut off: {cut}")
        why = _text_problem(widget)
        if why:
            problems.append(f"{describe(widget)}: {why}")
    problems += _overlaps(top, shown)
    return problems


def _overlaps(top: QWidget, shown: list[QWidget]) -> list[str]:
    """Visible siblings that cover each other (a panel drawn over a button)."""
    problems = []
    by_parent: dict[int, list[QWidget]] = {}
    for widget in shown:
        if _inner(widget, top) or widget.parentWidget() is None:
            continue
        by_parent.setdefault(id(widget.parentWidget()), []).append(widget)
    for siblings in by_parent.values():
        for i, first in enumerate(siblings):
            for second in siblings[i + 1 :]:
                both = first.geometry().intersected(second.geometry())
                if both.width() > 2 * SLACK and both.height() > 2 * SLACK:
                    problems.append(
                        f"{describe(first)} and {describe(second)} cover each other "
                        f"({both.width()}x{both.height()} px)"
                    )
    return problems


@dataclass
class Walker:
    """Looks at each screen the walk reaches: checks it, and saves its picture."""

    window: QWidget
    folder: Path | None = None
    wait: Callable[..., None] | None = None  # qtbot.waitUntil, or the fallback below
    problems: list[str] = field(default_factory=list)
    shots: list[str] = field(default_factory=list)
    size: QSize | None = None  # what the window was asked to be
    _saving: list = field(default_factory=list)

    def settle(self) -> None:
        """Let Qt lay out and polish everything that changed (layouts are done in events)."""
        app = QApplication.instance()
        for _ in range(3):
            app.processEvents()
            # Widgets a screen replaced (deleteLater) go now, as they would on return to
            # the event loop; then the layouts settle.
            app.sendPostedEvents(None, QEvent.DeferredDelete)
            app.sendPostedEvents(None, QEvent.LayoutRequest)

    def wait_until(self, condition, timeout: int = 10_000) -> None:
        if self.wait is not None:
            self.wait(condition, timeout=timeout)
            return
        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the screen did not get there in time")
            QApplication.instance().processEvents()

    def look(self, name: str) -> list[str]:
        """Check the window as it is now (and any dialog on it), and save its picture."""
        self.settle()
        found = [f"{name}: {p}" for p in layout_problems(self.window)]
        if self.size is not None and self.window.size() != self.size:
            found.append(
                f"{name}: the window cannot be {self.size.width()}x{self.size.height()}: "
                f"its screens need at least {self.window.width()}x{self.window.height()}"
                + "".join(f"; {too_big}" for too_big in self._too_big())
            )
        self.problems += found
        self._save(name, self.window.grab())
        return found

    def _too_big(self) -> list[str]:
        """Which screens of the window's stack ask for more room than the window has (a
        stack is as large as its largest screen, shown or not)."""
        from PySide6.QtWidgets import QStackedWidget

        out = []
        central = self.window.centralWidget() if hasattr(self.window, "centralWidget") else self.window
        for stack in central.findChildren(QStackedWidget):
            if stack.parentWidget() is not central:
                continue
            room = stack.size() - (self.window.size() - self.size)
            for i in range(stack.count()):
                need = stack.widget(i).minimumSizeHint()
                if need.width() > room.width() or need.height() > room.height():
                    out.append(f"{describe(stack.widget(i))} needs {need.width()}x{need.height()}")
        return out

    def look_dialog(self, name: str, dialog: QWidget) -> list[str]:
        """Check a dialog on the window: it fits in the window and nothing in it is cut."""
        self.settle()
        bounds = QRect(self.window.mapToGlobal(QPoint(0, 0)), self.window.size())
        found = [f"{name}: {p}" for p in layout_problems(dialog, bounds)]
        self.problems += found
        picture = self.window.grab()
        painter = QPainter(picture)
        painter.drawPixmap(self.window.mapFromGlobal(dialog.mapToGlobal(QPoint(0, 0))), dialog.grab())
        painter.end()
        self._save(name, picture)
        return found

    def dialogs(self, name: str, action: Callable[[], object], expect: int = 1) -> int:
        """Do `action` (a click); look at each dialog it opens, then cancel it. Works for a
        dialog opened with open() and for one run with exec() (it is looked at from a timer
        inside its own event loop)."""
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        handled: list[QWidget] = []

        def catch() -> None:
            for widget in QApplication.topLevelWidgets():
                if widget.isVisible() and id(widget) not in before and widget not in handled:
                    if not isinstance(widget, QDialog):
                        continue
                    handled.append(widget)
                    suffix = f"-{len(handled)}" if len(handled) > 1 else ""
                    self.look_dialog(name + suffix, widget)
                    widget.reject()

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(catch)
        timer.start()
        try:
            action()
            self.wait_until(lambda: len(handled) >= expect)
        finally:
            timer.stop()
        return len(handled)

    def _save(self, name: str, picture) -> None:
        self.shots.append(name)
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Encoded on another thread (a QImage may be; a third of the walk's time), with
            # fast compression: hundreds of pictures per run, kept as a CI artifact.
            image, path = picture.toImage(), str(self.folder / f"{_file_name(name)}.png")
            self._saving.append(_SAVER.submit(image.save, path, "PNG", 80))

    def finish(self) -> None:
        """Wait for every picture to be written."""
        for job in self._saving:
            assert job.result(), "a screenshot could not be written"
        self._saving.clear()

    def resize(self, width: int, height: int) -> None:
        self.size = QSize(width, height)
        self.window.resize(width, height)


def _file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")


# -- the walk ------------------------------------------------------------------------------------


def add_staff_work(db, catalog) -> None:
    """Something for the staff screens to show: the grade 4 class has three modules assigned,
    due next week, and its students passed one to three of them."""
    from datetime import date, timedelta

    from citizenship_app.core import assignments, people, progress

    info = next(c for c in people.list_classes(db) if c.tier == "3-5")
    teacher = db.execute(
        "SELECT person_id FROM enrollments WHERE class_id = ? AND role = 'teacher'", [info.id]
    ).fetchone()[0]
    modules = catalog.for_tier("3-5")
    assignments.assign_modules(
        db, teacher, info.id, modules[:3], (date.today() + timedelta(days=7)).isoformat(), in_order=True
    )
    for n, pupil in enumerate(people.class_students(db, info.id)):
        # Two earlier tries at the first module, each question after the first missed by
        # turns: enough answers for the "hardest questions" tabs to list some.
        for _try in range(2):
            attempt = progress.start_attempt(db, pupil.id, modules[0], info.id)
            for k, question in enumerate(map(modules[0].quiz.question, attempt.question_order)):
                miss = k % 2 == 1
                progress.record_answer(
                    db, attempt, question, wrong_answer(question) if miss else right_answer(question)
                )
            progress.submit_attempt(db, attempt, modules[0])
        for module in modules[: n % 3 + 1]:
            attempt = progress.start_attempt(db, pupil.id, module, info.id)
            for question in map(module.quiz.question, attempt.question_order):
                progress.record_answer(db, attempt, question, right_answer(question))
            progress.submit_attempt(db, attempt, module)


def right_answer(question):
    if question.type == "matching":
        return {p: p for p in question.correct_ids}
    if question.type in ("multiple", "ordering"):
        return list(question.correct_ids)
    return question.correct_ids[:1]


def wrong_answer(question):
    ids = list(question.correct_ids)
    if question.type == "ordering":
        return ids[1:] + ids[:1]
    if question.type == "matching":
        return {p: ids[(i + 1) % len(ids)] for i, p in enumerate(ids)}
    wrong = [c.id for c in question.choices if not c.correct]
    return wrong[:1] or ids[:1]


STAFF = {"teacher": "squreshi", "counselor": "rtanaka", "administrator": "dwhitfield"}
STUDENT_TIERS = ("k-2", "3-5", "6-8", "9-12")
#: The tiers walked as a student (6-8 has the same screens and kinds of questions as 9-12).
WALKED_TIERS = ("k-2", "3-5", "9-12")


def walkers_people(db) -> dict[str, tuple]:
    """tier -> (class, first student); the staff by role -> their person id."""
    from citizenship_app.core import people

    found = {}
    for tier in STUDENT_TIERS:
        info = next(c for c in people.list_classes(db) if c.tier == tier)
        found[tier] = (info, people.class_students(db, info.id)[0])
    return found


def prepare(db, language: str, text_size: str) -> None:
    """Everyone the walk signs in reads `language` at `text_size`; sign-in is in `language`."""
    from citizenship_app.core import people
    from citizenship_app.core.store import set_setting

    set_setting(db, "default_language", language)
    ids = [kid.id for _, kid in walkers_people(db).values()]
    ids += [
        db.execute("SELECT sourced_id FROM people WHERE username = ?", [u]).fetchone()[0]
        for u in STAFF.values()
    ]
    for person_id in ids:
        people.set_language(db, person_id, language)
        people.set_preference(db, person_id, "text_size", text_size)


class Walk:
    """The walk itself: every screen a student or a staff member can reach."""

    def __init__(self, walker: Walker, catalog) -> None:
        self.walker, self.window, self.catalog = walker, walker.window, catalog
        self.db = self.window.kiosk.db

    # -- driving ---------------------------------------------------------------------------

    def find(self, cls, name: str):
        for top in [self.window, *QApplication.topLevelWidgets()]:
            for widget in top.findChildren(cls, name):
                if widget.isVisible():
                    return widget
        raise AssertionError(f"no visible {cls.__name__} named {name!r}")

    def click(self, name: str) -> None:
        from PySide6.QtTest import QTest

        widget = self.find(QAbstractButton, name)
        assert widget.isEnabled(), f"{name!r} is not enabled"
        QTest.mouseClick(widget, Qt.LeftButton, pos=widget.rect().center())
        self.walker.settle()

    def type_into(self, name: str, text: str) -> None:
        from PySide6.QtTest import QTest

        field = self.find(QLineEdit, name)
        field.clear()
        QTest.keyClicks(field, text)

    def click_tab(self, tabs, index: int) -> None:
        from PySide6.QtTest import QTest

        bar = tabs.tabBar()
        QTest.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(index).center())
        self.walker.settle()

    def look(self, name: str) -> None:
        self.walker.look(name)

    # -- the walk --------------------------------------------------------------------------

    def all(self, sign_in: bool = True) -> None:
        """Every screen; `sign_in=False` leaves out the sign-in steps (nobody is signed in
        there, so they do not change with a person's text size)."""
        if sign_in:
            self.sign_in_screens()
        for tier in WALKED_TIERS:
            self.student(tier)
        self.teacher()
        self.counselor()
        self.administrator()
        self.kiosk_screens()

    def sign_in_screens(self) -> None:
        everyone = walkers_people(self.db)
        info, kid = everyone["k-2"]
        self.look("signin")
        self.click(f"class-{info.id}")
        self.look("signin-names")
        self.click(f"student-{kid.id}")
        self.click("pic-cat")
        self.look("signin-pictures")
        self.click("pic-dog")
        self.look("signin-pictures-wrong")
        self.click("backToNames")
        self.click("backToClasses")
        info, kid = everyone["3-5"]
        self.click(f"class-{info.id}")
        self.click(f"student-{kid.id}")
        for key in "12":
            self.click(f"key{key}")
        self.look("signin-pin")
        self.click("keyOk")
        self.look("signin-pin-wrong")
        self.click("backToNames")
        self.click("backToClasses")
        self.type_into("findMe", kid.given_name[:3])
        self.click("findMeGo")
        self.look("signin-found")
        self.click("backToClasses")
        self.click("staffSignIn")
        self.look("signin-staff")
        self.click("staffFirstTime")
        self.look("signin-staff-first-time")
        self.click("staffFirstTime")
        self.type_into("staffUser", "squreshi")
        self.type_into("staffPassword", "not the password")
        self.click("staffGo")
        self.look("signin-staff-wrong")
        self.click("staffBack")

    def sign_in_student(self, tier: str) -> None:
        from citizenship_app.core.demo import demo_code

        info, kid = walkers_people(self.db)[tier]
        self.click(f"class-{info.id}")
        self.click(f"student-{kid.id}")
        code = demo_code(tier)
        if "-" in code:
            for picture in code.split("-"):
                self.click(f"pic-{picture}")
        else:
            for key in code:
                self.click(f"key{key}")
            self.click("keyOk")
        assert self.window.person is not None and self.window.person.id == kid.id, "the student is not in"

    def sign_in_staff(self, username: str) -> None:
        from citizenship_app.core.demo import DEMO_STAFF_PASSWORD

        self.click("staffSignIn")
        self.type_into("staffUser", username)
        self.type_into("staffPassword", DEMO_STAFF_PASSWORD)
        self.click("staffGo")
        assert self.window.person is not None, f"{username} is not in"

    def student(self, tier: str) -> None:
        self.sign_in_student(tier)
        self.look(f"home-{tier}")
        if tier == "3-5":
            self.click("contrast")
            self.look("high-contrast")
            self.click("contrast")
            self.window._idle_warning(30)  # what the idle watch shows before signing out
            self.look("home-idle-warning")
            self.window.idle_banner.hide()
        modules = self.window.student_modules()
        self.lesson(tier, modules[0])
        self.quizzes(tier, modules, pass_it=tier != "3-5")
        self.click("signOut")

    def lesson(self, tier: str, module) -> None:
        self.click(f"open-{module.id}")
        lesson = self.window.lesson
        if lesson.page != 0:
            lesson.go(0)
        self.wait_for_voice()
        self.look(f"lesson-{tier}")
        while lesson.page < len(lesson.module.pages) - 1:
            self.click("lessonNext")
        if tier in ("k-2", "3-5"):
            self.look(f"lesson-{tier}-last")
        self.click("lessonNext")  # Take the quiz
        assert self.window.stack.currentWidget() is self.window.quiz

    def wait_for_voice(self) -> None:
        """Read-aloud starts in its own process; its buttons appear when it is ready."""
        speaker = self.window.speaker
        try:
            self.walker.wait_until(lambda: speaker.status != "starting", timeout=20_000)
        except Exception:  # noqa: BLE001 (a slow voice only changes which buttons show)
            pass

    def quizzes(self, tier: str, modules, pass_it: bool, kinds=None) -> None:
        """Each kind of question of this tier (its longest), before and after checking a wrong
        answer; then the first quiz taken to the end: the result."""
        quiz = self.window.quiz
        first = quiz.module
        seen: set[str] = set()
        if kinds is not None:
            seen = {_kind(q) for m in modules for q in m.quiz.questions} - set(kinds)
        for module in [first] + [m for m in modules if m.id != first.id]:
            kinds = {_kind(q) for q in module.quiz.questions} - seen
            if not kinds:
                continue
            if module.id != first.id:
                self.window.module = module
                self.window.open_quiz()
            drawn = [module.quiz.question(q) for q in quiz.attempt.question_order]
            unanswered = [q for q in drawn if q.id not in quiz.attempt.answers]
            for kind in sorted(kinds):
                candidates = [q for q in unanswered if _kind(q) == kind]
                if not candidates:
                    continue
                question = max(candidates, key=_length)
                unanswered.remove(question)
                seen.add(kind)
                quiz.show_question(question)
                if tier in ("k-2", "3-5"):  # elsewhere the same widgets as with the feedback, below
                    self.look(f"quiz-{tier}-{kind}")
                # Wrong answers say most; the quiz that is then finished passes if it should.
                keep = pass_it and module.id == first.id
                quiz.answer.set_response(right_answer(question) if keep else wrong_answer(question))
                self.click("checkAnswer")
                self.look(f"quiz-{tier}-{kind}-feedback")
                view = quiz.area.viewport()
                sight = QRect(view.mapTo(self.window, QPoint(0, 0)), view.size())
                place = QRect(quiz.feedback.mapTo(self.window, QPoint(0, 0)), quiz.feedback.size())
                # All of it, or as much as the view holds from its top.
                tall = place.top() >= sight.top() and place.height() > sight.height()
                if not (sight.contains(place) or tall):
                    self.walker.problems.append(f"quiz-{tier}-{kind}-feedback: the feedback is not in sight")
            if module.id != first.id:
                continue
        # The first module's quiz to the end.
        self.window.module = first
        self.window.open_quiz()
        while self.window.stack.currentWidget() is quiz:
            question = quiz.question
            quiz.answer.set_response(right_answer(question) if pass_it else wrong_answer(question))
            self.click("checkAnswer")
            self.click("nextQuestion")
        self.look(f"result-{tier}")

    def teacher(self) -> None:
        from PySide6.QtTest import QTest

        self.sign_in_staff(STAFF["teacher"])
        page = self.window.stack.currentWidget()
        self.look("teacher")
        view = page.findChild(QTableView, "classGrid")
        header = view.verticalHeader()
        if view.model().rowCount():
            point = QPoint(
                header.width() // 2, header.sectionViewportPosition(0) + header.sectionSize(0) // 2
            )
            self.walker.dialogs(
                "teacher-history", lambda: QTest.mouseClick(header.viewport(), Qt.LeftButton, pos=point)
            )
            self.walker.dialogs("teacher-new-code", lambda: self.click("resetCode"))
        self.walker.dialogs("teacher-cards", lambda: self.click("printCards"))
        tabs = page.findChild(QWidget, "teacherTabs")
        self.click_tab(tabs, 2)
        self.walker.wait_until(lambda: page.hardest.stats is not None)
        self.look("teacher-hardest")
        self.click_tab(tabs, 1)
        self.look("teacher-assignments")
        self.walker.dialogs("teacher-assign", lambda: self.click("assignModules"))
        self.discussion(page)
        self.click("myTraining")
        self.look("home-staff")
        modules = self.window.student_modules()
        self.lesson("staff", modules[0])
        self.quizzes("staff", modules, pass_it=True, kinds=("matching", "ordering"))
        self.click("signOut")

    def discussion(self, page) -> None:
        """The discussion prompt of an assigned module that has one (the longest, in the
        screen's language where it is translated)."""
        keys = page.assigned_model.keys
        with_prompt = [r for r, k in enumerate(keys) if self.catalog.get(k).discussion]
        assert with_prompt, "no assigned module has a discussion prompt to show"
        row = max(with_prompt, key=lambda r: len(self.catalog.get(keys[r]).discussion))
        page.assigned_view.setCurrentIndex(page.assigned_model.index(row, 0))
        self.walker.dialogs("teacher-discussion", lambda: self.click("discussionPrompt"))

    def counselor(self) -> None:
        from PySide6.QtTest import QTest

        self.sign_in_staff(STAFF["counselor"])
        page = self.window.stack.currentWidget()
        self.walker.wait_until(lambda: page.records.model.rowCount() > 0)
        self.look("counselor")
        view = page.records.view
        cell = view.visualRect(view.model().index(0, 0)).center()

        def double_click() -> None:
            QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=cell)
            QTest.mouseDClick(view.viewport(), Qt.LeftButton, pos=cell)

        self.walker.dialogs("counselor-history", double_click)
        self.click_tab(page.tabs, 1)
        self.walker.wait_until(lambda: page.overdue.model.query is not None)
        self.walker.wait_until(lambda: not page.overdue.count.text().endswith("…"))
        self.look("counselor-overdue")
        self.click_tab(page.tabs, 2)
        self.walker.wait_until(lambda: page.summary is not None)
        self.walker.wait_until(lambda: getattr(page, "months_shown", None) is not None)
        self.look("counselor-compliance")
        self.click_tab(page.tabs, 3)
        self.walker.wait_until(lambda: page.hardest.stats is not None)
        self.look("counselor-hardest")
        self.click("signOut")

    def administrator(self) -> None:
        self.sign_in_staff(STAFF["administrator"])
        page = self.window.stack.currentWidget()
        self.click_tab(page.tabs, 0)  # the tab the last person left open stays open
        self.click_tab(page.tabs, 2)
        self.walker.wait_until(lambda: page.summary is not None)
        self.look("administrator-records")
        self.walker.dialogs("administrator-required-modules", lambda: self.click("requiredModules"))
        self.click("adminButton")
        admin = self.window.admin
        self.look("admin")
        for index in range(admin.tabs.count()):
            self.click_tab(admin.tabs, index)
            self.look(f"admin-{index + 1}-{_file_name(admin.tabs.tabText(index).lower())}")
            if index == 0:
                self.type_into("rosterPath", "/nonexistent/oneroster.zip")
                self.click("rosterCheck")
                self.walker.wait_until(lambda: not admin.roster_status.text().endswith("…"))
                self.look("admin-roster-checked")
            elif admin.tabs.widget(index).findChild(QLineEdit, "enrollUrl") is not None:
                # Enrolling from the screen, refused (no hub at that address): the longest words.
                self.type_into("enrollUrl", "not-a-hub-address")
                self.type_into("enrollToken", "cke_" + "x" * 43)
                self.click("enrollGo")
                self.walker.wait_until(
                    lambda: admin.enroll_panel.go.isEnabled() and admin.enroll_panel.state.text() != ""
                )
                self.look("admin-enroll-refused")
            elif admin.tabs.widget(index).findChild(QLineEdit, "staffUsername") is not None:
                self.type_into("staffUsername", STAFF["teacher"])
                self.click("issueCode")
                self.look("admin-staff-code")
        self.click("signOut")

    def kiosk_screens(self) -> None:
        """What the locked kiosk shows: the exit-code prompt (and after a wrong code), the
        "needs a new exit code" screen, the out-of-order screen."""
        from citizenship_app.core.storage_errors import StorageError
        from citizenship_app.ui.exit_code import ExitCodeNeededPage

        window = self.window
        self.walker.dialogs("exit-code", window.ask_exit_code)
        self.walker.dialogs("exit-code-wrong", lambda: window.try_exit("0000"))
        needed = ExitCodeNeededPage()
        needed.show_status("demo-code-with-real-roster")
        window.stack.addWidget(needed)
        window.stack.setCurrentWidget(needed)
        self.look("exit-code-needed")
        window.stack.removeWidget(needed)
        needed.deleteLater()
        window.show_out_of_order(StorageError("damaged", window.kiosk.data_dir / "kiosk.db", "malformed"))
        self.look("out-of-order")
        window.show_sign_in()


def _kind(question) -> str:
    if question.type == "true_false" and question.style == "thumbs":
        return "thumbs"
    return question.type


def _length(question) -> int:
    texts = [question.story or "", question.prompt, *(c.text for c in question.choices)]
    texts += [p.left + p.right for p in question.pairs]
    return sum(map(len, texts))
