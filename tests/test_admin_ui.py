"""Staff sign-in and the administrator's screen, through the real window."""

from __future__ import annotations

import shutil

from kiosk_driver import click, find
from PySide6.QtWidgets import QLineEdit

from citizenship_app.core import auth
from citizenship_app.core.demo import DEMO_STAFF_PASSWORD
from citizenship_app.core.kiosk import check_exit_code, idle_settings
from citizenship_app.core.paths import DEMO_ROSTER


def staff_sign_in(qtbot, window, username: str, password: str) -> None:
    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), username)
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), password)
    click(qtbot, window, "staffGo")


def test_wrong_password_then_right_one(qtbot, window):
    staff_sign_in(qtbot, window, "squreshi", "not the password")
    assert window.signin.staff_error.text() == "That username and password do not match."
    assert find(window, QLineEdit, "staffPassword").text() == ""
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")
    assert window.person.id == "t-qureshi"
    assert not window.admin_button.isVisible()  # a teacher is no administrator
    window.show_admin()
    assert window._admin is None


def test_first_password_with_one_time_code(qtbot, window):
    code = auth.issue_one_time_code(window.kiosk.db, "lnguyen")
    click(qtbot, window, "staffSignIn")
    click(qtbot, window, "staffFirstTime")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), "lnguyen")
    qtbot.keyClicks(find(window, QLineEdit, "staffCode"), code)
    qtbot.keyClicks(find(window, QLineEdit, "staffNew"), "a brand new password")
    qtbot.keyClicks(find(window, QLineEdit, "staffRepeat"), "a brand new password")
    click(qtbot, window, "staffGo")
    assert window.person is not None and window.person.id == "t-nguyen"
    assert auth.sign_in_staff(window.kiosk.db, "lnguyen", "a brand new password").ok


def test_locked_staff_account_says_so(qtbot, window):
    staff_sign_in(qtbot, window, "squreshi", "wrong wrong wrong")
    for _ in range(auth.MAX_FAILURES - 1):
        qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), "wrong wrong wrong")
        click(qtbot, window, "staffGo")
    assert "locked" in window.signin.staff_error.text() and "5 minute" in window.signin.staff_error.text()


def test_administrator_checks_and_imports_a_roster(qtbot, window, tmp_path):
    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    assert window.admin_button.isVisible()
    click(qtbot, window, "adminButton")
    admin = window.admin
    assert window.stack.currentWidget() is admin

    broken = tmp_path / "broken"
    shutil.copytree(DEMO_ROSTER, broken)
    users = (broken / "users.csv").read_text(encoding="utf-8").replace(",student,", ",pupil,", 1)
    (broken / "users.csv").write_text(users, encoding="utf-8")
    admin.roster_path.setText(str(broken))
    click(qtbot, window, "rosterCheck")
    qtbot.waitUntil(lambda: admin.roster_errors.count() > 0, timeout=10000)
    assert "users.csv:" in admin.roster_errors.item(0).text() and "role" in admin.roster_errors.item(0).text()
    assert not admin.roster_import.isEnabled()

    extra = tmp_path / "extra"
    shutil.copytree(DEMO_ROSTER, extra)
    with open(extra / "users.csv", "a", encoding="utf-8") as f:
        f.write("s-999999,,,true,org-hv,student,newkid,,Nia,Okoro,,999999,,,,,04,\n")
    admin.roster_path.setText(str(extra))
    click(qtbot, window, "rosterCheck")
    qtbot.waitUntil(lambda: admin.roster_import.isEnabled(), timeout=10000)
    assert "33 users" in admin.roster_status.text()
    assert (
        window.kiosk.db.execute("SELECT COUNT(*) FROM people WHERE sourced_id = 's-999999'").fetchone()[0]
        == 0
    )
    click(qtbot, window, "rosterImport")
    qtbot.waitUntil(lambda: admin.roster_status.text().startswith("Imported"), timeout=10000)
    assert window.kiosk.db.execute(
        "SELECT given_name FROM people WHERE sourced_id = 's-999999'"
    ).fetchone() == ("Nia",)


