"""The answer widgets show choices in the per-attempt shuffled order, true/false included."""

from __future__ import annotations

from collections import Counter

import pytest

from citizenship_app.core.content import Question
from citizenship_app.ui.questions import ChoiceAnswer, PictureAnswer


def true_false(style: str) -> Question:
    return Question.model_validate(
        {
            "id": "q1",
            "type": "true_false",
            "style": style,
            "prompt": "Is it safe?",
            "policy_items": ["2314P-security-2"],
            "explanation": "because",
            "choices": [
                {"id": "true", "text": "True", "correct": False, "feedback": "why not true"},
                {"id": "false", "text": "False", "correct": True, "feedback": "why false"},
            ],
        }
    )


@pytest.mark.parametrize("style, widget", [("words", ChoiceAnswer), ("thumbs", PictureAnswer)])
def test_true_false_order_is_shuffled_per_attempt(qtbot, style, widget):
    question = true_false(style)
    firsts = Counter()
    for n in range(60):
        answer = widget(question, attempt_id=f"attempt-{n}")
        qtbot.addWidget(answer)
        shown = [b.objectName() for b in answer.findChildren(type(next(iter(answer.buttons.values()))))]
        assert sorted(shown) == ["choice-false", "choice-true"]
        firsts[shown[0]] += 1
        again = widget(question, attempt_id=f"attempt-{n}")
        qtbot.addWidget(again)
        assert list(again.buttons) == list(answer.buttons)  # a resumed attempt sees the same order
    # 60 fair coin flips: True first between 15 and 45 times (p < 0.0001 outside).
    assert 15 <= firsts["choice-true"] <= 45, firsts
