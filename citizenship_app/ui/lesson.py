"""Lesson reader: one page at a time, saved at every page so a student resumes where they were."""
from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QTextBrowser, QVBoxLayout, QWidget

from ..core import progress
from ..core.render import page_html
from .widgets import button, label

#: Picture width by tier: big for the youngest, smaller where text carries the lesson.
IMAGE_WIDTH = {"k-2": 420, "3-5": 380}


class LessonReader(QTextBrowser):
    """A QTextBrowser that never follows a link anywhere (kiosk: no browser, no other app)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonText")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setContextMenuPolicy(Qt.NoContextMenu)
        self.setAccessibleName("Lesson page")
        self.missing: list[str] = []  # pictures that could not be loaded (tests and logs read it)
        self.loaded: list[str] = []

    def loadResource(self, kind, url: QUrl):  # noqa: N802 (Qt name)
        result = super().loadResource(kind, url)
        if kind == 2:  # QTextDocument.ImageResource
            (self.loaded if result is not None else self.missing).append(url.toString())
        return result


class LessonPage(QWidget):
    quiz_requested = Signal(str)
    home_requested = Signal()

    def __init__(self, kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.setObjectName("page")
        self.module = None
        self.person_id: str | None = None
        self.page = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 24)
        top = QHBoxLayout()
        self.title = label("", "pageTitle")
        top.addWidget(self.title, 1)
        self.home = button("My lessons", "lessonHome", secondary=True)
        self.home.clicked.connect(self.home_requested)
        top.addWidget(self.home, 0, Qt.AlignTop)
        layout.addLayout(top)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Lesson progress")
        layout.addWidget(self.bar)
        self.reader = LessonReader()
        layout.addWidget(self.reader, 1)
        nav = QHBoxLayout()
        self.back = button("Back", "lessonBack", secondary=True, accessible="Previous page")
        self.back.clicked.connect(lambda: self.go(self.page - 1))
        self.position = label("", "hint", wrap=False)
        self.position.setAlignment(Qt.AlignCenter)
        self.next = button("Next", "lessonNext", accessible="Next page")
        self.next.clicked.connect(self._next)
        nav.addWidget(self.back)
        nav.addWidget(self.position, 1)
        nav.addWidget(self.next)
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
        width = IMAGE_WIDTH.get(self.module.tier, 360)
        self.reader.setHtml(page_html(self.module.pages[self.page], width))
        self.bar.setValue(self.page + 1)
        self.position.setText(f"Page {self.page + 1} of {pages}")
        self.back.setEnabled(self.page > 0)
        last = self.page == pages - 1
        self.next.setText("Take the quiz" if last else "Next")
        self.next.setAccessibleName("Take the quiz" if last else "Next page")
        self.next.setFocus()

    def _next(self) -> None:
        if self.page < len(self.module.pages) - 1:
            self.go(self.page + 1)
        else:
            self.quiz_requested.emit(self.module.id)