def test_administrator_sets_kiosk_settings_and_issues_a_code(qtbot, window):
    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    admin = window.admin
    admin.tabs.setCurrentIndex(2)
    admin.idle_minutes.setValue(7)
    admin.countdown.setValue(45)
    qtbot.keyClicks(admin.exit_code, "new-exit-9")
    click(qtbot, window, "kioskSave")
    assert idle_settings(window.kiosk.db) == (7.0, 45)
    assert check_exit_code(window.kiosk.db, "new-exit-9")
    admin.tabs.setCurrentIndex(3)
    qtbot.keyClicks(admin.staff_username, "gokafor")
    click(qtbot, window, "issueCode")
    code = admin.staff_state.text().removeprefix("One-time code: ")
    auth.set_staff_password(window.kiosk.db, "gokafor", "okafor's new password", code)
    click(qtbot, window, "markCounselor")
    assert auth.staff_role(window.kiosk.db, "t-okafor") == "counselor"


def test_sync_tab_shows_waiting_records_and_refuses_a_bad_url(qtbot, window):
    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    admin = window.admin
    admin.tabs.setCurrentIndex(1)
    # No records yet; the audit rows (the demo school's import, ...) wait to go to the district.
    kinds = window.kiosk.db.execute("SELECT DISTINCT kind FROM outbox WHERE state = 'pending'").fetchall()
    waiting = window.kiosk.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    assert kinds == [("audit",)] and admin.sync_state.text().startswith(f"{waiting} waiting")
    admin.hub_url.setText("ftp://nowhere")
    admin.hub_user.setText("kiosk-1")
    click(qtbot, window, "hubSave")
    assert "starts with https://" in admin.sync_state.text()


def test_an_import_that_removes_people_asks_first_with_the_numbers(qtbot, window, tmp_path):
    """Issue 12: the admin screen's dry run counts the removals; the import asks, naming them."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from citizenship_app.core.store import set_setting

    db = window.kiosk.db
    set_setting(db, "demo", "0")  # the demo's rows stand for a district's own people here
    cut = tmp_path / "cut"
    shutil.copytree(DEMO_ROSTER, cut)
    users = (cut / "users.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (cut / "users.csv").write_text("".join(users[:6]), encoding="utf-8")  # header + 5 rows
    header = (cut / "enrollments.csv").read_text(encoding="utf-8").splitlines(keepends=True)[0]
    (cut / "enrollments.csv").write_text(header, encoding="utf-8")
    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    admin = window.admin
    admin.roster_path.setText(str(cut))
    click(qtbot, window, "rosterCheck")
    qtbot.waitUntil(lambda: admin.roster_import.isEnabled(), timeout=10000)
    numbers = "remove 27 of the 32 people, 0 of the 5 classes and 31 of the 31 enrollments"
    assert numbers in admin.roster_status.text()

    before = db.execute("SELECT sourced_id, status FROM people ORDER BY 1").fetchall()
    click(qtbot, window, "rosterImport")
    box = admin.removals_box
    qtbot.waitUntil(box.isVisible, timeout=5000)
    assert box.windowFlags() & Qt.FramelessWindowHint and numbers in box.text()  # the app's own dialog
    qtbot.mouseClick(find(box, QPushButton, "rosterRemovalsCancel"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    assert admin.roster_status.text() == "Nothing was imported."
    assert db.execute("SELECT sourced_id, status FROM people ORDER BY 1").fetchall() == before

    click(qtbot, window, "rosterImport")
    box = admin.removals_box
    qtbot.waitUntil(box.isVisible, timeout=5000)
    qtbot.mouseClick(find(box, QPushButton, "rosterRemovalsConfirm"), Qt.LeftButton)
    qtbot.waitUntil(lambda: admin.roster_status.text().startswith("Imported"), timeout=10000)
    assert "Marked inactive: 27 users, 31 enrollments" in admin.roster_status.text()
    assert db.execute("SELECT COUNT(*) FROM people WHERE status = 'tobedeleted'").fetchone() == (27,)
    assert list((window.kiosk.data_dir / "backups").glob("*before-roster-removals.sqlite3"))


def test_a_roster_problem_is_shown_in_spanish_where_it_is(qtbot, window, tmp_path):
    """The importer reports codes; the admin screen words them in the reader's language,
    keeping `file:line: column:` first (the CLI keeps the English line)."""
    from citizenship_app.core.roster import import_roster
    from citizenship_app.ui import i18n

    broken = tmp_path / "broken"
    shutil.copytree(DEMO_ROSTER, broken)
    users = (broken / "users.csv").read_text(encoding="utf-8").replace(",student,", ",pupil,", 1)
    (broken / "users.csv").write_text(users, encoding="utf-8")
    english = import_roster(window.kiosk.db, broken, dry_run=True).errors
    assert [(e.code, e.file, e.column) for e in english] == [("not-a-choice", "users.csv", "role")]
    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    admin = window.admin
    admin.roster_path.setText(str(broken))
    try:
        i18n.set_language("es")
        click(qtbot, window, "rosterCheck")
        qtbot.waitUntil(lambda: admin.roster_errors.count() > 0, timeout=10000)
        shown = admin.roster_errors.item(0).text()
    finally:
        i18n.set_language("en")
    assert shown == (
        f"users.csv:{english[0].line}: role: 'pupil' no es un valor válido de role: use uno de "
        "administrator, aide, guardian, parent, proctor, relative, student, teacher."
    )
    assert "is not a" in english[0].message  # the CLI's and the log's line stays English


def test_the_removals_confirmation_is_worded_in_spanish_with_the_same_numbers(qtbot, window):
    from citizenship_app.ui import admin, i18n

    removals = {"users": 27, "classes": 0, "enrollments": 31}
    held = {"users": 32, "classes": 5, "enrollments": 31}
    try:
        i18n.set_language("es")
        text = admin._removals_text(removals, held)
    finally:
        i18n.set_language("en")
    assert text == (
        "Esta importación quitaría 27 de las 32 personas, 0 de las 5 clases y 31 de las 31 "
        "inscripciones que tiene este quiosco."
    )


def test_done_on_administration_returns_to_the_administrators_records(qtbot, window):
    """Reported: "Done" on Administration landed on the administrator's own training page."""
    from citizenship_app.ui.staff.counselor import CounselorPage

    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    assert window.stack.currentWidget() is window.admin
    click(qtbot, window, "adminBack")
    assert isinstance(window.stack.currentWidget(), CounselorPage)


