"""Enrollment: one-time tokens that let a fresh kiosk register itself for a school.

    token, expires = new_token(store, school="org-1", uses=30, days=7)   # enroll-token
    password = enroll(store, token, name="lab-07", public_key=pem, proof=p)   # POST /enroll

The hub keeps only the token's SHA-256 (a 32-byte random token cannot be guessed, so a fast
hash is enough). `enroll` consumes one use with a conditional UPDATE and registers the device
(scope school, a fresh password, its signing key) in the same transaction: two kiosks racing
for a token's last use cannot both get it, and a refusal leaves nothing behind.

A kiosk whose answer was lost (a dropped connection, a crash before it stored the password)
retries with the same token, name and `proof`, a secret only it can compute again (an HMAC
under its private key, core.enrollment): the hub then gives the same device a fresh password
without consuming another use. Anyone else naming that device is refused.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core import signing
from . import auth
from .statements import format_us
from .storage import Store, device_keys, devices, enroll_tokens, enrolled_devices, now_us

TOKEN_PREFIX = "cke_"  # Citizenship Kiosk Enrollment
DEFAULT_USES = 1
DEFAULT_DAYS = 7
MAX_USES = 10_000
MAX_DAYS = 365


class EnrollRefused(Exception):
    """The hub will not enroll this kiosk: `code` (unknown_token, used_token, expired_token,
    name_taken, not_a_school, bad_request) and a reason an administrator can act on."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


UNKNOWN_TOKEN = "this enrollment token is unknown to the hub: check it, or ask IT for a new one"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(
    store: Store, *, school: str, uses: int = DEFAULT_USES, days: float = DEFAULT_DAYS
) -> tuple[str, str]:
    """A new token for `school` and its expiry (xAPI timestamp); ValueError for a school the
    roster does not have or out-of-range uses/days."""
    if not 1 <= uses <= MAX_USES:
        raise ValueError(f"--uses must be between 1 and {MAX_USES}")
    if not 0 < days <= MAX_DAYS:
        raise ValueError(f"--expires must be more than 0 and at most {MAX_DAYS} days")
    # The prefix names what it is in a config file or a ticket, and keeps the token from
    # starting with "-" (43 URL-safe characters may), which a command line reads as an option.
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created = now_us()
    expires = created + int(timedelta(days=days) / timedelta(microseconds=1))
    with store.transaction() as conn:
        store._check_scope(conn, "school", school)
        conn.execute(
            enroll_tokens.insert().values(
                token_hash=token_hash(token),
                school=school,
                uses_left=uses,
                expires_us=expires,
                created_us=created,
            )
        )
    return token, format_us(expires)


def enroll(store: Store, token: str, *, name: str, public_key: str, proof: str) -> tuple[str, str]:
    """Register device `name` for the token's school; (password, school). Raises EnrollRefused."""
    if not auth.DEVICE_NAME.fullmatch(name):
        raise EnrollRefused(
            "bad_request",
            "a device name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    if len(proof) < 32:
        raise EnrollRefused("bad_request", "the enrollment request needs a proof of at least 32 characters")
    digest, proof_digest = token_hash(token), token_hash(proof)
    # A guess costs one indexed read, no key parsing and no write transaction: made-up tokens
    # are not limited before they are checked (routes.enroll), so they must stay cheap.
    with store.engine.connect() as conn:
        if (
            conn.execute(
                select(enroll_tokens.c.token_hash).where(enroll_tokens.c.token_hash == digest)
            ).first()
            is None
        ):
            raise EnrollRefused("unknown_token", UNKNOWN_TOKEN)
    try:
        pem = signing.public_key(public_key).as_pem(private=False).decode("ascii")
    except ValueError as exc:
        raise EnrollRefused("bad_request", f"public_key: {exc}") from None
    credential = auth.new_credential()  # scrypt before the transaction: it holds no lock meanwhile
    try:
        return _enroll(store, digest, name, pem, credential, proof_digest)
    except IntegrityError:  # another kiosk took the name in the same instant (PostgreSQL)
        raise EnrollRefused(
            "name_taken", f"a device named {name!r} was just enrolled by another kiosk"
        ) from None


def _enroll(
    store: Store, digest: str, name: str, pem: str, credential: auth.Credential, proof_digest: str
) -> tuple[str, str]:
    stored = {"password_hash": credential.password_hash, "password_check": credential.password_check}
    now = now_us()
    with store.transaction() as conn:
        row = conn.execute(select(enroll_tokens).where(enroll_tokens.c.token_hash == digest)).first()
        if row is None:
            raise EnrollRefused("unknown_token", UNKNOWN_TOKEN)  # removed since the check above
        if row.expires_us <= now:
            raise EnrollRefused(
                "expired_token",
                f"this enrollment token expired at {format_us(row.expires_us)}: ask IT for a new one "
                "(citizenship-district enroll-token --school ORG)",
            )
        before = conn.execute(select(enrolled_devices).where(enrolled_devices.c.name == name)).first()
        created = conn.execute(select(devices.c.created_us).where(devices.c.name == name)).scalar()
        exists = created is not None
        same_kiosk = (
            before is not None
            and before.enrolled_us == created  # not a device added again since, by hand
            and before.token_hash == digest
            and before.proof_hash == proof_digest
        )
        if same_kiosk:
            # The same kiosk again (its answer was lost): a fresh password, no use consumed.
            conn.execute(devices.update().where(devices.c.name == name).values(**stored))
            return credential.password, row.school
        consumed = conn.execute(
            enroll_tokens.update()
            .where(
                enroll_tokens.c.token_hash == digest,
                enroll_tokens.c.uses_left > 0,
                enroll_tokens.c.expires_us > now,
            )
            .values(uses_left=enroll_tokens.c.uses_left - 1)
        ).rowcount
        if not consumed:
            raise EnrollRefused(
                "used_token",
                "this enrollment token has been used up: ask IT for a new one "
                "(citizenship-district enroll-token)",
            )
        if exists:
            raise EnrollRefused(
                "name_taken",
                f"a device named {name!r} already exists at the hub: enroll under another name (--name), "
                "or have IT remove the old one (citizenship-district device remove NAME)",
            )
        if not store._is_school(conn, row.school):
            raise EnrollRefused(
                "not_a_school",
                f"the token's school {row.school!r} is no longer a school of the hub's roster: ask IT",
            )
        conn.execute(
            devices.insert().values(name=name, **stored, created_us=now, scope="school", school=row.school)
        )
        conn.execute(device_keys.delete().where(device_keys.c.name == name))
        conn.execute(device_keys.insert().values(name=name, public_key=pem, created_us=now))
        conn.execute(enrolled_devices.delete().where(enrolled_devices.c.name == name))
        conn.execute(
            enrolled_devices.insert().values(
                name=name, token_hash=digest, proof_hash=proof_digest, enrolled_us=now
            )
        )
    return credential.password, row.school
