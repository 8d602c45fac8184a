"""The roster from a OneRoster 1.1 REST provider: the district hub, or the district's own SIS.

    source = Source.hub("https://hub.district.example/xapi/", "lab-07", password)
    source = Source.oauth("https://sis.example/ims/oneroster/v1p1", client_id, secret)
    result = sync_roster(db, source, school="org-hv")     # core.roster.ImportResult and more

Every page of every collection is read first (`limit`/`offset`, checked against
`X-Total-Count`), then written as a OneRoster CSV folder (0600 files in a 0700 folder in the
data directory, deleted at once) and imported by the same importer as a file import
(`core.roster.import_into` through the kiosk's store): every row checked, one transaction,
all or nothing. A source that fails half-way, or whose pages do not add up, imports nothing.

The first pull from a source is **bulk**: the kiosk's roster becomes the source's (for one
school: its courses, classes, people and enrollments, and the district's orgs and sessions),
and the importer's removal guard refuses one that would remove people, classes or enrollments
the kiosk holds (a truncated answer) unless `allow_removals`; the demo school goes without it.
Later pulls are **deltas**: `filter=dateLastModified>'CURSOR'` (the newest dateLastModified
of the last pull that went in), applied as a delta import: only rows the source marks
`tobedeleted` are removed, so a cut-short answer can remove no one. Each sync round
(`refresh`, from core.sync) pulls the enrolled school's changes from the hub this way.

The CSV is OneRoster 1.2's (users.csv with roles.csv), because 1.2 has the counselor role;
the hub marks counselors in a user's `metadata` (district/oneroster.py). A 1.1 `role` becomes
its 1.2 role (administrator: siteAdministrator), the first org the primary one.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from . import signing
from .errors import CoreError
from .roster import SPECS, ImportResult, KioskTarget, import_into
from .store import Store, get_setting, set_setting

log = logging.getLogger(__name__)

API_PATH = "ims/oneroster/v1p1"
#: OneRoster 1.1's OAuth 2 scope for reading the roster (1EdTech's security framework).
SCOPE = "https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly"
PAGE = 1000  # objects asked per page
MAX_OBJECTS = 250_000  # all collections together (the importer's own row cap)
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
SCHOOL_SETTING = "roster_school"  # the school this kiosk enrolled for (its hub roster's scope)
STATE_SETTING = "roster_sync"  # JSON {"source", "school", "cursor"}: the last pull that went in
ERROR_SETTING = "roster_sync_error"  # JSON [code, params] of the last round's failure, or ""
COUNSELOR = "citizenship-kiosk.counselor"  # district/oneroster.py's metadata key
ORDER = ["orgs", "academicSessions", "courses", "classes", "users", "enrollments"]
_ROLES_12 = {"administrator": "siteAdministrator"}


@dataclass
class Source:
    """A OneRoster REST service: its base URL (…/ims/oneroster/v1p1) and how to sign in."""

    url: str
    auth: httpx.Auth | tuple[str, str] | None = None
    token_url: str | None = None  # OAuth 2 client credentials
    client_id: str | None = None
    client_secret: str | None = None

    @classmethod
    def hub(cls, hub_url: str, username: str, password: str) -> Source:
        """The district hub (its address, or its xAPI endpoint), with the kiosk's credential."""
        return cls(api_url(hub_url), (username, password))

    @classmethod
    def oauth(cls, url: str, client_id: str, secret: str, token_url: str | None = None) -> Source:
        parts = urlsplit(url)
        base = parts.path.split("/ims/oneroster")[0].rstrip("/")
        default = urlunsplit((parts.scheme, parts.netloc, base + "/token", "", ""))
        return cls(url.rstrip("/"), None, token_url or default, client_id, secret)


def api_url(hub_url: str) -> str:
    """The OneRoster base URL of a hub given by its address or its xAPI endpoint."""
    parts = urlsplit(hub_url.strip())
    path = parts.path.rstrip("/")
    if path.endswith("/xapi"):
        path = path[: -len("/xapi")]
    if path.endswith("/" + API_PATH):
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return urlunsplit((parts.scheme, parts.netloc, f"{path}/{API_PATH}", "", ""))


@dataclass
class Pulled:
    """One pull: what the importer said, whether it was a delta, the new cursor."""

    result: ImportResult
    delta: bool
    cursor: str | None
    fetched: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {**self.result.to_json(), "delta": self.delta, "cursor": self.cursor, "fetched": self.fetched}


# --------------------------------------------------------------------------- reading


