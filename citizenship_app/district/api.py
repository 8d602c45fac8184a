"""The hub's HTTP API: the xAPI 1.0.3 statements resource under /xapi.

    app = create_app(Store("sqlite:///hub.db"), home_page="https://hub.district.example")

    GET  /xapi/about                          versions (no credentials or version header needed)
    GET  /xapi/device-keys                    the devices' public keys (JWK Set), see signatures.py
    POST /xapi/statements                     one statement or a list -> 200 [ids]
    PUT  /xapi/statements?statementId=ID      one statement -> 204
    GET  /xapi/statements?statementId=ID      one statement (voidedStatementId= for a voided one)
    GET  /xapi/statements?agent=&verb=&...    {"statements": [...], "more": "/xapi/statements?more=..."}
    HEAD /xapi/statements?...                 the headers of the GET
    POST /enroll                              a kiosk enrolls with a one-time token (routes/enroll.py)
    GET  /ims/oneroster/v1p1/...              the roster, OneRoster 1.1 REST (routes/oneroster.py)
    GET  /xapi/kiosk-settings                 the settings for the device's school (routes/settings.py)

The routes live in `routes/` (one router each); authentication is their dependency
(`routes.common`). Credentials are checked before a body is read; a body is at most MAX_BODY
bytes (64 KB for /enroll; BodyCap, for every route) and must arrive within `body_timeout`;
failed sign-ins are throttled (auth.Throttle).
Connection limits and the header timeout are the server's (server.py).

Every statements request needs a device's HTTP Basic credentials and the
`X-Experience-API-Version: 1.0.x` header. Errors are JSON: {"error": code, "reason": text, ...}.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..core import xapi
from . import faults
from .routes import about, enroll, oneroster, settings, statements
from .routes.common import (
    MAX_BATCH,
    MAX_BODY,
    SUPPORTED_VERSIONS,
    XAPI_VERSION,
    BodyCap,
    HubState,
    VersionHeader,
    XAPIError,
)
from .scope import Scope
from .storage import Store

__all__ = ["MAX_BATCH", "MAX_BODY", "SUPPORTED_VERSIONS", "XAPI_VERSION", "XAPIError", "create_app"]


def create_app(
    store: Store,
    *,
    home_page: str,
    body_timeout: float = 30.0,
    sis_home_page: str = xapi.DEFAULT_SIS_HOME_PAGE,
    content: Path | None = None,
) -> FastAPI:
    """The FastAPI application; `home_page` is the account homePage of devices in `authority`;
    a request body must arrive within `body_timeout` seconds; `sis_home_page` is the homePage
    of the people statements are about, `content` the folder of lessons/ and quizzes/ whose
    modules results must name (default: the catalog installed with the app); see scope.py."""
    app = FastAPI(
        title="Citizenship Kiosk district hub",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        **_no_native_telemetry(),
    )
    scope = Scope(store, sis_home_page=sis_home_page, content=content)
    app.state.hub = HubState(store, home_page, body_timeout, scope)

    # Added first, so innermost of the app's own: its 413 reaches the HTTPException handler
    # directly, and the answer passes VersionHeader (below) on its way out like any other.
    app.add_middleware(BodyCap, default=MAX_BODY, caps={"/enroll": enroll.MAX_ENROLL_BODY})
    app.add_middleware(VersionHeader, version=XAPI_VERSION)

    @app.exception_handler(XAPIError)
    async def xapi_error(_request: Request, exc: XAPIError):
        return exc.response()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException):
        return XAPIError(exc.status_code, str(exc.detail), headers=exc.headers).response()

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, _exc: Exception):
        # The last resort, should InternalErrors (below) itself fail.
        return faults.internal_error_response(XAPI_VERSION)

    app.include_router(about.router)
    app.include_router(statements.router)
    app.include_router(enroll.router)
    app.include_router(settings.router)
    app.include_router(oneroster.router)
    # Added last, so outermost: any exception of the routes or middleware is a JSON 500,
    # logged without the request's data; the access log shows parameter names, not values.
    app.add_middleware(faults.InternalErrors, version=XAPI_VERSION)
    faults.hide_query_values()
    return app


def _no_native_telemetry() -> dict[str, Any]:
    """FastAPI's own OpenTelemetry (from 0.165) makes each request a span wherever a tracer
    provider is configured in the process, with the query's values (an `agent=` names a
    student), which the hub keeps even out of its access log (faults.hide_query_values): off.
    Earlier FastAPI versions have no such parameter."""
    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    off = ("tracing", "metrics", "logs", "operation_spans", "auto_configure")
    return {"telemetry": dict.fromkeys(off, False)}
