"""`citizenship-app compliance --school-year YYYY [--school ID] [--json | --pdf FILE]`.

The school year is OneRoster's `schoolYear`: the year it ends (2027 for 2026-2027). Without
--json or --pdf a table is printed. The PDF is the CIPA evidence report (PDF/A-1b).
Each run is written to the audit log (actor "cli"): a view, or an export with its format.
"""

from __future__ import annotations

import json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "compliance", help="per school and grade: students who completed every required module"
    )
    parser.add_argument(
        "--school-year",
        required=True,
        metavar="YYYY",
        help="the year the school year ends (2027 for 2026-2027)",
    )
    parser.add_argument("--school", metavar="ID", help="one school only")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="machine-readable output")
    out.add_argument("--pdf", metavar="FILE", help="write the PDF compliance report to FILE")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..cli import UserError
    from ..core import compliance
    from ..core.access import SYSTEM
    from ..core.content import load_catalog
    from ..core.store import open_store

    db = open_store(args.data_dir)
    try:
        year = compliance.school_year(db, args.school_year)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    exporting = bool(args.json or args.pdf)  # an export is audited as such, not also as a view
    summary = compliance.compliance(
        db,
        SYSTEM,
        load_catalog().modules.values(),
        year,
        args.school,
        months=args.json,
        audited=not exporting,
    )
    if args.school and not summary.rows:
        raise UserError(f"no students enrolled at school {args.school!r}")
    if args.json:
        print(json.dumps(compliance.export_json(db, SYSTEM, summary), indent=2, ensure_ascii=False))
    elif args.pdf:
        from ..reports import exports

        try:
            path = exports.compliance_pdf(db, SYSTEM, summary, args.pdf)
        except OSError as exc:
            raise UserError(f"cannot write {args.pdf}: {exc}") from None
        print(f"compliance report for {year.title} written to {path}")
    else:
        print(f"{summary.district}: school year {year.title}")
        print(f"{'School':40} {'Grade':>5} {'Enrolled':>9} {'Completed':>9} {'%':>6}")
        for r in summary.rows:
            print(f"{r.school[:40]:40} {r.grade:>5} {r.enrolled:>9} {r.completed:>9} {r.percent:>6.1f}")
        t = summary.total
        print(f"{'All schools':40} {'':>5} {t.enrolled:>9} {t.completed:>9} {t.percent:>6.1f}")
    return 0
