"""Small shared widgets and helpers for the kiosk screens."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget


def label(text: str, name: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.PlainText)
    return widget


class KioskButton(QPushButton):
    """A push button that Enter presses too, not only Space (keyboard-only students)."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)


def button(text: str, name: str = "", *, secondary: bool = False, tile: bool = False,
           accessible: str = "") -> QPushButton:
    widget = KioskButton(text)
    if name:
        widget.setObjectName(name)
    if secondary:
        widget.setProperty("secondary", True)
    if tile:
        widget.setProperty("tile", True)
        widget.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
    widget.setAccessibleName(accessible or text.replace("\n", " "))
    widget.setCursor(Qt.PointingHandCursor)
    widget.setAutoDefault(True)
    return widget


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def fill_grid(grid: QGridLayout, widgets: list[QWidget], columns: int) -> None:
    """Lay widgets out in rows from the top; spare space stays below, not between rows."""
    clear_layout(grid)
    for row in range(grid.rowCount()):
        grid.setRowStretch(row, 0)
    for index, widget in enumerate(widgets):
        grid.addWidget(widget, index // columns, index % columns)
        widget.show()  # on a visible parent Qt would only show it at the next event loop turn
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    grid.setRowStretch((len(widgets) + columns - 1) // columns, 1)


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
