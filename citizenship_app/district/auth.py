"""Device credentials: random passwords, their stored hashes, HTTP Basic checks.

    credential = new_credential()         # .password shown once; .password_hash, .password_check kept
    check_password(password, credential.password_check, credential.password_hash)   # True
    verify_password(password, credential.password_hash)                              # True (scrypt)

Each kiosk (or lab) gets its own credential, so one can be revoked without touching the rest.

Device passwords are always the hub's own (`new_password`: 192 random bits), never chosen by a
person, so guessing one is hopeless however fast each guess is, and a stolen database gives
nothing to crack. A slow hash protects guessable passwords; for these it only made every check
cost the hub 40-80 ms of CPU, which is what made failed sign-ins worth limiting per address
before the check, and so let anyone at a school's address keep its kiosks out. So each device
also has a cheap check (`password_check`: a salted HMAC-SHA256, microseconds), which the hub
tries first (routes.common). The scrypt hash (`password_hash`) is kept as it always was, so a
hub rolled back to an earlier version, or an earlier version's process still running beside
this one, signs every kiosk in as before. The check is bound to the scrypt hash it was made
with: a password that an earlier version changed makes it stale, and it is ignored. A device
without a usable check (added by an earlier version) is checked with scrypt within the limit
and gets one at its next sign-in (`check_form`).

One released version (December 2026) kept only a cheap hash, in `password_hash`
("hmac-sha256$<salt>$<digest>", `interim`). Such a hash is still accepted, and replaced by a
scrypt hash and a check bound to it at the device's next sign-in (`upgrade`), so that every
version can sign the device in again.
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
from typing import NamedTuple

# scrypt's interactive-login parameters (16 MiB, ~80 ms). They are stored with every hash so
# they can be raised later without invalidating existing credentials.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
# The cheap form's scheme: a check is hmac-sha256$<salt>$<digest>$<bound>; one version's
# password_hash (`interim`) was hmac-sha256$<salt>$<digest>.
CHEAP = "hmac-sha256"
PASSWORD_LENGTH = 32  # characters of new_password; check_form refuses anything shorter
_MAXMEM = 64 * 1024 * 1024
DEVICE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,63}")
REALM = "citizenship-district"


class Credential(NamedTuple):
    password: str  # shown once, never stored
    password_hash: str  # scrypt: what every hub version reads
    password_check: str  # the cheap check, bound to password_hash


def new_password() -> str:
    """A random password of 32 URL-safe characters (192 bits)."""
    return secrets.token_urlsafe(24)


def new_credential() -> Credential:
    """A new device password with both stored forms (~80 ms: one scrypt)."""
    password = new_password()
    password_hash = hash_password(password)
    return Credential(password, password_hash, check_form(password, password_hash))


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The scrypt form: "scrypt$N$r$p$<salt>$<digest>"."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)])


def check_form(password: str, password_hash: str) -> str:
    """The cheap check of a device password already hashed as `password_hash` (ValueError for
    a password shorter than new_password's: the cheap form is safe only for one nobody could
    guess)."""
    if len(password) < PASSWORD_LENGTH:
        raise ValueError(f"a device password is {PASSWORD_LENGTH} random characters (auth.new_password)")
    salt = secrets.token_bytes(16)
    return "$".join([CHEAP, _b64(salt), _b64(_hmac(password, salt)), _bound(password_hash)])


def check_password(password: str, password_check: str | None, password_hash: str) -> bool | None:
    """`password` against the cheap check (microseconds): True, False, or None when there is no
    usable check (none yet, stale, unreadable): then only `verify_password` (scrypt) can tell."""
    if not password_check:
        return None
    try:
        scheme, salt, digest, bound = password_check.split("$")
        if scheme != CHEAP or not hmac.compare_digest(bound, _bound(password_hash)):
            return None
        return _hmac_matches(password, salt, digest)
    except (ValueError, binascii.Error):
        return None


def verify_password(password: str, stored: str) -> bool:
    """`password` against a stored `password_hash`: scrypt (40-80 ms of CPU), or the
    `interim` form (microseconds)."""
    try:
        scheme, *fields = stored.split("$")
        if scheme == "scrypt":
            n, r, p, salt, digest = fields
            expected = base64.b64decode(digest, validate=True)
            actual = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
            return hmac.compare_digest(actual, expected)
        if interim(stored):
            salt, digest = fields
            return _hmac_matches(password, salt, digest)
    except (ValueError, binascii.Error):
        pass
    return False


def interim(password_hash: str) -> bool:
    """Whether `password_hash` is the cheap form one version kept (no scrypt hash beside it)."""
    return password_hash.startswith(CHEAP + "$") and password_hash.count("$") == 2


def upgrade(password: str, password_hash: str) -> tuple[str | None, str]:
    """What to store for a device whose `password` has just matched `password_hash` without
    its cheap check: (a new scrypt hash for an `interim` one (~80 ms), else None; a check
    bound to the hash it will have). ValueError for a password shorter than new_password's."""
    new_hash = hash_password(password) if interim(password_hash) else None
    return new_hash, check_form(password, new_hash or password_hash)


