"""xAPI 1.0.3 statements for recorded events, built once and stored in the outbox.

The actor is an `account` (homePage = the district's SIS, name = the OneRoster sourcedId), so
no names, emails or answers ever leave the machine. A record of a school (a result, an
assignment) names its school, and its class where it has one, as `grouping` context activities:
`school_iri` (the SIS home page + "/orgs/" + the org's sourcedId: an id, never a name), which is
what a kiosk's pull asks the hub for (`activity=<school>&related_activities=true`). Statement
ids are UUIDv5 of the record they describe: the same record always yields the same id, so a
resend can never duplicate it.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

XAPI_VERSION = "1.0.3"
#: Namespace for statement ids; fixed forever so ids stay stable across versions of the app.
STATEMENT_NAMESPACE = uuid.UUID("5b0c6f52-4c2a-4f0e-9d7e-1c1f6a0f2b11")
ACTIVITY_BASE = "https://citizenship-kiosk.org/xapi/activities"
DEFAULT_SIS_HOME_PAGE = "https://sis.example.org"

VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "assigned": "http://activitystrea.ms/schema/1.0/assign",
    "voided": "http://adlnet.gov/expapi/verbs/voided",
}
MACHINE_EXTENSION = f"{ACTIVITY_BASE}/extensions/machine"
MODULE_TYPE = "http://adlnet.gov/expapi/activities/module"
CLASS_TYPE = "http://adlnet.gov/expapi/activities/course"
SCHOOL_TYPE = f"{ACTIVITY_BASE}/types/school"


def statement_id(kind: str, record_id: str) -> str:
    return str(uuid.uuid5(STATEMENT_NAMESPACE, f"{kind}:{record_id}"))


def completion_id(attempt_id: str) -> str:
    """The completion record's id: derived from its attempt, the same on every machine."""
    return str(uuid.uuid5(STATEMENT_NAMESPACE, f"completion:{attempt_id}"))


def module_iri(module_id: str) -> str:
    return f"{ACTIVITY_BASE}/module/{module_id}"


def class_iri(class_id: str) -> str:
    return f"{ACTIVITY_BASE}/class/{class_id}"


def school_iri(sis_home_page: str, school_id: str) -> str:
    """The school's activity id: its OneRoster org under the district's SIS home page (as
    OneRoster's REST path names an org), so it is unique to the district and holds no name."""
    return f"{sis_home_page.rstrip('/')}/orgs/{quote(school_id, safe='')}"


def grouping(sis_home_page: str, class_id: str | None, school_id: str | None) -> list[dict]:
    """The `grouping` context activities of a school's record: its class, then its school."""
    found = []
    if class_id:
        found.append(
            {"objectType": "Activity", "id": class_iri(class_id), "definition": {"type": CLASS_TYPE}}
        )
    if school_id:
        found.append(
            {
                "objectType": "Activity",
                "id": school_iri(sis_home_page, school_id),
                "definition": {"type": SCHOOL_TYPE},
            }
        )
    return found


def actor(sis_home_page: str, sourced_id: str) -> dict:
    return {"objectType": "Agent", "account": {"homePage": sis_home_page, "name": sourced_id}}


def iso_duration(seconds: float) -> str:
    return f"PT{max(seconds, 0):.2f}S"


def attempt_statement(
    *,
    verb: str,
    record_id: str,
    sis_home_page: str,
    person_id: str,
    module_id: str,
    module_title: str,
    class_id: str | None,
    correct: float,
    total: int,
    passed: bool,
    started: datetime,
    finished: datetime,
    machine: str,
    school_id: str | None = None,
) -> dict:
    """A `passed`/`failed` statement for a submitted quiz attempt; `correct` is its points
    (questions right, plus partial credit for ordering), so raw may have decimals."""
    statement: dict[str, Any] = {
        "id": statement_id(verb, record_id),
        "actor": actor(sis_home_page, person_id),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": module_iri(module_id),
            "definition": {"type": MODULE_TYPE, "name": {"en-US": module_title}},
        },
        "result": {
            "score": {
                # Whole points stay integers, as every statement before partial credit had.
                "raw": int(correct) if float(correct).is_integer() else round(correct, 4),
                "min": 0,
                "max": total,
                "scaled": round(correct / total, 4) if total else 0,
            },
            "success": passed,
            "completion": True,
            "duration": iso_duration((finished - started).total_seconds()),
        },
        "context": {
            # The attempt id: lets another kiosk merge this record without duplicating it.
            "registration": record_id,
            "platform": "Citizenship Kiosk",
            "extensions": {MACHINE_EXTENSION: machine},
        },
        "timestamp": finished.isoformat(timespec="milliseconds"),
        "version": XAPI_VERSION,
    }
    groups = grouping(sis_home_page, class_id, school_id)
    if groups:
        statement["context"]["contextActivities"] = {"grouping": groups}
    return statement


