"""Shared fixtures: real SQLite stores in temporary directories, real widgets offscreen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's mock speech engine: read-aloud is exercised without a real voice.
os.environ.setdefault("CITIZENSHIP_TTS_ENGINE", "mock")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: minutes long (tests/test_package.py builds the .deb)")


@pytest.fixture(autouse=True)
def no_sync_worker_outlives_its_test():
    """A sync worker left running after its test runs rounds later, against whatever hub a later
    test has set (CI once saw a third round at a test's hub that held two). Any worker a test
    leaves with its timer on, a round running or one asked for is stopped, and the test fails
    with its name."""
    import sys

    yield
    module = sys.modules.get("citizenship_app.ui.sync_worker")
    if module is None:
        return
    import shiboken6

    left = []
    for worker in list(module.SyncWorker.instances):
        if not shiboken6.isValid(worker):
            continue
        if worker.timer.isActive() or worker.first.isActive() or worker.running or worker.requested:
            left.append(f"{worker.data_dir} (running={worker.running}, timer={worker.timer.isActive()})")
            worker.stop()
    if left:
        pytest.fail(f"sync worker(s) left running: {', '.join(left)}; close the window or stop() it")


@pytest.fixture(scope="session")
def catalog():
    """The shipped catalog, loaded once."""
    from citizenship_app.core.content import load_catalog

    return load_catalog()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A data directory with the demo school loaded once (hashing codes is deliberately slow)."""
    from citizenship_app.core.demo import load_demo
    from citizenship_app.core.store import open_store

    directory = tmp_path_factory.mktemp("demo-template")
    db = open_store(directory)
    load_demo(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return directory


@pytest.fixture
def demo_dir(demo_template, tmp_path) -> Path:
    """A fresh copy of the demo data directory for one test."""
    target = tmp_path / "data"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_dir):
    from citizenship_app.core.store import open_store

    db = open_store(demo_dir)
    yield db
    db.conn.close()


@pytest.fixture
def window(qtbot, demo_dir, catalog):
    """The real kiosk window over a fresh demo school, shown offscreen at a lab screen's size."""
    from citizenship_app.ui.app import build_window, create_app

    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield window
    window.idle.stop()
    window.show_sign_in()  # back to the default language and theme for the next test
