"""The teacher's screen: my classes, what each is assigned, and how each student is doing.

Everything goes through the core with the teacher as the acting person, so a teacher can only
ever see and change their own classes (the core raises PermissionError otherwise).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import access, assignments, classgrid, codes
from ..i18n import translate
from ..signin import picture_name
from ..widgets import button, label, wrap_items
from . import common, worker
from .models import GridModel, RowsModel


class TeacherPage(QWidget):
    training_requested = Signal()

    def __init__(self, kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.actor: str | None = None
        self.class_id: str | None = None
        self.setObjectName("page")
        self.setStyleSheet(common.STAFF_STYLE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        self.title = label(translate("Kiosk", "My classes"), "pageTitle")
        top.addWidget(self.title, 1)
        training = button(translate("Kiosk", "My training"), "myTraining", secondary=True)
        training.clicked.connect(self.training_requested)
        top.addWidget(training)
        layout.addLayout(top)

        split = QSplitter(Qt.Horizontal)
        self.classes = QListWidget()
        self.classes.setObjectName("teacherClasses")
        self.classes.setAccessibleName(translate("Kiosk", "My classes"))
        wrap_items(self.classes)
        self.classes.currentItemChanged.connect(
            lambda item, _: self.open_class(item.data(Qt.UserRole) if item else None)
        )
        split.addWidget(self.classes)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(12, 0, 0, 0)
        self.class_title = label("", "cardTitle")
        rlay.addWidget(self.class_title)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("teacherTabs")
        # Progress: students x assigned modules.
        grid_tab = QWidget()
        glay = QVBoxLayout(grid_tab)
        self.grid_model = GridModel(self)
        self.grid_view = common.table_view("classGrid", self.grid_model)
        self.grid_view.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.grid_view.doubleClicked.connect(lambda index: self.show_history(index.row()))
        self.grid_view.verticalHeader().sectionClicked.connect(self.show_history)
        # The student a row action (a new code) acts on: the one the teacher last clicked (by
        # name or by cell) or moved to with the keys, kept by id across refreshes.
        self.shown_student_id: str | None = None
        self.grid_view.selectionModel().currentChanged.connect(
            lambda index, _previous: index.isValid() and self.point_at(index.row())
        )
        glay.addWidget(self.grid_view, 1)
        # Students locked out after too many wrong codes (a new code unlocks them at once).
        self.locked_label = label("", "lockedStudents")
        self.locked_label.hide()
        glay.addWidget(self.locked_label)
        glay.addWidget(
            label(
                translate(
                    "Kiosk",
                    "Click a student's name (or double-click a cell) for their history. Red cells are overdue.",
                ),
                "hint",
            )
        )
        row = QHBoxLayout()
        self.reset_button = button(
            translate("Kiosk", "New code for the selected student"), "resetCode", secondary=True
        )
        self.reset_button.clicked.connect(self.reset_selected_code)
        row.addWidget(self.reset_button)
        self.cards_button = button(translate("Kiosk", "Print sign-in cards"), "printCards", secondary=True)
        self.cards_button.clicked.connect(self.print_cards)
        row.addWidget(self.cards_button)
        row.addStretch(1)
        glay.addLayout(row)
        self.tabs.addTab(grid_tab, translate("Kiosk", "Progress"))
        # Assignments.
        assign_tab = QWidget()
        alay = QVBoxLayout(assign_tab)
        self.assigned_model = RowsModel(
            [
                translate("Kiosk", "Order"),
                translate("Kiosk", "Module"),
                translate("Kiosk", "Due"),
                translate("Kiosk", "Assigned"),
            ]
        )
        self.assigned_view = common.table_view("assignedModules", self.assigned_model)
        alay.addWidget(self.assigned_view, 1)
        row = QHBoxLayout()
        self.assign_button = button(translate("Kiosk", "Assign modules…"), "assignModules")
        self.assign_button.clicked.connect(self.ask_assign)
        row.addWidget(self.assign_button)
        self.unassign_button = button(translate("Kiosk", "Unassign"), "unassignModule", secondary=True)
        self.unassign_button.clicked.connect(self.unassign_selected)
        row.addWidget(self.unassign_button)
        row.addStretch(1)
        alay.addLayout(row)
        self.tabs.addTab(assign_tab, translate("Kiosk", "Assignments"))
        rlay.addWidget(self.tabs, 1)
        self.status = label("", "hint")
        rlay.addWidget(self.status)
        split.addWidget(right)
        split.setStretchFactor(1, 4)
        split.setSizes([200, 800])  # the class names wrap: the grid gets the room
        layout.addWidget(split, 1)

    # -- data ------------------------------------------------------------------------------

    def clear_messages(self) -> None:
        """At sign-out: what this screen said to the last staff member goes."""
        self.status.clear()

    def show_for(self, person) -> None:
        """Fill the class list for this teacher and open the first class."""
        self.actor = person.id
        self.title.setText(
            translate("Kiosk", "{name}: my classes").format(name=f"{person.given_name} {person.family_name}")
        )
        db = self.kiosk.db
        ids = access.taught_class_ids(db, self.actor)
        rows = (
            db.execute(
                f"SELECT sourced_id, title, tier FROM classes WHERE sourced_id IN ({','.join('?' for _ in ids)}) ORDER BY title",
                ids,
            ).fetchall()
            if ids
            else []
        )
        self.class_tiers = {r[0]: r[2] for r in rows}
        self.classes.blockSignals(True)
        self.classes.clear()
        for cid, title, _ in rows:
            item = QListWidgetItem(title)
            item.setData(Qt.UserRole, cid)
            self.classes.addItem(item)
        self.classes.blockSignals(False)
        self.status.setText(
            "" if rows else translate("Kiosk", "You have no classes in the roster on this computer.")
        )
        if rows:
            self.classes.setCurrentRow(0)
        else:
            self.open_class(None)

    def titles(self) -> dict[str, str]:
        return {m.id: m.title for m in self.kiosk.catalog.modules.values()}

    def open_class(self, class_id: str | None) -> None:
        self.class_id = class_id
        for b in (self.assign_button, self.unassign_button, self.reset_button, self.cards_button):
            b.setEnabled(class_id is not None)
        if class_id is None:
            self.class_title.setText("")
            self.grid_model.set_grid(None, {})
            self.assigned_model.set_rows([])
            return
        self.class_title.setText(
            self.classes.currentItem().text() if self.classes.currentItem() else class_id
        )
        self.refresh()

    def refresh(self) -> None:
        """Reload the grid and the assignment list of the open class (a few ms for 35 students)."""
        db, titles = self.kiosk.db, self.titles()
        pages = {m.id: len(m.pages) for m in self.kiosk.catalog.modules.values()}
        grid = classgrid.class_grid(db, self.actor, self.class_id, pages)
        self.grid_model.set_grid(grid, titles)
        common.fit_columns(self.grid_view)
        self.show_locked(grid.students)
        rows = [
            (a.position or "", titles.get(a.module_id, a.module_id), a.due_date or "", a.assigned_at[:10])
            for a in grid.assignments
        ]
        self.assigned_model.set_rows(rows, [a.module_id for a in grid.assignments])
        common.fit_columns(self.assigned_view)

    def show_locked(self, students) -> None:
        from ...core.auth import locked_students

        locked = locked_students(self.kiosk.db, [s.id for s in students])
        until = translate("Kiosk", "until {time}")
        names = [
            f"{s.given_name} {s.family_name[:1]}. ({until.format(time=locked[s.id].astimezone().strftime('%H:%M'))})"
            for s in students
            if s.id in locked
        ]
        self.locked_label.setText(
            translate(
                "Kiosk",
                "Locked out after too many wrong codes: {names}. A new code unlocks a student at once.",
            ).format(names=", ".join(names))
            if names
            else ""
        )
        self.locked_label.setVisible(bool(names))

    # -- actions ---------------------------------------------------------------------------

    def ask_assign(self) -> None:
        tier = self.class_tiers.get(self.class_id)
        assigned = {k for k in self.assigned_model.keys}
        choices = [m for m in self.kiosk.catalog.for_tier(tier) if m.id not in assigned] if tier else []
        dialog = AssignDialog(choices, self)
        dialog.accepted.connect(
            lambda: self.assign(dialog.chosen(), dialog.due(), dialog.in_order.isChecked())
        )
        self.assign_dialog = dialog
        dialog.open()

    def assign(self, module_ids: list[str], due: str | None, in_order: bool) -> None:
        modules = [self.kiosk.catalog.get(m) for m in module_ids]
        try:
            assignments.assign_modules(
                self.kiosk.db, self.actor, self.class_id, modules, due, in_order=in_order
            )
        except (ValueError, PermissionError) as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(translate("Kiosk", "Assigned {n} module(s).").format(n=len(modules)))
        self.refresh()

    def unassign_selected(self) -> None:
        index = self.assigned_view.currentIndex()
        if not index.isValid():
            self.status.setText(translate("Kiosk", "Pick a module in the list first."))
            return
        module_id = self.assigned_model.keys[index.row()]
        assignments.unassign(self.kiosk.db, self.actor, self.class_id, module_id)
        title = self.titles().get(module_id, module_id)
        self.status.setText(translate("Kiosk", "Unassigned {title}.").format(title=title))
        self.refresh()

    def point_at(self, row: int) -> None:
        """The teacher clicked this student's name or one of their cells."""
        self.shown_student_id = self.grid_model.student(row).id
        current = self.grid_view.currentIndex()
        if current.row() != row:
            self.grid_view.setCurrentIndex(self.grid_model.index(row, max(current.column(), 0)))

    def selected_student(self):
        """The student the teacher last clicked, if still in the grid."""
        grid = self.grid_model.grid
        if grid is None or self.shown_student_id is None:
            return None
        return next((s for s in grid.students if s.id == self.shown_student_id), None)

    def show_history(self, row: int) -> None:
        self.point_at(row)
        student = self.grid_model.student(row)
        self.history_dialog = common.HistoryDialog(self.kiosk, self.actor, student.id, self)
        self.history_dialog.open()

    def reset_selected_code(self) -> None:
        student = self.selected_student()
        if student is None:
            self.status.setText(translate("Kiosk", "Click a student's row first."))
            return
        name = f"{student.given_name} {student.family_name}"
        if not common.confirm(
            self,
            translate("Kiosk", "New sign-in code"),
            translate(
                "Kiosk", "Give {name} a new sign-in code? Their old code stops working at once."
            ).format(name=name),
        ):
            return
        code = codes.reset_code(self.kiosk.db, self.actor, student.id)
        if "-" in code:  # two pictures, by their names
            first, second = code.split("-", 1)
            shown = translate("Kiosk", "{first}, then {second}").format(
                first=picture_name(first), second=picture_name(second)
            )
        else:
            shown = code
        text = translate("Kiosk", "{name}'s new code: {code}\n\nWrite it down now: it is shown only once.")
        self.code_box = QMessageBox(
            QMessageBox.Information,
            translate("Kiosk", "New sign-in code"),
            text.format(name=name, code=shown),
            QMessageBox.Ok,
            self,
        )
        self.code_box.setObjectName("newCodeBox")
        self.last_code = code
        self.code_box.open()
        self.show_locked(self.grid_model.grid.students)  # the new code has unlocked them

    def print_cards(self) -> None:
        """New codes for the whole class, on cards (the old codes stop working)."""
        class_id = self.class_id
        if not common.confirm(
            self,
            translate("Kiosk", "New sign-in codes"),
            translate(
                "Kiosk",
                "Every student of this class gets a new code, and the old codes "
                "stop working. Make new cards?",
            ),
        ):
            return
        path = common.ask_save_path(
            self, translate("Kiosk", "Save sign-in cards"), f"sign-in-cards-{class_id}.pdf", "PDF (*.pdf)"
        )
        if not path:
            return
        self.status.setText(translate("Kiosk", "Making new codes…"))
        actor = self.actor

        def make(db):  # hashing every code takes a moment: off the UI thread
            return codes.class_cards(db, actor, class_id)

        def done(cards) -> None:
            from ...reports.pdf import sign_in_cards

            sign_in_cards(cards, path)
            self.status.setText(
                translate(
                    "Kiosk", "Cards for {n} students saved to {path}. The old codes no longer work."
                ).format(n=len(cards), path=path)
            )
            self.cards_saved = path

        worker.run(self.kiosk.data_dir, make, done, lambda exc: self.status.setText(str(exc)))