def test_the_last_sync_problem_is_worded_in_the_screens_language(qtbot, window, monkeypatch):
    """The sync round keeps its error as a code too: the admin screen words it (the CLI and
    the log keep the English line)."""
    from citizenship_app.core import outbox, sync
    from citizenship_app.ui import i18n

    db = window.kiosk.db
    monkeypatch.setenv("CITIZENSHIP_HUB_PASSWORD", "secret")
    sync.save_config(db, "http://127.0.0.1:9/xapi/", "kiosk-1", None)  # nothing listens there
    result = sync.sync_once(db)
    assert result.error.startswith("cannot reach the hub (")
    code, params = outbox.status(db)["last_error_code"]
    assert code == "hub-unreachable" and params["kind"]
    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    admin = window.admin
    try:
        i18n.set_language("es")
        admin.refresh_sync()
        spanish = admin.sync_state.text()
    finally:
        i18n.set_language("en")
    assert "No se puede conectar con el servidor central" in spanish and "cannot reach" not in spanish


def test_settings_the_district_manages_are_greyed_out_and_the_rest_still_saves(qtbot, window):
    from citizenship_app.core import managed_settings
    from citizenship_app.core.secret_hash import hash_secret

    # As a sync round applies them (core.managed_settings): idle time and exit code managed.
    managed_settings.apply(window.kiosk.db, {"idle-minutes": "9", "exit-code": hash_secret("district-code")})
    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    admin = window.admin
    admin.tabs.setCurrentIndex(admin.kiosk_index)
    assert not admin.idle_minutes.isEnabled() and not admin.exit_code.isEnabled()
    assert admin.idle_minutes.value() == 9 and admin.idle_minutes.toolTip() == "Set by the district"
    assert admin.countdown.isEnabled()
    note = find(window, type(admin.managed_note), "managedNote")
    assert note.isVisible() and "set by the district" in note.text()

    admin.countdown.setValue(50)
    click(qtbot, window, "kioskSave")
    assert idle_settings(window.kiosk.db) == (9.0, 50)  # the managed minutes stay the district's
    assert check_exit_code(window.kiosk.db, "district-code").ok
    assert admin.kiosk_state.text().startswith("Saved.")

    # The district stops managing them: the controls are the administrator's again.
    managed_settings.apply(window.kiosk.db, {})
    admin.tabs.setCurrentIndex(0)
    admin.tabs.setCurrentIndex(admin.kiosk_index)
    assert admin.idle_minutes.isEnabled() and admin.exit_code.isEnabled() and not note.isVisible()
