"""`citizenship-district`: run the district hub, import its roster, manage device credentials.

    citizenship-district [--db URL] serve [--host H] [--port P] [--home-page URL] [--max-connections N]
                                          [--header-timeout S] [--body-timeout S] [--keep-alive-timeout S]
                                          [--backlog N] [--threads N] [--forwarded-allow-ips IPS]
                                          [--sis-home-page URL] [--content DIR]
    citizenship-district [--db URL] roster import PATH [--allow-removals] [--json]
    citizenship-district [--db URL] device add NAME (--school ORG | --read-only | --district) [--json]
                                                                prints the password once
    citizenship-district [--db URL] device set NAME (--school ORG | --read-only | --district)
    citizenship-district [--db URL] device list [--json]
    citizenship-district [--db URL] device remove NAME
    citizenship-district [--db URL] compliance --school-year YYYY [--school ID] [--json | --pdf FILE]
    citizenship-district [--db URL] compliance close --school-year YYYY [--early]
    citizenship-district [--db URL] compliance verify FILE [--json]
    citizenship-district [--db URL] device key NAME PUBLIC_KEY_FILE [--json]   the kiosk's signing key
    citizenship-district [--db URL] audit [--json]      the hub's audit log (exports, closed years)
    citizenship-district [--db URL] enroll-token --school ORG [--uses N] [--expires DAYS] [--json]
                                                                a one-time token for `citizenship-app enroll`
    citizenship-district [--db URL] settings set|unset|list [--school ORG] ...   kiosk settings, set once
    citizenship-district [--db URL] devices [--json] [--silent-hours H]   the fleet: last contact, version...

URL is sqlite:///path/to/hub.db (the default: $CITIZENSHIP_DISTRICT_DB, else
sqlite:///citizenship-district.db in the current directory) or postgresql://user@host/db.
Tables are created when missing. Exit status: 0 on success, 1 on a user error (on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..core import paths
from ..core.xapi import DEFAULT_SIS_HOME_PAGE
from . import audit_cli, auth, compliance_cli, enrollment, fleet, settings_cli, signatures
from .cli_support import UserError, open_store
from .server import Limits

DEFAULT_DB = "sqlite:///citizenship-district.db"
DEFAULT_HOME_PAGE = "https://citizenship-kiosk.org/xapi/district-hub/devices"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citizenship-district",
        description="Citizenship Kiosk district hub: an xAPI 1.0.3 statements service for kiosks.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=os.environ.get("CITIZENSHIP_DISTRICT_DB", DEFAULT_DB),
        help="sqlite:///path or postgresql://user@host/db "
        "(default: $CITIZENSHIP_DISTRICT_DB, else %(default)s)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = commands.add_parser("serve", help="run the hub (HTTP; put TLS in front of it)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
    serve.add_argument("--port", type=int, default=8080, help="port (default %(default)s)")
    serve.add_argument(
        "--home-page",
        metavar="URL",
        default=DEFAULT_HOME_PAGE,
        help="account homePage for devices in each statement's authority "
        "(set it to your hub's address; keep it fixed once statements exist)",
    )
    limits = Limits()
    serve.add_argument(
        "--max-connections",
        type=int,
        default=limits.max_connections,
        metavar="N",
        help="open connections per process; past it the longest-idle one is closed "
        "(default %(default)s, or fewer if the file descriptor limit is lower)",
    )
    serve.add_argument(
        "--header-timeout",
        type=float,
        default=limits.header_timeout,
        metavar="S",
        help="seconds a client has to send its request headers (default %(default)s)",
    )
    serve.add_argument(
        "--body-timeout",
        type=float,
        default=limits.body_timeout,
        metavar="S",
        help="seconds a client has to send a request body (default %(default)s)",
    )
    serve.add_argument(
        "--keep-alive-timeout",
        type=int,
        default=limits.keep_alive_timeout,
        metavar="S",
        help="seconds an idle keep-alive connection stays open (default %(default)s)",
    )
    serve.add_argument(
        "--backlog",
        type=int,
        default=limits.backlog,
        metavar="N",
        help="connections the system queues before the hub accepts them (default %(default)s)",
    )
    serve.add_argument(
        "--threads",
        type=int,
        default=limits.threads,
        metavar="N",
        help="requests worked on at once per process; the rest wait their turn (default %(default)s; "
        "see docs/district-hub.md)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        default=None,
        help="reverse proxies whose X-Forwarded-For gives the client address, used "
        "to throttle failed sign-ins (default: 127.0.0.1)",
    )
    serve.add_argument(
        "--sis-home-page",
        metavar="URL",
        default=DEFAULT_SIS_HOME_PAGE,
        help="the account homePage of the people in statements: the kiosks' SIS home page "
        "(default %(default)s, the kiosks' default)",
    )
    serve.add_argument(
        "--content",
        metavar="DIR",
        type=Path,
        default=None,
        help="folder with the lessons/ and quizzes/ whose modules results must name "
        "(default: the catalog installed with the app)",
    )
    serve.set_defaults(handler=cmd_serve)

    roster = commands.add_parser("roster", help="import the district's OneRoster roster")
    roster_commands = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    importer = roster_commands.add_parser(
        "import", help="import a OneRoster 1.1/1.2 CSV folder or .zip (all or nothing), as the kiosk does"
    )
    importer.add_argument("path", metavar="PATH", help="the roster folder, or a .zip of its CSV files")
    importer.add_argument(
        "--allow-removals",
        action="store_true",
        help="let a bulk import remove people, classes or enrollments it no longer lists "
        "(they are kept, marked inactive)",
    )
    importer.add_argument("--json", action="store_true", help="print the result as JSON (the kiosk's shape)")
    importer.set_defaults(handler=cmd_roster_import)

    device = commands.add_parser("device", help="add, list or remove device credentials")
    device_commands = device.add_subparsers(dest="device_command", metavar="ACTION", required=True)
    add = device_commands.add_parser("add", help="create a credential; the password is shown once")
    add.add_argument("name", help="device name, also its username (letters, digits, . _ -)")
    _scope_options(add)
    add.add_argument(
        "--json",
        action="store_true",
        help='print {"username": ..., "password": ..., "scope": ..., "school": ...}',
    )
    add.set_defaults(handler=cmd_device_add)
    change = device_commands.add_parser("set", help="change what a device may do")
    change.add_argument("name")
    _scope_options(change)
    change.set_defaults(handler=cmd_device_set)
    listing = device_commands.add_parser("list", help="list devices")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=cmd_device_list)
    remove = device_commands.add_parser("remove", help="revoke a credential (statements are kept)")
    remove.add_argument("name")
    remove.set_defaults(handler=cmd_device_remove)
    key = device_commands.add_parser(
        "key", help="register the public key a device signs its statements with (then it must sign)"
    )
    key.add_argument("name", help="the device")
    key.add_argument(
        "file", metavar="PUBLIC_KEY_FILE", help="PEM, from `citizenship-app key show` on the kiosk"
    )
    key.add_argument("--json", action="store_true", help='print {"device": ..., "fingerprint": ...}')
    key.set_defaults(handler=cmd_device_key)
    token = commands.add_parser(
        "enroll-token", help="a one-time token with which kiosks enroll themselves for a school"
    )
    token.add_argument(
        "--school", metavar="ORG_SOURCED_ID", required=True, help="a school of the hub's roster"
    )
    token.add_argument(
        "--uses",
        type=int,
        default=enrollment.DEFAULT_USES,
        metavar="N",
        help="kiosks it may enroll (default 1)",
    )
    token.add_argument(
        "--expires",
        type=float,
        default=enrollment.DEFAULT_DAYS,
        metavar="DAYS",
        help="days it is valid (default 7)",
    )
    token.add_argument("--json", action="store_true", help='print {"token": ..., "expires": ...}')
    token.set_defaults(handler=cmd_enroll_token)
    fleet_parser = commands.add_parser(
        "devices", help="every device: school, last contact, app version, records waiting, last error"
    )
    fleet_parser.add_argument("--json", action="store_true", help="machine-readable output")
    fleet_parser.add_argument(
        "--silent-hours",
        type=float,
        default=fleet.SILENT_AFTER_HOURS,
        metavar="H",
        help="flag a device not heard from for more than H hours (default %(default)g)",
    )
    fleet_parser.set_defaults(handler=cmd_devices)
    compliance_cli.register(commands)
    audit_cli.register(commands)
    settings_cli.register(commands)
    return parser


def _scope_options(parser: argparse.ArgumentParser) -> None:
    scope = parser.add_mutually_exclusive_group(required=True)
    scope.add_argument(
        "--school",
        metavar="ORG_SOURCED_ID",
        help="a kiosk of this school (a school of the hub's roster): it may record its people only",
    )
    scope.add_argument(
        "--read-only", action="store_true", help="a reporting tool: may read statements, never write"
    )
    scope.add_argument(
        "--district",
        action="store_true",
        help="a trusted district-wide writer (another LRS, a migration), not scoped to a school; "
        "never put one on a lab machine",
    )


def _scope(args: argparse.Namespace) -> tuple[str, str | None]:
    if args.school is not None:
        return "school", args.school
    return ("read-only" if args.read_only else "district"), None


def cmd_serve(args: argparse.Namespace) -> int:
    from .api import create_app
    from .server import serve

    numbers = (
        args.max_connections,
        args.header_timeout,
        args.body_timeout,
        args.keep_alive_timeout,
        args.backlog,
        args.threads,
    )
    if min(numbers) <= 0:
        raise UserError(
            "--max-connections, --header-timeout, --body-timeout, --keep-alive-timeout, --backlog and "
            "--threads must be positive"
        )
    limits = Limits(*numbers)
    content = args.content if args.content is not None else paths.ROOT
    if not (content / "lessons").is_dir() or not (content / "quizzes").is_dir():
        # Without the catalog every result a school device sends would be refused.
        raise UserError(f"no lessons/ and quizzes/ in {content}: give the catalog's folder (--content DIR)")
    app = create_app(
        open_store(args.db),
        home_page=args.home_page,
        body_timeout=limits.body_timeout,
        sis_home_page=args.sis_home_page,
        content=args.content,
    )
    serve(app, host=args.host, port=args.port, limits=limits, forwarded_allow_ips=args.forwarded_allow_ips)
    return 0


def cmd_device_add(args: argparse.Namespace) -> int:
    if not auth.DEVICE_NAME.fullmatch(args.name):
        raise UserError(
            "a device name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    store = open_store(args.db)
    scope, school = _scope(args)
    credential = auth.new_credential()
    password = credential.password
    try:
        store.add_device(
            args.name,
            credential.password_hash,
            password_check=credential.password_check,
            scope=scope,
            school=school,
        )
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(json.dumps({"username": args.name, "password": password, "scope": scope, "school": school}))
    else:
        print(
            f"username: {args.name}\npassword: {password}\n{_describe(scope, school)}\n"
            "The password is not stored and cannot be shown again; enter it on the kiosk now."
        )
    return 0


def cmd_device_set(args: argparse.Namespace) -> int:
    scope, school = _scope(args)
    try:
        open_store(args.db).set_device_scope(args.name, scope=scope, school=school)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    print(f"{args.name}: {_describe(scope, school)}")
    return 0


def _describe(scope: str | None, school: str | None) -> str:
    return {
        "school": f"school {school}: records its people only",
        "read-only": "read-only: reads statements, never writes",
        "district": "district-wide writer: not scoped to a school",
    }.get(scope or "", "no school yet: may read, not write (give it one with device set)")


def cmd_roster_import(args: argparse.Namespace) -> int:
    from .roster import import_roster

    result = import_roster(open_store(args.db), args.path, allow_removals=args.allow_removals)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif result.refused:
        print(f"citizenship-district: {args.path}: {result.errors[0].message}", file=sys.stderr)
    else:
        for error in result.errors:
            print(error, file=sys.stderr)
        if result.errors:
            print(
                f"citizenship-district: {len(result.errors)} problem(s) found in {args.path}; nothing was "
                "imported. Fix them and import again.",
                file=sys.stderr,
            )
        else:
            print(f"imported {args.path}: " + ", ".join(f"{n} {name}" for name, n in result.imported.items()))
    return 1 if result.errors else 0


def cmd_device_list(args: argparse.Namespace) -> int:
    found = open_store(args.db).list_devices()
    if args.json:
        print(json.dumps(found, indent=2))
    elif not found:
        print("no devices; add one with: citizenship-district device add NAME --school ORG_SOURCED_ID")
    else:
        width = max(len(d["name"]) for d in found)
        for d in found:
            print(
                f"{d['name']:<{width}}  added {d['created'][:19]}Z  {d['statements']} statements  "
                f"{_describe(d['scope'], d['school'])}"
            )
    return 0


def cmd_device_remove(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    if not store.remove_device(args.name):
        raise UserError(f"no device named {args.name!r}")
    signatures.remove_key(store, args.name)
    print(f"removed {args.name}; its statements are kept")
    return 0


def cmd_device_key(args: argparse.Namespace) -> int:
    try:
        pem = open(args.file, encoding="ascii").read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {args.file}: {exc}") from None
    try:
        fingerprint = signatures.set_key(open_store(args.db), args.name, pem)
    except ValueError as exc:
        raise UserError(f"{args.file}: {exc}") from None
    if args.json:
        print(json.dumps({"device": args.name, "fingerprint": fingerprint}))
    else:
        print(
            f"registered the signing key of {args.name} (fingerprint {fingerprint}); "
            "from now on the hub accepts only statements it signed with that key"
        )
    return 0


def cmd_enroll_token(args: argparse.Namespace) -> int:
    try:
        token, expires = enrollment.new_token(
            open_store(args.db), school=args.school, uses=args.uses, days=args.expires
        )
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(json.dumps({"token": token, "expires": expires}))
    else:
        print(
            f"token: {token}\nexpires: {expires}\nuses: {args.uses}, school {args.school}\n"
            "On each kiosk: citizenship-app enroll HUB_URL TOKEN (or put it in kiosk.toml); "
            "the token is not stored and cannot be shown again."
        )
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    found = fleet.devices(open_store(args.db), silent_hours=args.silent_hours)
    if args.json:
        print(json.dumps(found, indent=2))
        return 0
    if not found:
        print("no devices; enroll one with: citizenship-district enroll-token --school ORG_SOURCED_ID")
        return 0
    rows = [("DEVICE", "SCHOOL", "LAST CONTACT", "VERSION", "WAITING", "LAST ERROR")] + [
        (
            d["name"] + (" (silent)" if d["silent"] else ""),
            d["school"] or d["scope"] or "-",
            (d["last_contact"] or "never")[:19].replace("T", " "),
            d["app_version"] or "-",
            "-" if d["pending"] is None else str(d["pending"]),
            (d["last_error"] or "")[:60],
        )
        for d in found
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        print("  ".join(f"{c:<{w}}" for c, w in zip(r[:5], widths, strict=True)) + "  " + r[5])
    silent = sum(d["silent"] for d in found)
    if silent:
        print(f"{silent} device(s) silent for more than {args.silent_hours:g} hours")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"citizenship-district: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
