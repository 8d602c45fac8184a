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
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from threading import Condition, Lock

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

    # A wrong (name, password) pair is remembered this long, so a client repeating it costs
    # no scrypt; short, so a password just set on a device is never refused for long.
    FAILURE_TTL = 30.0

    def __init__(self, size: int = 4096, clock: Callable[[], float] = time.monotonic):
        self._key = secrets.token_bytes(32)
        self._ok: OrderedDict[bytes, None] = OrderedDict()
        self._bad: OrderedDict[bytes, float] = OrderedDict()
        self._size = size
        self._clock = clock
        self._lock = Lock()

    def _token(self, name: str, password: str, stored: str | None) -> bytes:
        return hmac.new(
            self._key, "\0".join([name, password, stored or ""]).encode(), hashlib.sha256
        ).digest()

    def known(self, name: str, password: str, stored: str | None) -> bool | None:
        """The remembered verdict for these credentials (True, False), or None: not known."""
        token = self._token(name, password, stored)
        with self._lock:
            if stored is not None and token in self._ok:
                self._ok.move_to_end(token)
                return True
            expires = self._bad.get(token)
            if expires is not None and expires > self._clock():
                return False
        return None

    def check(self, name: str, password: str, stored: str | None) -> bool:
        verdict = self.known(name, password, stored)
        if verdict is not None:
            return verdict
        token = self._token(name, password, stored)
        if stored is None:
            verify_password(password, _dummy_hash())
            ok = False
        else:
            ok = verify_password(password, stored)
        with self._lock:
            if ok:
                self._ok[token] = None
                _trim(self._ok, self._size)
            else:
                self._bad[token] = self._clock() + self.FAILURE_TTL
                _trim(self._bad, self._size)
        return ok


class Throttle:
    """Failed sign-ins per key (a device name, a client address) in a sliding window: after
    `limit` failures within `window` seconds the key waits until the oldest one ages out.

    A check in flight counts against the limit until it is settled: 64 concurrent guesses
    cannot all pass before the first one fails, so no key gets more than `limit` expensive
    checks a window. A try that finds the rest of the limit taken by checks still in flight
    waits for them (up to `patience` seconds) instead of being refused: a school's kiosks
    behind its one address, signing in at the same moment, are let in `limit` at a time.

    In memory, per hub process (an attacker spread over N processes gets N times the
    attempts, still far too few to guess a 192-bit password). At most `size` keys are kept.
    """

    def __init__(
        self,
        limit: int = 10,
        window: float = 60.0,
        size: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
        patience: float = 10.0,
    ):
        self.limit, self.window, self._size, self._clock = limit, window, size, clock
        self.patience = patience
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._in_flight: dict[str, int] = {}
        self._settled = Condition(Lock())

    def attempt(self, keys: tuple[str, ...]) -> float:
        """Seconds until these keys may try again, or 0: they may now, and the try is in
        flight until `settle` is called (always call it: on an error, as failed). Waits, in
        the calling thread, while checks in flight could still use up a key's limit."""
        deadline = time.monotonic() + self.patience
        with self._settled:
            while True:
                now = self._clock()
                waits = [self._wait(key, now) for key in keys]
                if max(waits, default=0.0) > 0:
                    return max(waits)
                if all(self._used(key) < self.limit for key in keys):
                    for key in keys:
                        self._in_flight[key] = self._in_flight.get(key, 0) + 1
                    return 0.0
                left = deadline - time.monotonic()
                if left <= 0:
                    return 1.0  # the checks in flight are slow: try again in a moment
                self._settled.wait(left)

    def refused(self, keys: tuple[str, ...]) -> float:
        """Seconds until these keys may try again (0: now), without starting a try: a check
        before the request's other work, when the try itself comes later (`attempt`)."""
        with self._settled:
            now = self._clock()
            return max((self._wait(key, now) for key in keys), default=0.0)

    def failed(self, keys: tuple[str, ...]) -> None:
        """A failure of these keys that needed no expensive check (a malformed request)."""
        with self._settled:
            now = self._clock()
            for key in keys:
                self._record(key, now)

    def settle(self, keys: tuple[str, ...], *, failed: bool) -> None:
        """The end of a try `attempt` let through: a failure is counted, a success is not."""
        with self._settled:
            now = self._clock()
            for key in keys:
                left = self._in_flight.pop(key, 0) - 1
                if left > 0:
                    self._in_flight[key] = left
                if failed:
                    self._record(key, now)
            self._settled.notify_all()

    def _used(self, key: str) -> int:
        return len(self._failures.get(key, ())) + self._in_flight.get(key, 0)

    def _wait(self, key: str, now: float) -> float:
        times = self._failures.get(key)
        if not times:
            return 0.0
        while times and times[0] <= now - self.window:
            times.popleft()
        return times[0] + self.window - now if len(times) >= self.limit else 0.0

    def _record(self, key: str, now: float) -> None:
        times = self._failures.setdefault(key, deque(maxlen=self.limit))
        times.append(now)
        self._failures.move_to_end(key)
        _trim(self._failures, self._size)


def _trim(cache: OrderedDict, size: int) -> None:
    while len(cache) > size:
        cache.popitem(last=False)


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
