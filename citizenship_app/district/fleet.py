"""The fleet view: when each device last reached the hub, its app version, and what it reported.

    recorder = Recorder(store)
    recorder.seen("lab-07", request.headers)     # on every authenticated request (routes.common)
    devices(store)                               # citizenship-district devices [--json]

A kiosk sends `User-Agent: citizenship-kiosk/VERSION` and, on each request of a sync round,
`X-Kiosk-Pending` (records waiting in its outbox) and `X-Kiosk-Last-Error` (its last sync
error, percent-encoded; empty for none), see core.sync.report_headers. Headers need no extra
request and arrive with the credentials that prove which device speaks.

Recording costs at most one write per device per minute and hub process: a kiosk syncing every
few seconds does not turn every request into a write. So the view lags by up to a minute (and
a round: the counts are those at the start of the kiosk's round).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from urllib.parse import unquote

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from .statements import format_us
from .storage import Store, device_status, now_us

log = logging.getLogger(__name__)

WRITE_EVERY = 60.0  # seconds between two writes for one device (per process)
SILENT_AFTER_HOURS = 24.0  # a school day and a night: a lab machine in use syncs every day
PENDING_HEADER = "x-kiosk-pending"
ERROR_HEADER = "x-kiosk-last-error"
_AGENT_PREFIX = "citizenship-kiosk/"


def report(headers: Mapping[str, str]) -> dict:
    """The columns a request's headers give: app_version, and pending / last_error when sent."""
    agent = headers.get("user-agent", "")
    version = agent[len(_AGENT_PREFIX) :].split()[0][:64] if agent.lower().startswith(_AGENT_PREFIX) else None
    row: dict = {"app_version": version or None}
    pending = headers.get(PENDING_HEADER, "")
    if pending.isdigit():
        row["pending"] = min(int(pending), 2**31 - 1)
    if ERROR_HEADER in headers:
        row["last_error"] = unquote(headers[ERROR_HEADER])[:500]
    return row


class Recorder:
    """Writes a device's status at most once per WRITE_EVERY seconds (in this process)."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.monotonic):
        self.store, self._clock = store, clock
        self._written: dict[str, float] = {}
        self._lock = threading.Lock()
        self._warned = False

    def seen(self, device: str, headers: Mapping[str, str], *, counts: bool = True) -> None:
        """Record a request of `device`; `counts=False` writes without using up the minute
        (enrollment: the kiosk's first sync round, just after, is still recorded)."""
        now = self._clock()
        with self._lock:
            if now - self._written.get(device, -WRITE_EVERY) < WRITE_EVERY:
                return
            if counts:
                self._written[device] = now
            if len(self._written) > 100_000:  # devices removed long ago: forget them
                self._written.clear()
        row = {"name": device, "last_seen_us": now_us(), **report(headers)}
        dialect = postgresql if self.store.dialect == "postgresql" else sqlite
        insert = dialect.insert(device_status).values(**row)
        changes = {k: insert.excluded[k] for k in row if k != "name"}
        try:
            with self.store.transaction() as conn:
                conn.execute(insert.on_conflict_do_update(index_elements=["name"], set_=changes))
        except SQLAlchemyError as exc:
            # The view is a convenience: a request never fails for it (a hub role without the
            # grant of docs/district-hub.md, a database busy for a moment). Said once per process.
            if not self._warned:
                self._warned = True
                log.warning(
                    "cannot record device contact in device_status (%s): the fleet view will "
                    "lag; see docs/district-hub.md for the hub role's grants",
                    type(exc).__name__,
                )


def devices(store: Store, *, silent_hours: float = SILENT_AFTER_HOURS, now: int | None = None) -> list[dict]:
    """Every device with its school, last contact, app version, records waiting, last error,
    and `silent`: no contact for more than `silent_hours` (since it was added, if never)."""
    listed = store.list_devices()
    with store.engine.connect() as conn:
        status = {r.name: r for r in conn.execute(select(device_status))}
    now = now if now is not None else now_us()
    limit = int(silent_hours * 3600 * 1_000_000)
    found = []
    for d in listed:
        s = status.get(d["name"])
        last = s.last_seen_us if s else None
        since = last if last is not None else _parse_us(d["created"])
        found.append(
            {
                "name": d["name"],
                "school": d["school"],
                "scope": d["scope"],
                "last_contact": format_us(last) if last is not None else None,
                "app_version": s.app_version if s else None,
                "pending": s.pending if s else None,
                "last_error": (s.last_error or None) if s else None,
                "silent": now - since > limit,
            }
        )
    return found


def _parse_us(stamp: str) -> int:
    from datetime import datetime

    return int(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() * 1_000_000)
