"""`citizenship-app audit [verify] [--since DATE] [--limit N] [--json]`: the FERPA audit log.

    citizenship-app audit --since 2026-09-01 --json
    citizenship-app audit verify          # exit 1, naming the rows, if the chain was broken

Who viewed, exported or changed which student records, newest first. The command line acts
as the machine's administrator, who may read the log.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.store import Store


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit", help="the audit log: who viewed or exported student records, and when"
    )
    parser.add_argument(
        "action",
        nargs="?",
        choices=["list", "verify"],
        default="list",
        help="list the entries (default), or verify the hash chain",
    )
    parser.add_argument("--since", metavar="DATE", help="entries on or after this date (YYYY-MM-DD)")
    parser.add_argument(
        "--limit", type=int, metavar="N", default=None, help="at most N entries, newest first (default: all)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..core import audit
    from ..core.access import SYSTEM
    from ..core.store import open_store
    from .errors import UserError

    db = open_store(args.data_dir)
    if args.action == "verify":
        return run_verify(db, args.json)
    try:
        found = audit.entries(db, SYSTEM, since=args.since, limit=args.limit)
    except ValueError:
        raise UserError(f"not a date: {args.since!r} (dates are YYYY-MM-DD)") from None
    if args.json:
        print(json.dumps([e.to_json() for e in found], indent=2, ensure_ascii=False))
        return 0
    for e in found:
        detail = json.dumps(e.detail, sort_keys=True, ensure_ascii=False) if e.detail is not None else ""
        print(f"{e.at}  {e.actor:<16} {e.action:<18} {e.subject or '-':<16} {detail}")
    if not found:
        print("no audit entries")
    return 0


def run_verify(db: Store, as_json: bool) -> int:
    from ..core import audit

    problems = audit.verify(db)
    count = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    if as_json:
        print(
            json.dumps(
                {"rows": count, "ok": not problems, "problems": [p.to_json() for p in problems]}, indent=2
            )
        )
    elif not problems:
        print(f"audit log intact: {count} rows, chain verified")
    else:
        for p in problems:
            where = f"row {p.id}" if p.id is not None else "end of the log"
            print(f"{where}: {p.code}: {p.detail}")
        print(f"audit log damaged: {len(problems)} problem(s) in {count} rows")
    return 0 if not problems else 1
