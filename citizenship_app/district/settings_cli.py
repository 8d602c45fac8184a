"""`citizenship-district settings set|unset|list`: kiosk settings set once for the district,
or for one school (district.settings).

    citizenship-district settings set [--school ORG] KEY VALUE
    citizenship-district settings unset [--school ORG] KEY
    citizenship-district settings list [--school ORG] [--json]

`settings set exit-code -` reads the code from standard input (one line), so it stays out of
the shell's history and the process list.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core import fleet_settings as rules


def register(commands) -> None:
    keys = "; ".join(f"{k}: {h}" for k, h in rules.HELP.items())
    parser = commands.add_parser("settings", help="kiosk settings set once, for the district or one school")
    actions = parser.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help=f"set one setting ({keys})")
    setter.add_argument("--school", metavar="ORG", help="for this school's kiosks (default: all)")
    setter.add_argument("key", metavar="KEY", help=", ".join(rules.KEYS))
    setter.add_argument("value", metavar="VALUE", help="the value (exit-code: - reads it from stdin)")
    setter.add_argument(
        "--content",
        metavar="DIR",
        type=Path,
        help="folder with the lessons/ and quizzes/ whose modules required-modules names "
        "(default: the catalog installed with the app; give serve's --content if it has one)",
    )
    setter.add_argument("--json", action="store_true", help="machine-readable output")
    setter.set_defaults(handler=cmd_set)
    unsetter = actions.add_parser(
        "unset", help="remove a setting (the district's or the kiosk's own applies)"
    )
    unsetter.add_argument("--school", metavar="ORG", help="the school's own value (default: the district's)")
    unsetter.add_argument("key", metavar="KEY", help=", ".join(rules.KEYS))
    unsetter.set_defaults(handler=cmd_unset)
    lister = actions.add_parser("list", help="the district's settings, or what one school's kiosks get")
    lister.add_argument("--school", metavar="ORG", help="what this school's kiosks get, and from where")
    lister.add_argument("--json", action="store_true", help="machine-readable output")
    lister.set_defaults(handler=cmd_list)


def cmd_set(args: argparse.Namespace) -> int:
    from . import settings
    from .cli_support import UserError, open_store

    value = args.value
    if args.key == rules.EXIT_CODE and value == "-":
        value = sys.stdin.readline().rstrip("\r\n")
    catalog = None
    if args.content is not None and args.key.startswith(rules.REQUIRED_PREFIX):
        from ..core import paths
        from ..core.content import load_catalog

        content = args.content
        catalog = load_catalog(content / "lessons", content / "quizzes", paths.ASSETS_DIR)
    try:
        done = settings.set_value(open_store(args.db), args.key, value, school=args.school, catalog=catalog)
    except ValueError as exc:  # SettingError, or a school the roster does not have
        raise UserError(str(exc)) from None
    if args.json:
        print(json.dumps(done.to_json()))
    else:
        print(f"{done.key} = {done.to_json()['value']} for {done.school or 'every school'}")
    return 0


def cmd_unset(args: argparse.Namespace) -> int:
    from . import settings
    from .cli_support import UserError, open_store

    try:
        removed = settings.unset(open_store(args.db), args.key, school=args.school)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    where = args.school or "the district"
    print(f"{args.key} removed for {where}" if removed else f"{args.key} was not set for {where}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from . import settings
    from .cli_support import UserError, open_store

    try:
        rows = settings.listing(open_store(args.db), args.school)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(json.dumps({"school": args.school, "settings": [r.to_json() for r in rows]}, indent=2))
        return 0
    for row in rows:
        origin = f"school {row.school}" if row.school else "district"
        print(f"{row.key:<24} {row.to_json()['value']:<32} ({origin})")
    if not rows:
        print("no settings: kiosks keep their own")
    return 0
