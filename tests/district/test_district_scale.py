"""Query cost that does not grow with history: the PostgreSQL plans use the indexes, and a
database made by an earlier hub version is upgraded in place. (Timings are in bench/hub.py.)
"""

from __future__ import annotations

import json
import secrets
import uuid

import pytest
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
)

from citizenship_app.core import xapi
from citizenship_app.district import compression, storage
from citizenship_app.district.statements import index_keys
from citizenship_app.district.storage import StatementQuery, Store

AUTHORITY = {"objectType": "Agent", "account": {"homePage": "https://hub.example", "name": "kiosk-1"}}
SIS = "https://sis.example.org"
VERBS = [xapi.VERBS["passed"], xapi.VERBS["failed"], xapi.VERBS["completed"]]


def _statement(n: int, *, registration: str | None = None) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": xapi.actor(SIS, f"stu-{n % 2000}"),
        "verb": {"id": VERBS[n % 3]},
        "object": {"objectType": "Activity", "id": xapi.module_iri(f"m-{n % 40}")},
        "context": {
            "registration": registration or str(uuid.uuid4()),
            "contextActivities": {"grouping": [{"id": xapi.class_iri(f"c-{n % 300}")}]},
        },
        "timestamp": "2024-05-01T10:00:00.000Z",
    }


def _void(target: str) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": xapi.actor(SIS, "admin"),
        "verb": {"id": xapi.VERBS["voided"]},
        "object": {"objectType": "StatementRef", "id": target},
    }


def _ids(rows) -> list[str]:
    return [json.loads(content)["id"] for _, _, content in rows]


def _analysed_pg(pg_database: str, count: int, void_every: int):
    """A Store in a schema of its own holding `count` statements, every `void_every`-th of
    them voided, analysed (so the planner chooses as it would with such a history)."""
    import psycopg

    schema = f"scale_{secrets.token_hex(4)}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    store = Store(f"{pg_database}?options=-csearch_path%3D{schema}")
    store.create_tables()
    for offset in range(0, count, 1000):
        batch = [_statement(offset + i) for i in range(1000)]
        voids = [_void(st["id"]) for st in batch[::void_every]]
        store.save(batch + voids, authority=AUTHORITY, device="kiosk-1")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def big_pg(pg_database):
    """20,000 statements (1% voided): enough for the planner to choose as it would at
    district scale."""
    yield from _analysed_pg(pg_database, 20_000, 100)


def _plan(store: Store, q: StatementQuery, limit: int, after=None) -> dict:
    # Planned for these very values, on a connection of the pool Store.query uses.
    return store.explain(q, limit=limit, after=after)["Plan"]


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


PERSON = json.dumps(["account", SIS, "stu-7"])
QUERIES = {
    "pull page": (StatementQuery(since_us=1, ascending=True), 500, {"ix_statements_stored"}),
    "newest page": (StatementQuery(), 500, {"ix_statements_stored"}),
    "verb": (StatementQuery(verb=VERBS[0]), 10, {"ix_statement_keys_find"}),
    "activity": (StatementQuery(activity=xapi.module_iri("m-3")), 10, {"ix_statement_keys_find"}),
    "related activity": (
        StatementQuery(activity=xapi.class_iri("c-3"), related_activities=True),
        10,
        {"ix_statement_keys_find"},
    ),
    "agent": (StatementQuery(agent=PERSON), 10, {"ix_statement_keys_find"}),
    "agent and verb": (StatementQuery(agent=PERSON, verb=VERBS[1]), 10, {"ix_statement_keys_find"}),
    "registration": (StatementQuery(registration=str(uuid.uuid4())), 10, {"ix_statement_keys_find"}),
}


@pytest.mark.parametrize("case", QUERIES, ids=list(QUERIES))
def test_postgres_plans_walk_an_index_in_stored_order(big_pg, case):
    q, limit, indexes = QUERIES[case]
    for after in (None, (1_900_000_000_000_000, 10**9)):  # the first page and a `more` page
        plan = _plan(big_pg, q, limit, after)
        nodes = list(_nodes(plan))
        used = {n.get("Index Name") for n in nodes}
        assert indexes <= used, (case, used)
        assert not [
            n for n in nodes if n["Node Type"] in ("Seq Scan", "Hash", "Bitmap Heap Scan", "Merge Join")
        ], json.dumps(plan, indent=1)[:3000]
        for sort in (n for n in nodes if n["Node Type"] == "Sort"):
            # Only the merge of two pages (related_*), each already cut at the limit.
            (append,) = sort["Plans"]
            if append["Node Type"] == "Aggregate":  # UNION's duplicate removal
                (append,) = append["Plans"]
            assert append["Node Type"] == "Append" and all(
                branch["Node Type"] == "Limit" or branch["Plans"][0]["Node Type"] == "Limit"
                for branch in append["Plans"]
            ), json.dumps(plan, indent=1)[:3000]
        assert "ix_statements_ref" in used  # the voided check probes the partial index per row
        assert plan["Node Type"] == "Limit"


