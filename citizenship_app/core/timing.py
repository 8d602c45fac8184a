"""A module's minutes, computed from its words and activities (never written by hand).

    minutes = ceil( lesson words / WPM[tier]
                    + asked x (words per question / WPM[tier] + ANSWER_SECONDS[tier] / 60)
                    + stop-and-think checks x STOP_MINUTES )

Lesson words are the pages as a student reads them (stop-and-think prompts and reveals
included). A question's words are its story, prompt, choices (or matching pairs) and
explanation, averaged over the quiz; `asked` is the bank's draw, or every question. The
discussion prompt (teacher-led, its own time) and the family sheet (read at home) do not count.
"""

from __future__ import annotations

import math
from typing import Any

from .activities import reading_text
from .readability import plain_text

#: Words a minute, by tier. K-2 follows the read-aloud voice at a child's pace; the others are
#: silent reading rates for the grade band, slowed for careful reading of new ideas.
WPM = {"k-2": 70, "3-5": 100, "6-8": 140, "9-12": 170, "staff": 200}
#: Seconds to choose an answer (after reading it), by tier.
ANSWER_SECONDS = {"k-2": 30, "3-5": 25, "6-8": 20, "9-12": 20, "staff": 20}
#: A stop-and-think: read the prompt, think, reveal, compare.
STOP_MINUTES = 1.0


def word_total(markdown_text: str) -> int:
    """Words as the reader shows them (plain whitespace split of the flattened text: the
    estimate needs no dictionary, unlike the reading-level check)."""
    return len(plain_text(reading_text(markdown_text)).split())


def question_words(question: Any) -> int:
    """Words of a content.Question (duck-typed: content.Module.minutes imports this module)."""
    parts = [question.story or "", question.prompt, question.explanation]
    parts += [c.text for c in question.choices]
    parts += [f"{p.left} {p.right}" for p in question.pairs]
    return sum(len(part.split()) for part in parts)


def module_minutes(module: Any) -> int:
    """Minutes of a content.Module, by the formula above."""
    tier = module.tier
    lesson = sum(word_total(page) for page in module.pages)
    questions = module.quiz.questions
    asked = module.quiz.draw or len(questions)
    per_question = sum(question_words(q) for q in questions) / len(questions)
    minutes = (
        lesson / WPM[tier]
        + asked * (per_question / WPM[tier] + ANSWER_SECONDS[tier] / 60)
        + len(module.stops) * STOP_MINUTES
    )
    return max(1, math.ceil(minutes))
