"""A fault inside the hub: the client gets a JSON 500, the log gets what broke and where, and
neither gets student data.

    app.add_middleware(InternalErrors)      # outermost of the app's middleware
    hide_query_values()                     # uvicorn's access log: parameter names, no values

An exception's message may carry the request's data: SQLAlchemy appends the SQL parameters
(a student's account name, a statement's JSON), PostgreSQL's "Failing row contains (...)" the
row. So the log line names the exception's class (and its causes'), the request's method and
path, and the code's frames, never a message. Likewise the access log would print query
strings, and `agent=` (or a `more` token, which encodes the query) names a student.
"""

from __future__ import annotations

import logging
import traceback
from urllib.parse import parse_qsl

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The server's error log: where uvicorn logged an exception (with its message) before.
log = logging.getLogger("uvicorn.error")

_OWN = "citizenship_app/"  # frames of the hub's own code (paths are shown from here)
REASON = "the hub failed on this request; try again later (the hub's log has the details)"


def internal_error_response(version: str) -> JSONResponse:
    """The 500 answer: JSON like every other error, the xAPI version header, and the connection
    closed (it drops whatever state the failed request left on it)."""
    return JSONResponse(
        {"error": "internal_error", "reason": REASON},
        status_code=500,
        headers={"X-Experience-API-Version": version, "Connection": "close"},
    )


def describe(exc: BaseException) -> str:
    """The exception's class and its causes' (with a database's error code, which names the
    kind of failure), then where: the hub's own frames and the innermost one. No message."""
    kinds: list[str] = []
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        code = getattr(cause, "sqlstate", None) or getattr(cause, "sqlite_errorname", None)
        kind = f"{type(cause).__module__}.{type(cause).__qualname__}"
        kinds.append(f"{kind} [{code}]" if isinstance(code, str) else kind)
        cause = cause.__cause__ or cause.__context__
    frames = traceback.extract_tb(exc.__traceback__)
    where = [f for i, f in enumerate(frames) if _OWN in f.filename or i == len(frames) - 1]
    lines = [f"  at {f.filename.rsplit(_OWN, 1)[-1]}:{f.lineno} in {f.name}" for f in where]
    return " <- ".join(kinds) + "".join("\n" + line for line in lines)


class InternalErrors:
    """ASGI middleware: an exception no handler answered becomes `internal_error_response`,
    logged by `describe`. (Starlette's own last resort answers too, but then re-raises for the
    server to log the exception with its message.)"""

    def __init__(self, app: ASGIApp, version: str):
        self.app, self.version = app, version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            log.error("internal error on %s %s: %s", scope["method"], scope["path"], describe(exc))
            if not started:  # else the server closes the connection of the unfinished answer
                await internal_error_response(self.version)(scope, receive, send)


class _QueryValuesHidden(logging.Filter):
    """uvicorn.access records are (client, method, path with query, http version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str) and "?" in args[2]:
            path, query = args[2].split("?", 1)
            names = "&".join(f"{name}=..." for name, _ in parse_qsl(query, keep_blank_values=True))
            record.args = (args[0], args[1], f"{path}?{names}", args[3], args[4])
        return True


def hide_query_values(logger: str = "uvicorn.access") -> None:
    """Log requests' parameter names without their values (once per process)."""
    target = logging.getLogger(logger)
    if not any(isinstance(f, _QueryValuesHidden) for f in target.filters):
        target.addFilter(_QueryValuesHidden())
