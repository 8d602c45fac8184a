"""Pieces both staff screens use: a denser style, tables, a student's history, saving files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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

    def __init__(self, kiosk: Kiosk, actor, person_id: str, parent=None) -> None:
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
