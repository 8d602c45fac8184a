"""Kiosk lockdown, as far as an application can go, and idle sign-out.

The operating system does the rest (docs/deployment.md): a kiosk session, no task switcher,
restart on crash. Here: the window stays full screen, frameless and on top; the keys that
close or leave full screen do nothing; context menus never open; only a staff exit code
(stored hashed) quits. Where a window manager minimises, hides, unmaps or covers the kiosk
anyway (show desktop, a window menu, another program's window), the kiosk shows itself again,
full screen, on top and focused, at once on the event and within a second by a guard timer.
"""

from __future__ import annotations

import time
from collections import deque
from functools import cache

from PySide6.QtCore import QObject, QTimer, Signal

# Qt's enums are touched on first use, not at import: PySide builds the whole Qt namespace
# (and QEvent's types) the first time, and the sign-in screen should not wait for that.


@cache
def blocked_keys() -> frozenset:
    """Keys that would close the app or leave full screen: swallowed in student mode."""
    from PySide6.QtCore import Qt

    return frozenset(
        {
            (Qt.Key_F4, Qt.AltModifier),
            (Qt.Key_Q, Qt.ControlModifier),
            (Qt.Key_W, Qt.ControlModifier),
            (Qt.Key_Escape, Qt.NoModifier),
            (Qt.Key_F11, Qt.NoModifier),
            (Qt.Key_Tab, Qt.AltModifier),
            (Qt.Key_M, Qt.ControlModifier),
            (Qt.Key_H, Qt.ControlModifier),
        }
    )


@cache
def exit_chord():
    """Staff press this to open the exit-code prompt."""
    from PySide6.QtGui import QKeySequence

    return QKeySequence("Ctrl+Alt+Shift+X")


@cache
def input_events() -> frozenset:
    from PySide6.QtCore import QEvent

    return frozenset(
        {
            QEvent.KeyPress,
            QEvent.MouseButtonPress,
            QEvent.MouseMove,
            QEvent.Wheel,
            QEvent.TouchBegin,
            QEvent.TouchUpdate,
            QEvent.TabletPress,
        }
    )


@cache
def filtered_events() -> frozenset:
    """The only event types the lockdown filter looks into; it sees every event in the app."""
    from PySide6.QtCore import QEvent

    return frozenset(
        {
            QEvent.KeyPress,
            QEvent.ShortcutOverride,
            QEvent.ContextMenu,
            QEvent.WindowStateChange,
            QEvent.Hide,
            QEvent.Expose,
            QEvent.WindowDeactivate,
            QEvent.ApplicationStateChange,
        }
    )


#: How often the guard looks at the window, and how soon after a hint (an event) it looks.
GUARD_MS = 500
SOON_MS = 100
#: Each time the kiosk is shown again is logged, up to LOG_BURST lines in LOG_WINDOW_S seconds
#: (a window manager that fights would fill the log); past that, every 100th.
LOG_BURST, LOG_WINDOW_S = 10, 600.0
_clock = time.monotonic  # tests move it on


def _key(event) -> tuple:
    from PySide6.QtCore import Qt

    mods = event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.ShiftModifier | Qt.MetaModifier)
    return event.key(), mods