# -- assignments (a teacher assigns a module to a class; unassigning voids that statement) --

DUE_DATE_EXTENSION = f"{ACTIVITY_BASE}/extensions/due-date"
ORDER_EXTENSION = f"{ACTIVITY_BASE}/extensions/position"
#: context extension of `assign`: the record it states ("<assignment id>#<revision>"), so the
#: other kiosks of the school keep the same row and can tell which statement a `voided` withdraws.
ASSIGNMENT_EXTENSION = f"{ACTIVITY_BASE}/extensions/assignment"


def assignment_record_id(assignment_id: str, revision: int) -> str:
    """One assignment row can be assigned, unassigned and assigned again: each time is a new
    record (and so a new statement id), numbered by the row's revision."""
    return f"{assignment_id}#{revision}"


def assign_statement(
    *,
    record_id: str,
    sis_home_page: str,
    teacher_id: str,
    module_id: str,
    module_title: str,
    class_id: str,
    due_date: str | None,
    position: int | None,
    timestamp: datetime,
    school_id: str | None = None,
) -> dict:
    """`assign`: the teacher (actor) assigned the module (object) to the class (grouping)."""
    extensions: dict = {}
    if due_date:
        extensions[DUE_DATE_EXTENSION] = due_date
    if position is not None:
        extensions[ORDER_EXTENSION] = position
    statement = {
        "id": statement_id("assigned", record_id),
        "actor": actor(sis_home_page, teacher_id),
        "verb": {"id": VERBS["assigned"], "display": {"en-US": "assigned"}},
        "object": {
            "objectType": "Activity",
            "id": module_iri(module_id),
            "definition": {"type": MODULE_TYPE, "name": {"en-US": module_title}},
        },
        "context": {
            "platform": "Citizenship Kiosk",
            "contextActivities": {"grouping": grouping(sis_home_page, class_id, school_id)},
            "extensions": {ASSIGNMENT_EXTENSION: record_id},
        },
        "timestamp": timestamp.isoformat(timespec="milliseconds"),
        "version": XAPI_VERSION,
    }
    if extensions:
        statement["result"] = {"extensions": extensions}
    return statement


def voiding_statement(
    *,
    record_id: str,
    voided_id: str,
    sis_home_page: str,
    actor_id: str,
    timestamp: datetime,
    assignment: bool = False,
) -> dict:
    """`voided`: withdraws an earlier statement (an unassigned module), by StatementRef; with
    `assignment`, the record it withdraws rides along as `assign` carries it (ASSIGNMENT_EXTENSION)."""
    statement = {
        "id": statement_id("voided", record_id),
        "actor": actor(sis_home_page, actor_id),
        "verb": {"id": VERBS["voided"], "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": voided_id},
        "timestamp": timestamp.isoformat(timespec="milliseconds"),
        "version": XAPI_VERSION,
    }
    if assignment:
        statement["context"] = {"extensions": {ASSIGNMENT_EXTENSION: record_id}}
    return statement


# -- comparing statements ---------------------------------------------------------------------


def same_statement(stored: dict, incoming: dict) -> bool:
    """True if `incoming` is a resend of `stored`, by xAPI 1.0.3's comparison rules.

    The hub answers a PUT of an id it holds with it (204, else 409 Conflict); a kiosk asks it
    of what an LRS holds under an id it answered 409 to (delivered, else quarantined).
    Differences an LRS may itself have caused are ignored: the properties it assigns (id,
    stored, authority, version, a missing timestamp), how a timestamp is written (compared as
    instants), verb display and activity definitions (not part of the statement), the order of
    Group members, and attachments. Everything else must match exactly.
    """
    with_timestamp = "timestamp" in incoming  # a missing timestamp may have been filled in by the LRS
    return _canonical(stored, with_timestamp) == _canonical(incoming, with_timestamp)


