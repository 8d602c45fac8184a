"""The hub's roster as OneRoster 1.1 REST rostering objects: JSON, filter, sort and paging.

    objects = collection(store, "users", school="org-a")      # [{"sourcedId", "status", ...}]
    page, total = select(objects, Query.parse(params))        # filtered, sorted, one page

The objects are the OneRoster 1.1 JSON binding's (orgs, academicSessions, courses, classes,
users, enrollments; references as {"href", "sourcedId", "type"}). `dateLastModified` is when
the row last changed at the hub: each import (district/roster.py) calls `refresh` in its own
transaction, which compares a digest of every row with the last one (`roster_modified`) and
keeps each person's membership of each school (`roster_members`: their orgs, or an active
enrollment in one of its classes). A school's users are its members; one who left it (moved,
or removed) is listed `tobedeleted` from then on, so a kiosk pulling that school's changes
since its last pull (`filter=dateLastModified>'…'`) drops them. Courses, classes and
enrollments are placed the same way (`roster_placements`: a class's school, an enrollment's,
a course's org and the schools of its classes): a class moved to another school is
`tobedeleted` for the one it left (its enrollments there too, when they moved with it), and
new, with its course, at the one it joined.

Filtering, sorting and paging work on the school's (or the district's) objects in memory: a
school is a few thousand rows; the district-wide collections are for IT's tools.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, Table, bindparam, case, func
from sqlalchemy import select as sql_select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from .statements import format_us
from .storage import (
    PLACED,
    ROSTER_TABLES,
    Store,
    now_us,
    placements,
    roster_members,
    roster_modified,
    roster_placements,
)

PATH = "/ims/oneroster/v1p1"
DEFAULT_LIMIT = 100  # the spec's default page
MAX_LIMIT = 10_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
COLLECTIONS = ("orgs", "academicSessions", "courses", "classes", "users", "enrollments")
#: The metadata key that marks a counselor (OneRoster 1.1 has no counselor role; 1.2 does).
COUNSELOR = "citizenship-kiosk.counselor"
# 1.1 roles of users in the /students and /teachers collections
ROLE_COLLECTIONS = {"students": "student", "teachers": "teacher"}


class BadQuery(ValueError):
    """A filter, sort or paging parameter the spec's grammar does not allow (HTTP 400)."""


# --------------------------------------------------------------------------- change tracking


def refresh(conn: Connection) -> None:
    """Inside an import's transaction: stamp each changed roster row, and each changed school
    membership, with the time now (see the module's docstring)."""
    stamp = now_us()
    for kind, table in ROSTER_TABLES.items():
        held = {
            r.sourced_id: r.digest
            for r in conn.execute(
                sql_select(roster_modified.c.sourced_id, roster_modified.c.digest).where(
                    roster_modified.c.kind == kind
                )
            )
        }
        new, changed = [], []
        for row in conn.execute(sql_select(table)).mappings():
            digest = hashlib.sha256(json.dumps(list(row.values()), default=str).encode()).hexdigest()[:32]
            sid = row["sourced_id"]
            if sid not in held:
                new.append({"kind": kind, "sourced_id": sid, "digest": digest, "modified_us": stamp})
            elif held[sid] != digest:
                changed.append({"k": kind, "sid": sid, "digest": digest, "modified_us": stamp})
        if new:
            conn.execute(roster_modified.insert(), new)
        if changed:
            m = roster_modified
            conn.execute(
                m.update()
                .where(m.c.kind == bindparam("k"), m.c.sourced_id == bindparam("sid"))
                .values(digest=bindparam("digest"), modified_us=bindparam("modified_us")),
                changed,
            )
    _refresh_members(conn, stamp)
    _refresh_placements(conn, stamp)


def _memberships(conn: Connection) -> set[tuple[str, str]]:
    """(school, person) for every active person: the schools among their orgs, and the schools
    of the classes they are actively enrolled in."""
    orgs, people, enrollments = ROSTER_TABLES["orgs"], ROSTER_TABLES["users"], ROSTER_TABLES["enrollments"]
    schools = set(
        conn.execute(sql_select(orgs.c.sourced_id).where(orgs.c.type == "school", orgs.c.status == "active"))
        .scalars()
        .all()
    )
    active: set[str] = set()
    found: set[tuple[str, str]] = set()
    for sid, org_ids in conn.execute(
        sql_select(people.c.sourced_id, people.c.org_ids).where(people.c.status == "active")
    ):
        active.add(sid)
        found.update((org, sid) for org in (org_ids or "").split(",") if org in schools)
    for person, school in conn.execute(
        sql_select(enrollments.c.person_id, enrollments.c.school_id).where(enrollments.c.status == "active")
    ):
        if person in active and school in schools:
            found.add((school, person))
    return found


