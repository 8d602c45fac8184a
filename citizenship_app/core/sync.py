"""Sync with the district hub (or any xAPI 1.0.3 Learning Record Store).

Push: pending outbox statements go in batches. 200/204, and a 409 for a statement the hub
already holds unchanged, count as delivered. A 400, or a 403 whose error is
"statement_refused" (the district hub's answer to a statement this kiosk may not record:
someone of another school, a result for an unknown module, a score that contradicts the verb),
quarantines the one statement the hub rejects, with its reason, and the rest still go. A 413
halves the batch. Any other 401/403 is a configuration error, with the hub's reason (backed
off like a failure: the hub throttles failed sign-ins). Network errors and 5xx back off
exponentially with jitter; a batch that gets 5xx SPLIT_AFTER rounds running is halved until
the statement the hub fails on stands alone, and that one is quarantined (see `push`). A
pulled statement that cannot be merged is skipped and logged; `sync_once` reports any failure
in its result and never raises. The outbox lives in SQLite, so whatever was not delivered is
still there after a restart; statement ids never change, so a resend
after a crash mid-batch cannot duplicate anything.

Pull: statements stored at the hub since the last pull (`since` + `more` paging) that concern
this school's students are merged idempotently: a student who passed on machine A sees it on
machine B. Completions are events, never overwritten. An LRS that does not send
X-Experience-API-Consistent-Through (Ralph, which also filters `since` by `timestamp` rather
than `stored`) is pulled with an overlap of PULL_OVERLAP, so records sent late still arrive.

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
import math
import os
import random
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin

import httpx

from . import managed_settings, multipart, paths, shared_assignments, signing, xapi
from .errors import CoreError
from .outbox import counts, quarantined, release_quarantined, status
from .quiz import score_percent
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
HEADERS = {"X-Experience-API-Version": xapi.XAPI_VERSION}
# How far before the newest `stored` seen the next pull starts when the LRS does not say how far
# its answers are consistent: covers kiosks that send an hour late, at an hour's re-reading.
PULL_OVERLAP = timedelta(hours=1)
# The /about extension by which the district hub says it takes and checks signed statements.
SIGNING_EXTENSION = "https://citizenship-kiosk.org/xapi/extensions/signed-statements"
PASSWORD_FILE = "hub-password.json"  # see password_file
SIGNING_SETTING = "hub_signs"  # the hub URL last found to take signed statements
PROBE_TIMEOUT = httpx.Timeout(5.0)


class SyncError(Exception):
    """Sync could not run; the message says why in words an administrator can act on."""


class ConfigError(CoreError, SyncError):
    """Wrong or missing hub address or credentials (including 401/403 from the hub)."""


class TransientError(CoreError, SyncError):
    """The network or the hub failed for now; try again later."""


@dataclass(frozen=True)
class HubConfig:
    url: str  # the xAPI endpoint, e.g. https://hub.district.example/xapi/
    username: str
    password: str

    @property
    def statements_url(self) -> str:
        return urljoin(self.url.rstrip("/") + "/", "statements")


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


#: The hub's error code for one statement it will not record (403): quarantined, like a 400.
STATEMENT_REFUSED = "statement_refused"


def _refused_statement(response: httpx.Response) -> bool:
    if response.status_code != 403:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("error") == STATEMENT_REFUSED


def _check_auth(response: httpx.Response) -> None:
    if response.status_code == 401:
        raise ConfigError("hub-refused-credentials", status=401)
    if response.status_code == 403 and not _refused_statement(response):
        # The credential works but may not do this (read-only, no school yet, no roster at the
        # hub): nothing is quarantined, the hub's reason says what IT must do.
        raise ConfigError("hub-refused-device", reason=_reason(response))
    if response.status_code == 429:
        raise TransientError("hub-wait")
    if response.status_code >= 500:
        raise TransientError("hub-failed", status=response.status_code)


def _reason(response: httpx.Response) -> str:
    try:
        body = response.json()
        if isinstance(body, dict):
            return str(body.get("reason") or body.get("detail") or body.get("message") or body)
        return str(body)
    except ValueError:
        return response.text[:500] or f"HTTP {response.status_code}"


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


def hub_signs(db: Store, config: HubConfig) -> bool:
    """Whether the hub takes signed statements (the district hub's /about says so).

    Asked with a plain request of its own (no credentials: /about needs none), once per hub
    URL once it says yes; an LRS that says no is asked again next round (it may have been
    upgraded). A hub that cannot answer now fails the round (TransientError, or the network
    error): sending before knowing could send signed statements to an LRS that refuses them.
    """
    if get_setting(db, SIGNING_SETTING) == config.url:
        return True
    from ..version import user_agent

    about = urljoin(config.url.rstrip("/") + "/", "about")
    response = httpx.get(about, headers={**HEADERS, "User-Agent": user_agent()}, timeout=PROBE_TIMEOUT)
    if response.status_code >= 500 or response.status_code in (408, 429):
        raise TransientError("hub-about-failed", status=response.status_code)
    try:
        extensions = response.json().get("extensions") if response.status_code == 200 else None
    except ValueError:
        extensions = None
    if isinstance(extensions, dict) and extensions.get(SIGNING_EXTENSION):
        set_setting(db, SIGNING_SETTING, config.url)
        return True
    return False


def device_keys(client: httpx.Client, config: HubConfig) -> dict:
    """{device name: public key} of the devices registered at the hub (its JWK Set)."""
    response = client.get(urljoin(config.url.rstrip("/") + "/", "device-keys"))
    _check_auth(response)
    if response.status_code != 200:
        raise TransientError("hub-keys-failed", status=response.status_code)
    return signing.key_set(response.json())


def verified(statement: dict, parts: dict[str, tuple[str, bytes]], keys: dict) -> bool:
    """Whether a pulled statement carries a signature, made with the registered key of the
    device the hub says sent it (its `authority`), over this very statement."""
    found = signing.signature_attachment(statement)
    device = ((statement.get("authority") or {}).get("account") or {}).get("name")
    if found is None or device not in keys:
        return False
    token = parts.get(str(found.get("sha2", "")).lower())
    if token is None:
        return False
    try:
        signing.verify(statement, token[1], keys[device])
    except signing.SignatureError:
        return False
    return True


def _page(response: httpx.Response) -> tuple[dict, dict[str, tuple[str, bytes]]]:
    """A statements page and its attachments (a multipart/mixed answer to attachments=true)."""
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("multipart/"):
        text, parts = multipart.decode(content_type, response.content)
        return json.loads(text), parts
    return response.json(), {}


# -- pull -----------------------------------------------------------------------------------


def pull(db: Store, client: httpx.Client, config: HubConfig, page_size: int = 500) -> int:
    """Fetch statements stored since the last pull and merge those about our students."""
    since = get_setting(db, "sync_pull_since")
    params: dict[str, str] | None
    params = {"limit": str(page_size), "ascending": "true"}
    keys = device_keys(client, config) if hub_signs(db, config) else None
    if keys is not None:
        params["attachments"] = "true"  # the signatures come with the statements
    if since:
        params["since"] = since
    url: str | None = config.statements_url
    merged, newest, consistent = 0, None, None
    students = {r[0] for r in db.execute("SELECT sourced_id FROM people WHERE role = 'student'")}
    while url:
        response = client.get(url, params=params)
        _check_auth(response)
        if response.status_code != 200:
            raise TransientError("hub-list-failed", status=response.status_code)
        body, parts = _page(response)
        trusted = None if keys is None else lambda statement, parts=parts: verified(statement, parts, keys)
        # Statements stored after this instant may still be committing on another hub
        # process: never move `since` past it (merging is idempotent, overlap is harmless).
        through = response.headers.get("X-Experience-API-Consistent-Through")
        if through and (consistent is None or _instant(through) < _instant(consistent)):
            consistent = through
        for statement in body.get("statements", []):
            try:
                merged += merge_statement(db, statement, students, trusted)
            except Exception as exc:  # noqa: BLE001 - one odd statement must not stop the pull
                # Skipped for good (the cursor moves past it): a statement another client
                # sent in a shape this kiosk does not expect. Its id, never its content.
                log.warning(
                    "pull: skipped statement %s that this kiosk cannot merge (%s: %s)",
                    statement.get("id") if isinstance(statement, dict) else "?",
                    type(exc).__name__,
                    str(exc)[:200],
                )
                continue
            stored = statement.get("stored")
            if stored and (newest is None or _instant(stored) > _instant(newest)):
                newest = stored
        more = body.get("more") or ""
        url = urljoin(config.statements_url, more) if more else None
        params = None  # the `more` URL carries its own query
        if url and newest:
            # Saved after every page, so an interrupted pull resumes here instead of from the
            # start: 1 µs before the newest `stored` merged, since the next page may hold more
            # statements of that same instant (a batch shares one `stored` time).
            since = _save_cursor(db, since, _next_since(_shift(newest, -1), consistent))
    _save_cursor(db, since, _next_since(newest, consistent))
    return merged


def _save_cursor(db: Store, since: str | None, cursor: str | None) -> str | None:
    """Move `sync_pull_since` forward to `cursor` (never back); the cursor now in force."""
    if cursor and (since is None or _instant(cursor) > _instant(since)):
        set_setting(db, "sync_pull_since", cursor)
        return cursor
    return since


def _shift(stamp: str, microseconds: int) -> str:
    return (_instant(stamp) + timedelta(microseconds=microseconds)).isoformat()


def _next_since(newest: str | None, consistent: str | None) -> str | None:
    """Where the next pull starts: the newest `stored` seen, but not past the instant the LRS
    says its answers are consistent through; PULL_OVERLAP earlier if it says nothing."""
    if newest is None:
        return None
    if consistent is None:
        return (_instant(newest) - PULL_OVERLAP).isoformat()
    return min(newest, consistent, key=_instant)


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def merge_statement(
    db: Store, statement: dict, students: set[str], trusted: Callable[[dict], bool] | None = None
) -> int:
    """Record a passed/failed statement from another kiosk; 1 if it added anything.

    `trusted(statement)`, when given, must hold for a result to merge (a verified signature):
    a result that fails it is left out, so it never counts as a completion here."""
    verb = statement.get("verb", {}).get("id")
    if verb in (shared_assignments.ASSIGNED, shared_assignments.VOIDED):  # another kiosk's assignment
        return shared_assignments.merge(db, statement, trusted)
    if verb not in (xapi.VERBS["passed"], xapi.VERBS["failed"]):
        return 0
    person = statement.get("actor", {}).get("account", {}).get("name")
    object_id = statement.get("object", {}).get("id", "")
    prefix = xapi.module_iri("")
    attempt_id = statement.get("context", {}).get("registration")
    if person not in students or not object_id.startswith(prefix) or not attempt_id:
        return 0
    if trusted is not None and not trusted(statement):
        log.warning(
            "pull: statement %s left out: no valid signature of a registered device", statement.get("id")
        )
        return 0
    module_id = object_id[len(prefix) :]
    result = statement.get("result", {})
    score = result.get("score", {})
    total = int(score.get("max") or 0)
    earned = float(score.get("raw") or 0)  # points: ordering gives partial credit
    correct = math.floor(earned)
    passed = bool(result.get("success"))
    finished = statement.get("timestamp") or statement.get("stored") or now()
    grouping = statement.get("context", {}).get("contextActivities", {}).get("grouping", [])
    grouping = [grouping] if isinstance(grouping, dict) else grouping  # one activity may be an object
    class_prefix = xapi.class_iri("")
    class_id = next(
        (g["id"][len(class_prefix) :] for g in grouping if g.get("id", "").startswith(class_prefix)), None
    )
    machine = statement.get("context", {}).get("extensions", {}).get(xapi.MACHINE_EXTENSION, "hub")
    percent = score_percent(earned, total)
    with transaction(db):
        added = db.execute(
            """INSERT INTO quiz_attempts (id, person_id, module_id, class_id, question_order, started_at,
                 submitted_at, correct, total, score, passed, pass_mark, machine)
               VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
            [
                attempt_id,
                person,
                module_id,
                class_id,
                finished,
                finished,
                correct,
                total,
                percent,
                int(passed),
                0,
                machine,
            ],
        ).rowcount
        if passed:
            db.execute(
                """INSERT INTO completions (id, person_id, module_id, attempt_id, score, completed_at,
                     machine, source)
                   VALUES (?, ?, ?, ?, ?, ?, ?, 'hub') ON CONFLICT DO NOTHING""",
                [xapi.completion_id(attempt_id), person, module_id, attempt_id, percent, finished, machine],
            )
    return added


