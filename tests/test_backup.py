"""Backups, restore, and recovery from a damaged database at start."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from citizenship_app.core import backup
from citizenship_app.core.kiosk import Kiosk
from citizenship_app.core.store import connect, db_path, migrate, open_store


def seeded(data_dir, name="Ana"):
    db = open_store(data_dir)
    db.execute("INSERT INTO people (sourced_id, given_name, family_name, role) VALUES (?, ?, 'R', 'student')", [name, name])
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
    later = datetime.now(timezone.utc) + timedelta(days=1, minutes=1)
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
    db.execute("INSERT INTO people (sourced_id, given_name, family_name, role) VALUES ('Ben', 'Ben', 'R', 'student')")
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
    return subprocess.run([sys.executable, "-m", "citizenship_app.cli", *args], input=stdin,
                          capture_output=True, text=True)


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
