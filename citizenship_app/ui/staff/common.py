"""Pieces both staff screens use: a denser style, tables, a student's history, saving files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
)

from ...core import records
from ..i18n import translate
from ..widgets import button, label
from .models import RowsModel, local_date

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
    margin = 40
    width = min(window.width() - margin, max(dialog.width(), view.sizeHintForColumn(0) + 80))
    height = min(window.height() - margin, dialog.height() + extra)
    dialog.resize(width, height)
    centre = window.mapToGlobal(window.rect().center())
    dialog.move(centre.x() - width // 2, centre.y() - height // 2)


def confirm(parent, title: str, text: str) -> bool:
    """Ask before something that cannot be undone. Tests replace this function."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent, title, text, QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel
    )
    return answer == QMessageBox.Yes


def ask_save_path(parent, caption: str, suggested: str, pattern: str) -> str | None:
    """Where to save an export; None if the user cancels. Tests replace this function."""
    start = str(Path.home() / suggested)
    path, _ = QFileDialog.getSaveFileName(parent, caption, start, pattern)
    return path or None


class HistoryDialog(QDialog):
    """A student's full history: every attempt (score, date, machine), and a certificate."""

    def __init__(self, kiosk, actor, person_id: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.kiosk, self.actor = kiosk, actor
        self.history = records.student_history(kiosk.db, actor, person_id)
        h = self.history
        self.setWindowTitle(translate("Kiosk", "History: {name}").format(name=h.name))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(label(h.name, "pageTitle"))
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

    def save_certificate(self) -> None:
        from ...core.compliance import district_name
        from . import common

        name = self.history.name.replace(" ", "-").lower()
        path = common.ask_save_path(
            self, translate("Kiosk", "Save the certificate"), f"certificate-{name}.pdf", "PDF (*.pdf)"
        )
        if not path:
            return
        records.write_certificate(
            self.kiosk.db, self.actor, self.history, self.titles, path, district_name(self.kiosk.db)
        )
        self.status.setText(translate("Kiosk", "Saved {path}").format(path=path))
