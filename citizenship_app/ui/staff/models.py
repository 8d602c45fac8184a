"""Item models for the staff tables: a view asks only for the rows it shows.

- `GridModel`: a class's students x its assigned modules (core.classgrid).
- `RecordsModel`: completion records, a page at a time: the count and each page are queried
  on the thread pool, and `fetchMore` asks for the next page as the view scrolls.
- `RowsModel`: a small fixed table (history, assignments, compliance rows).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...core import progress, records
from .. import ops
from ..i18n import QT_TRANSLATE_NOOP, translate

STATE_COLOURS = {
    progress.PASSED: "#e7f6ec",
    progress.FAILED: "#fff1e6",
    progress.IN_PROGRESS: "#eaf3fb",
    progress.NOT_STARTED: "#ffffff",
}
OVERDUE_COLOUR = "#fde2e1"


# core.records.STATUS_LABELS (core has no Qt) in the interface language; the same English words.
_STATUS_LABELS = {
    records.PASSED: lambda: translate("Kiosk", "Passed"),
    records.FAILED: lambda: translate("Kiosk", "Failed"),
    records.IN_PROGRESS: lambda: translate("Kiosk", "In progress"),
    records.NOT_STARTED: lambda: translate("Kiosk", "Not started"),
    records.OVERDUE: lambda: translate("Kiosk", "Overdue", "a record's status"),  # the tab says "Overdue" too
    records.INCOMPLETE: lambda: translate("Kiosk", "Not passed yet"),
}


def status_label(status: str) -> str:
    """A record status (core.records.STATUSES) as shown: STATUS_LABELS in the interface language."""
    return _STATUS_LABELS[status]()


def cell_label(cell) -> str:
    """A class grid cell's text in the interface language: core's Cell.label() with the words
    of core.classgrid.LABEL_WORDS translated."""
    return cell.label(
        {
            "passed": translate("Kiosk", "Passed {score}%"),
            "failed": translate("Kiosk", "Failed ×{n} (best {score}%)"),
            "page": translate("Kiosk", "Page {n} of {m}"),
            "in_progress": translate("Kiosk", "In progress"),
            "not_started": translate("Kiosk", "Not started"),
            "overdue": translate("Kiosk", "{status} · overdue"),
        }
    )


def local_date(iso: str | None) -> str:
    if not iso:
        return ""
    if len(iso) == 10:
        return iso
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of tuples, with optional per-row data (UserRole)."""

    def __init__(
        self, headers: list[str], rows: list[tuple] | None = None, keys: list | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows = rows or []
        self.keys = keys or [None] * len(self.rows)

    def set_rows(self, rows: list[tuple], keys: list | None = None) -> None:
        self.beginResetModel()
        self.rows, self.keys = rows, keys or [None] * len(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt names)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):  # the tooltip: all of a narrowed cell
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)
        if role == Qt.UserRole:
            return self.keys[index.row()]
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None


