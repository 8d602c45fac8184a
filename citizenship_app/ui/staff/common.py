"""Pieces both staff screens use: a denser style, tables, the app's dialogs, a student's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
)

from ...core import records
from ..dialogs import MessageDialog, kiosk_dialog
from ..i18n import translate
from ..widgets import button, label
from .models import RowsModel, local_date

if TYPE_CHECKING:
    from ...core.kiosk import Kiosk

#: The kiosk's style is sized for children at a touch screen; staff tables need more rows.
STAFF_STYLE = """
QWidget { font-size: 15px; }
#pageTitle { font-size: 24px; }
QPushButton { font-size: 15px; padding: 8px 14px; border-radius: 8px; }
QLineEdit { font-size: 15px; letter-spacing: 0px; padding: 4px; border-radius: 6px; }
QComboBox { font-size: 15px; padding: 4px; min-width: 140px; }
QListWidget { font-size: 16px; }
QListWidget::item { padding: 8px; }
QCheckBox { font-size: 15px; padding: 4px; border: none; background: transparent; }
QTableView { background: white; gridline-color: #d6e1ec; }
QHeaderView::section { background: #dde6ef; padding: 4px; border: none; font-weight: bold; }
"""


def page_layout(page, title: str):
    """A staff screen's frame: its style, margins, and the header both screens share (the
    title, and "My training" emitting the page's `training_requested`).
    Returns (the page's layout, the title label)."""
    page.setObjectName("page")
    page.setStyleSheet(STAFF_STYLE)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 16, 24, 16)
    top = QHBoxLayout()
    title_label = label(title, "pageTitle")
    top.addWidget(title_label, 1)
    training = button(translate("Kiosk", "My training"), "myTraining", secondary=True)
    training.clicked.connect(page.training_requested)
    top.addWidget(training)
    layout.addLayout(top)
    return layout, title_label


def full_name(person) -> str:
    """The name a staff screen's title shows for the signed-in staff member."""
    return f"{person.given_name} {person.family_name}"


def table_view(name: str, model=None) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    _ColumnFitter(view)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setResizeContentsPrecision(100)  # columns fit by their first 100 rows
    view.horizontalHeader().setMinimumSectionSize(24)  # a narrow column ("%") stays narrow
    view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
    if model is not None:
        view.setModel(model)
    return view


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their contents; where that is wider than the table, the widest are
    narrowed until it fits (their cells elide and show the whole text as a tooltip): a table
    never runs off the right edge of a small lab screen. Column titles always show whole."""
    view.horizontalHeader().setStretchLastSection(True)
    view.resizeColumnsToContents()
    view.setProperty("fitted", True)
    _narrow(view)


def _narrow(view: QTableView) -> None:
    header = view.horizontalHeader()
    columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    widths = {c: header.sectionSize(c) for c in columns}
    room = view.viewport().width() - 1  # the header's own rounding: a 1-pixel scroll bar otherwise
    if not columns or sum(widths.values()) <= room:
        return
    floors = {c: min(widths[c], header.sectionSizeHint(c)) for c in columns}

    def total(cap: int) -> int:
        return sum(max(floors[c], min(widths[c], cap)) for c in columns)

    low, high = 0, max(widths.values())
    while low < high:  # the widest cap on a column's width at which the table fits
        middle = (low + high + 1) // 2
        low, high = (middle, high) if total(middle) <= room else (low, middle - 1)
    # (Titles wider than the table itself: it scrolls, each column keeping its title.)
    header.setStretchLastSection(False)  # narrowed to the width: nothing left to stretch into
    for c in columns:
        header.resizeSection(c, max(floors[c], min(widths[c], low)))


class _ColumnFitter(QObject):
    """Fits a table's columns again when its width changes (a window resized, a tab shown)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Resize and self.view.property("fitted"):
            fit_columns(self.view)
        return False


def fit_to_window(dialog, view) -> None:
    """Size a dialog to show every row of its list, as far as its window allows (a lab
    screen is 768 pixels tall: the rest scrolls), and center it on the window."""
    window = dialog.parentWidget().window() if dialog.parentWidget() else None
    if window is None:
        return
    rows = sum(view.sizeHintForRow(r) for r in range(view.model().rowCount())) + 2 * view.frameWidth()
    extra = max(0, rows - view.height())
    place_in_window(dialog, max(dialog.width(), view.sizeHintForColumn(0) + 80), dialog.height() + extra)


def place_in_window(dialog, width: int, height: int) -> None:
    """Size a dialog to `width` x `height`, as far as its window allows, centered on it."""
    window = dialog.parentWidget().window() if dialog.parentWidget() else None
    if window is None:
        return
    margin = 40
    width, height = min(window.width() - margin, width), min(window.height() - margin, height)
    dialog.resize(width, height)
    centre = window.mapToGlobal(window.rect().center())
    dialog.move(centre.x() - width // 2, centre.y() - height // 2)


def confirm(parent, title: str, text: str, ok: str = "") -> bool:
    """Ask before something that cannot be undone (in the app's own dialog). Tests replace this."""
    dialog = MessageDialog(
        parent, title, text, ok or translate("Kiosk", "Yes"), translate("Kiosk", "Cancel"), "confirmDialog"
    )
    return dialog.exec() == QDialog.Accepted


def close_dialogs(page, names) -> None:
    """Reject (close) the page's dialogs of these attribute names that are still open."""
    for name in names:
        dialog = getattr(page, name, None)
        if dialog is not None and dialog.isVisible():
            dialog.reject()


class HistoryDialog(QDialog):
    """A student's full history: every attempt (score, date, machine), and a certificate."""

    def __init__(self, kiosk: Kiosk, actor, person_id: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.kiosk, self.actor = kiosk, actor
        self.history = records.student_history(kiosk.db, actor, person_id)
        h = self.history
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(kiosk_dialog(self, translate("Kiosk", "History: {name}").format(name=h.name)))
        from .models import grade_label

        layout.addWidget(
            label(
                translate("Kiosk", "{grade} · {classes}").format(
                    grade=grade_label(h.grade), classes=", ".join(h.classes) or translate("Kiosk", "no class")
                ),
                "hint",
            )
        )
        titles = {m.id: m.title for m in kiosk.catalog.modules.values()}
        self.titles = titles
        results = {
            True: translate("Kiosk", "passed"),
            False: translate("Kiosk", "failed"),
            None: translate("Kiosk", "open"),
        }
        rows = [
            (
                titles.get(a.module_id, a.module_id),
                local_date(a.started_at),
                local_date(a.submitted_at),
                "" if a.score is None else f"{a.score}%",
                "" if a.correct is None else f"{a.correct}/{a.total}",
                results[a.passed],
                a.machine,
            )
            for a in h.attempts
        ]
        self.model = RowsModel(
            [
                translate("Kiosk", "Module"),
                translate("Kiosk", "Started"),
                translate("Kiosk", "Submitted"),
                translate("Kiosk", "Score"),
                translate("Kiosk", "Right"),
                translate("Kiosk", "Result"),
                translate("Kiosk", "Machine"),
            ],
            rows,
        )
        self.table = table_view("historyTable", self.model)
        fit_columns(self.table)
        layout.addWidget(self.table, 1)
        passed = sorted({c.module_id for c in h.completions})
        layout.addWidget(
            label(
                translate("Kiosk", "Passed: {titles}").format(
                    titles=", ".join(titles.get(m, m) for m in passed)
                )
                if passed
                else translate("Kiosk", "No module passed yet."),
                "hint",
            )
        )
        row = QHBoxLayout()
        self.certificate_button = button(
            translate("Kiosk", "Certificate (PDF)"), "certificate", secondary=True
        )
        self.certificate_button.setEnabled(bool(passed))
        self.certificate_button.clicked.connect(self.save_certificate)
        row.addWidget(self.certificate_button)
        row.addStretch(1)
        close = button(translate("Kiosk", "Close"), "historyClose")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.status = label("", "hint")
        layout.addWidget(self.status)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        fit_to_window(self, self.table)  # inside a 1024-pixel window, centered on it

    def save_certificate(self) -> None:
        """Into the export folder (no file browser in the kiosk), audited, and said on screen."""
        from ...core.compliance import district_name
        from ...reports import exports
        from ..messages import error_text

        try:
            path = exports.certificate_to_folder(
                self.kiosk.db, self.actor, self.history, self.titles, district_name(self.kiosk.db)
            )
        except (ValueError, PermissionError, OSError) as exc:
            self.status.setText(error_text(exc))
            return
        self.saved = path
        self.status.setText(
            translate("Kiosk", "Saved {name}'s certificate to {path}").format(
                name=self.history.name, path=path
            )
        )
