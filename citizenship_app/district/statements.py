"""xAPI 1.0.3 statements: validation and the keys the hub indexes them by. Whether a resend is
the same statement is the core's rule, shared with the kiosk (`core.xapi.same_statement`).

Pure functions over parsed JSON, no I/O, so they are easy to test and to reuse:

    >>> validate_statement({"actor": {"mbox": "mailto:a@example.org"},
    ...                     "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
    ...                     "object": {"id": "https://example.org/module/1"}})
    >>> try:
    ...     validate_statement({"actor": {"mbox": "mailto:a@example.org"}, "verb": {"id": "completed"},
    ...                         "object": {"id": "https://example.org/module/1"}})
    ... except StatementError as error:
    ...     print(error.path, "|", error.message)
    verb.id | must be an IRI (e.g. http://adlnet.gov/expapi/verbs/completed)

Validation follows the spec's structure rules (required and allowed properties, types, formats
of UUIDs, IRIs, timestamps, durations, language maps, score ranges) but not meaning: an LRS
checks syntax and leaves semantics to whoever sends the statement.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, TypeGuard

VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided"

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Best-effort IRI/IRL check (the spec allows that): a scheme, a colon, no whitespace or
# control characters, and a sane length (ids are indexed).
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s\x00-\x1f\x7f]{1,2040}")
_MAILTO = re.compile(r"mailto:[^@\s]+@[^@\s]+")
_SHA1 = re.compile(r"[0-9a-fA-F]{40}")
# RFC 5646 shape: a primary tag of 2-8 letters, then subtags of 1-8 letters/digits.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_VERSION = re.compile(r"1\.0(\.[0-9]+)?")
# ISO 8601 date-time (extended or basic) with a 'T'; datetime.fromisoformat checks the values.
_TIMESTAMP_SHAPE = re.compile(r"[0-9W\-]+T[0-9:.,]+(Z|[+\-][0-9:]+)?", re.IGNORECASE)
_NUM = r"[0-9]+(?:[.,][0-9]+)?"
_DURATION = re.compile(
    rf"P(?:{_NUM}W|(?=[0-9])(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}D)?"
    rf"(?:T(?=[0-9])(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?|T(?=[0-9])(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)"
)
_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
_INTERACTION_TYPES = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}
_INTERACTION_LISTS = ("choices", "scale", "source", "target", "steps")
_CONTEXT_ACTIVITY_KEYS = ("parent", "grouping", "category", "other")


class StatementError(ValueError):
    """A statement breaks the spec; `path` says where (e.g. `result.score.scaled`)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


# --------------------------------------------------------------------------- formats


