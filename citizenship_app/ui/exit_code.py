"""The locked kiosk's screen while IT must set an exit code, shown instead of student sign-in.

A real roster over the demo school's public code (or no code at all) would leave a lab that
anyone can quit, or nobody. The kiosk stays full screen and locked, says why, and lets staff
sign in: an administrator sets the code there (Administration > Kiosk), or IT sets it with
`citizenship-app kiosk set-exit-code` and presses Check again.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from .i18n import translate
from .widgets import button, label


def status_text(status: str) -> str:
    """core.kiosk.exit_code_status() in the reader's language ("" when all is well)."""
    return {
        "unset": translate(
            "Kiosk",
            "No exit code is set on this kiosk. Students cannot use it until an administrator sets one.",
        ),
        "demo-code-with-real-roster": translate(
            "Kiosk",
            "A real roster is imported, but the exit code is still the demo school's public code "
            "(2314). Students cannot use this kiosk until an administrator sets a new exit code.",
        ),
        "demo": translate(
            "Kiosk",
            "The exit code is the demo school's public code (2314). Set your own "
            "before real students use this kiosk.",
        ),
    }.get(status, "")


def refusal_text(reason: str) -> str:
    """core.kiosk.ExitCodeRefused.reason in the reader's language."""
    return {
        "blank": translate("Kiosk", "The exit code cannot be blank."),
        "too-short": translate("Kiosk", "The exit code needs at least 6 characters."),
    }[reason]


class ExitCodeNeededPage(QWidget):
    staff_requested = Signal()
    check_requested = Signal()
    first_painted = Signal()  # shown instead of sign-in: the start-up's first paint is this one

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.painted = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addStretch(1)
        layout.addWidget(label(translate("Kiosk", "This kiosk needs a new exit code"), "pageTitle"))
        self.why = label("", "error")
        layout.addWidget(self.why)
        layout.addWidget(
            label(
                translate(
                    "Kiosk",
                    "An administrator signs in with Staff sign-in and sets it under Administration > Kiosk "
                    "(at least 6 characters), or IT runs: citizenship-app kiosk set-exit-code",
                ),
                "hint",
            )
        )
        row = QHBoxLayout()
        staff = button(translate("Kiosk", "Staff sign-in"), "exitCodeStaff")
        staff.clicked.connect(self.staff_requested)
        again = button(translate("Kiosk", "Check again"), "exitCodeCheck", secondary=True)
        again.clicked.connect(self.check_requested)
        row.addWidget(staff)
        row.addWidget(again)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_status(self, status: str) -> None:
        self.why.setText(status_text(status))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.first_painted.emit)
