"""Bad environments give clear answers, not tracebacks: a read-only data directory, a database
locked by another process, a full disk, a folder that is not ours passed as --data-dir.

The disks are real: a small tmpfs mounted for the test (remounted read-only where needed),
since root ignores file permissions. Mounting needs root, which CI has (.ci/run runs as root
on the same kind of machine); elsewhere these tests skip and say why.
"""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from citizenship_app.core import backup
from citizenship_app.core.storage_errors import StorageError
from citizenship_app.core.store import db_path, open_store


def cli(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "citizenship_app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line_error(run, *words):
    """Exit 1, one line on stderr naming the problem, no traceback."""
    assert run.returncode == 1, (run.returncode, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _mount(target: Path, *options: str) -> None:
    run = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
    if run.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {run.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB disk (tmpfs), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    _mount(mount, "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def make_read_only(mount: Path) -> None:
    _mount(mount, "-o", "remount,ro")


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte; returns the filler file (delete it to free space)."""
    filler = disk / "filler"
    with open(filler, "ab", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                continue
    return filler


def seeded(data_dir, n=20):
    from citizenship_app.core.kiosk import set_exit_code

    db = open_store(data_dir)
    set_exit_code(db, "harbor-2468")  # a set-up kiosk: locked mode opens on sign-in
    db.conn.executemany(
        "INSERT INTO people (sourced_id, given_name, family_name, role) VALUES (?, ?, 'R', 'student')",
        [(f"s{i}", f"Student {i}") for i in range(n)],
    )
    db.conn.commit()
    db.conn.close()


# -- read-only data directory ------------------------------------------------------------------


def test_read_only_data_dir_every_command_answers_in_one_line(small_disk):
    data = small_disk / "data"
    seeded(data)
    make_read_only(small_disk)
    # Reading still works: the check needs no write.
    check = cli("--data-dir", str(data), "db", "check")
    assert check.returncode == 0 and "ok" in check.stdout, check.stderr
    for args in (["db", "backup"], ["kiosk", "settings", "--idle-minutes", "5"], ["sync", "status"]):
        one_line_error(cli("--data-dir", str(data), *args), "read-only", str(data))
    # A data directory that would have to be created on the read-only disk.
    one_line_error(cli("--data-dir", str(small_disk / "new"), "sync", "status"), "read-only")


def test_read_only_data_dir_gui_shows_out_of_order_and_stays_locked(qtbot, small_disk):
    from citizenship_app.ui.app import create_app, open_window

    data = small_disk / "data"
    seeded(data)
    make_read_only(small_disk)
    create_app()
    window = open_window(str(data), lockdown=True)
    qtbot.addWidget(window)
    page = window.page
    assert page.objectName() == "outOfOrder" and page.isVisible()
    assert "Out of order" in page.heading.text() and "tell a teacher" in page.message.text()
    assert "read-only" in page.detail.text() and str(data) in page.detail.text()
    assert window.lockdown.active
    assert not window.close()  # a student cannot close it
    assert window.isVisible()
    assert not page.try_again() and "read-only" in page.detail.text()  # still read-only
    _mount(small_disk, "-o", "remount,rw")  # IT fixed the disk: the kiosk carries on by itself
    assert page.try_again()
    kiosk = window.replacement
    qtbot.addWidget(kiosk)
    assert kiosk.lockdown.active and kiosk.stack.currentWidget() is kiosk.signin
    assert not window.isVisible()
    kiosk.lockdown.release()


def test_staff_exit_code_still_quits_the_out_of_order_screen(qtbot, small_disk):
    from citizenship_app.core.kiosk import set_exit_code
    from citizenship_app.ui.app import create_app, open_window

    data = small_disk / "data"
    db = open_store(data)
    set_exit_code(db, "246813")
    db.conn.close()
    make_read_only(small_disk)
    create_app()
    window = open_window(str(data), lockdown=True)
    qtbot.addWidget(window)
    assert window.page.isVisible() and window.lockdown.active
    assert not window.try_exit("1111") and window.isVisible()
    assert window.try_exit("246813")  # read from the read-only disk as it is
    assert not window.lockdown.active and not window.isVisible()
    # ...and tries no more: once the disk came back it started a kiosk (and its sync) nobody saw.
    assert not window.page.timer.isActive()


def test_a_closed_out_of_order_screen_tries_no_more(qtbot, tmp_path):
    from citizenship_app.ui.app import create_app
    from citizenship_app.ui.out_of_order import OutOfOrderWindow

    create_app()
    tries = []
    error = StorageError("read-only", str(tmp_path), "Read-only file system")
    window = OutOfOrderWindow(error, tmp_path, retry=lambda: tries.append(1))
    qtbot.addWidget(window)
    window.show()
    assert window.page.timer.isActive()  # every 30 s while it is on screen
    assert window.close()
    assert not window.page.timer.isActive() and tries == []


def test_out_of_order_screen_in_spanish(qtbot):
    from citizenship_app.ui.app import create_app
    from citizenship_app.ui.i18n import set_language
    from citizenship_app.ui.out_of_order import OutOfOrderPage

    create_app()
    set_language("es")
    try:
        page = OutOfOrderPage(
            StorageError("disk-full", "/var/lib/citizenship-kiosk", "No space left on device")
        )
        qtbot.addWidget(page)
        assert page.heading.text() == "Fuera de servicio"
        assert "maestro" in page.message.text()
        assert "disk-full" in page.detail.text()
    finally:
        set_language("en")


# -- locked by another process -----------------------------------------------------------------

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
for statement in sys.argv[2].split(";"):
    conn.execute(statement)
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def locker(tmp_path):
    """Another process holding the database's lock until the test ends."""
    procs = []

    def hold(data_dir, statement="BEGIN IMMEDIATE"):
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(db_path(data_dir)), statement],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        assert proc.stdout.readline().strip() == "locked"
        return proc

    yield hold
    for proc in procs:
        proc.stdin.close()
        proc.wait(timeout=10)


def test_locked_database_cli_says_who_holds_it(tmp_path, locker):
    seeded(tmp_path)
    holder = locker(tmp_path)
    run = cli("--data-dir", str(tmp_path), "kiosk", "settings", "--idle-minutes", "5")
    one_line_error(run, "in use by another program", f"pid {holder.pid}", "try again")


def test_restore_refuses_while_a_kiosk_has_the_database_open(tmp_path, locker):
    """Moving the file from under a running kiosk would send its next answers to replaced/."""
    seeded(tmp_path)
    backup.make_backup(tmp_path, "manual")
    kiosk = locker(tmp_path, "SELECT COUNT(*) FROM people")  # open, idle, no transaction
    one_line_error(
        cli("--data-dir", str(tmp_path), "db", "restore"), "in use by another program", f"pid {kiosk.pid}"
    )
    assert not (tmp_path / "replaced").exists()
    kiosk.stdin.close()
    kiosk.wait(timeout=10)
    assert cli("--data-dir", str(tmp_path), "db", "restore").returncode == 0


def test_locked_database_is_not_mistaken_for_damage_at_start(tmp_path, locker):
    """An exclusive lock at start: the kiosk must not move a sound database aside."""
    from citizenship_app.core.kiosk import Kiosk

    seeded(tmp_path)
    locker(tmp_path, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE")
    with pytest.raises(StorageError) as caught:
        Kiosk(tmp_path)
    assert caught.value.code == "locked"
    assert db_path(tmp_path).exists() and not (tmp_path / "damaged").exists()


def test_locked_database_mid_session_shows_out_of_order_not_a_lost_answer(qtbot, window, locker, monkeypatch):
    from kiosk_driver import choose_answer, click, read_lesson, sign_in

    from citizenship_app.core import people
    from citizenship_app.core.demo import demo_code
    from citizenship_app.ui.app import guard_storage_errors

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    guard_storage_errors(window)
    window.engage_lockdown()
    info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "6-8")
    student = people.class_students(window.kiosk.db, info.id)[0]
    sign_in(qtbot, window, info.id, student.id, demo_code(student.tier))
    module = window.kiosk.catalog.for_tier("6-8")[0]
    click(qtbot, window, f"open-{module.id}")
    read_lesson(qtbot, window)
    quiz = window.quiz
    question = quiz.question
    choose_answer(qtbot, window, right=True)
    window.kiosk.db.execute("PRAGMA busy_timeout = 200")  # the 5 s of a real kiosk, shortened
    holder = locker(window.kiosk.data_dir)
    click(qtbot, window, "checkAnswer")
    qtbot.waitUntil(lambda: window.stack.currentWidget().objectName() == "outOfOrder")
    page = window.stack.currentWidget()
    assert "tell a teacher" in page.message.text() and "locked" in page.detail.text()
    assert not quiz.feedback.isVisible()  # never shown as accepted ...
    assert question.id not in quiz.attempt.answers
    check = sqlite3.connect(db_path(window.kiosk.data_dir))
    assert (
        check.execute("SELECT COUNT(*) FROM quiz_answers WHERE attempt_id = ?", [quiz.attempt.id]).fetchone()[
            0
        ]
        == 0
    )  # ... and not half-saved either
    check.close()
    assert window.person is None and not window.who.text()  # nobody's name left on screen
    assert window.lockdown.active and not window.close()
    assert not page.try_again()  # still locked: still out of order
    holder.stdin.close()
    holder.wait(timeout=10)
    assert page.try_again()  # the other program is done: back to sign-in by itself
    assert window.stack.currentWidget() is window.signin
    window.lockdown.release()


# -- full disk ---------------------------------------------------------------------------------


def test_full_disk_backup_fails_clearly_and_leaves_no_partial_file(small_disk):
    data = small_disk / "data"
    seeded(data, n=2000)
    (data / "backups").mkdir(mode=0o700)
    filler = fill(small_disk)
    run = cli("--data-dir", str(data), "db", "backup")
    one_line_error(run, "disk", "full")
    assert list((data / "backups").iterdir()) == []  # no .partial left behind
    filler.unlink()
    assert backup.check_database(db_path(data)) == []  # nothing lost
    assert cli("--data-dir", str(data), "db", "backup").returncode == 0


def test_full_disk_write_is_an_error_and_nothing_is_half_saved(small_disk):
    from citizenship_app.core.store import transaction

    data = small_disk / "data"
    seeded(data)
    db = open_store(data)
    fill(small_disk)
    with pytest.raises(StorageError) as caught:
        with transaction(db):
            db.execute("INSERT INTO settings VALUES ('big', ?)", ["x" * 300_000])
    assert caught.value.code == "disk-full"
    assert not db.conn.in_transaction
    db.conn.close()
    one_line_error(cli("--data-dir", str(data), "kiosk", "settings", "--idle-minutes", "5"), "full")


# -- an existing folder passed as --data-dir ---------------------------------------------------


def test_shared_folder_is_left_alone_and_the_kiosk_uses_its_own_subfolder(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    (shared / "someone-elses.txt").write_text("hello")
    run = cli("--data-dir", str(shared), "db", "backup")
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777  # not changed to 0700
    own = shared / "citizenship-kiosk"
    assert (own / "citizenship.sqlite3").exists() and not (shared / "citizenship.sqlite3").exists()
    assert stat.S_IMODE(own.stat().st_mode) == 0o700
    assert cli("--data-dir", str(shared), "db", "check").returncode == 0  # every command finds it


def test_existing_private_folder_keeps_its_permissions(tmp_path):
    folder = tmp_path / "kiosk"
    folder.mkdir()
    folder.chmod(0o750)
    open_store(folder).conn.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
    assert stat.S_IMODE(db_path(folder).stat().st_mode) == 0o600


def test_new_folder_is_created_private(tmp_path):
    open_store(tmp_path / "a" / "b").conn.close()
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700


@pytest.mark.parametrize("planted", ["symlink", "open-folder", "file"])
def test_a_planted_subfolder_in_a_shared_folder_is_refused(tmp_path, planted):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    own = shared / "citizenship-kiosk"
    if planted == "symlink":
        own.symlink_to(elsewhere)
    elif planted == "open-folder":
        own.mkdir()
        own.chmod(0o777)
    else:
        own.write_text("")
    run = cli("--data-dir", str(shared), "db", "backup")
    one_line_error(run, str(own))
    assert list(elsewhere.iterdir()) == []


def test_a_file_passed_as_data_dir_is_refused(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("x")
    one_line_error(cli("--data-dir", str(target), "db", "check"), "not a folder")


def test_a_closed_kiosk_window_stops_retrying_its_out_of_order_screen(qtbot, window):
    window.show_out_of_order(StorageError("disk-full", str(window.kiosk.data_dir), "No space left on device"))
    assert window.out_of_order.timer.isActive()
    assert window.close()
    assert not window.out_of_order.timer.isActive()