class Lockdown(QObject):
    """An application-wide event filter for a locked kiosk window."""

    exit_requested = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.blocked = 0  # how many attempts were swallowed (shown in the log, used by tests)
        self.reshown = 0  # how many times the window had to be shown again
        self._logged: deque[float] = deque(maxlen=LOG_BURST)  # when the last lines were written
        # One timer for both: the periodic guard, and a look soon after a telling event
        # (deactivation comes before our own dialog's activation: look a moment later).
        self.guard = QTimer(self)
        self.guard.timeout.connect(self.check)

    def engage(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        self.active = True
        self.window.setWindowFlags(
            self.window.windowFlags() | Qt.FramelessWindowHint | Qt.WindowStaysOnTopHint
        )
        self.window.setContextMenuPolicy(Qt.NoContextMenu)
        QApplication.instance().installEventFilter(self)
        self.fill_screen()
        self.guard.start(GUARD_MS)

    def look_soon(self) -> None:
        if self.active:
            self.guard.start(SOON_MS)  # and then back to GUARD_MS (see check)

    def trouble(self) -> str | None:
        """Why the kiosk is not on screen as it should be, or None when it is."""
        from PySide6.QtWidgets import QApplication

        window = self.window
        if not window.isVisible():
            return "hidden"
        if window.isMinimized():
            return "minimised"
        handle = window.windowHandle()
        # Only X11 lets another program unmap our window; elsewhere (Wayland, Windows) a
        # window can be unexposed for reasons of the system's own (a display turned off).
        if handle is not None and not handle.isExposed() and QApplication.platformName() == "xcb":
            return "unmapped"
        if not window.isFullScreen():
            return "not full screen"
        screen = window.screen()
        if screen is not None and window.geometry() != screen.geometry():
            return "not filling the screen"
        # Our own windows (the exit-code prompt, a staff dialog) may be the active one.
        if QApplication.activeWindow() is None:
            return "covered by another program's window"
        return None

    def check(self) -> None:
        """The guard: show the kiosk again, full screen, on top and focused, if it is not."""
        if self.guard.interval() != GUARD_MS:
            self.guard.setInterval(GUARD_MS)
        if not self.active:
            return
        why = self.trouble()
        if why is None:
            return
        self.reshown += 1
        if self._log_this():
            import logging

            logging.getLogger(__name__).warning(
                "lockdown: the kiosk window was %s; shown again (%d)", why, self.reshown
            )
        self.reshow(why)

    def _log_this(self) -> bool:
        """Whether this time goes in the log. It was the first 10 of the kiosk's whole run: on a
        loaded machine the start alone could use them up, and a student's attempts later that
        day went unlogged (IT could not see them)."""
        now = _clock()
        if len(self._logged) == LOG_BURST and now - self._logged[0] < LOG_WINDOW_S:
            return self.reshown % 100 == 0  # a window manager that fights: log less
        self._logged.append(now)
        return True

    def reshow(self, why: str) -> None:
        window = self.window
        if why == "unmapped" and not window.isMinimized():
            # Unmapped behind Qt's back (the window manager then forgets it): Qt still
            # counts it as shown, so hide it first for show() to map it again.
            window.hide()
        self.fill_screen()
        window.raise_()
        window.activateWindow()

    def fill_screen(self) -> None:
        """Full screen, also where no window manager honours the request: an X11 session
        whose only program is the kiosk (docs/deployment.md) leaves the geometry to us."""
        screen = self.window.screen()
        if screen is not None:
            self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()

    def release(self) -> None:
        """Leave student mode (staff exit): stop filtering the application's events."""
        from PySide6.QtWidgets import QApplication

        if self.active:
            QApplication.instance().removeEventFilter(self)
        self.active = False
        self.guard.stop()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if not self.active:
            return False
        kind = event.type()
        if kind not in filtered_events():  # most events: return at once (start-up time)
            return False
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeySequence

        if kind in (QEvent.KeyPress, QEvent.ShortcutOverride):
            key, mods = _key(event)
            if kind == QEvent.KeyPress and QKeySequence(event.keyCombination()) == exit_chord():
                self.exit_requested.emit()
                return True
            if (key, mods) in blocked_keys():
                self.blocked += 1
                return True
        elif kind == QEvent.ContextMenu:
            return True
        elif kind == QEvent.WindowStateChange and obj is self.window:
            if not self.window.isFullScreen() or self.window.isMinimized():
                self.look_soon()
        elif kind == QEvent.Expose:
            if obj is self.window.windowHandle():
                self.look_soon()
        elif obj is self.window or kind == QEvent.ApplicationStateChange:  # Hide, deactivation
            self.look_soon()
        return False


class IdleWatch(QObject):
    """Signs a student out after `idle_ms` without input, with a visible countdown first.

    `warning(seconds_left)` is emitted every second of the countdown; `expired` at the end;
    `cleared` when input arrives during the countdown.
    """

    warning = Signal(int)
    expired = Signal()
    cleared = Signal()

    def __init__(self, parent, idle_ms: int, countdown_s: int) -> None:
        super().__init__(parent)
        self.idle_ms, self.countdown_s = idle_ms, countdown_s
        self.running = False
        self.left = 0
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._start_countdown)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._tick)

    def start(self) -> None:
        from PySide6.QtWidgets import QApplication

        if not self.running:
            QApplication.instance().installEventFilter(self)
        self.running = True
        self.tick.stop()
        self.idle.start(self.idle_ms)

    def stop(self) -> None:
        from PySide6.QtWidgets import QApplication

        if self.running:
            QApplication.instance().removeEventFilter(self)
        self.running = False
        self.idle.stop()
        self.tick.stop()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if self.running and event.type() in input_events():
            if self.tick.isActive():
                self.tick.stop()
                self.cleared.emit()
            self.idle.start(self.idle_ms)
        return False

    def _start_countdown(self) -> None:
        self.left = self.countdown_s
        self.warning.emit(self.left)
        self.tick.start()

    def _tick(self) -> None:
        self.left -= 1
        if self.left > 0:
            self.warning.emit(self.left)
            return
        self.tick.stop()
        self.running and self.expired.emit()
