"""Student home: the modules of the student's tier, each with its status."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ..core import progress
from .widgets import button, fill_grid, label, repolish

ACTION = {
    progress.NOT_STARTED: "Start",
    progress.IN_PROGRESS: "Continue",
    progress.FAILED: "Try again",
    progress.PASSED: "Review",
}


class HomePage(QWidget):
    open_module = Signal(str)

    def __init__(self, kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        self.title = label("", "pageTitle")
        layout.addWidget(self.title)
        self.hint = label("Pick a lesson. Read it, then take the quiz.", "hint")
        layout.addWidget(self.hint)
        self.grid = QGridLayout()
        self.grid.setSpacing(20)
        holder = QWidget()
        holder.setLayout(self.grid)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.NoFrame)
        area.setWidget(holder)
        layout.addWidget(area, 1)
        self.cards: dict[str, ModuleCard] = {}

    def show_for(self, person, modules) -> None:
        self.title.setText(f"Hi, {person.given_name}! Here are your lessons.")
        statuses = progress.statuses(self.kiosk.db, person.id, modules)
        self.cards = {m.id: ModuleCard(m, statuses[m.id]) for m in modules}
        for card in self.cards.values():
            card.opened.connect(self.open_module)
        self.hint.setText(
            "Pick a lesson. Read it, then take the quiz." if modules
            else "There are no lessons for you on this computer yet. Ask your teacher."
        )
        fill_grid(self.grid, list(self.cards.values()), 2)
        if self.cards:
            next(iter(self.cards.values())).action.setFocus()


class ModuleCard(QFrame):
    opened = Signal(str)

    def __init__(self, module, status: progress.ModuleStatus) -> None:
        super().__init__()
        self.setObjectName("card")
        self.module_id = module.id
        self.status = status
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(module.title, "cardTitle"))
        layout.addWidget(label(module.meta.summary))
        row = QHBoxLayout()
        self.status_label = label(status.label(), "cardStatus")
        self.status_label.setProperty("state", status.state)
        repolish(self.status_label)
        row.addWidget(self.status_label, 1)
        row.addWidget(label(f"About {module.meta.minutes} min", "hint", wrap=False))
        self.action = button(ACTION[status.state], f"open-{module.id}",
                             accessible=f"{ACTION[status.state]} {module.title}. {status.label()}")
        self.action.clicked.connect(lambda: self.opened.emit(self.module_id))
        row.addWidget(self.action, 0, Qt.AlignRight)
        layout.addLayout(row)