# -- one round ------------------------------------------------------------------------------


def backoff_seconds(failures: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: ~2 s, 4 s, 8 s ... capped at 5 minutes."""
    rng = rng or random.Random()
    return min(300.0, 2.0 ** max(failures, 1)) * rng.uniform(0.5, 1.5)


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
    """Push then pull once. Never raises for network trouble: the result carries the error."""
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
        push(db, client, config, batch)
        if pull_too:
            pulled = pull(db, client, config)
            managed_settings.refresh(db, client, config.url)  # the district's kiosk settings
    except ConfigError as exc:
        _backoff(db)  # wrong credentials: asking every minute only gets this address throttled
        return _finish(db, sent_before, pulled, str(exc), exc)
    except (TransientError, httpx.TransportError, ValueError) as exc:
        _backoff(db)
        message = str(exc) or type(exc).__name__
        coded = exc if isinstance(exc, CoreError) else CoreError("sync-failed", kind=type(exc).__name__)
        if isinstance(exc, httpx.TransportError):
            message = f"cannot reach the hub ({type(exc).__name__})"
            coded = CoreError("hub-unreachable", kind=type(exc).__name__)
        return _finish(db, sent_before, pulled, message, coded)
    except Exception as exc:  # noqa: BLE001 - a kiosk round reports, it never crashes
        # Something unforeseen (a bug, a full disk): reported like a network failure and
        # retried with backoff; the traceback only at DEBUG, for whoever turns that on.
        log.debug("sync round failed", exc_info=True)
        _backoff(db)
        return _finish(
            db,
            sent_before,
            pulled,
            f"sync failed: {type(exc).__name__}: {exc}"[:500],
            CoreError("sync-failed", kind=type(exc).__name__),
        )
    finally:
        if own:
            client.close()
    set_setting(db, "sync_failures", "0")
    set_setting(db, "sync_next_try", "")  # a round that worked ends any backoff
    set_setting(db, "sync_last_ok", now())
    return _finish(db, sent_before, pulled, None)


def _backoff(db: Store) -> None:
    failures = int(get_setting(db, "sync_failures", "0")) + 1
    set_setting(db, "sync_failures", str(failures))
    wait = backoff_seconds(failures)
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
    "ConfigError",
    "HubConfig",
    "SyncError",
    "SyncResult",
    "TransientError",
    "counts",
    "due",
    "load_config",
    "merge_statement",
    "pull",
    "push",
    "quarantined",
    "release_quarantined",
    "save_config",
    "status",
    "sync_once",
]
