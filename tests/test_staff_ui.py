"""Teacher and counselor screens through the real window, offscreen: sign in as staff, click."""

from __future__ import annotations

import json

import pytest
from kiosk_driver import click, find, sign_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from staff_fixtures import synced_pass

from citizenship_app.core import auth, progress, records
from citizenship_app.core.classgrid import Cell
from citizenship_app.core.demo import DEMO_STAFF_PASSWORD
from citizenship_app.ui.staff import common
from citizenship_app.ui.staff.counselor import CounselorPage
from citizenship_app.ui.staff.models import RECORD_COLUMNS, cell_label, record_header, status_label
from citizenship_app.ui.staff.teacher import TeacherPage


@pytest.fixture
def saves(monkeypatch, tmp_path, window):
    """IT's export folder (no file dialog in the kiosk), and a yes to every confirmation."""
    from citizenship_app.core import exports

    folder = tmp_path / "exports"
    folder.mkdir()
    exports.set_export_dir(window.kiosk.db, folder)
    monkeypatch.setattr(common, "confirm", lambda parent, title, text, ok="": True)
    return folder


def staff_sign_in(qtbot, window, username: str) -> None:
    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), username)
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")


def private(path) -> bool:
    """Only its owner may read or write the file (student records leave the store in it)."""
    import os
    import stat

    return stat.S_IMODE(os.stat(path).st_mode) == 0o600


