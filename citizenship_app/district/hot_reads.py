"""The reads every kiosk request makes on a PostgreSQL hub: its device, the Consistent-Through
instant and a page of statements, each one round trip on a pool of their own.

    reads = HotReads(url)
    sql = reads.sql(("device",), lambda: select(...).where(devices.c.name == bindparam("name")))
    rows = reads.rows(sql, {"name": "lab-1"})

The SQL is built with SQLAlchemy and compiled by its PostgreSQL dialect once per *shape* (a
query's structure, not its values; the values are named bind parameters), then run on the
driver's cursor with binary results. Through SQLAlchemy's execution (building the statement,
its cache key and parameters, the result's rows) a page of 500 cost about 1.2 ms of CPU in
the hub process, the driver's cursor 0.3 ms; the device and Consistent-Through reads about
0.4 ms each instead of 0.1. With 200 kiosks asking at once on two cores this is CPU every
request pays (docs/benchmarks.md, "200 kiosks at once").

The pool's connections:
- are in autocommit: a statement is its own snapshot, so no BEGIN and ROLLBACK round trips;
- carry the page plan settings (`PAGE_PLAN_OFF`) for the session, not per query;
- are pinged only after `PING_AFTER_IDLE` seconds in the pool (`pool_pre_ping` pings before
  every use: one more round trip per read, three per request);
- are kept once opened, at most `POOL_SIZE` per hub process (a request thread beyond that
  waits for one): a new session is a new backend process with cold caches.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import psycopg
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.sql import ClauseElement

# The one plan shape a page needs: walk an index in `stored` order, probe the voided check and
# any second filter per row, stop at the limit. The planner strays from it where its estimates
# are off: a key it has no statistics for (a class, a student) it takes for a handful of rows
# and fetches whole, then sorts (fine for five, not for fifty thousand); for a pull page at 2M
# statements it merged the page against every voiding statement (45 ms instead of 2). So: no
# bitmap scans, sorts, merge or hash joins where an index and a nested loop do it, and no JIT
# (the penalty on the one sort left, merging two pages of related_*, would make a 5 ms query
# look costly enough to compile for half a second). And no Materialize: on a hub with few
# voiding statements (under about 150) the planner kept all of them in memory and compared each
# page row with each (a page 10 ms instead of 1, worse as they grow). Off for these connections.
PAGE_PLAN_OFF = (
    "enable_bitmapscan",
    "enable_sort",
    "enable_mergejoin",
    "enable_hashjoin",
    "enable_material",
    "jit",
)

# The connections of the pool: opened as requests need them, at most this many at once per hub
# process, and kept (see _engine).
POOL_SIZE = 15

# A pooled connection that sat idle this long is pinged before use (a database restarted, a
# proxy's idle timeout); one in steady use is not.
PING_AFTER_IDLE = 1.0


class HotReads:
    """A pool for the kiosk requests' reads, and their SQL compiled once per shape."""

    def __init__(self, url: str) -> None:
        self.engine = _engine(url)
        self._sql: dict[Hashable, str] = {}
        self._lock = threading.Lock()

    def sql(self, shape: Hashable, build: Callable[[], ClauseElement]) -> str:
        """The SQL text of `build()` for this database, compiled the first time `shape` is
        asked for. Every statement of one shape must differ only in its bound values, and
        name them (`bindparam("since_us", ...)`): the text is reused with other values."""
        found = self._sql.get(shape)
        if found is None:
            found = str(build().compile(dialect=self.engine.dialect))
            with self._lock:
                found = self._sql.setdefault(shape, found)
        return found

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple]:
        """All rows of `sql` with `params`, as tuples (bytea as bytes)."""
        connection = self.engine.raw_connection()
        driver: psycopg.Connection = connection.driver_connection  # type: ignore[assignment]
        try:
            with driver.cursor(binary=True) as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except psycopg.OperationalError:
            # Closed by the database (a restart): not back into the pool.
            connection.invalidate()
            raise
        finally:
            connection.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _engine(url: str) -> Engine:
    # No overflow: a connection opened beyond `pool_size` is closed when given back, so a burst
    # of kiosks opened and closed a database session for most reads beyond the fifth at once.
    engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=POOL_SIZE, max_overflow=0)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("; ".join(f"SET {setting} = off" for setting in PAGE_PLAN_OFF))
        cursor.close()
        dbapi_connection.commit()  # in case the connection is not in autocommit yet

    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection, record, _proxy):
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE:
            return
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
        except dbapi_connection.OperationalError:
            # The pool discards this connection and checks out another (a new one, if need be).
            raise DisconnectionError() from None

    return engine
