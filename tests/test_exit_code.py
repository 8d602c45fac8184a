"""The staff exit code resists guessing: a lock after repeated wrong codes (kept across
restarts), no blank or short codes, and the demo school's public code retired once a real
roster is imported. Every attempt and every exit is logged, never the code."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from kiosk_driver import click, find
from PySide6.QtWidgets import QLineEdit

from citizenship_app.core import auth, people
from citizenship_app.core.demo import DEMO_STAFF_PASSWORD
from citizenship_app.core.kiosk import (
    DEMO_EXIT_CODE,
    ExitCodeRefused,
    Kiosk,
    check_exit_code,
    exit_code_status,
    set_exit_code,
)
from citizenship_app.core.paths import DEMO_ROSTER
from citizenship_app.core.roster import import_roster
from citizenship_app.core.store import open_store
from citizenship_app.ui.app import build_window, create_app

CODE = "lab-exit-7731"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def kiosk(demo_dir):
    kiosk = Kiosk(demo_dir)
    set_exit_code(kiosk.db, CODE)
    yield kiosk
    kiosk.close()


def test_thirty_quick_wrong_codes_lock_the_prompt_after_five(kiosk):
    answers = [
        check_exit_code(kiosk.db, f"guess-{n:04d}", at=T0 + timedelta(seconds=n / 3)) for n in range(30)
    ]
    assert [a.reason for a in answers[:4]] == ["wrong"] * 4
    assert all(a.reason == "locked" for a in answers[4:])
    assert answers[4].locked_until == T0 + timedelta(seconds=4 / 3, minutes=auth.LOCK_MINUTES)
    # The right code is refused too while the lock lasts.
    assert check_exit_code(kiosk.db, CODE, at=T0 + timedelta(seconds=11)).reason == "locked"


def test_the_lock_survives_a_restart_and_ends_after_five_minutes(kiosk, demo_dir):
    for _ in range(auth.MAX_FAILURES):
        check_exit_code(kiosk.db, "not the code", at=T0)
    kiosk.close()
    again = Kiosk(demo_dir)  # the kiosk restarted (or was killed and started again)
    try:
        assert check_exit_code(again.db, CODE, at=T0 + timedelta(minutes=4, seconds=59)).reason == "locked"
        assert check_exit_code(again.db, CODE, at=T0 + timedelta(minutes=5, seconds=1)).ok
        # A right code starts the count again: four wrong ones do not lock.
        for _ in range(auth.MAX_FAILURES - 1):
            assert check_exit_code(again.db, "still not it", at=T0 + timedelta(minutes=6)).reason == "wrong"
    finally:
        again.close()


def test_kiosk_settings_shows_the_lock(demo_dir):
    db = open_store(demo_dir)
    for _ in range(auth.MAX_FAILURES):
        check_exit_code(db, "nope-nope")
    db.conn.close()
    shown = cli(demo_dir, "kiosk", "settings")
    assert shown.returncode == 0 and "exit prompt: locked for 5 more minute(s)" in shown.stdout


def test_setting_a_new_code_ends_the_lock(kiosk):
    for _ in range(auth.MAX_FAILURES):
        check_exit_code(kiosk.db, "nope-nope", at=T0)
    set_exit_code(kiosk.db, "another-code-1")
    assert check_exit_code(kiosk.db, "another-code-1", at=T0 + timedelta(seconds=1)).ok


@pytest.mark.parametrize(
    "code, reason",
    [("", "blank"), ("    ", "blank"), ("\t \t", "blank"), ("abcde", "too-short"), ("  2314  ", "too-short")],
)
def test_blank_or_short_codes_are_refused(demo_db, code, reason):
    with pytest.raises(ExitCodeRefused) as refused:
        set_exit_code(demo_db, code)
    assert refused.value.reason == reason
    assert check_exit_code(demo_db, DEMO_EXIT_CODE).ok  # the old code is still the one


def cli(data_dir, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "citizenship_app.cli", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("code", ["", "    ", "abcde"])
def test_the_cli_refuses_blank_or_short_codes_with_exit_status_1(demo_dir, code):
    run = cli(demo_dir, "kiosk", "set-exit-code", stdin=code + "\n")
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "at least 6 characters" in run.stderr
    assert run.stdout == ""


def test_the_cli_sets_a_good_code(demo_dir):
    run = cli(demo_dir, "kiosk", "set-exit-code", stdin=CODE + "\n")
    assert run.returncode == 0, run.stderr
    db = open_store(demo_dir)
    assert check_exit_code(db, CODE).ok and not check_exit_code(db, DEMO_EXIT_CODE).ok
    db.conn.close()


# -- the demo school's public code, once a real roster is imported ---------------------------


@pytest.fixture
def real_roster(tmp_path):
    """A district's own roster: the demo's people in the district's own orgs."""
    folder = tmp_path / "lakeside"
    shutil.copytree(DEMO_ROSTER, folder)
    for path in folder.glob("*.csv"):
        text = (
            path.read_text(encoding="utf-8")
            .replace("org-hv", "org-lakeside")
            .replace("Harbor View", "Lakeside")
        )
        path.write_text(text, encoding="utf-8")
    return folder


