"""The hub's HTTP API: the xAPI 1.0.3 statements resource under /xapi.

    app = create_app(Store("sqlite:///hub.db"), home_page="https://hub.district.example")

    GET  /xapi/about                          versions (no credentials or version header needed)
    GET  /xapi/device-keys                    the devices' public keys (JWK Set), see signatures.py
    POST /xapi/statements                     one statement or a list -> 200 [ids]
    PUT  /xapi/statements?statementId=ID      one statement -> 204
    GET  /xapi/statements?statementId=ID      one statement (voidedStatementId= for a voided one)
    GET  /xapi/statements?agent=&verb=&...    {"statements": [...], "more": "/xapi/statements?more=..."}
    HEAD /xapi/statements?...                 the headers of the GET

Credentials are checked before a body is read; a body is at most MAX_BODY bytes and must arrive
within `body_timeout`; failed sign-ins are throttled (auth.Throttle). Connection limits and the
header timeout are the server's (server.py).

Every statements request needs a device's HTTP Basic credentials and the
`X-Experience-API-Version: 1.0.x` header. Errors are JSON: {"error": code, "reason": text, ...}.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import math
import uuid
from dataclasses import asdict, fields
from email.utils import formatdate
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..core import multipart
from . import auth, signatures
from .statements import (
    StatementError,
    agent_key,
    format_us,
    ids_format,
    is_iri,
    is_uuid,
    parse_timestamp,
    timestamp_us,
    validate_agent_param,
    validate_statement,
)
from .storage import ConflictError, StatementQuery, Store, VoidingError

XAPI_VERSION = "1.0.3"
SUPPORTED_VERSIONS = ["1.0.0", "1.0.1", "1.0.2", "1.0.3"]
MAX_LIMIT = 500  # statements per page when the client asks for more (or for 0: "the maximum")
MAX_BATCH = 1000  # statements per POST; larger batches get 413
MAX_BODY = 16 * 1024 * 1024  # bytes per request body (1000 kiosk statements are about 1 MB)
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


class XAPIError(Exception):
    """An error answered as JSON: {"error": code, "reason": text, **extra}."""

    CODES = {
        400: "bad_request",
        401: "unauthorized",
        404: "not_found",
        408: "timeout",
        409: "conflict",
        413: "too_large",
        429: "too_many_requests",
    }

    def __init__(self, status: int, reason: str, *, headers: dict[str, str] | None = None, **extra: Any):
        super().__init__(reason)
        self.status, self.reason, self.extra = status, reason, extra
        self.headers = dict(headers or {})

    def response(self) -> JSONResponse:
        body = {"error": self.CODES.get(self.status, "error"), "reason": self.reason, **self.extra}
        headers = dict(self.headers)
        if self.status == 401:
            headers["WWW-Authenticate"] = f'Basic realm="{auth.REALM}", charset="UTF-8"'
        return JSONResponse(body, status_code=self.status, headers=headers)


def create_app(store: Store, *, home_page: str, body_timeout: float = 30.0) -> FastAPI:
    """The FastAPI application; `home_page` is the account homePage of devices in `authority`;
    a request body must arrive within `body_timeout` seconds."""
    app = FastAPI(title="Citizenship Kiosk district hub", docs_url=None, redoc_url=None, openapi_url=None)
    verifier = auth.Verifier()
    throttle = auth.Throttle()

    @app.middleware("http")
    async def xapi_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["X-Experience-API-Version"] = XAPI_VERSION
        return response

    @app.exception_handler(XAPIError)
    async def xapi_error(_request: Request, exc: XAPIError):
        return exc.response()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException):
        return XAPIError(exc.status_code, str(exc.detail)).response()

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, _exc: Exception):
        # Runs outside the middleware above, so the version header is set here. The details
        # go to the hub's log (uvicorn logs the exception), never to the client; closing the
        # connection drops whatever state the failed request left on it.
        return JSONResponse(
            {
                "error": "internal_error",
                "reason": "the hub failed on this request; try again later (the hub's log has the details)",
            },
            status_code=500,
            headers={"X-Experience-API-Version": XAPI_VERSION, "Connection": "close"},
        )

    def authenticate(request: Request) -> str:
        """The device name for the request's credentials; then the version header check."""
        credentials = auth.parse_basic(request.headers.get("authorization"))
        if credentials is None:
            raise XAPIError(401, "device credentials required (HTTP Basic)")
        name, password = credentials
        stored = store.device_hash(name) if auth.DEVICE_NAME.fullmatch(name) else None
        # Known credentials (a kiosk that signed in before) skip the throttle: guessers sharing
        # its address or its name cannot lock it out.
        verdict = verifier.known(name, password, stored)
        keys = (f"device:{name}", f"address:{request.client.host if request.client else '-'}")
        if verdict is None:
            wait = max(throttle.wait(key) for key in keys)
            if wait:
                seconds = str(math.ceil(wait))
                raise XAPIError(
                    429,
                    f"too many failed sign-ins for this device name or from this "
                    f"address; try again in {seconds} s",
                    headers={"Retry-After": seconds},
                )
            verdict = verifier.check(name, password, stored)  # scrypt: ~40-80 ms of CPU
        if not verdict:
            for key in keys:
                throttle.failed(key)
            raise XAPIError(401, "unknown device or wrong password")
        _check_version(request)
        return name

    async def authenticate_first(request: Request) -> str:
        """Credentials are checked before the body is read: a request that is refused never
        makes the hub receive (or hold in memory) what it sends."""
        try:
            return await run_in_threadpool(authenticate, request)
        except XAPIError as exc:
            exc.headers["Connection"] = "close"  # the unread body is not worth receiving
            raise

    async def read_body(request: Request) -> bytes:
        """The body, at most MAX_BODY bytes, within `body_timeout` seconds (413 or 408 else)."""
        too_large = XAPIError(
            413,
            f"the request body is over {MAX_BODY // 2**20} MB; send smaller "
            f"batches (at most {MAX_BATCH} statements)",
            headers={"Connection": "close"},
        )
        length = request.headers.get("content-length", "0")
        if not length.isdigit():
            raise XAPIError(400, "bad Content-Length header", headers={"Connection": "close"})
        if int(length) > MAX_BODY:
            raise too_large
        chunks, size = [], 0
        try:
            async with asyncio.timeout(body_timeout):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > MAX_BODY:
                        raise too_large
                    chunks.append(chunk)
        except TimeoutError:
            raise XAPIError(
                408,
                f"the request body did not arrive within {body_timeout:g} s",
                headers={"Connection": "close"},
            ) from None
        return b"".join(chunks)

    def authority(device: str) -> dict:
        return {"objectType": "Agent", "account": {"homePage": home_page, "name": device}}

    @app.get("/xapi/about")
    async def about():
        # The extension tells kiosks that this hub checks signatures and lists devices' keys.
        return {"version": SUPPORTED_VERSIONS, "extensions": {signatures.ABOUT_EXTENSION: True}}

    @app.get("/xapi/" + signatures.KEYS_PATH)
    async def device_keys(request: Request):
        await authenticate_first(request)
        return await run_in_threadpool(signatures.key_set, store)

    @app.post("/xapi/statements")
    async def post_statements(request: Request):
        device = await authenticate_first(request)
        body = await read_body(request)
        return await run_in_threadpool(_post, request, body, device)

    def _post(request: Request, body: bytes, device: str) -> Response:
        if request.query_params:
            # The alternate request syntax (POST with ?method=) is not supported.
            raise XAPIError(400, f"unexpected parameters: {', '.join(request.query_params)}")
        payload, parts = _statements_body(request, body)
        batch = payload if isinstance(payload, list) else [payload]
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
        _check_signatures(store, device, batch, parts, single=not isinstance(payload, list))
        _save(store, batch, authority(device), device)
        return JSONResponse([statement["id"].lower() for statement in batch])

    @app.put("/xapi/statements")
    async def put_statement(request: Request):
        device = await authenticate_first(request)
        body = await read_body(request)
        return await run_in_threadpool(_put, request, body, device)

    def _put(request: Request, body: bytes, device: str) -> Response:
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
        _check_signatures(store, device, [statement], parts, single=True)
        _save(store, [statement], authority(device), device)
        return Response(status_code=204)

    @app.api_route("/xapi/statements", methods=["GET", "HEAD"])  # HEAD: the headers of the GET
    async def get_statements(request: Request):
        return await run_in_threadpool(_get, request)

    def _get(request: Request) -> Response:
        authenticate(request)
        # Read before the query: a statement stored up to this instant is committed, so the
        # query sees it (a write still in flight may commit later with an earlier `stored`).
        # On every answer to an authenticated GET, errors included (the spec says every GET).
        through = {"X-Experience-API-Consistent-Through": format_us(store.consistent_through())}
        try:
            response = _get_statements(request, through)
        except XAPIError as exc:
            exc.headers.update(through)
            raise
        if request.query_params.get("attachments") == "true" and response.status_code == 200:
            content_type, body = signatures.with_attachments(store, response.body)
            drop = ("content-type", "content-length")
            headers = {k: v for k, v in response.headers.items() if k.lower() not in drop}
            return Response(body, media_type=content_type, headers=headers)
        return response

    def _get_statements(request: Request, through: dict[str, str]) -> Response:
        params = _params(request, _GET_PARAMS)
        single = {"statementId", "voidedStatementId"} & params.keys()
        if single:
            response = _get_one(params, single)
            response.headers.update(through)
            return response
        if "more" in params:
            if len(params.keys() - {"attachments"}) > 1:
                raise XAPIError(400, "'more' cannot be combined with other parameters")
            query, limit, fmt, after = _decode_more(params["more"])
        else:
            query, limit, fmt = _parse_query(params)
            after = None
        rows, more = store.query(query, limit=limit, after=after)
        items = [
            content if fmt != "ids" else json.dumps(ids_format(json.loads(content))) for _, _, content in rows
        ]
        next_url = ""
        if more:
            last_stored, last_seq = rows[-1][0], rows[-1][1]
            token = _encode_more(query, limit, fmt, (last_stored, last_seq))
            next_url = f"{request.scope.get('root_path', '')}/xapi/statements?more={token}"
            if params.get("attachments") == "true":  # the next page comes with its attachments too
                next_url += "&attachments=true"
        # The stored JSON is spliced in as it is: statements come back exactly as kept.
        body = '{"statements":[' + ",".join(items) + '],"more":' + json.dumps(next_url) + "}"
        headers = dict(through)
        if rows:
            headers["Last-Modified"] = _http_date(max(r[0] for r in rows))
        return Response(body, media_type="application/json", headers=headers)

    def _get_one(params: dict[str, str], single: set[str]) -> Response:
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
        if fmt == "ids":
            content = json.dumps(ids_format(json.loads(content)))
        return Response(
            content, media_type="application/json", headers={"Last-Modified": _http_date(stored_us)}
        )

    return app


# --------------------------------------------------------------------------- helpers


def _check_version(request: Request) -> None:
    version = request.headers.get("x-experience-api-version")
    if version is None:
        raise XAPIError(400, "the X-Experience-API-Version header is required (1.0.3)")
    if version != "1.0" and not (version.startswith("1.0.") and version[4:].isdigit()):
        raise XAPIError(400, f"unsupported xAPI version {version!r}: this hub speaks 1.0.x")


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


def _check_signatures(store: Store, device: str, batch: list[dict], parts, *, single: bool) -> None:
    """400 (nothing stored) for a bad signature or missing attachment data; else keep the data."""
    try:
        signatures.check(store, device, batch, parts, single)
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


def _save(store: Store, batch: list[dict], authority: dict, device: str) -> None:
    try:
        store.save(batch, authority=authority, device=device)
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
    # "canonical" is answered like "exact": the hub keeps no canonical activity definitions.
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
    except (binascii.Error, ValueError, TypeError, KeyError, IndexError):
        raise XAPIError(400, "the 'more' link is not valid; start the query again") from None
    return query, limit, fmt, after


def _http_date(us: int) -> str:
    return formatdate(us / 1_000_000, usegmt=True)
