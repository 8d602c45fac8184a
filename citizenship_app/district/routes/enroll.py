"""POST /enroll: a fresh kiosk registers itself with a one-time token (district/enrollment.py).

    POST /enroll  {"token": ..., "name": ..., "public_key": PEM, "app_version": ..., "proof": ...}
      200 {"username": name, "password": ..., "school": ORG}    the password is shown this once
      400 bad_request | 403 unknown_token, used_token, expired_token, not_a_school
      409 name_taken  | 429 too many failed attempts from this address

No device credentials: the token is the credential. Tokens are 256 random bits, looked up by
their SHA-256, so a check costs one indexed read: every enrollment is checked, and only failed
ones count against the address's limit (auth.Throttle.failed): someone posting made-up tokens
from a school's address is told 429, while that school's kiosks enrolling with IT's real token
are enrolled.
"""

from __future__ import annotations

import functools
import json

from fastapi import APIRouter, Request
from sqlalchemy.exc import ProgrammingError
from starlette.concurrency import run_in_threadpool

from .. import enrollment, settings
from .common import XAPIError, hub_state, read_body, refuse_if_limited

router = APIRouter()
MAX_ENROLL_BODY = 64 * 1024
_STATUS = {"bad_request": 400, "name_taken": 409}


@router.post("/enroll")
async def enroll(request: Request) -> dict:
    hub = hub_state(request)
    keys = (f"enroll:{request.client.host if request.client else '-'}",)
    body = await read_body(request)  # at most MAX_ENROLL_BODY bytes (api.BodyCap)
    try:
        data = json.loads(body)
        fields = {f: data[f] for f in ("token", "name", "public_key", "proof")}
        if not all(isinstance(v, str) for v in fields.values()):
            raise ValueError("token, name, public_key and proof must be strings")
        for value in fields.values():
            value.encode()  # a lone surrogate (valid JSON) is not text: UnicodeEncodeError, a ValueError
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        refuse_if_limited(hub.throttle.failed(keys), "enrollments from this address")
        raise XAPIError(
            400, f"an enrollment is JSON with token, name, public_key and proof ({exc})", code="bad_request"
        ) from None
    try:
        password, school = await run_in_threadpool(
            enrollment.enroll,
            hub.store,
            fields["token"],
            name=fields["name"],
            public_key=fields["public_key"],
            proof=fields["proof"],
        )
    except ProgrammingError:  # a hub role without the grants enrollment needs (PostgreSQL)
        raise XAPIError(
            503,
            "this hub may not enroll devices: its database role lacks the grants listed in "
            "docs/district-hub.md (Enrolling kiosks); ask IT",
            code="enrollment_unavailable",
        ) from None
    except enrollment.EnrollRefused as exc:
        if exc.code in ("unknown_token", "bad_request"):  # a guess, or not an enrollment at all
            refuse_if_limited(hub.throttle.failed(keys), "enrollments from this address")
        raise XAPIError(_STATUS.get(exc.code, 403), exc.reason, code=exc.code) from None
    version = data.get("app_version")
    headers = {"user-agent": f"citizenship-kiosk/{version}"} if isinstance(version, str) else {}
    await run_in_threadpool(functools.partial(hub.fleet.seen, fields["name"], headers, counts=False))
    # The district's settings for the school, so the kiosk applies them before its first round.
    district_settings = await run_in_threadpool(settings.for_school, hub.store, school)
    return {"username": fields["name"], "password": password, "school": school, "settings": district_settings}
