"""The xAPI statements resource: POST, PUT, GET and HEAD /xapi/statements.

POST /xapi/statements                     one statement or a list -> 200 [ids]
PUT  /xapi/statements?statementId=ID      one statement -> 204
GET  /xapi/statements?statementId=ID      one statement (voidedStatementId= for a voided one)
GET  /xapi/statements?agent=&verb=&...    {"statements": [...], "more": "/xapi/statements?more=..."}
HEAD /xapi/statements?...                 the headers of the GET
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from email.utils import formatdate
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ...core import multipart
from .. import content_coding, signatures
from ..scope import Refused
from ..shared_pages import Flight, Page
from ..statements import (
    StatementError,
    agent_key,
    canonical_format,
    format_us,
    ids_format,
    is_iri,
    is_uuid,
    parse_timestamp,
    timestamp_us,
    validate_agent_param,
    validate_statement,
)
from ..storage import ConflictError, Device, ForeignVoidingError, StatementQuery, Store, VoidingError
from .common import (
    MAX_BATCH,
    STATEMENT_REFUSED,
    XAPIError,
    authenticate,
    device_for_write,
    hub_state,
    read_body,
)

PULL_SCOPE = "pull_scope"  # a school device listing what is not its school's (scope.check_read)
MAX_LIMIT = 500  # statements per page when the client asks for more (or for 0: "the maximum")
INT64 = range(-(2**63), 2**63)  # what the database's BIGINT columns hold

_GET_PARAMS = {
    "statementId",
    "voidedStatementId",
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
    "more",
}

router = APIRouter()
WriteDevice = Annotated[Device, Depends(device_for_write)]  # authenticated before the body is read


@router.post("/xapi/statements")
async def post_statements(request: Request, device: WriteDevice):
    body = await read_body(request)
    return await run_in_threadpool(_post, request, body, device)


def _post(request: Request, body: bytes, device: Device) -> Response:
    if request.query_params:
        # The alternate request syntax (POST with ?method=) is not supported.
        raise XAPIError(400, f"unexpected parameters: {', '.join(request.query_params)}")
    payload, parts = _statements_body(request, body)
    batch = payload if isinstance(payload, list) else [payload]
    if not batch:
        return JSONResponse([])  # nothing to store (the store cannot insert no rows)
    if len(batch) > MAX_BATCH:
        raise XAPIError(413, f"at most {MAX_BATCH} statements per request; send smaller batches")
    seen: dict[str, int] = {}
    for index, statement in enumerate(batch):
        _validate(statement, index if isinstance(payload, list) else None)
        if "id" not in statement:
            statement["id"] = str(uuid.uuid4())
        key = statement["id"].lower()
        if key in seen:
            raise XAPIError(
                400, f"statements {seen[key]} and {index} have the same id {key}", index=index, id=key
            )
        seen[key] = index
    _check_signatures(request, device, batch, parts, single=not isinstance(payload, list))
    _save(request, batch, device, listed=isinstance(payload, list))
    return JSONResponse([statement["id"].lower() for statement in batch])


@router.put("/xapi/statements")
async def put_statement(request: Request, device: WriteDevice):
    body = await read_body(request)
    return await run_in_threadpool(_put, request, body, device)


def _put(request: Request, body: bytes, device: Device) -> Response:
    params = _params(request, {"statementId"})
    statement_id = params.get("statementId")
    if not is_uuid(statement_id):
        raise XAPIError(400, "statementId parameter required: the statement's UUID")
    statement, parts = _statements_body(request, body)
    if not isinstance(statement, dict):
        raise XAPIError(400, "PUT takes a single statement object; POST a list")
    _validate(statement, None)
    if statement.setdefault("id", statement_id).lower() != statement_id.lower():
        raise XAPIError(400, "the statement's id differs from the statementId parameter")
    _check_signatures(request, device, [statement], parts, single=True)
    _save(request, [statement], device, listed=False)
    return Response(status_code=204)


@router.api_route("/xapi/statements", methods=["GET", "HEAD"])  # HEAD: the headers of the GET
async def get_statements(request: Request) -> Response:
    # The kiosks' most frequent request: its credentials are checked in the same trip to the
    # thread pool as the page (a dependency would be a trip of its own).
    answer = await run_in_threadpool(_authenticated_get, request)
    if isinstance(answer, _Joined):  # an identical page is being built: wait off the threads
        page = await hub_state(request).pages.wait(answer.flight)
        if page is None:  # its build failed: this request's own attempt, its own error
            page = await run_in_threadpool(answer.build)
        return _page_response(page)
    return answer


@dataclass
class _Joined:
    """A request that joined a page another request is building (shared_pages.py)."""

    flight: Flight
    build: Callable[[], Page]


def _authenticated_get(request: Request) -> Response | _Joined:
    device = authenticate(request)
    store = hub_state(request).store

    def through() -> dict[str, str]:
        # Read just before the query: a statement stored up to this instant is committed, so
        # the query sees it (a write still in flight may commit later with an earlier `stored`).
        return {"X-Experience-API-Consistent-Through": format_us(store.consistent_through())}

    try:
        response = _get_statements(request, store, through, device)
    except XAPIError as exc:  # on every answer to an authenticated GET (the spec says every GET)
        exc.headers.update(through())
        raise
    if isinstance(response, _Joined):
        return response
    if request.query_params.get("attachments") == "true" and response.status_code == 200:
        # Starlette types a body as bytes | memoryview; json.loads needs bytes (a copy of them).
        content_type, body = signatures.with_attachments(store, bytes(response.body))
        drop = ("content-type", "content-length")
        headers = {k: v for k, v in response.headers.items() if k.lower() not in drop}
        return Response(body, media_type=content_type, headers=headers)
    return response


def _get_statements(
    request: Request, store: Store, through: Callable[[], dict[str, str]], device: Device
) -> Response | _Joined:
    params = _params(request, _GET_PARAMS)
    single = {"statementId", "voidedStatementId"} & params.keys()
    if single:
        cut = through()
        response = _get_one(store, params, single, request)
        response.headers.update(cut)
        return response
    if "more" in params:
        if len(params.keys() - {"attachments"}) > 1:
            raise XAPIError(400, "'more' cannot be combined with other parameters")
        query, limit, fmt, after = _decode_more(params["more"])
    else:
        query, limit, fmt = _parse_query(params)
        after = None
    try:  # checked on `more` pages too: their token carries the query, and could be forged
        hub_state(request).scope.check_read(device, query.activity)
    except Refused as exc:
        raise XAPIError(403, exc.reason, code=PULL_SCOPE) from None
    attachments = params.get("attachments") == "true"
    language = request.headers.get("accept-language") if fmt == "canonical" else None
    root = request.scope.get("root_path", "")
    # With attachments the body is rewritten after (signatures.with_attachments reads it).
    coding = None if attachments else content_coding.chosen(request.headers.get("accept-encoding"))
    # The page depends on nothing else (scope was checked above, per request).
    key = (query, limit, fmt, after, attachments, language, root, coding)

    def build() -> tuple[bytes, dict[str, str]]:
        headers = through()  # shared with the requests that share the page: still true for them
        rows, more = store.query(query, limit=limit, after=after)
        items = [_formatted(content, fmt, language) for _, _, content in rows]
        next_url = ""
        if more:
            last_stored, last_seq = rows[-1][0], rows[-1][1]
            token = _encode_more(query, limit, fmt, (last_stored, last_seq))
            next_url = f"{root}/xapi/statements?more={token}"
            if attachments:  # the next page comes with its attachments too
                next_url += "&attachments=true"
        # The stored JSON is spliced in as it is: statements come back exactly as kept.
        body = b'{"statements":[' + b",".join(items) + b'],"more":' + json.dumps(next_url).encode() + b"}"
        if rows:
            headers["Last-Modified"] = _http_date(max(r[0] for r in rows))
        # The answer depends on these request headers (a cache must not mix them up).
        headers["Vary"] = "Accept-Encoding, Accept-Language" if fmt == "canonical" else "Accept-Encoding"
        if coding and len(body) >= content_coding.MIN_SIZE:
            body = content_coding.encoded(body, coding)
            headers["Content-Encoding"] = coding
        return body, headers

    pages = hub_state(request).pages
    if attachments:  # rewritten in this thread afterwards (with_attachments reads the database)
        return _page_response(pages.get(key, build))
    flight, leader = pages.claim(key)
    if not leader:
        return _Joined(flight, build)
    return _page_response(pages.lead(key, flight, build))


def _page_response(page: Page) -> Response:
    body, headers = page
    return Response(body, media_type="application/json", headers=headers)


def _get_one(store: Store, params: dict[str, str], single: set[str], request: Request) -> Response:
    if len(single) > 1:
        raise XAPIError(400, "use statementId or voidedStatementId, not both")
    extra = params.keys() - single - {"format", "attachments"}
    if extra:
        raise XAPIError(400, f"{single.pop()} cannot be combined with {', '.join(sorted(extra))}")
    fmt = _format_param(params)
    _bool_param(params, "attachments")
    voided = "voidedStatementId" in single
    statement_id = params["voidedStatementId" if voided else "statementId"]
    if not is_uuid(statement_id):
        raise XAPIError(400, "the statement id must be a UUID")
    found = store.get(statement_id, voided=voided)
    if found is None:
        what = "no voided statement" if voided else "no statement (or it was voided)"
        raise XAPIError(404, f"{what} with id {statement_id.lower()}")
    stored_us, content = found
    language = request.headers.get("accept-language")
    body = _formatted(content.encode(), fmt, language)
    headers = {"Last-Modified": _http_date(stored_us)}
    if fmt == "canonical":
        headers["Vary"] = "Accept-Language"  # the answer depends on it
    return Response(body, media_type="application/json", headers=headers)


def _formatted(content: bytes, fmt: str, language: str | None) -> bytes:
    """A stored statement's JSON in the asked format ("exact": as stored, spliced in as it is)."""
    if fmt == "ids":
        return json.dumps(ids_format(json.loads(content))).encode()
    if fmt == "canonical":
        return json.dumps(canonical_format(json.loads(content), language)).encode()
    return content


