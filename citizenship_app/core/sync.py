"""Sync with the district hub (or any xAPI 1.0.3 Learning Record Store).

Push: pending outbox statements go in batches. 200/204, and a 409 for a statement the hub
already holds unchanged, count as delivered. A 400 quarantines the one statement the hub
rejects, with its reason, and the rest still go. A 413 halves the batch. 401/403 is a
configuration error (backed off like a failure: the hub throttles failed sign-ins). Network errors and 5xx back off exponentially with jitter; a batch that
gets 5xx SPLIT_AFTER rounds running is halved until the statement the hub fails on stands
alone, and that one is quarantined (see `push`). A pulled statement that cannot be merged is
skipped and logged; `sync_once` reports any failure in its result and never raises. The outbox lives in SQLite, so whatever
was not delivered is still there after a restart; statement ids never change, so a resend
after a crash mid-batch cannot duplicate anything.

Pull: statements stored at the hub since the last pull (`since` + `more` paging) that concern
this school's students are merged idempotently: a student who passed on machine A sees it on
machine B. Completions are events, never overwritten. An LRS that does not send
X-Experience-API-Consistent-Through (Ralph, which also filters `since` by `timestamp` rather
than `stored`) is pulled with an overlap of PULL_OVERLAP, so records sent late still arrive.

    >>> result = sync_once(db)        # uses load_config(db)
    >>> result.sent, result.pending, result.quarantined
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

import httpx

from . import xapi
from .errors import CoreError
from .outbox import counts, quarantined, release_quarantined, status
from .quiz import score_percent
from .store import get_setting, now, set_setting, transaction

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
# Fields an LRS adds or may normalise; two statements that differ only here are the same.
_LRS_FIELDS = ("stored", "authority", "version")
# How far before the newest `stored` seen the next pull starts when the LRS does not say how far
# its answers are consistent: covers kiosks that send an hour late, at an hour's re-reading.
PULL_OVERLAP = timedelta(hours=1)


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


def _keyring():
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or "fail" in type(backend).__module__:
            return None
        return keyring
    except Exception:  # no keyring package or no usable backend on this machine
        return None


def save_config(db, url: str, username: str, password: str | None) -> str:
    """Store the hub address and user; the password goes to the OS keyring, never a file.

    Returns where the password went. Without a keyring the password must come from
    CITIZENSHIP_HUB_PASSWORD in the kiosk's environment.
    """
    if not url.startswith(("http://", "https://")):
        raise ConfigError("hub-url-scheme")
    set_setting(db, "hub_url", url)
    set_setting(db, "hub_username", username)
    if password:
        ring = _keyring()
        if ring is None:
            return "environment"
        ring.set_password(KEYRING_SERVICE, f"{url}|{username}", password)
        return "keyring"
    return "unchanged"


def load_config(db) -> HubConfig | None:
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
        raise ConfigError("hub-no-password")
    return HubConfig(url, username, password)


# -- push -----------------------------------------------------------------------------------


def _same(a: dict, b: dict) -> bool:
    strip = lambda s: {k: v for k, v in s.items() if k not in _LRS_FIELDS}  # noqa: E731
    return _normal(strip(a)) == _normal(strip(b))


def _normal(value):
    """Compare statements as an LRS may return them: timestamps normalised to UTC instants."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, str) and len(value) >= 20 and value[4:5] == "-" and "T" in value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            return value
    return value


def _mark_sent(db, ids: list[str]) -> None:
    """Delivered: one transaction, which also counts the try that delivered them."""
    sent_at = now()
    with transaction(db):
        db.conn.executemany(
            "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL, tries = tries + 1 WHERE id = ?",
            [(sent_at, i) for i in ids],
        )


def _count_try(db, ids: list[str]) -> None:
    with transaction(db):
        db.conn.executemany("UPDATE outbox SET tries = tries + 1 WHERE id = ?", [(i,) for i in ids])


def _quarantine(db, statement_id: str, reason: str) -> None:
    with transaction(db):
        db.execute(
            "UPDATE outbox SET state = 'quarantined', last_error = ?, tries = tries + 1 WHERE id = ?",
            [reason[:2000], statement_id],
        )
    log.warning("statement %s quarantined: %s", statement_id, reason[:200])


def _check_auth(response: httpx.Response) -> None:
    if response.status_code in (401, 403):
        raise ConfigError("hub-refused-credentials", status=response.status_code)
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


