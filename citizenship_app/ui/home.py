"""Student home: the modules of the student's tier, each with its status; the ones a teacher
assigned come first, with their due dates (and in the teacher's order, if one was set)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ..core import assignments, progress
from .i18n import translate
from .widgets import button, fill_grid, label, repolish

if TYPE_CHECKING:
    from ..core.kiosk import Kiosk


def action_text(state: str) -> str:
    return {
        progress.NOT_STARTED: translate("Kiosk", "Start"),
        progress.IN_PROGRESS: translate("Kiosk", "Continue"),
        progress.FAILED: translate("Kiosk", "Try again"),
        progress.PASSED: translate("Kiosk", "Review"),
    }[state]


def status_text(status: progress.ModuleStatus) -> str:
    """The card's status line in the interface language (core's label() is English)."""
    if status.state == progress.PASSED:
        return translate("Kiosk", "Passed ({score}%)").format(score=status.best_score)
    if status.state == progress.FAILED:
        return translate("Kiosk", "Try again (best {score}%)").format(score=status.best_score)
    if status.state == progress.IN_PROGRESS:
        if status.in_quiz:
            return translate("Kiosk", "Quiz started")
        return translate("Kiosk", "Page {n} of {m}").format(n=status.page + 1, m=status.pages)
    return translate("Kiosk", "Not started")


def _short_date(day) -> str:
    from PySide6.QtCore import QDate, QLocale

    from .i18n import current_language

    locale = QLocale(QLocale.Spanish) if current_language() == "es" else QLocale(QLocale.English)
    pattern = "d MMM" if current_language() == "es" else "MMM d"  # 5 dic / Dec 5
    return locale.toString(QDate(day.year, day.month, day.day), pattern)


class HomePage(QWidget):
    open_module = Signal(str)

    def __init__(self, kiosk: Kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        self.title = label("", "pageTitle")
        layout.addWidget(self.title)
        self.hint = label(translate("Kiosk", "Pick a lesson. Read it, then take the quiz."), "hint")
        layout.addWidget(self.hint)
        self.grid = QGridLayout()
        self.grid.setSpacing(20)
        holder = QWidget()
        holder.setLayout(self.grid)
        area = QScrollArea()
        area.setObjectName("lessonCards")
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.NoFrame)
        area.setWidget(holder)
        layout.addWidget(area, 1)
        self.area = area
        self.cards: dict[str, ModuleCard] = {}
        self.columns = 2

    def _arrange(self) -> None:
        """Two columns of cards, or one where two do not fit (the largest text on a small
        screen): a card is never cut off at the right."""
        cards = list(self.cards.values())
        if not cards:
            return
        widest = max(card.minimumSizeHint().width() for card in cards)
        room = self.area.viewport().width()
        columns = 2 if 2 * widest + self.grid.horizontalSpacing() <= room else 1
        if columns == self.columns:
            return
        self.columns = columns
        for card in cards:
            self.grid.removeWidget(card)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        for index, card in enumerate(cards):
            self.grid.addWidget(card, index // columns, index % columns)
        self.grid.setRowStretch((len(cards) + columns - 1) // columns, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._arrange()

    def show_for(self, person, modules) -> None:
        self.title.setText(
            translate("Kiosk", "Hi, {name}! Here are your lessons.").format(name=person.given_name)
        )
        statuses = progress.statuses(self.kiosk.db, person.id, modules)
        by_id = {m.id: m for m in modules}
        passed = {m for m, s in statuses.items() if s.state == progress.PASSED}
        entries = assignments.home_entries(
            [m.id for m in modules], assignments.student_assignments(self.kiosk.db, person.id), passed
        )
        self.entries = {e.module_id: e for e in entries}
        self.cards = {}
        for e in entries:
            after = by_id[e.after].title if e.after else None
            self.cards[e.module_id] = ModuleCard(by_id[e.module_id], statuses[e.module_id], e, after)
        for card in self.cards.values():
            card.opened.connect(self.open_module)
        self.hint.setText(
            translate("Kiosk", "Pick a lesson. Read it, then take the quiz.")
            if modules
            else translate("Kiosk", "There are no lessons for you on this computer yet. Ask your teacher.")
        )
        fill_grid(self.grid, list(self.cards.values()), 2)
        self.columns = 2
        self._arrange()
        first = next((c for c in self.cards.values() if c.action.isEnabled()), None)
        if first is not None:
            first.action.setFocus()


def due_text(entry) -> str:
    """ "Due Mar 1" / "Overdue: was due Mar 1" / "" for a module nobody assigned."""
    if not entry.assigned:
        return ""
    if not entry.due_date:
        return translate("Kiosk", "Your teacher picked this")
    from datetime import date

    when = _short_date(date.fromisoformat(entry.due_date))
    if entry.overdue:
        return translate("Kiosk", "Overdue: was due {when}").format(when=when)
    return translate("Kiosk", "Due {when}").format(when=when)


class ModuleCard(QFrame):
    opened = Signal(str)

    def __init__(self, module, status: progress.ModuleStatus, entry=None, after: str | None = None) -> None:
        super().__init__()
        self.setObjectName("card")
        self.module_id = module.id
        self.status = status
        self.entry = entry
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(module.title, "cardTitle"))
        self.due = label(due_text(entry) if entry else "", "cardDue")
        self.due.setProperty("overdue", bool(entry and entry.overdue))
        self.due.setStyleSheet(
            "color: #b00020; font-weight: bold;"
            if entry and entry.overdue
            else "color: #1f4e79; font-weight: bold;"
        )
        self.due.setVisible(bool(self.due.text()))
        layout.addWidget(self.due)
        layout.addWidget(label(module.meta.summary))
        if after:  # the class takes its modules in order: this one waits for an earlier one
            layout.addWidget(label(translate("Kiosk", "First finish: {title}").format(title=after), "hint"))
        row = QHBoxLayout()
        self.status_label = label(status_text(status), "cardStatus")
        self.status_label.setProperty("state", status.state)
        repolish(self.status_label)
        row.addWidget(self.status_label, 1)
        row.addWidget(label(translate("Kiosk", "About {n} min").format(n=module.minutes), "hint", wrap=False))
        text = translate("Kiosk", "Later") if after else action_text(status.state)
        spoken = f"{text} {module.title}. {status_text(status)}"
        if self.due.text():
            spoken += f". {self.due.text()}"
        self.action = button(text, f"open-{module.id}", accessible=spoken)
        self.action.setEnabled(after is None)
        self.action.clicked.connect(lambda: self.opened.emit(self.module_id))
        row.addWidget(self.action, 0, Qt.AlignRight)
        layout.addLayout(row)
