"""The reads of every kiosk request on PostgreSQL (hot_reads.py): one round trip each
(autocommit, no ping while in steady use), with the page plan settings, and still answered
after the database dropped the pool's connections."""

from __future__ import annotations

import psycopg
import pytest

from citizenship_app.district import hot_reads
from citizenship_app.district.auth import hash_password, new_password
from citizenship_app.district.storage import Store

from .conftest import pg_schema_url


@pytest.fixture
def pg_store(pg_database):
    store = Store(pg_schema_url(pg_database, "reads"))
    store.create_tables()
    store.add_device("lab-1", hash_password(new_password()))
    yield store
    store.engine.dispose()
    store._reads.dispose()


def test_kiosk_reads_run_in_autocommit_with_the_page_plan_settings(pg_store):
    with pg_store._reads.connect() as conn:
        settings = {s: conn.exec_driver_sql(f"SHOW {s}").scalar() for s in hot_reads.PAGE_PLAN_OFF}
        # Outside a transaction each statement has its own start: no BEGIN was sent.
        first = conn.exec_driver_sql("SELECT statement_timestamp() = transaction_timestamp()").scalar()
    assert settings == dict.fromkeys(hot_reads.PAGE_PLAN_OFF, "off") and first is True
    with pg_store.engine.connect() as conn:  # the other reads (reports, rosters) plan freely
        assert conn.exec_driver_sql("SHOW enable_hashjoin").scalar() == "on"
    assert pg_store.device("lab-1").name == "lab-1"


def test_kiosk_reads_go_on_after_the_database_dropped_the_pools_connections(pg_store, monkeypatch):
    """A database restart (or a proxy's idle timeout) closes pooled connections: a connection
    idle for over PING_AFTER_IDLE is pinged and replaced, so the kiosk's request succeeds."""
    assert pg_store.device("lab-1") is not None and pg_store.consistent_through() > 0
    url = pg_store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as admin:
        dropped = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    assert dropped >= 1
    monkeypatch.setattr(hot_reads, "PING_AFTER_IDLE", 0.0)
    assert pg_store.device("lab-1").name == "lab-1"
    assert pg_store.consistent_through() > 0


def test_a_read_on_a_connection_the_database_closed_fails_once_and_the_connection_is_dropped(
    pg_store, monkeypatch, caplog
):
    """Without the ping (a connection in steady use) the read that finds its connection closed
    fails; the connection must not go back into the pool, so the kiosk's next request works."""
    monkeypatch.setattr(hot_reads, "PING_AFTER_IDLE", 1e9)
    assert pg_store.device("lab-1") is not None
    url = pg_store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    with pytest.raises(psycopg.OperationalError):
        pg_store.device("lab-1")
    assert pg_store.device("lab-1").name == "lab-1"  # on a new connection
    # Dropped as dead, not found dead by the pool when it was given back (which logs an error).
    assert not [r for r in caplog.records if r.name.startswith("sqlalchemy")], caplog.text
    assert pg_store.consistent_through() > 0


def test_a_burst_of_kiosk_reads_keeps_the_connections_it_opened(pg_store):
    """Kiosks asking at once (30 request threads, each reading again and again): the pool
    opens what the burst needs, at most POOL_SIZE, and keeps it for the next burst. With 5
    kept and up to 10 more opened on demand, the reads beyond the fifth at once opened a new
    database session and closed it again: 149 sessions for 800 kiosk requests with
    `serve --threads 40`, each a new backend process with cold caches."""
    import threading

    from sqlalchemy import event

    opened: list[int] = []
    event.listen(pg_store._hot.engine, "connect", lambda *_: opened.append(1))

    def burst() -> None:
        start = threading.Barrier(30)

        def kiosk() -> None:
            start.wait()
            for _ in range(20):
                assert pg_store.device("lab-1") is not None

        threads = [threading.Thread(target=kiosk) for _ in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    burst()
    first = len(opened)
    assert 1 <= first <= hot_reads.POOL_SIZE
    burst()
    burst()
    assert len(opened) == first  # no session opened after the first burst
