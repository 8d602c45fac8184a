"""The kiosk's main window: a header and a stack of screens, driven by the core."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import people
from ..core.kiosk import Kiosk, check_exit_code, idle_settings
from .header import Header
from .i18n import translate
from .lockdown import IdleWatch, Lockdown
from .signin import SignInPage
from .widgets import button, label, relayout, set_enum


class KioskWindow(QMainWindow):
    def __init__(self, kiosk: Kiosk) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.person: people.Person | None = None
        self.class_id: str | None = None
        self.module = None
        self.setWindowTitle("Citizenship Kiosk")
        set_enum(self, "contextMenuPolicy", "NoContextMenu")

        central = QWidget()
        central.setObjectName("page")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        self._build_notices(outer)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.signin = None
        self.chosen_language: str | None = None  # picked on the sign-in screen, this time
        self._build_sign_in()
        # The other screens are built on first use: they pull in Markdown and the catalog,
        # which the sign-in screen does not need (start-up time).
        self._home = self._lesson = self._quiz = self._result = self._admin = None
        self._exit_code_page = None  # "IT must set an exit code", built only when needed
        self._staff_pages: dict = {}  # "teacher" / "counselor" -> page, built on first use
        self._build_lockdown()
        self._start_backups()
        self._build_sync()
        self.show_sign_in()

    def _build_header(self) -> QWidget:
        """The title, the sync status (staff), who is signed in and their buttons."""
        header = Header()
        bar = header.top
        self.header = header
        self.title = label(translate("Kiosk", "Citizenship Kiosk"), "appTitle", wrap=False)
        bar.addWidget(self.title)
        self.sync_label = label("", "syncStatus", wrap=True)
        # The status gives way first when the header is crowded (large text, Spanish).
        policy = QSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        policy.setRetainSizeWhenHidden(True)  # hidden for students: its room stays, buttons keep their size
        self.sync_label.setSizePolicy(policy)
        set_enum(self.sync_label, "alignment", "AlignRight|AlignVCenter")
        self.sync_label.setAccessibleName(translate("Kiosk", "District sync status"))
        bar.addWidget(self.sync_label, 1)
        header.gives_way = self.sync_label
        bar.addSpacing(24)
        self.who = label("", "who", wrap=False)
        bar.addWidget(self.who)
        bar = header.buttons_row
        self.text_size_button = button(
            translate("Kiosk", "Text size"), "textSize", accessible=translate("Kiosk", "Text size")
        )
        self.text_size_button.clicked.connect(self.next_text_size)
        self.contrast_button = button(translate("Kiosk", "High contrast"), "contrast")
        self.contrast_button.setCheckable(True)
        self.contrast_button.clicked.connect(self.toggle_contrast)
        for widget in (self.text_size_button, self.contrast_button):
            widget.hide()
            bar.addWidget(widget)
        self.admin_button = button(translate("Kiosk", "Administration"), "adminButton")
        self.admin_button.clicked.connect(self.show_admin)
        self.admin_button.hide()
        bar.addWidget(self.admin_button)
        # Staff in their own training modules get back to their classes or records here.
        self.staff_button = button(translate("Kiosk", "My classes"), "staffTools")
        self.staff_button.clicked.connect(self.show_staff)
        self.staff_button.hide()
        bar.addWidget(self.staff_button)
        self.sign_out_button = button(translate("Kiosk", "Sign out"), "signOut")
        self.sign_out_button.clicked.connect(self.sign_out)
        bar.addWidget(self.sign_out_button)
        header.place_buttons()
        return header

    def _build_notices(self, outer: QVBoxLayout) -> None:
        """The lines under the header: the idle countdown, a recovery at start, read-aloud off.
        Each goes into the layout before it is shown (a widget shown with no parent is a window)."""
        self.idle_banner = label("", "idleBanner")
        set_enum(self.idle_banner, "alignment", "AlignCenter")
        self.idle_banner.hide()
        outer.addWidget(self.idle_banner)
        # Said plainly, on screen, when the records file had to be recovered at start.
        self.notice = label(self.kiosk.recovery.message() if self.kiosk.recovery else "", "notice")
        self.notice.setVisible(self.kiosk.recovery is not None)
        outer.addWidget(self.notice)
        # For staff: read-aloud was turned off because the speech engine stalled.
        self.speech_notice = label("", "notice")
        self.speech_notice.setObjectName("speechNotice")
        self.speech_notice.hide()
        outer.addWidget(self.speech_notice)

    def _build_lockdown(self) -> None:
        """Student mode's guard (the exit code), and idle sign-out."""
        self.lockdown = Lockdown(self)
        self.lockdown.exit_requested.connect(self.ask_exit_code)
        self._may_close = False
        minutes, countdown = idle_settings(self.kiosk.db)
        self.idle = IdleWatch(self, int(minutes * 60_000), countdown)
        self.idle.warning.connect(self._idle_warning)
        self.idle.cleared.connect(self.idle_banner.hide)
        self.idle.expired.connect(self.sign_out)

    def _start_backups(self) -> None:
        """Daily backups: checked shortly after start (not on the start-up path) and hourly."""
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(3_600_000)
        self.backup_timer.timeout.connect(self.daily_backup)
        self.backup_timer.start()
        QTimer.singleShot(10_000, self.daily_backup)

    def _build_sync(self) -> None:
        """Sending records to the district in the background; its status in the header."""
        from .sync_worker import SyncWorker

        self.sync = SyncWorker(self.kiosk.data_dir, parent=self)
        self.sync.finished.connect(self.show_sync_status)
        self.show_sync_status(None)

    def verify_records(self) -> None:
        """Every page of the records file checked (`Kiosk.verify`), after the first paint:
        damage found is recovered from and said on screen, like damage found at start."""
        from ..core.storage_errors import StorageError

        try:
            recovery = self.kiosk.verify()
        except StorageError as error:
            self.show_out_of_order(error)
            return
        if recovery is not None:
            self.notice.setText(recovery.message())
            self.notice.show()
            self._build_sign_in()  # over the restored file
            self.show_sign_in()

    def show_out_of_order(self, error) -> None:
        """Records cannot be saved: whoever was signed in is signed out, the screen says to
        fetch a teacher, and the window stays as it was (locked, in lockdown)."""
        import logging

        logging.getLogger(__name__).error("out of order: %s", error.technical)
        from .out_of_order import OutOfOrderPage

        self.person, self.class_id, self.module = None, None, None
        self.idle.stop()
        self.idle_banner.hide()
        self.who.clear()
        for widget in (
            self.sign_out_button,
            self.staff_button,
            self.admin_button,
            self.text_size_button,
            self.contrast_button,
        ):
            widget.hide()
        if getattr(self, "out_of_order", None) is None:
            from ..core.store import probe_write

            self.out_of_order = OutOfOrderPage(error, retry=lambda: probe_write(self.kiosk.db))
            self.out_of_order.recovered.connect(lambda _: self.show_sign_in())
            self.stack.addWidget(self.out_of_order)
        self.out_of_order.show_error(error)
        self.stack.setCurrentWidget(self.out_of_order)

    def start_sync(self) -> None:
        """Periodic sync in the background (not in tests that do not ask for it)."""
        self.sync.start()

    def show_sync_status(self, result) -> None:
        from ..core.outbox import status

        info = status(self.kiosk.db)
        waiting = info["pending"]
        last = info["last_sync"]
        when = translate("Kiosk", "never") if not last else _local_time(last)
        text = translate("Kiosk", "Waiting to send: {n} · last synced {when}").format(n=waiting, when=when)
        if info["quarantined"]:
            text += " · " + translate("Kiosk", "{n} need IT").format(n=info["quarantined"])
        if info["last_error"] and "credentials" in info["last_error"]:
            # 401/403: retrying will not help; someone has to fix the configuration.
            text += " · " + translate("Kiosk", "sync settings need IT")
        self.sync_label.setText(text)

    def daily_backup(self) -> None:
        """Off the screen's thread: a backup copies and checks the whole file (0.5 s for a
        school's records, seconds for a district's), on connections of its own."""
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().start(lambda: _daily_backup(self.kiosk.data_dir))

    # -- lockdown ---------------------------------------------------------------------------

    def engage_lockdown(self) -> None:
        """Student mode: full screen, frameless, on top; only the staff exit code quits."""
        self.lockdown.engage()
        self._exit_code_gate()

    def exit_code_blocked(self) -> str | None:
        """Locked, but IT must set an exit code first: the core's status code, else None."""
        if not self.lockdown.active:
            return None
        from ..core.kiosk import EXIT_CODE_BLOCKING, exit_code_status

        status = exit_code_status(self.kiosk.db)
        return status if status in EXIT_CODE_BLOCKING else None

    def _exit_code_gate(self) -> bool:
        """Show the "set an exit code" screen instead of student sign-in while one is needed."""
        status = self.exit_code_blocked()
        if status is None:
            return False
        if self._exit_code_page is None:
            from .exit_code import ExitCodeNeededPage

            self._exit_code_page = ExitCodeNeededPage()
            self._exit_code_page.staff_requested.connect(self._staff_for_exit_code)
            self._exit_code_page.check_requested.connect(self.show_sign_in)
            self._exit_code_page.first_painted.connect(self._exit_code_page_painted)
            self.stack.addWidget(self._exit_code_page)
        if self._exit_code_page.painted:  # else once it is (the log file opens then)
            self._log_exit_code_gate()
        self._exit_code_page.show_status(status)
        self.stack.setCurrentWidget(self._exit_code_page)
        return True

    def _exit_code_page_painted(self) -> None:
        # In place of the sign-in screen's first paint: open the log, build the rest.
        self.signin.first_painted.emit()
        self._log_exit_code_gate()

    def _log_exit_code_gate(self) -> None:
        import logging

        status = self.exit_code_blocked()
        if status:
            logging.getLogger(__name__).error(
                "locked kiosk not open to students: exit code %s; an administrator must set one", status
            )

    def _staff_for_exit_code(self) -> None:
        self.signin.show_staff()
        self.stack.setCurrentWidget(self.signin)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.lockdown.active and not self._may_close:
            event.ignore()
            return
        import logging

        logging.getLogger(__name__).info("kiosk window closed")
        self.idle.stop()
        self.sync.stop()
        if getattr(self, "out_of_order", None) is not None:
            self.out_of_order.stop()
        if getattr(self, "_speaker", None) is not None:
            self._speaker.shutdown()  # kills the speech process; never waits on a hung one
        self.lockdown.release()
        super().closeEvent(event)

    def ask_exit_code(self, message: str = "") -> None:
        from .exit_dialog import ExitDialog

        dialog = ExitDialog(self, message)
        dialog.setModal(True)
        dialog.accepted.connect(lambda: self.try_exit(dialog.code.text()))
        dialog.open()
        self.exit_dialog = dialog

    def try_exit(self, code: str) -> bool:
        """Quit if the exit code is right; else ask again, saying why (wrong, or locked)."""
        import logging

        answer = check_exit_code(self.kiosk.db, code)
        if not answer.ok:
            from .exit_dialog import exit_refusal

            if answer.reason != "blank":  # an empty Enter just closes the prompt
                self.ask_exit_code(exit_refusal(answer))
            return False
        logging.getLogger(__name__).info("kiosk exit: the staff exit code was given")
        self._may_close = True
        self.close()
        QApplication.instance().quit()
        return True

    def _idle_warning(self, seconds: int) -> None:
        self.idle_banner.setText(
            translate(
                "Kiosk", "Are you still there? You will be signed out in {n} seconds. Touch anything to stay."
            ).format(n=seconds)
        )
        self.idle_banner.show()

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

            self._lesson = LessonPage(self.kiosk, self.speaker)
            self._lesson.quiz_requested.connect(lambda _id: self.open_quiz())
            self._lesson.home_requested.connect(self.show_home)
            self.stack.addWidget(self._lesson)
        return self._lesson

    @property
    def quiz(self):
        if self._quiz is None:
            from .quiz import QuizPage

            self._quiz = QuizPage(self.kiosk, self.speaker)
            self._quiz.finished.connect(self.show_result)
            self._quiz.home_requested.connect(self.show_home)
            self.stack.addWidget(self._quiz)
        return self._quiz

    @property
    def result(self):
        if self._result is None:
            from .quiz import ResultPage

            self._result = ResultPage(self.speaker)
            self._result.retake.connect(self.open_quiz)
            self._result.review.connect(lambda: self.open_lesson(self.module.id, self._result.reread_page))
            self._result.home_requested.connect(self.show_home)
            self.stack.addWidget(self._result)
        return self._result

    @property
    def speaker(self):
        """The read-aloud voice, started the first time a lesson or quiz needs it."""
        if getattr(self, "_speaker", None) is None:
            from .speech import ReadAloud

            self._speaker = ReadAloud(self)
            self._speaker.gave_up.connect(self._speech_gave_up)
            self._speaker.finished.connect(self._speech_worked)
        self._speaker.set_language(self.language)
        return self._speaker

    def _speech_gave_up(self, code: str) -> None:
        from ..core.readaloud import record_fault

        record_fault(self.kiosk.db, code)
        self.show_speech_notice()

    def _speech_worked(self) -> None:
        from ..core.readaloud import clear_fault, current_fault

        if current_fault(self.kiosk.db) is not None:
            clear_fault(self.kiosk.db)
            self.show_speech_notice()

    def show_speech_notice(self) -> None:
        """Staff see why read-aloud is off (students just do not get the buttons)."""
        from ..core.readaloud import current_fault
        from .speech import fault_text

        fault = current_fault(self.kiosk.db) if self.person and self.person.role != "student" else None
        self.speech_notice.setText(
            fault_text(fault.code, _local_time(fault.at) if fault.at else "") if fault else ""
        )
        self.speech_notice.setVisible(fault is not None)

    # -- display preferences ----------------------------------------------------------------

    def apply_preferences(self) -> None:
        """This person's text size and contrast (or the defaults when nobody is signed in)."""
        from .theme import apply as apply_theme

        prefs = (
            people.preferences(self.kiosk.db, self.person.id) if self.person else people.PREFERENCE_DEFAULTS
        )
        theme = (prefs["text_size"], prefs["contrast"])
        if theme != getattr(self, "_theme", ("normal", "normal")):  # re-styling every widget is slow
            apply_theme(QApplication.instance(), *theme)
            self._theme = theme
            relayout(self)
        self.contrast_button.setChecked(prefs["contrast"] == "high")
        self.text_size_button.setAccessibleName(
            translate("Kiosk", "Text size: {size}").format(
                size={
                    "normal": translate("Kiosk", "normal"),
                    "large": translate("Kiosk", "large"),
                    "largest": translate("Kiosk", "largest"),
                }[prefs["text_size"]]
            )
        )
        # K-2 screens get bigger touch targets (64 px and up), see kiosk.qss.
        tier = self.person.tier if self.person else ""
        if (self.property("tier") or "") != tier:
            self.setProperty("tier", tier)
            self.style().unpolish(self)
            self.style().polish(self)

    def next_text_size(self) -> None:
        sizes = people.TEXT_SIZES
        current = people.preferences(self.kiosk.db, self.person.id)["text_size"]
        people.set_preference(
            self.kiosk.db, self.person.id, "text_size", sizes[(sizes.index(current) + 1) % len(sizes)]
        )
        self.apply_preferences()

    def toggle_contrast(self) -> None:
        current = people.preferences(self.kiosk.db, self.person.id)["contrast"]
        people.set_preference(
            self.kiosk.db, self.person.id, "contrast", "normal" if current == "high" else "high"
        )
        self.apply_preferences()

    # -- language ---------------------------------------------------------------------------

    def _build_sign_in(self) -> None:
        old = self.signin
        self.signin = SignInPage(self.kiosk)
        self.signin.signed_in.connect(self.on_signed_in)
        self.signin.staff_signed_in.connect(lambda person_id: self.on_signed_in(person_id, ""))
        self.signin.language_chosen.connect(self.choose_language)
        self.stack.addWidget(self.signin)
        if old is not None:
            self.stack.removeWidget(old)
            old.setParent(None)  # gone at once from the window, deleted when Qt is idle
            old.deleteLater()

    def choose_language(self, language: str) -> None:
        """From the sign-in screen: this student's choice, saved when they sign in."""
        self.chosen_language = language
        self.set_language(language)
        self.signin.reset()
        self.stack.setCurrentWidget(self.signin)

    def set_language(self, language: str | None) -> None:
        from .i18n import current_language, set_language

        before = current_language()
        if set_language(language) == before:
            return
        # Screens are rebuilt in the new language the next time they are shown.
        for name in ("_home", "_lesson", "_quiz", "_result", "_admin", "_exit_code_page"):
            page = getattr(self, name)
            if page is not None:
                self.stack.removeWidget(page)
                page.setParent(None)
                page.deleteLater()
                setattr(self, name, None)
        for page in self._staff_pages.values():
            self.stack.removeWidget(page)
            page.setParent(None)
            page.deleteLater()
        self._staff_pages = {}
        self._build_sign_in()
        self._retranslate_header()

    def _retranslate_header(self) -> None:
        self.title.setText(translate("Kiosk", "Citizenship Kiosk"))
        self.sign_out_button.setText(translate("Kiosk", "Sign out"))
        self.sign_out_button.setAccessibleName(translate("Kiosk", "Sign out"))
        self.text_size_button.setText(translate("Kiosk", "Text size"))
        self.contrast_button.setText(translate("Kiosk", "High contrast"))
        self.contrast_button.setAccessibleName(translate("Kiosk", "High contrast"))
        self.admin_button.setText(translate("Kiosk", "Administration"))
        self.admin_button.setAccessibleName(translate("Kiosk", "Administration"))
        self.show_sync_status(None)

    @property
    def language(self) -> str:
        from .i18n import current_language

        return current_language()

    # -- navigation -------------------------------------------------------------------------

    def show_sign_in(self) -> None:
        self.person, self.class_id, self.module = None, None, None
        self.chosen_language = None
        from ..core.store import get_setting

        self.set_language(get_setting(self.kiosk.db, "default_language", "en"))
        self.idle.stop()
        self.idle_banner.hide()
        self.speech_notice.hide()
        self.who.clear()
        self.sync_label.hide()  # sync is staff business: no jargon on students' screens
        for page in (*self._staff_pages.values(), self._admin):  # the next person sees none of it
            if page is not None:
                page.clear_messages()
        self.sign_out_button.hide()
        self.staff_button.hide()
        self.admin_button.hide()
        self.text_size_button.hide()
        self.contrast_button.hide()
        self.apply_preferences()
        self.signin.reset()
        self.stack.setCurrentWidget(self.signin)
        self._exit_code_gate()

    def on_signed_in(self, person_id: str, class_id: str) -> None:
        self.person = people.get_person(self.kiosk.db, person_id)
        if self.person.role == "student" and self.exit_code_blocked():
            self.show_sign_in()  # no student mode until IT has set an exit code
            return
        self.class_id = class_id or None
        if self.chosen_language and self.chosen_language != self.person.language:
            people.set_language(self.kiosk.db, person_id, self.chosen_language)
            self.person = people.get_person(self.kiosk.db, person_id)
        self.set_language(self.person.language or self.language)
        self.who.setText(self.person.display_name)
        self.sync_label.setVisible(self.person.role != "student")
        self.sign_out_button.show()
        self.text_size_button.show()
        self.contrast_button.show()
        self.apply_preferences()
        self.admin_button.setVisible(self._is_administrator())
        self.show_speech_notice()
        self.idle.start()
        if self.person.role != "student":
            self.show_staff()
            if self._is_administrator() and self.exit_code_blocked():
                self.show_admin()
                self.admin.show_kiosk_tab()  # the first thing to do here
        else:
            self.show_home()

    def _is_administrator(self) -> bool:
        from ..core.auth import staff_role

        return self.person.role != "student" and staff_role(self.kiosk.db, self.person.id) == "administrator"

    @property
    def admin(self):
        if self._admin is None:
            from .admin import AdminPage

            self._admin = AdminPage(self.kiosk, self.sync)
            self._admin.back_requested.connect(self.show_staff)  # back to their records
            self.stack.addWidget(self._admin)
        return self._admin

    def show_admin(self) -> None:
        if self.person is None or not self._is_administrator():
            return  # checked again here: the button is not the only way to call this
        self.admin.refresh_sync()
        self.stack.setCurrentWidget(self.admin)

    def staff_page(self):
        """The teacher's screen, or the counselor's (for counselors and administrators)."""
        from ..core.auth import staff_role

        kind = "teacher" if staff_role(self.kiosk.db, self.person.id) == "teacher" else "counselor"
        if kind not in self._staff_pages:
            if kind == "teacher":
                from .staff.teacher import TeacherPage as Page
            else:
                from .staff.counselor import CounselorPage as Page
            page = Page(self.kiosk)
            # Styled (its denser staff style) before it joins the stack: unstyled, at the
            # largest text, it would ask for a wider window than the screen for a moment.
            page.ensurePolished()
            relayout(page)  # sizes measured before the style: again
            page.training_requested.connect(self.show_home)
            self.stack.addWidget(page)
            self._staff_pages[kind] = page
        self.staff_button.setText(
            translate("Kiosk", "My classes") if kind == "teacher" else translate("Kiosk", "Records")
        )
        return self._staff_pages[kind]

    def show_staff(self) -> None:
        page = self.staff_page()
        page.show_for(self.person)
        self.staff_button.hide()
        self.stack.setCurrentWidget(page)

    def student_modules(self):
        tier = "staff" if self.person.role != "student" else (self.person.tier or "k-2")
        catalog = self.kiosk.catalog
        # Each module in the student's language where a translation exists, else in English.
        return [catalog.localized(m, self.language) for m in catalog.for_tier(tier)]

    def show_home(self) -> None:
        self.home.show_for(self.person, self.student_modules())
        self.staff_button.setVisible(self.person.role != "student")
        self.stack.setCurrentWidget(self.home)

    def open_lesson(self, module_id: str, page: int | None = None) -> None:
        """Open a module's lesson where the student left it, or at `page` (a page to reread)."""
        self.module = self.kiosk.catalog.localized(module_id, self.language)
        self.lesson.open(self.person.id, self.module)
        if page is not None:
            self.lesson.go(page)
        self.stack.setCurrentWidget(self.lesson)

    def open_quiz(self) -> None:
        self.stack.setCurrentWidget(self.quiz)
        self.quiz.open(self.person.id, self.module, self.class_id)

    def show_result(self, outcome) -> None:
        self.result_outcome = outcome
        self.show_sync_status(None)
        if self.sync.timer.isActive():
            self.sync.poke()  # send it now rather than at the next tick
        # Shown first, then filled: hiding the quiz stops its reading, not the result's (K-2).
        self.stack.setCurrentWidget(self.result)
        self.result.show_outcome(outcome, self.module.title, self.module, self.quiz.attempt)

    def sign_out(self) -> None:
        """Back to sign-in. Everything is already saved: pages and answers commit as they go."""
        self.show_sign_in()


def _daily_backup(data_dir) -> None:
    from ..core.backup import daily_backup

    try:
        daily_backup(data_dir)
    except Exception:  # a failed backup must never take the kiosk down
        import logging

        logging.getLogger(__name__).exception("daily backup failed")


def _local_time(iso: str) -> str:
    from datetime import datetime

    moment = datetime.fromisoformat(iso).astimezone()
    return (
        moment.strftime("%H:%M") if moment.date() == datetime.now().date() else moment.strftime("%b %d %H:%M")
    )
