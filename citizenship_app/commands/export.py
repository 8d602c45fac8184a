"""`citizenship-app export oneroster-results DIR [--json]`: quiz results for the SIS gradebook.

    citizenship-app --data-dir D export oneroster-results /media/usb/results

Writes OneRoster 1.1 CSV files (lineItems, results, categories, manifest) into DIR; see
`citizenship_app.core.sis_export`.
"""

from __future__ import annotations

import json


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="export records for other systems")
    sub = parser.add_subparsers(dest="export_command", required=True, metavar="FORMAT")
    results = sub.add_parser(
        "oneroster-results",
        help="OneRoster 1.1 lineItems.csv and results.csv (best score per student, module and class)",
    )
    results.add_argument(
        "directory", metavar="DIR", help="folder to write the CSV files in (made if missing)"
    )
    results.add_argument("--json", action="store_true", help="print {line_items, results, files} as JSON")
    results.set_defaults(handler=run_oneroster_results)


def run_oneroster_results(args) -> int:
    from ..core.content import load_catalog
    from ..core.sis_export import export_results
    from ..core.store import open_store
    from .errors import UserError

    db = open_store(args.data_dir)
    try:
        summary = export_results(db, args.directory, load_catalog().modules)
        # Student results leave the kiosk: FERPA wants a record of who exported what.
        from ..core.access import SYSTEM
        from ..core.audit import record

        record(
            db, SYSTEM, "export_sis_results", detail={"format": "oneroster-1.1", "results": summary.results}
        )
    except OSError as exc:
        raise UserError(f"cannot write to {args.directory}: {exc.strerror or exc}") from None
    finally:
        db.conn.close()
    if args.json:
        print(
            json.dumps({"line_items": summary.line_items, "results": summary.results, "files": summary.files})
        )
    else:
        print(
            f"{summary.line_items} line item(s) and {summary.results} result(s) written to "
            f"{summary.directory}: {', '.join(summary.files)}"
        )
    return 0
