"""Identical statement pages asked for at the same moment share one query and one body.

When a school's kiosks start in the morning, the ones that were caught up ask the hub for the
same page (the same `since`, the same school): without sharing, the hub would run the same
query and splice the same 600 KB body once per kiosk. A request that finds an identical page
being built waits for it and answers with it, `X-Experience-API-Consistent-Through` included:
that header was read before the shared query ran, so it stays true for every answer that
uses it. Nothing is kept once the page is answered (no cache to go stale): a request that
comes a moment later runs its own query. If building the page fails, each waiting request
builds its own (its own error, its own answer).

    pages = SharedPages()
    body, headers = pages.get(key, build)   # build() -> (body, headers), run once per flight
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

Page = tuple[bytes, dict[str, str]]  # the response body, and its headers


@dataclass
class _Flight:
    done: threading.Event = field(default_factory=threading.Event)
    page: Page | None = None  # None: the build failed
    waiting: int = 0  # requests that joined it (tests and logs read it)


class SharedPages:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._flights: dict[Hashable, _Flight] = {}
        self.shared = 0  # answers served from another request's build, since start

    def get(self, key: Hashable, build: Callable[[], Page]) -> Page:
        """`build()`'s page, or the one an identical request in flight is building."""
        with self._lock:
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
            else:
                flight.waiting += 1
        if not leader:
            flight.done.wait()
            if flight.page is not None:
                with self._lock:
                    self.shared += 1
                return flight.page
            return build()  # the leader failed: this request's own attempt, its own error
        try:
            flight.page = build()
            return flight.page
        finally:
            with self._lock:
                del self._flights[key]
            flight.done.set()
