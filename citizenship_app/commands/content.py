"""`citizenship-app content check | coverage`."""

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
    if args.json:
        print(
            json.dumps(
                {
                    "tiers": list(TIERS),
                    "items": {
                        item: {tier: modules for tier, modules in row.items()} for item, row in matrix.items()
                    },
                    "gaps": [{"item": g.item, "tier": g.tier} for g in gaps],
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
        for gap in gaps:
            print(gap, file=sys.stderr)
    if gaps:
        print(f"{len(gaps)} gap(s) in coverage", file=sys.stderr)
        return 1
    return 0
