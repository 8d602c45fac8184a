"""The FERPA audit log: who looked at or exported which student records, and when.

    >>> record(db, "t-tanaka", "view_history", subject="s-260011")
    >>> entries(db, "a-whitfield", since="2026-09-01")     # administrators (and the CLI) only

The core functions that show or export student records write their row themselves, in the
same call (records.records, student_history, export_records, write_certificate,
compliance.compliance / export_json / write_pdf, classgrid.class_grid): a screen or a
command cannot forget it. `detail` is JSON of what was asked for (filters, format, row
counts), never a student's name; `subject` is a sourcedId (a student or a class).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

from . import access
from .store import now, transaction

VIEW_RECORDS = "view_records"
VIEW_HISTORY = "view_history"
EXPORT_RECORDS = "export_records"
VIEW_COMPLIANCE = "view_compliance"
EXPORT_COMPLIANCE = "export_compliance"
EXPORT_CERTIFICATE = "export_certificate"
VIEW_CLASS = "view_class"
ACTIONS = (VIEW_RECORDS, VIEW_HISTORY, EXPORT_RECORDS, VIEW_COMPLIANCE, EXPORT_COMPLIANCE,
           EXPORT_CERTIFICATE, VIEW_CLASS)

CLI_ACTOR = "cli"
DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    actor: str
    action: str
    subject: str | None
    detail: dict | None

    def to_json(self) -> dict:
        return asdict(self)


def actor_id(actor) -> str:
    """The sourcedId written for an actor; "cli" for the command line (SYSTEM)."""
    return CLI_ACTOR if actor is access.SYSTEM else str(actor)


def record(db, actor, action: str, subject: str | None = None, detail: dict | str | None = None) -> None:
    """Write one audit row now. `detail` (a dict is stored as JSON) must hold no student names."""
    if isinstance(detail, dict):
        detail = json.dumps(detail, sort_keys=True, ensure_ascii=False)
    with transaction(db):
        db.execute("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
                   [now(), actor_id(actor), action, subject, detail])


def entries(db, actor_reading, since: str | None = None, limit: int | None = DEFAULT_LIMIT) -> list[Entry]:
    """The log, newest first; `since` (YYYY-MM-DD or an ISO time) keeps entries at or after it.

    Only an administrator (or the CLI) may read it: PermissionError for anyone else.
    """
    if access.role(db, actor_reading) != access.ADMINISTRATOR:
        raise PermissionError("only an administrator may read the audit log")
    sql, params = "SELECT id, at, actor, action, subject, detail FROM audit_log", []
    if since:
        date.fromisoformat(since[:10])  # ValueError for a bad date
        sql += " WHERE at >= ?"
        params.append(since)
    sql += " ORDER BY at DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    out = []
    for id_, at, who, action, subject, detail in db.execute(sql, params):
        try:
            parsed = json.loads(detail) if detail else None
        except ValueError:
            parsed = {"text": detail}
        out.append(Entry(id_, at, who, action, subject, parsed))
    return out
