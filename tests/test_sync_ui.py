"""The kiosk's header shows records waiting and the last sync; the worker runs off the UI
thread against the real district hub (started as a process on 127.0.0.1)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from kiosk_driver import click, read_lesson, sign_in, take_quiz

from citizenship_app.core import people
from citizenship_app.core.demo import demo_code
from citizenship_app.ui.app import build_window, create_app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def hub(tmp_path):
    spec = importlib.util.spec_from_file_location("crash_bench", ROOT / "bench" / "crash.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    hub = bench.LocalHub(str(tmp_path))  # also sets CITIZENSHIP_HUB_* for this process
    yield hub
    hub.stop()


def test_header_counts_waiting_records_and_the_worker_sends_them(qtbot, demo_dir, catalog, hub):
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.show()
    # Loading the demo school is audited, and the audit row goes to the district too.
    assert window.sync_label.text().startswith("Waiting to send: 1 · last synced never")
    assert not window.sync_label.isVisible()  # sync is staff business, not shown to students
    info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "9-12")
    pupil = people.class_students(window.kiosk.db, info.id)[0]
    sign_in(qtbot, window, info.id, pupil.id, demo_code("9-12"))
    module = catalog.for_tier("9-12")[0]
    click(qtbot, window, f"open-{module.id}")
    read_lesson(qtbot, window)
    take_quiz(qtbot, window)
    assert window.sync_label.text().startswith("Waiting to send: 2 ·")
    assert not window.sync_label.isVisible()
    with qtbot.waitSignal(window.sync.finished, timeout=20000) as done:
        window.sync.poke()  # what the timer does every minute, on a pool thread
    assert done.args[0].error is None and done.args[0].sent == 2
    assert window.sync_label.text().startswith("Waiting to send: 0 · last synced ")
    assert "never" not in window.sync_label.text()
    assert len(hub.statement_ids()) == 2  # the attempt and the audit row, signed (the hub checks)
    window.idle.stop()


def test_sync_status_is_for_staff_only(qtbot, window):
    """Reported: students saw "Waiting to send: 0 · last synced never" on every screen."""
    from kiosk_driver import find
    from PySide6.QtWidgets import QLineEdit

    from citizenship_app.core.demo import DEMO_STAFF_PASSWORD

    assert not window.sync_label.isVisible()  # the sign-in screen
    info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "6-8")
    pupil = people.class_students(window.kiosk.db, info.id)[0]
    sign_in(qtbot, window, info.id, pupil.id, demo_code("6-8"))
    assert window.stack.currentWidget() is window.home and not window.sync_label.isVisible()
    click(qtbot, window, "signOut")
    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), "dwhitfield")
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")
    assert window.sync_label.isVisible() and window.sync_label.text().startswith("Waiting to send:")
    click(qtbot, window, "signOut")
    assert not window.sync_label.isVisible()