def _refresh_members(conn: Connection, stamp: int) -> None:
    _refresh_status(conn, roster_members, ("school_id", "person_id"), _memberships(conn), stamp)


def _refresh_placements(conn: Connection, stamp: int) -> None:
    _refresh_status(conn, roster_placements, ("kind", "school_id", "sourced_id"), placements(conn), stamp)


def _refresh_status(
    conn: Connection, table: Table, key: tuple[str, ...], now: set[tuple], stamp: int
) -> None:
    """Bring `table` (rows keyed by the columns `key`, with a status and `modified_us`) to `now`,
    the keys the roster holds today: new keys active, keys that left `tobedeleted`, keys that
    came back active again, each stamped when it changed; unchanged rows keep their stamp."""
    held = {tuple(getattr(r, c) for c in key): r.status for r in conn.execute(sql_select(table))}
    new = [
        {**dict(zip(key, k, strict=True)), "status": "active", "modified_us": stamp}
        for k in now - held.keys()
    ]
    flips = [
        {
            **{f"k_{c}": v for c, v in zip(key, k, strict=True)},
            "status": "active" if k in now else "tobedeleted",
        }
        for k, status in held.items()
        if (status == "active") != (k in now)
    ]
    if new:
        conn.execute(table.insert(), new)
    if flips:
        conn.execute(
            table.update()
            .where(*(table.c[c] == bindparam(f"k_{c}") for c in key))
            .values(status=bindparam("status"), modified_us=stamp),
            flips,
        )


# --------------------------------------------------------------------------- the objects


def _ref(kind: str, sid: str | None, path: str | None = None) -> dict | None:
    if not sid:
        return None
    return {"href": f"{PATH}/{path or kind + 's'}/{sid}", "sourcedId": sid, "type": kind}


def _list(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]


def _clean(obj: dict) -> dict:
    """Leave out what the roster does not hold (the binding's optional fields)."""
    return {k: v for k, v in obj.items() if v is not None}


def _org(r, children: dict[str, list[str]]) -> dict:
    return {
        "name": r.name,
        "type": r.type,
        "identifier": r.identifier,
        "parent": _ref("org", r.parent_id),
        "children": [_ref("org", c) for c in children.get(r.sourced_id, [])],
    }


def _session(r, children: dict[str, list[str]]) -> dict:
    return {
        "title": r.title,
        "type": r.type,
        "startDate": r.start_date,
        "endDate": r.end_date,
        "parent": _ref("academicSession", r.parent_id),
        "children": [_ref("academicSession", c) for c in children.get(r.sourced_id, [])],
        "schoolYear": r.school_year,
    }


def _course(r, _children) -> dict:
    return {
        "title": r.title,
        "schoolYear": _ref("academicSession", r.school_year_id),
        "courseCode": r.course_code,
        "grades": _list(r.grades),
        "org": _ref("org", r.org_id),
    }


def _class(r, _children) -> dict:
    return {
        "title": r.title,
        "classCode": r.class_code,
        "classType": r.class_type,
        "grades": _list(r.grades),
        "course": _ref("course", r.course_id),
        "school": _ref("org", r.school_id, "schools"),
        "terms": [_ref("academicSession", t) for t in _list(r.term_ids)],
    }


def _user(r, _children) -> dict:
    user = {
        "username": r.username,
        "userIds": [],
        "enabledUser": "true" if r.enabled else "false",
        "givenName": r.given_name,
        "familyName": r.family_name,
        "role": r.role,
        "identifier": r.identifier,
        "email": r.email,
        "agents": [],
        "orgs": [_ref("org", o) for o in _list(r.org_ids)],
        "grades": [r.grade] if r.grade else [],
    }
    if r.is_counselor:
        user["metadata"] = {COUNSELOR: True}
    return user


def _enrollment(r, _children) -> dict:
    return {
        "user": _ref("user", r.person_id),
        "class": _ref("class", r.class_id, "classes"),
        "school": _ref("org", r.school_id, "schools"),
        "role": r.role,
        "primary": "true" if r.is_primary else "false",
        "beginDate": r.begin_date,
        "endDate": r.end_date,
    }


_SHAPES: dict[str, Callable] = {
    "orgs": _org,
    "academicSessions": _session,
    "courses": _course,
    "classes": _class,
    "users": _user,
    "enrollments": _enrollment,
}