def pdf_pages(path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def test_teacher_assigns_a_module_and_the_student_sees_it_first(qtbot, window, catalog):
    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    assert isinstance(page, TeacherPage)
    assert [page.classes.item(i).text() for i in range(page.classes.count())] == ["Grade 4 - Qureshi"]
    *_, before, last = catalog.for_tier("3-5")  # the last two: on the home they move to the front
    page.tabs.setCurrentIndex(1)
    click(qtbot, window, "assignModules")
    dialog = page.assign_dialog
    assert {dialog.list.item(i).data(Qt.UserRole) for i in range(dialog.list.count())} == {
        m.id for m in catalog.for_tier("3-5")
    }
    dialog.check(before.id)
    dialog.check(last.id)
    dialog.in_order.setChecked(True)
    click(qtbot, dialog, "assignOk")
    assert page.assigned_model.keys == [before.id, last.id]
    assert [page.assigned_model.data(page.assigned_model.index(r, 0)) for r in range(2)] == ["1", "2"]
    assert page.grid_model.columnCount() == 2 and page.grid_model.rowCount() == 5
    assert page.grid_model.data(page.grid_model.index(0, 0)) == "Not started"
    statements = [
        json.loads(r[0])
        for r in window.kiosk.db.execute("SELECT statement FROM outbox WHERE kind = 'assigned'")
    ]
    assert [st["actor"]["account"]["name"] for st in statements] == ["t-qureshi", "t-qureshi"]

    click(qtbot, window, "signOut")
    sign_in(qtbot, window, "class-04", "s-260011", "1234")
    home = window.home
    assert window.stack.currentWidget() is home
    first, second = list(home.cards.values())[:2]
    assert (first.module_id, second.module_id) == (before.id, last.id)
    assert first.due.text().startswith("Due ") and first.action.isEnabled()
    assert not second.action.isEnabled()  # in this order: after the first one
    assert set(home.cards) == {m.id for m in catalog.for_tier("3-5")}  # the others stay available


def test_teacher_unassigns_resets_a_code_prints_cards_and_sees_history(qtbot, window, catalog, saves):
    from citizenship_app.core import assignments

    module = catalog.for_tier("3-5")[0]
    assignments.assign(window.kiosk.db, "t-qureshi", "class-04", module, "2026-09-01")
    synced_pass(window.kiosk.db, "s-260012", module.id, "2026-09-02T16:00:00.000+00:00", score=88)
    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    model = page.grid_model
    names = [model.headerData(r, Qt.Vertical) for r in range(model.rowCount())]
    hana = names.index("Hana Kim")
    assert model.data(model.index(hana, 0)) == "Passed 88%"
    assert model.data(model.index(names.index("José García"), 0)) == "Not started · overdue"

    # A student's history, on a click on their name.
    page.grid_view.verticalHeader().sectionClicked.emit(hana)
    dialog = page.history_dialog
    assert dialog.model.rowCount() == 1 and dialog.model.data(dialog.model.index(0, 3)) == "88%"
    click(qtbot, dialog, "certificate")
    from datetime import date

    saved = saves / f"certificate-hana-kim-{date.today().isoformat()}.pdf"  # named by what it holds
    assert dialog.saved == saved and str(saved) in dialog.status.text()
    [text] = pdf_pages(saved)
    assert private(saved)  # reported: exports landed 0644
    assert "Hana Kim" in text and module.title in text
    dialog.accept()

    # A new code for the selected student, shown once.
    page.grid_view.setCurrentIndex(model.index(hana, 0))
    click(qtbot, window, "resetCode")
    assert page.last_code in page.code_box.text()
    assert auth.sign_in_student(window.kiosk.db, "s-260012", page.last_code).ok
    page.code_box.accept()

    # Sign-in cards: a page per class, a new PIN per student.
    click(qtbot, window, "printCards")
    qtbot.waitUntil(lambda: getattr(page, "cards_saved", None) is not None, timeout=20000)
    [text] = pdf_pages(page.cards_saved)
    assert private(page.cards_saved)  # they hold a whole class's codes
    assert page.cards_saved.parent == saves and page.cards_saved.name.startswith(
        "sign-in-cards-grade-4-qureshi-"
    )
    cards_row = window.kiosk.db.execute(
        "SELECT subject, detail FROM audit_log WHERE action = 'class_codes' ORDER BY id DESC"
    ).fetchone()
    assert cards_row[0] == "class-04" and json.loads(cards_row[1])["to"] == page.cards_saved.name
    assert text.count("Grade 4 - Qureshi") == 5 and "Hana K." in text and text.count("PIN") == 5
    assert not auth.sign_in_student(window.kiosk.db, "s-260013", "1234").ok or "PIN 1234" in text

    page.tabs.setCurrentIndex(1)
    page.assigned_view.setCurrentIndex(page.assigned_model.index(0, 0))
    click(qtbot, window, "unassignModule")
    assert page.assigned_model.rowCount() == 0
    # Nothing assigned: one placeholder column, and a student's code can still be reset.
    assert model.columnCount() == 1
    assert model.headerData(0, Qt.Horizontal) == "No modules assigned yet"
    assert model.data(model.index(hana, 0)) == "—"
    page.tabs.setCurrentIndex(0)
    page.grid_view.setCurrentIndex(model.index(hana, 0))
    click(qtbot, window, "resetCode")
    assert auth.sign_in_student(window.kiosk.db, "s-260012", page.last_code).ok
    page.code_box.accept()
    page.grid_view.doubleClicked.emit(model.index(hana, 0))
    assert page.history_dialog.model.rowCount() == 1  # her pass is still in her history
    page.history_dialog.accept()


def test_a_teacher_reaches_their_training_and_comes_back(qtbot, window):
    staff_sign_in(qtbot, window, "lnguyen")
    click(qtbot, window, "myTraining")
    assert window.stack.currentWidget() is window.home
    click(qtbot, window, "staffTools")
    assert isinstance(window.stack.currentWidget(), TeacherPage)
    click(qtbot, window, "signOut")
    assert not window.staff_button.isVisible()


def test_counselor_filters_exports_and_checks_compliance(qtbot, window, catalog, saves):
    db = window.kiosk.db
    for student in ("s-260011", "s-260012"):
        for m in catalog.for_tier("3-5"):
            synced_pass(db, student, m.id, "2026-09-10T16:00:00.000+00:00")
    staff_sign_in(qtbot, window, "rtanaka")
    page = window.stack.currentWidget()
    assert isinstance(page, CounselorPage)
    panel = page.records
    qtbot.waitUntil(lambda: panel.model.total is not None and panel.model.rowCount() > 0, timeout=10000)
    panel.grade.setCurrentIndex(panel.grade.findData("04"))
    panel.status.setCurrentIndex(panel.status.findData("passed"))
    click(qtbot, panel, "recordsApply")
    n = 2 * len(catalog.for_tier("3-5"))
    qtbot.waitUntil(
        lambda: panel.model.rowCount() == n and panel.count.text() == f"{n} records", timeout=10000
    )
    assert {panel.model.record(r).grade for r in range(n)} == {"04"}
    # Grades as a person writes them (reported: "04"), in the filter and the table.
    assert (
        panel.grade.currentText() == "Grade 4"
        and panel.grade.itemText(panel.grade.findData("KG")) == "Kindergarten"
    )
    grade_column = [panel.model.headerData(c, Qt.Horizontal) for c in range(panel.model.columnCount())].index(
        "Grade"
    )
    assert {panel.model.data(panel.model.index(r, grade_column)) for r in range(n)} == {"Grade 4"}
    click(qtbot, panel, "recordsExportCsv")
    qtbot.waitUntil(lambda: getattr(panel, "exported", None) is not None, timeout=10000)
    from citizenship_app.core.records import read_csv

    exported = read_csv(open(panel.exported, encoding="utf-8").read())
    assert private(panel.exported) and panel.exported.parent == saves
    assert panel.exported.name.startswith("records-harbor-view-k-12-demo-school-")  # her one school
    assert panel.count.text() == f"Saved {n} records to {panel.exported}"
    assert exported == panel.model.rows

    # The compliance tab: table, charts, and the PDF for the files.
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.summary is not None, timeout=10000)
    assert page.summary.total.enrolled == 25 and page.summary.total.completed == 2
    assert page.compliance_model.rowCount() == 6  # five grades and the total
    qtbot.waitUntil(lambda: getattr(page, "months_shown", None) == "2027", timeout=10000)
    assert len(page.by_grade.chart().series()) == 1 and len(page.over_year.chart().series()) == 1
    click(qtbot, window, "compliancePdf")
    assert page.compliance_saved.parent == saves and "-2026-2027-" in page.compliance_saved.name
    pages = pdf_pages(page.compliance_saved)
    assert private(page.compliance_saved)
    assert "Harbor View Demo School District" in pages[0] and "2314-P" in pages[0]

    # The overdue list, and a student's history from a double-click.
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.overdue.model.total is not None, timeout=10000)
    assert page.overdue.model.total == 0
    page.show_history("s-260011")
    assert page.history_dialog.model.rowCount() == len(catalog.for_tier("3-5"))


