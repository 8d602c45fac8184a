"""Start the kiosk window."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.kiosk import Kiosk


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Citizenship Kiosk")
    from .theme import apply

    apply(app)
    return app


def build_window(data_dir=None, demo: bool = False, catalog=None):
    """The kiosk window over the store in data_dir; the demo school if nothing is set up."""
    from ..core.demo import ensure_school, has_roster, load_demo
    from ..core.kiosk import Kiosk
    from .window import KioskWindow

    kiosk = Kiosk(data_dir, catalog=catalog)
    if demo and not has_roster(kiosk.db):
        load_demo(kiosk.db)
    else:
        ensure_school(kiosk.db)
    window = KioskWindow(kiosk)
    # The log file opens right after the first paint (~16 ms of imports the sign-in screen
    # does not need), or two seconds after start if the window is up but never painted (a
    # locked or blanked display). Anything the start-up had to report is logged then.
    from PySide6.QtCore import QTimer

    start = functools.cache(lambda: _start_logging(kiosk))  # whichever comes first, once
    window.signin.first_painted.connect(start)
    # Every page of the records file is checked right after the first paint (it grows with
    # the file: ~2 s for a district's 400 MB), before anyone can sign in.
    window.signin.first_painted.connect(lambda: QTimer.singleShot(0, window, window.verify_records))
    QTimer.singleShot(2_000, window, lambda: start() if window.isVisible() else None)
    return window


def _start_logging(kiosk: Kiosk) -> None:
    import logging

    from ..core.logs import setup_logging

    setup_logging(kiosk.data_dir)
    log = logging.getLogger("citizenship_app.ui")
    log.info("kiosk started; data directory %s", kiosk.data_dir)
    if kiosk.recovery:
        log.error("start-up recovery: %s", kiosk.recovery.message())


def open_window(data_dir=None, demo: bool = False, lockdown: bool = True, catalog=None):
    """The kiosk window, locked or in a window that fits the screen; when the data directory cannot be
    used (read-only, locked, full, not ours) the out-of-order screen instead, locked alike,
    which hands over to the kiosk window once a retry succeeds."""
    from ..core.storage_errors import StorageError

    try:
        window = build_window(data_dir, demo, catalog)
    except StorageError as error:
        from .out_of_order import OutOfOrderWindow

        stand_in = OutOfOrderWindow(error, data_dir, retry=lambda: build_window(data_dir, demo, catalog))
        stand_in.recovered.connect(lambda window: _present(window, lockdown))
        _present(stand_in, lockdown)
        return stand_in
    _present(window, lockdown)
    return window


def _present(window, lockdown: bool) -> None:
    if hasattr(window, "kiosk"):
        guard_storage_errors(window)
    window.start_sync()
    if lockdown:
        window.engage_lockdown()
    else:
        show_windowed(window)


def show_windowed(window) -> None:
    """An ordinary window of 1280x800, or smaller to fit the screen it opens on (a lab's
    1366x768 or 1024x768, less its panels): Next and Back are never below the screen's edge."""
    from PySide6.QtCore import QSize, QTimer
    from PySide6.QtGui import QGuiApplication

    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    window.resize(QSize(1280, 800).boundedTo(area.size()))
    window.move(area.topLeft())
    window.show()
    _keep_on_screen(window, area)
    # The window manager adds its title bar and borders once the window is mapped.
    QTimer.singleShot(200, window, lambda: _keep_on_screen(window, area))


def _keep_on_screen(window, area) -> None:
    frame = window.frameGeometry()
    extra = frame.size() - window.size()
    if frame.width() > area.width() or frame.height() > area.height():
        window.resize(window.size().boundedTo(area.size() - extra))
    frame = window.frameGeometry()
    if not area.contains(frame):
        window.move(
            max(area.left(), min(frame.left(), area.right() - frame.width() + 1)),
            max(area.top(), min(frame.top(), area.bottom() - frame.height() + 1)),
        )


def guard_storage_errors(window) -> None:
    """A storage failure in any screen (a write locked past the busy timeout, a full disk)
    shows the out-of-order screen: never a screen that looks as if work were being saved.
    Qt reports exceptions raised in slots through sys.excepthook."""
    import threading

    previous = sys.excepthook

    def hook(kind, exc, tb):
        from ..core.paths import DB_NAME
        from ..core.storage_errors import as_storage_error

        error = as_storage_error(exc, window.kiosk.data_dir / DB_NAME)
        if error is None or threading.current_thread() is not threading.main_thread():
            return previous(kind, exc, tb)
        window.show_out_of_order(error)

    sys.excepthook = hook


def run_gui(data_dir=None, demo: bool = False, windowed: bool = False) -> int:
    """The kiosk, from `cli.main` (which parses the global options)."""
    app = create_app()
    window = open_window(data_dir, demo, lockdown=not windowed)  # noqa: F841 (kept alive)
    return app.exec()