class AssignDialog(QDialog):
    """Pick modules of the class's tier, a due date, and whether they are taken in order."""

    def __init__(self, modules, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(translate("Kiosk", "Assign modules"))
        layout = QVBoxLayout(self)
        layout.addWidget(label(translate("Kiosk", "Tick the modules to assign."), "hint"))
        self.list = QListWidget()
        self.list.setObjectName("assignChoices")
        for m in modules:
            item = QListWidgetItem(
                translate("Kiosk", "{title} (about {n} min)").format(title=m.title, n=m.meta.minutes)
            )
            item.setData(Qt.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        if not modules:
            layout.addWidget(
                label(translate("Kiosk", "Every module of this grade band is already assigned."), "hint")
            )
        row = QHBoxLayout()
        self.has_due = QCheckBox(translate("Kiosk", "Due by"))
        self.has_due.setObjectName("assignHasDue")
        self.has_due.setChecked(True)
        row.addWidget(self.has_due)
        self.due_edit = QDateEdit(
            QDate.fromString((date.today() + timedelta(days=14)).isoformat(), Qt.ISODate)
        )
        self.due_edit.setObjectName("assignDue")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.has_due.toggled.connect(self.due_edit.setEnabled)
        row.addWidget(self.due_edit)
        row.addStretch(1)
        layout.addLayout(row)
        self.in_order = QCheckBox(translate("Kiosk", "In this order (students take them one after another)"))
        self.in_order.setObjectName("assignInOrder")
        layout.addWidget(self.in_order)
        buttons = QHBoxLayout()
        cancel = button(translate("Kiosk", "Cancel"), "assignCancel", secondary=True)
        cancel.clicked.connect(self.reject)
        ok = button(translate("Kiosk", "Assign"), "assignOk")
        ok.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout.addLayout(buttons)

    def check(self, module_id: str, on: bool = True) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.UserRole) == module_id:
                item.setCheckState(Qt.Checked if on else Qt.Unchecked)

    def chosen(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.Checked
        ]

    def due(self) -> str | None:
        return self.due_edit.date().toString(Qt.ISODate) if self.has_due.isChecked() else None
