"""Item-writing rule figures and bank sizes per tier, for reports (English quizzes).

    .venv/bin/python tools/bank_figures.py [--modules]

Per tier: the share of single-answer questions whose right answer is the strictly longest
choice, the true/false True share, choose-all questions with fewer than two wrong options,
and how many modules are banks (questions >= 2 x draw). `--modules` also lists each module's
question count and draw, and how the bank rotates over 200 simulated retakes: questions a
retake repeats from the attempt before (mean), and questions drawn in fewer than 10% of them.
"""

from __future__ import annotations

import sys
from collections import Counter

from citizenship_app.core.bank import draw_questions
from citizenship_app.core.content import TIERS, Module, load_catalog
from citizenship_app.core.itemrules import rule_figures


def main(argv: list[str]) -> int:
    catalog = load_catalog()
    figures = rule_figures(catalog)["en"]
    print(
        "| tier | longest right / single | true / true-false | thin choose-all / choose-all "
        "| banks / modules | questions |"
    )
    print("|------|------|------|------|------|------|")
    for tier in TIERS:
        f = figures.get(tier)
        modules = catalog.for_tier(tier)
        if f is None:
            continue
        banks = sum(m.quiz.draw is not None and len(m.quiz.questions) >= 2 * m.quiz.draw for m in modules)
        total = sum(len(m.quiz.questions) for m in modules)
        print(
            f"| {tier} | {f.longest}/{f.single} ({f.longest_share():.0%}) "
            f"| {f.true_answers}/{f.true_false} ({f.true_share():.0%}) "
            f"| {f.multiple_thin}/{f.multiple} | {banks}/{len(modules)} | {total} |"
        )
    if "--modules" in argv:
        print()
        for tier in TIERS:
            for m in catalog.for_tier(tier):
                print(f"{m.id}: {len(m.quiz.questions)} questions, draw {m.quiz.draw or '-'}{rotation(m)}")
    return 0


def rotation(module: Module, retakes: int = 200) -> str:
    """', repeats R per retake, rarely drawn: q3' for a bank; '' for a quiz that asks everything."""
    if module.quiz.draw is None:
        return ""
    counts: Counter[str] = Counter()
    last: list[str] = []
    repeats = 0
    for n in range(retakes):
        drawn = draw_questions(module.quiz, module.meta.policy_items, f"figures-{n}", avoid=last)
        repeats += len(set(drawn) & set(last))
        counts.update(drawn)
        last = drawn
    rare = [q.id for q in module.quiz.questions if counts[q.id] < retakes / 10]
    return f", repeats {repeats / (retakes - 1):.2f} per retake, rarely drawn: {', '.join(rare) or 'none'}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
