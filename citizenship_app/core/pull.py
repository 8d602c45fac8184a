"""Pull: the district's records of this kiosk's school, merged so a student who passed on
machine A sees it on machine B.

    >>> pulled = pull(db, client, config)    # within a sync round (core.sync.sync_once)

What: the statements the hub stored since the last pull that carry this kiosk's school as a
context activity (`activity=<xapi.school_iri>&related_activities=true`; the hub refuses a
school device's pull of anything else). A kiosk that does not know its school (no enrollment,
a roster of several schools) pulls unfiltered, as a district device or third-party LRS allows.
From when: a new kiosk (or one moved to another school) starts at the start of the current
school year (core.compliance.current_school_year), not at the beginning of history. The cursor
(`sync_pull_since`) is saved after every page, so an interrupted pull resumes where it stopped.

Completions are events, never overwritten; merging is idempotent. A statement this kiosk
cannot merge is skipped and logged by id (never its content). An LRS that does not send
X-Experience-API-Consistent-Through (Ralph, which also filters `since` by `timestamp` rather
than `stored`) is pulled with an overlap of PULL_OVERLAP, so records sent late still arrive.

A pulled result from a district hub is merged only if its signature verifies against the key
the hub lists for the device that sent it (`verified`). Pull keeps a backoff of its own
(`pull_failures`, `pull_next_try`; see `due` and `failed`): a hub that fails pulls never delays
the kiosk's pushes.
"""

from __future__ import annotations

import json
import logging
import math
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urljoin

import httpx

from . import multipart, shared_assignments, signing, xapi
from .compliance import current_school_year
from .hubclient import HubConfig, SyncError, TransientError, _check_auth, backoff_seconds, hub_signs
from .quiz import score_percent
from .schools import kiosk_school
from .store import Store, get_setting, now, set_setting, transaction

if TYPE_CHECKING:
    from joserfc.jwk import KeySetSerialization

log = logging.getLogger(__name__)

# How far before the newest `stored` seen the next pull starts when the LRS does not say how far
# its answers are consistent: covers kiosks that send an hour late, at an hour's re-reading.
PULL_OVERLAP = timedelta(hours=1)
SINCE_SETTING = "sync_pull_since"  # where the next pull starts (a `stored` time)
SCOPE_SETTING = "sync_pull_scope"  # the school activity the cursor is for ("" for unfiltered)
KEYS_SETTING = "hub_device_keys"  # the hub's JWK Set as last fetched (public keys)


def scope(db: Store) -> str:
    """The activity id of this kiosk's school, which its pulls ask for; "" when unknown."""
    school = kiosk_school(db)
    if not school:
        return ""
    return xapi.school_iri(get_setting(db, "sis_home_page", xapi.DEFAULT_SIS_HOME_PAGE) or "", school)


def first_since(db: Store, today: date | None = None) -> str:
    """Where a new kiosk's first pull starts: the first day of the current school year (UTC)."""
    start = current_school_year(db, today).start
    return datetime.combine(start, time(0), tzinfo=UTC).isoformat()


# -- backoff (its own: a failing pull never delays a push) ------------------------------------


def due(db: Store, at: datetime | None = None) -> bool:
    """Whether the pull's backoff allows a pull now."""
    next_try = get_setting(db, "pull_next_try")
    return not next_try or datetime.fromisoformat(next_try) <= (at or datetime.now(UTC))


def failed(db: Store, rng: random.Random | None = None) -> None:
    """A pull failed: wait longer before the next one (exponential, with jitter)."""
    failures = int(get_setting(db, "pull_failures", "0") or 0) + 1
    set_setting(db, "pull_failures", str(failures))
    wait = backoff_seconds(failures, rng)
    set_setting(db, "pull_next_try", (datetime.now(UTC) + timedelta(seconds=wait)).isoformat())


def succeeded(db: Store) -> None:
    set_setting(db, "pull_failures", "0")
    set_setting(db, "pull_next_try", "")


# -- signatures -----------------------------------------------------------------------------


def device_keys(client: httpx.Client, config: HubConfig) -> KeySetSerialization:
    """The JWK Set of the devices registered at the hub (public keys)."""
    response = client.get(urljoin(config.url.rstrip("/") + "/", "device-keys"))
    _check_auth(response)
    if response.status_code != 200:
        raise TransientError("hub-keys-failed", status=response.status_code)
    found = response.json()
    if not isinstance(found, dict):
        raise TransientError("hub-keys-failed", status=response.status_code)
    return cast("KeySetSerialization", found)


class DeviceKeys:
    """The hub's device keys, kept between pulls (public keys: KEYS_SETTING) and fetched again
    only when a pulled result does not verify with them (a device new to this kiosk, a key
    replaced), at most once a pull. Fetching the JWK Set of every device of the district each
    round cost a kiosk more bytes a day than the statements it pulls."""

    def __init__(self, db: Store, client: httpx.Client, config: HubConfig) -> None:
        self.db, self.client, self.config, self.fetched = db, client, config, False
        kept = get_setting(db, KEYS_SETTING)
        self.keys = signing.key_set(json.loads(kept)) if kept else {}

    def verified(self, statement: dict, parts: dict[str, tuple[str, bytes]]) -> bool:
        if verified(statement, parts, self.keys):
            return True
        if self.fetched:
            return False
        self.fetched = True
        found = device_keys(self.client, self.config)
        self.keys = signing.key_set(found)
        set_setting(self.db, KEYS_SETTING, json.dumps(found))
        return verified(statement, parts, self.keys)


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


