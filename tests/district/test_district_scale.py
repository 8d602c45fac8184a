"""Query cost that does not grow with history: the PostgreSQL plans use the indexes, and a
database made by an earlier hub version is upgraded in place. (Timings are in bench/hub.py.)
"""

from __future__ import annotations

import json
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

from .conftest import pg_schema_url

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
    store = Store(pg_schema_url(pg_database, "scale"))
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
        if q.since_us is not None or (after and q.ascending):
            # A lower bound on `stored`: the voiding statements stored since then are hashed
            # once (a per-row probe only where there are many, see the next test).
            assert "ix_statements_voiding" in used and _hashed(nodes), (case, used)
        else:
            assert "ix_statements_ref" in used  # the voided check probes the partial index per row
        assert plan["Node Type"] == "Limit"


def _hashed(nodes) -> bool:
    return any("hashed SubPlan" in str(n.get("Filter", "")) for n in nodes)


def _not_voiding(rows) -> int:
    """How many of a page's rows are not voiding statements."""
    return sum(json.loads(content)["verb"]["id"] != xapi.VERBS["voided"] for _, _, content in rows)


def _executed(nodes, index: str) -> int:
    """How many times the plan (EXPLAIN ANALYZE) scanned `index`."""
    return sum(n.get("Actual Loops", 0) for n in nodes if n.get("Index Name") == index)


def test_a_pull_page_hashes_the_few_voiding_statements_stored_since_and_probes_when_they_are_many(
    big_pg, monkeypatch
):
    """A kiosk's pull (a `since`, ascending): its page's voided check reads the voiding
    statements stored since then once, not the index of references once per row. Where
    there are `_HASHED_AT_MOST` or more of them, or as many as the page's limit, a probe per
    row again (no unbounded hash, none bigger than the page)."""
    with big_pg.engine.connect() as conn:
        newest = "SELECT stored_us FROM statements ORDER BY stored_us DESC OFFSET 1500"
        since = conn.exec_driver_sql(newest).scalar()
    caught_up = StatementQuery(since_us=since, ascending=True)
    nodes = list(_nodes(big_pg.explain(caught_up, limit=500, analyze=True)["Plan"]))
    assert _executed(nodes, "ix_statements_voiding") >= 1
    assert _executed(nodes, "ix_statements_ref") == 0, json.dumps(nodes[0], indent=1)[:3000]
    rows, _ = big_pg.query(caught_up, limit=500)
    # A page of 10: fewer rows than voiding statements since, so a probe for each is cheaper.
    # (A voiding statement is never voided: the probe is for each row of the page that is not
    # one. Where they fall among a batch's rows varies from run to run.)
    nodes = list(_nodes(big_pg.explain(caught_up, limit=10, analyze=True)["Plan"]))
    probes = _executed(nodes, "ix_statements_ref")
    assert probes >= _not_voiding(rows[:10]) >= 5, json.dumps(nodes[0], indent=1)[:3000]

    monkeypatch.setattr(storage, "_HASHED_AT_MOST", 5)  # more voiding statements than that since
    nodes = list(_nodes(big_pg.explain(caught_up, limit=500, analyze=True)["Plan"]))
    probes = _executed(nodes, "ix_statements_ref")
    assert probes >= _not_voiding(rows) >= 450, json.dumps(nodes[0], indent=1)[:3000]
    probed, _ = big_pg.query(caught_up, limit=500)
    assert probed == rows and len(rows) == 500  # the same page either way
    with big_pg.engine.connect() as conn:
        found = "SELECT ref FROM statements WHERE voiding AND stored_us > %s"
        voided = {r[0] for r in conn.exec_driver_sql(found, (since,))}
    assert voided and not voided & set(_ids(rows))


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
    del row["voids_ahead"]
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
    return pg_schema_url(request.getfixturevalue("pg_database"), "old")


