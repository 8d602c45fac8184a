"""`citizenship-app records [filters] --format csv|json`: completion records, as on the counselor's screen.

    citizenship-app records --school org-hv --grade 04 --status passed --since 2026-09-01 --format csv

Each export is written to the audit log (actor "cli"): format, filter and row count.
"""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    from ..core.records import STATUSES

    parser = subparsers.add_parser(
        "records", help="completion records (one row per student and module), filtered, as CSV or JSON"
    )
    parser.add_argument("--school", metavar="ID", help="school sourcedId")
    parser.add_argument("--grade", metavar="G", help="grade, e.g. KG, 04, 10")
    parser.add_argument("--class", dest="class_id", metavar="ID", help="class sourcedId")
    parser.add_argument("--teacher", metavar="ID", help="teacher sourcedId: the students of their classes")
    parser.add_argument("--module", metavar="ID", help="module id")
    parser.add_argument("--status", choices=STATUSES, help="record status")
    parser.add_argument("--since", metavar="DATE", help="on or after this date (YYYY-MM-DD)")
    parser.add_argument("--until", metavar="DATE", help="on or before this date (YYYY-MM-DD)")
    parser.add_argument("--search", metavar="TEXT", help="part of a student's name, or their username or id")
    parser.add_argument("--format", choices=("csv", "json"), required=True)
    parser.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..core import records
    from ..core.access import SYSTEM
    from ..core.content import load_catalog
    from ..core.store import open_store
    from .errors import UserError

    try:
        flt = records.RecordFilter(
            school_id=args.school,
            grade=args.grade,
            class_id=args.class_id,
            teacher_id=args.teacher,
            module_id=args.module,
            status=args.status,
            since=args.since,
            until=args.until,
            search=args.search,
        )
    except ValueError as exc:
        raise UserError(f"{exc} (dates are YYYY-MM-DD)") from None
    db = open_store(args.data_dir)
    catalog = load_catalog()
    if args.module and catalog.get(args.module) is None:
        raise UserError(f"no module {args.module!r} in the catalog")
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
    try:
        n = records.export_records(db, SYSTEM, catalog.modules.values(), flt, args.format, out)
    finally:
        if args.output:
            out.close()
    if args.output:
        print(f"{n} record(s) written to {args.output}", file=sys.stderr)
    return 0
