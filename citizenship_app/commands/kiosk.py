"""`citizenship-app kiosk set-exit-code | settings`: what an administrator sets on a kiosk."""
from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("kiosk", help="kiosk settings (exit code, idle sign-out)")
    sub = parser.add_subparsers(dest="kiosk_command", required=True, metavar="ACTION")
    code = sub.add_parser("set-exit-code", help="read the staff exit code from standard input")
    code.set_defaults(handler=run_set_exit_code)
    settings = sub.add_parser("settings", help="show or change idle sign-out settings")
    settings.add_argument("--idle-minutes", type=float, help="minutes without input before the countdown")
    settings.add_argument("--countdown", type=int, help="seconds of countdown before sign-out")
    settings.set_defaults(handler=run_settings)


def run_set_exit_code(args) -> int:
    from ..cli import UserError
    from ..core.kiosk import set_exit_code
    from ..core.store import open_store

    code = sys.stdin.readline().rstrip("\r\n")
    try:
        set_exit_code(open_store(args.data_dir), code)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    print("exit code set")
    return 0


def run_settings(args) -> int:
    from ..cli import UserError
    from ..core.kiosk import idle_settings, set_idle_settings
    from ..core.store import open_store

    db = open_store(args.data_dir)
    try:
        set_idle_settings(db, args.idle_minutes, args.countdown)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    minutes, countdown = idle_settings(db)
    print(f"idle sign-out after {minutes:g} minutes, then a {countdown} s countdown")
    return 0