@pytest.mark.parametrize("version", [0, 1])
def test_a_database_of_an_earlier_hub_version_is_upgraded(old_database, version):
    from sqlalchemy import create_engine

    metadata, old_statements, old_keys = _old_schema(version)
    registration = str(uuid.uuid4())
    target, plain = _statement(7, registration=registration), _statement(8)
    voiding = _void(target["id"])
    # A voiding statement stored before its target (the hub may hold either first).
    late_target = _statement(9)
    ahead = _void(late_target["id"])
    stored = "2024-05-01T10:00:00.000000Z"
    batch = {
        st["id"]: storage._as_stored(st, stored=stored, authority=AUTHORITY)
        for st in [target, plain, voiding, ahead, late_target]
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
        # A pull of what was stored after the voiding statement stored ahead of its target:
        # the target, stored after it, is voided all the same.
        since = StatementQuery(since_us=1_714_557_600_000_000 + 3, ascending=True)
        assert store.query(since, limit=10)[0] == []
        assert _ids(store.query(StatementQuery(since_us=1, ascending=True), limit=10)[0]) == [
            plain["id"],
            voiding["id"],
            ahead["id"],
        ]
        new = _statement(7)
        store.save([new], authority=AUTHORITY, device="kiosk-1")
        assert _ids(store.query(StatementQuery(agent=PERSON), limit=10)[0]) == [new["id"], voiding["id"]]
        with store.engine.connect() as conn:
            names = set(storage.inspect(conn).get_table_names())
            indexes = {i["name"] for i in storage.inspect(conn).get_indexes("statements")}
            columns = {c["name"] for c in storage.inspect(conn).get_columns("statements")}
            s = storage.statements
            contents = dict(conn.execute(storage.select(s.c.id, s.c.content)).all())
            flags = dict(conn.execute(storage.select(s.c.id, s.c.voids_ahead)).all())
        assert "statement_keys_v1" not in names
        assert "ix_statements_ref" in indexes
        assert not {"ix_statements_verb", "ix_statements_registration"} & indexes
        assert "registration" not in columns
        # Derived for the voiding statements held before the upgrade; NULL for the others.
        assert flags == {
            **{st["id"]: None for st in (target, plain, late_target, new)},
            voiding["id"]: False,
            ahead["id"]: True,
        }
        # Rows stored before keep their JSON as it was (text on SQLite, bytes on PostgreSQL);
        # what is stored after is packed.
        assert json.loads(compression.unpack(contents[plain["id"]])) == batch[plain["id"]]
        assert contents[new["id"]][:1] == compression.FORMAT_1
    finally:
        store.engine.dispose()


# --------------------------------------------------------------------------- voided, pulled since


@pytest.fixture
def fresh_store(hub_url):
    store = Store(hub_url)
    store.create_tables()
    yield store
    store.engine.dispose()


def _column(store: Store, name: str) -> dict:
    s = storage.statements
    with store.engine.connect() as conn:
        return dict(conn.execute(storage.select(s.c.id, s.c[name])).all())


def _pulled(store: Store, since_us: int) -> list[str]:
    """What a kiosk's pull since `since_us` gets, checked against the probe per row."""
    rows, _ = store.query(StatementQuery(since_us=since_us, ascending=True), limit=100)
    hashed_at_most = storage._HASHED_AT_MOST
    storage._HASHED_AT_MOST = 0  # the voided check as a probe per row, for the same query
    try:
        assert store.query(StatementQuery(since_us=since_us, ascending=True), limit=100)[0] == rows
    finally:
        storage._HASHED_AT_MOST = hashed_at_most
    return _ids(rows)


def test_a_pull_leaves_out_a_statement_voided_before_it_was_stored(fresh_store):
    """A voiding statement may reach the hub before its target. A pull since a moment between
    the two gets the target, and must know it is voided: the voiding statement is stored
    *ahead* of it (`voids_ahead`), which the pull's voided check reads whatever its `since`."""
    late, alone = _statement(1), _statement(2)
    early_void = _void(late["id"])
    fresh_store.save([early_void], authority=AUTHORITY, device="kiosk-1")
    fresh_store.save([late], authority=AUTHORITY, device="kiosk-1")
    # Its target held already, or sent in the same batch: not ahead.
    fresh_store.save([alone], authority=AUTHORITY, device="kiosk-1")
    after_void, with_target = _void(alone["id"]), _statement(3)
    fresh_store.save([after_void], authority=AUTHORITY, device="kiosk-1")
    together = _void(with_target["id"])
    fresh_store.save([together, with_target], authority=AUTHORITY, device="kiosk-1")

    flags = _column(fresh_store, "voids_ahead")
    assert flags == {
        early_void["id"]: True,
        after_void["id"]: False,
        together["id"]: False,
        **{st["id"]: None for st in (late, alone, with_target)},
    }
    stored = _column(fresh_store, "stored_us")
    assert stored[early_void["id"]] < stored[late["id"]]
    assert _pulled(fresh_store, stored[early_void["id"]]) == [after_void["id"], together["id"]]
    assert _pulled(fresh_store, 0) == [early_void["id"], after_void["id"], together["id"]]


@pytest.fixture
def pg_store(pg_database):
    yield from _analysed_pg(pg_database, 0, 1)


def _another_process(store: Store) -> Store:
    """A second Store on the same database: another hub process, as far as PostgreSQL knows."""
    return Store(store.engine.url.render_as_string(hide_password=False))


def _committed_meanwhile(monkeypatch, store: Store, other: Store, batch: list[dict], *, after: str) -> None:
    """Make another process commit `batch` just after `store`'s next write transaction ran its
    step `after` (a method of Store): a race between two hub processes, on cue."""
    step = getattr(store, after)
    calls = []

    def then_the_other(*args):
        result = step(*args)
        if not calls:
            calls.append(1)
            other.save(batch, authority=AUTHORITY, device="kiosk-1")
        return result

    monkeypatch.setattr(store, after, then_the_other)


def test_a_voiding_statement_whose_target_another_process_stores_meanwhile_is_ahead(pg_store, monkeypatch):
    """The target, committed by another process after this transaction's `stored` time was
    taken, has a later `stored`: the voiding statement is ahead of it, though it sees it."""
    other = _another_process(pg_store)
    target = _statement(1)
    void = _void(target["id"])
    # Just after this transaction took its `stored` time, before it looks for the target.
    _committed_meanwhile(monkeypatch, pg_store, other, [target], after="_stored_time")
    pg_store.save([void], authority=AUTHORITY, device="kiosk-1")
    stored = _column(pg_store, "stored_us")
    assert stored[void["id"]] < stored[target["id"]]
    assert _column(pg_store, "voids_ahead")[void["id"]] is True
    assert _pulled(pg_store, stored[void["id"]]) == []
    other.engine.dispose()


def test_a_target_sent_with_its_voiding_statement_but_stored_by_another_process_first(pg_store, monkeypatch):
    """A kiosk's batch holds a statement and the statement voiding it, and another process
    stores that statement (a retry of an earlier batch) in the meantime, with a later
    `stored`: this transaction must not take it for its own (not ahead). It tries again,
    and then sees it stored, earlier than itself."""
    other = _another_process(pg_store)
    target = _statement(1)
    void = _void(target["id"])
    # After this transaction found the target not held, before it inserts the batch.
    _committed_meanwhile(monkeypatch, pg_store, other, [target], after="_check_voiding_owner")
    pg_store.save([void, target], authority=AUTHORITY, device="kiosk-1")
    stored = _column(pg_store, "stored_us")
    assert stored[void["id"]] > stored[target["id"]]  # tried again, after the other's commit
    assert _column(pg_store, "voids_ahead")[void["id"]] is False
    for since in (stored[void["id"]], stored[void["id"]] - 1, stored[target["id"]] - 1):
        assert target["id"] not in _pulled(pg_store, since)
    other.engine.dispose()