def test_an_administrator_gets_the_counselor_screen_and_sets_required_modules(qtbot, window, catalog):
    from citizenship_app.core import compliance

    staff_sign_in(qtbot, window, "dwhitfield")
    page = window.stack.currentWidget()
    assert isinstance(page, CounselorPage)
    assert window.admin_button.isVisible()
    page.tabs.setCurrentIndex(2)
    click(qtbot, window, "requiredModules")
    dialog = page.required_dialog
    first = catalog.for_tier("3-5")[0]
    for i in range(dialog.list.count()):
        if dialog.list.item(i).data(Qt.UserRole) == ("3-5", first.id):
            dialog.list.item(i).setCheckState(Qt.Unchecked)
    click(qtbot, dialog, "requiredOk")
    required = compliance.required_modules(window.kiosk.db, catalog.modules.values())
    assert first.id not in required["3-5"] and len(required["3-5"]) == len(catalog.for_tier("3-5")) - 1
    assert required["k-2"] == [m.id for m in catalog.for_tier("k-2")]


def test_grade_bands_the_district_sets_are_greyed_out_and_kept_when_the_others_are_saved(
    qtbot, window, catalog
):
    from citizenship_app.core import compliance, managed_settings

    chosen = catalog.for_tier("3-5")[0].id
    managed_settings.apply(window.kiosk.db, {"required-modules.3-5": chosen})
    staff_sign_in(qtbot, window, "dwhitfield")
    page = window.stack.currentWidget()
    page.tabs.setCurrentIndex(2)
    click(qtbot, window, "requiredModules")
    dialog = page.required_dialog
    items = [dialog.list.item(i) for i in range(dialog.list.count())]
    banded = {tier: [it for it in items if it.data(Qt.UserRole)[0] == tier] for tier in ("3-5", "k-2")}
    assert all(not it.flags() & Qt.ItemIsEnabled for it in banded["3-5"])
    assert all(it.flags() & Qt.ItemIsEnabled for it in banded["k-2"])
    assert "3-5" in dialog.findChild(QLabel, "requiredManaged").text()
    banded["k-2"][0].setCheckState(Qt.Unchecked)
    click(qtbot, dialog, "requiredOk")  # no refusal for the district's band: it is left as it is
    required = compliance.required_modules(window.kiosk.db, catalog.modules.values())
    assert required["3-5"] == [chosen]
    assert len(required["k-2"]) == len(catalog.for_tier("k-2")) - 1


def test_a_counselor_may_not_set_required_modules(qtbot, window):
    staff_sign_in(qtbot, window, "rtanaka")
    assert not window.stack.currentWidget().required_button.isVisible()
    assert not window.stack.currentWidget().scope_note.isVisible()  # linked to her school


