"""The FERPA audit log: who looked at, exported or changed which student records, and when.

    >>> record(db, "t-tanaka", "view_history", subject="s-260011")
    >>> entries(db, "a-whitfield", since="2026-09-01")     # administrators (and the CLI) only
    >>> verify(db)                                          # [] while no row was touched

Rows are hash-chained: each holds the SHA-256 of its own content and of the row before, and
the store keeps the chain's head (count, last id, last hash), so `verify` finds a row that
was edited, deleted or moved. The chain is tamper-evident, not tamper-proof: someone who can
write the file can rebuild the whole chain; the copy at the district is what makes that show.

The core functions that show or export student records write their row themselves, in the
same call (records.records, student_history, export_records, compliance.compliance /
export_json, classgrid.class_grid; the PDFs through reports.exports): a screen or a command
cannot forget it. `detail` is JSON of what was asked for (filters, format, row
counts), never a student's name; `subject` is a sourcedId (a student or a class).

Each row also goes to the outbox, in the same transaction, as an xAPI statement of its own
(`xapi.audit_statement`: sourcedIds, the row's hash and the hash before it, no names), so the
district holds a copy that erasing the kiosk's log does not erase.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

from . import access, xapi
from .errors import NotAllowed
from .store import Store, get_setting, now, set_setting, transaction

if TYPE_CHECKING:
    from .access import Actor

VIEW_RECORDS = "view_records"
VIEW_HISTORY = "view_history"
EXPORT_RECORDS = "export_records"
VIEW_COMPLIANCE = "view_compliance"
EXPORT_COMPLIANCE = "export_compliance"
EXPORT_CERTIFICATE = "export_certificate"
EXPORT_FAMILY_SHEET = "export_family_sheet"  # no student data: which module, which language
EXPORT_DISCUSSION = "export_discussion"  # the same: which module, which language
VIEW_CLASS = "view_class"
RESET_CODE = "reset_code"
SET_EXIT_CODE = "set_exit_code"
IMPORT_ROSTER = "import_roster"
RESTORE = "restore"
CLASS_CODES = "class_codes"
ASSIGN = "assign"
UNASSIGN = "unassign"
CLOSE_YEAR = "close_year"
#: A setting the district manages (core.managed_settings) took a new value at this kiosk:
#: detail {"setting", "value"}; for the exit code {"setting": "exit-code"} only (never its hash).
DISTRICT_SETTING = "district_setting"
ACTIONS = (
    VIEW_RECORDS,
    VIEW_HISTORY,
    EXPORT_RECORDS,
    VIEW_COMPLIANCE,
    EXPORT_COMPLIANCE,
    EXPORT_CERTIFICATE,
    EXPORT_FAMILY_SHEET,
    EXPORT_DISCUSSION,
    VIEW_CLASS,
    RESET_CODE,
    CLASS_CODES,
    ASSIGN,
    UNASSIGN,
    SET_EXIT_CODE,
    IMPORT_ROSTER,
    RESTORE,
    CLOSE_YEAR,
    DISTRICT_SETTING,
)
HEAD_SETTING = "audit_head"  # "count last_id last_hash" of the chain
QUEUED_SETTING = "audit_queued"  # set once every row (from before rows were queued) is queued
GENESIS = "0" * 64

CLI_ACTOR = "cli"
#: The actor of what the district hub changed at this kiosk (its settings, applied by a sync
#: round): no person acted, so its statement's actor is the machine's own account, as the CLI's.
DISTRICT_ACTOR = "district-hub"
_MACHINE_ACTORS = (CLI_ACTOR, DISTRICT_ACTOR)
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


def actor_id(actor: Actor) -> str:
    """The sourcedId written for an actor; "cli" for the command line (SYSTEM)."""
    return CLI_ACTOR if actor is access.SYSTEM else str(actor)


def row_hash(
    prev: str, id_: int, at: str, actor: str, action: str, subject: str | None, detail: str | None
) -> str:
    """The SHA-256 a row holds: of the hash before it and of everything in the row."""
    text = json.dumps(
        [prev, id_, at, actor, action, subject, detail], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record(
    db: Store, actor: Actor, action: str, subject: str | None = None, detail: dict | str | None = None
) -> None:
    """Write one audit row now, chained to the one before. `detail` (a dict is stored as
    JSON) must hold no student names. Call it *before* the data leaves: it raises (e.g. the
    database is locked) and then the action must not happen."""
    if isinstance(detail, dict):
        detail = json.dumps(detail, sort_keys=True, ensure_ascii=False)
    with transaction(db):
        _seal_unchained(db)
        _queue_earlier(db)
        last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        prev = last[1] if last else GENESIS
        id_ = (last[0] if last else 0) + 1
        at, who = now(), actor_id(actor)
        digest = row_hash(prev, id_, at, who, action, subject, detail)
        db.execute(
            "INSERT INTO audit_log (id, at, actor, action, subject, detail, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [id_, at, who, action, subject, detail, prev, digest],
        )
        count = int((get_setting(db, HEAD_SETTING) or "0").split()[0]) + 1
        set_setting(db, HEAD_SETTING, f"{count} {id_} {digest}")
        _queue(db, id_, at, who, action, subject, detail, prev, digest, who in _MACHINE_ACTORS)


def _queue_earlier(db: Store) -> None:
    """Queue, once, the rows written before each row went to the outbox (an earlier version)."""
    if get_setting(db, QUEUED_SETTING):
        return
    for id_, at, who, action, subject, detail, prev, digest in db.execute(
        "SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY id"
    ).fetchall():
        _queue(db, id_, at, who, action, subject, detail, prev, digest, who in _MACHINE_ACTORS)
    set_setting(db, QUEUED_SETTING, "1")


def _queue(
    db: Store,
    id_: int,
    at: str,
    who: str,
    action: str,
    subject: str | None,
    detail: str | None,
    prev: str,
    digest: str,
    cli_actor: bool,
) -> None:
    """The row's statement into the outbox (within `record`'s transaction)."""
    from .progress import machine_name

    statement = xapi.audit_statement(
        machine=machine_name(db),
        sis_home_page=get_setting(db, "sis_home_page", xapi.DEFAULT_SIS_HOME_PAGE),
        row_id=id_,
        at=at,
        actor_id=who,
        action=action,
        subject=subject,
        detail=detail,
        prev_hash=prev,
        digest=digest,
        cli_actor=cli_actor,
    )
    db.execute(
        "INSERT INTO outbox (id, kind, record_id, statement, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        [statement["id"], "audit", str(id_), json.dumps(statement, ensure_ascii=False), at],
    )


def _seal_unchained(db: Store) -> None:
    """Chain rows written before the log was chained (schema 5), once, in id order."""
    if db.execute("SELECT 1 FROM audit_log WHERE hash IS NULL LIMIT 1").fetchone() is None:
        return
    prev, count, id_ = GENESIS, 0, 0
    for id_, at, who, action, subject, detail in db.execute(
        "SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id"
    ).fetchall():
        digest = row_hash(prev, id_, at, who, action, subject, detail)
        db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [prev, digest, id_])
        prev, count = digest, count + 1
    set_setting(db, HEAD_SETTING, f"{count} {id_} {prev}")


@dataclass(frozen=True)
class Problem:
    """Something wrong in the chain: `code` is edited, missing-before, out-of-order,
    missing-at-end or added-at-end; `id` the row where it shows (None: the end)."""

    code: str
    id: int | None
    detail: str = ""

    def to_json(self) -> dict:
        return asdict(self)


def verify(db: Store) -> list[Problem]:
    """Check the whole chain; [] when no row was edited, deleted, moved or added outside
    `record`. Each problem says where (the row id)."""
    with transaction(db):
        _seal_unchained(db)
    problems: list[Problem] = []
    rows = db.execute(
        "SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY id"
    ).fetchall()
    by_hash = {r[7]: r[0] for r in rows}
    prev, last_at = GENESIS, ""
    for id_, at, who, action, subject, detail, prev_hash, digest in rows:
        if row_hash(prev_hash or "", id_, at, who, action, subject, detail) != digest:
            problems.append(Problem("edited", id_, "the row does not match its own hash"))
        elif prev_hash != prev:
            if prev_hash in by_hash and by_hash[prev_hash] != id_:
                problems.append(Problem("out-of-order", id_, f"it follows row {by_hash[prev_hash]}"))
            else:
                problems.append(Problem("missing-before", id_, "a row before it was deleted"))
        elif at < last_at:
            problems.append(Problem("out-of-order", id_, "it is older than the row before"))
        prev, last_at = digest or "", max(last_at, at)
    head = (get_setting(db, HEAD_SETTING) or "").split()
    if head:
        count, last_id, last_hash = int(head[0]), int(head[1]), head[2]
        newest = rows[-1][0] if rows else 0
        if newest < last_id or (count and not rows):
            problems.append(
                Problem("missing-at-end", None, f"rows after row {newest} up to row {last_id} deleted")
            )
        elif newest > last_id:
            problems.append(Problem("added-at-end", newest, "rows written outside the audit log's code"))
        elif rows[-1][7] != last_hash and not problems:
            problems.append(Problem("edited", newest, "the last row does not match the chain's head"))
    return problems


def entries(
    db: Store, actor_reading: Actor, since: str | None = None, limit: int | None = DEFAULT_LIMIT
) -> list[Entry]:
    """The log, newest first; `since` (YYYY-MM-DD or an ISO time) keeps entries at or after it.

    Only an administrator (or the CLI) may read it: PermissionError for anyone else.
    """
    if access.role(db, actor_reading) != access.ADMINISTRATOR:
        raise NotAllowed("audit-needs-administrator")
    sql = "SELECT id, at, actor, action, subject, detail FROM audit_log"
    params: list[str | int] = []
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


# -- the log as sentences (the admin screen) -------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One entry as the admin screen says it: `code` (the action, or a variant of it, e.g.
    "view_records_all" when no school or class was picked) and the `params` its words need:
    `who` (a staff member's name, "" for the command line), `school`, `class_`, `student`
    (the roster identifier, never a name), `module`, `n`, `file`, `year`. `at` is ISO time."""

    id: int
    at: str
    code: str
    params: dict


