"""Item-writing rule figures and bank sizes per tier, for reports (English quizzes).

    .venv/bin/python tools/bank_figures.py [--modules]

Per tier: the share of single-answer questions whose right answer is the strictly longest
choice, the true/false True share, choose-all questions with fewer than two wrong options,
and how many modules are banks (questions >= 2 x draw). `--modules` also lists each module's
question count and draw.
"""

from __future__ import annotations

import sys

from citizenship_app.core.content import TIERS, load_catalog
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
                print(f"{m.id}: {len(m.quiz.questions)} questions, draw {m.quiz.draw or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
