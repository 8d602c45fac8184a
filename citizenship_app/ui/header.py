"""The window's header: its buttons move to a second row when one row has no room."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget


class Header(QFrame):  # a frame: a plain QWidget subclass would not paint its style's background
    """The window's header: title, sync status, who is signed in, then the buttons. The
    buttons move to a second row when one row has no room for them (a staff member's five
    buttons on a 1024-pixel screen, in Spanish); its text does not grow with the text size."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("header")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(24, 10, 24, 10)
        rows.setSpacing(8)
        self.top = QHBoxLayout()
        self.bottom = QHBoxLayout()
        self.bottom.addStretch(1)
        rows.addLayout(self.top)
        rows.addLayout(self.bottom)
        self.buttons = QWidget()
        self.buttons_row = QHBoxLayout(self.buttons)
        self.buttons_row.setContentsMargins(0, 0, 0, 0)
        self.two_rows: bool | None = None  # placed (last in a row) by place_buttons()
        self._placing = False
        self.gives_way = None  # the sync status: it wraps or shrinks, it asks for no room

    def place_buttons(self) -> None:
        if self._placing:
            return
        self._placing = True
        try:
            top = self.top
            need = sum(
                top.itemAt(i).sizeHint().width() + top.spacing()
                for i in range(top.count())
                if top.itemAt(i).widget() not in (self.buttons, self.gives_way)
            )
            margins = self.layout().contentsMargins()
            need += self.buttons.sizeHint().width() + margins.left() + margins.right()
            if self.gives_way is not None and self.gives_way.isVisible():  # room for its longest word
                metrics = self.gives_way.fontMetrics()
                need += max(map(metrics.horizontalAdvance, self.gives_way.text().split() or [""])) + 8
            two_rows = need > self.width()
            if two_rows != self.two_rows:
                self.two_rows = two_rows
                self.top.removeWidget(self.buttons)
                self.bottom.removeWidget(self.buttons)
                (self.bottom if two_rows else self.top).addWidget(self.buttons)
        finally:
            self._placing = False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.place_buttons()

    def minimumSizeHint(self):  # noqa: N802 (Qt name)
        """As narrow as two rows allow: the buttons move down rather than widen the window."""
        hint = super().minimumSizeHint()
        top = self.top
        first = sum(
            top.itemAt(i).minimumSize().width() + top.spacing()
            for i in range(top.count())
            if top.itemAt(i).widget() is not self.buttons
        )
        margins = self.layout().contentsMargins()
        width = max(first, self.buttons.minimumSizeHint().width()) + margins.left() + margins.right()
        hint.setWidth(min(hint.width(), width))
        return hint

    def event(self, event) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.LayoutRequest:  # a button shown or hidden, a name changed
            self.place_buttons()
        return super().event(event)