@pytest.fixture(scope="module")
def few_voided_pg(pg_database):
    """A smaller hub (10,000 statements, 0.5% voided: 50 voiding statements)."""
    yield from _analysed_pg(pg_database, 10_000, 200)


def test_a_caught_up_pull_page_probes_the_voided_check_per_row_on_a_small_hub(few_voided_pg):
    """With few voiding statements the planner took the page's voided check as a scan of all
    of them, kept in memory, for each row (Materialize): 500 x 50 comparisons, a page in 10 ms
    instead of 1, and more as voids grow, until the planner changes its mind."""
    with few_voided_pg.engine.connect() as conn:
        since = conn.exec_driver_sql(
            "SELECT stored_us FROM statements ORDER BY stored_us DESC OFFSET 1500"
        ).scalar()
    plan = _plan(few_voided_pg, StatementQuery(since_us=since, ascending=True), 500)
    nodes = list(_nodes(plan))
    assert not [n for n in nodes if n["Node Type"] == "Materialize"], json.dumps(plan, indent=1)[:3000]
    assert {"ix_statements_stored", "ix_statements_ref"} <= {n.get("Index Name") for n in nodes}


@pytest.mark.parametrize("case", QUERIES, ids=list(QUERIES))
def test_a_page_read_on_the_drivers_cursor_is_the_page_sqlalchemy_reads(big_pg, case):
    """Store.query runs each query shape's SQL, compiled once, on the driver's cursor
    (hot_reads.py): for other values of the same shape it must still return what the
    statement built for those values returns through SQLAlchemy."""
    q, limit, _ = QUERIES[case]
    pages = []
    for after in (None, (1_900_000_000_000_000, 10**9)):
        rows, more = big_pg.query(q, limit=limit, after=after)
        with big_pg._reads.connect() as conn:
            expected = conn.execute(big_pg.query_sql(q, limit=limit, after=after)).all()
        assert [(r[0], r[1]) for r in rows] == [(r[0], r[1]) for r in expected[:limit]], case
        assert rows == [(a, b, compression.unpack_bytes(c)) for a, b, c in expected[:limit]]
        assert more == (len(expected) > limit)
        pages.append(rows)
    compiled = dict(big_pg._hot._sql)
    # Other values of the same shape: the next page, a narrower time range.
    if pages[0]:
        last = pages[0][-1]
        rows, _ = big_pg.query(q, limit=limit, after=(last[0], last[1]))
        assert not {r[1] for r in rows} & {r[1] for r in pages[0]}
        assert all(
            (r[0], r[1]) > (last[0], last[1]) if q.ascending else (r[0], r[1]) < (last[0], last[1])
            for r in rows
        )
    assert big_pg._hot._sql == compiled  # no new compile for new values


def test_filters_find_statements_and_what_references_them(big_pg):
    registration = str(uuid.uuid4())
    target = _statement(7, registration=registration)
    voiding = _void(target["id"])
    big_pg.save([voiding], authority=AUTHORITY, device="kiosk-1")  # the voiding statement first
    big_pg.save([target], authority=AUTHORITY, device="kiosk-1")
    for q in (
        StatementQuery(registration=registration),
        StatementQuery(registration=registration, verb=VERBS[1]),
        StatementQuery(agent=PERSON, registration=registration),
    ):
        rows, more = big_pg.query(q, limit=10)
        assert _ids(rows) == [voiding["id"]] and not more  # the target is voided; its voider matches
    rows, _ = big_pg.query(
        StatementQuery(activity=xapi.class_iri("c-7"), registration=registration), limit=10
    )
    assert rows == []  # a context activity matches only with related_activities
    rows, _ = big_pg.query(
        StatementQuery(activity=xapi.class_iri("c-7"), related_activities=True, registration=registration),
        limit=10,
    )
    assert _ids(rows) == [voiding["id"]]


# --------------------------------------------------------------------------- upgrade


