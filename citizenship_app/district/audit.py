"""The hub's audit log: a row written before a district report leaves the hub or a year closes.

    record(store, "export_compliance", {"school_year": "2027", "format": "pdf"})   # raises: refuse
    entries(store)      # oldest first
    verify(store)       # [] while no row was edited, deleted or moved

Rows are hash-chained as the kiosk's are (core/audit.py): each holds the SHA-256 of the row
before and of its own content, computed the same way (`row_hash`; a test pins it to the
kiosk's), so a deleted, edited or reordered row shows. The hub may not import core.audit (it
holds the kiosk's store), hence the copy of its few lines. `actor` is the OS user running the
command ("cli" when there is none); `detail` is JSON of what was asked for, never a name.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import select, text

from .storage import Store, hub_audit

EXPORT_COMPLIANCE = "export_compliance"
CLOSE_YEAR = "close_year"
GENESIS = "0" * 64
CLI_ACTOR = "cli"
# Serialises appends across hub processes on PostgreSQL (SQLite: the write lock does).
_AUDIT_LOCK = 0x43_4B_41_55


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    actor: str
    action: str
    detail: dict | None
    hash: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Problem:
    code: str  # "edited", "missing-before" or "out-of-order"
    seq: int
    message: str


def row_hash(
    prev: str, id_: int, at: str, actor: str, action: str, subject: str | None, detail: str | None
) -> str:
    """The SHA-256 a row holds: of the hash before it and of everything in the row (as core.audit)."""
    text_ = json.dumps(
        [prev, id_, at, actor, action, subject, detail], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def os_actor() -> str:
    """Who runs the command: the OS user, or "cli" when the system cannot say."""
    try:
        return getpass.getuser() or CLI_ACTOR
    except (OSError, KeyError):  # no login name, no passwd entry (a container)
        return CLI_ACTOR


def record(store: Store, action: str, detail: dict, actor: str | None = None) -> Entry:
    """Append one row, chained to the last. Call it *before* the action: it raises (the
    database is read-only, locked or gone) and then the action must not happen."""
    body = json.dumps(detail, sort_keys=True, ensure_ascii=False)
    who = actor or os_actor()
    with store.transaction() as conn:
        if store.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _AUDIT_LOCK})
        last = conn.execute(
            select(hub_audit.c.seq, hub_audit.c.hash).order_by(hub_audit.c.seq.desc())
        ).first()
        seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
        at = datetime.now(UTC).isoformat(timespec="microseconds")
        digest = row_hash(prev, seq, at, who, action, None, body)
        conn.execute(
            hub_audit.insert().values(
                seq=seq, at=at, actor=who, action=action, detail=body, prev_hash=prev, hash=digest
            )
        )
    return Entry(seq, at, who, action, detail, digest)


def _rows(store: Store) -> list:
    with store.engine.connect() as conn:
        return list(conn.execute(select(hub_audit).order_by(hub_audit.c.seq)))


def entries(store: Store) -> list[Entry]:
    """Every row, oldest first."""
    return [
        Entry(r.seq, r.at, r.actor, r.action, json.loads(r.detail) if r.detail else None, r.hash)
        for r in _rows(store)
    ]


def verify(store: Store) -> list[Problem]:
    """[] when the chain holds; else, per row, what is wrong with it (a deleted last row does
    not show: the hub keeps no head outside the table)."""
    rows = _rows(store)
    by_hash = {r.hash: r.seq for r in rows}
    problems, prev = [], GENESIS
    for r in rows:
        if row_hash(r.prev_hash, r.seq, r.at, r.actor, r.action, None, r.detail) != r.hash:
            problems.append(Problem("edited", r.seq, "the row does not match its own hash"))
        elif r.prev_hash != prev:
            if r.prev_hash in by_hash:
                problems.append(Problem("out-of-order", r.seq, f"it follows row {by_hash[r.prev_hash]}"))
            else:
                problems.append(Problem("missing-before", r.seq, "a row before it was deleted"))
        prev = r.hash
    return problems
