"""Sync with the district hub (or any xAPI 1.0.3 Learning Record Store).

Push: pending outbox statements go in batches. 200/204, and a 409 for a statement the hub
already holds unchanged, count as delivered. A 400, or a 403 whose error is
"statement_refused" (the district hub's answer to a statement this kiosk may not record:
someone of another school, a result for an unknown module, a score that contradicts the verb),
quarantines the one statement the hub rejects, with its reason, and the rest still go. A 413
halves the batch. Any other 401/403 is a configuration error, with the hub's reason (backed
off like a failure: the hub throttles failed sign-ins). Network errors and 5xx back off
exponentially with jitter; a batch that gets 5xx SPLIT_AFTER rounds running is halved until
the statement the hub fails on stands alone, and that one is quarantined (see `push`).
`sync_once` reports any failure in its result and never raises. The outbox lives in SQLite,
so whatever was not delivered is still there after a restart; statement ids never change, so
a resend after a crash mid-batch cannot duplicate anything.

Pull (core.pull, run by `sync_once` after the push, with a backoff of its own): the statements
of this kiosk's school stored at the hub since the last pull, merged idempotently.

Signatures: to a district hub (its /about names SIGNING_EXTENSION) every statement goes signed
with this kiosk's key (`core.signing`, multipart/mixed), and a pulled result is merged only if
its signature verifies against the key the hub lists for the device that sent it: an unsigned
or forged "passed" never becomes a completion here, so the compliance report never counts it.
A third-party LRS (no such extension) gets unsigned statements, and its results merge as they
come, as before: it has no registered keys to check them against.

    >>> result = sync_once(db)        # uses load_config(db)
    >>> result.sent, result.pending, result.quarantined
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from . import managed_settings, multipart, paths, roster_sync, signing, xapi
from . import pull as pulling
from .errors import CoreError
from .hubclient import (
    HEADERS,
    SIGNING_EXTENSION,
    STATEMENT_REFUSED,
    ConfigError,
    HubConfig,
    SyncError,
    TransientError,
    _check_auth,
    _reason,
    _refused_statement,
    backoff_seconds,
    hub_signs,
)
from .outbox import counts, quarantined, release_quarantined, status
from .store import Store, get_setting, now, set_setting, transaction

if TYPE_CHECKING:
    from joserfc.jwk import RSAKey

log = logging.getLogger(__name__)

BATCH = 500  # statements per POST (the hub takes up to 1000; halved on a 413)
# Rounds a batch may fail with 5xx before it is split to find a statement the hub keeps failing
# on; and how many statements may fail alone in one round, with nothing delivered, before the
# hub is taken to be failing as a whole (then the round backs off and nothing is quarantined).
SPLIT_AFTER = 3
MAX_SUSPECTS = 2
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
KEYRING_SERVICE = "citizenship-kiosk-hub"
PASSWORD_FILE = "hub-password.json"  # see password_file


@dataclass(frozen=True)
class SyncResult:
    sent: int
    pending: int
    quarantined: int
    pulled: int = 0
    error: str | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        if data["error"] is None:
            del data["error"]
        return data


# -- configuration --------------------------------------------------------------------------


def _keyring() -> ModuleType | None:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or "fail" in type(backend).__module__:
            return None
        return keyring
    except Exception:  # no keyring package or no usable backend on this machine
        return None


def password_file(db: Store) -> Path:
    """Where an enrolled kiosk without an OS keyring keeps its hub password (0600, beside the
    store and the signing key); see save_config's `file_fallback`."""
    return signing.key_path(db).with_name(PASSWORD_FILE)


def save_config(
    db: Store, url: str, username: str, password: str | None, *, file_fallback: bool = False
) -> str:
    """Store the hub address and user; the password goes to the OS keyring.

    Returns where the password went. Without a keyring the password must come from
    CITIZENSHIP_HUB_PASSWORD in the kiosk's environment, unless `file_fallback` (enrollment,
    which runs unattended) lets it go to `password_file` (0600) in the data directory.
    The password is stored before the settings, so a failure leaves the kiosk unconfigured.
    """
    if not url.startswith(("http://", "https://")):
        raise ConfigError("hub-url-scheme")
    where = "unchanged"
    if password:
        ring = _keyring()
        if ring is not None:
            ring.set_password(KEYRING_SERVICE, f"{url}|{username}", password)
            where = "keyring"
        elif file_fallback:
            path = paths.private_file(password_file(db).with_suffix(".tmp"))
            path.write_text(json.dumps({"url": url, "username": username, "password": password}))
            os.replace(path, password_file(db))  # whole or not at all
            where = "data-dir"
        else:
            where = "environment"
    with transaction(db):
        set_setting(db, "hub_url", url)
        set_setting(db, "hub_username", username)
    return where


