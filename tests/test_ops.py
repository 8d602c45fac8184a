"""ui.ops, the one way screens run core work off their thread: its connection rule (a pool
thread never creates, migrates or backs up the store), its one result path (on the GUI
thread) and its errors as codes. Real SQLite files, Qt's real thread pool."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication, QThread, QThreadPool

from citizenship_app.core.backup import list_backups
from citizenship_app.core.storage_errors import StorageError
from citizenship_app.core.store import (
    MIGRATIONS,
    connect,
    db_path,
    get_setting,
    migrate,
    open_existing,
    open_store,
    schema_version,
    set_setting,
)
from citizenship_app.ui import ops
from citizenship_app.ui.sync_worker import SyncWorker


def run_op(qtbot, data_dir, function):
    """Run `function` through ops and return what arrived, and on which thread."""
    arrived = {}

    def done(result):
        arrived.update(result=result, gui=QThread.currentThread() is QCoreApplication.instance().thread())

    def failed(error):
        arrived.update(error=error, gui=QThread.currentThread() is QCoreApplication.instance().thread())

    ops.run(data_dir, function, done, failed)
    qtbot.waitUntil(lambda: bool(arrived), timeout=10000)
    return arrived


@pytest.fixture
def older_store(tmp_path):
    """A store one migration behind this version, as an upgrade finds it before start-up."""
    db = connect(db_path(tmp_path))
    migrate(db, target=len(MIGRATIONS) - 1)
    db.conn.close()
    return tmp_path


def test_the_result_arrives_on_the_gui_thread_from_a_connection_of_its_own(qtbot, demo_dir):
    gui_db = open_store(demo_dir)
    set_setting(gui_db, "op_probe", "written on the screen's connection")

    def work(db):
        assert db.conn is not gui_db.conn
        worker_thread = QThread.currentThread() is not QCoreApplication.instance().thread()
        return worker_thread, get_setting(db, "op_probe")

    arrived = run_op(qtbot, demo_dir, work)
    gui_db.conn.close()
    assert arrived == {"result": (True, "written on the screen's connection"), "gui": True}


def test_a_pool_thread_never_migrates_or_backs_up(qtbot, older_store):
    arrived = run_op(qtbot, older_store, schema_version)
    assert arrived["result"] == len(MIGRATIONS) - 1
    assert list_backups(older_store) == []


def test_a_pool_thread_never_creates_a_store(qtbot, tmp_path):
    arrived = run_op(qtbot, tmp_path, schema_version)
    assert arrived["error"].code == "cannot-open" and arrived["gui"]
    assert not db_path(tmp_path).exists()
    with pytest.raises(StorageError):
        open_existing(tmp_path)


def test_a_sync_round_never_migrates_or_backs_up(qtbot, older_store, monkeypatch):
    """The sync worker opened the store with open_store: a round could migrate (and back up)
    from its pool thread, under the kiosk's feet."""
    for name in ("CITIZENSHIP_HUB_URL", "CITIZENSHIP_HUB_USERNAME", "CITIZENSHIP_HUB_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    worker = SyncWorker(older_store)
    with qtbot.waitSignal(worker.finished, timeout=10000) as round_:
        worker.request()
    worker.stop()
    assert round_.args[0].error == "no district hub is configured"
    db = connect(db_path(older_store))
    assert schema_version(db) == len(MIGRATIONS) - 1
    db.conn.close()
    assert list_backups(older_store) == []


def test_a_locked_store_is_the_code_locked(qtbot, demo_dir):
    holder = sqlite3.connect(db_path(demo_dir))
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock

    def write(db):
        db.execute("PRAGMA busy_timeout = 0")
        set_setting(db, "op_probe", "x")

    try:
        arrived = run_op(qtbot, demo_dir, write)
    finally:
        holder.rollback()
        holder.close()
    assert arrived["error"].code == "locked" and arrived["gui"]
    assert str(db_path(demo_dir)) in arrived["error"].detail
    assert ops.error_text(arrived["error"]).startswith("the records are in use by another program")


def test_a_newer_store_is_refused(qtbot, demo_dir):
    db = open_store(demo_dir)
    db.execute("INSERT INTO migrations VALUES (?, '2030-01-01')", [len(MIGRATIONS) + 1])
    db.conn.commit()
    db.conn.close()
    arrived = run_op(qtbot, demo_dir, schema_version)
    assert arrived["error"].code == "newer-database"


def test_a_refused_reader_is_not_allowed_and_a_bug_names_only_its_type(qtbot, demo_dir, caplog):
    def refused(db):
        raise PermissionError("t-qureshi may not read s-260011")

    assert run_op(qtbot, demo_dir, refused)["error"] == ops.OpError("not-allowed")

    def bug(db):
        raise ValueError("Ana Ruiz")  # a message may quote a record

    error = run_op(qtbot, demo_dir, bug)["error"]
    assert error == ops.OpError("failed", "ValueError")
    assert ops.error_text(error) == "something went wrong (ValueError)"
    assert "Ana Ruiz" not in caplog.text


def test_ops_run_on_the_pool_they_are_given(qtbot, demo_dir):
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    order = []
    for n in range(3):
        ops.run(demo_dir, lambda db, n=n: n, order.append, pool=pool)
    qtbot.waitUntil(lambda: len(order) == 3, timeout=10000)
    assert order == [0, 1, 2]  # one thread: in the order asked
    pool.waitForDone(5000)
