"""Item analysis on bench data: every shipped module, taken through the real attempt API by
simulated students whose answers follow a known model, then `core.item_analysis.analyse`.

    python bench/item_analysis.py [--attempts 120] [--seed 2314] [--json]

The demo school's students take each module `--attempts` times (banks draw as shipped, so each
question gets its share). Each question gets a planted difficulty (a logistic item: the chance
of a right answer rises with the student's ability); in every module one question is planted
too easy (always right), one too hard (almost never right) and one miskeyed (the stronger the
student, the likelier wrong). The run reports how many of the planted flags the analysis finds
and how many it raises on questions planted ordinary (false alarms), and the time it takes.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citizenship_app.core import item_analysis, progress  # noqa: E402
from citizenship_app.core.content import load_catalog  # noqa: E402
from citizenship_app.core.demo import load_demo  # noqa: E402
from citizenship_app.core.store import open_store  # noqa: E402

EASY, HARD, MISKEYED = "too-easy", "too-hard", "negative"


def response(question, right: bool):
    """What a student submits: the right answer, or a wrong one of the question's own shape."""
    ids = question.correct_ids
    if question.type == "ordering":
        return list(ids) if right else list(reversed(ids))
    if question.type == "matching":
        return {p: (p if right else ids[(i + 1) % len(ids)]) for i, p in enumerate(ids)}
    wrong = [c.id for c in question.choices if not c.correct]
    return list(ids) if right else wrong[:1]


def plant(module, rng: random.Random) -> dict[str, tuple[str | None, float]]:
    """question id -> (planted flag or None, item difficulty b of the logistic model)."""
    questions = [q.id for q in module.quiz.questions]
    easy, hard, miskeyed = rng.sample(questions, 3)
    planted = {q: (None, rng.uniform(-1.5, 0.5)) for q in questions}
    planted[easy] = (EASY, 0.0)
    planted[hard] = (HARD, 0.0)
    planted[miskeyed] = (MISKEYED, 0.0)
    return planted


def p_right(flag: str | None, b: float, ability: float) -> float:
    if flag == EASY:
        return 1.0
    if flag == HARD:
        return 0.03
    if flag == MISKEYED:
        return 1 / (1 + math.exp(2.5 * ability))
    return 1 / (1 + math.exp(-1.7 * (ability - b)))


def run(attempts: int, seed: int) -> dict:
    rng = random.Random(seed)
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as folder:
        db = open_store(Path(folder))
        load_demo(db)
        students = [r[0] for r in db.execute("SELECT sourced_id FROM people WHERE role = 'student'")]
        abilities = {s: rng.gauss(0, 1) for s in students}
        planted: dict[tuple[str, str], tuple[str | None, float]] = {}
        started = time.perf_counter()
        answers = 0
        for module in catalog.modules.values():
            plan = plant(module, rng)
            planted.update({(module.id, q): v for q, v in plan.items()})
            by_id = {q.id: q for q in module.quiz.questions}
            for n in range(attempts):
                student = students[n % len(students)]
                attempt = progress.start_attempt(db, student, module)
                for qid in attempt.question_order:
                    flag, b = plan[qid]
                    right = rng.random() < p_right(flag, b, abilities[student])
                    progress.record_answer(db, attempt, by_id[qid], response(by_id[qid], right))
                    answers += 1
                progress.submit_attempt(db, attempt, module)
        simulated = time.perf_counter() - started
        started = time.perf_counter()
        stats = item_analysis.analyse(db, list(catalog.modules))
        analysed = time.perf_counter() - started
        db.conn.close()
    found = {(s.module_id, s.question_id): set(s.flags) for s in stats}
    enough = {(s.module_id, s.question_id) for s in stats if s.responses >= item_analysis.MIN_RESPONSES}
    result: dict = {"modules": len(catalog.modules), "attempts_per_module": attempts, "answers": answers}
    result["questions_analysed"] = len(stats)
    result["min_responses"] = item_analysis.MIN_RESPONSES
    for flag in (EASY, HARD, MISKEYED):
        wanted = [k for k, (f, _b) in planted.items() if f == flag]
        judged = [k for k in wanted if k in enough]  # answered often enough to be flagged at all
        hits = [k for k in judged if flag in found[k]]
        result[flag] = {"planted": len(wanted), "with_enough_answers": len(judged), "found": len(hits)}
    ordinary = [k for k, (f, _b) in planted.items() if f is None and k in enough]
    alarms = [k for k in ordinary if found[k] & {MISKEYED}]
    result["ordinary_questions"] = len(ordinary)
    result["ordinary_flagged_negative"] = len(alarms)
    result["ordinary_flagged_any"] = len([k for k in ordinary if found[k]])
    result["seconds_simulating"] = round(simulated, 1)
    result["seconds_analysing"] = round(analysed, 2)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=120, help="attempts at each module")
    parser.add_argument("--seed", type=int, default=2314)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.attempts, args.seed)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{result['modules']} modules x {args.attempts} attempts: {result['answers']} answers")
    for flag in (EASY, HARD, MISKEYED):
        r = result[flag]
        print(
            f"  {flag:<9} planted {r['planted']}, answered enough {r['with_enough_answers']},"
            f" found {r['found']}"
        )
    print(
        f"  ordinary questions {result['ordinary_questions']}:"
        f" flagged negative {result['ordinary_flagged_negative']},"
        f" any flag {result['ordinary_flagged_any']}"
    )
    print(f"  simulating {result['seconds_simulating']} s, analysing {result['seconds_analysing']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
