"""Helpers for tests that write their own small content trees."""

from __future__ import annotations

from pathlib import Path


def write_module(
    root: Path, tier: str, module_id: str, *, lesson: str | None = None, quiz: str | None = None
) -> tuple[Path, Path]:
    """Write a small valid module (or the given text) under root/lessons and root/quizzes."""
    lesson_path = root / "lessons" / tier / f"{module_id}.md"
    quiz_path = root / "quizzes" / tier / f"{module_id}.toml"
    lesson_path.parent.mkdir(parents=True, exist_ok=True)
    quiz_path.parent.mkdir(parents=True, exist_ok=True)
    lesson_path.write_text(
        lesson if lesson is not None else LESSON.format(id=module_id, tier=tier), encoding="utf-8"
    )
    quiz_path.write_text(quiz if quiz is not None else QUIZ.format(id=module_id), encoding="utf-8")
    return lesson_path, quiz_path


LESSON = """+++
id = "{id}"
title = "Keep your password secret"
tier = "{tier}"
order = 1
minutes = 5
summary = "Your password is only for you and your grown-ups."
policy_items = ["2314P-security-2"]
cipa_topics = []
+++
# Your password is yours

A password keeps your work safe.

<!-- page -->
# Do not share it

Do not tell your password to a friend.
"""

QUIZ = """module = "{id}"
pass_mark = 80

[[questions]]
id = "q1"
type = "single"
prompt = "A friend asks for your password. What do you do?"
policy_items = ["2314P-security-2"]
explanation = "Your password is only for you."

[[questions.choices]]
id = "a"
text = "Say no, and keep it secret."
correct = true
feedback = "Yes. Your password is yours."

[[questions.choices]]
id = "b"
text = "Tell them, because they are your friend."
correct = false
feedback = "Even a good friend should not have your password."
"""
