"""Device credentials: random passwords, scrypt hashes, HTTP Basic checks.

    password = new_password()
    stored = hash_password(password)      # "scrypt$16384$8$1$<salt>$<hash>", the only thing kept
    verify_password(password, stored)     # True

Each kiosk (or lab) gets its own credential, so one can be revoked without touching the rest.
"""
from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import re
import secrets
from collections import OrderedDict
from threading import Lock

# scrypt's interactive-login parameters (16 MiB, ~80 ms). They are stored with every hash so
# they can be raised later without invalidating existing credentials.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024
DEVICE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,63}")
REALM = "citizenship-district"


def new_password() -> str:
    """A random password of 32 URL-safe characters (192 bits)."""
    return secrets.token_urlsafe(24)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, binascii.Error):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@functools.cache
def _dummy_hash() -> str:
    """A hash to check when the username is unknown, so that an unknown name takes as long as
    a wrong password and response times do not reveal which device names exist."""
    return hash_password(new_password())


class Verifier:
    """Checks Basic credentials against stored hashes, remembering recent successes.

    A kiosk sends a request every few seconds while syncing and scrypt costs ~80 ms of CPU, so
    a successful (name, password, stored hash) triple is remembered, keyed by an HMAC under a
    key that never leaves this process. The stored hash is still read from the database on
    every request and is part of the key: removing or re-adding a device takes effect at once
    in every hub process. Losing this cache only costs CPU.
    """

    def __init__(self, size: int = 4096):
        self._key = secrets.token_bytes(32)
        self._ok: OrderedDict[bytes, None] = OrderedDict()
        self._size = size
        self._lock = Lock()

    def check(self, name: str, password: str, stored: str | None) -> bool:
        if stored is None:
            verify_password(password, _dummy_hash())
            return False
        token = hmac.new(self._key, "\0".join([name, password, stored]).encode(), hashlib.sha256).digest()
        with self._lock:
            if token in self._ok:
                self._ok.move_to_end(token)
                return True
        if not verify_password(password, stored):
            return False
        with self._lock:
            self._ok[token] = None
            while len(self._ok) > self._size:
                self._ok.popitem(last=False)
        return True


def parse_basic(header: str | None) -> tuple[str, str] | None:
    """(username, password) from an `Authorization: Basic ...` header, or None."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    name, sep, password = decoded.partition(":")
    return (name, password) if sep else None
