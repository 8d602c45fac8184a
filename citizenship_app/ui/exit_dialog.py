"""The staff exit code prompt of a locked kiosk, and why a code was refused."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout

from .i18n import translate
from .widgets import button, label


def exit_refusal(answer) -> str:
    """core.kiosk.ExitCheck's reason in the reader's language."""
    if answer.reason == "locked":
        from datetime import datetime

        minutes = max(1, -(-int((answer.locked_until - datetime.now(UTC)).total_seconds()) // 60))
        return translate("Kiosk", "Too many wrong exit codes. Try again in {n} minute(s).").format(n=minutes)
    if answer.reason == "demo-code-retired":
        return translate(
            "Kiosk", "The demo school's exit code no longer works here: an administrator must set a new one."
        )
    return translate("Kiosk", "That exit code is not right.")


class ExitDialog(QDialog):
    """Staff only: the exit code quits the kiosk. No file dialogs, no other way out."""

    def __init__(self, parent, message: str = "") -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent, Qt.FramelessWindowHint)
        self.setObjectName("exitDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(label(translate("Kiosk", "Staff: enter the exit code to close the kiosk."), "hint"))
        self.message = label(message, "error")
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)
        self.code = QLineEdit()
        self.code.setObjectName("exitCode")
        self.code.setEchoMode(QLineEdit.Password)
        self.code.setAccessibleName(translate("Kiosk", "Exit code"))
        self.code.returnPressed.connect(self.accept)
        layout.addWidget(self.code)
        row = QHBoxLayout()
        cancel = button(translate("Kiosk", "Cancel"), "exitCancel", secondary=True)
        cancel.clicked.connect(self.reject)
        ok = button(translate("Kiosk", "Close the kiosk"), "exitOk")
        ok.clicked.connect(self.accept)
        row.addWidget(cancel)
        row.addWidget(ok)
        layout.addLayout(row)