def _send_one(db, client: httpx.Client, config: HubConfig, statement: dict) -> bool:
    """PUT one statement; True if delivered, False if quarantined."""
    sid = statement["id"]
    response = client.put(config.statements_url, params={"statementId": sid}, json=statement)
    _check_auth(response)
    if response.status_code in (200, 204):
        return True
    if response.status_code == 409:
        held = client.get(config.statements_url, params={"statementId": sid})
        _check_auth(held)
        if held.status_code == 200 and _same(held.json(), statement):
            return True
        _quarantine(db, sid, "the hub holds a different statement with this id (409 Conflict)")
        return False
    _quarantine(db, sid, f"HTTP {response.status_code}: {_reason(response)}")
    return False


def push(db, client: httpx.Client, config: HubConfig, batch: int = BATCH) -> int:
    """Send every pending statement; returns how many were delivered.

    A batch the hub keeps answering 5xx to (SPLIT_AFTER rounds) is halved until the statement
    it fails on stands alone; that one is quarantined if the hub took others in the same round,
    so one statement the hub cannot handle never holds back the rest.
    """
    delivered, full = 0, batch
    suspects: dict[str, str] = {}  # id -> the hub's answer, for statements that failed alone
    while True:
        rows = [
            r
            for r in db.execute(
                "SELECT id, statement, tries FROM outbox WHERE state = 'pending' ORDER BY created_at, id LIMIT ?",
                [batch + len(suspects)],
            ).fetchall()
            if r[0] not in suspects
        ][:batch]
        if not rows:
            break
        ids = [r[0] for r in rows]
        try:
            # The outbox holds each statement as JSON text: sent as it is, without re-encoding.
            response = client.post(
                config.statements_url,
                content=_json_list(r[1] for r in rows),
                headers={"Content-Type": "application/json"},
            )
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
        if response.status_code in (400, 409):
            # Something in the batch is refused or already there: settle each one on its own,
            # so one bad statement never holds back the rest.
            ok = [sid for sid, text, _ in rows if _send_one(db, client, config, json.loads(text))]
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


def _json_list(texts) -> bytes:
    return ("[" + ",".join(texts) + "]").encode()


# -- pull -----------------------------------------------------------------------------------


def pull(db, client: httpx.Client, config: HubConfig, page_size: int = 500) -> int:
    """Fetch statements stored since the last pull and merge those about our students."""
    since = get_setting(db, "sync_pull_since")
    params = {"limit": str(page_size), "ascending": "true"}
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
        body = response.json()
        # Statements stored after this instant may still be committing on another hub
        # process: never move `since` past it (merging is idempotent, overlap is harmless).
        through = response.headers.get("X-Experience-API-Consistent-Through")
        if through and (consistent is None or _instant(through) < _instant(consistent)):
            consistent = through
        for statement in body.get("statements", []):
            try:
                merged += merge_statement(db, statement, students)
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


def _save_cursor(db, since: str | None, cursor: str | None) -> str | None:
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


def merge_statement(db, statement: dict, students: set[str]) -> int:
    """Record a passed/failed statement from another kiosk; 1 if it added anything."""
    verb = statement.get("verb", {}).get("id")
    if verb not in (xapi.VERBS["passed"], xapi.VERBS["failed"]):
        return 0
    person = statement.get("actor", {}).get("account", {}).get("name")
    object_id = statement.get("object", {}).get("id", "")
    prefix = xapi.module_iri("")
    attempt_id = statement.get("context", {}).get("registration")
    if person not in students or not object_id.startswith(prefix) or not attempt_id:
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
                """INSERT INTO completions (id, person_id, module_id, attempt_id, score, completed_at, machine, source)
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


def sync_once(
    db,
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
    sent_before = counts(db)["sent"]  # what a failure half-way through still delivered counts
    pulled = 0
    try:
        push(db, client, config, batch)
        if pull_too:
            pulled = pull(db, client, config)
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


def _backoff(db) -> None:
    failures = int(get_setting(db, "sync_failures", "0")) + 1
    set_setting(db, "sync_failures", str(failures))
    wait = backoff_seconds(failures)
    set_setting(db, "sync_next_try", (datetime.now(UTC) + timedelta(seconds=wait)).isoformat())


def due(db, at: datetime | None = None) -> bool:
    """Whether the backoff allows a try now."""
    next_try = get_setting(db, "sync_next_try")
    at = at or datetime.now(UTC)
    return not next_try or datetime.fromisoformat(next_try) <= at


def _finish(
    db, sent_before: int, pulled: int, error: str | None, coded: CoreError | None = None
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