# --------------------------------------------------------------------------- helpers


def _params(request: Request, allowed: set[str]) -> dict[str, str]:
    """Query parameters as a dict; unknown (or wrongly cased) or repeated ones are a 400."""
    params: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key not in allowed:
            raise XAPIError(400, f"unknown parameter {key!r}")
        if key in params:
            raise XAPIError(400, f"parameter {key!r} given more than once")
        params[key] = value
    return params


def _statements_body(request: Request, body: bytes) -> tuple[Any, dict[str, tuple[str, bytes]]]:
    """The statement(s) of a request, and the attachment data of a multipart/mixed one."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/"):
        return _json_body(body), {}
    try:
        body, parts = multipart.decode(content_type, body)
    except multipart.MultipartError as exc:
        raise XAPIError(400, str(exc)) from None
    return _json_body(body), parts


def _check_signatures(request: Request, device: Device, batch: list[dict], parts, *, single: bool) -> None:
    """400 (nothing stored) for a bad signature or missing attachment data; else keep the data."""
    store = hub_state(request).store
    try:
        signatures.check(store, device.name, batch, parts, single)
    except signatures.SignatureRejected as exc:
        where = "statement" if exc.index is None else f"statement {exc.index}"
        extra: dict[str, Any] = {"path": "attachments"}
        if exc.index is not None:
            extra["index"] = exc.index
        if isinstance(exc.statement_id, str):
            extra["id"] = exc.statement_id
        raise XAPIError(400, f"{where}: {exc.reason}", **extra) from None
    signatures.save_attachments(store, parts)


def _json_body(body: bytes) -> Any:
    try:
        return json.loads(
            body, object_pairs_hook=_no_repeated_keys, parse_float=_finite, parse_constant=_no_constant
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise XAPIError(400, f"the body is not valid JSON ({exc})") from None


def _finite(text: str) -> float:
    # 1e999 parses as infinity, which could not be written back out as JSON.
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"number {text} is out of range")
    return value


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict:
    # The spec forbids a property appearing twice; json.loads would silently keep the last.
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [k for k, _ in pairs]
        raise ValueError(f"property {next(k for k in keys if keys.count(k) > 1)!r} appears twice")
    return result


def _validate(statement: Any, index: int | None) -> None:
    """400 naming the bad statement: its index in the batch, its id, and what is wrong."""
    try:
        validate_statement(statement)
    except StatementError as exc:
        where = f"statement {index}" if index is not None else "statement"
        extra: dict[str, Any] = {"path": exc.path}
        if index is not None:
            extra["index"] = index
        if isinstance(statement, dict) and isinstance(statement.get("id"), str):
            extra["id"] = statement["id"]
        raise XAPIError(400, f"{where}: {exc}", **extra) from None


def _save(request: Request, batch: list[dict], device: Device, *, listed: bool) -> None:
    """Check what the device may record (403), then store the batch: all of it or nothing."""
    hub = hub_state(request)
    try:
        hub.scope.check(device, batch)
        hub.store.save(
            batch,
            authority=hub.authority(device.name),
            device=device.name,
            held_targets_only=device.scope == "school",
        )
    except Refused as exc:
        extra: dict[str, Any] = {"path": exc.path} if exc.path else {}
        if exc.index is not None and listed:
            extra["index"] = exc.index
        if isinstance(exc.statement_id, str):
            extra["id"] = exc.statement_id
        # One statement refused: the kiosk quarantines it; otherwise (no roster) it waits.
        code = STATEMENT_REFUSED if exc.index is not None else None
        raise XAPIError(403, exc.reason, code=code, **extra) from None
    except ForeignVoidingError as exc:
        index = next(i for i, s in enumerate(batch) if s["id"].lower() == exc.statement_id)
        raise XAPIError(
            403,
            f"statement {index}: {exc}; a device may void only statements it sent itself",
            code=STATEMENT_REFUSED,
            index=index,
            id=exc.statement_id,
            path="object.id",
        ) from None
    except ConflictError as exc:
        raise XAPIError(
            409,
            "statement id(s) already stored with different content; nothing from this request was stored",
            conflicts=exc.ids,
        ) from None
    except VoidingError as exc:
        index = next(i for i, s in enumerate(batch) if s["id"].lower() == exc.statement_id)
        raise XAPIError(
            400,
            f"statement {index}: {exc} (a voiding statement cannot be voided)",
            index=index,
            id=exc.statement_id,
            path="object.id",
        ) from None


def _parse_query(params: dict[str, str]) -> tuple[StatementQuery, int, str]:
    agent = None
    if "agent" in params:
        try:
            parsed = json.loads(params["agent"])
            validate_agent_param(parsed)
        except ValueError as exc:  # JSONDecodeError and StatementError are ValueErrors
            raise XAPIError(400, f"agent: {exc}") from None
        agent = agent_key(parsed)
    for key in ("verb", "activity"):
        if key in params and not is_iri(params[key]):
            raise XAPIError(400, f"{key} must be an IRI")
    if "registration" in params and not is_uuid(params["registration"]):
        raise XAPIError(400, "registration must be a UUID")
    times = {}
    for key in ("since", "until"):
        if key in params:
            try:
                parse_timestamp(params[key])
            except ValueError as exc:
                raise XAPIError(400, f"{key}: {exc}") from None
            times[key] = timestamp_us(params[key])
    try:
        limit = int(params.get("limit", "0"))
    except ValueError:
        limit = -1
    if limit < 0:
        raise XAPIError(400, "limit must be a non-negative integer")
    _bool_param(params, "attachments")
    query = StatementQuery(
        agent=agent,
        verb=params.get("verb"),
        activity=params.get("activity"),
        registration=params.get("registration"),
        related_agents=_bool_param(params, "related_agents"),
        related_activities=_bool_param(params, "related_activities"),
        since_us=times.get("since"),
        until_us=times.get("until"),
        ascending=_bool_param(params, "ascending"),
    )
    return query, min(limit or MAX_LIMIT, MAX_LIMIT), _format_param(params)


def _bool_param(params: dict[str, str], key: str) -> bool:
    value = params.get(key, "false")
    if value not in ("true", "false"):
        raise XAPIError(400, f"{key} must be true or false")
    return value == "true"


def _format_param(params: dict[str, str]) -> str:
    value = params.get("format", "exact")
    if value not in ("ids", "exact", "canonical"):
        raise XAPIError(400, "format must be ids, exact or canonical")
    return value


def _encode_more(query: StatementQuery, limit: int, fmt: str, after: tuple[int, int]) -> str:
    """The `more` token: the whole query and where the page ended, so any hub process can
    continue it (nothing is kept in memory between requests)."""
    state = {"q": asdict(query), "l": limit, "f": fmt, "a": list(after)}
    raw = json.dumps(state, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode_more(token: str) -> tuple[StatementQuery, int, str, tuple[int, int]]:
    try:
        state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        query = StatementQuery(**state["q"])
        for field in fields(query):  # a tampered token must not reach the SQL as the wrong type
            value = getattr(query, field.name)
            expected = bool if field.type == "bool" else (int if "int" in field.type else str)
            if not (isinstance(value, expected) or (value is None and "None" in field.type)):
                raise ValueError
        limit, fmt = state["l"], state["f"]
        if not isinstance(state["a"], list) or len(state["a"]) != 2:
            raise ValueError
        after = (state["a"][0], state["a"][1])
        # Integers the database can hold (a bigger one was a 500), of the right JSON type.
        for value in (limit, *after, query.since_us, query.until_us):
            if value is not None and (type(value) is not int or value not in INT64):
                raise ValueError
        if not 0 < limit <= MAX_LIMIT or fmt not in ("ids", "exact", "canonical"):
            raise ValueError
    except (binascii.Error, ValueError, TypeError, KeyError, IndexError, RecursionError):
        raise XAPIError(400, "the 'more' link is not valid; start the query again") from None
    return query, limit, fmt, after


def _http_date(us: int) -> str:
    return formatdate(us / 1_000_000, usegmt=True)
