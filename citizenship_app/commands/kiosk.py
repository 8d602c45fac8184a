"""`citizenship-app kiosk set-exit-code | settings`: what an administrator sets on a kiosk
(the exit code, idle sign-out, the export folder).

$ printf '%s\\n' 'lab-exit-7731' | citizenship-app kiosk set-exit-code
exit code set
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

#: What `kiosk settings` and `kiosk set-exit-code` say of the exit code (core status codes).
STATUS_LINES = {
    "ok": "exit code: set",
    "demo": "exit code: the demo school's public code 2314; set your own before real students use this kiosk",
    "unset": "exit code: NOT SET; the kiosk will not run locked for students until one is set: "
    "citizenship-app kiosk set-exit-code",
    "demo-code-with-real-roster": "exit code: the demo school's public code 2314 is still in force "
    "over a real roster; the kiosk will not run locked for students until a new one is set: "
    "citizenship-app kiosk set-exit-code",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser("kiosk", help="kiosk settings (exit code, idle sign-out)")
    sub = parser.add_subparsers(dest="kiosk_command", required=True, metavar="ACTION")
    code = sub.add_parser(
        "set-exit-code",
        help="read the staff exit code from standard input (at least 6 characters)",
        description="Read the staff exit code from standard input: at least 6 characters, not blank. "
        "Required after a real roster is imported over the demo school, whose code is public.",
    )
    code.set_defaults(handler=run_set_exit_code)
    settings = sub.add_parser(
        "settings", help="show the exit code's state; show or change idle sign-out settings"
    )
    settings.add_argument("--idle-minutes", type=float, help="minutes without input before the countdown")
    settings.add_argument("--countdown", type=int, help="seconds of countdown before sign-out")
    settings.add_argument(
        "--export-dir",
        metavar="PATH",
        help="the folder staff exports go to (records, reports, certificates, sign-in cards); "
        "'' for the default, exports/ in the data directory",
    )
    settings.set_defaults(handler=run_settings)


def run_set_exit_code(args) -> int:
    from ..core.kiosk import exit_code_status, set_exit_code
    from ..core.store import open_store
    from .errors import UserError

    code = sys.stdin.readline().rstrip("\r\n")
    db = open_store(args.data_dir)
    try:
        set_exit_code(db, code)
    except ValueError as exc:
        raise UserError(f"{exc}; {STATUS_LINES[exit_code_status(db)]}") from None
    finally:
        db.conn.close()
    print("exit code set")
    return 0


def run_settings(args) -> int:
    from ..core.exports import export_dir, set_export_dir
    from ..core.kiosk import exit_code_locked_until, exit_code_status, idle_settings, set_idle_settings
    from ..core.store import open_store
    from .errors import UserError

    db = open_store(args.data_dir)
    try:
        set_idle_settings(db, args.idle_minutes, args.countdown)
        if args.export_dir is not None:
            set_export_dir(db, args.export_dir)
        folder = export_dir(db)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    minutes, countdown = idle_settings(db)
    print(f"exports go to {folder}")
    print(f"idle sign-out after {minutes:g} minutes, then a {countdown} s countdown")
    print(STATUS_LINES[exit_code_status(db)])
    from ..core.managed_settings import managed

    district = managed(db)
    if district:  # greyed out on the admin screen too; changed only at the hub
        print(f"set by the district (citizenship-district settings): {', '.join(sorted(district))}")
    until = exit_code_locked_until(db)
    if until:
        minutes = -(-int((until - datetime.now(UTC)).total_seconds()) // 60)
        print(
            f"exit prompt: locked for {minutes} more minute(s) after wrong codes; "
            "setting a new exit code ends the lock"
        )
    db.conn.close()
    return 0
