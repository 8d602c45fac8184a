"""`citizenship-app compliance --school-year YYYY [--school ID] [--json | --pdf FILE]`,
`compliance close --school-year YYYY [--early]` and `compliance verify FILE [--json]`.

The school year is OneRoster's `schoolYear`: the year it ends (2027 for 2026-2027). Without
--json or --pdf a table is printed. The PDF is the CIPA evidence report (PDF/A-1b) with the
SHA-256 fingerprint of the completion records it counts; `verify` recomputes that fingerprint
from the database. `close` freezes a year's reports: later runs for that year print the frozen
report, whatever the roster says. Each run is written to the audit log (actor "cli").
"""

from __future__ import annotations

import json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "compliance", help="per school, grade and class: students who completed every required module"
    )
    parser.add_argument(
        "--school-year", metavar="YYYY", help="the year the school year ends (2027 for 2026-2027)"
    )
    parser.add_argument("--school", metavar="ID", help="one school only")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="machine-readable output")
    out.add_argument("--pdf", metavar="FILE", help="write the PDF compliance report to FILE")
    parser.set_defaults(handler=run)
    actions = parser.add_subparsers(dest="compliance_action", metavar="[close | verify]")
    close = actions.add_parser(
        "close", help="close a school year: freeze its reports with their fingerprints"
    )
    close.add_argument("--school-year", metavar="YYYY", required=True, dest="close_year")
    close.add_argument(
        "--early", action="store_true", help="close before the year's last day (every record is in)"
    )
    close.set_defaults(handler=run_close)
    verify = actions.add_parser("verify", help="check a compliance PDF's fingerprint against the records")
    verify.add_argument("file", metavar="FILE")
    verify.add_argument("--json", action="store_true", dest="verify_json", help="machine-readable output")
    verify.set_defaults(handler=run_verify)


def _year(db, value: str | None):
    from ..core import compliance
    from .errors import UserError

    if not value:
        raise UserError("--school-year YYYY is required (the year the school year ends: 2027 for 2026-2027)")
    try:
        return compliance.school_year(db, value)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def run(args) -> int:
    from ..core import filing
    from ..core.access import SYSTEM
    from ..core.content import load_catalog
    from ..core.store import open_store
    from .errors import UserError

    db = open_store(args.data_dir)
    year = _year(db, args.school_year)
    catalog = load_catalog()
    if args.json:
        data = filing.export_json(db, SYSTEM, catalog, year, args.school)
        if args.school and not data["grades"]:
            raise UserError(f"no students enrolled at school {args.school!r}")
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if args.pdf:
        from ..reports import exports

        try:
            path, rep = exports.compliance_pdf(db, SYSTEM, catalog, year, args.pdf, args.school)
        except OSError as exc:
            raise UserError(f"cannot write {args.pdf}: {exc}") from None
        frozen = " (frozen when the year was closed)" if rep.frozen_at else ""
        print(f"compliance report for {year.title}{frozen} written to {path}")
        print(f"SHA-256 {rep.fingerprint} of {rep.records} completion records")
        return 0
    rep = filing.report(db, SYSTEM, catalog, year, args.school)
    if args.school and not rep.grades:
        raise UserError(f"no students enrolled at school {args.school!r}")
    print(f"{rep.district}: school year {year.title}" + (" (closed: frozen report)" if rep.frozen_at else ""))
    print(f"{'School':40} {'Grade':>5} {'Enrolled':>9} {'Completed':>9} {'%':>6}")
    for r in rep.grades:
        print(f"{r.school[:40]:40} {r.label:>5} {r.enrolled:>9} {r.completed:>9} {r.percent:>6.1f}")
    t = rep.total
    print(f"{'All schools':40} {'':>5} {t.enrolled:>9} {t.completed:>9} {t.percent:>6.1f}")
    print(f"staff: {rep.staff_trained} of {len(rep.staff)} completed every staff module")
    print(f"SHA-256 {rep.fingerprint} of {rep.records} completion records")
    return 0


def run_close(args) -> int:
    from ..core import filing
    from ..core.access import SYSTEM
    from ..core.content import load_catalog
    from ..core.store import open_store
    from .errors import UserError

    db = open_store(args.data_dir)
    year = _year(db, args.close_year)
    try:
        reports = filing.close_year(db, SYSTEM, load_catalog(), year, early=args.early)
    except filing.YearError as exc:
        raise UserError(str(exc)) from None
    print(f"school year {year.title} closed: {len(reports)} reports frozen")
    print(f"district: SHA-256 {reports[0].fingerprint} of {reports[0].records} completion records")
    return 0


def run_verify(args) -> int:
    """Exit 0 when the file's fingerprint matches the records, 1 when it does not."""
    from ..core import filing
    from ..core.access import SYSTEM
    from ..core.content import load_catalog
    from ..core.store import open_store
    from ..reports.pdf import read_metadata
    from .errors import UserError

    try:
        metadata = read_metadata(args.file)
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc}") from None
    if metadata is None:
        raise UserError(f"{args.file} is not a compliance report (no fingerprint in its metadata)")
    result = filing.check(open_store(args.data_dir), SYSTEM, load_catalog(), metadata)
    if args.verify_json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(verify_message(args.file, result))
    return 0 if result.ok else 1


def verify_message(name: str, result) -> str:
    """One sentence for a `filing.Check` (shared with the hub's CLI)."""
    kind = "the records stored when the year was closed" if result.frozen else "the records in the database"
    if result.code == "match":
        return f"{name}: matches {kind} (SHA-256 {result.found}, {result.records_now} records)"
    if result.code == "frozen-altered":
        return (
            f"{name}: DOES NOT MATCH: the frozen report stored for this year no longer matches its own "
            "records (the database was edited)"
        )
    return (
        f"{name}: DOES NOT MATCH {kind}: the file says SHA-256 {result.expected} of "
        f"{result.records_then} records, the database gives {result.found} of {result.records_now}; "
        "a record was changed, added or removed since the report was made"
    )
