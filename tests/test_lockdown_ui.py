"""Kiosk lockdown: blocked keys and close requests, the exit code, idle sign-out."""

from __future__ import annotations

import pytest
from kiosk_driver import sign_in
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent
from PySide6.QtWidgets import QApplication

from citizenship_app.core import people
from citizenship_app.core.demo import demo_code
from citizenship_app.core.kiosk import DEMO_EXIT_CODE, set_idle_settings
from citizenship_app.core.store import open_store
from citizenship_app.ui.app import build_window, create_app


@pytest.fixture
def locked(qtbot, demo_dir, catalog):
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.engage_lockdown()
    qtbot.waitExposed(window)
    yield window
    window._may_close = True
    window.close()


@pytest.mark.parametrize(
    "key, modifiers",
    [
        (Qt.Key_F4, Qt.AltModifier),
        (Qt.Key_Q, Qt.ControlModifier),
        (Qt.Key_W, Qt.ControlModifier),
        (Qt.Key_Escape, Qt.NoModifier),
        (Qt.Key_F11, Qt.NoModifier),
    ],
)
def test_blocked_keys_neither_close_nor_leave_full_screen(qtbot, locked, key, modifiers):
    assert locked.isFullScreen()
    assert locked.windowFlags() & Qt.FramelessWindowHint and locked.windowFlags() & Qt.WindowStaysOnTopHint
    before = locked.lockdown.blocked
    qtbot.keyClick(locked.signin, key, modifiers)
    assert locked.lockdown.blocked > before
    assert locked.isVisible() and locked.isFullScreen()


def test_window_manager_close_request_is_refused(qtbot, locked):
    event = QCloseEvent()
    QApplication.sendEvent(locked, event)
    assert not event.isAccepted()
    assert locked.isVisible()


def test_leaving_full_screen_is_undone(qtbot, locked):
    locked.showNormal()
    qtbot.waitUntil(locked.isFullScreen)


def test_context_menus_are_swallowed(qtbot, locked):
    centre = locked.signin.rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Mouse, centre, locked.signin.mapToGlobal(centre))
    assert locked.lockdown.eventFilter(locked.signin, event) is True


def test_only_the_staff_exit_code_quits(qtbot, locked):
    qtbot.keyClick(locked.signin, Qt.Key_X, Qt.ControlModifier | Qt.AltModifier | Qt.ShiftModifier)
    qtbot.waitUntil(
        lambda: getattr(locked, "exit_dialog", None) is not None and locked.exit_dialog.isVisible()
    )
    assert locked.try_exit("0000") is False
    assert locked.isVisible()
    with qtbot.waitSignal(QApplication.instance().aboutToQuit, timeout=2000, raising=False):
        assert locked.try_exit(DEMO_EXIT_CODE) is True
    assert not locked.isVisible()
    stored = (
        open_store(locked.kiosk.data_dir)
        .execute("SELECT value FROM settings WHERE key = 'exit_code_hash'")
        .fetchone()[0]
    )
    assert DEMO_EXIT_CODE not in stored


def test_idle_countdown_then_sign_out_with_progress_kept(qtbot, demo_dir, catalog):
    db = open_store(demo_dir)
    set_idle_settings(db, minutes=0.5, countdown=5)
    db.conn.close()
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.show()
    window.idle.idle_ms, window.idle.countdown_s = 150, 2  # the test's short timeout
    info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "9-12")
    student = people.class_students(window.kiosk.db, info.id)[0]
    sign_in(qtbot, window, info.id, student.id, demo_code(student.tier))
    module = catalog.for_tier("9-12")[0]
    qtbot.mouseClick(window.home.cards[module.id].action, Qt.LeftButton)
    qtbot.mouseClick(window.lesson.next, Qt.LeftButton)
    with qtbot.waitSignal(window.idle.warning, timeout=3000) as warned:
        pass
    assert warned.args == [2]
    assert window.idle_banner.isVisible() and "signed out in 2 seconds" in window.idle_banner.text()
    with qtbot.waitSignal(window.idle.expired, timeout=5000):
        pass
    assert window.stack.currentWidget() is window.signin
    assert not window.idle_banner.isVisible()
    page = (
        open_store(demo_dir)
        .execute(
            "SELECT page FROM page_progress WHERE person_id = ? AND module_id = ?", [student.id, module.id]
        )
        .fetchone()
    )
    assert page == (1,)
    window.idle.stop()


def test_input_during_countdown_keeps_the_student_signed_in(qtbot, demo_dir, catalog):
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.show()
    window.idle.idle_ms, window.idle.countdown_s = 100, 3
    info = people.list_classes(window.kiosk.db)[0]
    student = people.class_students(window.kiosk.db, info.id)[0]
    sign_in(qtbot, window, info.id, student.id, demo_code(student.tier))
    with qtbot.waitSignal(window.idle.warning, timeout=3000):
        pass
    with qtbot.waitSignal(window.idle.cleared, timeout=3000):
        qtbot.keyClick(window.home, Qt.Key_Shift)
    assert window.stack.currentWidget() is window.home
    window.idle.stop()


def test_a_minimised_or_hidden_kiosk_shows_itself_again(qtbot, locked):
    locked.showMinimized()
    qtbot.waitUntil(lambda: locked.isVisible() and locked.isFullScreen() and not locked.isMinimized())
    locked.hide()
    qtbot.waitUntil(lambda: locked.isVisible() and locked.isFullScreen())
    assert locked.lockdown.reshown >= 2


def test_the_kiosks_own_exit_prompt_is_not_fought(qtbot, locked):
    qtbot.keyClick(locked.signin, Qt.Key_X, Qt.ControlModifier | Qt.AltModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is locked.exit_dialog)
    for _ in range(3):  # three looks of the guard
        with qtbot.waitSignal(locked.lockdown.guard.timeout, timeout=3000):
            pass
    assert QApplication.activeWindow() is locked.exit_dialog and locked.exit_dialog.isVisible()
    assert locked.lockdown.reshown == 0
    locked.exit_dialog.reject()


def test_the_guard_stops_when_the_kiosk_is_released(qtbot, locked):
    assert locked.lockdown.guard.isActive()
    locked.lockdown.release()
    assert not locked.lockdown.guard.isActive()


def test_every_time_the_kiosk_is_shown_again_is_logged_unless_it_is_a_fight(
    qtbot, locked, caplog, monkeypatch
):
    """Only the first 10 of a kiosk's whole run were logged: later attempts that day (or all of
    them, after a start that used the 10 up) left IT nothing to see."""
    import logging
    import time

    from citizenship_app.ui import lockdown

    def minimise_and_wait() -> None:
        before = locked.lockdown.reshown
        locked.showMinimized()
        qtbot.waitUntil(lambda: locked.lockdown.reshown > before and not locked.isMinimized())

    def logged() -> int:
        return sum("shown again" in r.getMessage() for r in caplog.records)

    caplog.set_level(logging.WARNING, logger="citizenship_app.ui.lockdown")
    for _ in range(12):  # a fight: 10 lines, then quiet
        minimise_and_wait()
    assert logged() == 10
    later = time.monotonic() + 601
    monkeypatch.setattr(lockdown, "_clock", lambda: later, raising=False)
    minimise_and_wait()  # a student's attempt, ten minutes on
    assert logged() == 11
    assert caplog.records[-1].getMessage().endswith(f"shown again ({locked.lockdown.reshown})")
