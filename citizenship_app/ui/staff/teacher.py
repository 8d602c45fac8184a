"""The teacher's screen: my classes, what each is assigned, and how each student is doing.

Everything goes through the core with the teacher as the acting person, so a teacher can only
ever see and change their own classes (the core raises PermissionError otherwise).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import access, assignments, classgrid, codes, discussion, item_analysis
from .. import ops
from ..i18n import current_language, translate
from ..messages import error_text
from ..signin import picture_name
from ..widgets import button, label, wrap_items
from . import common
from .hardest import HardestPanel
from .models import GridModel, RowsModel

if TYPE_CHECKING:
    from ...core.kiosk import Kiosk
    from ...core.store import Store


class TeacherPage(QWidget):
    training_requested = Signal()

    def __init__(self, kiosk: Kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.actor: str | None = None
        self.class_id: str | None = None
        layout, self.title = common.page_layout(self, translate("Kiosk", "My classes"))
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self._build_class_list())
        split.addWidget(self._build_class_panel())
        split.setStretchFactor(1, 4)
        split.setSizes([200, 800])  # the class names wrap: the grid gets the room
        layout.addWidget(split, 1)

    def _build_class_list(self) -> QListWidget:
        self.classes = QListWidget()
        self.classes.setObjectName("teacherClasses")
        self.classes.setAccessibleName(translate("Kiosk", "My classes"))
        wrap_items(self.classes)
        self.classes.currentItemChanged.connect(
            lambda item, _: self.open_class(item.data(Qt.UserRole) if item else None)
        )
        return self.classes

    def _build_class_panel(self) -> QWidget:
        """The chosen class: its title, the Progress and Assignments tabs, a status line."""
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(12, 0, 0, 0)
        self.class_title = label("", "cardTitle")
        rlay.addWidget(self.class_title)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("teacherTabs")
        self.tabs.addTab(self._build_progress_tab(), translate("Kiosk", "Progress"))
        self.tabs.addTab(self._build_assignments_tab(), translate("Kiosk", "Assignments"))
        self.hardest = HardestPanel(self.kiosk, "classHardest")
        self.tabs.addTab(self.hardest, translate("Kiosk", "Hardest questions"))
        self.tabs.currentChanged.connect(lambda _index: self._load_hardest())
        rlay.addWidget(self.tabs, 1)
        self.status = label("", "hint")
        rlay.addWidget(self.status)
        return right

    def _build_progress_tab(self) -> QWidget:
        """Students x assigned modules, the locked-out students, new codes and sign-in cards."""
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
                    "Click a student's name (or double-click a cell) for their history. "
                    "Red cells are overdue.",
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
        return grid_tab

    def _build_assignments_tab(self) -> QWidget:
        """The class's assigned modules, with Assign and Unassign."""
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
        self.family_button = button(translate("Kiosk", "Family sheet (PDF)"), "familySheet", secondary=True)
        self.family_button.clicked.connect(self.save_family_sheets)
        row.addWidget(self.family_button)
        self.discussion_button = button(
            translate("Kiosk", "Discussion prompt"), "discussionPrompt", secondary=True
        )
        self.discussion_button.clicked.connect(self.show_discussion)
        row.addWidget(self.discussion_button)
        row.addStretch(1)
        alay.addLayout(row)
        return assign_tab

    # -- data ------------------------------------------------------------------------------

    def clear_messages(self) -> None:
        """At sign-out: what this screen said to the last staff member goes, with any dialog
        still open (a new code shown once must not greet the next person)."""
        self.status.clear()
        common.close_dialogs(self, ("code_box", "assign_dialog", "history_dialog", "discussion_dialog"))

    def show_for(self, person) -> None:
        """Fill the class list for this teacher and open the first class."""
        self.actor = person.id
        self.title.setText(translate("Kiosk", "{name}: my classes").format(name=common.full_name(person)))
        rows = access.taught_classes(self.kiosk.db, self.actor)
        self.class_tiers = {c.id: c.tier for c in rows}
        self.classes.blockSignals(True)
        self.classes.clear()
        for taught in rows:
            item = QListWidgetItem(taught.title)
            item.setData(Qt.UserRole, taught.id)
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
            self.hardest.clear()
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
        self.hardest.clear()
        self._load_hardest()

    def _load_hardest(self) -> None:
        """The open class's hardest questions, computed when their tab is shown."""
        shown = self.tabs.currentWidget() is self.hardest
        if not shown or self.class_id is None or self.hardest.stats is not None:
            return
        actor, class_id = self.actor, self.class_id
        self.hardest.load(lambda db: item_analysis.class_hardest(db, actor, class_id))

    def show_locked(self, students) -> None:
        from ...core.auth import locked_students

        locked = locked_students(self.kiosk.db, [s.id for s in students])
        until = translate("Kiosk", "until {time}")
        names = [
            f"{s.given_name} {s.family_name[:1]}. "
            f"({until.format(time=locked[s.id].astimezone().strftime('%H:%M'))})"
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
            self.status.setText(error_text(exc))
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

    def save_family_sheets(self) -> None:
        """The selected module's family sheet, in English and in each language that has one, as PDFs
        in the export folder (authorised and audited by reports.exports)."""
        from ...reports import exports

        module_id = self.selected_module_id()
        catalog = self.kiosk.catalog
        english = catalog.get(module_id) if module_id else None
        if english is None:
            return
        saved = []
        try:
            for module in catalog.family_sheet_versions(english):  # a translation's or a standalone sheet
                saved.append(str(exports.family_sheet_to_folder(self.kiosk.db, self.actor, module)))
        except (KeyError, ValueError, PermissionError, OSError) as exc:  # NotFound is a KeyError
            self.status.setText(error_text(exc))
            return
        self.status.setText(
            translate("Kiosk", "Saved: {files}").format(files="; ".join(saved))
            if saved
            else translate("Kiosk", "This module has no family sheet yet.")
        )

    def selected_module_id(self) -> str | None:
        """The module picked in the Assignments list, or None (and the screen asks for one)."""
        index = self.assigned_view.currentIndex()
        if not index.isValid():
            self.status.setText(translate("Kiosk", "Pick a module in the list first."))
            return None
        return self.assigned_model.keys[index.row()]

    def show_discussion(self) -> None:
        """The selected module's discussion prompt, in the screen's language where the module
        has it (core.discussion.prompt: staff only)."""
        from .discussion import DiscussionDialog

        module_id = self.selected_module_id()
        if module_id is None:
            return
        try:
            prompt = discussion.prompt(
                self.kiosk.db, self.actor, self.kiosk.catalog, module_id, current_language()
            )
        except (KeyError, PermissionError) as exc:  # NotFound is a KeyError
            self.status.setText(error_text(exc))
            return
        self.discussion_dialog = DiscussionDialog(self.kiosk, self.actor, prompt, self)
        self.discussion_dialog.open()

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
        self.code_box = common.MessageDialog(
            self,
            translate("Kiosk", "New sign-in code"),
            text.format(name=name, code=shown),
            translate("Kiosk", "Done"),
            name="newCodeBox",
        )
        self.last_code = code
        self.code_box.open()
        self.show_locked(self.grid_model.grid.students)  # the new code has unlocked them

    def print_cards(self) -> None:
        """New codes for the whole class, on cards: straight to the default printer, or a 0600
        PDF in the export folder (no print or file dialog in the kiosk), after a warning."""
        from ...core import exports

        class_id = self.class_id
        printer = default_printer()
        if printer is not None:
            where = translate("Kiosk", "They print at once on {printer}.").format(
                printer=printer.printerName()
            )
        else:
            try:
                folder = exports.destination(self.kiosk.db)
            except ValueError as exc:
                self.status.setText(error_text(exc))
                return
            where = translate("Kiosk", "They are saved as a PDF in {folder}.").format(folder=folder)
        if not common.confirm(
            self,
            translate("Kiosk", "New sign-in codes"),
            translate(
                "Kiosk",
                "Every student of this class gets a new code, and the old codes stop working. "
                "The cards show every student's sign-in code: keep them where no student can "
                "read another's. {where} Make new cards?",
            ).format(where=where),
            translate("Kiosk", "Make new cards"),
        ):
            return
        path = None
        if printer is None:
            try:
                path = exports.export_file(
                    self.kiosk.db, "sign-in-cards", self.current_class_title(), suffix="pdf"
                )
            except ValueError as exc:
                self.status.setText(error_text(exc))
                return
        self.status.setText(translate("Kiosk", "Making new codes…"))
        actor, to = self.actor, "printer" if printer is not None else path.name

        def make(db: Store):  # hashing every code takes a moment: off the UI thread
            return codes.class_cards(db, actor, class_id, to=to)

        def done(cards) -> None:
            from ...reports.pdf import sign_in_cards

            if printer is not None:
                sign_in_cards(cards, printer=printer)
                text = translate(
                    "Kiosk",
                    "Cards for {n} students sent to the printer {printer}. The old codes no longer work.",
                ).format(n=len(cards), printer=printer.printerName())
            else:
                sign_in_cards(cards, path)
                text = translate(
                    "Kiosk", "Cards for {n} students saved to {path}. The old codes no longer work."
                ).format(n=len(cards), path=path)
                self.cards_saved = path
            self.status.setText(text)

        def failed(error: ops.OpError) -> None:
            if path is not None:
                path.unlink(missing_ok=True)  # refused before any code was made: no empty file
            self.status.setText(ops.error_text(error))

        ops.run(self.kiosk.data_dir, make, done, failed)

    def current_class_title(self) -> str:
        item = self.classes.currentItem()
        return item.text() if item is not None else str(self.class_id)


def default_printer():
    """A QPrinter on the machine's default printer, or None when it has none (then: a PDF)."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = QPrinterInfo.defaultPrinter()
    return None if info.isNull() else QPrinter(info, QPrinter.HighResolution)


class AssignDialog(QDialog):
    """Pick modules of the class's tier, a due date, and whether they are taken in order."""

    def __init__(self, modules, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(common.kiosk_dialog(self, translate("Kiosk", "Assign modules")))
        layout.addWidget(label(translate("Kiosk", "Tick the modules to assign."), "hint"))
        self.list = QListWidget()
        self.list.setObjectName("assignChoices")
        for m in modules:
            item = QListWidgetItem(
                translate("Kiosk", "{title} (about {n} min)").format(title=m.title, n=m.minutes)
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
        self.due_edit.setMinimumHeight(40)
        self.has_due.toggled.connect(self.due_edit.setEnabled)
        row.addWidget(self.due_edit)
        row.addStretch(1)
        layout.addLayout(row)
        self.due_warning = label("", "error")
        self.due_warning.setObjectName("assignDueWarning")
        layout.addWidget(self.due_warning)
        self.in_order = QCheckBox(translate("Kiosk", "In this order (students take them one after another)"))
        self.in_order.setObjectName("assignInOrder")
        layout.addWidget(self.in_order)
        buttons = QHBoxLayout()
        cancel = button(translate("Kiosk", "Cancel"), "assignCancel", secondary=True)
        cancel.clicked.connect(self.reject)
        self.ok = button(translate("Kiosk", "Assign"), "assignOk")
        self.ok.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)
        self.resize(720, 620)
        self.due_edit.dateChanged.connect(self._check_due)
        self.has_due.toggled.connect(self._check_due)
        self._check_due()

    def _check_due(self, *_) -> None:
        """A due date already past is refused here, in words, before anything is assigned."""
        from ...core.errors import Refused
        from ..messages import error_text

        problem = assignments.due_problem(self.due())
        self.due_warning.setText(error_text(Refused(problem, due=self.due())) if problem else "")
        self.due_warning.setVisible(bool(problem))
        self.ok.setEnabled(not problem)

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