def test_a_counselor_linked_to_no_school_is_told_why_the_records_are_empty(qtbot, window):
    with window.kiosk.db.conn:
        window.kiosk.db.execute("UPDATE people SET org_ids = '' WHERE sourced_id = 't-tanaka'")
    staff_sign_in(qtbot, window, "rtanaka")
    page = window.stack.currentWidget()
    assert isinstance(page, CounselorPage) and page.scope_note.isVisible()
    assert "not linked to any school" in page.scope_note.text()
    qtbot.waitUntil(lambda: page.records.model.total is not None, timeout=10000)
    assert page.records.model.rowCount() == 0


def test_a_locked_out_student_shows_on_the_teachers_screen_until_a_new_code(
    qtbot, window, catalog, monkeypatch
):
    from citizenship_app.core import assignments

    monkeypatch.setattr(common, "confirm", lambda parent, title, text, ok="": "Hana Kim" in text)

    assignments.assign(window.kiosk.db, "t-qureshi", "class-04", catalog.for_tier("3-5")[0], "2026-12-24")
    for _ in range(auth.MAX_FAILURES):
        auth.sign_in_student(window.kiosk.db, "s-260012", "0000")
    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    assert page.locked_label.isVisible()
    assert "Hana K." in page.locked_label.text() and "Jos" not in page.locked_label.text()
    model = page.grid_model
    hana = [model.headerData(r, Qt.Vertical) for r in range(model.rowCount())].index("Hana Kim")
    page.grid_view.setCurrentIndex(model.index(hana, 0))
    click(qtbot, window, "resetCode")
    assert hasattr(page, "code_box"), page.status.text()
    page.code_box.accept()
    assert not page.locked_label.isVisible()
    assert auth.sign_in_student(window.kiosk.db, "s-260012", page.last_code).ok


def test_staff_screens_speak_spanish_when_chosen_on_the_sign_in_screen(qtbot, window, catalog):
    db = window.kiosk.db
    first = catalog.for_tier("3-5")[0]
    synced_pass(db, "s-260011", first.id, "2026-09-10T16:00:00.000+00:00", score=88)

    # The teacher: assign a module; the status line, the grid's header and cells are Spanish.
    click(qtbot, window, "lang-es")
    staff_sign_in(qtbot, window, "squreshi")
    assert window.language == "es"
    page = window.stack.currentWidget()
    assert isinstance(page, TeacherPage)
    assert page.title.text().endswith(": mis clases")
    assert page.grid_model.headerData(0, Qt.Horizontal) == "Aún no hay módulos asignados"
    page.tabs.setCurrentIndex(1)
    click(qtbot, window, "assignModules")
    dialog = page.assign_dialog
    item = next(
        dialog.list.item(i)
        for i in range(dialog.list.count())
        if dialog.list.item(i).data(Qt.UserRole) == first.id
    )
    assert item.text() == f"{first.title} (unos {first.minutes} min)"
    dialog.check(first.id)
    click(qtbot, dialog, "assignOk")
    assert page.status.text() == "Se asignaron 1 módulo(s)."
    assert [page.assigned_model.headerData(c, Qt.Horizontal) for c in range(4)] == [
        "Orden",
        "Módulo",
        "Entrega",
        "Asignado",
    ]
    assert "entrega: " in page.grid_model.headerData(0, Qt.Horizontal)
    cells = {page.grid_model.data(page.grid_model.index(r, 0)) for r in range(page.grid_model.rowCount())}
    assert "Aprobado 88%" in cells
    assert cells & {"Sin empezar", "Sin empezar · atrasado"}

    # The counselor: the records table's column headers and status column, and the count.
    click(qtbot, window, "signOut")
    assert window.language == "en"
    click(qtbot, window, "lang-es")
    staff_sign_in(qtbot, window, "rtanaka")
    page = window.stack.currentWidget()
    assert isinstance(page, CounselorPage)
    panel = page.records
    qtbot.waitUntil(lambda: panel.model.total is not None and panel.model.rowCount() > 0, timeout=10000)
    headers = [panel.model.headerData(c, Qt.Horizontal) for c in range(panel.model.columnCount())]
    assert headers == [
        "Estudiante",
        "Grado",
        "Escuela",
        "Clase",
        "Módulo",
        "Estado",
        "Puntaje",
        "Intentos",
        "Completado",
        "Equipo",
        "Entrega",
    ]
    assert panel.count.text() == f"{panel.model.total} registros"
    assert panel.school.itemText(0) == "Todos" and panel.status.itemText(0) == "Cualquiera"
    assert panel.status.itemText(panel.status.findData(records.INCOMPLETE)) == "Aún no aprobado"
    shown = {panel.model.data(panel.model.index(r, 5)) for r in range(panel.model.rowCount())}
    assert "Aprobado" in shown and not shown & set(records.STATUS_LABELS.values())

    click(qtbot, window, "signOut")  # back to English for whoever signs in next
    assert window.language == "en"
    assert window.signin.findChild(QWidget, "pageTitle").text() == "Welcome! Pick your class."


