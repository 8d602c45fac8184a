"""`citizenship-app sync [--once] [--json] | sync status [--json] | sync configure`."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("sync", help="send records to the district hub and fetch others'")
    parser.add_argument("--once", action="store_true", help="one round of push and pull (the default)")
    parser.add_argument("--json", action="store_true", help="print {sent, pending, quarantined, pulled}")
    parser.set_defaults(handler=run_once)
    sub = parser.add_subparsers(dest="sync_command", metavar="ACTION")
    st = sub.add_parser("status", help="records waiting, quarantined, last sync")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=run_status)
    conf = sub.add_parser("configure", help="hub URL and user; the password is read from standard input")
    conf.add_argument("--url", required=True, help="the hub's xAPI endpoint, e.g. https://hub.example/xapi/")
    conf.add_argument("--username", required=True)
    conf.add_argument(
        "--school", help="the school (org sourcedId) the hub registered this device for; its pulls ask for it"
    )
    conf.set_defaults(handler=run_configure)
    quarantine = sub.add_parser("quarantined", help="statements the hub rejected, with its reasons")
    quarantine.add_argument("--json", action="store_true")
    quarantine.set_defaults(handler=run_quarantined)


def run_once(args) -> int:
    from ..core.store import open_store
    from ..core.sync import sync_once

    result = sync_once(open_store(args.data_dir))
    if args.json:
        print(
            json.dumps(
                {
                    k: v
                    for k, v in result.to_json().items()
                    if k in ("sent", "pending", "quarantined", "pulled", "error")
                }
            )
        )
    else:
        print(
            f"sent {result.sent}, pending {result.pending}, "
            f"quarantined {result.quarantined}, pulled {result.pulled}"
        )
    if result.error:
        print(f"citizenship-app: sync: {result.error}", file=sys.stderr)
        return 1
    return 0


def run_status(args) -> int:
    from ..core.store import open_store
    from ..core.sync import status

    info = status(open_store(args.data_dir))
    if args.json:
        print(
            json.dumps(
                {k: info[k] for k in ("sent", "pending", "quarantined")} | {"last_sync": info["last_sync"]}
            )
        )
    else:
        print(
            f"pending {info['pending']}, quarantined {info['quarantined']}, sent {info['sent']}, "
            f"last sync {info['last_sync'] or 'never'}"
        )
        if info["last_error"]:
            print(f"last error: {info['last_error']}")
    return 0


def run_configure(args) -> int:
    from ..core.store import open_store
    from ..core.sync import ConfigError, save_config
    from .errors import UserError

    password = sys.stdin.readline().rstrip("\r\n") or None
    db = open_store(args.data_dir)
    try:
        where = save_config(db, args.url, args.username, password)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if args.school:
        from ..core.schools import SCHOOL_SETTING
        from ..core.store import set_setting

        set_setting(db, SCHOOL_SETTING, args.school)
    if where == "environment":
        print(
            "hub configured; this machine has no OS keyring, so set CITIZENSHIP_HUB_PASSWORD "
            "in the kiosk's environment (the password is never written to a file)"
        )
    else:
        print(f"hub configured (password: {where})")
    return 0


def run_quarantined(args) -> int:
    from ..core.store import open_store
    from ..core.sync import quarantined

    rows = quarantined(open_store(args.data_dir))
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['id']} {row['kind']} {row['created_at']}: {row['reason']}")
    return 0
