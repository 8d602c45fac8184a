"""The store: pragmas, permissions, numbered migrations on an old database."""

from __future__ import annotations

import os
import stat

import pytest

from citizenship_app.core.storage_errors import StorageError
from citizenship_app.core.store import (
    MIGRATIONS,
    connect,
    db_path,
    migrate,
    open_existing,
    open_store,
    schema_version,
)


def test_new_store_is_wal_with_foreign_keys_and_private(tmp_path):
    db = open_store(tmp_path / "d")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(db) == len(MIGRATIONS)
    assert {
        "people",
        "classes",
        "enrollments",
        "page_progress",
        "quiz_attempts",
        "quiz_answers",
        "completions",
        "outbox",
        "assignments",
    } <= set(db.table_names())
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o700
        assert stat.S_IMODE(db_path(tmp_path / "d").stat().st_mode) == 0o600


def test_old_database_is_migrated_and_keeps_its_data(tmp_path):
    path = db_path(tmp_path)
    db = connect(path)
    assert migrate(db, target=1) == 1
    db.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role)"
        " VALUES ('s1', 'Ana', 'Ruiz', 'student')"
    )
    db.conn.commit()
    assert "assignments" not in db.table_names()
    db.conn.close()

    db = open_store(tmp_path)
    assert schema_version(db) == len(MIGRATIONS) >= 2
    assert [r[0] for r in db.execute("SELECT version FROM migrations ORDER BY version")] == list(
        range(1, len(MIGRATIONS) + 1)
    )
    assert db.execute("SELECT given_name FROM people").fetchone()[0] == "Ana"
    assert "assignments" in db.table_names()
    # Opening again applies nothing twice.
    assert migrate(db) == len(MIGRATIONS)


def test_foreign_keys_are_enforced(tmp_path):
    import sqlite3

    import pytest

    db = open_store(tmp_path)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO enrollments (sourced_id, class_id, person_id, role)"
            " VALUES ('e', 'nope', 'nobody', 'student')"
        )


def test_open_existing_opens_the_store_as_it_is(tmp_path):
    """For work off the screen's thread: the connection pragmas, but never a new file, a
    migration or a backup (those are start-up's, in open_store)."""
    with pytest.raises(StorageError) as missing:
        open_existing(tmp_path / "empty")
    assert missing.value.code == "cannot-open" and not db_path(tmp_path / "empty").exists()
    old = connect(db_path(tmp_path))
    migrate(old, target=1)
    old.conn.close()
    db = open_existing(tmp_path)
    assert schema_version(db) == 1
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db.conn.close()
    assert not (tmp_path / "backups").exists()
