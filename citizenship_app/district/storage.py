"""Statement and device storage for the hub, through SQLAlchemy Core (SQLite or PostgreSQL).

    store = Store("sqlite:///hub.db")          # or "postgresql://user@host/district"
    store.create_tables()
    store.save([statement], authority=agent, device="lab-1")
    store.get(statement_id)                     # the stored JSON text, or None

Everything that matters lives in the database, so any number of hub processes can share one
PostgreSQL database. Statements are never updated or deleted: voiding is derived at query time
from the voiding statements themselves, so the order in which a statement and its voiding
statement arrive (at one hub process or at two) does not matter.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import (
    BigInteger, Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text,
    and_, create_engine, event, exists, func, or_, select, text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from .statements import VOIDED_VERB, format_us, index_keys, same_statement

metadata = MetaData()

# BigInteger keys for PostgreSQL (ten years of a state's statements); SQLite only makes an
# INTEGER PRIMARY KEY the auto-incrementing rowid, hence the variant.
_SEQ = BigInteger().with_variant(Integer, "sqlite")

statements = Table(
    "statements", metadata,
    # Insertion order: the tiebreaker after `stored` that makes paging stable.
    Column("seq", _SEQ, primary_key=True, autoincrement=True),
    # Lower-cased statement id; the unique constraint is what makes a resend store nothing.
    Column("id", String(36), nullable=False, unique=True),
    Column("stored_us", BigInteger, nullable=False),  # `stored`, microseconds since the epoch (UTC)
    Column("verb_id", Text, nullable=False),
    Column("registration", String(36)),
    Column("ref", String(36)),  # the target id when the object is a StatementRef
    Column("voiding", Boolean, nullable=False),  # verb is .../voided (so `ref` is voided)
    Column("device", String(64), nullable=False),  # which device credential sent it
    Column("content", Text, nullable=False),  # the statement as stored, JSON
    Index("ix_statements_stored", "stored_us", "seq"),
    Index("ix_statements_verb", "verb_id"),
    Index("ix_statements_registration", "registration"),
    Index("ix_statements_ref", "ref"),
)

# One row per agent/activity a statement mentions, for the `agent` and `activity` filters.
statement_keys = Table(
    "statement_keys", metadata,
    Column("seq", _SEQ, ForeignKey("statements.seq"), primary_key=True),
    Column("kind", String(8), primary_key=True),  # "agent" or "activity"
    Column("key", Text, primary_key=True),  # an agent's identifier (see statements.agent_key) or activity id
    Column("related", Boolean, primary_key=True),  # only matched with related_agents/related_activities
    Index("ix_statement_keys_lookup", "kind", "key"),
)

devices = Table(
    "devices", metadata,
    Column("name", String(64), primary_key=True),  # also the HTTP Basic username
    Column("password_hash", Text, nullable=False),  # see auth.hash_password; never the password
    Column("created_us", BigInteger, nullable=False),
)

# Any constant: serialises CREATE TABLE when several hub processes start on a fresh database.
_SCHEMA_LOCK = 0x43_4B_44_48
# The application_name of the hub's writing connections on PostgreSQL: how one process finds
# the write transactions of all the others in pg_stat_activity (see consistent_through).
WRITER_NAME = "citizenship-hub-writer"


class ConflictError(Exception):
    """Statement ids already stored with different content; nothing was stored."""

    def __init__(self, ids: list[str]):
        super().__init__(", ".join(ids))
        self.ids = ids


class VoidingError(Exception):
    """A statement tries to void a voiding statement (which the spec forbids)."""

    def __init__(self, statement_id: str, target: str):
        super().__init__(f"statement {statement_id} voids {target}, which is itself a voiding statement")
        self.statement_id = statement_id


@dataclass(frozen=True)
class StatementQuery:
    """The filters of GET /statements (agent is an identifier from statements.agent_key)."""

    agent: str | None = None
    verb: str | None = None
    activity: str | None = None
    registration: str | None = None
    related_agents: bool = False
    related_activities: bool = False
    since_us: int | None = None
    until_us: int | None = None
    ascending: bool = False


def database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgresql:// URLs (SQLAlchemy defaults to psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class _Retry(Exception):
    """The transaction lost a race with another hub process; run it again."""


def now_us() -> int:
    return time.time_ns() // 1000


class Store:
    """The hub's database. Cheap to share between threads; one per process."""

    def __init__(self, url: str):
        self.engine: Engine = create_engine(database_url(url), pool_pre_ping=True)
        self.dialect = self.engine.dialect.name
        # Writes go through their own connections: on PostgreSQL they are named, so every hub
        # process can see which write transactions are still open.
        self._write_engine = self.engine if self.dialect != "postgresql" else create_engine(
            database_url(url), pool_pre_ping=True, pool_size=5, max_overflow=10,
            connect_args={"application_name": WRITER_NAME})
        self._in_flight: int | None = None  # SQLite: `stored` of the open write transaction
        self._in_flight_lock = threading.Lock()
        # SQLite takes one writer at a time, and a writer that finds the file locked sleeps
        # in steps of up to 100 ms (busy_timeout) instead of waking when the lock frees: the
        # request threads of this process queue here instead.
        self._writer = threading.Lock() if self.dialect == "sqlite" else contextlib.nullcontext()
        if self.dialect == "sqlite":
            _configure_sqlite(self.engine)
        elif self.dialect != "postgresql":
            raise ValueError(f"unsupported database {self.dialect!r}: use sqlite:/// or postgresql://")

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction (on SQLite: BEGIN IMMEDIATE, so writers queue instead of failing)."""
        with self._writer, self._write_engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                yield conn

    def create_tables(self) -> None:
        """Create missing tables; safe when several processes start at once."""
        with self._write() as conn:
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
            metadata.create_all(conn, checkfirst=True)

    # ----------------------------------------------------------------------- statements

    def save(self, batch: list[dict], *, authority: dict, device: str) -> None:
        """Store a batch (see `_save`), retrying the whole transaction when a concurrent hub
        process made it fail in a way a fresh try resolves (a deadlock, a serialization
        failure, or two processes taking the same `stored` microsecond)."""
        from sqlalchemy.exc import IntegrityError, OperationalError

        for attempt in range(3):
            try:
                return self._save(batch, authority=authority, device=device)
            except (IntegrityError, OperationalError, _Retry):
                if attempt == 2:
                    raise

    def _save(self, batch: list[dict], *, authority: dict, device: str) -> None:
        """Store validated statements (each with an id) in one transaction.

        A statement whose id is already stored with the same content is skipped (a resend);
        with different content the whole batch is rolled back and ConflictError names the ids.
        The batch goes in with one executemany and its index keys with another (COPY on
        PostgreSQL), so a batch costs a few round trips whatever its size.
        """
        batch_voiding = {st["id"].lower() for st in batch if st["verb"]["id"] == VOIDED_VERB}
        try:
            with self._write() as conn:
                self._save_in(conn, batch, batch_voiding, authority, device)
        finally:
            self._in_flight = None  # committed or rolled back: no longer holds readers back

    def _stored_time(self, conn: Connection) -> int:
        """`stored` for the statements of this write transaction, which has just begun.

        PostgreSQL: the database's transaction start time, the `xact_start` other processes
        see in pg_stat_activity until this transaction ends. SQLite (one hub process, one
        writer at a time): the clock, noted as in flight until the transaction ends.
        """
        if self.dialect == "postgresql":
            return conn.execute(text(
                "SELECT (extract(epoch FROM transaction_timestamp()) * 1000000)::bigint")).scalar_one()
        with self._in_flight_lock:
            self._in_flight = now_us()
            return self._in_flight

    def consistent_through(self) -> int:
        """An instant (microseconds) such that every statement with a `stored` time up to it is
        committed and visible: just before the oldest write transaction still in flight (in
        any hub process), or now. Read it *before* running the query it is reported with."""
        if self.dialect == "postgresql":
            with self.engine.connect() as conn:
                return conn.execute(text(
                    "SELECT (extract(epoch FROM least(clock_timestamp(), min(xact_start))) * 1000000)::bigint"
                    " FROM pg_stat_activity WHERE application_name = :name AND datname = current_database()"
                    " AND xact_start IS NOT NULL"), {"name": WRITER_NAME}).scalar_one() - 1
        with self._in_flight_lock:
            now = now_us()
            return (min(now, self._in_flight) if self._in_flight is not None else now) - 1

    def _save_in(self, conn: Connection, batch: list[dict], batch_voiding: set[str],
                 authority: dict, device: str) -> None:
        # Taken first thing in the transaction (on SQLite: under the write lock); see
        # consistent_through for why `since` then misses nothing.
        stored_us = self._stored_time(conn)
        stored = format_us(stored_us)
        self._check_voiding(conn, batch, batch_voiding)
        # Sorted by id so that two processes inserting overlapping batches take the unique
        # index's row locks in the same order and cannot deadlock.
        incoming = sorted(batch, key=lambda s: s["id"].lower())
        full = {st["id"].lower(): _as_stored(st, stored=stored, authority=authority) for st in incoming}
        rows = [_row(st, full[st["id"].lower()], stored_us, device) for st in incoming]
        conn.execute(self._insert(statements).on_conflict_do_nothing(index_elements=["id"]), rows)
        # What this transaction inserted: its rows carry its `stored` and device. (One
        # statement text for any batch size, so the driver parses and prepares it once;
        # INSERT ... RETURNING over many rows costs more than the whole insert on psycopg.)
        inserted = {sid: seq for sid, seq in conn.execute(
            select(statements.c.id, statements.c.seq)
            .where(statements.c.stored_us == stored_us, statements.c.device == device)) if sid in full}
        # The rest were already stored, by an earlier request or by another process.
        conflicts = self._conflicts(conn, [st for st in incoming if st["id"].lower() not in inserted])
        if conflicts:
            raise ConflictError(conflicts)  # the transaction is rolled back: nothing is stored
        keys = [(seq, kind, _key(value), related)
                for sid, seq in inserted.items() for kind, value, related in index_keys(full[sid])]
        if keys:
            self._insert_keys(conn, keys)

    def _insert_keys(self, conn: Connection, keys: list[tuple]) -> None:
        """(seq, kind, key, related) rows in bulk: COPY on PostgreSQL (a batch has a few rows
        per statement, and COPY takes them several times faster than INSERTs)."""
        if self.dialect == "postgresql":
            import psycopg

            try:
                with conn.connection.driver_connection.cursor() as cursor:
                    with cursor.copy("COPY statement_keys (seq, kind, key, related) FROM STDIN") as copy:
                        for row in keys:
                            copy.write_row(row)
            except (psycopg.IntegrityError, psycopg.OperationalError) as exc:
                # COPY runs on the driver's cursor, so its errors are psycopg's own, not
                # SQLAlchemy's. A duplicate key here means another hub process committed a
                # statement of this batch in the same `stored` microsecond from the same
                # device, and this transaction took that row for its own: try again.
                raise _Retry() from exc
        else:
            conn.execute(statement_keys.insert(), [dict(zip(("seq", "kind", "key", "related"), row)) for row in keys])

    def _conflicts(self, conn: Connection, held: list[dict]) -> list[str]:
        """Ids of `held` statements whose stored content differs from the one sent now."""
        if not held:
            return []
        ids = [st["id"].lower() for st in held]
        stored = dict(conn.execute(select(statements.c.id, statements.c.content).where(statements.c.id.in_(ids))).all())
        if any(i not in stored for i in ids):
            # Skipped as already there, yet not visible: another process's insert was still
            # settling. Trying the whole batch again sees it committed (or gone).
            raise _Retry()
        return [st["id"].lower() for st in held if not same_statement(json.loads(stored[st["id"].lower()]), st)]

    def _insert(self, table: Table):
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def _check_voiding(self, conn: Connection, batch: list[dict], batch_voiding: set[str]) -> None:
        targets = {}
        for st in batch:
            if st["verb"]["id"] == VOIDED_VERB:
                targets[st["object"]["id"].lower()] = st["id"].lower()
        if not targets:
            return
        stored_voiding = conn.execute(
            select(statements.c.id).where(statements.c.id.in_(list(targets)), statements.c.voiding)
        ).scalars()
        bad = sorted(batch_voiding.intersection(targets) | set(stored_voiding))
        if bad:
            raise VoidingError(targets[bad[0]], bad[0])

    def get(self, statement_id: str, *, voided: bool = False) -> tuple[int, str] | None:
        """(stored_us, JSON text) of one statement: a live one, or with voided=True a voided one."""
        s = statements
        condition = _is_voided(s) if voided else ~_is_voided(s)
        with self.engine.connect() as conn:
            row = conn.execute(
                select(s.c.stored_us, s.c.content).where(s.c.id == statement_id.lower(), condition)
            ).first()
        return (row.stored_us, row.content) if row else None

    def query(self, q: StatementQuery, *, limit: int, after: tuple[int, int] | None = None
              ) -> tuple[list[tuple[int, int, str]], bool]:
        """Up to `limit` (stored_us, seq, JSON text) rows matching `q`, and whether more follow.

        `after` is the (stored_us, seq) of the last row of the previous page.
        """
        s = statements
        where = [~_is_voided(s)]
        matches = _filters(s, q)
        if matches:
            # The spec's StatementRef rule: a statement that targets a matching statement (for
            # instance the voiding statement of a student's completion) matches too, recursively.
            # UNION (not UNION ALL) ends the recursion even if references form a cycle.
            base = select(s.c.id).where(*matches).cte("matched", recursive=True)
            targeting = s.alias("targeting")
            matched = base.union(select(targeting.c.id).where(targeting.c.ref == base.c.id))
            where.append(s.c.id.in_(select(matched.c.id)))
        if q.since_us is not None:
            where.append(s.c.stored_us > q.since_us)
        if q.until_us is not None:
            where.append(s.c.stored_us <= q.until_us)
        if after is not None:
            last_stored, last_seq = after
            if q.ascending:
                where.append(or_(s.c.stored_us > last_stored,
                                 and_(s.c.stored_us == last_stored, s.c.seq > last_seq)))
            else:
                where.append(or_(s.c.stored_us < last_stored,
                                 and_(s.c.stored_us == last_stored, s.c.seq < last_seq)))
        order = [s.c.stored_us, s.c.seq] if q.ascending else [s.c.stored_us.desc(), s.c.seq.desc()]
        stmt = select(s.c.stored_us, s.c.seq, s.c.content).where(*where).order_by(*order).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(stmt)]
        return rows[:limit], len(rows) > limit

    # ----------------------------------------------------------------------- devices

    def add_device(self, name: str, password_hash: str) -> None:
        """Add a device; raises ValueError if the name is taken."""
        with self._write() as conn:
            if conn.execute(select(devices.c.name).where(devices.c.name == name)).first():
                raise ValueError(f"a device named {name!r} already exists (remove it first to replace it)")
            conn.execute(devices.insert().values(name=name, password_hash=password_hash, created_us=now_us()))

    def device_hash(self, name: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(devices.c.password_hash).where(devices.c.name == name)).scalar()

    def list_devices(self) -> list[dict]:
        """Each device's name, when it was added, and how many statements it has sent."""
        sent = (select(statements.c.device, func.count().label("n"))
                .group_by(statements.c.device).subquery())
        stmt = (select(devices.c.name, devices.c.created_us, sent.c.n)
                .outerjoin(sent, sent.c.device == devices.c.name).order_by(devices.c.name))
        with self.engine.connect() as conn:
            return [{"name": r.name, "created": format_us(r.created_us), "statements": r.n or 0}
                    for r in conn.execute(stmt)]

    def remove_device(self, name: str) -> bool:
        """Revoke a device's credentials (its statements stay). False if there was none."""
        with self._write() as conn:
            return conn.execute(devices.delete().where(devices.c.name == name)).rowcount > 0


