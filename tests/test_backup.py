"""Backups, restore, and recovery from a damaged database at start."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from citizenship_app.core import backup
from citizenship_app.core.kiosk import Kiosk
from citizenship_app.core.storage_errors import StorageError
from citizenship_app.core.store import connect, db_path, migrate, open_store


def seeded(data_dir, name="Ana"):
    db = open_store(data_dir)
    db.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role) VALUES (?, ?, 'R', 'student')",
        [name, name],
    )
    db.conn.commit()
    return db


def names(data_dir):
    db = open_store(data_dir)
    try:
        return [r[0] for r in db.execute("SELECT given_name FROM people ORDER BY 1")]
    finally:
        db.conn.close()


def test_backup_is_a_sound_copy_and_only_14_are_kept(tmp_path):
    seeded(tmp_path)
    made = [backup.make_backup(tmp_path, "manual") for _ in range(16)]
    kept = backup.list_backups(tmp_path)
    assert len(kept) == 14 and kept[0] == made[-1] and made[0] not in kept
    assert backup.check_database(kept[0]) == []


def test_daily_backup_once_a_day(tmp_path):
    seeded(tmp_path)
    first = backup.daily_backup(tmp_path)
    assert first is not None
    assert backup.daily_backup(tmp_path) is None
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)
    assert backup.daily_backup(tmp_path, now=later) is not None


def test_a_migration_is_preceded_by_a_backup(tmp_path):
    db = connect(db_path(tmp_path))
    migrate(db, target=1)
    db.conn.close()
    open_store(tmp_path).conn.close()
    assert [p.name.endswith("before-migration-2.sqlite3") for p in backup.list_backups(tmp_path)] == [True]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong_sqlite"])
def test_damaged_database_is_moved_aside_and_newest_good_backup_restored(tmp_path, damage):
    db = seeded(tmp_path, "Ana")
    backup.make_backup(tmp_path, "daily")
    db.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role) VALUES ('Ben', 'Ben', 'R', 'student')"
    )
    db.conn.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    path = db_path(tmp_path)
    original = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(original[: len(original) // 3])
    elif damage == "garbage":
        path.write_bytes(os.urandom(8192))
    else:
        path.unlink()
        other = __import__("sqlite3").connect(path)
        other.execute("CREATE TABLE photos (x)")
        other.commit()
        other.close()
    damaged_bytes = path.read_bytes()

    kiosk = Kiosk(tmp_path)
    assert kiosk.recovery is not None
    assert "moved to" in kiosk.recovery.message() and "restored" in kiosk.recovery.message()
    kiosk.close()
    (moved,) = list((tmp_path / "damaged").iterdir())
    assert (moved / "citizenship.sqlite3").read_bytes() == damaged_bytes  # kept for IT, untouched
    assert names(tmp_path) == ["Ana"]


def test_damaged_without_backup_starts_clean(tmp_path):
    seeded(tmp_path).conn.close()
    db_path(tmp_path).write_bytes(b"not a database at all" * 100)
    kiosk = Kiosk(tmp_path)
    assert kiosk.recovery.restored is None
    assert "empty records file" in kiosk.recovery.message()
    assert kiosk.db["people"].count == 0
    kiosk.close()


def cli(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "citizenship_app.cli", *args], input=stdin, capture_output=True, text=True
    )


def test_db_cli_check_backup_restore(tmp_path):
    seeded(tmp_path, "Ana").conn.close()
    assert cli("--data-dir", str(tmp_path), "db", "check").returncode == 0
    made = cli("--data-dir", str(tmp_path), "db", "backup")
    assert made.returncode == 0 and "manual" in made.stdout
    seeded(tmp_path, "Ben").conn.close()
    restored = cli("--data-dir", str(tmp_path), "db", "restore")
    assert restored.returncode == 0, restored.stderr
    assert names(tmp_path) == ["Ana"]
    assert list((tmp_path / "replaced").iterdir())  # what it replaced is kept
    db_path(tmp_path).write_bytes(b"garbage")
    bad = cli("--data-dir", str(tmp_path), "db", "check")
    assert bad.returncode == 1 and "not an SQLite database" in bad.stdout and "db restore" in bad.stderr


# -- damage in the middle of the file (not truncated) ------------------------------------------


def many(data_dir, n=3000):
    db = open_store(data_dir)
    db.conn.executemany(
        "INSERT INTO people (sourced_id, given_name, family_name, role) VALUES (?, ?, 'R', 'student')",
        [(f"s{i:05}", f"Student {i}") for i in range(n)],
    )
    db.conn.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def damage_middle(path):
    """Overwrite one page in the middle of the file; its size and header stay as they were."""
    import sqlite3

    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = (len(data) // page_size // 2) * page_size
    data[start : start + page_size] = bytes(range(256)) * (page_size // 256)
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:  # the damage is one SQLite's quick check sees
        assert conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()


def test_mid_file_damage_fails_the_backup_and_the_last_sound_copy_is_never_rotated_out(tmp_path):
    many(tmp_path)
    sound = backup.make_backup(tmp_path, "daily")
    damage_middle(db_path(tmp_path))
    for _ in range(backup.KEEP):
        with pytest.raises(StorageError) as caught:
            backup.make_backup(tmp_path, "daily")
        assert caught.value.code == "damaged"
    run = cli("--data-dir", str(tmp_path), "db", "backup")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "damaged" in run.stderr and "db restore" in run.stderr
    assert backup.list_backups(tmp_path) == [sound]
    assert not list((tmp_path / "backups").glob("*.partial"))
    restored = cli("--data-dir", str(tmp_path), "db", "restore")
    assert restored.returncode == 0, restored.stderr
    assert len(names(tmp_path)) == 3000


def test_a_new_backup_is_never_rotated_out_even_when_the_clock_went_back(tmp_path):
    seeded(tmp_path)
    template = backup.make_backup(tmp_path, "manual")
    for day in range(1, backup.KEEP + 1):  # made while the clock ran years ahead
        __import__("shutil").copy(
            template, template.with_name(f"citizenship-2099010{day % 10}T0000{day:02}000000Z-daily.sqlite3")
        )
    template.unlink()
    made = backup.make_backup(tmp_path, "manual")
    assert made in backup.list_backups(tmp_path)


def test_mid_file_damage_is_caught_at_start_before_anyone_signs_in(qtbot, tmp_path, catalog):
    from citizenship_app.ui.app import build_window, create_app

    many(tmp_path)
    backup.make_backup(tmp_path, "daily")
    damage_middle(db_path(tmp_path))
    damaged = db_path(tmp_path).read_bytes()
    create_app()
    window = build_window(tmp_path, catalog=catalog)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.kiosk.recovery is not None, timeout=10_000)
    assert window.notice.isVisible() and "restored" in window.notice.text()
    (moved,) = list((tmp_path / "damaged").iterdir())
    assert (moved / "citizenship.sqlite3").read_bytes() == damaged
    assert window.kiosk.db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 3000
    assert window.stack.currentWidget() is window.signin
    window.close()


def test_the_daily_backup_runs_off_the_screen_thread(qtbot, window, monkeypatch):
    """It copies and checks the whole file: seconds for a district's records."""
    import threading

    threads = []
    real = backup.daily_backup
    monkeypatch.setattr(
        backup, "daily_backup", lambda d: threads.append(threading.current_thread()) or real(d)
    )
    window.daily_backup()
    qtbot.waitUntil(lambda: bool(backup.list_backups(window.kiosk.data_dir)), timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()


def test_a_partial_copy_left_by_a_power_cut_is_cleared_but_not_one_being_written(tmp_path):
    seeded(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    stale, writing = folder / "citizenship-1-daily.partial", folder / "citizenship-2-manual.partial"
    stale.write_bytes(b"half a copy")
    os.utime(stale, (0, 0))
    writing.write_bytes(b"another process's copy, being written")
    backup.make_backup(tmp_path, "manual")
    assert not stale.exists() and writing.exists()


def test_db_check_on_a_fresh_data_directory_makes_the_store_and_finds_it_sound(tmp_path):
    """Reported: `db check` on a fresh data directory said the database was damaged."""
    fresh = tmp_path / "fresh"
    done = cli("--data-dir", str(fresh), "db", "check")
    assert done.returncode == 0 and ": ok (0 backup(s)" in done.stdout, (done.stdout, done.stderr)
    assert db_path(fresh).exists()
