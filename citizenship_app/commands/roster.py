"""`citizenship-app roster import PATH [--allow-removals] [--json]`, `roster sync [--source URL ...]`
and `roster summary [--json]`.

    $ citizenship-app --data-dir D roster import exports/roster.zip --json
    {"imported": {"orgs": 2, ..., "enrollments": 31}, "errors": [], "removals": {...}, ...}

On any error nothing is imported, every problem is listed (`file:line: column: message` on
stderr, or in the JSON's "errors" with `"imported": {}`) and the exit status is 1. A bulk
import that would remove people, classes or enrollments the store holds (a cut-short SIS
export) is refused the same way, with the counts ("refused": "removals"), unless
`--allow-removals` is given: then the store is backed up first ("backup") and the removed
rows are kept, marked inactive, with their records.

`roster sync` reads the same roster from a OneRoster 1.1 REST service (core.roster_sync): the
district hub (default; the kiosk's hub credential, its enrolled school) or the district's own
provider (`--source URL --client-id ID --client-secret-file F`, OAuth 2 client credentials),
through the same importer with the same guarantees.
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
    syncer = sub.add_parser(
        "sync", help="pull the roster from the district hub or a OneRoster 1.1 REST service (all or nothing)"
    )
    syncer.add_argument(
        "--source",
        metavar="URL",
        help="the OneRoster service's base URL (…/ims/oneroster/v1p1); default: this kiosk's hub",
    )
    syncer.add_argument(
        "--client-id", metavar="ID", help="OAuth 2 client id at --source (client credentials)"
    )
    syncer.add_argument(
        "--client-secret-file", metavar="FILE", help="a file holding the OAuth 2 client secret (keep it 0600)"
    )
    syncer.add_argument("--token-url", metavar="URL", help="the OAuth 2 token endpoint (default: HOST/token)")
    syncer.add_argument(
        "--school",
        metavar="ORG",
        help="only this school's roster (default: the school this kiosk enrolled for)",
    )
    syncer.add_argument(
        "--full", action="store_true", help="pull everything, not only what changed since the last pull"
    )
    syncer.add_argument(
        "--allow-removals",
        action="store_true",
        help="let a full pull remove people, classes or enrollments the source no longer lists",
    )
    syncer.add_argument("--json", action="store_true", help="print the result as JSON")
    syncer.set_defaults(handler=run_sync)
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


def run_sync(args) -> int:
    from ..core import roster_sync
    from ..core.errors import CoreError
    from ..core.store import open_store
    from ..core.sync import ConfigError, load_config
    from .errors import UserError

    db = open_store(args.data_dir)
    try:
        school = args.school
        if args.client_id:
            if not (args.source and args.client_secret_file):
                raise UserError("roster sync: --client-id needs --source and --client-secret-file")
            try:
                secret = open(args.client_secret_file, encoding="utf-8").read().strip()
            except OSError as exc:
                raise UserError(
                    f"roster sync: cannot read {args.client_secret_file}: {exc.strerror}"
                ) from None
            source = roster_sync.Source.oauth(args.source, args.client_id, secret, args.token_url)
        else:
            try:
                config = load_config(db)
            except ConfigError as exc:
                raise UserError(f"roster sync: {exc}") from None
            if config is None:
                raise UserError(
                    "roster sync: no district hub is configured: enroll this kiosk "
                    "(`citizenship-app enroll`), or give --source URL --client-id ID "
                    "--client-secret-file FILE"
                )
            source = roster_sync.Source.hub(args.source or config.url, config.username, config.password)
            school = school or roster_sync.enrolled_school(db)
        try:
            pulled = roster_sync.sync_roster(
                db, source, school=school, full=args.full, allow_removals=args.allow_removals
            )
        except CoreError as exc:
            if args.json:
                print(json.dumps({"error": exc.code, "params": exc.params, "reason": str(exc)}))
            raise UserError(f"roster sync: {exc}") from None
    finally:
        db.conn.close()
    result = pulled.result
    if args.json:
        print(json.dumps(pulled.to_json(), ensure_ascii=False, indent=2))
    elif result.refused:
        print(f"citizenship-app: {source.url}: {result.errors[0].message}", file=sys.stderr)
    else:
        for error in result.errors:
            at = error.params.get("sourcedId")
            print(f"{error}" + (f" (sourcedId {at})" if at else ""), file=sys.stderr)
        if result.errors:
            print(
                f"citizenship-app: {len(result.errors)} problem(s) in the roster from {source.url}; nothing "
                "was imported.",
                file=sys.stderr,
            )
        else:
            kind = "changes since the last pull" if pulled.delta else "the whole roster"
            print(f"pulled {kind} from {source.url}: {_counts(pulled.fetched)}")
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
