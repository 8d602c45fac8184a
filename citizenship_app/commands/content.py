"""`citizenship-app content check | coverage | item-analysis`."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("content", help="validate lessons and quizzes")
    sub = parser.add_subparsers(dest="content_command", required=True, metavar="ACTION")
    check = sub.add_parser("check", help="print every problem as path:line: message")
    check.set_defaults(handler=run_check)
    cov = sub.add_parser("coverage", help="print which tiers teach each policy item")
    cov.add_argument("--json", action="store_true", help="machine-readable output")
    cov.set_defaults(handler=run_coverage)
    items = sub.add_parser(
        "item-analysis", help="each question's difficulty and discrimination from recorded answers"
    )
    items.add_argument("--module", metavar="ID", action="append", help="only this module (repeatable)")
    items.add_argument(
        "--min-responses", type=int, default=None, metavar="N", help="flag a question only after N answers"
    )
    items.add_argument("--json", action="store_true", help="machine-readable output")
    items.set_defaults(handler=run_item_analysis)


def run_check(args) -> int:
    from ..core.checks import check_content
    from ..core.content import load_catalog

    catalog = load_catalog()
    problems = check_content(catalog)
    for problem in problems:
        print(problem)
    total = len(list(catalog.modules))
    if problems:
        print(f"{len(problems)} problem(s); {total} module(s) loaded", file=sys.stderr)
        return 1
    print(f"ok: {total} modules, no problems", file=sys.stderr)
    return 0


def run_coverage(args) -> int:
    from ..core.checks import coverage
    from ..core.content import TIERS, load_catalog

    catalog = load_catalog()
    matrix, gaps = coverage(catalog)
    # Taught, but not required by the procedure: listed apart so no one counts it as coverage.
    beyond = {
        m.id: list(m.meta.beyond_procedure) for m in catalog.modules.values() if m.meta.beyond_procedure
    }
    if args.json:
        print(
            json.dumps(
                {
                    "tiers": list(TIERS),
                    "items": {
                        item: {tier: modules for tier, modules in row.items()} for item, row in matrix.items()
                    },
                    "gaps": [{"item": g.item, "tier": g.tier} for g in gaps],
                    "beyond_procedure": beyond,
                },
                indent=2,
            )
        )
    else:
        width = max(len(item) for item in matrix)
        print(f"{'item':<{width}}  " + "  ".join(f"{t:^6}" for t in TIERS))
        for item, row in matrix.items():
            required = catalog.items[item]["tiers"]
            cells = []
            for tier in TIERS:
                if row[tier]:
                    cells.append(f"{len(row[tier]):^6}")
                elif tier in required:
                    cells.append(f"{'GAP':^6}")
                else:
                    cells.append(f"{'-':^6}")
            print(f"{item:<{width}}  " + "  ".join(cells))
        if beyond:
            print("\nbeyond the procedure (taught, not required by it):")
            for module_id, topics in sorted(beyond.items()):
                print(f"  {module_id}: {'; '.join(topics)}")
        for gap in gaps:
            print(gap, file=sys.stderr)
    if gaps:
        print(f"{len(gaps)} gap(s) in coverage", file=sys.stderr)
        return 1
    return 0


def run_item_analysis(args) -> int:
    from ..core import item_analysis
    from ..core.content import load_catalog
    from ..core.store import open_store

    catalog = load_catalog()
    unknown = [m for m in args.module or () if catalog.get(m) is None]
    if unknown:
        print(f"error: no module {unknown[0]!r} in the catalog (see `content coverage`)", file=sys.stderr)
        return 2
    minimum = item_analysis.MIN_RESPONSES if args.min_responses is None else args.min_responses
    stats = item_analysis.analyse(open_store(args.data_dir), args.module, min_responses=minimum)
    if args.json:
        print(json.dumps({"min_responses": minimum, "questions": [s.as_dict() for s in stats]}, indent=2))
        return 0
    if not stats:
        print("no answers recorded yet", file=sys.stderr)
        return 0
    print(f"{'module':<28} {'question':<16} {'answers':>7} {'right':>6} {'discr.':>6}  flags")
    for s in stats:
        discrimination = "-" if s.discrimination is None else f"{s.discrimination:+.2f}"
        print(
            f"{s.module_id:<28} {s.question_id:<16} {s.responses:>7} {s.difficulty:>6.0%} "
            f"{discrimination:>6}  {' '.join(s.flags)}"
        )
    flagged = sum(1 for s in stats if s.flags)
    print(
        f"{len(stats)} question(s), {flagged} flagged (at least {minimum} answers to flag)", file=sys.stderr
    )
    return 0
