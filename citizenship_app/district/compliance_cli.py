"""`citizenship-district compliance`: the district-wide compliance report, built at the hub.

    citizenship-district --db URL compliance --school-year YYYY [--school ID] [--json | --pdf FILE]
    citizenship-district --db URL compliance close --school-year YYYY [--early]
    citizenship-district --db URL compliance verify FILE [--json]

YYYY is the year the school year ends (2027 for 2026-2027). The report comes from the hub's
roster and its `passed` statements (district.compliance); `close` freezes the year's reports,
`verify` recomputes a PDF's fingerprint from the hub's database (exit status 1 when it differs).
A PDF or JSON export and a close are written to the hub's audit log (district.audit) first;
when that row cannot be written, nothing is exported or closed.
"""

from __future__ import annotations

import argparse
import json
import re


def register(commands) -> None:
    parser = commands.add_parser(
        "compliance", help="the district's compliance report (per school, grade and class; PDF to file)"
    )
    parser.add_argument(
        "--school-year", metavar="YYYY", help="the year the school year ends (2027 for 2026-2027)"
    )
    parser.add_argument("--school", metavar="ID", help="one school only (its OneRoster sourcedId)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="machine-readable output")
    out.add_argument("--pdf", metavar="FILE", help="write the PDF compliance report to FILE")
    parser.set_defaults(handler=cmd_report)
    actions = parser.add_subparsers(dest="compliance_action", metavar="[close | verify]")
    close = actions.add_parser("close", help="close a school year: freeze its reports and fingerprints")
    close.add_argument("--school-year", metavar="YYYY", required=True, dest="close_year")
    close.add_argument("--early", action="store_true", help="close before the year's last day")
    close.set_defaults(handler=cmd_close)
    verify = actions.add_parser(
        "verify", help="check a compliance PDF's fingerprint against the hub's records"
    )
    verify.add_argument("file", metavar="FILE")
    verify.add_argument("--json", action="store_true", dest="verify_json", help="machine-readable output")
    verify.set_defaults(handler=cmd_verify)


def _open(args: argparse.Namespace):
    from ..core.content import load_catalog
    from .cli_support import UserError, open_store
    from .compliance import NoRoster, TableRoster

    store = open_store(args.db)
    try:
        roster = TableRoster(store.engine)
    except NoRoster as exc:
        raise UserError(str(exc)) from None
    return store, roster, load_catalog()


def _year(value: str | None) -> str:
    from .cli_support import UserError

    if not value or not re.fullmatch(r"\d{4}", value):
        raise UserError("--school-year YYYY is required: the year the school year ends (2027 for 2026-2027)")
    return value


def _audit(store, action: str, detail: dict) -> None:
    """The audit row before the action; refuse the action when it cannot be written."""
    from sqlalchemy.exc import SQLAlchemyError

    from .audit import record
    from .cli_support import UserError

    try:
        record(store, action, detail)
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc  # the driver's error, without SQLAlchemy's SQL dump
        first = (str(cause).strip().splitlines() or [""])[0]
        raise UserError(
            f"refused: the hub's audit log cannot be written ({type(cause).__name__}: {first}); "
            f"nothing was {'exported' if action == 'export_compliance' else 'closed'}"
        ) from None


def cmd_report(args: argparse.Namespace) -> int:
    from .audit import EXPORT_COMPLIANCE
    from .cli_support import UserError
    from .compliance import report

    year = _year(args.school_year)
    store, roster, catalog = _open(args)
    rep = report(store, roster, catalog, year, args.school)
    if args.school and not rep.grades:
        raise UserError(f"no students enrolled at school {args.school!r}")
    if args.json or args.pdf:
        _audit(
            store,
            EXPORT_COMPLIANCE,
            {
                "school_year": year,
                "school_id": args.school,
                "format": "json" if args.json else "pdf",
                "file": args.pdf,
                "records": rep.records,
                "fingerprint": rep.fingerprint,
            },
        )
    if args.json:
        print(json.dumps(rep.to_json(), indent=2, ensure_ascii=False))
    elif args.pdf:
        from ..reports.pdf import compliance_report

        try:
            path = compliance_report(rep, args.pdf)
        except OSError as exc:
            raise UserError(f"cannot write {args.pdf}: {exc}") from None
        frozen = " (frozen when the year was closed)" if rep.frozen_at else ""
        print(f"compliance report for {rep.school_year_title}{frozen} written to {path}")
        print(f"SHA-256 {rep.fingerprint} of {rep.records} completion records")
        if rep.left_out_line:
            print(rep.left_out_line)
    else:
        print(f"{rep.district}: school year {rep.school_year_title}" + (" (closed)" if rep.frozen_at else ""))
        for r in rep.grades:
            print(f"{r.school[:40]:40} {r.label:>5} {r.enrolled:>9} {r.completed:>9} {r.percent:>6.1f}")
        t = rep.total
        print(f"{'All schools':40} {'':>5} {t.enrolled:>9} {t.completed:>9} {t.percent:>6.1f}")
        print(f"staff: {rep.staff_trained} of {len(rep.staff)} completed every staff module")
        print(f"SHA-256 {rep.fingerprint} of {rep.records} completion records")
        if rep.left_out_line:
            print(rep.left_out_line)
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from .audit import CLOSE_YEAR, os_actor
    from .cli_support import UserError
    from .compliance import YearError, close_year

    year = _year(args.close_year)
    store, roster, catalog = _open(args)
    try:
        reports = close_year(
            store,
            roster,
            catalog,
            year,
            closed_by=os_actor(),
            early=args.early,
            before=lambda: _audit(store, CLOSE_YEAR, {"school_year": year, "early": args.early}),
        )
    except YearError as exc:
        raise UserError(str(exc)) from None
    print(f"school year {reports[0].school_year_title} closed: {len(reports)} reports frozen")
    print(f"district: SHA-256 {reports[0].fingerprint} of {reports[0].records} completion records")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from ..reports.pdf import read_metadata
    from .cli_support import UserError
    from .compliance import check

    try:
        metadata = read_metadata(args.file)
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc}") from None
    if metadata is None:
        raise UserError(f"{args.file} is not a compliance report (no fingerprint in its metadata)")
    store, roster, catalog = _open(args)
    result = check(store, roster, catalog, metadata)
    if args.verify_json:
        print(json.dumps(result.to_json(), indent=2))
    elif result.ok:
        print(
            f"{args.file}: matches the hub's records (SHA-256 {result.found}, {result.records_now} records)"
        )
    else:
        print(
            f"{args.file}: DOES NOT MATCH the hub's records ({result.code}): the file says SHA-256 "
            f"{result.expected} of {result.records_then} records, the hub gives {result.found} of "
            f"{result.records_now}"
        )
    return 0 if result.ok else 1
