"""Screenshots of the real window for the README and docs.

    xvfb-run -a -s "-screen 0 1280x800x24" python tools/screenshots.py docs/screenshots

Drives the kiosk over a fresh demo school to each screen worth showing and saves PNGs. Uses
Qt's mock speech engine unless CITIZENSHIP_TTS_ENGINE says otherwise, so the read-aloud
highlight shows without a voice.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(out: str = "docs/screenshots") -> int:
    os.environ.setdefault("CITIZENSHIP_TTS_ENGINE", "mock")
    from PySide6.QtCore import QEventLoop, QTimer

    from citizenship_app.core import people
    from citizenship_app.core.demo import DEMO_STAFF_PASSWORD, demo_code
    from citizenship_app.ui.app import build_window, create_app

    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    app = create_app()
    window = build_window(tempfile.mkdtemp(prefix="kiosk-shots-"))
    window.resize(1280, 800)
    window.show()
    db = window.kiosk.db
    catalog = window.kiosk.catalog

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(name: str) -> None:
        settle()
        window.grab().save(str(target / f"{name}.png"))
        print(target / f"{name}.png")

    def student(tier: str):
        info = next(c for c in people.list_classes(db) if c.tier == tier)
        return info, people.class_students(db, info.id)[0]

    def sign_in(tier: str) -> None:
        info, kid = student(tier)
        window.signin.choose_class(info.id)
        window.signin.choose_person(kid)
        window.signin._submit_code(demo_code(tier))

    shot("signin")
    info, kid = student("k-2")
    window.signin.choose_class(info.id)
    shot("signin-names")
    window.signin.choose_person(kid)
    window.signin._picture("cat")
    shot("signin-pictures")
    window.signin._clear_pictures()
    window.signin._submit_code(demo_code("k-2"))
    shot("home-k2")
    k2 = catalog.for_tier("k-2")[0]
    window.open_lesson(k2.id)
    for _ in range(200):  # the voice starts in its own process: up to 20 s
        if window.speaker.available:
            break
        settle(100)
    window.lesson.go(1)
    settle(1500)  # the mock voice reaches the second sentence: it is highlighted
    shot("lesson-k2-read-aloud")
    window.open_quiz()
    shot("quiz-k2")
    quiz = window.quiz
    if hasattr(quiz.answer, "choose"):
        quiz.answer.choose(*quiz.question.correct_ids[:1])
        quiz.check_answer()
        shot("quiz-k2-feedback")
    window.sign_out()

    sign_in("3-5")
    shot("home-3-5")
    for module in catalog.for_tier("3-5"):
        if "ordering" in {q.type for q in module.quiz.questions}:
            window.open_lesson(module.id)
            shot("lesson-3-5")
            window.open_quiz()
            order = window.quiz.attempt.question_order  # a question bank may not draw it
            if "ordering" not in {module.quiz.question(qid).type for qid in order}:
                continue
            while window.quiz.question.type != "ordering":
                q = window.quiz.question
                response = (
                    q.correct_ids
                    if q.type == "multiple"
                    else ({p: p for p in q.correct_ids} if q.type == "matching" else q.correct_ids[:1])
                )
                window.quiz.answer.set_response(response)
                window.quiz.check_answer()
                window.quiz.advance()
            shot("quiz-3-5-ordering")
            break
    window.next_text_size()
    window.toggle_contrast()
    window.show_home()
    shot("high-contrast")
    window.toggle_contrast()
    window.next_text_size()
    window.next_text_size()
    window.sign_out()

    window.choose_language("es")
    shot("signin-es")
    sign_in("3-5")
    shot("home-es")
    module = next((m for m in window.student_modules() if m.meta.language == "es"), None)
    if module:
        window.open_lesson(module.id)
        shot("lesson-es")
    window.sign_out()

    # Some work for the staff screens to show: a grade 4 class with assignments and passes.
    from datetime import date, timedelta

    from citizenship_app.core import assignments, progress

    info4, _ = student("3-5")
    mods = catalog.for_tier("3-5")
    assignments.assign_modules(
        db, "t-qureshi", info4.id, mods[:3], date.today() + timedelta(days=7), in_order=True
    )
    for n, pupil in enumerate(people.class_students(db, info4.id)):
        for module in mods[: n % 3 + 1]:
            attempt = progress.start_attempt(db, pupil.id, module, info4.id)
            for q in map(module.quiz.question, attempt.question_order):
                right = q.correct_ids
                response = (
                    {p: p for p in right}
                    if q.type == "matching"
                    else (right if q.type in ("multiple", "ordering") else right[:1])
                )
                progress.record_answer(db, attempt, q, response)
            progress.submit_attempt(db, attempt, module)

    def staff(username: str) -> None:
        window.signin.show_staff()
        window.signin.staff_user.setText(username)
        window.signin.staff_password.setText(DEMO_STAFF_PASSWORD)
        window.signin._submit_staff()

    staff("squreshi")
    shot("teacher")
    window.sign_out()
    staff("rtanaka")
    page = window.stack.currentWidget()
    if hasattr(page, "tabs"):
        page.tabs.setCurrentIndex(page.tabs.count() - 1)
        settle(1500)  # the summary is computed off the UI thread
    shot("counselor")
    window.sign_out()

    window.signin.show_staff()
    window.signin.staff_user.setText("dwhitfield")
    window.signin.staff_password.setText(DEMO_STAFF_PASSWORD)
    window.signin._submit_staff()
    window.show_admin()
    shot("admin")
    window.sign_out()
    window._may_close = True
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