def _row(st: dict, full: dict, stored_us: int, device: str) -> dict:
    """The `statements` row of a statement (`full` is it as stored)."""
    obj = st["object"]
    return {
        "id": full["id"], "stored_us": stored_us, "verb_id": st["verb"]["id"],
        "registration": (st.get("context") or {}).get("registration", "").lower() or None,
        "ref": obj["id"].lower() if obj.get("objectType") == "StatementRef" else None,
        "voiding": st["verb"]["id"] == VOIDED_VERB, "device": device,
        # ASCII escapes: PostgreSQL text cannot hold a NUL, which JSON "\u0000" is.
        "content": json.dumps(full, separators=(",", ":")),
    }


def _as_stored(st: dict, *, stored: str, authority: dict) -> dict:
    """The statement with the properties the LRS assigns (id first, then as sent)."""
    full = {"id": st["id"].lower(), **{k: v for k, v in st.items() if k != "id"}}
    full.setdefault("timestamp", stored)  # the spec: set to `stored` when not provided
    full["stored"] = stored
    full["authority"] = authority  # always ours: devices are not trusted to assert one
    full.setdefault("version", "1.0.0")  # the statement format version for every 1.0.x
    full = _lists(full)
    if full["object"].get("objectType") == "SubStatement":
        full["object"] = _lists(full["object"])
    return full


