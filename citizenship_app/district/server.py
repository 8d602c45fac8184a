"""Running the hub: uvicorn with limits that hold before any request reaches the application.

    serve(app, host="127.0.0.1", port=8080, limits=Limits())

uvicorn times out idle keep-alive connections, but not a connection that never completes its
request headers, and it accepts connections until the process runs out of file descriptors;
then it answers no one. `GuardedH11Protocol` adds both missing limits:

- a request's headers must arrive within `header_timeout` seconds of the connection opening
  (or of the first byte after a keep-alive pause), else the connection is closed;
- at most `max_connections` connections are open; a new one past the limit closes the one that
  has waited longest without a complete request (an idle or half-sent one), so a client that
  sends its request at once is served even while others hold connections open doing nothing.

The body limits (size, time) are the application's: see api.MAX_BODY and api.read_body.
"""

from __future__ import annotations

import asyncio
import resource
from dataclasses import dataclass
from typing import TYPE_CHECKING

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

if TYPE_CHECKING:
    from fastapi import FastAPI

# File descriptors kept for the database connections, log files and the listening socket.
_RESERVED_FDS = 64


@dataclass(frozen=True)
class Limits:
    max_connections: int = 1000  # per process; lowered to what the descriptor limit allows
    header_timeout: float = 10.0  # seconds for a request's headers
    body_timeout: float = 30.0  # seconds for a request's body (16 MB at ~4 Mbit/s)
    keep_alive_timeout: int = 5  # seconds an idle keep-alive connection is kept
    backlog: int = 2048  # connections queued by the kernel before they are accepted
    # Requests worked on at once per process (the rest wait their turn). Its threads share one
    # interpreter, so a few keep its core busy (the database waits are short) and more only
    # contend: 40 (anyio's default) served pulls and pushes about half as fast (bench/hub_threads.py).
    threads: int = 4


def usable_connections(wanted: int) -> int:
    """`wanted`, or fewer if the process may not open that many descriptors (raising the soft
    limit to the hard one first, as most servers do)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(8, min(wanted, soft - _RESERVED_FDS))


def guarded_protocol(max_connections: int, header_timeout: float) -> type[H11Protocol]:
    """An H11Protocol class with the two limits above (uvicorn takes the class as `http`)."""

    class GuardedH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._waiting_since = self.loop.time()
            self._header_timer: asyncio.TimerHandle | None = None
            self._arm_header_timer()
            open_ = [c for c in self.connections if not c.transport.is_closing()]
            if len(open_) > max_connections:
                # (isinstance: uvicorn's set would also hold a WebSocket protocol, were one installed)
                waiting = [
                    c
                    for c in open_
                    if isinstance(c, GuardedH11Protocol) and c is not self and c._awaiting_request()
                ]
                if waiting:
                    min(waiting, key=lambda c: c._waiting_since)._drop()
                else:  # every connection is busy with a request: this one has to go
                    self._drop()

        def data_received(self, data: bytes) -> None:
            if self._header_timer is None and self._awaiting_request():
                self._arm_header_timer()  # the first bytes after a keep-alive pause
            super().data_received(data)
            if not self._awaiting_request():
                self._cancel_header_timer()

        def on_response_complete(self) -> None:
            super().on_response_complete()  # arms uvicorn's keep-alive timer
            self._waiting_since = self.loop.time()

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_header_timer()
            super().connection_lost(exc)

        def _awaiting_request(self) -> bool:
            return self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)

        def _arm_header_timer(self) -> None:
            self._cancel_header_timer()
            self._header_timer = self.loop.call_later(header_timeout, self._header_timeout)

        def _cancel_header_timer(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _header_timeout(self) -> None:
            self._header_timer = None
            if self._awaiting_request():
                self._drop()

        def _drop(self) -> None:
            self._cancel_header_timer()
            if not self.transport.is_closing():
                self.transport.close()

    return GuardedH11Protocol


def serve(
    app: FastAPI, *, host: str, port: int, limits: Limits, forwarded_allow_ips: str | None = None
) -> None:
    import uvicorn

    connections = usable_connections(limits.max_connections)
    _work_threads(app, limits.threads)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        http=guarded_protocol(connections, limits.header_timeout),
        timeout_keep_alive=limits.keep_alive_timeout,
        backlog=limits.backlog,
        forwarded_allow_ips=forwarded_allow_ips,
    )


def _work_threads(app: FastAPI, threads: int) -> None:
    """At most `threads` requests worked on at once (FastAPI runs them on anyio's thread pool,
    40 unless told): 40 threads of one process contending for its interpreter spent about
    twice the CPU per page that 4 did (docs/benchmarks.md)."""
    from contextlib import asynccontextmanager

    import anyio.to_thread

    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running: FastAPI):
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        async with inner(running) as state:
            yield state

    app.router.lifespan_context = lifespan