def _query(kind: str, school: str | None, role: str | None) -> tuple[Select, ColumnElement]:
    """The collection's rows as SQL, and the expression of their dateLastModified (in µs)."""
    table = ROSTER_TABLES[kind]
    m, members = roster_modified, roster_members
    modified: ColumnElement = func.coalesce(m.c.modified_us, 0)
    query = sql_select(table, modified.label("modified_us")).outerjoin(
        m, (m.c.kind == kind) & (m.c.sourced_id == table.c.sourced_id)
    )
    if kind == "users" and school is not None:
        # as the school sees them: changed when they changed, or joined or left the school
        modified = case((modified > members.c.modified_us, modified), else_=members.c.modified_us)
        query = query.add_columns(
            members.c.status.label("member_status"), members.c.modified_us.label("member_us")
        ).join(members, (members.c.person_id == table.c.sourced_id) & (members.c.school_id == school))
    elif kind in PLACED and school is not None:
        # as the school sees them: changed when they changed, or came to or left the school
        p = roster_placements
        modified = case((modified > p.c.modified_us, modified), else_=p.c.modified_us)
        query = query.add_columns(p.c.status.label("member_status"), p.c.modified_us.label("member_us")).join(
            p, (p.c.kind == kind) & (p.c.sourced_id == table.c.sourced_id) & (p.c.school_id == school)
        )
    if role is not None:
        query = query.where(table.c.role == role)
    return query, modified


def _objects(kind: str, school: str | None, rows: Sequence) -> list[dict]:
    children: dict[str, list[str]] = {}
    if kind in ("orgs", "academicSessions"):
        for r in rows:
            if r.parent_id:
                children.setdefault(r.parent_id, []).append(r.sourced_id)
    shape = _SHAPES[kind]
    out = []
    for r in rows:
        status, modified = r.status, r.modified_us or 0
        if (kind == "users" or kind in PLACED) and school is not None:  # as the school sees them
            status = "active" if status == "active" and r.member_status == "active" else "tobedeleted"
            modified = max(modified, r.member_us)
        obj = {"sourcedId": r.sourced_id, "status": status, "dateLastModified": format_us(modified)}
        obj.update(shape(r, children))
        out.append(_clean(obj))
    return out


def collection(store: Store, kind: str, *, school: str | None = None, role: str | None = None) -> list[dict]:
    """Every object of one collection (a key of COLLECTIONS): the district's, or `school`'s
    (its courses, classes, members and enrollments; orgs and sessions are the district's)."""
    query, _modified = _query(kind, school, role)
    table = ROSTER_TABLES[kind]
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(table.c.sourced_id)).all()
    return _objects(kind, school, rows)


def page_of(
    store: Store, kind: str, query: Query, *, school: str | None = None, role: str | None = None
) -> tuple[list[dict], int]:
    """(one page, how many match) of a collection. A kiosk's round (`dateLastModified>'…'`,
    in sourcedId order) is answered by the database, page and count, so that asking what
    changed costs what changed; any other query filters the collection here."""
    since = query.since_us()
    if since is None or kind not in ("courses", "classes", "users", "enrollments"):
        return select(collection(store, kind, school=school, role=role), query)
    sql, modified = _query(kind, school, role)
    sql = sql.where(modified > since[0] if since[1] else modified >= since[0])
    table = ROSTER_TABLES[kind]
    with store.engine.connect() as conn:
        total = conn.execute(sql_select(func.count()).select_from(sql.subquery())).scalar_one()
        order = table.c.sourced_id.desc() if query.descending else table.c.sourced_id
        rows = conn.execute(sql.order_by(order).offset(query.offset).limit(query.limit)).all()
    page = _objects(kind, school, rows)
    if query.fields:
        page = [{k: v for k, v in o.items() if k in query.fields} for o in page]
    return page, total


# --------------------------------------------------------------------------- the query


_PREDICATE = re.compile(r"\s*([A-Za-z][A-Za-z0-9_.]*)\s*(!=|>=|<=|=|>|<|~)\s*'((?:[^']|'')*)'\s*")
_JOIN = re.compile(r"\s+(AND|OR)\s+")