def _token(client: httpx.Client, source: Source) -> str:
    """An access token by OAuth 2 client credentials (RFC 6749 4.4), client authenticated
    with HTTP Basic, for the OneRoster roster scope."""
    assert source.token_url and source.client_id and source.client_secret is not None
    try:
        response = client.post(
            source.token_url,
            data={"grant_type": "client_credentials", "scope": SCOPE},
            auth=(source.client_id, source.client_secret),
        )
    except httpx.TransportError as exc:
        raise CoreError("roster-source-unreachable", url=source.token_url, kind=type(exc).__name__) from None
    token = _body(response).get("access_token")
    if response.status_code != 200 or not isinstance(token, str):
        raise CoreError("roster-token-refused", url=source.token_url, status=response.status_code)
    return token


def _body(response: httpx.Response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _paths(school: str | None) -> dict[str, list[str]]:
    """Where each collection is read; a school's people: its users (the hub), else its
    students and teachers (any OneRoster 1.1 provider)."""
    if school is None:
        return {name: [name] for name in ORDER}
    at = f"schools/{school}"
    return {
        "orgs": ["orgs"],
        "academicSessions": ["academicSessions"],
        "courses": [f"{at}/courses"],
        "classes": [f"{at}/classes"],
        "users": [f"{at}/users"],
        "enrollments": [f"{at}/enrollments"],
    }


def _pages(client: _Bound, url: str, key: str, params: dict) -> Iterator[list[dict]]:
    """Every page of one collection, to the first short page (or, where X-Total-Count is given,
    to that many objects, which must then be what was read); a provider that pages less than
    asked is followed to its empty page."""
    offset, ids = 0, set[str]()
    while True:
        try:
            response = client.get(url, params={**params, "limit": str(PAGE), "offset": str(offset)})
        except httpx.TransportError as exc:
            raise CoreError("roster-source-unreachable", url=url, kind=type(exc).__name__) from None
        if response.status_code in (401, 403):
            body = _body(response)
            reason = body.get("reason") or body.get("imsx_description") or ""
            raise CoreError(
                "roster-source-refused", url=url, status=response.status_code, reason=str(reason)[:300]
            )
        if response.status_code == 404:
            raise CoreError("roster-source-missing", url=url)
        if response.status_code != 200:
            raise CoreError("roster-source-failed", url=url, status=response.status_code)
        page = _body(response).get(key)
        if not isinstance(page, list) or not all(isinstance(o, dict) for o in page):
            raise CoreError("roster-source-bad", url=url, detail=f"the answer has no {key} list")
        new = {str(o.get("sourcedId")) for o in page} - ids
        if page and not new:
            raise CoreError(
                "roster-source-bad", url=url, detail=f"offset {offset} repeats objects already read"
            )
        ids |= new
        yield page
        total = response.headers.get("x-total-count", "")
        if total.isdigit() and (len(ids) >= int(total) or not page):
            if len(ids) != int(total):
                raise CoreError(
                    "roster-source-bad",
                    url=url,
                    detail=f"{len(ids)} objects read, X-Total-Count says {total}",
                )
            return
        if not page:
            return
        offset += len(page)


def fetch(
    source: Source, *, school: str | None = None, since: str | None = None, client: httpx.Client | None = None
) -> dict[str, list[dict]]:
    """Every object of the six collections (changed after `since`, if given), all or nothing."""
    from ..version import user_agent

    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": user_agent()})
    try:
        headers = {}
        auth = source.auth
        if source.client_id:
            headers["Authorization"] = f"Bearer {_token(http, source)}"
        params = {"filter": f"dateLastModified>'{since}'"} if since else {}
        out: dict[str, list[dict]] = {}
        count = 0
        for name, paths in _paths(school).items():
            objects: dict[str, dict] = {}
            for path in paths:
                url = f"{source.url}/{path}"
                for page in _pages(_Bound(http, auth, headers), url, name, params):
                    for obj in page:
                        objects[str(obj.get("sourcedId"))] = obj
                    count += len(page)
                    if count > MAX_OBJECTS:
                        raise CoreError(
                            "roster-source-bad", url=url, detail=f"more than {MAX_OBJECTS:,} objects"
                        )
            out[name] = list(objects.values())
        return out
    finally:
        if own:
            http.close()


class _Bound:
    """An httpx client's GET with this source's credentials."""

    def __init__(
        self, client: httpx.Client, auth: httpx.Auth | tuple[str, str] | None, headers: dict[str, str]
    ):
        self.client, self.auth, self.headers = client, auth, headers

    def get(self, url: str, params: dict) -> httpx.Response:
        if self.auth is None:
            return self.client.get(url, params=params, headers=self.headers)
        return self.client.get(url, params=params, headers=self.headers, auth=self.auth)


# --------------------------------------------------------------------------- as OneRoster CSV


def _id(ref: object) -> str:
    return str(ref.get("sourcedId", "")) if isinstance(ref, dict) else ""


def _ids(refs: object) -> str:
    return ",".join(_id(r) for r in refs if _id(r)) if isinstance(refs, list) else ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _common(obj: dict) -> dict[str, str]:
    return {
        "sourcedId": _text(obj.get("sourcedId")),
        "status": _text(obj.get("status")) or "active",
        "dateLastModified": _text(obj.get("dateLastModified")),
    }


def _rows(name: str, obj: dict) -> dict[str, str]:
    row = _common(obj)
    if row["status"] == "tobedeleted":
        return row
    get = obj.get
    if name == "orgs":
        row.update(name=_text(get("name")), type=_text(get("type")), identifier=_text(get("identifier")))
        row["parentSourcedId"] = _id(get("parent"))
    elif name == "academicSessions":
        for key in ("title", "type", "startDate", "endDate", "schoolYear"):
            row[key] = _text(get(key))
        row["parentSourcedId"] = _id(get("parent"))
    elif name == "courses":
        row.update(
            title=_text(get("title")), courseCode=_text(get("courseCode")), grades=_text(get("grades"))
        )
        row.update(schoolYearSourcedId=_id(get("schoolYear")), orgSourcedId=_id(get("org")))
    elif name == "classes":
        for key in ("title", "grades", "classCode", "classType", "location", "subjects", "periods"):
            row[key] = _text(get(key))
        row.update(courseSourcedId=_id(get("course")), schoolSourcedId=_id(get("school")))
        row["termSourcedIds"] = _ids(get("terms"))
    elif name == "users":
        for key in ("username", "givenName", "familyName", "middleName", "identifier", "email", "grades"):
            row[key] = _text(get(key))
        row["enabledUser"] = _text(get("enabledUser")) or "true"
    elif name == "enrollments":
        row.update(role=_text(get("role")), primary=_text(get("primary")) or "false")
        row.update(beginDate=_text(get("beginDate")), endDate=_text(get("endDate")))
        row.update(
            classSourcedId=_id(get("class")),
            schoolSourcedId=_id(get("school")),
            userSourcedId=_id(get("user")),
        )
    return row


def _roles(user: dict) -> Iterator[dict[str, str]]:
    """A user's roles.csv rows: OneRoster 1.2's `roles` if given, else its 1.1 role at each org."""
    if user.get("status") == "tobedeleted":
        return
    sid = _text(user.get("sourcedId"))
    given = user.get("roles")
    if isinstance(given, list):
        pairs = [
            (_text(r.get("roleType")), _text(r.get("role")), _id(r.get("org")))
            for r in given
            if isinstance(r, dict)
        ]
    else:
        meta = user.get("metadata")
        role = _text(user.get("role"))
        if isinstance(meta, dict) and meta.get(COUNSELOR) is True:
            role = "counselor"
        role = _ROLES_12.get(role, role)
        orgs = [_id(o) for o in user.get("orgs") or [] if _id(o)]
        pairs = [("primary" if i == 0 else "secondary", role, org) for i, org in enumerate(orgs)]
    for i, (kind, role, org) in enumerate(pairs):
        yield {
            "sourcedId": f"{sid}#role{i}",
            "status": "active",
            "userSourcedId": sid,
            "roleType": kind,
            "role": role,
            "orgSourcedId": org,
        }


def write_csv(objects: dict[str, list[dict]], folder: Path, *, delta: bool) -> dict[tuple[str, int], str]:
    """The objects as a OneRoster 1.2 CSV folder; returns (file, line) -> sourcedId, to say
    which object a problem the importer finds is about."""
    mode = "delta" if delta else "bulk"
    where: dict[tuple[str, int], str] = {}
    manifest = [["propertyName", "value"], ["manifest.version", "1.0"], ["oneroster.version", "1.2"]]
    manifest += [[f"file.{name}", mode] for name in [*ORDER, "roles"]]
    _write(folder / "manifest.csv", manifest)
    for name in [*ORDER, "roles"]:
        spec = SPECS["users12" if name == "users" else name]
        if name == "roles":
            rows = [r for user in objects.get("users", []) for r in _roles(user)]
        else:
            rows = [_rows(name, obj) for obj in objects.get(name, [])]
        lines = [spec.columns] + [[row.get(c, "") for c in spec.columns] for row in rows]
        for n, row in enumerate(rows, start=2):
            where[(f"{name}.csv", n)] = row["sourcedId"]
        _write(folder / f"{name}.csv", lines)
    return where


def _write(path: Path, lines: list[list[str]]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(lines)


# --------------------------------------------------------------------------- pulling


def _newest(objects: dict[str, list[dict]], cursor: str | None) -> str | None:
    best, best_at = cursor, _when(cursor)
    for found in objects.values():
        for obj in found:
            value = obj.get("dateLastModified")
            at = _when(value) if isinstance(value, str) else None
            if at is not None and (best_at is None or at > best_at):
                best, best_at = value, at
    return best


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo else None


def _state(db: Store) -> dict:
    try:
        state = json.loads(get_setting(db, STATE_SETTING) or "{}")
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}


def sync_roster(
    db: Store,
    source: Source,
    *,
    school: str | None = None,
    full: bool = False,
    allow_removals: bool = False,
    client: httpx.Client | None = None,
) -> Pulled:
    """Pull the roster (see the module's docstring): a delta since the last pull from this
    source and school, else (or with `full`) everything. CoreError when the source cannot be
    read; the importer's problems are in the result (nothing imported then)."""
    state = _state(db)
    same = state.get("source") == source.url and state.get("school") == school
    since = state.get("cursor") if same and not full else None
    delta = since is not None
    objects = fetch(source, school=school, since=since, client=client)
    fetched = {name: len(found) for name, found in objects.items()}
    if delta and not any(fetched.values()):  # nothing changed: no import, and no audit row for it
        return Pulled(ImportResult({name: 0 for name in ORDER}, []), delta, since, fetched)
    if not delta and not any(o.get("status", "active") == "active" for o in objects["users"]):
        # nobody at all: a hub without its roster, or a wrong school; never taken for "all left"
        raise CoreError("roster-source-empty", url=source.url, school=school or "")
    data_dir = signing.key_path(db).parent
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".roster-sync-") as folder:
        where = write_csv(objects, Path(folder), delta=delta)
        result = import_into(KioskTarget(db), folder, allow_removals=allow_removals)
    for error in result.errors:  # which object: the CSV's lines mean nothing to whoever reads this
        if (error.file, error.line) in where:
            error.params.setdefault("sourcedId", where[(error.file, error.line)])
    cursor = _newest(objects, since)
    if result.ok:
        set_setting(db, STATE_SETTING, json.dumps({"source": source.url, "school": school, "cursor": cursor}))
    return Pulled(result, delta, cursor if result.ok else since, fetched)