def test_translated_staff_labels_are_the_core_labels_word_for_word_in_english(qapp):
    assert {s: status_label(s) for s in records.STATUSES} == records.STATUS_LABELS
    cells = [
        Cell(progress.PASSED, best_score=88, attempts=1),
        Cell(progress.FAILED, best_score=50, attempts=2),
        Cell(progress.IN_PROGRESS, page=1, pages=5),
        Cell(progress.IN_PROGRESS),
        Cell(progress.NOT_STARTED),
    ]
    for cell in cells + [
        Cell(c.state, c.page, c.pages, c.best_score, c.attempts, overdue=True) for c in cells
    ]:
        assert cell_label(cell) == cell.label()
    assert cell_label(Cell(progress.NOT_STARTED, overdue=True)) == "Not started · overdue"
    assert [record_header(i) for i in range(len(RECORD_COLUMNS))] == [name for name, _ in RECORD_COLUMNS]


def test_a_code_reset_acts_on_the_student_shown_and_asks_first(qtbot, window, monkeypatch):
    """Reported: Progress tab, click "Malik Washington" (opens his history), Close, "New code
    for the selected student": the new code went to Arjun Patel, the first row, unasked."""
    asked = []

    def confirm(parent, title, text):
        asked.append(text)
        return len(asked) > 1  # the first time the teacher says no, then yes

    monkeypatch.setattr(common, "confirm", confirm)
    db = window.kiosk.db
    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    model = page.grid_model
    names = [model.headerData(r, Qt.Vertical) for r in range(model.rowCount())]
    malik = names.index("Malik Washington")
    assert names.index("Arjun Patel") != malik
    header = page.grid_view.verticalHeader()
    spot = header.viewport().rect().center()
    spot.setY(header.sectionViewportPosition(malik) + header.sectionSize(malik) // 2)
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=spot)
    qtbot.waitUntil(
        lambda: getattr(page, "history_dialog", None) is not None and page.history_dialog.isVisible()
    )
    click(qtbot, page.history_dialog, "historyClose")
    qtbot.waitUntil(lambda: not page.history_dialog.isVisible())
    hashes = dict(db.execute("SELECT sourced_id, code_hash FROM people WHERE role = 'student'").fetchall())

    click(qtbot, window, "resetCode")
    assert "Malik Washington" in asked[0]
    assert (
        dict(db.execute("SELECT sourced_id, code_hash FROM people WHERE role = 'student'").fetchall())
        == hashes
    )

    click(qtbot, window, "resetCode")
    assert "Malik Washington" in asked[1] and "Malik Washington" in page.code_box.text()
    assert auth.sign_in_student(db, "s-260013", page.last_code).ok
    after = dict(db.execute("SELECT sourced_id, code_hash FROM people WHERE role = 'student'").fetchall())
    assert [sid for sid in hashes if hashes[sid] != after[sid]] == ["s-260013"]
    page.code_box.accept()


def test_grades_read_as_a_person_writes_them(qapp):
    from citizenship_app.ui.staff.models import grade_label

    assert [grade_label(g) for g in ("KG", "PK", "04", "10", None, "Other")] == [
        "Kindergarten",
        "Pre-kindergarten",
        "Grade 4",
        "Grade 10",
        "-",
        "Other",
    ]
    assert [grade_label(g, short=True) for g in ("KG", "04")] == ["K", "4"]


def test_the_next_staff_member_sees_none_of_the_last_ones_messages(qtbot, window, catalog, saves):
    """Reported: the previous staff member's "Saved /tmp/...pdf" greeted the next one."""
    staff_sign_in(qtbot, window, "squreshi")
    teacher = window.stack.currentWidget()
    teacher.unassign_selected()  # nothing picked: the screen says so
    assert teacher.status.text()
    click(qtbot, window, "signOut")
    staff_sign_in(qtbot, window, "rtanaka")
    counselor = window.stack.currentWidget()
    assert isinstance(counselor, CounselorPage)
    counselor.compliance_status.setText("Saved /tmp/cipa-2026-2027.pdf")  # as an export leaves it
    counselor.records.count.setText("Saved 195 records to /tmp/records.csv")
    click(qtbot, window, "signOut")
    assert counselor.compliance_status.text() == "" and teacher.status.text() == ""
    assert counselor.records.count.text() == ""


