"""Grading: is a response right, what feedback does the student see, did the attempt pass.

Responses are plain JSON values so they can be stored as they were given:
- single, true_false, picture, scenario: ``["b"]`` (the chosen choice id)
- multiple: ``["a", "c"]`` (every chosen id, any order)
- ordering: ``["c", "a", "b"]`` (choice ids in the order the student put them)
- matching: ``{"p1": "p3", ...}`` (left pair id -> the pair id whose right side was chosen)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .content import Question

Response = list[str] | dict[str, str]


@dataclass(frozen=True)
class Graded:
    correct: bool
    feedback: tuple[str, ...]  # why, for each part the student chose or got wrong
    explanation: str


class InvalidResponse(ValueError):
    """The response does not fit the question (unknown ids, wrong shape)."""


def grade(question: Question, response: Response) -> Graded:
    """Grade one response; raise InvalidResponse if it names ids the question lacks."""
    kind = question.type
    if kind == "matching":
        if not isinstance(response, dict):
            raise InvalidResponse("a matching response maps each left item to a right item")
        pair_ids = {p.id for p in question.pairs}
        if set(response) != pair_ids or not set(response.values()) <= pair_ids:
            raise InvalidResponse("match every left item to one of the right items")
        wrong = [p for p in question.pairs if response[p.id] != p.id]
        feedback = tuple(p.feedback for p in (wrong or question.pairs))
        return Graded(not wrong, feedback, question.explanation)
    if not isinstance(response, list) or not all(isinstance(x, str) for x in response):
        raise InvalidResponse("a response is a list of choice ids")
    by_id = {c.id: c for c in question.choices}
    if not set(response) <= set(by_id):
        raise InvalidResponse(f"unknown choice in {response!r}")
    if kind == "ordering":
        if sorted(response) != sorted(by_id):
            raise InvalidResponse("an ordering response lists every choice once")
        right = [c.id for c in question.choices]
        misplaced = [by_id[cid] for cid, want in zip(response, right) if cid != want]
        feedback = tuple(c.feedback for c in (misplaced or question.choices))
        return Graded(not misplaced, feedback, question.explanation)
    chosen = set(response)
    if kind != "multiple" and len(chosen) != 1:
        raise InvalidResponse("choose exactly one answer")
    if kind == "multiple" and not chosen:
        raise InvalidResponse("choose at least one answer")
    correct_ids = {c.id for c in question.choices if c.correct}
    correct = chosen == correct_ids
    if kind == "multiple":
        # Feedback for every choice the student got wrong: picked a wrong one or missed a right one.
        wrong = [c for c in question.choices if (c.id in chosen) != bool(c.correct)]
        feedback = tuple(c.feedback for c in (wrong or [by_id[i] for i in response]))
    else:
        feedback = (by_id[response[0]].feedback,)
    return Graded(correct, feedback, question.explanation)


def score_percent(correct: int, total: int) -> int:
    """Whole percent, rounded down so that a pass is never rounded into existence."""
    return math.floor(100 * correct / total) if total else 0


def passed(correct: int, total: int, pass_mark: int) -> bool:
    return total > 0 and correct * 100 >= pass_mark * total
