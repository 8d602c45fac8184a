"""What every route shares: the hub's state, JSON errors, authentication and body reading.

Authentication is a FastAPI dependency (`device_for_write`, `device_for_read`; GET
/xapi/statements calls `authenticate` itself, in its one trip to the thread pool). The write one
runs before the handler touches the body: a request that is refused never makes the hub
receive (or hold in memory) what it sends; failed sign-ins are throttled (auth.Throttle) and
the password check runs in the thread pool.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import ProgrammingError, SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Send
from starlette.types import Scope as ASGIScope

from .. import auth, fleet
from ..scope import Scope
from ..shared_pages import SharedPages
from ..storage import Device, Store

XAPI_VERSION = "1.0.3"
SUPPORTED_VERSIONS = ["1.0.0", "1.0.1", "1.0.2", "1.0.3"]
MAX_BATCH = 1000  # statements per POST; larger batches get 413
MAX_BODY = 16 * 1024 * 1024  # bytes per request body (1000 kiosk statements are about 1 MB); BodyCap
#: The error code of a 403 for a statement the device may not record (kiosks quarantine it;
#: any other 403 is about the device itself). core.sync.STATEMENT_REFUSED is the same.
STATEMENT_REFUSED = "statement_refused"
log = logging.getLogger("uvicorn.error")


class XAPIError(Exception):
    """An error answered as JSON: {"error": code, "reason": text, **extra}."""

    CODES = {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        408: "timeout",
        409: "conflict",
        413: "too_large",
        429: "too_many_requests",
    }

    def __init__(
        self,
        status: int,
        reason: str,
        *,
        headers: Mapping[str, str] | None = None,
        code: str | None = None,
        **extra: Any,
    ):
        super().__init__(reason)
        self.status, self.reason, self.extra = status, reason, extra
        self.code = code or self.CODES.get(status, "error")
        self.headers = dict(headers or {})

    def response(self) -> JSONResponse:
        body = {"error": self.code, "reason": self.reason, **self.extra}
        headers = dict(self.headers)
        if self.status == 401:
            headers["WWW-Authenticate"] = f'Basic realm="{auth.REALM}", charset="UTF-8"'
        return JSONResponse(body, status_code=self.status, headers=headers)


@dataclass
class HubState:
    """One app's settings and helpers, kept on `app.state.hub`."""

    store: Store
    home_page: str  # the account homePage of devices in `authority`
    body_timeout: float  # seconds a request body has to arrive
    scope: Scope  # what a device may record
    verifier: auth.Verifier = field(default_factory=auth.Verifier)
    throttle: auth.Throttle = field(default_factory=auth.Throttle)
    fleet: fleet.Recorder = field(init=False)  # last contact and reports, see fleet.py
    pages: SharedPages = field(default_factory=SharedPages)  # identical pages at once: one query
    check_grant_warned: bool = False  # said once that the role may not store password checks

    def __post_init__(self) -> None:
        self.fleet = fleet.Recorder(self.store)

    def authority(self, device: str) -> dict:
        return {"objectType": "Agent", "account": {"homePage": self.home_page, "name": device}}


def hub_state(request: Request) -> HubState:
    return request.app.state.hub


def authenticate(request: Request) -> Device:
    """The device of the request's credentials; then the version header check."""
    device = credentials_device(request)
    check_version(request)
    return device


def credentials_device(request: Request, *, counts: bool = True) -> Device:
    """The device of the request's HTTP Basic credentials (401 or 429 else), its contact noted
    (`counts=False`: without using up the fleet view's minute, see fleet.Recorder.seen)."""
    hub = hub_state(request)
    credentials = auth.parse_basic(request.headers.get("authorization"))
    if credentials is None:
        raise XAPIError(401, "device credentials required (HTTP Basic)")
    name, password = credentials
    device = hub.store.device(name) if auth.DEVICE_NAME.fullmatch(name) else None
    keys = (f"device:{name}", f"address:{request.client.host if request.client else '-'}")
    known = device or auth.dummy_credential()  # an unknown name costs what a wrong password does
    # Microseconds: checked before any limit, so a kiosk with its right password is served
    # whatever guessers sharing its school's address or its name have done.
    verdict = auth.check_password(password, known.password_check, known.password_hash)
    if device is not None and verdict is None:  # no usable cheap check: scrypt, within the limit
        verdict = _scrypt_check(hub, keys, device, password)
    elif device is None or not verdict:
        verdict = False
        refuse_if_limited(hub.throttle.failed(keys))
    if not verdict:
        raise XAPIError(401, "unknown device or wrong password")
    assert device is not None  # the credentials matched its stored hash
    hub.fleet.seen(device.name, request.headers, counts=counts)
    return device


def _scrypt_check(hub: HubState, keys: tuple[str, ...], device: Device, password: str) -> bool:
    """A password of a device without a usable cheap check (added by an earlier version, or
    its password changed by one) against its stored hash (scrypt: 40-80 ms of CPU), so
    throttled before the check; on success the device gets a cheap check (auth.upgrade)."""
    # Known credentials (a kiosk that signed in before) skip the throttle: guessers sharing
    # its address or its name cannot lock it out.
    verdict = hub.verifier.known(device.name, password, device.password_hash)
    if verdict is False:  # a wrong pair remembered from the last 30 s
        refuse_if_limited(hub.throttle.failed(keys))
    if verdict is not None:
        return verdict
    refuse_if_limited(hub.throttle.attempt(keys))  # in flight (against the limit) until settled
    failed = True
    try:
        verdict = hub.verifier.check(device.name, password, device.password_hash)
        failed = not verdict
    finally:
        hub.throttle.settle(keys, failed=failed)
    if verdict and len(password) >= auth.PASSWORD_LENGTH:
        new_hash, check = auth.upgrade(password, device.password_hash)
        try:
            hub.store.set_password_check(
                device.name, device.password_hash, device.password_check, check, new_hash=new_hash
            )
        except SQLAlchemyError as exc:  # the request is served all the same
            _cannot_store_check(hub, exc)
    return verdict