def test_a_real_roster_over_the_demo_retires_the_public_code(demo_db, real_roster):
    assert exit_code_status(demo_db) == "demo"
    result = import_roster(demo_db, real_roster)
    assert not result.errors
    assert exit_code_status(demo_db) == "demo-code-with-real-roster"
    answer = check_exit_code(demo_db, DEMO_EXIT_CODE)
    assert not answer.ok and answer.reason == "demo-code-retired"
    set_exit_code(demo_db, CODE)
    assert exit_code_status(demo_db) == "ok"
    assert check_exit_code(demo_db, CODE).ok


def test_the_cli_says_a_new_code_is_needed(demo_dir, real_roster):
    assert cli(demo_dir, "roster", "import", str(real_roster)).returncode == 0
    shown = cli(demo_dir, "kiosk", "settings")
    assert shown.returncode == 0 and "public code 2314 is still in force over a real roster" in shown.stdout
    refused = cli(demo_dir, "kiosk", "set-exit-code", stdin="1234\n")
    assert (
        refused.returncode == 1
        and "will not run locked for students until a new one is set" in refused.stderr
    )
    assert cli(demo_dir, "kiosk", "set-exit-code", stdin=CODE + "\n").returncode == 0
    assert "exit code: set" in cli(demo_dir, "kiosk", "settings").stdout


def test_a_kiosk_with_no_code_reports_it_unset(tmp_path, real_roster):
    db = open_store(tmp_path / "data")
    import_roster(db, real_roster)
    assert exit_code_status(db) == "unset"
    assert not check_exit_code(db, "anything-at-all").ok
    db.conn.close()


def test_the_locked_kiosk_wont_open_to_students_until_it_has_a_new_code(
    qtbot, demo_dir, catalog, real_roster
):
    db = open_store(demo_dir)
    assert not import_roster(db, real_roster).errors
    db.conn.close()
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.engage_lockdown()
    qtbot.waitExposed(window)
    try:
        # Locked and full screen, but the screen says what IT must do, not student sign-in.
        assert window.isFullScreen() and window.lockdown.active
        page = window.stack.currentWidget()
        assert page is window._exit_code_page
        assert "demo school's public code" in page.why.text()
        log = demo_dir / "logs" / "kiosk.log"  # opened when this screen is first painted
        qtbot.waitUntil(lambda: log.exists() and "exit code demo-code-with-real-roster" in log.read_text())
        # A student who gets past it (Staff sign-in, Back) is not let in.
        click(qtbot, window, "exitCodeStaff")
        info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "9-12")
        student = people.class_students(window.kiosk.db, info.id)[0]
        window.on_signed_in(student.id, info.id)
        assert window.person is None and window.stack.currentWidget() is window._exit_code_page
        # The administrator signs in there and lands on the kiosk settings.
        click(qtbot, window, "exitCodeStaff")
        qtbot.keyClicks(find(window, QLineEdit, "staffUser"), "dwhitfield")
        qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
        click(qtbot, window, "staffGo")
        admin = window.admin
        assert window.stack.currentWidget() is admin and admin.tabs.currentIndex() == admin.kiosk_index
        assert admin.exit_code_state.isVisible() and "2314" in admin.exit_code_state.text()
        for refused, words in (("", "cannot be blank"), ("    ", "cannot be blank"), ("abcde", "at least 6")):
            qtbot.keyClicks(admin.exit_code, refused)
            click(qtbot, window, "kioskSave")
            assert words in admin.kiosk_state.text()
            assert exit_code_status(window.kiosk.db) == "demo-code-with-real-roster"
        qtbot.keyClicks(admin.exit_code, CODE)
        click(qtbot, window, "kioskSave")
        assert exit_code_status(window.kiosk.db) == "ok" and not admin.exit_code_state.isVisible()
        window.sign_out()
        assert window.stack.currentWidget() is window.signin  # students may sign in now
        window.on_signed_in(student.id, info.id)
        assert window.person is not None and window.stack.currentWidget() is window.home
    finally:
        window.idle.stop()
        window._may_close = True
        window.close()


