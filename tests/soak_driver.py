"""Child process of tests/test_soak.py: a signed-in, locked kiosk fed a long stream of input.

    python tests/soak_driver.py DATA_DIR [--events 50000]

The real KioskWindow (offscreen, lockdown engaged) over DATA_DIR, a grade-7 demo student
signed in through the sign-in screen, then mouse moves and key presses delivered through
Qt's own event path (QTest.mouseMove and QTest.keyClick: through the window-system
interface and QApplication::notify), so the application-wide filters (Lockdown, IdleWatch)
see every one. It prints one JSON line per
progress mark and a final summary; the parent asserts on those and on the exit status.
It runs in its own process because a broken Qt binding can abort the interpreter
(`Fatal Python error: none_dealloc`), which would otherwise take pytest down with it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CITIZENSHIP_TTS_ENGINE", "mock")
sys.path.insert(0, str(Path(__file__).resolve().parent))  # kiosk_driver
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

MARK = 1_000  # a progress line every this many events
IDLE_MS = 3_000  # the idle timeout while driven: any 3 s the filter missed would show


class Bot:
    """The few qtbot calls tests/kiosk_driver.py makes, on QTest, for use outside pytest."""

    @staticmethod
    def mouseClick(widget, button, modifier=Qt.NoModifier, pos=None, delay=-1):  # noqa: N802
        if pos is None:
            QTest.mouseClick(widget, button, modifier)
        else:
            QTest.mouseClick(widget, button, modifier, pos, delay)

    @staticmethod
    def waitUntil(condition, timeout=5_000):  # noqa: N802
        clock = QElapsedTimer()
        clock.start()
        while not condition():
            if clock.elapsed() > timeout:
                raise TimeoutError("condition not met in time")
            QTest.qWait(10)


def none_refs() -> int:
    gc.collect()
    return sys.getrefcount(None)


def say(**fields) -> None:
    print(json.dumps(fields), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--events", type=int, default=50_000)
    args = parser.parse_args(argv)

    from kiosk_driver import sign_in

    from citizenship_app.core import people
    from citizenship_app.core.demo import demo_code
    from citizenship_app.ui.app import build_window, create_app

    app = create_app()
    window = build_window(args.data_dir)
    window.engage_lockdown()
    QTest.qWaitForWindowExposed(window)
    info = next(c for c in people.list_classes(window.kiosk.db) if c.grades == "07")
    student = people.class_students(window.kiosk.db, info.id)[0]
    sign_in(Bot, window, info.id, student.id, demo_code(student.tier))
    assert window.stack.currentWidget() is window.home, "not signed in"
    window.idle.idle_ms, window.idle.countdown_s = IDLE_MS, 1
    warnings: list[int] = []
    window.idle.warning.connect(warnings.append)

    target = window.home
    width, height = max(target.width(), 2), max(target.height(), 2)
    escapes = 0

    def drive(count: int, start: int) -> None:
        """Alternate a mouse move (a new spot each time) and a key press; every tenth key
        is Escape, which the lockdown must swallow. Qt runs its own loop every 100 events."""
        nonlocal escapes
        for n in range(start, start + count):
            if n % 2 == 0:
                QTest.mouseMove(target, QPoint((n * 7) % width, (n * 13) % height))
            elif n % 20 == 1:
                QTest.keyClick(target, Qt.Key_Escape)
                escapes += 1
            else:
                QTest.keyClick(target, Qt.Key_Shift)
            if n % 100 == 99:
                app.processEvents()

    warm_up = 1_000  # first calls fill caches (event-type sets, enum wrappers)
    drive(warm_up, 0)
    blocked_before = window.lockdown.blocked
    escapes = 0
    before = none_refs()
    say(mark="start", events=0, none_refs=before)
    began = time.monotonic()
    done = 0
    while done < args.events:
        step = min(MARK, args.events - done)
        drive(step, warm_up + done)
        done += step
        say(mark="progress", events=done, none_refs=none_refs())
    seconds = time.monotonic() - began
    after = none_refs()
    still_home = window.stack.currentWidget() is window.home
    full_screen = window.isFullScreen()
    blocked = window.lockdown.blocked - blocked_before
    warned_while_driven = len(warnings)

    # Left alone, the idle sign-out still comes: the watcher survived the stream.
    Bot.waitUntil(lambda: window.stack.currentWidget() is window.signin, timeout=IDLE_MS + 10_000)
    say(
        mark="end",
        events=done,
        seconds=round(seconds, 1),
        none_refs_before=before,
        none_refs_after=after,
        still_signed_in=still_home,
        idle_warnings=warned_while_driven,
        full_screen=full_screen,
        escapes_sent=escapes,
        escapes_blocked=blocked,
        signed_out_by_idle=window.stack.currentWidget() is window.signin,
    )
    window._may_close = True
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
