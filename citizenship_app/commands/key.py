"""`citizenship-app key show [--json]`: this kiosk's public signing key, for the district hub.

    citizenship-app key show > lab-07.pem
    citizenship-district device key lab-07 lab-07.pem      # on the hub

The kiosk signs every statement it sends with its own key pair (core.signing); the private key
stays in the data directory (0600) and is never shown. The key is made the first time it is needed.
"""

from __future__ import annotations

import json


def register(subparsers) -> None:
    parser = subparsers.add_parser("key", help="this kiosk's public signing key, to register at the hub")
    parser.add_argument("action", choices=["show"], help="show the public key (PEM)")
    parser.add_argument("--json", action="store_true", help='print {"public_key": PEM, "fingerprint": ...}')
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..core import signing
    from ..core.store import open_store

    db = open_store(args.data_dir)
    key = signing.private_key(db)
    pem = signing.public_key_pem(db)
    if args.json:
        print(json.dumps({"public_key": pem, "fingerprint": signing.fingerprint(key)}))
    else:
        print(pem, end="")
    return 0