class GridModel(QAbstractTableModel):
    """Rows: students; columns: assigned modules; cells: status labels, coloured by state."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = None
        self.titles: dict[str, str] = {}

    def set_grid(self, grid, titles: dict[str, str]) -> None:
        self.beginResetModel()
        self.grid, self.titles = grid, titles
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.grid is None else len(self.grid.students)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        # With nothing assigned yet, one placeholder column: students stay selectable (a new
        # sign-in code, their history) and the grid says why it is empty.
        return 0 if parent.isValid() or self.grid is None else max(1, len(self.grid.assignments))

    def placeholder(self) -> bool:
        return self.grid is not None and not self.grid.assignments

    def student(self, row: int):
        return self.grid.students[row]

    def cell(self, row: int, column: int):
        return self.grid.cell(self.grid.students[row].id, self.grid.assignments[column].module_id)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        if self.placeholder():
            if role == Qt.DisplayRole:
                return "—"
            if role == Qt.ToolTipRole:
                return translate("Kiosk", "Assign modules in the Assignments tab.")
            return None
        cell = self.cell(index.row(), index.column())
        if role == Qt.DisplayRole:
            return cell_label(cell)
        if role == Qt.BackgroundRole:
            return QBrush(QColor(OVERDUE_COLOUR if cell.overdue else STATE_COLOURS[cell.state]))
        if role == Qt.ToolTipRole:
            a = self.grid.assignments[index.column()]
            due = "\n" + translate("Kiosk", "Due {when}").format(when=a.due_date) if a.due_date else ""
            done = (
                "\n" + translate("Kiosk", "Passed {when}").format(when=local_date(cell.completed_at))
                if cell.completed_at
                else ""
            )
            return f"{self.student(index.row()).given_name}: {cell_label(cell)}{due}{done}"
        if role == Qt.UserRole:
            return cell.state
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if self.grid is None or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if orientation == Qt.Vertical:
            s = self.grid.students[section]
            return f"{s.given_name} {s.family_name}"
        if self.placeholder():
            return translate("Kiosk", "No modules assigned yet")
        a = self.grid.assignments[section]
        title = self.titles.get(a.module_id, a.module_id)
        if role == Qt.ToolTipRole:
            return title
        import textwrap

        order = f"{a.position}. " if a.position else ""
        due = "\n" + translate("Kiosk", "due {when}").format(when=a.due_date) if a.due_date else ""
        # The title on lines of a few words: a class's modules side by side fit a small screen.
        return textwrap.fill(f"{order}{title}", 18, break_long_words=False, break_on_hyphens=False) + due


def grade_label(grade: str | None, short: bool = False) -> str:
    """A OneRoster grade as a person writes it: "KG" -> Kindergarten, "04" -> Grade 4 (short:
    K, 4, for a chart's axis); anything else as it is, none as "-"."""
    if not grade:
        return "-"
    if grade == "KG":
        return "K" if short else translate("Kiosk", "Kindergarten")
    if grade == "PK":
        return "PK" if short else translate("Kiosk", "Pre-kindergarten")
    if grade.isdigit():
        return str(int(grade)) if short else translate("Kiosk", "Grade {n}").format(n=int(grade))
    return grade


def _record_status(r) -> str:
    status = status_label(r.status)
    return translate("Kiosk", "{status} (overdue)").format(status=status) if r.overdue else status


# (header in English, cell text). Headers are translated where shown: record_header().
RECORD_COLUMNS = [
    (QT_TRANSLATE_NOOP("Kiosk", "Student"), lambda r: r.student),
    (QT_TRANSLATE_NOOP("Kiosk", "Grade"), lambda r: grade_label(r.grade) if r.grade else ""),
    (QT_TRANSLATE_NOOP("Kiosk", "School"), lambda r: r.school),
    (QT_TRANSLATE_NOOP("Kiosk", "Class"), lambda r: r.class_title),
    (QT_TRANSLATE_NOOP("Kiosk", "Module"), lambda r: r.module_title),
    (QT_TRANSLATE_NOOP("Kiosk", "Status"), _record_status),
    (QT_TRANSLATE_NOOP("Kiosk", "Score"), lambda r: "" if r.best_score is None else f"{r.best_score}%"),
    (QT_TRANSLATE_NOOP("Kiosk", "Attempts"), lambda r: str(r.attempts)),
    ("Completed", lambda r: local_date(r.completed_at)),  # a date: see record_header()
    (QT_TRANSLATE_NOOP("Kiosk", "Machine"), lambda r: r.machine or ""),
    (QT_TRANSLATE_NOOP("Kiosk", "Due"), lambda r: r.due_date or ""),
]


def record_header(section: int) -> str:
    """A records column's header in the interface language."""
    name = RECORD_COLUMNS[section][0]
    if name == "Completed":  # the date of the pass here; the compliance table's "Completed" is a count
        return translate("Kiosk", "Completed", "the date a record was completed")
    return translate("Kiosk", name)


class RecordsModel(QAbstractTableModel):
    """Completion records, fetched a page at a time off the UI thread.

    `load(query)` starts over: the count and the first page are asked for at once; scrolling
    to the end calls fetchMore, which asks for the next page. Results of an older query that
    arrive late are dropped (each load has a number).
    """

    PAGE = 200
    loaded = Signal(int)  # the total, once counted
    failed = Signal(str)

    def __init__(self, data_dir, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.rows: list = []
        self.total: int | None = None
        self.query = None  # function (db, limit, offset) -> list[Record]; counter: (db) -> int
        self.counter = None
        self.generation = 0
        self.loading = False

    def load(self, page_query, counter) -> None:
        self.generation += 1
        self.beginResetModel()
        self.rows, self.total, self.query, self.counter = [], None, page_query, counter
        self.endResetModel()
        generation = self.generation
        ops.run(self.data_dir, counter, lambda n: self._counted(generation, n), self._failed)
        self._fetch(generation)

    def _fetch(self, generation: int) -> None:
        self.loading = True
        offset, query = len(self.rows), self.query
        ops.run(
            self.data_dir,
            lambda db: query(db, self.PAGE, offset),
            lambda rows: self._arrived(generation, offset, rows),
            self._failed,
        )

    def _counted(self, generation: int, total: int) -> None:
        if generation == self.generation:
            self.total = total
            self.loaded.emit(total)

    def _arrived(self, generation: int, offset: int, rows: list) -> None:
        if generation != self.generation or offset != len(self.rows):
            return
        self.loading = False
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        if len(rows) < self.PAGE:
            self.total = len(self.rows)  # the end: no more to fetch whatever the count said

    def _failed(self, error: ops.OpError) -> None:
        self.loading = False
        self.failed.emit(ops.error_text(error))

    def all_loaded(self) -> bool:
        return self.total is not None and len(self.rows) >= self.total

    # -- Qt --------------------------------------------------------------------------------

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        if parent.isValid() or self.query is None or self.loading:
            return False
        return self.total is None or len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._fetch(self.generation)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(RECORD_COLUMNS)

    def record(self, row: int):
        return self.rows[row]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):  # the tooltip: all of a narrowed cell
            return RECORD_COLUMNS[index.column()][1](r)
        if role == Qt.BackgroundRole:
            return QBrush(QColor(OVERDUE_COLOUR if r.overdue else STATE_COLOURS.get(r.status, "#ffffff")))
        if role == Qt.UserRole:
            return r.person_id
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return record_header(section)
        return None
