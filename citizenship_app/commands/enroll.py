"""`citizenship-app enroll HUB_URL TOKEN [--name NAME] [--json]`: join the district hub.

    citizenship-district enroll-token --school org-1 --uses 30     # on the hub, once per lab
    citizenship-app --data-dir D enroll https://hub.example TOKEN  # on each kiosk

Registers this kiosk at the hub for the token's school (core.enrollment): its signing key, a
password kept in the OS keyring (or the data directory, 0600, where there is none), the hub's
address in the settings; then it pulls the school's roster from the hub ("roster": "pulled", or
why not: the enrollment stands and each sync round tries again). Exit status 1, and nothing
configured, when the hub refuses the token.
"""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "enroll", help="register this kiosk at the district hub with a one-time token"
    )
    parser.add_argument(
        "hub_url", metavar="HUB_URL", help="the hub's address, e.g. https://hub.district.example"
    )
    parser.add_argument("token", metavar="TOKEN", help="from `citizenship-district enroll-token`")
    parser.add_argument("--name", help="this kiosk's device name at the hub (default: the host name)")
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"username", "school", "hub_url", "password_stored", "roster"} or {"error", "reason"}',
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..core.enrollment import EnrollError, enroll
    from ..core.store import open_store

    try:
        done = enroll(open_store(args.data_dir), args.hub_url, args.token, name=args.name)
    except EnrollError as exc:
        if args.json:
            print(json.dumps({"error": exc.code, "reason": exc.reason}))
        print(f"citizenship-app: enroll: {exc.reason}", file=sys.stderr)
        return 1
    if args.json:
        print(
            json.dumps(
                {
                    "username": done.username,
                    "school": done.school,
                    "hub_url": done.hub_url,
                    "password_stored": done.stored,
                    "roster": done.roster or "pulled",
                }
            )
        )
    else:
        print(
            f"enrolled as {done.username} for school {done.school} at {done.hub_url} "
            f"(password: {'OS keyring' if done.stored == 'keyring' else 'data directory, 0600'}); "
            + (
                "the school's roster was pulled from the hub"
                if done.roster is None
                else f"the school's roster was not pulled ({done.roster}); every sync round tries again, "
                "or run `citizenship-app roster sync`"
            )
        )
    return 0
