"""A module's discussion prompt for a teacher-led talk: read on screen, saved as a PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QTextBrowser, QVBoxLayout

from ...core.render import page_html
from ..dialogs import kiosk_dialog
from ..i18n import translate
from ..widgets import button, label
from . import common

if TYPE_CHECKING:
    from ...core.discussion import Discussion
    from ...core.kiosk import Kiosk

# What the dialog asks for; a lab screen (1024x768) gets less, and the text scrolls.
WIDTH, HEIGHT = 820, 620


class DiscussionDialog(QDialog):
    """The prompt as lessons render their Markdown, a note when it is shown in English for
    want of a translation, and "Save as PDF" (authorised and audited by reports.exports)."""

    def __init__(self, kiosk: Kiosk, actor, prompt: Discussion, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("discussionDialog")
        self.kiosk, self.actor, self.prompt = kiosk, actor, prompt
        self.saved = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = translate("Kiosk", "Discussion prompt: {title}").format(title=prompt.title)
        layout.addWidget(kiosk_dialog(self, title))
        self.note = label(
            translate(
                "Kiosk", "This module has no discussion prompt in this language yet: here it is in English."
            ),
            "hint",
        )
        self.note.setObjectName("discussionNote")
        self.note.setVisible(prompt.fallback)
        layout.addWidget(self.note)
        self.text = QTextBrowser()
        self.text.setObjectName("discussionText")
        self.text.setAccessibleName(translate("Kiosk", "Discussion prompt"))
        self.text.setOpenLinks(False)  # a kiosk never opens a browser
        self.text.setContextMenuPolicy(Qt.NoContextMenu)
        self.text.setHtml(page_html(prompt.markdown))
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.save_button = button(translate("Kiosk", "Save as PDF"), "discussionSave", secondary=True)
        self.save_button.clicked.connect(self.save_pdf)
        row.addWidget(self.save_button)
        row.addStretch(1)
        close = button(translate("Kiosk", "Close"), "discussionClose")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.status = label("", "hint")
        self.status.setObjectName("discussionStatus")
        layout.addWidget(self.status)
        self.resize(WIDTH, HEIGHT)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        common.place_in_window(self, WIDTH, HEIGHT)

    def save_pdf(self) -> None:
        """Into the export folder (no file browser in the kiosk), audited, and said here."""
        from ...reports import exports
        from ..messages import error_text

        try:
            self.saved = exports.discussion_to_folder(self.kiosk.db, self.actor, self.prompt)
        except (ValueError, PermissionError, OSError) as exc:
            self.status.setText(error_text(exc))
            return
        self.status.setText(translate("Kiosk", "Saved: {files}").format(files=self.saved))
