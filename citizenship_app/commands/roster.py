"""`citizenship-app roster import PATH [--allow-removals] [--json]` and `roster summary [--json]`.

    $ citizenship-app --data-dir D roster import exports/roster.zip --json
    {"imported": {"orgs": 2, ..., "enrollments": 31}, "errors": [], "removals": {...}, ...}

On any error nothing is imported, every problem is listed (`file:line: column: message` on
stderr, or in the JSON's "errors" with `"imported": {}`) and the exit status is 1. A bulk
import that would remove people, classes or enrollments the store holds (a cut-short SIS
export) is refused the same way, with the counts ("refused": "removals"), unless
`--allow-removals` is given: then the store is backed up first ("backup") and the removed
rows are kept, marked inactive, with their records.
"""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("roster", help="import a OneRoster roster, or show what is imported")
    sub = parser.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    importer = sub.add_parser("import", help="import a OneRoster 1.1/1.2 CSV folder or .zip (all or nothing)")
    importer.add_argument("path", metavar="PATH", help="the roster folder, or a .zip of its CSV files")
    importer.add_argument(
        "--allow-removals",
        action="store_true",
        help="let a bulk import remove people, classes or enrollments it no longer lists "
        "(backed up first; they are kept, marked inactive, with their records)",
    )
    importer.add_argument("--json", action="store_true", help="print the result as JSON")
    importer.set_defaults(handler=run_import)
    summary = sub.add_parser(
        "summary", help="count the orgs, sessions, courses, classes, users and enrollments"
    )
    summary.add_argument("--json", action="store_true", help="print the counts as JSON")
    summary.set_defaults(handler=run_summary)


def run_import(args) -> int:
    from ..core.roster import import_roster
    from ..core.store import open_store

    db = open_store(args.data_dir)
    try:
        result = import_roster(db, args.path, allow_removals=args.allow_removals)
    finally:
        db.conn.close()
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif result.refused:
        print(f"citizenship-app: {args.path}: {result.errors[0].message}", file=sys.stderr)
    else:
        for error in result.errors:
            print(error, file=sys.stderr)
        if result.errors:
            print(
                f"citizenship-app: {len(result.errors)} problem(s) found in {args.path}; nothing was "
                "imported. Fix them and import again.",
                file=sys.stderr,
            )
        else:
            print(f"imported {args.path}: {_counts(result.imported)}")
            if any(result.removals.values()):
                print(
                    f"marked inactive (kept with their records): "
                    f"{_counts({k: n for k, n in result.removals.items() if n})}; backup: {result.backup}"
                )
    return 1 if result.errors else 0


def run_summary(args) -> int:
    from ..core.roster import roster_summary
    from ..core.store import open_store

    db = open_store(args.data_dir)
    try:
        counts = roster_summary(db)
    finally:
        db.conn.close()
    if args.json:
        print(json.dumps({"imported": counts, "errors": []}, indent=2))
    else:
        print(_counts(counts))
    return 0


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items())
