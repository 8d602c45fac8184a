"""Pieces both staff screens use: a denser style, tables, the app's dialogs, a student's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
    if model is not None:
        view.setModel(model)
    return view


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