def _cannot_store_check(hub: HubState, exc: SQLAlchemyError) -> None:
    """Say why a device's cheap check was not stored: once per process for a missing grant,
    each time for anything else (a busy or unreachable database: the next sign-in retries)."""
    if isinstance(exc, ProgrammingError):
        if not hub.check_grant_warned:
            hub.check_grant_warned = True
            log.warning(
                "cannot store devices' cheap password checks (%s): devices added by earlier "
                "versions keep costing scrypt at each new sign-in; grant the hub role "
                "UPDATE (password_hash, password_check) ON devices (docs/district-hub.md)",
                type(exc).__name__,
            )
    else:
        log.warning(
            "could not store a device's cheap password check (%s); a later scrypt check of it retries",
            type(exc).__name__,
        )


def refuse_if_limited(wait: float, what: str = "sign-ins for this device name or from this address") -> None:
    """429 with Retry-After when a throttle said to wait (`wait` seconds; 0: go on)."""
    if wait:
        seconds = str(math.ceil(wait))
        raise XAPIError(
            429, f"too many failed {what}; try again in {seconds} s", headers={"Retry-After": seconds}
        )


def device_for_read(request: Request) -> Device:
    """Dependency of the reading routes (FastAPI runs it in the thread pool)."""
    return authenticate(request)


async def device_for_write(request: Request) -> Device:
    """Dependency of the writing routes: credentials, and the right to write, are checked
    before the body is read."""
    try:
        device = await run_in_threadpool(authenticate, request)
        if device.scope == "read-only":
            raise XAPIError(
                403, f"device {device.name!r} has a read-only credential: it may GET, never POST or PUT"
            )
        if device.scope is None:
            raise XAPIError(
                403,
                f"device {device.name!r} has no school yet: IT must give it one "
                f"(citizenship-district device set {device.name} --school ORG_SOURCED_ID)",
            )
        return device
    except XAPIError as exc:
        exc.headers["Connection"] = "close"  # the unread body is not worth receiving
        raise


def check_version(request: Request) -> None:
    version = request.headers.get("x-experience-api-version")
    if version is None:
        raise XAPIError(400, "the X-Experience-API-Version header is required (1.0.3)")
    if version != "1.0" and not (version.startswith("1.0.") and version[4:].isdigit()):
        raise XAPIError(400, f"unsupported xAPI version {version!r}: this hub speaks 1.0.x")


async def read_body(request: Request) -> bytes:
    """The body, within the hub's body timeout (408 else); BodyCap limits its size."""
    body_timeout = hub_state(request).body_timeout
    try:
        async with asyncio.timeout(body_timeout):
            return await request.body()
    except TimeoutError:
        raise XAPIError(
            408,
            f"the request body did not arrive within {body_timeout:g} s",
            headers={"Connection": "close"},
        ) from None


class VersionHeader:
    """ASGI middleware: `X-Experience-API-Version` on every answer (a function middleware,
    Starlette's BaseHTTPMiddleware, would cost each request a task and a stream of its own)."""

    def __init__(self, app: ASGIApp, *, version: str):
        self.app, self.header = app, (b"x-experience-api-version", version.encode())

    async def __call__(self, scope: ASGIScope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != self.header[0]]
                message = {**message, "headers": [*headers, self.header]}
            await send(message)

        await self.app(scope, receive, sending)


class BodyCap:
    """ASGI middleware: no route receives more than its path's cap of body bytes (`caps`,
    else `default`), whether it reads with read_body, request.body() or a pydantic model.

    The check is in `receive`, so it costs nothing until a route reads: a request refused
    from its headers (401) is answered as such, a body announced too large fails at the first
    read before any byte is taken, and a chunked one as it passes the cap. 413, JSON (the app's
    HTTPException handler), `Connection: close`: the rest of the body is never received.
    """

    def __init__(self, app: ASGIApp, *, default: int, caps: dict[str, int]):
        self.app, self.default, self.caps = app, default, caps

    async def __call__(self, scope: ASGIScope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.caps.get(scope["path"], self.default)
        length = Headers(scope=scope).get("content-length", "")
        announced = int(length) if length.isdigit() else 0  # h11 refuses a malformed one
        received = 0

        async def capped() -> Message:
            nonlocal received
            if announced > cap:
                raise _too_large(cap)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise _too_large(cap)
            return message

        await self.app(scope, capped, send)


def _too_large(cap: int) -> HTTPException:
    size = f"{cap // 2**20} MB" if cap >= 2**20 else f"{cap // 2**10} KB"
    return HTTPException(
        413,
        f"the request body is over {size}, this request's limit; send less "
        f"(a statements batch is at most {MAX_BATCH} statements)",
        headers={"Connection": "close"},
    )