def is_uuid(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and _IRI.fullmatch(value) is not None


def parse_timestamp(value: Any) -> datetime:
    """An ISO 8601 timestamp with a time zone, as an aware datetime; ValueError otherwise.

    A time zone is required (the spec says SHOULD): statements are kept for years and read in
    other places, and a local time without an offset cannot be placed on the timeline.
    """
    if not isinstance(value, str) or not _TIMESTAMP_SHAPE.fullmatch(value):
        raise ValueError("must be an ISO 8601 date and time such as 2024-05-01T13:45:00.000Z")
    if re.search(r"-00(:?00)?$", value):
        raise ValueError("offset -00:00 means 'unknown' (RFC 3339); use Z or a real offset")
    try:
        parsed = datetime.fromisoformat(value.upper().replace(",", "."))
    except ValueError as exc:
        raise ValueError(f"is not a valid ISO 8601 timestamp ({exc})") from None
    if parsed.tzinfo is None:
        raise ValueError("needs a time zone (Z or an offset such as +02:00)")
    return parsed


def timestamp_us(value: str) -> int:
    """Microseconds since the epoch for a timestamp string (the hub's `stored` unit)."""
    parsed = parse_timestamp(value)
    delta = parsed - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def format_us(us: int) -> str:
    """The hub's own timestamps: UTC with microseconds, so `since` can be passed back exactly."""
    dt = datetime.fromtimestamp(us // 1_000_000, tz=UTC).replace(microsecond=us % 1_000_000)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# --------------------------------------------------------------------------- validation


def validate_statement(statement: Any) -> None:
    """Raise StatementError if `statement` is not a valid xAPI 1.0.3 statement."""
    _statement(statement, "", substatement=False)


def validate_agent_param(agent: Any) -> None:
    """The `agent` query parameter: an Agent or an Identified Group."""
    _actor(agent, "agent")
    if _ifi_key(agent) is None:
        raise StatementError("agent", "must be an Agent or an identified Group (with one identifier)")


def _statement(st: Any, path: str, *, substatement: bool) -> None:
    _object(st, path)
    allowed = {"actor", "verb", "object", "result", "context", "timestamp", "attachments"}
    if substatement:
        allowed.add("objectType")
    else:
        allowed |= {"id", "stored", "authority", "version"}
    _keys(st, path, allowed, required=("actor", "verb", "object"))
    p = _join(path)
    if "id" in st and not is_uuid(st["id"]):
        raise StatementError(p + "id", "must be a UUID in standard form (8-4-4-4-12 hex digits)")
    _actor(st["actor"], p + "actor")
    _verb(st["verb"], p + "verb")
    _statement_object(st["object"], p + "object", substatement=substatement)
    if "result" in st:
        _result(st["result"], p + "result")
    if "context" in st:
        _context(st["context"], p + "context", object_is_activity=_object_type(st["object"]) == "Activity")
    for key in ("timestamp", "stored"):
        if key in st:
            _timestamp(st[key], p + key)
    if "authority" in st:
        _actor(st["authority"], p + "authority")
        # The spec: a Group as authority is an OAuth consumer and a user, two Agents. (The hub
        # replaces the authority anyway, but an invalid statement is refused, not repaired.)
        if st["authority"].get("objectType") == "Group":
            if any(k in st["authority"] for k in _IFIS):
                raise StatementError(p + "authority", "a Group authority must be anonymous (no identifier)")
            if len(st["authority"].get("member") or []) != 2:
                raise StatementError(p + "authority", "a Group authority must have exactly two members")
    if "version" in st and not (isinstance(st["version"], str) and _VERSION.fullmatch(st["version"])):
        raise StatementError(p + "version", "must be 1.0 or 1.0.x")
    if "attachments" in st:
        _attachments(st["attachments"], p + "attachments")
    if st["verb"]["id"] == VOIDED_VERB and _object_type(st["object"]) != "StatementRef":
        raise StatementError(p + "object", "a voiding statement's object must be a StatementRef")


def _object_type(obj: dict) -> str:
    return obj.get("objectType", "Activity")


def _actor(actor: Any, path: str) -> None:
    _object(actor, path)
    kind = actor.get("objectType", "Agent")
    if kind == "Agent":
        _agent(actor, path)
    elif kind == "Group":
        _keys(actor, path, {"objectType", "name", "member", *_IFIS})
        _ifis(actor, path, required=False)
        if "member" in actor:
            members = _list(actor["member"], path + ".member")
            for i, member in enumerate(members):
                _object(member, f"{path}.member[{i}]")
                if member.get("objectType", "Agent") != "Agent":
                    raise StatementError(f"{path}.member[{i}]", "a Group's members must be Agents")
                _agent(member, f"{path}.member[{i}]")
        if "name" in actor:
            _string(actor["name"], path + ".name")
        if not any(k in actor for k in _IFIS) and not actor.get("member"):
            raise StatementError(path, "an anonymous Group needs a non-empty member list")
    else:
        raise StatementError(path + ".objectType", "must be Agent or Group")


def _agent(agent: dict, path: str) -> None:
    _keys(agent, path, {"objectType", "name", *_IFIS})
    if "name" in agent:
        _string(agent["name"], path + ".name")
    _ifis(agent, path, required=True)


def _ifis(obj: dict, path: str, *, required: bool) -> None:
    present = [k for k in _IFIS if k in obj]
    if len(present) > 1:
        raise StatementError(path, f"has more than one identifier ({', '.join(present)}); use exactly one")
    if not present:
        if required:
            raise StatementError(path, "needs exactly one of mbox, mbox_sha1sum, openid, account")
        return
    key = present[0]
    value = obj[key]
    if key == "mbox" and not (isinstance(value, str) and _MAILTO.fullmatch(value)):
        raise StatementError(path + ".mbox", "must be a mailto: IRI (mailto:name@example.org)")
    if key == "mbox_sha1sum" and not (isinstance(value, str) and _SHA1.fullmatch(value)):
        raise StatementError(path + ".mbox_sha1sum", "must be 40 hex digits")
    if key == "openid" and not is_iri(value):
        raise StatementError(path + ".openid", "must be a URI")
    if key == "account":
        _object(value, path + ".account")
        _keys(value, path + ".account", {"homePage", "name"}, required=("homePage", "name"))
        if not is_iri(value["homePage"]):
            raise StatementError(path + ".account.homePage", "must be an IRL (with a scheme)")
        _string(value["name"], path + ".account.name")


def _verb(verb: Any, path: str) -> None:
    _object(verb, path)
    _keys(verb, path, {"id", "display"}, required=("id",))
    if not is_iri(verb["id"]):
        raise StatementError(path + ".id", "must be an IRI (e.g. http://adlnet.gov/expapi/verbs/completed)")
    if "display" in verb:
        _language_map(verb["display"], path + ".display")


def _statement_object(obj: Any, path: str, *, substatement: bool) -> None:
    _object(obj, path)
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        _activity(obj, path)
    elif kind in ("Agent", "Group"):
        if "objectType" not in obj:
            raise StatementError(path + ".objectType", "is required when the object is an Agent or Group")
        _actor(obj, path)
    elif kind == "StatementRef":
        _keys(obj, path, {"objectType", "id"}, required=("id",))
        if not is_uuid(obj["id"]):
            raise StatementError(path + ".id", "must be a UUID in standard form")
    elif kind == "SubStatement":
        if substatement:
            raise StatementError(path, "a SubStatement cannot contain another SubStatement")
        _statement(obj, path, substatement=True)
    else:
        raise StatementError(
            path + ".objectType", "must be Activity, Agent, Group, StatementRef or SubStatement"
        )


def _activity(activity: Any, path: str) -> None:
    _object(activity, path)
    _keys(activity, path, {"objectType", "id", "definition"}, required=("id",))
    if activity.get("objectType", "Activity") != "Activity":
        raise StatementError(path + ".objectType", "must be Activity")
    if not is_iri(activity["id"]):
        raise StatementError(path + ".id", "must be an IRI")
    if "definition" not in activity:
        return
    d, dp = activity["definition"], path + ".definition"
    _object(d, dp)
    _keys(
        d,
        dp,
        {
            "name",
            "description",
            "type",
            "moreInfo",
            "extensions",
            "interactionType",
            "correctResponsesPattern",
            *_INTERACTION_LISTS,
        },
    )
    for key in ("name", "description"):
        if key in d:
            _language_map(d[key], f"{dp}.{key}")
    for key in ("type", "moreInfo"):
        if key in d and not is_iri(d[key]):
            raise StatementError(f"{dp}.{key}", "must be an IRI")
    if "extensions" in d:
        _extensions(d["extensions"], dp + ".extensions")
    # isinstance first: an object or a list cannot be looked up in a set (that was a 500).
    if "interactionType" in d and not (
        isinstance(d["interactionType"], str) and d["interactionType"] in _INTERACTION_TYPES
    ):
        raise StatementError(
            dp + ".interactionType", f"must be one of {', '.join(sorted(_INTERACTION_TYPES))}"
        )
    if "correctResponsesPattern" in d:
        if "interactionType" not in d:
            raise StatementError(dp + ".correctResponsesPattern", "needs an interactionType")
        for i, item in enumerate(_list(d["correctResponsesPattern"], dp + ".correctResponsesPattern")):
            _string(item, f"{dp}.correctResponsesPattern[{i}]")
    for key in _INTERACTION_LISTS:
        if key not in d:
            continue
        if "interactionType" not in d:
            raise StatementError(f"{dp}.{key}", "needs an interactionType")
        for i, component in enumerate(_list(d[key], f"{dp}.{key}")):
            cp = f"{dp}.{key}[{i}]"
            _object(component, cp)
            _keys(component, cp, {"id", "description"}, required=("id",))
            _string(component["id"], cp + ".id")
            if "description" in component:
                _language_map(component["description"], cp + ".description")


def _result(result: Any, path: str) -> None:
    _object(result, path)
    _keys(result, path, {"score", "success", "completion", "response", "duration", "extensions"})
    if "score" in result:
        _score(result["score"], path + ".score")
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            raise StatementError(f"{path}.{key}", "must be true or false")
    if "response" in result:
        _string(result["response"], path + ".response")
    if "duration" in result and not (
        isinstance(result["duration"], str) and _DURATION.fullmatch(result["duration"])
    ):
        raise StatementError(path + ".duration", "must be an ISO 8601 duration such as PT1M30.5S")
    if "extensions" in result:
        _extensions(result["extensions"], path + ".extensions")


def _score(score: Any, path: str) -> None:
    _object(score, path)
    _keys(score, path, {"scaled", "raw", "min", "max"})
    for key, value in score.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise StatementError(f"{path}.{key}", "must be a number")
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        raise StatementError(path + ".scaled", "must be between -1 and 1")
    if "min" in score and "max" in score and not score["min"] < score["max"]:
        raise StatementError(path + ".min", "must be less than max")
    if "raw" in score:
        if "min" in score and score["raw"] < score["min"]:
            raise StatementError(path + ".raw", "must not be less than min")
        if "max" in score and score["raw"] > score["max"]:
            raise StatementError(path + ".raw", "must not be more than max")


def _context(context: Any, path: str, *, object_is_activity: bool) -> None:
    _object(context, path)
    _keys(
        context,
        path,
        {
            "registration",
            "instructor",
            "team",
            "contextActivities",
            "revision",
            "platform",
            "language",
            "statement",
            "extensions",
        },
    )
    if "registration" in context and not is_uuid(context["registration"]):
        raise StatementError(path + ".registration", "must be a UUID in standard form")
    if "instructor" in context:
        _actor(context["instructor"], path + ".instructor")
    if "team" in context:
        _actor(context["team"], path + ".team")
        if context["team"].get("objectType") != "Group":
            raise StatementError(path + ".team", "must be a Group")
    if "contextActivities" in context:
        ca, cp = context["contextActivities"], path + ".contextActivities"
        _object(ca, cp)
        _keys(ca, cp, set(_CONTEXT_ACTIVITY_KEYS))
        for key, value in ca.items():
            items = value if isinstance(value, list) else [value]
            for i, activity in enumerate(items):
                _activity(activity, f"{cp}.{key}[{i}]" if isinstance(value, list) else f"{cp}.{key}")
    for key in ("revision", "platform"):
        if key in context:
            _string(context[key], f"{path}.{key}")
            if not object_is_activity:
                raise StatementError(f"{path}.{key}", "is only allowed when the object is an Activity")
    if "language" in context and not (
        isinstance(context["language"], str) and _LANGUAGE_TAG.fullmatch(context["language"])
    ):
        raise StatementError(path + ".language", "must be an RFC 5646 language tag such as en-US")
    if "statement" in context:
        ref = context["statement"]
        _object(ref, path + ".statement")
        _keys(ref, path + ".statement", {"objectType", "id"}, required=("objectType", "id"))
        if ref["objectType"] != "StatementRef" or not is_uuid(ref["id"]):
            raise StatementError(path + ".statement", "must be a StatementRef with a UUID id")
    if "extensions" in context:
        _extensions(context["extensions"], path + ".extensions")


def _attachments(attachments: Any, path: str) -> None:
    for i, att in enumerate(_list(attachments, path)):
        ap = f"{path}[{i}]"
        _object(att, ap)
        _keys(
            att,
            ap,
            {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"},
            required=("usageType", "display", "contentType", "length", "sha2"),
        )
        if not is_iri(att["usageType"]):
            raise StatementError(ap + ".usageType", "must be an IRI")
        _language_map(att["display"], ap + ".display")
        if "description" in att:
            _language_map(att["description"], ap + ".description")
        _string(att["contentType"], ap + ".contentType")
        if isinstance(att["length"], bool) or not isinstance(att["length"], int) or att["length"] < 0:
            raise StatementError(ap + ".length", "must be a non-negative integer")
        _string(att["sha2"], ap + ".sha2")
        # Without a fileUrl the data must come in the request's multipart/mixed body: the API
        # checks that (district/signatures.py), as validation sees the statement alone.
        if "fileUrl" in att and not is_iri(att["fileUrl"]):
            raise StatementError(ap + ".fileUrl", "must be an IRL")


def _timestamp(value: Any, path: str) -> None:
    try:
        parse_timestamp(value)
    except ValueError as exc:
        raise StatementError(path, str(exc)) from None


def _language_map(value: Any, path: str) -> None:
    _object(value, path)
    for tag, text in value.items():
        if not _LANGUAGE_TAG.fullmatch(tag):
            raise StatementError(path, f"{tag!r} is not an RFC 5646 language tag")
        _string(text, f"{path}.{tag}")


def _extensions(value: Any, path: str) -> None:
    _object(value, path)
    for key in value:  # values are free-form JSON, nulls included
        if not is_iri(key):
            raise StatementError(path, f"extension key {key!r} must be an IRI")


def _object(value: Any, path: str) -> None:
    if not isinstance(value, dict):
        raise StatementError(path, "must be a JSON object" if value is not None else "must not be null")


def _list(value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise StatementError(path, "must be a JSON array")
    return value


def _string(value: Any, path: str) -> None:
    if not isinstance(value, str):
        raise StatementError(path, "must be a string")


def _keys(obj: dict, path: str, allowed: set[str], required: tuple[str, ...] = ()) -> None:
    for key in required:
        if key not in obj:
            raise StatementError(_join(path) + key, "is required")
    for key in obj:
        if key not in allowed:
            raise StatementError(_join(path) + key, "is not an xAPI property here (check spelling and case)")


def _join(path: str) -> str:
    return path + "." if path else ""


# --------------------------------------------------------------------------- identity and comparison


def agent_key(agent: dict) -> str | None:
    """The identifier an Agent/Group is matched by (its IFI), or None for an anonymous Group."""
    return _ifi_key(agent)


def _ifi_key(agent: dict) -> str | None:
    for key in _IFIS:
        if key in agent:
            value = agent[key]
            if key == "account":
                return _account_key(value["homePage"], value["name"])
            return json.dumps([key, value])
    return None


@functools.lru_cache(maxsize=8192)
def _account_key(home_page: str, name: str) -> str:
    # Cached: a batch names the same students, and the same authority, over and over.
    return json.dumps(["account", home_page, name])


def index_keys(statement: dict) -> Iterator[tuple[str, str, bool]]:
    """(kind, key, related) rows for the `agent` and `activity` filters.

    related=False rows are what the plain filters match (actor and object, including a Group's
    members); related=True rows are matched only with related_agents / related_activities.
    """
    seen: set[tuple[str, str, bool]] = set()

    def agents(actor: dict | None, related: bool) -> Iterator[tuple[str, str, bool]]:
        if not isinstance(actor, dict) or actor.get("objectType", "Agent") not in ("Agent", "Group"):
            return
        for agent in [actor, *actor.get("member", [])]:
            key = _ifi_key(agent)
            if key is not None:
                yield "agent", key, related

    def context_activities(context: dict | None) -> Iterator[tuple[str, str, bool]]:
        for value in ((context or {}).get("contextActivities") or {}).values():
            for activity in value if isinstance(value, list) else [value]:
                yield "activity", activity["id"], True

    def walk(st: dict, related: bool) -> Iterator[tuple[str, str, bool]]:
        yield from agents(st["actor"], related)
        obj = st["object"]
        kind = _object_type(obj)
        if kind == "Activity":
            yield "activity", obj["id"], related
        elif kind in ("Agent", "Group"):
            yield from agents(obj, related)
        elif kind == "SubStatement":
            yield from walk(obj, True)
        context = st.get("context") or {}
        yield from agents(context.get("instructor"), True)
        yield from agents(context.get("team"), True)
        yield from context_activities(context)

    rows = list(walk(statement, False)) + list(agents(statement.get("authority"), True))
    for row in rows:
        if row not in seen:
            seen.add(row)
            yield row


# --------------------------------------------------------------------------- output formats


def ids_format(statement: dict) -> dict:
    """The `format=ids` form: Agents, Groups, Activities and Verbs reduced to their identifiers."""
    st = copy.deepcopy(statement)
    _reduce(st)
    return st


def _reduce_actor(actor: dict) -> dict:
    out = {"objectType": actor.get("objectType", "Agent")}
    key = next((k for k in _IFIS if k in actor), None)
    if key:
        out[key] = actor[key]
    if out["objectType"] == "Group" and key is None:
        out["member"] = [_reduce_actor(m) for m in actor.get("member", [])]
    return out


def _reduce(st: dict) -> None:
    st["verb"] = {"id": st["verb"]["id"]}
    st["actor"] = _reduce_actor(st["actor"])
    if "authority" in st:
        st["authority"] = _reduce_actor(st["authority"])
    obj = st["object"]
    kind = _object_type(obj)
    if kind == "Activity":
        st["object"] = {"id": obj["id"]}  # objectType Activity is the default: the id is enough
    elif kind in ("Agent", "Group"):
        st["object"] = _reduce_actor(obj)
    elif kind == "SubStatement":
        _reduce(obj)
    context = st.get("context")
    if context:
        for key in ("instructor", "team"):
            if key in context:
                context[key] = _reduce_actor(context[key])
        for key, value in (context.get("contextActivities") or {}).items():
            items = value if isinstance(value, list) else [value]
            context["contextActivities"][key] = [{"id": a["id"]} for a in items]


def canonical_format(statement: dict, accept_language: str | None) -> dict:
    """The `format=canonical` form: each language map of the Activities and Verbs down to the
    one language the reader prefers (its Accept-Language header). The hub keeps no canonical
    definitions of its own, so they are the statement's."""
    st = copy.deepcopy(statement)
    _canonical(st, _preferences(accept_language))
    return st


def _preferences(header: str | None) -> list[str]:
    """The languages of an Accept-Language header, most wanted first (q=0 means "not this")."""
    ranked = []
    for position, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().lower().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and quality > 0:
            ranked.append((-quality, position, tag.strip().lower()))
    return [tag for _, _, tag in sorted(ranked)]


def _one_language(value: Any, preferences: list[str]) -> Any:
    if not isinstance(value, dict) or len(value) < 2:
        return value
    tags = {tag.lower(): tag for tag in value}
    for wanted in preferences:
        match = tags.get(wanted) if wanted != "*" else next(iter(value))
        # A prefix either way: "en" takes "en-GB", "en-GB" takes "en".
        match = match or next(
            (
                tag
                for low, tag in tags.items()
                if low.startswith(wanted + "-") or wanted.startswith(low + "-")
            ),
            None,
        )
        if match is not None:
            return {match: value[match]}
    first = next(iter(value))  # none wanted is there: one language still
    return {first: value[first]}


def _canonical(st: dict, preferences: list[str]) -> None:
    if isinstance(st.get("verb"), dict) and "display" in st["verb"]:
        st["verb"]["display"] = _one_language(st["verb"]["display"], preferences)
    activities = [st["object"]] if _object_type(st["object"]) == "Activity" else []
    for value in ((st.get("context") or {}).get("contextActivities") or {}).values():
        activities += value if isinstance(value, list) else [value]
    for activity in activities:
        definition = activity.get("definition")
        if not isinstance(definition, dict):
            continue
        for key in ("name", "description"):
            if key in definition:
                definition[key] = _one_language(definition[key], preferences)
        for key in _INTERACTION_LISTS:
            for component in definition.get(key) or []:
                if isinstance(component, dict) and "description" in component:
                    component["description"] = _one_language(component["description"], preferences)
    if _object_type(st["object"]) == "SubStatement":
        _canonical(st["object"], preferences)
