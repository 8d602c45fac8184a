"""OneRoster 1.1 REST rostering (JSON) under /ims/oneroster/v1p1, from the hub's roster.

    GET /orgs  /schools  /academicSessions  /terms                       any device
    GET /schools/{id}/courses|classes|users|students|teachers|enrollments  its school's, a district device
    GET /courses  /classes  /users  /students  /teachers  /enrollments      district devices only

Every collection takes the spec's `filter` (`field op 'value'`, AND or OR), `sort` and
`orderBy`, `limit` (default 100) and `offset`, and `fields`; the answer carries
`X-Total-Count` and a `Link` header (first, prev, next, last). The device's HTTP Basic
credentials are the ones it syncs with (no xAPI version header needed). A school device sees
its own school only: another school's, or the whole district's people, is 403. The objects,
`dateLastModified` and `/schools/{id}/users` (an extension: everyone of that school, each
who left it `tobedeleted`) are district/oneroster.py's.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request, Response

from .. import oneroster
from ..storage import Device
from .common import XAPIError, credentials_device, hub_state

router = APIRouter(prefix=oneroster.PATH)


def _device(request: Request) -> Device:
    """The device, its contact noted without using up the fleet view's minute: the requests
    of a sync round that carry its counts (X-Kiosk-Pending) are the xAPI ones."""
    return credentials_device(request, counts=False)


DeviceDep = Annotated[Device, Depends(_device)]
_ANYONE = {"orgs", "academicSessions"}  # no person in them


def _query(request: Request) -> oneroster.Query:
    try:
        return oneroster.Query.parse(dict(request.query_params))
    except oneroster.BadQuery as exc:
        raise XAPIError(400, str(exc)) from None


def _answer(request: Request, response: Response, kind: str, objects: list[dict]) -> dict:
    query = _query(request)
    try:
        page, total = oneroster.select(objects, query)
    except oneroster.BadQuery as exc:
        raise XAPIError(400, str(exc)) from None
    return _paged(request, response, query, page, total, kind)


def _paged(
    request: Request, response: Response, query: oneroster.Query, page: list[dict], total: int, key: str
) -> dict:
    """The page under its collection's key, with X-Total-Count and the Link header."""
    response.headers["X-Total-Count"] = str(total)
    links = []

    def link(offset: int, rel: str) -> None:
        params = {**request.query_params, "offset": str(offset), "limit": str(query.limit)}
        links.append(f'<{request.url.path}?{urlencode(params)}>; rel="{rel}"')

    last = max(0, (total - 1) // query.limit * query.limit)
    if query.offset + query.limit < total:
        link(query.offset + query.limit, "next")
    if query.offset > 0:
        link(max(0, query.offset - query.limit), "prev")
    link(0, "first")
    link(last, "last")
    response.headers["Link"] = ", ".join(links)
    return {key: page}


def _school_of(device: Device, school: str | None) -> None:
    """403 unless the device may see `school` (None: the whole district)."""
    if device.scope == "district":
        return
    if device.scope == "school" and school is not None and device.school == school:
        return
    where = f"school {school!r}" if school else "the whole district's people"
    raise XAPIError(
        403,
        f"device {device.name!r} may not read the roster of {where}: a school's device reads its own "
        "school (/schools/ITS_ID/...), a district device everything",
    )


def _collection(request: Request, device: Device, kind: str, school: str | None, role: str | None = None):
    if kind not in _ANYONE:
        _school_of(device, school)
    return oneroster.collection(hub_state(request).store, kind, school=school, role=role)


@router.get("/orgs")
def orgs(request: Request, response: Response, device: DeviceDep) -> dict:
    return _answer(request, response, "orgs", _collection(request, device, "orgs", None))


@router.get("/schools")
def schools(request: Request, response: Response, device: DeviceDep) -> dict:
    found = [o for o in _collection(request, device, "orgs", None) if o.get("type") == "school"]
    return _answer(request, response, "orgs", found)


@router.get("/academicSessions")
def sessions(request: Request, response: Response, device: DeviceDep) -> dict:
    return _answer(
        request, response, "academicSessions", _collection(request, device, "academicSessions", None)
    )


@router.get("/terms")
def terms(request: Request, response: Response, device: DeviceDep) -> dict:
    found = [s for s in _collection(request, device, "academicSessions", None) if s.get("type") == "term"]
    return _answer(request, response, "academicSessions", found)


@router.get("/{kind}")
def district_wide(kind: str, request: Request, response: Response, device: DeviceDep) -> dict:
    return _listing(request, response, device, kind, None)


@router.get("/schools/{school}/{kind}")
def of_school(school: str, kind: str, request: Request, response: Response, device: DeviceDep) -> dict:
    return _listing(request, response, device, kind, school)


def _listing(request: Request, response: Response, device: Device, kind: str, school: str | None) -> dict:
    role = oneroster.ROLE_COLLECTIONS.get(kind)
    base = "users" if role else kind
    if base not in ("courses", "classes", "users", "enrollments"):
        raise XAPIError(404, f"no OneRoster collection {kind!r} here")
    _school_of(device, school)
    query = _query(request)
    try:
        page, total = oneroster.page_of(hub_state(request).store, base, query, school=school, role=role)
    except oneroster.BadQuery as exc:
        raise XAPIError(400, str(exc)) from None
    return _paged(request, response, query, page, total, base)
