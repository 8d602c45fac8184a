"""The district roster at the hub: the kiosk's OneRoster importer writing into the hub's tables.

    result = import_roster(store, "exports/roster.zip")   # core.roster.ImportResult
    store.school_exists("school-1"), store.people_at_school(["stu-1"], "school-1")

Reading and checking are core.roster's (`import_into`), so an import at the hub has the same
guarantees and the same result as at a kiosk: every error located, all or nothing (one
transaction), the same `--json` shape. Only the writing differs (`HubTarget`, SQLAlchemy Core,
SQLite or PostgreSQL). The hub makes no backup before removals (a removed row is only marked
`tobedeleted`, and the database's backups are the district's); each import is recorded in
`roster_imports`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.engine import Connection

from ..core.roster import COLUMNS, FILES, ImportResult, RosterState, import_into
from . import oneroster
from .storage import ROSTER_TABLES, Store, now_us, roster_classes, roster_enrollments, roster_imports

# Serialises roster imports across hub processes on PostgreSQL (SQLite: the write lock does).
_ROSTER_LOCK = 0x43_4B_44_52


def import_roster(store: Store, path, *, dry_run: bool = False, allow_removals: bool = False) -> ImportResult:
    """Import the OneRoster folder or zip at `path` into the hub's database."""
    return import_into(HubTarget(store), path, dry_run=dry_run, allow_removals=allow_removals)


class HubTarget:
    """The hub's roster tables as a core.roster.RosterTarget."""

    def __init__(self, store: Store):
        self.store = store
        self._conn: Connection | None = None
        self._wrote = False

    @property
    def conn(self) -> Connection:
        """The import's transaction (only inside `transaction()`)."""
        assert self._conn is not None, "used outside transaction()"
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.store.transaction() as conn:
            if self.store.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ROSTER_LOCK})
            self._conn, self._wrote = conn, False
            try:
                yield conn
                if self._wrote:  # what the OneRoster endpoints serve as changed, in the same transaction
                    oneroster.refresh(conn)
            finally:
                self._conn = None

    def load_state(self) -> RosterState:
        conn = self.conn
        ids = {}
        for name in FILES:
            t = ROSTER_TABLES[name]
            ids[name] = set(conn.execute(select(t.c.sourced_id).where(t.c.status == "active")).scalars())
        orgs = ROSTER_TABLES["orgs"]
        schools = set(
            conn.execute(
                select(orgs.c.sourced_id).where(orgs.c.status == "active", orgs.c.type == "school")
            ).scalars()
        )
        courses, people = ROSTER_TABLES["courses"], ROSTER_TABLES["users"]
        grades = {r[0]: r[1] for r in conn.execute(select(courses.c.sourced_id, courses.c.grades))}
        usernames = {
            r[0]: r[1]
            for r in conn.execute(
                select(func.lower(people.c.username), people.c.sourced_id).where(
                    people.c.status == "active", people.c.username.is_not(None)
                )
            )
        }
        class_schools = {
            r[0]: r[1] for r in conn.execute(select(roster_classes.c.sourced_id, roster_classes.c.school_id))
        }
        return RosterState(ids, schools, grades, usernames, class_schools)

    def demo_ids(self) -> None:
        return None  # the hub never holds the kiosk's demo school

    def backup(self) -> Path | None:
        return None  # see the module docstring

    def record_import(self, detail: dict) -> None:
        self.conn.execute(roster_imports.insert().values(imported_us=now_us(), detail=json.dumps(detail)))

    def upsert(self, name: str, rows: list[dict]) -> None:
        self._wrote = True
        table = ROSTER_TABLES[name]
        insert = self.store._insert(table)
        updates = {c: insert.excluded[c] for c in [*COLUMNS[name], "status"]}
        rows = [{**row, "status": "active"} for row in rows]
        self.conn.execute(insert.on_conflict_do_update(index_elements=["sourced_id"], set_=updates), rows)

    def mark_counselors(self, ids: set[str]) -> None:
        self._wrote = True
        people = ROSTER_TABLES["users"]
        self.conn.execute(
            people.update().where(people.c.sourced_id == bindparam("sid")).values(is_counselor=1),
            [{"sid": i} for i in ids],
        )

    def remove(self, name: str, ids: set[str]) -> None:
        self._wrote = True
        params = [{"sid": i} for i in ids]
        if name in ("users", "classes"):
            e = roster_enrollments
            column = e.c.person_id if name == "users" else e.c.class_id
            self.conn.execute(
                e.update().where(column == bindparam("sid")).values(status="tobedeleted"), params
            )
        table = ROSTER_TABLES[name]
        values = {"status": "tobedeleted", **({"enabled": 0} if name == "users" else {})}
        self.conn.execute(
            table.update().where(table.c.sourced_id == bindparam("sid")).values(**values), params
        )
