"""The app's own dialogs: in the kiosk's style, with no window title bar.

The kiosk runs full screen and locked; a platform dialog (title bar, close button, a file or
print browser) does not belong in it. `kiosk_dialog` makes a QDialog one of ours (frameless,
the white card with the app's blue border, its title inside, touch-sized check boxes);
`MessageDialog` is a message or a question in that style.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout

from .widgets import button, label

#: Sizes only: the colours (the card and its border) are the theme's, kiosk.qss and
#: high-contrast.qss (`QDialog[kioskDialog="true"]`).
DIALOG_STYLE = """
#dialogTitle { font-size: 22px; font-weight: bold; }
QCheckBox { min-height: 40px; }
QCheckBox::indicator, QListView::indicator { width: 32px; height: 32px; border: 2px solid #2a7ab8;
    border-radius: 6px; background: white; }
QCheckBox::indicator:checked, QListView::indicator:checked { background: #2a7ab8;
    image: url(%(check)s); }
QListWidget::item { min-height: 44px; padding: 4px 8px; }
"""


def dialog_style() -> str:
    from ..core.paths import ASSETS_DIR

    return DIALOG_STYLE % {"check": (ASSETS_DIR / "icons" / "check.svg").as_posix()}


def kiosk_dialog(dialog: QDialog, title: str) -> QLabel:
    """Make `dialog` one of the app's own; returns its title label for the caller's layout."""
    dialog.setWindowFlags(Qt.Dialog | Qt.FramelessWindowHint)
    dialog.setProperty("kioskDialog", True)
    dialog.setWindowTitle(title)  # read by screen readers; no title bar shows it
    dialog.setStyleSheet(dialog_style())
    return label(title, "dialogTitle")


class MessageDialog(QDialog):
    """A message or a question in the app's style: `ok` accepts, `cancel` (if given) rejects
    and is the default answer. Buttons are named `<name>Ok` / `<name>Cancel` unless given."""

    def __init__(
        self,
        parent,
        title: str,
        text: str,
        ok: str,
        cancel: str = "",
        name: str = "messageDialog",
        *,
        detail: str = "",
        ok_name: str = "",
        cancel_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(kiosk_dialog(self, title))
        self.body = label(text, "dialogText")
        self.body.setMinimumWidth(420)
        layout.addWidget(self.body)
        if detail:
            layout.addWidget(label(detail, "hint"))
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = None
        if cancel:
            self.cancel = button(cancel, cancel_name or f"{name}Cancel", secondary=True)
            self.cancel.clicked.connect(self.reject)
            row.addWidget(self.cancel)
        self.ok = button(ok, ok_name or f"{name}Ok")
        self.ok.clicked.connect(self.accept)
        row.addWidget(self.ok)
        layout.addLayout(row)
        self.setMaximumWidth(760)
        (self.cancel or self.ok).setFocus()  # the safe answer is the default one

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """As wide as the text's longest word (a folder's path does not wrap), as far as the
        window allows, and centered on the window."""
        window = self.parentWidget().window() if self.parentWidget() else None
        margins = self.layout().contentsMargins()
        room = (window.width() - 40 if window else 760) - margins.left() - margins.right()
        metrics = self.body.fontMetrics()
        longest = max(map(metrics.horizontalAdvance, self.body.text().split() or [""]))
        self.setMaximumWidth(max(760, min(longest, room) + margins.left() + margins.right()))
        self.body.setMinimumWidth(min(max(420, longest), room))
        self.adjustSize()
        if window is not None:
            centre = window.mapToGlobal(window.rect().center())
            self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)
        super().showEvent(event)

    def text(self) -> str:
        return self.body.text()