def _hmac_matches(password: str, salt: str, digest: str) -> bool:
    """`password` against a base64 salt and HMAC-SHA256 digest (binascii.Error if unreadable)."""
    expected = base64.b64decode(digest, validate=True)
    return hmac.compare_digest(_hmac(password, base64.b64decode(salt, validate=True)), expected)


def _hmac(password: str, salt: bytes) -> bytes:
    return hmac.new(salt, password.encode(), hashlib.sha256).digest()


def _bound(password_hash: str) -> str:
    """What ties a check to the scrypt hash it was made beside."""
    return _b64(hashlib.sha256(password_hash.encode()).digest()[:16])


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@functools.cache
def dummy_credential() -> Credential:
    """A credential to check when the username is unknown, so that an unknown name costs what
    a wrong password for a device with a cheap check costs (response times do not tell which
    device names exist, except for devices still without a check)."""
    return new_credential()


class Verifier:
    """Checks Basic credentials against stored hashes of the costly (scrypt) form, remembering
    recent successes.

    A kiosk sends a request every few seconds while syncing and scrypt costs ~80 ms of CPU, so
    a successful (name, password, stored hash) triple is remembered, keyed by an HMAC under a
    key that never leaves this process. The stored hash is still read from the database on
    every request and is part of the key: removing or re-adding a device takes effect at once
    in every hub process. Losing this cache only costs CPU. (Devices with a cheap check need
    none of this: routes.common checks it directly.)
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

    def _token(self, name: str, password: str, stored: str) -> bytes:
        return hmac.new(self._key, "\0".join([name, password, stored]).encode(), hashlib.sha256).digest()

    def known(self, name: str, password: str, stored: str) -> bool | None:
        """The remembered verdict for these credentials (True, False), or None: not known."""
        token = self._token(name, password, stored)
        with self._lock:
            if token in self._ok:
                self._ok.move_to_end(token)
                return True
            expires = self._bad.get(token)
            if expires is not None and expires > self._clock():
                return False
        return None

    def check(self, name: str, password: str, stored: str) -> bool:
        verdict = self.known(name, password, stored)
        if verdict is not None:
            return verdict
        token = self._token(name, password, stored)
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

    Cheap checks (a password of the cheap form, an enrollment token) run first and are counted
    as they fail (`failed`), so a right credential is never refused. An expensive check
    (`attempt`: an earlier version's scrypt hash) is limited before it runs and counts against
    the limit while in flight, until it is settled: 64 concurrent guesses cannot all pass before
    the first one fails, so no key gets more than `limit` expensive checks a window. A try that
    finds the rest of the limit taken by checks still in flight waits for them (up to
    `patience` seconds) instead of being refused: a school's kiosks behind its one address,
    signing in at the same moment, are let in `limit` at a time.

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
                wait = self._wait(keys)
                if wait:
                    return wait
                if all(self._used(key) < self.limit for key in keys):
                    for key in keys:
                        self._in_flight[key] = self._in_flight.get(key, 0) + 1
                    return 0.0
                left = deadline - time.monotonic()
                if left <= 0:
                    return 1.0  # the checks in flight are slow: try again in a moment
                self._settled.wait(left)

    def failed(self, keys: tuple[str, ...]) -> float:
        """A failure that needed no expensive check (a wrong password of the cheap form, a
        malformed request): counted, unless the keys are at their limit already, in which case
        the seconds until they may try again (0: counted, not refused)."""
        with self._settled:
            wait = self._wait(keys)
            if not wait:
                self._record(keys)
            return wait

    def settle(self, keys: tuple[str, ...], *, failed: bool) -> None:
        """The end of a try `attempt` let through: a failure is counted, a success is not."""
        with self._settled:
            for key in keys:
                left = self._in_flight.pop(key, 0) - 1
                if left > 0:
                    self._in_flight[key] = left
            if failed:
                self._record(keys)
            self._settled.notify_all()

    def _used(self, key: str) -> int:
        return len(self._failures.get(key, ())) + self._in_flight.get(key, 0)

    def _wait(self, keys: tuple[str, ...]) -> float:
        """The longest any of `keys` must wait for its oldest failure to age out (0: none)."""
        now, longest = self._clock(), 0.0
        for key in keys:
            times = self._failures.get(key)
            while times and times[0] <= now - self.window:
                times.popleft()
            if times and len(times) >= self.limit:
                longest = max(longest, times[0] + self.window - now)
        return longest

    def _record(self, keys: tuple[str, ...]) -> None:
        now = self._clock()
        for key in keys:
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
