"""Lesson reader: one page at a time, saved at every page so a student resumes where they were."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from ..core import activities, progress
from ..core.render import page_html
from .i18n import translate
from .widgets import button, label

if TYPE_CHECKING:
    from ..core.kiosk import Kiosk

# Picture width by tier: big for the youngest, smaller where text carries the lesson.
IMAGE_WIDTH = {"k-2": 420, "3-5": 380}


class LessonReader(QTextBrowser):
    """A QTextBrowser that never follows a link anywhere (kiosk: no browser, no other app)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonText")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setContextMenuPolicy(Qt.NoContextMenu)
        self.setAccessibleName(translate("Kiosk", "Lesson page"))
        self.missing: list[str] = []  # pictures that could not be loaded (tests and logs read it)
        self.loaded: list[str] = []

    def loadResource(self, kind, url: QUrl):  # noqa: N802 (Qt name)
        result = super().loadResource(kind, url)
        if kind == 2:  # QTextDocument.ImageResource
            # Each picture once: pages are shown again all day, and the kiosk runs for weeks.
            noted, name = (self.loaded if result is not None else self.missing), url.toString()
            if name not in noted:
                noted.append(name)
        return result


class LessonPage(QWidget):
    quiz_requested = Signal(str)
    home_requested = Signal()

    def __init__(self, kiosk: Kiosk, speaker=None, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.speaker = speaker
        self.setObjectName("page")
        self.module = None
        self.person_id: str | None = None
        self.page = 0
        self.revealed = False  # this page's stop-and-think answers are shown
        self.spoken: list[tuple[int, int, str]] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 12, 48, 16)  # the page's height goes to the lesson
        top = QHBoxLayout()
        self.title = label("", "pageTitle")
        top.addWidget(self.title, 1)
        self.home = button(translate("Kiosk", "My lessons"), "lessonHome", secondary=True)
        self.home.clicked.connect(self.home_requested)
        self.read = button(translate("Kiosk", "Read to me"), "readAloud", secondary=True)
        self.read.clicked.connect(self.toggle_reading)
        self.read.setVisible(bool(speaker and speaker.available))
        if speaker is not None:
            speaker.sentence_started.connect(self._highlight)
            speaker.finished.connect(self._reading_done)
            speaker.available_changed.connect(self._speaker_available)
        top.addWidget(self.read, 0, Qt.AlignTop)
        top.addWidget(self.home, 0, Qt.AlignTop)
        layout.addLayout(top)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(translate("Kiosk", "Lesson progress"))
        layout.addWidget(self.bar)
        self.reader = LessonReader()
        layout.addWidget(self.reader, 1)
        nav = QHBoxLayout()
        self.back = button(
            translate("Kiosk", "Back"),
            "lessonBack",
            secondary=True,
            accessible=translate("Kiosk", "Previous page"),
        )
        self.back.clicked.connect(lambda: self.go(self.page - 1))
        keep = self.back.sizePolicy()  # hidden on the first page, its place kept: Next stays put
        keep.setRetainSizeWhenHidden(True)
        self.back.setSizePolicy(keep)
        self.position = label("", "hint", wrap=False)
        self.position.setAlignment(Qt.AlignCenter)
        self.next = button(
            translate("Kiosk", "Next"), "lessonNext", accessible=translate("Kiosk", "Next page")
        )
        self.next.clicked.connect(self._next)
        # A page with a stop-and-think: its answers show when the student asks (not graded).
        self.reveal = button(translate("Kiosk", "Show the answer"), "revealStop", secondary=True)
        self.reveal.clicked.connect(self.show_answers)
        # Centred, each at its own height: a secondary button's border makes it a little
        # taller than Next, and the row would otherwise clip it to Next's height.
        nav.addWidget(self.back, 0, Qt.AlignVCenter)
        nav.addWidget(self.position, 1)
        nav.addWidget(self.reveal, 0, Qt.AlignVCenter)
        nav.addWidget(self.next, 0, Qt.AlignVCenter)
        layout.addLayout(nav)

    def open(self, person_id: str, module) -> None:
        self.person_id, self.module = person_id, module
        self.reader.setSearchPaths([str(self.kiosk.catalog.assets_dir)])
        self.title.setText(module.title)
        self.bar.setRange(0, len(module.pages))
        self.go(progress.resume_page(self.kiosk.db, person_id, module.id, len(module.pages)))

    def go(self, page: int) -> None:
        pages = len(self.module.pages)
        self.page = max(0, min(page, pages - 1))
        # Saved before it is shown: what the student sees is what a restart brings back.
        progress.save_page(self.kiosk.db, self.person_id, self.module.id, self.page, pages)
        self.revealed = False
        self._render()
        self.reveal.setVisible(bool(activities.stops(self.module.pages[self.page])))
        self.bar.setValue(self.page + 1)
        self.position.setText(translate("Kiosk", "Page {n} of {m}").format(n=self.page + 1, m=pages))
        self.back.setVisible(self.page > 0)  # a Back that does nothing is not offered
        last = self.page == pages - 1
        self.next.setText(translate("Kiosk", "Take the quiz") if last else translate("Kiosk", "Next"))
        self.next.setAccessibleName(
            translate("Kiosk", "Take the quiz") if last else translate("Kiosk", "Next page")
        )
        self.next.setFocus()
        self.reading_index = -1
        if self.speaker is not None and self.speaker.available:
            self.speaker.stop()
            if self.module.tier == "k-2":  # the youngest cannot read it alone: on by default
                self.start_reading()

    def _render(self) -> None:
        labels = {
            "heading": translate("Kiosk", "Stop and think"),
            "hidden": translate("Kiosk", "Think about it. Then press \u201cShow the answer\u201d."),
            "answer": translate("Kiosk", "The answer"),
        }
        width = IMAGE_WIDTH.get(self.module.tier, 360)
        html = page_html(self.module.pages[self.page], width, revealed=self.revealed, labels=labels)
        self.reader.setHtml(html)

    def show_answers(self) -> None:
        """Reveal this page's stop-and-think answers, scrolled into view; K-2 hears them."""
        from ..core.readability import plain_text
        from .speech import document_sentences

        scroll = self.reader.verticalScrollBar().value()
        self.revealed = True
        self._render()
        self.reveal.hide()
        self.next.setFocus()
        reveals = " ".join(plain_text(s.reveal) for s in activities.stops(self.module.pages[self.page]))
        found = [s for s in document_sentences(self.reader.document()) if s[2].strip() in reveals]
        if found:
            cursor = QTextCursor(self.reader.document())
            cursor.setPosition(found[-1][1])
            self.reader.verticalScrollBar().setValue(scroll)
            self.reader.setTextCursor(cursor)
            self.reader.ensureCursorVisible()
        if self.speaker is not None and self.speaker.available and self.module.tier == "k-2" and found:
            self.speaker.stop()
            self.spoken = found
            self.speaker.speak([text for _, _, text in found])
            self.read.setText(translate("Kiosk", "Stop reading"))

    # -- read-aloud -------------------------------------------------------------------------

    def toggle_reading(self) -> None:
        if self.speaker.speaking:
            self.speaker.stop()
            self._reading_done()
        else:
            self.start_reading()

    def start_reading(self) -> None:
        from .speech import document_sentences

        self.reader.document().size()  # make sure the page is laid out
        self.spoken = document_sentences(self.reader.document())
        self.speaker.speak([text for _, _, text in self.spoken])
        self.read.setText(translate("Kiosk", "Stop reading"))

    def _speaker_available(self, available: bool) -> None:
        """The engine became ready (it starts in the background) or was given up."""
        self.read.setVisible(available)
        if not available:
            self._reading_done()
        elif self.isVisible() and self.module is not None and self.module.tier == "k-2":
            self.start_reading()

    def _highlight(self, index: int) -> None:
        """Mark the sentence being read (when this page is the one speaking)."""
        if not self.isVisible() or not 0 <= index < len(self.spoken):
            return
        self.reading_index = index
        start, end, self.highlighted = self.spoken[index]
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.KeepAnchor)
        selection.cursor = cursor
        highlight = QTextCharFormat()
        highlight.setBackground(QColor("#ffe08a"))
        selection.format = highlight
        self.reader.setExtraSelections([selection])
        place = QTextCursor(self.reader.document())
        place.setPosition(start)
        self.reader.setTextCursor(place)  # no selection: only moves the view to the sentence
        self.reader.ensureCursorVisible()

    def _reading_done(self) -> None:
        self.reader.setExtraSelections([])
        self.read.setText(translate("Kiosk", "Read to me"))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Left and Right arrows turn the pages, wherever the focus is on this screen."""
        if event.key() == Qt.Key_Right:
            self._next()
        elif event.key() == Qt.Key_Left and self.page > 0:
            self.go(self.page - 1)
        else:
            super().keyPressEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.speaker is not None:
            self.speaker.stop()
        super().hideEvent(event)

    def _next(self) -> None:
        if self.page < len(self.module.pages) - 1:
            self.go(self.page + 1)
        else:
            self.quiz_requested.emit(self.module.id)
