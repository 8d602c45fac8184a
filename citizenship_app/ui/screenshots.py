"""Screenshots of the real window for the README and docs.

    xvfb-run -s "-screen 0 1280x800x24" python -m citizenship_app.ui.screenshots docs/screenshots

Drives the kiosk over a fresh demo school to each screen worth showing and saves PNGs.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def main(out: str = "docs/screenshots") -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from ..core import people
    from ..core.demo import DEMO_STUDENT_PIN
    from .app import build_window, create_app

    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    app = create_app()
    window = build_window(tempfile.mkdtemp(prefix="kiosk-shots-"))
    window.resize(1280, 800)
    window.show()

    def settle() -> None:
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec()

    def shot(name: str) -> None:
        settle()
        window.grab().save(str(target / f"{name}.png"))
        print(target / f"{name}.png")

    shot("signin")
    db = window.kiosk.db
    classes = people.list_classes(db)
    k2 = next(c for c in classes if c.tier == "k-2")
    window.signin.choose_class(k2.id)
    shot("signin-names")
    student = people.class_students(db, k2.id)[0]
    window.signin.choose_person(student)
    window.signin.code.setText(DEMO_STUDENT_PIN)
    window.signin._submit_code()
    shot("home-k2")
    modules = window.kiosk.catalog.for_tier("k-2")
    if modules:
        window.open_lesson(modules[0].id)
        shot("lesson-k2")
        window.open_quiz()
        shot("quiz-k2")
        quiz = window.quiz
        question = quiz.question
        if hasattr(quiz.answer, "choose"):
            quiz.answer.choose(*question.correct_ids[:1])
            quiz.check_answer()
            shot("quiz-k2-feedback")
    window.sign_out()
    g35 = next(c for c in classes if c.tier == "3-5")
    window.signin.choose_class(g35.id)
    window.signin.choose_person(people.class_students(db, g35.id)[0])
    window.signin.code.setText(DEMO_STUDENT_PIN)
    window.signin._submit_code()
    shot("home-3-5")
    for module in window.kiosk.catalog.for_tier("3-5"):
        kinds = {q.type for q in module.quiz.questions}
        if {"ordering", "matching"} & kinds:
            window.open_lesson(module.id)
            shot("lesson-3-5")
            window.open_quiz()
            while window.quiz.question.type not in ("ordering", "matching"):
                q = window.quiz.question
                window.quiz.answer.set_response(q.correct_ids if q.type in ("multiple", "ordering") else q.correct_ids[:1])
                window.quiz.check_answer()
                window.quiz.advance()
            shot(f"quiz-3-5-{window.quiz.question.type}")
            break
    window._may_close = True
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