#: The codes `sentences` returns (ui/admin.py words every one; the translation test checks).
SENTENCE_CODES = (
    "view_records",
    "view_records_all",
    "view_history",
    "export_records",
    "export_records_all",
    "view_compliance",
    "export_compliance",
    "export_certificate",
    "export_family_sheet",
    "export_discussion",
    "view_class",
    "reset_code",
    "class_codes_printer",
    "class_codes_file",
    "assign",
    "assign_due",
    "unassign",
    "set_exit_code",
    "import_roster",
    "restore",
    "district_setting",
    "district_exit_code",
    "other",
)


def sentences(
    db: Store,
    actor_reading: Actor,
    titles: dict[str, str] | None = None,
    *,
    since: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> list[Sentence]:
    """`entries` (same permission and arguments) as codes with parameters for a sentence each:
    names of staff, schools and classes looked up, modules by `titles` (id -> title)."""
    found = entries(db, actor_reading, since=since, limit=limit)
    names = _lookup(
        db, "SELECT sourced_id, given_name || ' ' || family_name FROM people WHERE role != 'student'"
    )
    students = _lookup(db, "SELECT sourced_id, COALESCE(NULLIF(identifier, ''), sourced_id) FROM people")
    schools = _lookup(db, "SELECT sourced_id, name FROM orgs")
    classes = _lookup(db, "SELECT sourced_id, title FROM classes")
    titles = titles or {}
    out = []
    for e in found:
        d = e.detail if isinstance(e.detail, dict) else {}
        flt = d.get("filter") or d
        scope = classes.get(flt.get("class_id"), "") or schools.get(flt.get("school_id"), "")
        params: dict = {"who": "" if e.actor == CLI_ACTOR else names.get(e.actor, e.actor)}
        code = e.action
        if e.action in (VIEW_RECORDS, EXPORT_RECORDS):
            params.update(scope=scope, n=d.get("rows", 0), format=d.get("format", ""))
            code += "" if scope else "_all"
        elif e.action in (VIEW_HISTORY, EXPORT_CERTIFICATE, RESET_CODE):
            params["student"] = students.get(e.subject, e.subject or "")
        elif e.action in (VIEW_COMPLIANCE, EXPORT_COMPLIANCE):
            year = str(d.get("school_year", ""))
            params.update(
                year=f"{int(year) - 1}-{year}" if year.isdigit() else year,
                school=", ".join(schools.get(s, s) for s in d.get("schools", [])),
                n=d.get("students", 0),
            )
        elif e.action in (VIEW_CLASS, CLASS_CODES, ASSIGN, UNASSIGN):
            params.update(class_=classes.get(e.subject, e.subject or ""), n=d.get("students", 0))
            if e.action == CLASS_CODES:
                code += "_file" if d.get("to") and d.get("to") != "printer" else "_printer"
                params["file"] = d.get("to") or ""
            if e.action in (ASSIGN, UNASSIGN):
                module_id = str(d.get("module") or "")
                params["module"] = titles.get(module_id, module_id)
                params["due"] = d.get("due") or ""
                code += "_due" if e.action == ASSIGN and d.get("due") else ""
        elif e.action in (EXPORT_FAMILY_SHEET, EXPORT_DISCUSSION):
            module_id = str(d.get("module") or "")
            params.update(module=titles.get(module_id, module_id), language=d.get("language", ""))
        elif e.action == IMPORT_ROSTER:
            params.update(file=d.get("file", ""), n=(d.get("imported") or {}).get("users", 0))
        elif e.action == RESTORE:
            params["file"] = d.get("backup", "")
        elif e.action == DISTRICT_SETTING:
            params.update(setting=str(d.get("setting", "")), value=str(d.get("value", "")))
            code = "district_exit_code" if params["setting"] == "exit-code" else code
        elif e.action != SET_EXIT_CODE:
            code, params["action"] = "other", e.action
        out.append(Sentence(e.id, e.at, code, params))
    return out


def _lookup(db: Store, sql: str) -> dict:
    return dict(db.execute(sql).fetchall())
