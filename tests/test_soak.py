"""Soak: a signed-in, locked kiosk takes 50,000 input events and stays up and locked.

PySide6 6.12.0 drops one reference to None on every call of a Qt method that returns
nothing; the idle watcher restarts a QTimer on every input event, so after ~10-20k mouse
moves the interpreter aborts (`Fatal Python error: none_dealloc`). The kiosk is driven in a
child process (tests/soak_driver.py), so an abort fails this test instead of killing pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DRIVER = Path(__file__).resolve().parent / "soak_driver.py"
EVENTS = 50_000
# gc and Qt's caches move the count of references to None by a few; the bug removes at
# least one per event.
NONE_REFS_SLACK = 100


def test_signed_in_kiosk_survives_fifty_thousand_input_events(demo_dir):
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(demo_dir), "--events", str(EVENTS)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    marks = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    last = marks[-1] if marks else None
    assert proc.returncode == 0, (
        f"the kiosk process died (exit status {proc.returncode}) after {last}:\n{proc.stderr[-2000:]}"
    )
    start, end = marks[0], marks[-1]
    assert start["mark"] == "start" and end["mark"] == "end" and end["events"] == EVENTS
    lowest = min(m["none_refs"] for m in marks if "none_refs" in m)
    assert lowest >= start["none_refs"] - NONE_REFS_SLACK, f"references to None fell: {marks}"
    assert end["none_refs_after"] >= end["none_refs_before"] - NONE_REFS_SLACK, end
    # Still the same session, still locked, and the filters saw the input all along.
    assert end["still_signed_in"] and end["full_screen"], end
    assert end["idle_warnings"] == 0, "the idle watcher missed input while the kiosk was in use"
    assert end["escapes_blocked"] >= end["escapes_sent"] > 0, "the lockdown filter missed keys"
    # Left alone afterwards, the idle sign-out still comes.
    assert end["signed_out_by_idle"], end


def test_lesson_pictures_read_all_day_are_remembered_once(qtbot, window):
    """The reader notes each picture it loads (tests and logs read the list): a page shown
    again must not add its pictures again, or a kiosk that runs for weeks grows without end."""
    from kiosk_driver import click, sign_in

    from citizenship_app.core import people
    from citizenship_app.core.demo import demo_code
    from citizenship_app.core.render import image_sources, page_html

    info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "k-2")
    student = people.class_students(window.kiosk.db, info.id)[0]
    sign_in(qtbot, window, info.id, student.id, demo_code(student.tier))
    module, page = next(
        (m, n)
        for m in window.student_modules()
        for n, text in enumerate(m.pages)
        if image_sources(page_html(text, 420))
    )
    click(qtbot, window, f"open-{module.id}")
    reader = window.lesson.reader
    for _ in range(5):  # the page again and again, as a day of students would
        window.lesson.go(page)
        reader.document().size()  # lays the page out, which loads its pictures
    assert reader.loaded and reader.missing == []
    assert len(reader.loaded) == len(set(reader.loaded)), reader.loaded