def enrolled_school(db: Store) -> str | None:
    return get_setting(db, SCHOOL_SETTING) or None


def pull_from_hub(
    db: Store, hub_url: str, username: str, password: str, *, school: str, client: httpx.Client | None = None
) -> Pulled:
    """The enrolled school's roster from the hub (enrollment, and every sync round)."""
    return sync_roster(db, Source.hub(hub_url, username, password), school=school, client=client)


def after_enrollment(db: Store, hub_url: str, username: str, password: str, school: str) -> str | None:
    """Enrolled for `school`: remember it and pull its roster now (None, or why not)."""
    set_setting(db, SCHOOL_SETTING, school)
    return refresh(db, hub_url, username, password)


def last_error(db: Store) -> tuple[str, dict] | None:
    """The last round's roster failure as (code, params), for the screens to word; None when
    the last refresh went in (or none failed yet)."""
    try:
        coded = json.loads(get_setting(db, ERROR_SETTING) or "null")
    except ValueError:
        return None
    if not (isinstance(coded, list) and len(coded) == 2 and isinstance(coded[0], str)):
        return None
    code, params = coded
    return code, params if isinstance(params, dict) else {}


def refresh(
    db: Store, hub_url: str, username: str, password: str, client: httpx.Client | None = None
) -> str | None:
    """One sync round's roster step: the enrolled school's changes from the hub. Never raises;
    returns the failure's English line (also kept, as a code, in ERROR_SETTING), or None."""
    school = enrolled_school(db)
    if school is None:
        return None  # configured by hand (sync configure): its roster is imported from files
    try:
        pulled = pull_from_hub(db, hub_url, username, password, school=school, client=client)
        if not pulled.result.ok:
            first = pulled.result.errors[0]
            # logged and kept: the problem's place and code only, never a value from a row
            where = f"{first.file}:{first.line}: {first.column}: {first.code}"
            said = first.message if first.code == "removals" else where  # removals: counts only
            raise CoreError("roster-import-refused", count=len(pulled.result.errors), first=said)
    except CoreError as exc:
        coded = json.dumps([exc.code, exc.params])
        # rounds run every minute: the same trouble is logged once, not 1,440 times a day
        log.log(
            logging.DEBUG if get_setting(db, ERROR_SETTING) == coded else logging.WARNING,
            "roster sync: %s",
            exc,
        )
        set_setting(db, ERROR_SETTING, coded)
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a round reports, it never crashes
        log.warning("roster sync failed: %s", type(exc).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
        set_setting(db, ERROR_SETTING, json.dumps(["sync-failed", {"kind": type(exc).__name__}]))
        return f"roster sync failed: {type(exc).__name__}"
    set_setting(db, ERROR_SETTING, "")
    return None


__all__ = [
    "SCOPE",
    "Pulled",
    "Source",
    "after_enrollment",
    "api_url",
    "fetch",
    "last_error",
    "pull_from_hub",
    "refresh",
    "sync_roster",
    "write_csv",
]
