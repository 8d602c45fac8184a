"""Enrolling this kiosk at the district hub from the administrator's screen (District sync).

IT types the hub's address and the one-time token, or scans them: a barcode or QR scanner
types like a keyboard and ends with Enter, which moves on from the address and enrolls from
the token. A scan of both at once ("https://hub.example cke_...") fills both fields. The work is
core.enrollment.enroll, as `citizenship-app enroll` does it, off the screen's thread; its
error codes are worded here in the reader's language. A refused token changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from . import ops
from .i18n import translate
from .widgets import button, label


def enroll_error_text(code: str) -> str:
    """A core.enrollment.EnrollError code in the reader's language."""
    words = {
        "unknown_token": translate(
            "Kiosk", "The hub does not know this token. Check it, or ask for a new one."
        ),
        "used_token": translate("Kiosk", "This token is used up. Ask the district for a new one."),
        "expired_token": translate("Kiosk", "This token has expired. Ask the district for a new one."),
        "name_taken": translate(
            "Kiosk", "The hub already has a device with this computer's name. IT must remove it there first."
        ),
        "not_a_school": translate("Kiosk", "The token's school is not in the hub's roster any more."),
        "bad_url": translate("Kiosk", "That is not a hub address: type https:// and the hub's name."),
        "unreachable": translate("Kiosk", "Cannot reach the hub. Check the address and the network."),
        "too_many_requests": translate(
            "Kiosk", "Too many tries from this network. Wait a minute and try again."
        ),
        "enrollment_unavailable": translate("Kiosk", "The hub cannot enroll kiosks now. Ask IT."),
        "bad_name": translate("Kiosk", "This computer's name cannot be used at the hub. Ask IT."),
    }
    return words.get(
        code, translate("Kiosk", "The hub refused the enrollment ({code}). Ask IT.").format(code=code)
    )


def _enroll(db, url: str, token: str):
    """The enrollment, or the EnrollError that refused it (a result, not a failure: it has a code)."""
    from ..core.enrollment import EnrollError, enroll

    try:
        return enroll(db, url, token)
    except EnrollError as exc:
        return exc


class EnrollPanel(QWidget):
    """The hub's address, the token, and Enroll; `enrolled` once this kiosk is enrolled."""

    enrolled = Signal()

    def __init__(self, data_dir, pool, parent=None) -> None:
        super().__init__(parent)
        self.data_dir, self.pool = data_dir, pool
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            label(
                translate("Kiosk", "Enroll this kiosk with a token from the district (type or scan it):"),
                "hint",
            )
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.url = QLineEdit()
        self.url.setObjectName("enrollUrl")
        self.url.setPlaceholderText("https://hub.district.example")
        self.token = QLineEdit()
        self.token.setObjectName("enrollToken")
        for field, name in (
            (self.url, translate("Kiosk", "Hub address")),
            (self.token, translate("Kiosk", "Enrollment token")),
        ):
            field.setAccessibleName(name)
            field.setProperty("form", True)
            form.addRow(label(name), field)
        layout.addLayout(form)
        self.go = button(translate("Kiosk", "Enroll"), "enrollGo")
        self.go.clicked.connect(self.enroll)
        layout.addWidget(self.go, 0, Qt.AlignLeft)
        self.state = label("", "hint")
        self.state.setObjectName("enrollState")
        layout.addWidget(self.state)
        self.url.returnPressed.connect(self._address_entered)
        self.token.returnPressed.connect(self.enroll)

    def _split_scan(self) -> None:
        """One scan holding both (address, whitespace, token) fills both fields."""
        parts = self.url.text().split()
        if len(parts) == 2 and not self.token.text().strip():
            self.url.setText(parts[0])
            self.token.setText(parts[1])

    def _address_entered(self) -> None:
        self._split_scan()
        if self.token.text().strip():
            self.enroll()
        else:
            self.token.setFocus()

    def enroll(self) -> None:
        self._split_scan()
        url, token = self.url.text().strip(), self.token.text().strip()
        if not url or not token:
            self.state.setText(translate("Kiosk", "Type or scan both the hub's address and the token."))
            return
        self.go.setEnabled(False)
        self.state.setText(translate("Kiosk", "Enrolling…"))
        ops.run(self.data_dir, lambda db: _enroll(db, url, token), self._done, self._failed, pool=self.pool)

    def _done(self, result) -> None:
        from ..core.enrollment import EnrollError

        self.go.setEnabled(True)
        if isinstance(result, EnrollError):
            self.state.setText(enroll_error_text(result.code))
            return
        self.token.clear()
        self.state.setText(
            translate("Kiosk", "Enrolled as {name} for school {school}.").format(
                name=result.username, school=result.school
            )
        )
        self.enrolled.emit()

    def _failed(self, error: ops.OpError) -> None:
        self.go.setEnabled(True)
        self.state.setText(
            translate("Kiosk", "Enrollment failed: {error}").format(error=ops.error_text(error))
        )
