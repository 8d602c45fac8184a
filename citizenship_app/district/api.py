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
    GET  /xapi/kiosk-settings                 the settings for the device's school (routes/settings.py)

The routes live in `routes/` (one router each); authentication is their dependency
(`routes.common`). Credentials are checked before a body is read; a body is at most MAX_BODY
bytes and must arrive within `body_timeout`; failed sign-ins are throttled (auth.Throttle).
Connection limits and the header timeout are the server's (server.py).

Every statements request needs a device's HTTP Basic credentials and the
`X-Experience-API-Version: 1.0.x` header. Errors are JSON: {"error": code, "reason": text, ...}.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..core import xapi
from .routes import about, enroll, settings, statements
from .routes.common import MAX_BATCH, MAX_BODY, SUPPORTED_VERSIONS, XAPI_VERSION, HubState, XAPIError
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
    app = FastAPI(title="Citizenship Kiosk district hub", docs_url=None, redoc_url=None, openapi_url=None)
    scope = Scope(store, sis_home_page=sis_home_page, content=content)
    app.state.hub = HubState(store, home_page, body_timeout, scope)

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

    app.include_router(about.router)
    app.include_router(statements.router)
    app.include_router(enroll.router)
    app.include_router(settings.router)
    return app
