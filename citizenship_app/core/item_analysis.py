"""Item analysis: how hard each quiz question is and whether it tells learners apart.

From the answers of submitted attempts: a question's *difficulty* is the share of its answers
that were right (1.0 = everyone right), and its *discrimination* is the point-biserial
correlation between being right on it and the score on the rest of the same attempt (the
question itself left out, so it does not correlate with itself). A good item is answered right
more often by students who do well on the rest of the quiz; a negative value means strong
students get it wrong more often than weak ones: usually a miskeyed or misleading item.

Flags (codes, translated by whoever shows them): `too-easy`, `too-hard`, `negative`,
`weak` (discrimination below `WEAK`), judged only once a question has `min_responses` answers.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import access
from .store import Store

TOO_EASY = 0.95  # nearly everyone right: the item measures nothing
TOO_HARD = 0.25  # at or below chance for most single-answer items
WEAK = 0.15  # the conventional floor for a point-biserial worth keeping
MIN_RESPONSES = 30

FLAGS = ("too-easy", "too-hard", "negative", "weak")


@dataclass(frozen=True)
class ItemStat:
    module_id: str
    question_id: str
    responses: int
    difficulty: float  # share right, 0..1 (ordering partial credit counts as its share)
    discrimination: float | None  # point-biserial; None when undefined (no variance)
    flags: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {
            "module": self.module_id,
            "question": self.question_id,
            "responses": self.responses,
            "difficulty": round(self.difficulty, 3),
            "discrimination": None if self.discrimination is None else round(self.discrimination, 3),
            "flags": list(self.flags),
        }


def _point_biserial(pairs: list[tuple[float, float]]) -> float | None:
    """Pearson correlation of (item score, rest score); for a 0/1 item this is the point-biserial."""
    n = len(pairs)
    if n < 2:
        return None
    mean_x = sum(x for x, _ in pairs) / n
    mean_y = sum(y for _, y in pairs) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in pairs)
    syy = sum((y - mean_y) ** 2 for _, y in pairs)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    return sxy / math.sqrt(sxx * syy)


def _flags(difficulty: float, discrimination: float | None, responses: int, min_responses: int) -> tuple:
    if responses < min_responses:
        return ()
    flags = []
    if difficulty >= TOO_EASY:
        flags.append("too-easy")
    if difficulty <= TOO_HARD:
        flags.append("too-hard")
    if discrimination is not None and discrimination < 0:
        flags.append("negative")
    elif discrimination is not None and discrimination < WEAK:
        flags.append("weak")
    return tuple(flags)


def _answers(
    db: Store, module_ids: Iterable[str] | None, person_ids: Iterable[str] | None
) -> list[tuple[str, str, str, float]]:
    """(attempt, module, question, score) for every answer of a submitted attempt in scope."""
    sql = [
        """SELECT a.attempt_id, t.module_id, a.question_id, a.correct
           FROM quiz_answers a JOIN quiz_attempts t ON t.id = a.attempt_id
           WHERE t.submitted_at IS NOT NULL"""
    ]
    params: list = []
    for column, values in (("t.module_id", module_ids), ("t.person_id", person_ids)):
        if values is not None:
            values = list(values)
            if not values:
                return []
            # json_each keeps one parameter however many ids a school has.
            sql.append(f"AND {column} IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(values))
    return db.execute(" ".join(sql), params).fetchall()


def analyse(
    db: Store,
    module_ids: Iterable[str] | None = None,
    person_ids: Iterable[str] | None = None,
    min_responses: int = MIN_RESPONSES,
) -> list[ItemStat]:
    """Every answered question in scope, hardest first (lowest difficulty)."""
    by_attempt: dict[str, dict[str, float]] = defaultdict(dict)
    module_of: dict[str, str] = {}
    for attempt_id, module_id, question_id, score in _answers(db, module_ids, person_ids):
        by_attempt[attempt_id][question_id] = float(score)
        module_of[attempt_id] = module_id
    pairs: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for attempt_id, scores in by_attempt.items():
        total = sum(scores.values())
        others = len(scores) - 1
        for question_id, score in scores.items():
            rest = (total - score) / others if others else 0.0
            pairs[(module_of[attempt_id], question_id)].append((score, rest))
    stats = []
    for (module_id, question_id), values in pairs.items():
        difficulty = sum(x for x, _ in values) / len(values)
        discrimination = _point_biserial(values)
        stats.append(
            ItemStat(
                module_id,
                question_id,
                len(values),
                difficulty,
                discrimination,
                _flags(difficulty, discrimination, len(values), min_responses),
            )
        )
    stats.sort(key=lambda s: (s.difficulty, s.module_id, s.question_id))
    return stats


def hardest(stats: list[ItemStat], count: int = 10, min_responses: int = 5) -> list[ItemStat]:
    """The questions a class or school gets wrong most: a teacher's reteaching list."""
    return [s for s in stats if s.responses >= min_responses][:count]


#: In the staff screens' "hardest questions" view, a question is listed from this many answers
#: and flagged from VIEW_MIN_RESPONSES (a class is smaller than the authors' 30).
VIEW_LISTED = 5
VIEW_MIN_RESPONSES = 10


def class_hardest(db: Store, actor: access.Actor, class_id: str, count: int = 10) -> list[ItemStat]:
    """The hardest questions for one class's students: its teacher (or a counselor or an
    administrator of its school) may see them; NotAllowed for anyone else."""
    access.require_class(db, actor, class_id, manage=False)
    students = [
        r[0]
        for r in db.execute(
            """SELECT person_id FROM enrollments
               WHERE class_id = ? AND role = 'student' AND status = 'active'""",
            [class_id],
        )
    ]
    return hardest(analyse(db, person_ids=students, min_responses=VIEW_MIN_RESPONSES), count, VIEW_LISTED)


def school_hardest(db: Store, actor: access.Actor, count: int = 10) -> list[ItemStat]:
    """The hardest questions across the actor's schools (a counselor's own, an
    administrator's every school); NotAllowed for a teacher."""
    access.require_records(db, actor)
    schools = access.counselor_school_ids(db, actor)
    students = None
    if schools is not None:
        students = [
            r[0]
            for r in db.execute(
                """SELECT DISTINCT e.person_id FROM enrollments e
                   JOIN classes c ON c.sourced_id = e.class_id
                   WHERE e.role = 'student' AND c.school_id IN (SELECT value FROM json_each(?))""",
                [json.dumps(schools)],
            )
        ]
    return hardest(analyse(db, person_ids=students, min_responses=VIEW_MIN_RESPONSES), count, VIEW_LISTED)
