"""The out-of-order screen: records cannot be saved here (read-only or full disk, a database
locked by another program or damaged), so nobody may go on as if they were.

Students are told to fetch a teacher; IT gets one technical line (the core's error code, the
path and the system's words: never a student's name or answer). In lockdown the screen stays
locked: only the staff exit code, read from the database if it can still be read, quits.
Every 30 seconds it tries again (`retry`); when that works (the lock was released, space was
freed, the disk remounted) the kiosk carries on by itself. A damaged file is not retried: the
recovery from damage runs at start.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from .i18n import translate
from .widgets import label, set_enum

RETRY_MS = 30_000


class OutOfOrderPage(QWidget):
    recovered = Signal(object)  # what `retry` returned

    def __init__(self, error, retry=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("outOfOrder")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addStretch(1)
        self.heading = label(translate("Kiosk", "Out of order"), "pageTitle")
        self.message = label(
            translate("Kiosk", "This computer cannot save your work right now. Please tell a teacher."),
            "prompt",
        )
        self.detail = label("", "hint")
        for widget in (self.heading, self.message, self.detail):
            set_enum(widget, "alignment", "AlignCenter")
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retry = retry
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.try_again)
        self.show_error(error)

    def show_error(self, error) -> None:
        self.detail.setText(translate("Kiosk", "For IT: {detail}").format(detail=error.technical))
        if self.retry is not None and error.code != "damaged":
            self.timer.start()
        else:
            self.timer.stop()

    def try_again(self) -> bool:
        from ..core.storage_errors import StorageError

        try:
            result = self.retry()
        except StorageError as error:
            self.show_error(error)
            return False
        self.timer.stop()
        self.recovered.emit(result)
        return True

    def stop(self) -> None:
        """No more tries: its window closed."""
        self.timer.stop()


class OutOfOrderWindow(QMainWindow):
    """Stands in for the kiosk window when the kiosk cannot start on its data directory."""

    recovered = Signal(object)  # the kiosk window, built at last

    def __init__(self, error, data_dir=None, retry=None) -> None:
        super().__init__()
        import logging

        logging.getLogger(__name__).error("out of order at start: %s", error.technical)
        self.data_dir = data_dir
        self.replacement = None
        self.setWindowTitle("Citizenship Kiosk")
        self.page = OutOfOrderPage(error, retry)
        self.page.recovered.connect(self._hand_over)
        self.setCentralWidget(self.page)
        from .lockdown import Lockdown

        self.lockdown = Lockdown(self)
        self.lockdown.exit_requested.connect(self.ask_exit_code)

    def engage_lockdown(self) -> None:
        self.lockdown.engage()

    def start_sync(self) -> None:
        """Nothing to send from a kiosk that cannot open its records."""

    def ask_exit_code(self) -> None:
        from .exit_dialog import ExitDialog

        dialog = ExitDialog(self)
        dialog.setModal(True)
        dialog.accepted.connect(lambda: self.try_exit(dialog.code.text()))
        dialog.open()
        self.exit_dialog = dialog

    def try_exit(self, code: str) -> bool:
        from PySide6.QtWidgets import QApplication

        if not _exit_code_matches(self.data_dir, code):
            return False
        self.lockdown.release()
        self.close()
        QApplication.instance().quit()
        return True

    def _hand_over(self, window) -> None:
        """The kiosk could start after all: it takes the screen (locked as this was)."""
        self.replacement = window  # kept alive by this window, which run_gui holds
        self.lockdown.release()
        self.recovered.emit(window)
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.lockdown.active:
            event.ignore()
            return
        # A closed screen that kept trying started a kiosk window nobody had asked for, with
        # its sync running, once the disk came back (after the staff exit code, before quit).
        self.page.stop()
        super().closeEvent(event)


def _exit_code_matches(data_dir, code: str) -> bool:
    """The staff exit code, checked on a read-only connection; False if it cannot be read."""
    try:
        from ..core.kiosk import check_exit_code
        from ..core.store import open_read_only

        db = open_read_only(data_dir)
        try:
            return check_exit_code(db, code)
        finally:
            db.conn.close()
    except Exception:  # noqa: BLE001 (unreadable records: the kiosk stays locked; IT restarts it)
        return False
