"""The counselor's screen: completion records, the overdue list, the compliance summary.

Counting and paging through a district's records, and the compliance summary, run on the
thread pool (ui.ops): the screen stays responsive while they load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import access, compliance, item_analysis, records
from ...reports import exports
from .. import ops
from ..i18n import translate
from ..messages import error_text
from ..widgets import button, label, wrap_items
from . import charts, common
from .hardest import HardestPanel
from .models import RecordsModel, RowsModel, grade_label, status_label

if TYPE_CHECKING:
    from ...core.kiosk import Kiosk
    from ...core.store import Store

ANY = ""


class RecordsPanel(QWidget):
    """A filter bar over a paged records table, with CSV export."""

    history_requested = Signal(str)

    def __init__(self, kiosk: Kiosk, name: str, fixed_status: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.kiosk, self.name, self.fixed_status = kiosk, name, fixed_status
        self.actor = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_actions())
        layout.addWidget(self._build_table(), 1)
        layout.addWidget(
            label(translate("Kiosk", "Double-click a record for the student's full history."), "hint")
        )
        self.school.currentIndexChanged.connect(self._school_changed)

    def _build_filters(self) -> QGridLayout:
        """School, grade, class, teacher, module, status, a date range and a search."""
        name = self.name
        form = QGridLayout()
        self.school = self._combo(translate("Kiosk", "School"), f"{name}School", form, 0, 0)
        self.grade = self._combo(translate("Kiosk", "Grade"), f"{name}Grade", form, 0, 2)
        self.klass = self._combo(translate("Kiosk", "Class"), f"{name}Class", form, 0, 4)
        self.teacher = self._combo(translate("Kiosk", "Teacher"), f"{name}Teacher", form, 1, 0)
        self.module = self._combo(translate("Kiosk", "Module"), f"{name}Module", form, 1, 2)
        self.status = self._combo(translate("Kiosk", "Status"), f"{name}Status", form, 1, 4)
        if self.fixed_status:
            self.status.setEnabled(False)
        self.use_since = QCheckBox(translate("Kiosk", "From"))
        self.use_since.setObjectName(f"{name}UseSince")
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.since.setObjectName(f"{name}Since")
        self.use_until = QCheckBox(translate("Kiosk", "To"))
        self.use_until.setObjectName(f"{name}UseUntil")
        self.until = QDateEdit(QDate.currentDate())
        self.until.setObjectName(f"{name}Until")
        for edit, use in ((self.since, self.use_since), (self.until, self.use_until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            use.toggled.connect(edit.setEnabled)
        form.addWidget(self.use_since, 2, 0)
        form.addWidget(self.since, 2, 1)
        form.addWidget(self.use_until, 2, 2)
        form.addWidget(self.until, 2, 3)
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(translate("Kiosk", "Student name, username or id"))
        self.search.setAccessibleName(translate("Kiosk", "Search for a student"))
        self.search.returnPressed.connect(self.apply)
        form.addWidget(self.search, 3, 0, 1, 6)  # a row of its own: its hint is long in Spanish
        return form

    def _build_actions(self) -> QHBoxLayout:
        """Show records, how many there are, Export CSV."""
        name = self.name
        row = QHBoxLayout()
        self.apply_button = button(translate("Kiosk", "Show records"), f"{name}Apply")
        self.apply_button.clicked.connect(self.apply)
        row.addWidget(self.apply_button)
        self.count = label("", "hint")
        self.count.setObjectName(f"{name}Count")
        row.addWidget(self.count, 1)
        self.export_button = button(translate("Kiosk", "Export CSV"), f"{name}ExportCsv", secondary=True)
        self.export_button.clicked.connect(self.export_csv)
        row.addWidget(self.export_button)
        return row

    def _build_table(self) -> QWidget:
        """The records, a page at a time (ui.staff.models.RecordsModel)."""
        name = self.name
        self.model = RecordsModel(self.kiosk.data_dir, self)
        self.model.loaded.connect(self._counted)
        self.model.failed.connect(
            lambda msg: self.count.setText(
                translate("Kiosk", "Could not load the records: {error}").format(error=msg)
            )
        )
        self.view = common.table_view(f"{name}View", self.model)
        self.view.doubleClicked.connect(
            lambda i: self.history_requested.emit(self.model.record(i.row()).person_id)
        )
        # Columns fit the first page once; later pages keep them (no jumping while scrolling).
        self.model.modelReset.connect(lambda: setattr(self, "_fitted", False))
        self.model.rowsInserted.connect(self._fit_columns)
        return self.view

    def _combo(self, text: str, name: str, form: QGridLayout, row: int, column: int) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(text)
        form.addWidget(label(text, wrap=False), row, column)
        form.addWidget(combo, row, column + 1)
        return combo

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, str]], any_text: str | None = None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text or translate("Kiosk", "All"), ANY)
        for value, text in items:
            combo.addItem(text, value)
        combo.blockSignals(False)

    def setup(self, actor) -> None:
        db = self.kiosk.db
        self.actor = actor
        self._fill(self.school, records.schools(db, actor))
        self._fill(self.grade, [(g, grade_label(g)) for g in records.grades(db)])
        self._fill(self.klass, records.classes(db, actor))
        self._fill(self.teacher, records.teachers(db, actor=actor))
        mods = sorted(
            (m for m in self.kiosk.catalog.modules.values() if m.tier != "staff"),
            key=lambda m: (m.tier, m.meta.order),
        )
        self._fill(self.module, [(m.id, f"{m.title} ({m.tier})") for m in mods])
        self._fill(self.status, [(s, status_label(s)) for s in records.STATUSES], translate("Kiosk", "Any"))
        if self.fixed_status:
            self.status.setCurrentIndex(self.status.findData(self.fixed_status))

    def _school_changed(self) -> None:
        school = self.school.currentData() or None
        self._fill(self.klass, records.classes(self.kiosk.db, self.actor, school))
        self._fill(self.teacher, records.teachers(self.kiosk.db, school, self.actor))

    def current_filter(self) -> records.RecordFilter:
        def pick(combo):
            return combo.currentData() or None

        return records.RecordFilter(
            school_id=pick(self.school),
            grade=pick(self.grade),
            class_id=pick(self.klass),
            teacher_id=pick(self.teacher),
            module_id=pick(self.module),
            status=self.fixed_status or pick(self.status),
            since=self.since.date().toString(Qt.ISODate) if self.use_since.isChecked() else None,
            until=self.until.date().toString(Qt.ISODate) if self.use_until.isChecked() else None,
            search=self.search.text().strip() or None,
        )

    def apply(self) -> None:
        flt, actor = self.current_filter(), self.actor
        modules = list(self.kiosk.catalog.modules.values())
        self.count.setText(translate("Kiosk", "Loading…"))
        self.model.load(
            lambda db, limit, offset: records.records(db, actor, modules, flt, limit=limit, offset=offset),
            lambda db: records.count_records(db, actor, modules, flt),
        )

    def _fit_columns(self) -> None:
        if not getattr(self, "_fitted", False):
            self._fitted = True
            common.fit_columns(self.view)

    def _counted(self, total: int) -> None:
        if not total:  # no rows will come: the column titles still fit
            common.fit_columns(self.view)
        text = translate("Kiosk", "{n} record") if total == 1 else translate("Kiosk", "{n} records")
        self.count.setText(text.format(n=total))

    def export_csv(self) -> None:
        """The filtered records as CSV in the export folder (core.exports): audited first,
        0600, named by what it holds, and said on screen."""
        flt, actor = self.current_filter(), self.actor
        modules = list(self.kiosk.catalog.modules.values())
        report = "overdue" if self.fixed_status == records.OVERDUE else "records"

        def write(db: Store):
            return records.export_csv_file(db, actor, modules, flt, report)

        def done(result) -> None:
            n, path = result
            self.count.setText(translate("Kiosk", "Saved {n} records to {path}").format(n=n, path=path))
            self.exported = path

        ops.run(
            self.kiosk.data_dir,
            write,
            done,
            lambda error: self.count.setText(
                translate("Kiosk", "Export failed: {error}").format(error=ops.error_text(error))
            ),
        )


class CounselorPage(QWidget):
    training_requested = Signal()

    def __init__(self, kiosk: Kiosk, parent=None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.actor = None
        self.summary = None
        layout, self.title = common.page_layout(self, translate("Kiosk", "Completion records"))
        # A counselor sees their own schools only: say so when the roster links them to none.
        self.scope_note = label("", "noSchools")
        self.scope_note.hide()
        layout.addWidget(self.scope_note)
        layout.addWidget(self._build_tabs(), 1)

    def _build_tabs(self) -> QTabWidget:
        """Records, Overdue (the same panel with the status fixed) and Compliance."""
        kiosk = self.kiosk
        self.tabs = QTabWidget()
        self.tabs.setObjectName("counselorTabs")
        self.records = RecordsPanel(kiosk, "records")
        self.records.history_requested.connect(self.show_history)
        self.tabs.addTab(self.records, translate("Kiosk", "Records"))
        self.overdue = RecordsPanel(kiosk, "overdue", fixed_status=records.OVERDUE)
        self.overdue.history_requested.connect(self.show_history)
        self.tabs.addTab(self.overdue, translate("Kiosk", "Overdue"))
        self.tabs.addTab(self._build_compliance(), translate("Kiosk", "Compliance"))
        self.hardest = HardestPanel(kiosk, "schoolHardest")
        self.tabs.addTab(self.hardest, translate("Kiosk", "Hardest questions"))
        self.tabs.currentChanged.connect(self._tab_changed)
        return self.tabs

    def _build_compliance(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(label(translate("Kiosk", "School year"), wrap=False))
        self.year = QComboBox()
        self.year.setObjectName("complianceYear")
        self.year.currentIndexChanged.connect(self.load_compliance)
        row.addWidget(self.year)
        self.compliance_status = label("", "hint")
        self.compliance_status.setObjectName("complianceStatus")
        row.addWidget(self.compliance_status, 1)
        self.required_button = button(
            translate("Kiosk", "Required modules…"), "requiredModules", secondary=True
        )
        self.required_button.clicked.connect(self.ask_required)
        row.addWidget(self.required_button)
        self.pdf_button = button(
            translate("Kiosk", "Compliance report (PDF)"), "compliancePdf", secondary=True
        )
        self.pdf_button.clicked.connect(self.export_pdf)
        row.addWidget(self.pdf_button)
        layout.addLayout(row)
        split = QSplitter(Qt.Horizontal)
        self.compliance_model = RowsModel(
            [
                translate("Kiosk", "School"),
                translate("Kiosk", "Grade"),
                translate("Kiosk", "Enrolled"),
                translate("Kiosk", "Completed"),
                "%",
            ]
        )
        self.compliance_view = common.table_view("complianceTable", self.compliance_model)
        split.addWidget(self.compliance_view)
        chart_box = QWidget()
        clay = QVBoxLayout(chart_box)
        self.by_grade = charts.by_grade_chart()
        self.over_year = charts.over_year_chart()
        clay.addWidget(self.by_grade)
        clay.addWidget(self.over_year)
        split.addWidget(chart_box)
        split.setSizes([560, 640])
        layout.addWidget(split, 1)
        return page

    def clear_messages(self) -> None:
        """At sign-out: what this screen said to the last staff member goes, with any dialog
        still open (a student's history)."""
        self.compliance_status.clear()
        for panel in (self.records, self.overdue):
            panel.count.clear()
        common.close_dialogs(self, ("history_dialog", "required_dialog"))

    def show_for(self, person) -> None:
        self.actor = person.id
        self.title.setText(
            translate("Kiosk", "Completion records · {name}").format(name=common.full_name(person))
        )
        unlinked = access.sees_no_school(self.kiosk.db, self.actor)
        self.scope_note.setText(
            translate(
                "Kiosk",
                "Your account is not linked to any school in this computer's roster, so no "
                "records are shown. Ask district IT to list your school for you in the roster "
                "(orgSourcedIds in users.csv) and import it again.",
            )
            if unlinked
            else ""
        )
        self.scope_note.setVisible(unlinked)
        self.records.setup(self.actor)
        self.overdue.setup(self.actor)
        self.year.blockSignals(True)
        self.year.clear()
        current = compliance.current_school_year(self.kiosk.db)
        years = compliance.school_years(self.kiosk.db) or [current]
        for sy in years:
            self.year.addItem(sy.title, sy.school_year)
        self.year.setCurrentIndex(max(0, self.year.findData(current.school_year)))
        self.year.blockSignals(False)
        # Only an administrator sets which modules the district requires.
        self.required_button.setVisible(access.role(self.kiosk.db, self.actor) == access.ADMINISTRATOR)
        self.summary = None
        self.hardest.clear()
        self.records.apply()

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.overdue and self.overdue.model.query is None:
            self.overdue.apply()
        elif index == 2 and self.summary is None:
            self.load_compliance()
        elif widget is self.hardest and self.hardest.stats is None and self.actor is not None:
            actor = self.actor
            self.hardest.load(lambda db: item_analysis.school_hardest(db, actor))

    def load_compliance(self) -> None:
        year_id = self.year.currentData()
        if not year_id or self.actor is None:
            return
        actor, modules = self.actor, list(self.kiosk.catalog.modules.values())
        self.compliance_status.setText(translate("Kiosk", "Loading…"))
        self.pdf_button.setEnabled(False)

        def compute(db: Store):
            return compliance.compliance(db, actor, modules, compliance.school_year(db, year_id))

        ops.run(
            self.kiosk.data_dir,
            compute,
            self._show_compliance,
            lambda error: self.compliance_status.setText(
                translate("Kiosk", "Could not compute: {error}").format(error=ops.error_text(error))
            ),
        )

    def _show_compliance(self, summary) -> None:
        if summary.school_year.school_year != self.year.currentData():
            return  # the user picked another year meanwhile
        self.summary = summary
        rows = [
            (r.school, grade_label(r.grade), r.enrolled, r.completed, f"{r.percent:.1f}")
            for r in summary.rows
        ]
        t = summary.total
        rows.append((translate("Kiosk", "All schools"), "", t.enrolled, t.completed, f"{t.percent:.1f}"))
        self.compliance_model.set_rows(rows)
        common.fit_columns(self.compliance_view)
        charts.show_by_grade(self.by_grade, summary.by_grade())
        self.compliance_status.setText(
            translate(
                "Kiosk", "{done} of {enrolled} students ({percent}%) completed every required module"
            ).format(done=t.completed, enrolled=t.enrolled, percent=f"{t.percent:.1f}")
        )
        self.pdf_button.setEnabled(True)
        # The chart over the year needs each complete student's dates: a second query.
        ops.run(self.kiosk.data_dir, lambda db: compliance.with_months(db, summary), self._show_months)

    def _show_months(self, summary) -> None:
        if summary.school_year.school_year == self.year.currentData():
            charts.show_over_year(self.over_year, summary.by_month, summary.total.enrolled)
            self.months_shown = summary.school_year.school_year

    def export_pdf(self) -> None:
        if self.summary is None:
            return
        try:
            path, _report = exports.compliance_pdf_to_folder(
                self.kiosk.db, self.actor, self.kiosk.catalog, self.summary.school_year
            )
        except (ValueError, PermissionError, OSError) as exc:
            self.compliance_status.setText(error_text(exc))
            return
        self.compliance_saved = path
        self.compliance_status.setText(
            translate("Kiosk", "Saved the compliance report to {path}").format(path=path)
        )

    def ask_required(self) -> None:
        modules = [m for m in self.kiosk.catalog.modules.values() if m.tier in compliance.STUDENT_TIERS]
        current = compliance.required_modules(self.kiosk.db, modules)
        from ...core.managed_settings import managed

        district = {
            key.rsplit(".", 1)[1] for key in managed(self.kiosk.db) if key.startswith("required-modules.")
        }
        dialog = RequiredDialog(modules, current, self, district=frozenset(district))
        dialog.accepted.connect(lambda: self.save_required(dialog.chosen(), modules))
        self.required_dialog = dialog
        dialog.open()

    def save_required(self, chosen: dict[str, list[str]], modules) -> None:
        from ...core.managed_settings import managed

        district = managed(self.kiosk.db)
        for tier in compliance.STUDENT_TIERS:
            if f"required-modules.{tier}" in district:
                continue  # the district sets this band (its hub); the kiosk may not change it
            every = [m.id for m in modules if m.tier == tier]
            ids = chosen.get(tier, [])
            # All of a tier's modules ticked: back to the default (new modules count too).
            compliance.set_required_modules(
                self.kiosk.db, self.actor, tier, None if set(ids) == set(every) else ids
            )
        self.load_compliance()

    def show_history(self, person_id: str) -> None:
        self.history_dialog = common.HistoryDialog(self.kiosk, self.actor, person_id, self)
        self.history_dialog.open()


class RequiredDialog(QDialog):
    """The district's required modules, by grade band (administrators only)."""

    def __init__(self, modules, current: dict[str, list[str]], parent=None, district=frozenset()) -> None:
        """`district`: the grade bands the district sets (core.managed_settings), shown greyed out."""
        super().__init__(parent)
        self.setObjectName("requiredDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(common.kiosk_dialog(self, translate("Kiosk", "Required modules")))
        layout.addWidget(
            label(
                translate(
                    "Kiosk", "A student is complete when they passed every ticked module of their grade band."
                ),
                "hint",
            )
        )
        self.list = QListWidget()
        self.list.setObjectName("requiredChoices")
        wrap_items(self.list)
        for m in sorted(modules, key=lambda m: (compliance.STUDENT_TIERS.index(m.tier), m.meta.order)):
            item = QListWidgetItem(f"{m.tier}: {m.title}")
            item.setData(Qt.UserRole, (m.tier, m.id))
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if m.id in current.get(m.tier, []) else Qt.Unchecked)
            if m.tier in district:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
                item.setToolTip(translate("Kiosk", "Set by the district"))
            self.list.addItem(item)
        if district:
            note = label(
                translate("Kiosk", "Grade bands greyed out are set by the district: {bands}.").format(
                    bands=", ".join(sorted(district, key=compliance.STUDENT_TIERS.index))
                ),
                "hint",
            )
            note.setObjectName("requiredManaged")
            layout.addWidget(note)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = button(translate("Kiosk", "Cancel"), "requiredCancel", secondary=True)
        cancel.clicked.connect(self.reject)
        ok = button(translate("Kiosk", "Save"), "requiredOk")
        ok.clicked.connect(self.accept)
        row.addWidget(cancel)
        row.addWidget(ok)
        layout.addLayout(row)

    #: The narrowest a column of modules may be for the list to take two of them.
    COLUMN = 340

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        common.fit_to_window(self, self.list)
        window = self.parentWidget().window() if self.parentWidget() else None
        if window is not None and (window.width() - 40) // 2 >= self.COLUMN + 40:
            # Two columns: touch-sized rows, and still most of the district's modules in
            # sight on a 768-pixel screen.
            metrics = self.list.fontMetrics()
            widest = max(
                (metrics.horizontalAdvance(self.list.item(r).text()) for r in range(self.list.count())),
                default=0,
            )
            cell = widest + 32 + 48  # the check box, the item's padding and spacing
            self.resize(min(window.width() - 40, 2 * cell + 80), self.height())
            self.list.setFlow(QListView.LeftToRight)
            self.list.setWrapping(True)
            self._grid()
            centre = window.mapToGlobal(window.rect().center())
            self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.list.isWrapping():
            self._grid()

    def _grid(self) -> None:
        """Two equal columns; each row as tall as its longest title wrapped in its column."""
        from PySide6.QtCore import QRect, QSize

        bar = self.list.verticalScrollBar().sizeHint().width()  # the list scrolls: room for its bar
        width = (self.list.width() - 2 * self.list.frameWidth() - bar - 2) // 2
        metrics = self.list.fontMetrics()
        text = width - 32 - 40  # the check box and the item's padding
        tallest = max(
            (
                metrics.boundingRect(QRect(0, 0, text, 0), Qt.TextWordWrap, self.list.item(r).text()).height()
                for r in range(self.list.count())
            ),
            default=0,
        )
        cell = QSize(width, max(self.list.sizeHintForRow(0), tallest + 20))
        for r in range(self.list.count()):
            self.list.item(r).setSizeHint(cell - QSize(4, 4))  # each fills its cell: no ragged wrap
        self.list.setGridSize(cell)

    def chosen(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for i in range(self.list.count()):
            item = self.list.item(i)
            tier, module_id = item.data(Qt.UserRole)
            out.setdefault(tier, [])
            if item.checkState() == Qt.Checked:
                out[tier].append(module_id)
        return out
