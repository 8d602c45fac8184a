"""Grading: is a response right, what feedback does the student see, did the attempt pass.

Responses are plain JSON values so they can be stored as they were given:
- single, true_false, picture, scenario: ``["b"]`` (the chosen choice id)
- multiple: ``["a", "c"]`` (every chosen id, any order)
- ordering: ``["c", "a", "b"]`` (choice ids in the order the student put them)
- matching: ``{"p1": "p3", ...}`` (left pair id -> the pair id whose right side was chosen)

Each graded response has a score from 0 to 1. Every type scores 1 or 0, except ordering: its
score is the share of adjacent steps the student kept together and in order, so swapping two
neighbours costs part of the credit, not all of it. An attempt's points are the sum of its
scores; its percent and pass compare points with the number of questions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from .content import Question

Response = list[str] | dict[str, str]


#: Points are rounded to this many places before they are compared with a pass mark, so that
#: 1/3 + 2/3 counts as 1 and floating-point dust never fails a student.
POINT_PLACES = 6


@dataclass(frozen=True)
class Note:
    """One line of feedback and the part of the answer it is about (a choice's or step's
    words, a matching item): the screen says which choice a line means."""

    about: str
    text: str


@dataclass(frozen=True)
class Graded:
    correct: bool
    feedback: tuple[str, ...]  # why, for each part the student chose or got wrong
    explanation: str
    score: float  # 0..1: 1 when correct; ordering may earn part of it
    #: The feedback again, each line with what it is about.
    notes: tuple[Note, ...] = ()
    #: The right answer, to show after any answer: the right choice ids; the steps in the
    #: right order; every matching pair id (each left item goes with its own right side).
    right_ids: tuple[str, ...] = ()
    #: What the student got wrong: a wrong choice picked, a right one missed (choose-all), a
    #: misplaced step, a mismatched pair.
    wrong_ids: tuple[str, ...] = ()


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
        pairs = wrong or question.pairs
        return Graded(
            not wrong,
            tuple(p.feedback for p in pairs),
            question.explanation,
            float(not wrong),
            tuple(Note(p.left, p.feedback) for p in pairs),
            tuple(p.id for p in question.pairs),
            tuple(p.id for p in wrong),
        )
    if not isinstance(response, list) or not all(isinstance(x, str) for x in response):
        raise InvalidResponse("a response is a list of choice ids")
    by_id = {c.id: c for c in question.choices}
    if not set(response) <= set(by_id):
        raise InvalidResponse(f"unknown choice in {response!r}")
    if kind == "ordering":
        if sorted(response) != sorted(by_id):
            raise InvalidResponse("an ordering response lists every choice once")
        right = [c.id for c in question.choices]
        misplaced = [by_id[cid] for cid, want in zip(response, right, strict=True) if cid != want]
        score = ordering_score(right, response)
        return _graded(question, not misplaced, misplaced or question.choices, right, misplaced, score)
    chosen = set(response)
    if kind != "multiple" and len(chosen) != 1:
        raise InvalidResponse("choose exactly one answer")
    if kind == "multiple" and not chosen:
        raise InvalidResponse("choose at least one answer")
    correct_ids = {c.id for c in question.choices if c.correct}
    correct = chosen == correct_ids
    right = [c.id for c in question.choices if c.correct]
    if kind == "multiple":
        # Feedback for every choice the student got wrong: picked a wrong one or missed a right one.
        missed = [c for c in question.choices if (c.id in chosen) != bool(c.correct)]
        shown = missed or [by_id[i] for i in response]
        return _graded(question, correct, shown, right, missed, float(correct))
    picked = by_id[response[0]]
    return _graded(question, correct, [picked], right, [] if correct else [picked], float(correct))


def _graded(
    question: Question, correct: bool, shown: list, right: list[str], wrong: list, score: float
) -> Graded:
    """A graded choice or ordering answer: feedback for the `shown` choices, each with its words."""
    return Graded(
        correct,
        tuple(c.feedback for c in shown),
        question.explanation,
        score,
        tuple(Note(c.text, c.feedback) for c in shown),
        tuple(right),
        tuple(c.id for c in wrong),
    )


def ordering_score(right: list[str], response: list[str]) -> float:
    """Share of the right order's adjacent pairs (step i, step i+1) that the response also has
    next to each other, in that order: 1 when all in order, 0 when none is."""
    if len(right) < 2:
        return 1.0 if response == right else 0.0
    position = {cid: n for n, cid in enumerate(right)}
    kept = sum(position[b] == position[a] + 1 for a, b in pairwise(response))
    return kept / (len(right) - 1)


def points(scores: Iterable[float]) -> float:
    """The sum of question scores, rounded so that thirds add up to whole points."""
    return round(sum(scores), POINT_PLACES)


def score_percent(correct: float, total: int) -> int:
    """Whole percent, rounded down so that a pass is never rounded into existence."""
    return math.floor(round(100 * correct / total, POINT_PLACES)) if total else 0


def passed(correct: float, total: int, pass_mark: int) -> bool:
    return total > 0 and round(correct * 100, POINT_PLACES) >= pass_mark * total