# -- pulling ---------------------------------------------------------------------------------


def pull(db: Store, client: httpx.Client, config: HubConfig, page_size: int = 500) -> int:
    """Fetch the statements of this kiosk's school stored since the last pull, page by page,
    and merge those about its students; returns how many it merged."""
    wanted, since, kept = scope(db), get_setting(db, SINCE_SETTING), get_setting(db, SCOPE_SETTING)
    if since and kept is None:  # an earlier version pulled everything up to its cursor: go on
        set_setting(db, SCOPE_SETTING, wanted)
        kept = wanted
    if not since or kept != wanted:  # a new kiosk, or one moved to another school: this school year
        since = first_since(db)
        set_setting(db, SCOPE_SETTING, wanted)
        set_setting(db, SINCE_SETTING, since)
    params: dict[str, str] | None
    params = {"limit": str(page_size), "ascending": "true", "since": since}
    if wanted:
        params |= {"activity": wanted, "related_activities": "true"}
    keys = DeviceKeys(db, client, config) if hub_signs(db, config) else None
    if keys is not None:
        params["attachments"] = "true"  # the signatures come with the statements
    url: str | None = config.statements_url
    merged, newest, consistent = 0, None, None
    students = {r[0] for r in db.execute("SELECT sourced_id FROM people WHERE role = 'student'")}
    while url:
        response = client.get(url, params=params)
        _check_auth(response)
        if response.status_code != 200:
            raise TransientError("hub-list-failed", status=response.status_code)
        body, parts = _page(response)
        trusted = None if keys is None else lambda statement, parts=parts: keys.verified(statement, parts)
        # Statements stored after this instant may still be committing on another hub
        # process: never move `since` past it (merging is idempotent, overlap is harmless).
        through = response.headers.get("X-Experience-API-Consistent-Through")
        if through and (consistent is None or _instant(through) < _instant(consistent)):
            consistent = through
        statements = body.get("statements") if isinstance(body, dict) else None
        for statement in statements if isinstance(statements, list) else []:
            merged += _merge_or_skip(db, statement, students, trusted)
            stored = _stored(statement)
            if stored and (newest is None or _instant(stored) > _instant(newest)):
                newest = stored
        more = body.get("more") if isinstance(body, dict) else None
        url = urljoin(config.statements_url, more) if isinstance(more, str) and more else None
        params = None  # the `more` URL carries its own query
        if url and newest:
            # Saved after every page, so an interrupted pull resumes here instead of from the
            # start: 1 µs before the newest `stored` merged, since the next page may hold more
            # statements of that same instant (a batch shares one `stored` time).
            since = _save_cursor(db, since, _next_since(_shift(newest, -1), consistent))
    _save_cursor(db, since, _next_since(newest, consistent))
    return merged


def _stored(statement: Any) -> str | None:
    """A pulled statement's `stored` time, if it has one that reads as an instant."""
    stored = statement.get("stored") if isinstance(statement, dict) else None
    if not isinstance(stored, str):
        return None
    try:
        _instant(stored)
    except ValueError:
        return None
    return stored


def _merge_or_skip(
    db: Store, statement: Any, students: set[str], trusted: Callable[[dict], bool] | None
) -> int:
    """merge_statement, or 0 and a warning for a statement this kiosk cannot merge (another
    client sent it in a shape it does not expect): skipped for good, the cursor moves past it.
    The log names the statement's id, never its content (FERPA)."""
    try:
        return merge_statement(db, statement, students, trusted)
    except (httpx.HTTPError, SyncError):
        raise  # the hub or the network failed (fetching keys): the pull stops, nothing skipped
    except Exception as exc:  # noqa: BLE001 - one odd statement must not stop the pull
        sid = statement.get("id") if isinstance(statement, dict) else None
        log.warning(
            "pull: skipped statement %s that this kiosk cannot merge (%s)",
            sid if isinstance(sid, str) else "?",
            type(exc).__name__,
        )
        return 0


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
    class_prefix = xapi.class_iri("")
    class_id = next(
        (a[len(class_prefix) :] for a in _context_activities(statement) if a.startswith(class_prefix)), None
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


def _context_activities(statement: dict) -> list[str]:
    """The ids of a statement's context activities, of every kind (grouping, parent, ...), each
    given as a list or, as other clients may send it, as one object."""
    found = (statement.get("context") or {}).get("contextActivities") or {}
    ids = []
    for value in found.values():
        for activity in value if isinstance(value, list) else [value]:
            if isinstance(activity, dict) and isinstance(activity.get("id"), str):
                ids.append(activity["id"])
    return ids


__all__ = ["PULL_OVERLAP", "due", "failed", "first_since", "merge_statement", "pull", "scope", "succeeded"]