def _lists(st: dict) -> dict:
    """The statement with each context activity sent as a single object made a one-item list:
    the spec lets a sender do that, the LRS returns lists (and readers iterate them). A copy
    where it changes anything: the statement as sent is compared with the stored one later."""
    activities = (st.get("context") or {}).get("contextActivities") or {}
    if not any(isinstance(v, dict) for v in activities.values()):
        return st
    lists = {k: [v] if isinstance(v, dict) else v for k, v in activities.items()}
    return {**st, "context": {**st["context"], "contextActivities": lists}}


def _is_voided(s):
    """SQL: a statement is voided iff it is not a voiding statement and one targets it."""
    v = statements.alias("v")
    return and_(~s.c.voiding, exists().where(v.c.voiding, v.c.ref == s.c.id))


def _filters(s, q: StatementQuery) -> list:
    conditions = []
    if q.verb is not None:
        conditions.append(s.c.verb_id == q.verb)
    if q.registration is not None:
        conditions.append(s.c.registration == q.registration.lower())
    for kind, key, related in (("agent", q.agent, q.related_agents),
                               ("activity", q.activity, q.related_activities)):
        if key is None:
            continue
        k = statement_keys
        keyed = select(k.c.seq).where(k.c.kind == kind, k.c.key == _key(key))
        if not related:
            keyed = keyed.where(~k.c.related)
        conditions.append(s.c.seq.in_(keyed))
    return conditions


def _key(value: str) -> str:
    """An index key short enough for any B-tree (PostgreSQL refuses entries over ~2.7 kB)."""
    if len(value) <= 256:
        return value
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def _configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout, full fsync, and explicit BEGINs (pysqlite's own are unreliable)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event below takes over
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        # A statement acknowledged to a kiosk is deleted from its outbox: it must survive a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