def _old_schema(version: int) -> tuple[MetaData, Table, Table]:
    """The hub's tables as earlier versions made them (copied from storage.py): 0, filter keys
    as text with a primary key; 1, keys as digests, statements' JSON as text, `registration`."""
    seq = BigInteger().with_variant(Integer, "sqlite")
    metadata = MetaData()
    indexes = (
        [Index("ix_statements_verb", "verb_id"), Index("ix_statements_registration", "registration")]
        if version == 0
        else []
    )
    statements = Table(
        "statements",
        metadata,
        Column("seq", seq, primary_key=True, autoincrement=True),
        Column("id", String(36), nullable=False, unique=True),
        Column("stored_us", BigInteger, nullable=False),
        Column("verb_id", Text, nullable=False),
        Column("registration", String(36)),
        Column("ref", String(36)),
        Column("voiding", Boolean, nullable=False),
        Column("device", String(64), nullable=False),
        Column("content", Text, nullable=False),
        Index("ix_statements_stored", "stored_us", "seq"),
        Index("ix_statements_ref", "ref"),
        *indexes,
    )
    if version == 0:
        keys = Table(
            "statement_keys",
            metadata,
            Column("seq", seq, ForeignKey("statements.seq"), primary_key=True),
            Column("kind", String(8), primary_key=True),
            Column("key", Text, primary_key=True),
            Column("related", Boolean, primary_key=True),
            Index("ix_statement_keys_lookup", "kind", "key"),
        )
    else:
        keys = Table(
            "statement_keys",
            metadata,
            Column("seq", seq, ForeignKey("statements.seq"), nullable=False),
            Column("key", LargeBinary(16), nullable=False),
            Column("related", Boolean, nullable=False),
            Column("stored_us", BigInteger, nullable=False),
            Index("ix_statement_keys_find", "key", "related", "stored_us", "seq"),
        )
    Table(
        "devices",
        metadata,
        Column("name", String(64), primary_key=True),
        Column("password_hash", Text, nullable=False),
        Column("created_us", BigInteger, nullable=False),
    )
    return metadata, statements, keys


def _old_rows(version: int, full: dict, seq: int, stored_us: int, batch: dict) -> tuple[dict, list[dict]]:
    """A statement's rows as an earlier version wrote them: its JSON as text, its registration,
    its keys (version 1: with those of the statement it references, in `batch`)."""
    row = storage._row(full, full, stored_us, "kiosk-1")
    row["content"] = json.dumps(full, separators=(",", ":"))
    row["registration"] = (full.get("context") or {}).get("registration")
    if version == 0:
        return row, [{"seq": seq, "kind": k, "key": v, "related": r} for k, v, r in index_keys(full)]
    columns = ("seq", "key", "related", "stored_us")
    keys = storage._Keys(None, batch).of(full["id"])  # type: ignore[arg-type]
    return row, [dict(zip(columns, storage._key_row(seq, k, stored_us), strict=True)) for k in keys]


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    import psycopg

    url = request.getfixturevalue("pg_database")
    schema = f"old_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{url}?options=-csearch_path%3D{schema}"


@pytest.mark.parametrize("version", [0, 1])
def test_a_database_of_an_earlier_hub_version_is_upgraded(old_database, version):
    from sqlalchemy import create_engine

    metadata, old_statements, old_keys = _old_schema(version)
    registration = str(uuid.uuid4())
    target, plain = _statement(7, registration=registration), _statement(8)
    voiding = _void(target["id"])
    stored = "2024-05-01T10:00:00.000000Z"
    batch = {
        st["id"]: storage._as_stored(st, stored=stored, authority=AUTHORITY)
        for st in [target, plain, voiding]
    }
    engine = create_engine(storage.database_url(old_database))
    with engine.begin() as conn:  # as the earlier hub stored them
        metadata.create_all(conn)
        for n, full in enumerate(batch.values()):
            row, _ = _old_rows(version, full, 0, 0, batch)
            seq = conn.execute(
                old_statements.insert().values(**{**row, "stored_us": 1_714_557_600_000_000 + n})
            ).inserted_primary_key[0]
            conn.execute(
                old_keys.insert(), _old_rows(version, full, seq, 1_714_557_600_000_000 + n, batch)[1]
            )
    engine.dispose()

    store = Store(old_database)
    store.create_tables()
    store.create_tables()  # a second start finds it upgraded
    try:
        for q in (
            StatementQuery(registration=registration),
            StatementQuery(verb=VERBS[7 % 3], registration=registration),
            StatementQuery(agent=PERSON, registration=registration),
        ):
            assert _ids(store.query(q, limit=10)[0]) == [voiding["id"]]
        assert _ids(store.query(StatementQuery(verb=VERBS[8 % 3]), limit=10)[0]) == [plain["id"]]
        assert store.get(target["id"], voided=True) is not None
        new = _statement(7)
        store.save([new], authority=AUTHORITY, device="kiosk-1")
        assert _ids(store.query(StatementQuery(agent=PERSON), limit=10)[0]) == [new["id"], voiding["id"]]
        with store.engine.connect() as conn:
            names = set(storage.inspect(conn).get_table_names())
            indexes = {i["name"] for i in storage.inspect(conn).get_indexes("statements")}
            columns = {c["name"] for c in storage.inspect(conn).get_columns("statements")}
            s = storage.statements
            contents = dict(conn.execute(storage.select(s.c.id, s.c.content)).all())
        assert "statement_keys_v1" not in names
        assert "ix_statements_ref" in indexes
        assert not {"ix_statements_verb", "ix_statements_registration"} & indexes
        assert "registration" not in columns
        # Rows stored before keep their JSON as it was (text on SQLite, bytes on PostgreSQL);
        # what is stored after is packed.
        assert json.loads(compression.unpack(contents[plain["id"]])) == batch[plain["id"]]
        assert contents[new["id"]][:1] == compression.FORMAT_1
    finally:
        store.engine.dispose()
