"""Small shared widgets and helpers for the kiosk screens."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QWidget,
)


def set_enum(widget: QWidget, prop: str, value: str) -> None:
    """Set a Qt enum property by its Qt name: `set_enum(w, "alignment", "AlignCenter")`.

    Used on the sign-in screen's start-up path: the first `Qt.*` enum Python touches makes
    PySide build the whole Qt namespace (about 90 Python enums, ~16 ms, a tenth of start-up),
    whereas Qt reads the name here in C++.
    """
    if not widget.setProperty(prop, value):
        raise ValueError(f"{type(widget).__name__}.{prop} cannot be {value!r}")


def label(text: str, name: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    # Never rich text: names and titles come from the roster, not from us.
    set_enum(widget, "textFormat", "PlainText")
    return widget


class KioskButton(QPushButton):
    """A push button that Enter presses too, not only Space (keyboard-only students)."""

    def enterEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # The hand cursor is set on the first hover, not at creation: it needs the Qt
        # namespace, which the start-up path avoids (see set_enum).
        from PySide6.QtCore import Qt

        if not self.testAttribute(Qt.WA_SetCursor):
            self.setCursor(Qt.PointingHandCursor)
        super().enterEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)


def button(
    text: str, name: str = "", *, secondary: bool = False, tile: bool = False, accessible: str = ""
) -> QPushButton:
    widget = KioskButton(text)
    if name:
        widget.setObjectName(name)
    if secondary:
        widget.setProperty("secondary", True)
    if tile:
        widget.setProperty("tile", True)
        widget.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
    widget.setAccessibleName(accessible or text.replace("\n", " "))
    widget.setAutoDefault(True)
    return widget


def wrap_items(view) -> None:
    """A list whose long items wrap at its width instead of running off its right edge."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListView

    view.setWordWrap(True)
    view.setTextElideMode(Qt.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.Adjust)
    view.setItemDelegate(_WrapDelegate(view))


class _WrapDelegate(QStyledItemDelegate):
    """Measures a wrapped item at the width its text is drawn in: as if the list scrolls (the
    items are measured before its scroll bar appears) and less the style sheet's item padding
    (added to the size, never taken from the width the words wrap at). Without it the last
    line of a long item was cut short with "…"."""

    def sizeHint(self, option, index):  # noqa: N802 (Qt name)
        from PySide6.QtCore import QRect, QSize, Qt
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        hint = index.data(Qt.SizeHintRole)
        if hint is not None:  # set by the list's owner (a grid of columns)
            return hint
        view = self.parent()
        style = view.style()
        width = view.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = QRect(0, 0, width, 10_000)
        margin = 2 * (style.pixelMetric(QStyle.PM_FocusFrameHMargin, None, view) + 1)
        room = style.subElementRect(QStyle.SE_ItemViewItemText, opt, view).width() - margin
        text = opt.text
        opt.features &= ~QStyleOptionViewItem.WrapText
        whole = style.sizeFromContents(QStyle.CT_ItemViewItem, opt, QSize(), view)  # on one line
        opt.text = "X"  # the item's padding and margins around one line of text
        line = style.sizeFromContents(QStyle.CT_ItemViewItem, opt, QSize(), view).height()
        metrics = opt.fontMetrics
        words = metrics.boundingRect(QRect(0, 0, max(1, room), 0), Qt.TextWordWrap, text).height()
        return QSize(min(width, whole.width()), line - metrics.height() + words)


class FitRow(QBoxLayout):
    """A row of buttons that becomes a column when the row is too narrow for them (Spanish,
    the largest text, a 1024-pixel screen): no button is ever cut off at the right."""

    def __init__(self, parent=None) -> None:
        super().__init__(QBoxLayout.LeftToRight, parent)

    def _need(self) -> int:
        items = [self.itemAt(i) for i in range(self.count())]
        shown = [item for item in items if not item.isEmpty()]
        return sum(item.sizeHint().width() for item in shown) + self.spacing() * max(0, len(shown) - 1)

    def setGeometry(self, rect) -> None:  # noqa: N802 (Qt name)
        margins = self.contentsMargins()
        wide = self._need() + margins.left() + margins.right() <= rect.width()
        direction = QBoxLayout.LeftToRight if wide else QBoxLayout.TopToBottom
        if direction != self.direction():
            self.setDirection(direction)
        super().setGeometry(rect)

    def minimumSize(self):  # noqa: N802 (Qt name)
        """As narrow as its widest button (then a column)."""
        from PySide6.QtCore import QSize

        items = [self.itemAt(i) for i in range(self.count())]
        shown = [item for item in items if not item.isEmpty()]
        margins = self.contentsMargins()
        width = max((item.minimumSize().width() for item in shown), default=0)
        height = sum(item.minimumSize().height() for item in shown) + self.spacing() * max(0, len(shown) - 1)
        if self.direction() == QBoxLayout.LeftToRight:
            height = max((item.minimumSize().height() for item in shown), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())


def relayout(widget: QWidget) -> None:
    """Measure every layout in `widget` again: after a style change, a hidden button's new
    size reaches no layout by itself, and a row sized for the old text cuts it off."""
    from PySide6.QtWidgets import QLayout

    for layout in widget.findChildren(QLayout):
        layout.invalidate()


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
