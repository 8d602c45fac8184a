"""After a quiz: the questions a student missed, with the right answers, and the lesson pages
that teach them (what to reread after a failed attempt).

    >>> missed = missed_questions(module, attempt)    # in the order they were asked
    >>> missed[0].answers, missed[0].page, missed[0].heading
    (('Ask your teacher first',), 2, 'Other people's work is theirs')
    >>> pages_to_reread(missed)                        # [(2, "Other people's work is theirs"), ...]

Quizzes do not name the page a question comes from, so the page is found from the words: the
page that shares the most of the question's words (its prompt, right answers and explanation),
rarer words counting more. Works the same for a translated module (its own pages and words).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .readability import plain_text

if TYPE_CHECKING:
    from .content import Module, Question
    from .progress import Attempt

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)  # words of four letters or more: no "the", "and"


@dataclass(frozen=True)
class Missed:
    question_id: str
    prompt: str
    answers: tuple[str, ...]  # the right answer(s) in words; "left → right" for a matching pair
    explanation: str
    page: int  # the lesson page (0-based) that teaches it
    heading: str  # that page's heading


def right_answers(question: Question) -> tuple[str, ...]:
    """The right answer of a question, in its own words, whatever its type."""
    if question.type == "matching":
        return tuple(f"{p.left} → {p.right}" for p in question.pairs)
    if question.type == "ordering":
        return tuple(f"{n}. {c.text}" for n, c in enumerate(question.choices, 1))
    return tuple(c.text for c in question.choices if c.correct)


def missed_questions(module: Module, attempt: Attempt) -> list[Missed]:
    """Every question of the attempt not wholly right (a score below 1), in the order asked."""
    pages = [plain_text(p) for p in module.pages]
    found = []
    for qid in attempt.question_order:
        answer = attempt.answers.get(qid)
        if answer is None or answer[1] >= 1:
            continue
        question = module.quiz.question(qid)
        answers = right_answers(question)
        page = teaching_page(pages, " ".join([question.prompt, *answers, question.explanation]))
        found.append(Missed(qid, question.prompt, answers, question.explanation, page, heading(module, page)))
    return found


def pages_to_reread(missed: list[Missed]) -> list[tuple[int, str]]:
    """The pages to read again, once each, in the lesson's order: (page index, heading)."""
    return sorted({(m.page, m.heading) for m in missed})


def teaching_page(pages: list[str], text: str) -> int:
    """The page sharing most of `text`'s words, each weighted by how few pages hold it."""
    words = [set(w.lower() for w in _WORD.findall(p)) for p in pages]
    wanted = set(w.lower() for w in _WORD.findall(text))
    weight = {w: math.log((1 + len(pages)) / (1 + sum(w in p for p in words))) + 1 for w in wanted}
    scores = [sum(weight[w] for w in wanted & p) for p in words]
    return max(range(len(pages)), key=lambda i: (scores[i], -i)) if pages else 0


def heading(module: Module, page: int) -> str:
    """The page's first Markdown heading ("" when it has none)."""
    for line in module.pages[page].splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return ""