def _canonical(statement: dict, with_timestamp: bool) -> str:
    st = copy.deepcopy(statement)
    for key in ("id", "stored", "authority", "version", "attachments"):
        st.pop(key, None)
    if "timestamp" in st and with_timestamp:
        st["timestamp"] = _instant_us(st["timestamp"])
    else:
        st.pop("timestamp", None)
    _strip(st)
    return json.dumps(st, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _instant_us(value: Any) -> Any:
    """A timestamp as microseconds since the epoch, so that one instant written two ways
    compares equal; a value that is no ISO 8601 time with a time zone is left as it is."""
    try:
        parsed = datetime.fromisoformat(value.upper().replace(",", "."))
    except (AttributeError, ValueError):
        return value
    if parsed.tzinfo is None:
        return value
    delta = parsed - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _strip(st: dict) -> None:
    st.get("verb", {}).pop("display", None)
    for agent in (
        st.get("actor"),
        st.get("object"),
        (st.get("context") or {}).get("instructor"),
        (st.get("context") or {}).get("team"),
    ):
        if isinstance(agent, dict) and "member" in agent:
            agent["member"] = sorted(agent["member"], key=lambda m: json.dumps(m, sort_keys=True))
    obj = st.get("object") or {}
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        obj.pop("definition", None)
        obj.setdefault("objectType", "Activity")
    elif kind == "StatementRef":
        obj["id"] = obj["id"].lower()
    elif kind == "SubStatement":
        if "timestamp" in obj:
            obj["timestamp"] = _instant_us(obj["timestamp"])
        obj.pop("attachments", None)
        _strip(obj)
    context = st.get("context") or {}
    if "registration" in context:
        context["registration"] = context["registration"].lower()
    for key, value in (context.get("contextActivities") or {}).items():
        items = value if isinstance(value, list) else [value]
        # A single activity and a one-item list mean the same.
        context["contextActivities"][key] = [{"objectType": "Activity", "id": a["id"]} for a in items]


# -- audit rows (core/audit.py): each goes to the district as a statement of its own ----------

AUDIT_VERB_BASE = "https://citizenship-kiosk.org/xapi/verbs/audit"
AUDIT_TYPE = f"{ACTIVITY_BASE}/types/audit-entry"
AUDIT_EXTENSION = f"{ACTIVITY_BASE}/extensions/audit"  # the row itself: id, at, hashes, ...
KIOSK_HOME_PAGE = f"{ACTIVITY_BASE}/kiosk"  # actor of what the command line did: the machine


def audit_statement(
    *,
    machine: str,
    sis_home_page: str,
    row_id: int,
    at: str,
    actor_id: str,
    action: str,
    subject: str | None,
    detail: str | None,
    prev_hash: str,
    digest: str,
    cli_actor: bool,
) -> dict:
    """An audit row as a statement: the staff member (a sourcedId; the machine for the command
    line) did `action`. The extension holds the row exactly as chained (detail as its JSON
    text), so the district can recompute each hash and see a row missing at the kiosk."""
    who = (
        {"objectType": "Agent", "account": {"homePage": KIOSK_HOME_PAGE, "name": machine}}
        if cli_actor
        else actor(sis_home_page, actor_id)
    )
    return {
        "id": statement_id("audit", f"{machine}:{row_id}:{digest}"),
        "actor": who,
        "verb": {"id": f"{AUDIT_VERB_BASE}/{action}", "display": {"en-US": action.replace("_", " ")}},
        "object": {
            "objectType": "Activity",
            "id": f"{ACTIVITY_BASE}/audit/{machine}/{row_id}",
            "definition": {"type": AUDIT_TYPE},
        },
        "context": {
            "platform": "Citizenship Kiosk",
            "extensions": {
                MACHINE_EXTENSION: machine,
                AUDIT_EXTENSION: {
                    "id": row_id,
                    "at": at,
                    "actor": actor_id,
                    "action": action,
                    "subject": subject,
                    "detail": detail,
                    "prev_hash": prev_hash,
                    "hash": digest,
                },
            },
        },
        "timestamp": at,
        "version": XAPI_VERSION,
    }
