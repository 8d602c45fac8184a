"""Question banks: a quiz with `draw = N` asks each attempt N of its questions.

The draw is seeded by the attempt id (the same set on every resume, a fresh one on a retake),
covers every policy item the lesson teaches within the draw, prefers questions the student
was not asked last time, and keeps the authored order (easy to hard):

    >>> draw_questions(module.quiz, module.meta.policy_items, attempt_id, avoid=last_order)

`check_bank(module)` is what `content check` reports about a bank: at least twice as many
questions as the draw, every item checked by two questions or more, a draw no smaller than
the tier's minimum quiz, and one that always covers every item.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable

from .content import MIN_QUESTIONS, Module, Problem, Quiz, _key_line

#: Attempts simulated by check_bank (deterministic seeds, each a retake of the one before).
SIMULATED_ATTEMPTS = 200


def draw_questions(quiz: Quiz, items: list[str], seed: str, avoid: Iterable[str] = ()) -> list[str]:
    """The ids of the questions one attempt asks, in authored order.

    While an item is unchecked, take a question that checks one: preferably one not in
    `avoid`, then one that checks more unchecked items, but only if what is left can still be
    covered within the draw (else the question that checks most). Then fill up to the draw,
    unseen questions first. Random order breaks ties, seeded by `seed`.
    """
    if quiz.draw is None or quiz.draw >= len(quiz.questions):
        return [q.id for q in quiz.questions]
    avoid = set(avoid)
    pool = list(quiz.questions)
    random.Random(f"draw:{seed}").shuffle(pool)
    pool.sort(key=lambda q: q.id in avoid)  # stable: unseen first, random within each group
    chosen: list = []
    unchecked = set(items)
    while unchecked:
        useful = [q for q in pool if unchecked & set(q.policy_items)]
        if not useful:
            break  # an item no question checks: content check reports it
        budget = quiz.draw - len(chosen) - 1
        ranked = sorted(useful, key=lambda q: (q.id in avoid, -len(unchecked & set(q.policy_items))))
        best = next(
            (
                q
                for q in ranked
                if _cover_size([p for p in pool if p is not q], unchecked - set(q.policy_items)) <= budget
            ),
            max(useful, key=lambda q: len(unchecked & set(q.policy_items))),
        )
        chosen.append(best)
        pool.remove(best)
        unchecked -= set(best.policy_items)
    chosen += pool[: max(0, quiz.draw - len(chosen))]
    picked = {q.id for q in chosen}
    return [q.id for q in quiz.questions if q.id in picked]


def _cover_size(pool: list, unchecked: set) -> float:
    """How many questions a greedy cover of `unchecked` takes from `pool` (inf if it cannot)."""
    unchecked, count = set(unchecked), 0
    while unchecked:
        best = max(pool, key=lambda q: len(unchecked & set(q.policy_items)), default=None)
        if best is None or not unchecked & set(best.policy_items):
            return float("inf")
        unchecked -= set(best.policy_items)
        pool = [q for q in pool if q is not best]
        count += 1
    return count


def check_bank(module: Module) -> list[Problem]:
    quiz, path, tier = module.quiz, module.quiz_path, module.tier
    if quiz.draw is None:
        return []
    line = _key_line(path, "draw")
    problems = []
    total = len(quiz.questions)
    if total < 2 * quiz.draw:
        problems.append(
            Problem(
                path,
                line,
                f"draw = {quiz.draw} needs a bank of at least {2 * quiz.draw} "
                f"questions (twice the draw); it has {total}",
            )
        )
    if quiz.draw < MIN_QUESTIONS[tier]:
        problems.append(
            Problem(
                path,
                line,
                f"draw = {quiz.draw} is fewer than the {MIN_QUESTIONS[tier]} questions "
                f"a {tier} quiz asks at least",
            )
        )
    cited = Counter(i for q in quiz.questions for i in q.policy_items)
    for item in module.meta.policy_items:
        if cited[item] < 2:
            problems.append(
                Problem(
                    path,
                    line,
                    f"in a bank, each item needs two questions or more: "
                    f"{item!r} is checked by {cited[item]} question(s)",
                )
            )
    items = set(module.meta.policy_items)
    last: list[str] = []
    for n in range(SIMULATED_ATTEMPTS):
        drawn = draw_questions(quiz, module.meta.policy_items, f"check-{n}", avoid=last)
        covered = {i for qid in drawn for i in quiz.question(qid).policy_items}
        if len(drawn) != quiz.draw or not items <= covered:
            problems.append(
                Problem(
                    path,
                    line,
                    f"draw = {quiz.draw} cannot always cover the lesson's "
                    f"{len(items)} items ({len(drawn)} questions were needed, or an "
                    "item was missed): raise the draw, or let questions check more items",
                )
            )
            break
        last = drawn
    return problems