def test_a_new_code_left_on_screen_goes_at_sign_out(qtbot, window, saves):
    """A code shown once must not greet the next person at the kiosk."""
    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    model = page.grid_model
    page.grid_view.setCurrentIndex(model.index(0, 0))
    click(qtbot, window, "resetCode")
    box = page.code_box
    qtbot.waitUntil(box.isVisible)
    assert page.last_code in box.text() and box.windowFlags() & Qt.FramelessWindowHint
    window.sign_out()  # as the idle timer does
    assert not box.isVisible()


def test_no_platform_message_boxes_in_the_screens():
    """Reported: bare title-bar dialogs inside the locked kiosk; the app's own are used."""
    import re

    from citizenship_app.core.paths import ROOT

    used = [
        f"{path.name}:{n}"
        for path in (ROOT / "citizenship_app" / "ui").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bQMessageBox\b", line)
    ]
    assert not used, used


def test_the_assign_dialog_is_touch_sized_and_refuses_a_past_due_date(qtbot, window):
    """Reported: a cramped default dialog, 12 px check boxes, an "In this order" box with no
    visible box, and a past due date accepted without a word."""
    from datetime import date, timedelta

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    page.tabs.setCurrentIndex(1)
    click(qtbot, window, "assignModules")
    dialog = page.assign_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowFlags() & Qt.FramelessWindowHint and dialog.property("kioskDialog")
    option = QStyleOptionButton()
    option.initFrom(dialog.in_order)
    box = dialog.in_order.style().subElementRect(QStyle.SE_CheckBoxIndicator, option, dialog.in_order)
    assert box.width() >= 32 and box.height() >= 32, box
    assert dialog.in_order.height() >= 32 and dialog.has_due.height() >= 32
    row = dialog.list.visualItemRect(dialog.list.item(0))
    assert row.height() >= 32, row

    past = date.today() - timedelta(days=3)
    dialog.due_edit.setDate(QDate(past.year, past.month, past.day))
    assert dialog.due_warning.isVisible() and past.isoformat() in dialog.due_warning.text()
    assert not dialog.ok.isEnabled()
    dialog.has_due.setChecked(False)  # no due date at all is fine
    assert dialog.ok.isEnabled() and not dialog.due_warning.isVisible()
    dialog.has_due.setChecked(True)
    later = date.today() + timedelta(days=7)
    dialog.due_edit.setDate(QDate(later.year, later.month, later.day))
    assert dialog.ok.isEnabled() and not dialog.due_warning.isVisible()
    dialog.reject()


def test_sign_in_cards_warn_that_they_hold_codes_and_say_where_they_go(qtbot, window, saves, monkeypatch):
    asked = []
    monkeypatch.setattr(common, "confirm", lambda parent, title, text, ok="": asked.append(text) or False)
    staff_sign_in(qtbot, window, "squreshi")
    page = window.stack.currentWidget()
    hashes = window.kiosk.db.execute("SELECT code_hash FROM people WHERE role = 'student'").fetchall()
    click(qtbot, window, "printCards")
    [text] = asked
    assert "sign-in code" in text and str(saves) in text  # no printer here: a PDF in the folder
    assert list(saves.iterdir()) == []  # said no: nothing written, no code changed
    assert window.kiosk.db.execute("SELECT code_hash FROM people WHERE role = 'student'").fetchall() == hashes
    assert getattr(page, "cards_saved", None) is None


def test_an_export_that_cannot_be_written_says_why(qtbot, window, tmp_path):
    """Background work that fails comes back as a code (ui.ops) the screen words: here IT's
    export folder is gone (an unmounted share)."""
    from citizenship_app.core import exports as folders

    target = tmp_path / "exports"
    target.mkdir()
    folders.set_export_dir(window.kiosk.db, target)
    target.rmdir()
    staff_sign_in(qtbot, window, "rtanaka")
    panel = window.stack.currentWidget().records
    qtbot.waitUntil(lambda: panel.model.total is not None, timeout=10000)
    click(qtbot, panel, "recordsExportCsv")
    qtbot.waitUntil(lambda: panel.count.text().startswith("Export failed"), timeout=10000)
    assert panel.count.text() == (
        f"Export failed: The export folder {target} is missing. Ask IT to set one up, then try again."
    )
    assert not target.exists() and getattr(panel, "exported", None) is None