@dataclass(frozen=True)
class Query:
    """The spec's query parameters: `filter`, `sort`/`orderBy`, `limit`/`offset`, `fields`."""

    predicates: tuple[tuple[str, str, str], ...] = ()
    any_of: bool = False  # joined with OR (else AND)
    sort: str = "sourcedId"
    descending: bool = False
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    fields: tuple[str, ...] = ()

    def since_us(self) -> tuple[int, bool] | None:
        """(µs, exclusive) when the filter is only `dateLastModified>'…'` (or `>=`) and the
        order is by sourcedId: what the database can answer alone."""
        if len(self.predicates) != 1 or self.sort != "sourcedId":
            return None
        field, op, value = self.predicates[0]
        if field != "dateLastModified" or op not in (">", ">="):
            return None
        at = _comparable(field, value)
        assert isinstance(at, datetime)
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
        return (at - EPOCH) // timedelta(microseconds=1), op == ">"

    @classmethod
    def parse(cls, params: dict[str, str]) -> Query:
        predicates, any_of = parse_filter(params.get("filter", ""))
        order = params.get("orderBy", "asc")
        if order not in ("asc", "desc"):
            raise BadQuery(f"orderBy is asc or desc, not {order!r}")
        return cls(
            predicates,
            any_of,
            params.get("sort") or "sourcedId",
            order == "desc",
            _number(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
            _number(params, "offset", 0, 0, 10**9),
            tuple(f for f in params.get("fields", "").split(",") if f.strip()),
        )


def _number(params: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    text = params.get(name)
    if text is None:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise BadQuery(f"{name} is a whole number from {low} to {high}, not {text!r}")
    return int(text)


def parse_filter(text: str) -> tuple[tuple[tuple[str, str, str], ...], bool]:
    """`field op 'value'` joined by AND or OR (one of them), e.g.
    `dateLastModified>'2026-12-01T00:00:00Z' AND role='student'`."""
    if not text.strip():
        return (), False
    parts = _JOIN.split(text)
    joins = set(parts[1::2])
    if len(joins) > 1:
        raise BadQuery("a filter joins its predicates with AND or with OR, not both")
    predicates = []
    for part in parts[0::2]:
        match = _PREDICATE.fullmatch(part)
        if match is None:
            raise BadQuery(
                f"{part.strip()!r} is not a filter predicate: use field=value with the value in single "
                "quotes (operators = != > >= < <= ~), e.g. status='active'"
            )
        field, op, value = match.groups()
        predicates.append((field, op, value.replace("''", "'")))
    return tuple(predicates), joins == {"OR"}


def _values(obj: dict, field: str) -> list:
    """The field's values in obj: `orgs.sourcedId` looks into a reference or a list of them."""
    values: list = [obj]
    for name in field.split("."):
        nxt: list = []
        for v in values:
            v = v.get(name) if isinstance(v, dict) else None
            nxt.extend(v if isinstance(v, list) else [v])
        values = nxt
    return [v for v in values if v is not None]


def _comparable(field: str, value) -> object:
    if field.endswith("dateLastModified") and isinstance(value, str):
        try:
            at = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return at if at.tzinfo else at.replace(tzinfo=UTC)  # no zone given: UTC, as the hub's own
        except ValueError:
            raise BadQuery(
                f"{value!r} is not a date and time (ISO 8601, e.g. 2026-12-01T00:00:00Z)"
            ) from None
    return str(value)


def _holds(obj: dict, field: str, op: str, wanted: str) -> bool:
    target = _comparable(field, wanted)
    for value in _values(obj, field):
        have = _comparable(field, value)
        if op == "~":
            if str(wanted).lower() in str(value).lower():
                return True
            continue
        try:
            if {
                "=": have == target,
                "!=": have != target,
                ">": have > target,  # type: ignore[operator]
                ">=": have >= target,  # type: ignore[operator]
                "<": have < target,  # type: ignore[operator]
                "<=": have <= target,  # type: ignore[operator]
            }[op]:
                return True
        except TypeError:
            raise BadQuery(f"{field} cannot be compared with {wanted!r}") from None
    return False


def select(objects: Iterable[dict], query: Query) -> tuple[list[dict], int]:
    """(one page of the objects that match, how many match in all)."""
    objects = list(objects)
    known = set().union(*(o.keys() for o in objects)) if objects else set()
    for field, _op, _value in query.predicates:
        if field.split(".")[0] not in known and objects:
            raise BadQuery(f"no field {field!r} to filter on in this collection")
    if query.predicates:
        combine = any if query.any_of else all
        objects = [o for o in objects if combine(_holds(o, f, op, v) for f, op, v in query.predicates)]
    if query.sort != "sourcedId" and query.sort in known:
        objects.sort(key=lambda o: str(o.get(query.sort, "")), reverse=query.descending)
    elif query.descending:
        objects.reverse()
    page = objects[query.offset : query.offset + query.limit]
    if query.fields:
        page = [{k: v for k, v in o.items() if k in query.fields} for o in page]
    return page, len(objects)


__all__ = [
    "COLLECTIONS",
    "COUNSELOR",
    "PATH",
    "BadQuery",
    "Query",
    "collection",
    "page_of",
    "refresh",
    "select",
]
