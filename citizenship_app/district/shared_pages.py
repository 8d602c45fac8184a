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

The hub's route waits without holding a worker thread (a request thread is one of a few,
`serve --threads`; a follower parked in one would keep the next kiosk from being served):

    flight, leader = pages.claim(key)       # in the request's thread
    if leader:
        page = pages.lead(key, flight, build)
    else:
        page = await pages.wait(flight)      # on the event loop; None: the leader failed
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

Page = tuple[bytes, dict[str, str]]  # the response body, and its headers


@dataclass
class Flight:
    """A page being built, and the requests waiting for it."""

    done: threading.Event = field(default_factory=threading.Event)
    page: Page | None = None  # None: the build failed
    waiting: int = 0  # requests that joined it (tests and logs read it)
    _wakers: list[Callable[[], None]] = field(default_factory=list)


class SharedPages:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._flights: dict[Hashable, Flight] = {}
        self.shared = 0  # answers served from another request's build, since start

    def claim(self, key: Hashable) -> tuple[Flight, bool]:
        """The flight of this page, and whether this request leads it (builds the page: then
        it must call `lead`) or joined one in progress (then `wait` or `done.wait()`)."""
        with self._lock:
            flight = self._flights.get(key)
            if flight is None:
                flight = self._flights[key] = Flight()
                return flight, True
            flight.waiting += 1
            return flight, False

    def lead(self, key: Hashable, flight: Flight, build: Callable[[], Page]) -> Page:
        """Build the page of a claimed flight, hand it to every request that joined, return it."""
        try:
            flight.page = build()
            return flight.page
        finally:
            with self._lock:
                del self._flights[key]
                wakers, flight._wakers = flight._wakers, []
                flight.done.set()
            for wake in wakers:
                wake()

    async def wait(self, flight: Flight) -> Page | None:
        """The page of a joined flight once built (None if its build failed), awaited on the
        event loop."""
        loop = asyncio.get_running_loop()
        built = loop.create_future()

        def settle() -> None:  # on the loop (the waiting request may have been cancelled)
            if not built.done():
                built.set_result(None)

        def wake() -> None:  # called in the leader's thread
            loop.call_soon_threadsafe(settle)

        with self._lock:
            pending = not flight.done.is_set()
            if pending:
                flight._wakers.append(wake)
        if pending:
            await built
        return self._served(flight)

    def get(self, key: Hashable, build: Callable[[], Page]) -> Page:
        """`build()`'s page, or the one an identical request in flight is building (waiting
        in this thread)."""
        flight, leader = self.claim(key)
        if leader:
            return self.lead(key, flight, build)
        flight.done.wait()
        page = self._served(flight)
        return page if page is not None else build()  # the leader failed: its own attempt

    def _served(self, flight: Flight) -> Page | None:
        if flight.page is not None:
            with self._lock:
                self.shared += 1
        return flight.page
