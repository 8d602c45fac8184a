"""Statement and device storage for the hub, through SQLAlchemy Core (SQLite or PostgreSQL).

    store = Store("sqlite:///hub.db")          # or "postgresql://user@host/district"
    store.create_tables()
    store.save([statement], authority=agent, device="lab-1")
    store.get(statement_id)                     # the stored JSON text, or None

Everything that matters lives in the database, so any number of hub processes can share one
PostgreSQL database. Statements are never updated or deleted: voiding is derived at query time
from the voiding statements themselves, so the order in which a statement and its voiding
statement arrive (at one hub process or at two) does not matter. (A voiding statement's row
records whether it arrived ahead of its target, so that a pull needs to look only at those and
at the voiding statements stored since its `since`.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    case,
    create_engine,
    event,
    exists,
    func,
    inspect,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement, TextClause

from ..core.xapi import same_statement
from .compression import pack, unpack, unpack_bytes
from .hot_reads import HotReads
from .statements import VOIDED_VERB, format_us, index_keys

metadata = MetaData()

# BigInteger keys for PostgreSQL (ten years of a state's statements); SQLite only makes an
# INTEGER PRIMARY KEY the auto-incrementing rowid, hence the variant.
_SEQ = BigInteger().with_variant(Integer, "sqlite")

statements = Table(
    "statements",
    metadata,
    # Insertion order: the tiebreaker after `stored` that makes paging stable.
    Column("seq", _SEQ, primary_key=True, autoincrement=True),
    # Lower-cased statement id; the unique constraint is what makes a resend store nothing.
    Column("id", String(36), nullable=False, unique=True),
    Column("stored_us", BigInteger, nullable=False),  # `stored`, microseconds since the epoch (UTC)
    Column("verb_id", Text, nullable=False),
    # (No `registration`: statement_keys answers that filter. Earlier versions had one.)
    Column("ref", String(36)),  # the target id when the object is a StatementRef
    Column("voiding", Boolean, nullable=False),  # verb is .../voided (so `ref` is voided)
    # A voiding statement stored before its target (or with no target held yet): True. Such
    # voiding statements are the only ones a page of statements stored after some instant
    # must look for before that instant (see _not_voided). Set in the INSERT (statements are
    # never updated): NULL for other statements, and on voiding rows an earlier hub version
    # wrote after the upgrade, which count as True.
    Column("voids_ahead", Boolean),
    Column("device", String(64), nullable=False),  # which device credential sent it
    # The statement as stored: its JSON packed (compression.pack, read with unpack). Rows of
    # earlier versions hold plain JSON, which unpack reads too.
    Column("content", LargeBinary, nullable=False),
    Index("ix_statements_stored", "stored_us", "seq"),  # pulls: since + ascending, newest first
    # Only the statements whose object is a StatementRef (voiding ones, mostly): "is this
    # statement voided?", probed for every row a page returns, and "which statements reference
    # this one?" (they match what it matches, see _Keys).
    Index(
        "ix_statements_ref",
        "ref",
        postgresql_where=text("ref IS NOT NULL"),
        sqlite_where=text("ref IS NOT NULL"),
    ),
    # The voided check of a page with a lower bound on `stored` (a kiosk's pull): the voiding
    # statements stored since then, and those stored ahead of their target (_not_voided).
    # (Their conditions worded as each dialect's SQL of the queries words them.)
    Index(
        "ix_statements_voiding",
        "stored_us",
        "ref",
        postgresql_where=text("voiding"),
        sqlite_where=text("voiding = 1"),
    ),
    Index(
        "ix_statements_voids_ahead",
        "ref",
        postgresql_where=text("voiding AND voids_ahead IS NOT false"),
        sqlite_where=text("voiding = 1 AND voids_ahead IS NOT 0"),
    ),
)

# The filters, as rows: one per verb, registration, agent and activity a statement matches
# (including, per the spec, those of a statement it references), carrying the statement's
# `stored` so that one index range, already in `stored` order, answers a filter a page at a time
# whatever the size of the history. The key is a 16-byte digest of (kind, value), so rows and
# index entries are small and of fixed size. No primary key: the writer never repeats a row,
# and that one index serves every lookup.
statement_keys = Table(
    "statement_keys",
    metadata,
    Column("seq", _SEQ, ForeignKey("statements.seq"), nullable=False),
    Column("key", LargeBinary(16), nullable=False),  # digest(kind, value), see digest()
    Column("related", Boolean, nullable=False),  # only matched with related_agents/related_activities
    Column("stored_us", BigInteger, nullable=False),
    Index("ix_statement_keys_find", "key", "related", "stored_us", "seq"),
)

# The filter kinds in the order of preference for the one that drives a query (the most
# selective first: one attempt, one person, one activity, one verb).
_DRIVERS = ("registration", "agent", "activity", "verb")

devices = Table(
    "devices",
    metadata,
    Column("name", String(64), primary_key=True),  # also the HTTP Basic username
    Column("password_hash", Text, nullable=False),  # scrypt (auth.hash_password); never the password
    # The cheap check tried first (auth.check_form), bound to password_hash; NULL for a device
    # added by an earlier version until its next sign-in.
    Column("password_check", Text),
    Column("created_us", BigInteger, nullable=False),
    # What it may do (see Device): "school", "read-only", "district"; NULL for a device
    # added before scopes were, which may read but not write until it is given one.
    Column("scope", String(16)),
    Column("school", String(255)),  # scope "school": the roster org whose people it records
    # A device's signing key is in signatures.device_keys, not here.
)
#: Columns added to `devices` after its first version: (name, SQL type).
_DEVICE_UPGRADES = [("scope", "VARCHAR(16)"), ("school", "VARCHAR(255)"), ("password_check", "TEXT")]
SCOPES = ("school", "read-only", "district")

# The district roster (OneRoster), written by `roster.HubTarget` through the kiosk's importer
# (core.roster), column for column as the kiosk keeps it. Rows are never deleted: a removed
# row is marked `tobedeleted`. The hub uses it to scope devices to their school.
_ID = String(255)


def _roster_table(name: str, *columns: Column, indexes: tuple = ()) -> Table:
    status = Column("status", String(16), nullable=False, server_default="active")
    return Table(name, metadata, Column("sourced_id", _ID, primary_key=True), *columns, status, *indexes)


roster_orgs = _roster_table(
    "roster_orgs",
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("identifier", Text),
    Column("parent_id", _ID),
)
roster_academic_sessions = _roster_table(
    "roster_academic_sessions",
    Column("title", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("start_date", String(10), nullable=False),
    Column("end_date", String(10), nullable=False),
    Column("parent_id", _ID),
    Column("school_year", String(4), nullable=False),
)
roster_courses = _roster_table(
    "roster_courses",
    Column("title", Text, nullable=False),
    Column("org_id", _ID, nullable=False),
    Column("course_code", Text),
    Column("grades", Text),
    Column("school_year_id", _ID),
)
roster_classes = _roster_table(
    "roster_classes",
    Column("title", Text, nullable=False),
    Column("school_id", _ID, nullable=False),
    Column("course_id", _ID),
    Column("class_code", Text),
    Column("class_type", String(16)),
    Column("grades", Text),
    Column("tier", String(8)),
    Column("term_ids", Text),
    indexes=(Index("ix_roster_classes_school", "school_id"),),
)
roster_people = _roster_table(
    "roster_people",
    Column("username", Text),
    Column("identifier", Text),
    Column("given_name", Text, nullable=False),
    Column("family_name", Text, nullable=False),
    Column("email", Text),
    Column("role", String(16), nullable=False),
    Column("grade", String(8)),
    Column("tier", String(8)),
    Column("org_ids", Text),  # comma-separated org sourcedIds
    Column("enabled", Integer, nullable=False, server_default="1"),
    Column("is_counselor", Integer, nullable=False, server_default="0"),
)
roster_enrollments = _roster_table(
    "roster_enrollments",
    Column("class_id", _ID, nullable=False),
    Column("person_id", _ID, nullable=False),
    Column("school_id", _ID),
    Column("role", String(16), nullable=False),
    Column("is_primary", Integer, nullable=False, server_default="0"),
    Column("begin_date", String(10)),
    Column("end_date", String(10)),
    indexes=(Index("ix_roster_enrollments_person", "person_id", "school_id"),),
)
#: The roster tables under the OneRoster file names (core.roster.FILES).
ROSTER_TABLES = {
    "orgs": roster_orgs,
    "academicSessions": roster_academic_sessions,
    "courses": roster_courses,
    "classes": roster_classes,
    "users": roster_people,
    "enrollments": roster_enrollments,
}
# What the OneRoster REST endpoints (district/oneroster.py) serve as dateLastModified: when
# each roster row last changed (a digest of its columns tells), and each person's membership
# of each school, kept by every import in its own transaction.
roster_modified = Table(
    "roster_modified",
    metadata,
    Column("kind", String(32), primary_key=True),  # a key of ROSTER_TABLES
    Column("sourced_id", _ID, primary_key=True),
    Column("digest", String(32), nullable=False),
    Column("modified_us", BigInteger, nullable=False),
    Index("ix_roster_modified_at", "kind", "modified_us"),
)
roster_members = Table(
    "roster_members",
    metadata,
    Column("school_id", _ID, primary_key=True),
    Column("person_id", _ID, primary_key=True),
    Column("status", String(16), nullable=False),  # active, or tobedeleted once they left it
    Column("modified_us", BigInteger, nullable=False),
)
# Where each course, class and enrollment is, school by school (a class's school, an
# enrollment's school, a course's org and the schools of its classes): a row whose school
# changed is `tobedeleted` for the school it left, so that school's kiosks drop it (as
# roster_members does for people). Kept by each import; filled from the roster when a hub
# database of an earlier version is upgraded (`create_tables`).
roster_placements = Table(
    "roster_placements",
    metadata,
    Column("kind", String(32), primary_key=True),  # courses, classes or enrollments
    Column("school_id", _ID, primary_key=True),
    Column("sourced_id", _ID, primary_key=True),
    Column("status", String(16), nullable=False),  # active, or tobedeleted once it left the school
    Column("modified_us", BigInteger, nullable=False),
)
PLACED = ("courses", "classes", "enrollments")


def placements(conn: Connection) -> set[tuple[str, str, str]]:
    """(kind, school, sourcedId) of every course, class and enrollment where the roster now
    puts it (whatever its status: a removed row is listed as removed where it was)."""
    courses, classes, enrollments = roster_courses, roster_classes, roster_enrollments
    found: set[tuple[str, str, str]] = set()
    for sid, org in conn.execute(select(courses.c.sourced_id, courses.c.org_id)):
        found.add(("courses", org, sid))
    for sid, school, course in conn.execute(
        select(classes.c.sourced_id, classes.c.school_id, classes.c.course_id)
    ):
        found.add(("classes", school, sid))
        if course:
            found.add(("courses", school, course))
    for sid, school in conn.execute(select(enrollments.c.sourced_id, enrollments.c.school_id)):
        if school:
            found.add(("enrollments", school, sid))
    return found


def _fill_placements(conn: Connection) -> None:
    """roster_placements for a roster imported by an earlier hub version (which had no such
    table): every row active where it is, as of when it last changed, so no kiosk's next delta
    lists it again."""
    stamps = {(r.kind, r.sourced_id): r.modified_us for r in conn.execute(select(roster_modified))}
    rows = [
        {
            "kind": k,
            "school_id": school,
            "sourced_id": sid,
            "status": "active",
            "modified_us": stamps.get((k, sid), 0),
        }
        for k, school, sid in placements(conn)
    ]
    for start in range(0, len(rows), 10_000):
        conn.execute(roster_placements.insert(), rows[start : start + 10_000])


# One row per roster import: when, which file, the counts (the hub's record of who the roster
# says is where, and since when).
roster_imports = Table(
    "roster_imports",
    metadata,
    Column("seq", _SEQ, primary_key=True, autoincrement=True),
    Column("imported_us", BigInteger, nullable=False),
    Column("detail", Text, nullable=False),  # JSON: file, imported and removed counts
)

# The hub's audit log (district/audit.py): who exported or closed what, hash-chained.
hub_audit = Table(
    "hub_audit",
    metadata,
    Column("seq", _SEQ, primary_key=True, autoincrement=False),  # 1, 2, ... in the chain's order
    Column("at", String(32), nullable=False),  # ISO 8601, UTC
    Column("actor", String(64), nullable=False),  # the OS user, or "cli"
    Column("action", String(64), nullable=False),
    Column("detail", Text),  # JSON, never a student's name
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# Signed statements (district/signatures.py): a device's public key, attachment data by hash.
device_keys = Table(
    "device_keys",
    metadata,
    Column("name", String(64), primary_key=True),  # the device's name
    Column("public_key", Text, nullable=False),  # PEM, SubjectPublicKeyInfo
    Column("created_us", BigInteger, nullable=False),
)

attachments = Table(
    "attachments",
    metadata,
    Column("sha2", String(64), primary_key=True),  # lower-case hex SHA-256 of the content
    Column("content_type", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

# Enrollment (district/enrollment.py): one-time tokens, kept as SHA-256 digests, and which
# token enrolled which device (so a kiosk retrying a lost answer gets its credential anew).
enroll_tokens = Table(
    "enroll_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # hex SHA-256 of the token; never the token
    Column("school", _ID, nullable=False),
    Column("uses_left", Integer, nullable=False),
    Column("expires_us", BigInteger, nullable=False),
    Column("created_us", BigInteger, nullable=False),
)
enrolled_devices = Table(
    "enrolled_devices",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("token_hash", String(64), nullable=False),
    Column("proof_hash", String(64), nullable=False),  # hex SHA-256 of the kiosk's retry proof
    Column("enrolled_us", BigInteger, nullable=False),
)
# The fleet view (district/fleet.py): each device's last contact and what it last reported.
device_status = Table(
    "device_status",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("last_seen_us", BigInteger, nullable=False),
    Column("app_version", String(64)),
    Column("pending", Integer),  # records waiting in its outbox, as it last said
    Column("last_error", Text),  # its last sync error, as it last said ("" for none)
)

# Any constant: serialises CREATE TABLE when several hub processes start on a fresh database.
_SCHEMA_LOCK = 0x43_4B_44_48
# The application_name of the hub's writing connections on PostgreSQL: how one process finds
# the write transactions of all the others in pg_stat_activity (see consistent_through).
WRITER_NAME = "citizenship-hub-writer"
# How long a write transaction may have begun before pg_stat_activity shows it (microseconds
# in practice; a backend descheduled at that instant, longer). Pulls overlap by this much.
_REPORT_LAG_US = 200_000
# PostgreSQL: just before the oldest write transaction still in flight, or now less the lag.
_CONSISTENT_THROUGH = text(
    "SELECT (extract(epoch FROM least(clock_timestamp() - :lag * interval"
    " '1 microsecond', min(xact_start))) * 1000000)::bigint FROM pg_stat_activity"
    " WHERE application_name = :name AND datname = current_database()"
    " AND xact_start IS NOT NULL"
)


def _device_sql(name):
    """SELECT a device by `name` (a value, or a bind parameter)."""
    d = devices.c
    return select(d.name, d.password_hash, d.scope, d.school, d.password_check).where(d.name == name)


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


class ForeignVoidingError(Exception):
    """A statement voids one that another device sent (or, from a school device, one the hub
    does not hold); nothing was stored."""

    def __init__(self, statement_id: str, target: str, why: str):
        super().__init__(f"statement {statement_id} voids {target}, {why}")
        self.statement_id = statement_id


@dataclass(frozen=True)
class Device:
    """A device credential and what it may do.

    scope "school": records statements about the people of `school` only; "read-only": a
    reporting tool, GET only; "district": a trusted district-wide writer (another LRS, a
    migration), not scoped; None: added before scopes, may read until given one.
    """

    name: str
    password_hash: str
    scope: str | None
    school: str | None
    password_check: str | None = None  # see auth.check_password


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
            return "postgresql+psycopg://" + url[len(prefix) :]
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
        self._write_engine = (
            self.engine
            if self.dialect != "postgresql"
            else create_engine(
                database_url(url),
                pool_pre_ping=True,
                pool_size=5,
                max_overflow=10,
                connect_args={"application_name": WRITER_NAME},
            )
        )
        # The reads every kiosk request makes (its device, Consistent-Through, a page): on
        # PostgreSQL a pool of their own, one round trip per read, on the driver's cursor.
        self._hot = HotReads(database_url(url)) if self.dialect == "postgresql" else None
        self._reads = self._hot.engine if self._hot else self.engine
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

    def transaction(self) -> contextlib.AbstractContextManager[Connection]:
        """A write transaction (committed at the end of the block, rolled back on an exception)."""
        return self._write()

    def create_tables(self) -> None:
        """Create missing tables and indexes, upgrading a database made by an earlier hub
        version (see `_upgrade_keys`); safe when several processes start at once."""
        with self._write() as conn:
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
            schema = inspect(conn)
            upgrade = schema.has_table("statement_keys") and "kind" in {
                c["name"] for c in schema.get_columns("statement_keys")
            }
            if upgrade:
                _upgrade_keys(conn)
            if schema.has_table("devices"):
                _upgrade_devices(conn, {c["name"] for c in schema.get_columns("devices")})
            placed = schema.has_table("roster_placements") or not schema.has_table("roster_classes")
            metadata.create_all(conn, checkfirst=True)
            if not placed:  # a roster imported by a hub version before roster_placements
                _fill_placements(conn)
            if upgrade:  # indexes of earlier versions: served by statement_keys, or now partial
                for old in ("ix_statements_verb", "ix_statements_registration", "ix_statements_ref"):
                    conn.execute(text(f"DROP INDEX IF EXISTS {old}"))
            _upgrade_statements(conn, self.dialect, inspect(conn).get_columns("statements"))
            for index in statements.indexes:  # new indexes on a table that already existed
                index.create(conn, checkfirst=True)

    # ----------------------------------------------------------------------- statements

    def save(
        self, batch: list[dict], *, authority: dict, device: str, held_targets_only: bool = False
    ) -> None:
        """Store a batch (see `_save`), retrying the whole transaction when a concurrent hub
        process made it fail in a way a fresh try resolves (a deadlock, a serialization
        failure, or two processes taking the same `stored` microsecond)."""
        from sqlalchemy.exc import IntegrityError, OperationalError

        for attempt in range(3):
            try:
                return self._save(batch, authority=authority, device=device, held_only=held_targets_only)
            except (IntegrityError, OperationalError, _Retry):
                if attempt == 2:
                    raise

    def _save(self, batch: list[dict], *, authority: dict, device: str, held_only: bool = False) -> None:
        """Store validated statements (each with an id) in one transaction.

        A statement whose id is already stored with the same content is skipped (a resend);
        with different content the whole batch is rolled back and ConflictError names the ids.
        The batch goes in with one executemany and its index keys with another (COPY on
        PostgreSQL), so a batch costs a few round trips whatever its size.
        """
        batch_voiding = {st["id"].lower() for st in batch if st["verb"]["id"] == VOIDED_VERB}
        try:
            with self._write() as conn:
                self._save_in(conn, batch, batch_voiding, authority, device, held_only)
        finally:
            self._in_flight = None  # committed or rolled back: no longer holds readers back

    def _stored_time(self, conn: Connection) -> int:
        """`stored` for the statements of this write transaction, which has just begun.

        PostgreSQL: the database's transaction start time, the `xact_start` other processes
        see in pg_stat_activity until this transaction ends. SQLite (one hub process, one
        writer at a time): the clock, noted as in flight until the transaction ends.
        """
        if self.dialect == "postgresql":
            return conn.execute(
                text("SELECT (extract(epoch FROM transaction_timestamp()) * 1000000)::bigint")
            ).scalar_one()
        with self._in_flight_lock:
            self._in_flight = now_us()
            return self._in_flight

    def consistent_through(self) -> int:
        """An instant (microseconds) such that every statement with a `stored` time up to it is
        committed and visible: just before the oldest write transaction still in flight (in
        any hub process), or now. Read it *before* running the query it is reported with.

        On PostgreSQL "now" is the database's clock less `_REPORT_LAG`: a transaction's start
        time is taken a moment before its backend shows it in pg_stat_activity, and a write
        that began in that moment must not be taken for one that begins after."""
        if self._hot is not None:
            sql = self._hot.sql(("consistent_through",), lambda: _CONSISTENT_THROUGH)
            return self._hot.rows(sql, {"name": WRITER_NAME, "lag": _REPORT_LAG_US})[0][0] - 1
        with self._in_flight_lock:
            now = now_us()
            return (min(now, self._in_flight) if self._in_flight is not None else now) - 1

    def _save_in(
        self,
        conn: Connection,
        batch: list[dict],
        batch_voiding: set[str],
        authority: dict,
        device: str,
        held_only: bool = False,
    ) -> None:
        # Taken first thing in the transaction (on SQLite: under the write lock); see
        # consistent_through for why `since` then misses nothing.
        stored_us = self._stored_time(conn)
        stored = format_us(stored_us)
        self._check_voiding(conn, batch, batch_voiding)
        held_targets = self._check_voiding_owner(conn, batch, device, held_only)
        # Sorted by id so that two processes inserting overlapping batches take the unique
        # index's row locks in the same order and cannot deadlock.
        incoming = sorted(batch, key=lambda s: s["id"].lower())
        full = {st["id"].lower(): _as_stored(st, stored=stored, authority=authority) for st in incoming}
        ahead, targets_in_batch = _voids_ahead(incoming, stored_us, held_targets)
        rows = [
            _row(st, full[sid], stored_us, device, voids_ahead=ahead.get(sid))
            for st in incoming
            for sid in [st["id"].lower()]
        ]
        conn.execute(self._insert(statements).on_conflict_do_nothing(index_elements=["id"]), rows)
        # What this transaction inserted: its rows carry its `stored` and device. (One
        # statement text for any batch size, so the driver parses and prepares it once;
        # INSERT ... RETURNING over many rows costs more than the whole insert on psycopg.)
        mine: list[ColumnElement[bool] | TextClause] = [
            statements.c.stored_us == stored_us,
            statements.c.device == device,
        ]
        if self.dialect == "postgresql":
            # Another process may have committed the same statement from the same device in the
            # same microsecond: only rows this very transaction wrote are its own.
            mine.append(text("statements.xmin::text = (txid_current() % 4294967296)::text"))
        inserted = {
            sid: seq
            for sid, seq in conn.execute(select(statements.c.id, statements.c.seq).where(*mine))
            if sid in full
        }
        if not targets_in_batch <= inserted.keys():
            # A target sent with its voiding statement was stored by another process a moment
            # before, maybe later than this transaction's `stored`: ahead or not is unknown.
            # Trying again sees it committed, with its `stored`.
            raise _Retry()
        # The rest were already stored, by an earlier request or by another process.
        conflicts = self._conflicts(conn, [st for st in incoming if st["id"].lower() not in inserted])
        if conflicts:
            raise ConflictError(conflicts)  # the transaction is rolled back: nothing is stored
        if inserted:
            self._insert_keys(
                conn, self._key_rows(conn, {sid: full[sid] for sid in inserted}, inserted, stored_us)
            )

    def _key_rows(
        self, conn: Connection, new: dict[str, dict], seqs: dict[str, int], stored_us: int
    ) -> list[tuple]:
        """statement_keys rows (seq, kind, key, related, stored_us) for the statements just
        inserted (`new`, by id), and for statements stored earlier that reference them (which
        now match what they match, as the spec's StatementRef rule says)."""
        keys = _Keys(conn, new)
        rows = [_key_row(seqs[sid], key, stored_us) for sid in new for key in keys.of(sid)]
        # Earlier statements that reference one of these (a voiding statement that arrived
        # before its target), then those that reference them, and so on.
        targets, seen = list(new), set(new)
        for _depth in range(_MAX_REF_DEPTH):
            if not targets:
                break
            referencing = conn.execute(
                select(statements.c.id, statements.c.seq, statements.c.stored_us, statements.c.content).where(
                    statements.c.ref.in_(targets)
                )
            ).all()
            targets = []
            for row in referencing:
                if row.id in seen:
                    continue
                seen.add(row.id)
                targets.append(row.id)
                st = json.loads(unpack(row.content))
                before = _Keys(conn, {}, absent=set(new)).of(row.id, st)
                rows += [_key_row(row.seq, key, row.stored_us) for key in keys.of(row.id, st) - before]
        return rows

    def _insert_keys(self, conn: Connection, keys: list[tuple]) -> None:
        """(seq, key, related, stored_us) rows in bulk: COPY on PostgreSQL (a batch has a few
        rows per statement, and COPY takes them several times faster than INSERTs)."""
        if not keys:
            return
        if self.dialect == "postgresql":
            import psycopg

            try:
                driver = conn.connection.driver_connection  # psycopg's own connection
                assert driver is not None
                with driver.cursor() as cursor:
                    with cursor.copy("COPY statement_keys (seq, key, related, stored_us) FROM STDIN") as copy:
                        for row in keys:
                            copy.write_row(row)
            except (psycopg.IntegrityError, psycopg.OperationalError) as exc:
                # COPY runs on the driver's cursor, so its errors are psycopg's own, not
                # SQLAlchemy's. A duplicate key here means another hub process committed a
                # statement of this batch in the same `stored` microsecond from the same
                # device, and this transaction took that row for its own: try again.
                raise _Retry() from exc
        else:
            # Straight to the driver's executemany: SQLAlchemy's per-row work cost more than
            # SQLite's insert for the few rows per statement.
            conn.exec_driver_sql(
                "INSERT INTO statement_keys (seq, key, related, stored_us) VALUES (?, ?, ?, ?)", keys
            )

    def _conflicts(self, conn: Connection, held: list[dict]) -> list[str]:
        """Ids of `held` statements whose stored content differs from the one sent now."""
        if not held:
            return []
        ids = [st["id"].lower() for st in held]
        stored = dict(
            conn.execute(select(statements.c.id, statements.c.content).where(statements.c.id.in_(ids))).all()
        )
        if any(i not in stored for i in ids):
            # Skipped as already there, yet not visible: another process's insert was still
            # settling. Trying the whole batch again sees it committed (or gone).
            raise _Retry()
        return [
            st["id"].lower()
            for st in held
            if not same_statement(json.loads(unpack(stored[st["id"].lower()])), st)
        ]

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

    def _check_voiding_owner(
        self, conn: Connection, batch: list[dict], device: str, held_only: bool
    ) -> dict[str, int]:
        """A device may void only statements it sent (a stolen lab credential must not erase
        another school's records). With `held_only` (school devices) the target must be held
        already or come in the same batch: otherwise a device could void in advance a
        statement another device sends later. Returns the `stored` time of each target held
        (for _voids_ahead)."""
        targets = {
            st["object"]["id"].lower(): st["id"].lower() for st in batch if st["verb"]["id"] == VOIDED_VERB
        }
        if not targets:
            return {}
        held = conn.execute(
            select(statements.c.id, statements.c.device, statements.c.stored_us).where(
                statements.c.id.in_(list(targets))
            )
        ).all()
        owners = {target: owner for target, owner, _ in held}
        in_batch = {st["id"].lower() for st in batch}
        for target in sorted(targets):
            owner = owners.get(target)
            if owner is not None and owner != device:
                raise ForeignVoidingError(targets[target], target, f"which device {owner!r} sent")
            if owner is None and held_only and target not in in_batch:
                raise ForeignVoidingError(targets[target], target, "which this hub does not hold")
        return {target: stored_us for target, _, stored_us in held}

    def get(self, statement_id: str, *, voided: bool = False) -> tuple[int, str] | None:
        """(stored_us, JSON text) of one statement: a live one, or with voided=True a voided one."""
        s = statements
        condition = _is_voided(s) if voided else ~_is_voided(s)
        with self.engine.connect() as conn:
            row = conn.execute(
                select(s.c.stored_us, s.c.content).where(s.c.id == statement_id.lower(), condition)
            ).first()
        return (row.stored_us, unpack(row.content)) if row else None

    def query(
        self, q: StatementQuery, *, limit: int, after: tuple[int, int] | None = None
    ) -> tuple[list[tuple[int, int, bytes]], bool]:
        """Up to `limit` (stored_us, seq, JSON as UTF-8 bytes) rows matching `q`, and whether
        more follow.

        `after` is the (stored_us, seq) of the last row of the previous page.
        """
        found: Sequence[Any]  # (stored_us, seq, packed content)
        if self._hot is not None:  # with the page plan settings (hot_reads.PAGE_PLAN_OFF)
            sql = self._hot.sql(_page_shape(q, after), lambda: self.query_sql(q, limit=limit, after=after))
            found = self._hot.rows(sql, _page_params(q, limit, after))
        else:
            with self._reads.connect() as conn:
                found = conn.execute(self.query_sql(q, limit=limit, after=after)).all()
        rows = [(stored_us, seq, unpack_bytes(content)) for stored_us, seq, content in found]
        return rows[:limit], len(rows) > limit

    def explain(
        self, q: StatementQuery, *, limit: int, after: tuple[int, int] | None = None, analyze: bool = False
    ) -> dict:
        """PostgreSQL's plan of `query`'s SELECT for these values (EXPLAIN, FORMAT JSON; with
        `analyze`, run, with its buffers), on a connection of the pool `query` uses, so with
        the same plan settings (`hot_reads.PAGE_PLAN_OFF`). Tests and bench/hub.py read it."""
        sql = self.query_sql(q, limit=limit, after=after).compile(dialect=self.engine.dialect)
        options = "ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON"
        with self._reads.connect() as conn:
            return conn.exec_driver_sql(f"EXPLAIN ({options}) {sql}", sql.params).scalar_one()[0]

    def query_sql(self, q: StatementQuery, *, limit: int, after: tuple[int, int] | None = None):
        """The SELECT behind `query` (tests read its plan). Its values are bind parameters
        named as in `_page_params`, so its text is the same for every query of one
        `_page_shape` (the hub compiles it once per shape: hot_reads.py).

        Without filters it walks `ix_statements_stored`. With filters, one of them (the most
        selective kind) walks `ix_statement_keys_find` in `stored` order, where the rows of one
        key are already sorted, and the others are checked row by row in the same index; the
        voided check hashes the few voiding statements stored since the page's lower bound, or
        probes `ix_statements_ref` per row (_not_voided). A page reads about `limit` index
        entries however long the history is (more only where rows are skipped as voided or as
        failing a second filter).
        """
        s = statements
        values = _page_params(q, limit, after)
        page_limit = bindparam("page_limit", values["page_limit"], type_=Integer)
        wanted = _wanted(q)
        if not wanted:
            where = [_not_voided(s, q, values), *_range(s.c.stored_us, s.c.seq, q, values)]
            order = _order(s.c.stored_us, s.c.seq, q.ascending)
            page = select(s.c.stored_us, s.c.seq, s.c.content).where(*where)
            return page.order_by(*order).limit(page_limit)
        (_, _, related), *others = wanted
        branches = []
        for is_related in (False, True) if related else (False,):
            k = statement_keys.alias("k_related" if is_related else "k_direct")
            conditions = [
                k.c.key == bindparam("key_0", values["key_0"], type_=LargeBinary),
                k.c.related.is_(is_related),
                *_range(k.c.stored_us, k.c.seq, q, values),
                _not_voided(s, q, values),
            ]
            for i, (_, _, other_related) in enumerate(others, start=1):
                conditions.append(_has_key(k, f"key_{i}", values[f"key_{i}"], other_related))
            # Each branch is a page on its own, walked in index order and cut at the limit.
            branches.append(
                select(k.c.stored_us.label("stored_us"), k.c.seq.label("seq"), s.c.content)
                .join_from(k, s, s.c.seq == k.c.seq)
                .where(*conditions)
                .order_by(*_order(k.c.stored_us, k.c.seq, q.ascending))
                .limit(page_limit)
            )
        if len(branches) == 1:
            return branches[0]
        # related_*: direct and related rows are two index ranges; the page is the best of
        # both pages (at most twice the limit, sorted in memory). UNION, not UNION ALL: a
        # statement may have both rows for a key (one its own, one from what it references).
        both = (
            branches[0]
            .subquery("direct")
            .select()
            .union(branches[1].subquery("related").select())
            .subquery("found")
        )
        return (
            select(both.c.stored_us, both.c.seq, both.c.content)
            .order_by(*_order(both.c.stored_us, both.c.seq, q.ascending))
            .limit(page_limit)
        )

    # ----------------------------------------------------------------------- devices

    def add_device(
        self,
        name: str,
        password_hash: str,
        *,
        password_check: str | None = None,
        scope: str = "district",
        school: str | None = None,
    ) -> None:
        """Add a device; raises ValueError if the name is taken or `school` is not a school of
        the roster."""
        with self._write() as conn:
            if conn.execute(select(devices.c.name).where(devices.c.name == name)).first():
                raise ValueError(f"a device named {name!r} already exists (remove it first to replace it)")
            self._check_scope(conn, scope, school)
            conn.execute(
                devices.insert().values(
                    name=name,
                    password_hash=password_hash,
                    password_check=password_check,
                    created_us=now_us(),
                    scope=scope,
                    school=school,
                )
            )

    def set_device_scope(self, name: str, *, scope: str, school: str | None = None) -> None:
        """Change what a device may do (ValueError: no such device, or not a school)."""
        with self._write() as conn:
            self._check_scope(conn, scope, school)
            done = conn.execute(
                devices.update().where(devices.c.name == name).values(scope=scope, school=school)
            ).rowcount
            if not done:
                raise ValueError(f"no device named {name!r}")

    def _check_scope(self, conn: Connection, scope: str, school: str | None) -> None:
        if scope not in SCOPES or (scope == "school") != (school is not None):
            raise ValueError(f"bad device scope {scope!r} with school {school!r}")
        if school is not None and not self._is_school(conn, school):
            raise ValueError(
                f"{school!r} is not a school in the hub's roster: import the district roster first "
                "(citizenship-district roster import PATH), then give a school's sourcedId from its orgs.csv"
            )

    @staticmethod
    def _is_school(conn: Connection, org: str) -> bool:
        o = roster_orgs
        return (
            conn.execute(
                select(o.c.sourced_id).where(
                    o.c.sourced_id == org, o.c.type == "school", o.c.status == "active"
                )
            ).first()
            is not None
        )

    def set_password_check(
        self, name: str, password_hash: str, old: str | None, new: str | None, *, new_hash: str | None = None
    ) -> bool:
        """Store `new` as device `name`'s cheap check (and `new_hash` as its password hash, when
        not None: auth.upgrade) if its hash is still `password_hash` and its check still `old`;
        False when either changed meanwhile (a new password, a removed device, another process
        first). Raises SQLAlchemyError if this role may not (docs/district-hub.md)."""
        d = devices.c
        values = {"password_check": new} | ({"password_hash": new_hash} if new_hash is not None else {})
        with self._write() as conn:
            changed = conn.execute(
                devices.update()
                .where(
                    d.name == name,
                    d.password_hash == password_hash,
                    d.password_check.is_not_distinct_from(old),
                )
                .values(**values)
            ).rowcount
        return changed == 1

    def device(self, name: str) -> Device | None:
        if self._hot is not None:
            sql = self._hot.sql(("device",), lambda: _device_sql(bindparam("name")))
            found = self._hot.rows(sql, {"name": name})
            return Device(*found[0]) if found else None
        with self._reads.connect() as conn:
            row = conn.execute(_device_sql(name)).first()
        return Device(*row) if row else None

    def list_devices(self) -> list[dict]:
        """Each device's name, scope, school, when it was added, and how many statements it sent."""
        sent = select(statements.c.device, func.count().label("n")).group_by(statements.c.device).subquery()
        stmt = (
            select(devices.c.name, devices.c.created_us, devices.c.scope, devices.c.school, sent.c.n)
            .outerjoin(sent, sent.c.device == devices.c.name)
            .order_by(devices.c.name)
        )
        with self.engine.connect() as conn:
            return [
                {
                    "name": r.name,
                    "created": format_us(r.created_us),
                    "statements": r.n or 0,
                    "scope": r.scope,
                    "school": r.school,
                    "read_only": r.scope == "read-only",
                }
                for r in conn.execute(stmt)
            ]

    def remove_device(self, name: str) -> bool:
        """Revoke a device's credentials (its statements stay). False if there was none. Its
        fleet status and enrollment go too: a device added again under the name starts afresh."""
        with self._write() as conn:
            conn.execute(device_status.delete().where(device_status.c.name == name))
            conn.execute(enrolled_devices.delete().where(enrolled_devices.c.name == name))
            return conn.execute(devices.delete().where(devices.c.name == name)).rowcount > 0

    # ----------------------------------------------------------------------- roster

    def has_roster(self) -> bool:
        """Whether a roster has been imported (any active org)."""
        with self.engine.connect() as conn:
            return conn.execute(select(roster_orgs.c.sourced_id).limit(1)).first() is not None

    def people_at_school(self, people: set[str], school: str) -> set[str]:
        """Those of `people` (sourcedIds) who are active in the roster and belong to `school`:
        listed under it in their orgs, or enrolled (actively) in one of its classes."""
        if not people:
            return set()
        p, e = roster_people, roster_enrollments
        with self.engine.connect() as conn:
            found = {
                r.sourced_id
                for r in conn.execute(
                    select(p.c.sourced_id, p.c.org_ids).where(
                        p.c.sourced_id.in_(people), p.c.status == "active"
                    )
                )
                if school in (r.org_ids or "").split(",")
            }
            found |= set(
                conn.execute(
                    select(e.c.person_id)
                    .join(p, p.c.sourced_id == e.c.person_id)
                    .where(
                        e.c.person_id.in_(people - found),
                        e.c.school_id == school,
                        e.c.status == "active",
                        p.c.status == "active",
                    )
                    .distinct()
                ).scalars()
            )
        return found


def _upgrade_devices(conn: Connection, have: set[str]) -> None:
    """`devices` as earlier hub versions made it, given the columns added since (a device
    without a school is refused statements until `device set-school` gives it one)."""
    for name, sql_type in _DEVICE_UPGRADES:
        if name not in have:
            conn.execute(text(f"ALTER TABLE devices ADD COLUMN {name} {sql_type}"))


def _upgrade_statements(conn: Connection, dialect: str, columns: list) -> None:
    """`statements` as earlier hub versions made it: `content` as text (PostgreSQL: now bytea,
    the whole table rewritten once, about a minute per million statements; SQLite keeps the
    declared type, a column of any type holds bytes), and a `registration` column, dropped.
    The rows stored before keep their JSON unpacked (compression.unpack reads both)."""
    have = {c["name"]: c for c in columns}
    changes = []
    if dialect == "postgresql" and not isinstance(have["content"]["type"], LargeBinary):
        changes.append("ALTER COLUMN content TYPE bytea USING convert_to(content, 'UTF8')")
    if "registration" in have:
        changes.append("DROP COLUMN registration")
    if changes:
        conn.execute(text(f"ALTER TABLE statements {', '.join(changes)}"))
    if "voids_ahead" not in have:
        # Whether each voiding statement already stored was stored ahead of its target: a
        # new column, derived from the stored rows, their content untouched.
        conn.execute(text("ALTER TABLE statements ADD COLUMN voids_ahead BOOLEAN"))
        conn.execute(
            text(
                "UPDATE statements SET voids_ahead = NOT EXISTS (SELECT 1 FROM statements t"
                " WHERE t.id = statements.ref AND t.stored_us <= statements.stored_us) WHERE voiding"
            )
        )


def _upgrade_keys(conn: Connection) -> None:
    """statement_keys as earlier hub versions made it (seq, kind, key text, related, a primary
    key; no verb, registration or StatementRef rows) rebuilt from the statements themselves,
    10,000 at a time in `seq` order, inside create_tables' transaction (a few minutes per
    million statements)."""
    conn.execute(text("DROP TABLE statement_keys"))
    statement_keys.create(conn)
    last = 0
    while True:
        chunk = conn.execute(
            select(statements.c.seq, statements.c.id, statements.c.stored_us, statements.c.content)
            .where(statements.c.seq > last)
            .order_by(statements.c.seq)
            .limit(10_000)
        ).all()
        if not chunk:
            return
        keys = _Keys(conn, {})
        rows = [
            _key_row(r.seq, key, r.stored_us)
            for r in chunk
            for key in keys.of(r.id, json.loads(unpack(r.content)))
        ]
        columns = ("seq", "key", "related", "stored_us")
        conn.execute(statement_keys.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
        last = chunk[-1].seq


def digest(kind: str, value: str) -> bytes:
    """The statement_keys key of a filter value: 16 bytes of BLAKE2b over kind and value (a
    chance collision between two of a district's keys is about 2**-128 * keys**2)."""
    return hashlib.blake2b(f"{kind}\0{value}".encode(), digest_size=16).digest()


def _key_row(seq: int, key: tuple[str, str, bool], stored_us: int) -> tuple:
    kind, value, related = key
    return (seq, digest(kind, value), related, stored_us)


_MAX_REF_DEPTH = 8  # StatementRef chains followed this deep (real ones are one step: voiding)


def own_keys(st: dict) -> set[tuple[str, str, bool]]:
    """(kind, key, related) a statement matches by itself: its verb, registration, agents and
    activities (see statements.index_keys). A related row is left out where the same key
    matches directly (a `related` query matches direct rows too)."""
    keys = set(index_keys(st))
    keys.add(("verb", st["verb"]["id"], False))
    registration = (st.get("context") or {}).get("registration")
    if registration:
        keys.add(("registration", registration.lower(), False))
    return _without_redundant(keys)


def _without_redundant(keys: set) -> set:
    return {k for k in keys if not (k[2] and (k[0], k[1], False) in keys)}


class _Keys:
    """Every key a statement matches: its own, and those of the statement it references
    (found among `batch` or stored, unless its id is in `absent`), recursively."""

    def __init__(self, conn: Connection, batch: dict[str, dict], absent: AbstractSet[str] = frozenset()):
        self.conn, self.batch, self.absent = conn, batch, absent
        self.cache: dict[str, set] = {}

    def of(self, sid: str, st: dict | None = None, depth: int = 0) -> set:
        if sid in self.cache:
            return self.cache[sid]
        self.cache[sid] = set()  # a reference cycle ends here
        st = st if st is not None else self.batch[sid]
        keys = own_keys(st)
        obj = st["object"]
        if obj.get("objectType") == "StatementRef" and depth < _MAX_REF_DEPTH:
            target_id = obj["id"].lower()
            target = (
                None if target_id in self.absent else self.batch.get(target_id) or self._stored(target_id)
            )
            if target is not None:
                keys |= self.of(target_id, target, depth + 1)
        self.cache[sid] = keys = _without_redundant(keys)
        return keys

    def _stored(self, sid: str) -> dict | None:
        content = self.conn.execute(select(statements.c.content).where(statements.c.id == sid)).scalar()
        return json.loads(unpack(content)) if content is not None else None


def _voids_ahead(batch: list[dict], stored_us: int, held: dict[str, int]) -> tuple[dict[str, bool], set[str]]:
    """Whether each voiding statement of `batch` (by id) is stored ahead of its target: no
    statement it targets is held with a `stored` at or before this transaction's (`stored_us`,
    taken before `held`, the `stored` of the targets held, was read: a target committed with a
    later `stored`, or not yet, makes it ahead). A target in the batch itself is stored with
    it, so not ahead, provided this transaction stores it: those targets are returned too (the
    caller checks). See _not_voided for what reads it."""
    targets = {
        st["id"].lower(): st["object"]["id"].lower() for st in batch if st["verb"]["id"] == VOIDED_VERB
    }
    in_batch = {st["id"].lower() for st in batch}
    ahead, targets_in_batch = {}, set()
    for voiding, target in targets.items():
        if target in held:
            ahead[voiding] = held[target] > stored_us
        else:
            ahead[voiding] = target not in in_batch
            if target in in_batch:
                targets_in_batch.add(target)
    return ahead, targets_in_batch


def _row(st: dict, full: dict, stored_us: int, device: str, *, voids_ahead: bool | None = None) -> dict:
    """The `statements` row of a statement (`full` is it as stored); `voids_ahead`: see the
    column (None, for a voiding statement, counts as ahead)."""
    obj = st["object"]
    voiding = st["verb"]["id"] == VOIDED_VERB
    return {
        "id": full["id"],
        "stored_us": stored_us,
        "verb_id": st["verb"]["id"],
        "ref": obj["id"].lower() if obj.get("objectType") == "StatementRef" else None,
        "voiding": voiding,
        "voids_ahead": voids_ahead if voiding else None,
        "device": device,
        # ASCII escapes: the text stays ASCII whatever the statement holds.
        "content": pack(json.dumps(full, separators=(",", ":"))),
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


def _not_voided(s, q: StatementQuery, values: dict[str, Any]):
    """SQL: the negation of _is_voided, for the rows of a page of query `q` (its `values`).

    Without a lower bound on `stored`: one NOT EXISTS, probed in `ix_statements_ref` for each
    row (not hashed over all voided ids). With one (`since`, or an ascending `more` page: a
    kiosk's pull), a row stored after the bound can only be voided by a voiding statement
    stored after it too, or by one stored *ahead* of its target (`voids_ahead`, set as it is
    inserted): a few hundred ids for a kiosk that is nearly caught up, hashed once per page
    instead of a probe per row (half the page's time at 2M statements). Where there are
    `_HASHED_AT_MOST` or more, or as many as the page's limit, the probe per row again (the
    CASE's count decides, in the same SELECT, so the choice costs no round trip and is never
    stale)."""
    v = statements.alias("v")
    probe = ~exists().where(v.c.voiding, v.c.ref == s.c.id, ~s.c.voiding)
    if "hashed_at_most" not in values:  # no lower bound (_page_params)
        return probe

    def voided(name: str):  # the ids those voiding statements target
        recent, ahead = statements.alias(f"{name}_since"), statements.alias(f"{name}_ahead")
        # NOT IN is false for every row if one value is NULL: a voiding statement's object is
        # always a StatementRef (validated), so its `ref` never is; said to the database too.
        return union_all(
            *(
                select(t.c.ref).where(t.c.voiding, t.c.ref.is_not(None), *where)
                for t, where in (
                    (recent, _lower_bounds(recent.c.stored_us, q, values)),
                    (ahead, [ahead.c.voids_ahead.is_not(False)]),
                )
            )
        )

    at_most = bindparam("hashed_at_most", values["hashed_at_most"], type_=Integer)
    counted = voided("counted").limit(at_most).subquery("counted")
    few = select(func.count()).select_from(counted).scalar_subquery() < at_most
    hashed = or_(s.c.voiding, s.c.id.not_in(voided("hashed")))
    return case((few, hashed), else_=probe)


# Up to this many voiding statements stored after a page's lower bound (or ahead of their
# target), and fewer than the page's limit, the page's voided check hashes them; from it on, a
# probe per row (see _not_voided).
_HASHED_AT_MOST = 2000


def _lower_bounds(stored, q: StatementQuery, values: dict[str, Any]) -> list:
    """The conditions on `stored` that every row of the page satisfies from below (see _range)."""
    bounds = []
    if q.since_us is not None:
        bounds.append(stored > bindparam("since_us", values["since_us"], type_=BigInteger))
    if "after_stored" in values and q.ascending:
        bounds.append(stored >= bindparam("after_stored", values["after_stored"], type_=BigInteger))
    return bounds


def _wanted(q: StatementQuery) -> list[tuple[str, str, bool]]:
    """The query's filters as (kind, key, related allowed), the most selective kind first."""
    given = {
        "registration": (q.registration.lower(), False) if q.registration is not None else None,
        "agent": (q.agent, q.related_agents) if q.agent is not None else None,
        "activity": (q.activity, q.related_activities) if q.activity is not None else None,
        "verb": (q.verb, False) if q.verb is not None else None,
    }
    return [(kind, *wanted) for kind in _DRIVERS if (wanted := given[kind]) is not None]


def _has_key(k, name: str, key: bytes, related: bool):
    """SQL: the statement of key row `k` also has the key digest `key` (bind parameter `name`;
    related rows only if `related`): a lookup by the whole of ix_statement_keys_find."""
    other = statement_keys.alias()
    match = [
        other.c.key == bindparam(name, key, type_=LargeBinary),
        other.c.stored_us == k.c.stored_us,
        other.c.seq == k.c.seq,
    ]
    if not related:
        match.append(~other.c.related)
    return exists().where(*match)


def _range(stored, seq, q: StatementQuery, values: dict[str, Any]) -> list:
    def value(name: str):
        return bindparam(name, values[name], type_=BigInteger)

    where = []
    if q.since_us is not None:
        where.append(stored > value("since_us"))
    if q.until_us is not None:
        where.append(stored <= value("until_us"))
    if "after_stored" in values:
        # A row comparison: an index range condition on (stored_us, seq), so page N starts
        # where page N-1 ended instead of skipping N-1 pages of index entries.
        page_end = tuple_(value("after_stored"), value("after_seq"))
        where.append(tuple_(stored, seq) > page_end if q.ascending else tuple_(stored, seq) < page_end)
    return where


def _page_params(q: StatementQuery, limit: int, after: tuple[int, int] | None) -> dict[str, Any]:
    """The values of a page's SELECT (`Store.query_sql`), by bind parameter name."""
    values: dict[str, Any] = {"page_limit": limit + 1}  # one more: whether more follow
    for i, (kind, key, _) in enumerate(_wanted(q)):
        values[f"key_{i}"] = digest(kind, key)
    if q.since_us is not None:
        values["since_us"] = q.since_us
    if q.until_us is not None:
        values["until_us"] = q.until_us
    if after is not None:
        values["after_stored"], values["after_seq"] = after
    if q.since_us is not None or (after is not None and q.ascending):  # see _not_voided
        # Hashing more ids than the page has rows costs more than a probe per row.
        values["hashed_at_most"] = min(_HASHED_AT_MOST, limit)
    return values


def _page_shape(q: StatementQuery, after: tuple[int, int] | None) -> tuple:
    """What the text of a page's SELECT depends on besides its values (see `_page_params`)."""
    filters = tuple((kind, related) for kind, _, related in _wanted(q))
    return ("page", filters, q.ascending, q.since_us is not None, q.until_us is not None, after is not None)


def _order(stored, seq, ascending: bool) -> list:
    return [stored, seq] if ascending else [stored.desc(), seq.desc()]


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
