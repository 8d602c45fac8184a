"""Hashing secrets (codes, passwords) with scrypt, memory-hard; never stored plain.

    stored = hash_secret("the-exit-code")      # "scrypt$16384$8$1$<salt>$<digest>"
    verify_secret("the-exit-code", stored)     # True

Shared by the kiosk (core.auth: sign-in codes, the exit code) and the hub, which stores a
district's exit code in this same form so that kiosks take the hash as it is (district.settings).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# n=2**14, r=8: about 16 MiB and ~50 ms per check, slow for guessing, fine at a kiosk.
_N, _R, _P = 2**14, 8, 1


def hash_secret(secret: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${_N}${_R}${_P}${b64(salt)}${b64(digest)}"


def is_secret_hash(stored: object) -> bool:
    """Whether `stored` has the form hash_secret writes (a hash sent by the hub, say)."""
    if not isinstance(stored, str):
        return False
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt" or not all(p.isdigit() for p in parts[1:4]):
        return False
    try:
        return (
            len(base64.b64decode(parts[4], validate=True)) >= 16
            and len(base64.b64decode(parts[5], validate=True)) >= 16
        )
    except ValueError:
        return False


def verify_secret(secret: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            secret.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