def test_the_exit_prompt_says_why_it_refused(qtbot, demo_dir, catalog):
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.engage_lockdown()
    qtbot.waitExposed(window)
    try:
        assert window.try_exit("wrong-one") is False
        assert (
            window.exit_dialog.isVisible()
            and window.exit_dialog.message.text() == "That exit code is not right."
        )
        for _ in range(auth.MAX_FAILURES - 1):
            window.try_exit("wrong-one")
        assert "Too many wrong exit codes. Try again in 5 minute(s)." == window.exit_dialog.message.text()
        assert window.try_exit(DEMO_EXIT_CODE) is False and window.isVisible()
    finally:
        window._may_close = True
        window.close()


def test_attempts_locks_and_exits_are_logged_without_the_code(kiosk, caplog):
    caplog.set_level(logging.INFO, logger="citizenship_app")
    check_exit_code(kiosk.db, "wrong-guess-1", at=T0)
    for _ in range(auth.MAX_FAILURES - 1):
        check_exit_code(kiosk.db, "wrong-guess-1", at=T0)
    check_exit_code(kiosk.db, CODE, at=T0 + timedelta(minutes=1))
    check_exit_code(kiosk.db, CODE, at=T0 + timedelta(minutes=6))
    messages = [r.getMessage() for r in caplog.records if r.name == "citizenship_app.core.kiosk"]
    assert messages[0] == "exit code attempt refused: wrong code; failures=1 locked=False"
    assert messages[4] == "exit code attempt refused: wrong code; failures=5 locked=True"
    assert messages[5].startswith("exit code attempt refused: locked for 240 more second")
    assert messages[6] == "exit code accepted"
    assert not any("wrong-guess" in m or CODE in m for m in caplog.text.splitlines())


def test_the_exit_itself_is_logged(qtbot, demo_dir, catalog, caplog):
    caplog.set_level(logging.INFO, logger="citizenship_app")
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.engage_lockdown()
    assert window.try_exit(DEMO_EXIT_CODE) is True
    assert "kiosk exit: the staff exit code was given" in caplog.text
    assert DEMO_EXIT_CODE not in caplog.text


def test_the_administrators_roster_import_says_the_exit_code_must_change(qtbot, window, real_roster):
    from test_admin_ui import staff_sign_in

    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    admin = window.admin
    # The demo code over the demo roster: a hint only.
    assert admin.exit_code_state.text().endswith("Set your own before real students use this kiosk.")
    admin.roster_path.setText(str(real_roster))
    click(qtbot, window, "rosterCheck")
    qtbot.waitUntil(lambda: admin.roster_import.isEnabled(), timeout=10000)
    click(qtbot, window, "rosterImport")
    qtbot.waitUntil(lambda: admin.roster_status.text().startswith("Imported"), timeout=10000)
    assert (
        "Students cannot use this kiosk until an administrator sets a new exit code"
        in admin.roster_status.text()
    )
    assert admin.exit_code_state.text() in admin.roster_status.text()


@pytest.mark.parametrize("stored, status", [(DEMO_EXIT_CODE, "demo-code-with-real-roster"), (CODE, "ok")])
def test_a_store_from_before_the_demo_mark_is_judged_by_its_code(demo_db, real_roster, stored, status):
    from citizenship_app.core.auth import hash_secret
    from citizenship_app.core.store import set_setting

    set_setting(demo_db, "exit_code_hash", hash_secret(stored))
    demo_db.execute("DELETE FROM settings WHERE key = 'exit_code_demo'")
    import_roster(demo_db, real_roster)
    assert exit_code_status(demo_db) == status
    assert exit_code_status(demo_db) == status  # now from the mark it wrote


def test_check_again_after_it_set_the_code_from_the_cli(qtbot, demo_dir, catalog, real_roster):
    db = open_store(demo_dir)
    import_roster(db, real_roster)
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.engage_lockdown()
    try:
        assert window.stack.currentWidget() is window._exit_code_page
        click(qtbot, window, "exitCodeCheck")
        assert window.stack.currentWidget() is window._exit_code_page  # nothing changed yet
        assert cli(demo_dir, "kiosk", "set-exit-code", stdin=CODE + "\n").returncode == 0
        click(qtbot, window, "exitCodeCheck")
        assert window.stack.currentWidget() is window.signin
    finally:
        db.conn.close()
        window._may_close = True
        window.close()
