"""The log is useful to IT and holds no student names, codes, PINs, passwords or answers."""

from __future__ import annotations

import logging

from kiosk_driver import click, enter_code, read_lesson, take_quiz

from citizenship_app.core import auth, people
from citizenship_app.core.demo import DEMO_STAFF_PASSWORD, demo_code
from citizenship_app.ui.app import build_window, create_app


def test_log_has_events_but_no_personal_data(qtbot, demo_dir, catalog):
    create_app()
    window = build_window(demo_dir, catalog=catalog)
    qtbot.addWidget(window)
    window.show()
    log_file = demo_dir / "logs" / "kiosk.log"
    qtbot.waitUntil(log_file.exists)  # the log opens right after the first paint

    info = next(c for c in people.list_classes(window.kiosk.db) if c.tier == "3-5")
    pupil = people.class_students(window.kiosk.db, info.id)[0]
    click(qtbot, window, f"class-{info.id}")
    click(qtbot, window, f"student-{pupil.id}")
    enter_code(qtbot, window, "9753")  # wrong
    enter_code(qtbot, window, demo_code("3-5"))
    module = catalog.for_tier("3-5")[0]
    click(qtbot, window, f"open-{module.id}")
    read_lesson(qtbot, window)
    take_quiz(qtbot, window, right=2)
    click(qtbot, window, "signOut")
    code = auth.issue_one_time_code(window.kiosk.db, "lnguyen")
    auth.set_staff_password(window.kiosk.db, "lnguyen", "a fresh staff password", code)
    window.idle.stop()
    for handler in logging.getLogger("citizenship_app").handlers:
        handler.flush()

    text = log_file.read_text(encoding="utf-8")
    assert "student sign-in failed" in text and "student signed in" in text
    assert "attempt submitted" in text and module.id in text
    assert "one-time code issued" in text
    secrets = [
        pupil.given_name,
        pupil.family_name,
        pupil.id,
        "9753",
        demo_code("3-5"),
        code,
        "a fresh staff password",
        DEMO_STAFF_PASSWORD,
        "Nguyen",
        "Linh",
    ]
    for question in module.quiz.questions:
        # Answer texts (not one-word ones like "True"/"False", which the log may say anyway).
        secrets += [
            t for t in [c.text for c in question.choices] + [p.right for p in question.pairs] if len(t) > 12
        ]
    leaked = [s for s in secrets if s and s in text]
    assert leaked == []
    assert oct(log_file.parent.stat().st_mode & 0o777) == "0o700"
