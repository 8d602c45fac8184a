"""`citizenship-app staff set-password USERNAME | issue-code USERNAME | counselor USERNAME`."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("staff", help="staff accounts: passwords, one-time codes, roles")
    sub = parser.add_subparsers(dest="staff_command", required=True, metavar="ACTION")
    setpw = sub.add_parser("set-password", help="set USERNAME's password, read from standard input")
    setpw.add_argument("username")
    setpw.set_defaults(handler=run_set_password)
    code = sub.add_parser("issue-code", help="print a one-time code with which USERNAME sets a password")
    code.add_argument("username")
    code.set_defaults(handler=run_issue_code)
    counselor = sub.add_parser("counselor", help="mark USERNAME as a counselor (or --remove)")
    counselor.add_argument("username")
    counselor.add_argument("--remove", action="store_true")
    counselor.set_defaults(handler=run_counselor)


def _call(function, *args):
    from .errors import UserError

    try:
        return function(*args)
    except KeyError as exc:
        raise UserError(f"{exc.args[0]} (is the roster imported?)") from None
    except (ValueError, PermissionError) as exc:
        raise UserError(str(exc)) from None


def run_set_password(args) -> int:
    from ..core.auth import set_staff_password
    from ..core.store import open_store

    password = sys.stdin.readline().rstrip("\r\n")
    _call(set_staff_password, open_store(args.data_dir), args.username, password)
    print(f"password set for {args.username}")
    return 0


def run_issue_code(args) -> int:
    from ..core.auth import issue_one_time_code
    from ..core.store import open_store

    code = _call(issue_one_time_code, open_store(args.data_dir), args.username)
    print(code)
    return 0


def run_counselor(args) -> int:
    from ..core.auth import set_counselor
    from ..core.store import open_store

    _call(set_counselor, open_store(args.data_dir), args.username, not args.remove)
    print(f"{args.username} is {'no longer ' if args.remove else ''}a counselor")
    return 0
