"""`citizenship-district audit [--json]`: the hub's audit log (district.audit), oldest first,
and whether its hash chain holds (exit status 1 when it does not)."""

from __future__ import annotations

import argparse
import json


def register(commands) -> None:
    parser = commands.add_parser("audit", help="the hub's audit log: who exported or closed what, and when")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit import entries, verify
    from .cli_support import open_store

    store = open_store(args.db)
    rows, problems = entries(store), verify(store)
    if args.json:
        print(
            json.dumps(
                {
                    "entries": [e.to_json() for e in rows],
                    "chain_ok": not problems,
                    "problems": [vars(p) for p in problems],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for e in rows:
            detail = json.dumps(e.detail, sort_keys=True, ensure_ascii=False) if e.detail else ""
            print(f"{e.seq:>5}  {e.at}  {e.actor:<16} {e.action:<18} {detail}")
        if not rows:
            print("the hub's audit log is empty")
        for p in problems:
            print(f"row {p.seq}: {p.code}: {p.message}")
        print(
            "the hash chain holds" if not problems else f"the hash chain is broken ({len(problems)} problems)"
        )
    return 0 if not problems else 1