def load_config(db: Store) -> HubConfig | None:
    """Environment variables override the stored settings; None when nothing is set up."""
    url = os.environ.get("CITIZENSHIP_HUB_URL") or get_setting(db, "hub_url")
    username = os.environ.get("CITIZENSHIP_HUB_USERNAME") or get_setting(db, "hub_username")
    if not url or not username:
        return None
    password = os.environ.get("CITIZENSHIP_HUB_PASSWORD")
    if password is None:
        ring = _keyring()
        password = ring.get_password(KEYRING_SERVICE, f"{url}|{username}") if ring else None
    if password is None:
        password = _filed_password(db, url, username)
    if password is None:
        raise ConfigError("hub-no-password")
    return HubConfig(url, username, password)


def _filed_password(db: Store, url: str, username: str) -> str | None:
    """The password in `password_file`, if it is there and for this hub and user."""
    try:
        filed = json.loads(password_file(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(filed, dict) or (filed.get("url"), filed.get("username")) != (url, username):
        return None
    password = filed.get("password")
    return password if isinstance(password, str) else None


# -- push -----------------------------------------------------------------------------------


def _mark_sent(db: Store, ids: list[str]) -> None:
    """Delivered: one transaction, which also counts the try that delivered them."""
    sent_at = now()
    with transaction(db):
        db.conn.executemany(
            "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL, tries = tries + 1"
            " WHERE id = ?",
            [(sent_at, i) for i in ids],
        )


def _count_try(db: Store, ids: list[str]) -> None:
    with transaction(db):
        db.conn.executemany("UPDATE outbox SET tries = tries + 1 WHERE id = ?", [(i,) for i in ids])


def _quarantine(db: Store, statement_id: str, reason: str) -> None:
    with transaction(db):
        db.execute(
            "UPDATE outbox SET state = 'quarantined', last_error = ?, tries = tries + 1 WHERE id = ?",
            [reason[:2000], statement_id],
        )
    log.warning("statement %s quarantined: %s", statement_id, reason[:200])


def _send_one(db: Store, client: httpx.Client, config: HubConfig, text: str, key: Any) -> bool:
    """PUT one statement (signed with `key`, unless None); True if delivered, False if quarantined."""
    statement = json.loads(text)
    sid = statement["id"]
    content, headers = _body([text], key, single=True)
    response = client.put(
        config.statements_url, params={"statementId": sid}, content=content, headers=headers
    )
    _check_auth(response)
    if response.status_code in (200, 204):
        return True
    if response.status_code == 409:
        held = client.get(config.statements_url, params={"statementId": sid})
        _check_auth(held)
        if held.status_code == 200 and xapi.same_statement(signing.without_signature(held.json()), statement):
            return True
        _quarantine(db, sid, "the hub holds a different statement with this id (409 Conflict)")
        return False
    _quarantine(db, sid, f"HTTP {response.status_code}: {_reason(response)}")
    return False


def push(db: Store, client: httpx.Client, config: HubConfig, batch: int = BATCH) -> int:
    """Send every pending statement; returns how many were delivered.

    A batch the hub keeps answering 5xx to (SPLIT_AFTER rounds) is halved until the statement
    it fails on stands alone; that one is quarantined if the hub took others in the same round,
    so one statement the hub cannot handle never holds back the rest.
    """
    delivered, full = 0, batch
    suspects: dict[str, str] = {}  # id -> the hub's answer, for statements that failed alone
    key = signing.private_key(db) if hub_signs(db, config) else None
    while True:
        rows = [
            r
            for r in db.execute(
                "SELECT id, statement, tries FROM outbox WHERE state = 'pending'"
                " ORDER BY created_at, id LIMIT ?",
                [batch + len(suspects)],
            ).fetchall()
            if r[0] not in suspects
        ][:batch]
        if not rows:
            break
        ids = [r[0] for r in rows]
        try:
            # The outbox holds each statement as JSON text: sent (and signed) as it is.
            content, headers = _body([r[1] for r in rows], key)
            response = client.post(config.statements_url, content=content, headers=headers)
            if response.status_code < 500:
                _check_auth(response)
        except Exception:
            _count_try(db, ids)
            raise
        if response.status_code in (200, 204):
            _mark_sent(db, ids)
            delivered += len(rows)
            batch = min(full, batch * 2)  # back to full batches once past the trouble
            continue
        if response.status_code in (400, 409) or _refused_statement(response):
            # Something in the batch is refused or already there: settle each one on its own,
            # so one bad statement never holds back the rest.
            ok = [sid for sid, text, _ in rows if _send_one(db, client, config, text, key)]
            _mark_sent(db, ok)
            delivered += len(ok)
            continue
        if response.status_code == 413 and len(rows) > 1:
            batch = full = len(rows) // 2  # the LRS (or a proxy before it) takes smaller requests
            continue
        _count_try(db, ids)
        if response.status_code < 500 or max(r[2] for r in rows) + 1 < SPLIT_AFTER:
            raise TransientError(
                "hub-unexpected" if response.status_code < 500 else "hub-failed", status=response.status_code
            )
        if len(rows) > 1:
            batch = len(rows) // 2
            continue
        suspects[ids[0]] = f"HTTP {response.status_code}: {_reason(response)}"
        if len(suspects) >= MAX_SUSPECTS and not delivered:
            raise TransientError("hub-failed", status=response.status_code)
    if suspects and not delivered:
        raise TransientError("hub-failed", status="5xx")
    for sid, answer in suspects.items():  # the hub took others, so these fail on their own
        tries = db.execute("SELECT tries FROM outbox WHERE id = ?", [sid]).fetchone()[0]
        with transaction(db):
            db.execute(
                "UPDATE outbox SET state = 'quarantined', last_error = ? WHERE id = ?",
                [f"the hub failed on this statement alone after {tries} tries ({answer})"[:2000], sid],
            )
        log.warning("statement %s quarantined: the hub keeps failing on it (%s)", sid, answer[:200])
    return delivered


def _json_list(texts: Iterable[str]) -> bytes:
    return ("[" + ",".join(texts) + "]").encode()


def _body(texts: list[str], key: RSAKey | None, single: bool = False) -> tuple[bytes, dict[str, str]]:
    """(body, headers) for statements' JSON texts: as they are, or signed with `key` in a
    multipart/mixed body (each statement with its signature attachment, then the JWSs)."""
    if key is None:
        return (texts[0].encode() if single else _json_list(texts)), {"Content-Type": "application/json"}
    signed, parts = [], []
    for text in texts:
        statement, token = signing.sign(text, key)
        signed.append(statement)
        parts.append((multipart.sha2(token), signing.SIGNATURE_CONTENT_TYPE, token))
    payload = json.dumps(signed[0] if single else signed, separators=(",", ":"), ensure_ascii=False)
    content_type, body = multipart.encode(payload.encode(), parts)
    return body, {"Content-Type": content_type}


# -- one round ------------------------------------------------------------------------------


def make_client(config: HubConfig, timeout: httpx.Timeout = TIMEOUT) -> httpx.Client:
    from ..version import user_agent  # the hub sees which version each kiosk runs

    headers = {**HEADERS, "User-Agent": user_agent()}
    return httpx.Client(auth=(config.username, config.password), headers=headers, timeout=timeout)


def report_headers(db: Store) -> dict[str, str]:
    """What the kiosk tells the hub on each request of a round, for its fleet view
    (district/fleet.py): records waiting, and the last round's error ("" for none), percent-
    encoded so any text fits in a header. No student data: counts and sync errors only."""
    error = (get_setting(db, "sync_last_error") or "")[:300]
    return {
        "X-Kiosk-Pending": str(counts(db)["pending"]),
        "X-Kiosk-Last-Error": quote(error, safe=" :/,.()'"),
    }


def sync_once(
    db: Store,
    config: HubConfig | None = None,
    client: httpx.Client | None = None,
    pull_too: bool = True,
    batch: int = BATCH,
) -> SyncResult:
    """One round: push, then pull (core.pull), each step with its own backoff. Never raises:
    the result carries the first step's error (its English line and its code)."""
    try:
        config = config or load_config(db)
    except ConfigError as exc:
        return _finish(db, counts(db)["sent"], 0, str(exc), exc)
    if config is None:
        return _finish(
            db, counts(db)["sent"], 0, "no district hub is configured", CoreError("hub-not-configured")
        )
    own = client is None
    client = client or make_client(config)
    client.headers.update(report_headers(db))
    sent_before = counts(db)["sent"]  # what a failure half-way through still delivered counts
    pulled = 0
    try:
        _, failure = _step(lambda: push(db, client, config, batch))
        if failure is None:
            _push_succeeded(db)
        else:
            # Also for wrong credentials: asking every minute only gets them throttled; after a
            # 429 at least as long as the hub's Retry-After.
            _backoff(db, failure.wait)
        # A pull has a backoff of its own: a hub that fails pulls never holds back a push, and
        # a push the hub fails on (a 5xx) does not stop the pull. Not worth trying when the
        # hub cannot be reached or refuses the credentials.
        if pull_too and pulling.due(db) and (failure is None or not failure.stops_pull):
            pulled, pull_failure = _step(lambda: pulling.pull(db, client, config))
            if pull_failure is None:
                pulling.succeeded(db)
            else:
                pulling.failed(db)
                failure = failure or pull_failure.pulling()
        # Then the school's roster changes (its own errors kept apart: roster_sync_error) and
        # the district's kiosk settings; not tried when the hub cannot be reached or refuses
        # us. Each a step: whatever it raises is reported like the rest, never a traceback.
        if pull_too and (failure is None or not failure.stops_pull):
            _, roster_failure = _step(
                lambda: _hook(roster_sync.refresh(db, config.url, config.username, config.password, client))
            )
            _, settings_failure = _step(lambda: _hook(managed_settings.refresh(db, client, config.url)))
            failure = failure or roster_failure or settings_failure
    finally:
        if own:
            client.close()
    if failure is not None:
        return _finish(db, sent_before, pulled, failure.message, failure.coded)
    set_setting(db, "sync_last_ok", now())
    return _finish(db, sent_before, pulled, None)


@dataclass(frozen=True)
class _Failure:
    message: str  # English, for the CLI and the log
    coded: CoreError  # for the screens
    stops_pull: bool = False  # the hub cannot be reached, or refuses these credentials
    wait: float = 0  # seconds the hub asked the kiosk to wait (429 Retry-After)

    def pulling(self) -> _Failure:
        return _Failure(f"pull: {self.message}", self.coded, self.stops_pull, self.wait)


def _step(run: Callable[[], int]) -> tuple[int, _Failure | None]:
    """Run one step of a round: (its count, None), or (0, what went wrong)."""
    try:
        return run(), None
    except ConfigError as exc:
        return 0, _Failure(str(exc), exc, stops_pull=True)
    except httpx.TransportError as exc:
        kind = type(exc).__name__
        return 0, _Failure(f"cannot reach the hub ({kind})", CoreError("hub-unreachable", kind=kind), True)
    except (TransientError, ValueError) as exc:
        coded = exc if isinstance(exc, CoreError) else CoreError("sync-failed", kind=type(exc).__name__)
        wait = exc.params.get("wait") if isinstance(exc, TransientError) else None  # a 429's Retry-After
        return 0, _Failure(str(exc) or type(exc).__name__, coded, wait=wait if isinstance(wait, int) else 0)
    except Exception as exc:  # noqa: BLE001 - a kiosk round reports, it never crashes
        # Something unforeseen (a bug, a full disk): reported like a network failure and
        # retried with backoff; the traceback only at DEBUG, for whoever turns that on.
        log.debug("sync step failed", exc_info=True)
        kind = type(exc).__name__
        return 0, _Failure(f"sync failed: {kind}: {exc}"[:500], CoreError("sync-failed", kind=kind))


def _hook(_result: object) -> int:
    """A round's after-pull step counts nothing toward `pulled`."""
    return 0


def _push_succeeded(db: Store) -> None:
    set_setting(db, "sync_failures", "0")
    set_setting(db, "sync_next_try", "")  # a push that worked ends its backoff


def _backoff(db: Store, at_least: float = 0) -> None:
    failures = int(get_setting(db, "sync_failures", "0")) + 1
    set_setting(db, "sync_failures", str(failures))
    wait = max(backoff_seconds(failures), at_least)
    set_setting(db, "sync_next_try", (datetime.now(UTC) + timedelta(seconds=wait)).isoformat())


def due(db: Store, at: datetime | None = None) -> bool:
    """Whether the backoff allows a try now."""
    next_try = get_setting(db, "sync_next_try")
    at = at or datetime.now(UTC)
    return not next_try or datetime.fromisoformat(next_try) <= at


def _finish(
    db: Store, sent_before: int, pulled: int, error: str | None, coded: CoreError | None = None
) -> SyncResult:
    """End a round: the error's English line (CLI, log) and its code (the admin screen) kept."""
    set_setting(db, "sync_last_error_code", json.dumps([coded.code, coded.params]) if error and coded else "")
    if error:
        # Rounds run every minute: the same trouble is logged once, not 1,440 times a day.
        repeated = get_setting(db, "sync_last_error") == error
        set_setting(db, "sync_last_error", error)
        log.log(logging.DEBUG if repeated else logging.WARNING, "sync: %s", error)
    else:
        set_setting(db, "sync_last_error", "")
    c = counts(db)
    return SyncResult(c["sent"] - sent_before, c["pending"], c["quarantined"], pulled, error)


__all__ = [
    "HEADERS",
    "SIGNING_EXTENSION",
    "STATEMENT_REFUSED",
    "ConfigError",
    "HubConfig",
    "SyncError",
    "SyncResult",
    "TransientError",
    "backoff_seconds",
    "hub_signs",
    "counts",
    "due",
    "load_config",
    "push",
    "quarantined",
    "release_quarantined",
    "save_config",
    "status",
    "sync_once",
]
