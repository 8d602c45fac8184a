"""The roster from the hub (issue 18, point 2): OneRoster 1.1 REST at the hub, on SQLite and
PostgreSQL, read by enrolled kiosks for their school only and refreshed with each sync round;
and `roster sync` from a district's own OneRoster provider (OAuth 2 client credentials), a
small one served here, through the same importer with the same guarantees.

The district: three schools (org-a, org-b, org-c) of org-d, each with students, a teacher, an
administrator (principal) and a counselor, two classes, and a teacher at two schools; written
as an SIS exports it, OneRoster 1.2 CSV (counselors are a 1.2 role) and imported at the hub
with `citizenship-district roster import`."""

from __future__ import annotations

import base64
import json
import os
import secrets
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from helpers import write_roster

from citizenship_app import cli as kiosk_cli
from citizenship_app.core import machine_config, roster_sync, sync
from citizenship_app.core.roster import import_roster
from citizenship_app.core.store import get_setting, open_store

from .conftest import PG_HOST, PG_PORT, HubProcess, _postgres_answers, add_device, district

API = "/ims/oneroster/v1p1"
SCHOOLS = ("org-a", "org-b", "org-c")


def district_people(moved: bool = False) -> dict[str, tuple[str, list[str]]]:
    """sourcedId -> (1.2 role, orgs); `moved`: s-a2 moved to org-b, s-a3 left, s-a9 arrived."""
    people: dict[str, tuple[str, list[str]]] = {"p-d": ("districtAdministrator", ["org-d"])}
    for x in "abc":
        for n in range(1, 5):
            people[f"s-{x}{n}"] = ("student", [f"org-{x}"])
        people.update({f"t-{x}": ("teacher", [f"org-{x}"]), f"p-{x}": ("principal", [f"org-{x}"])})
        people[f"k-{x}"] = ("counselor", [f"org-{x}"])
    people["t-ab"] = ("teacher", ["org-a", "org-b"])
    if moved:
        people["s-a2"] = ("student", ["org-b"])
        del people["s-a3"]
        people["s-a9"] = ("student", ["org-a"])
    return people


def district_enrollments(people: dict) -> list[tuple[str, str, str]]:
    """(class, person, role): students 1-2 in grade 4, 3-4 (and 9) in grade 7 of their school."""
    rows = []
    for person, (role, orgs) in people.items():
        x = orgs[0][-1]
        if role == "student":
            grade = "4" if person[-1] in "12" else "7"
            rows.append((f"c-{x}{grade}", person, "student"))
        elif role == "teacher":
            rows += [(f"c-{o[-1]}{g}", person, "teacher") for o in orgs for g in "47"]
    return rows


def write_district(folder: Path, *, moved: bool = False, class_moved: bool = False) -> Path:
    """The district's export; `class_moved`: class c-a4 (and its enrollments) moved to org-b."""
    folder.mkdir(parents=True, exist_ok=True)
    people = district_people(moved)
    at = {f"c-{o[-1]}{g}": o for o in SCHOOLS for g in "47"}  # each class's school
    if class_moved:
        at["c-a4"] = "org-b"
    files = {
        "manifest": ["propertyName,value", "manifest.version,1.0", "oneroster.version,1.2"]
        + [
            f"file.{n},bulk"
            for n in ("orgs", "academicSessions", "courses", "classes", "users", "roles", "enrollments")
        ],
        "orgs": [
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
            "org-d,,,Cedar,district,,",
        ]
        + [f"{o},,,School {o},school,,org-d" for o in SCHOOLS],
        "academicSessions": [
            "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
            "sy,,,2026-2027,schoolYear,2026-08-26,2027-06-18,,2027",
            "fall,,,Fall,semester,2026-08-26,2027-01-22,sy,2027",
            "spring,,,Spring,semester,2027-01-25,2027-06-18,sy,2027",
        ],
        "courses": [
            "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId"
        ]
        + [f"dc-{o[-1]}{g},,,sy,Digital Citizenship,,0{g},{o}" for o in SCHOOLS for g in "47"],
        "classes": [
            "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
            "schoolSourcedId,termSourcedIds"
        ]
        + [
            f'c-{o[-1]}{g},,,Grade {g},0{g},dc-{o[-1]}{g},,homeroom,,{at[f"c-{o[-1]}{g}"]},"fall,spring"'
            for o in SCHOOLS
            for g in "47"
        ],
        "users": [
            "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,"
            "identifier,email,sms,phone,agentSourcedIds,grades,password"
        ]
        + [
            f"{p},,,true,u-{p},,Given{p},Family{p},,,,,,,{'04' if role == 'student' else ''},"
            for p, (role, _orgs) in people.items()
        ],
        "roles": [
            "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId"
        ]
        + [
            f"r-{p}-{i},,,{p},{'primary' if i == 0 else 'secondary'},{role},,,{org}"
            for p, (role, orgs) in people.items()
            for i, org in enumerate(orgs)
        ],
        "enrollments": [
            "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
            "beginDate,endDate"
        ]
        + [f"e-{c}-{p},,,{c},{at[c]},{p},{r},false,," for c, p, r in district_enrollments(people)],
    }
    for name, lines in files.items():
        (folder / f"{name}.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return folder


def school_view(school: str, moved: bool = False) -> dict[str, set]:
    """What a kiosk of `school` must hold, active: its people, counselors, classes, enrollments."""
    people = district_people(moved)
    x = school[-1]
    members = {p for p, (_r, orgs) in people.items() if school in orgs}
    return {
        "people": members,
        "counselors": {p for p in members if people[p][0] == "counselor"},
        "administrators": {p for p in members if people[p][0] == "principal"},
        "classes": {f"c-{x}4", f"c-{x}7"},
        "enrollments": {f"e-{c}-{p}" for c, p, _r in district_enrollments(people) if c[2] == x},
    }


def kiosk_view(db) -> dict[str, set]:
    def ids(sql: str) -> set:
        return {r[0] for r in db.execute(sql)}

    return {
        "people": ids("SELECT sourced_id FROM people WHERE status = 'active'"),
        "counselors": ids("SELECT sourced_id FROM people WHERE status = 'active' AND is_counselor = 1"),
        "administrators": ids(
            "SELECT sourced_id FROM people WHERE status = 'active' AND role = 'administrator'"
        ),
        "classes": ids("SELECT sourced_id FROM classes WHERE status = 'active'"),
        "enrollments": ids("SELECT sourced_id FROM enrollments WHERE status = 'active'"),
    }


def dump(db) -> list:
    return [
        list(r)
        for t in ("orgs", "classes", "people", "enrollments")
        for r in db.execute(f"SELECT * FROM {t}")
    ]


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch, tmp_path):
    monkeypatch.setattr(sync, "_keyring", lambda: None)
    monkeypatch.setenv(machine_config.CONFIG_ENV, str(tmp_path / "no-kiosk.toml"))
    for name in ("CITIZENSHIP_HUB_URL", "CITIZENSHIP_HUB_USERNAME", "CITIZENSHIP_HUB_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def district_hub(request, tmp_path):
    """A hub of this test's own (a fresh database of each kind) holding the district roster."""
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path / 'hub.db'}"
        admin = None
    else:
        if not _postgres_answers():
            pytest.skip(f"no PostgreSQL server answers on {PG_HOST}:{PG_PORT} (CI runs one)")
        import psycopg

        admin = psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="test", autocommit=True)
        name = f"citizenship_oneroster_test_{os.getpid()}_{secrets.token_hex(4)}"
        admin.execute(f'CREATE DATABASE "{name}"')
        db_url = f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"
    imported = json.loads(
        district(db_url, "roster", "import", str(write_district(tmp_path / "roster")), "--json").stdout
    )
    assert imported["errors"] == [] and imported["imported"]["users"] == len(district_people())
    process = HubProcess(db_url, tmp_path / "hub.log")
    try:
        process.wait_ready()
        yield db_url, process.url
    finally:
        process.stop()
        if admin is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


def enroll(capsys, data_dir: Path, db_url: str, url: str, school: str, name: str) -> dict:
    token = json.loads(district(db_url, "enroll-token", "--school", school, "--json").stdout)["token"]
    capsys.readouterr()
    status = kiosk_cli.main(["--data-dir", str(data_dir), "enroll", url, token, "--name", name, "--json"])
    out = capsys.readouterr()
    assert status == 0, out.err
    return json.loads(out.out)


def test_kiosks_of_two_schools_hold_their_schools_roster_and_its_changes_only(district_hub, tmp_path, capsys):
    db_url, url = district_hub
    answers = {s: enroll(capsys, tmp_path / s, db_url, url, s, f"lab-{s}") for s in ("org-a", "org-b")}
    kiosks = {s: open_store(tmp_path / s) for s in answers}
    for school, db in kiosks.items():
        assert answers[school]["roster"] == "pulled"
        assert kiosk_view(db) == school_view(school)
        # Nobody of another school ever reaches the kiosk, not even marked removed.
        others = set(district_people()) - school_view(school)["people"]
        assert not others & {r[0] for r in db.execute("SELECT sourced_id FROM people")}
    assert "t-ab" in kiosk_view(kiosks["org-a"])["people"] & kiosk_view(kiosks["org-b"])["people"]

    # The SIS moves s-a2 to org-b, s-a3 leaves, s-a9 arrives: one import at the hub.
    changed = write_district(tmp_path / "roster-2", moved=True)
    out = json.loads(district(db_url, "roster", "import", str(changed), "--allow-removals", "--json").stdout)
    assert out["errors"] == []
    cursors = {
        s: json.loads(get_setting(db, roster_sync.STATE_SETTING))["cursor"] for s, db in kiosks.items()
    }
    for db in kiosks.values():
        assert sync.sync_once(db).error is None
        assert get_setting(db, roster_sync.ERROR_SETTING) == ""
    for school, db in kiosks.items():
        assert kiosk_view(db) == school_view(school, moved=True), school
    assert (
        "s-a2" not in kiosk_view(kiosks["org-a"])["people"]
        and "s-a9" not in kiosk_view(kiosks["org-b"])["people"]
    )
    # Only the changes came, as a delta: the cursor moved, and a round with nothing new reads nothing.
    for school, db in kiosks.items():
        assert json.loads(get_setting(db, roster_sync.STATE_SETTING))["cursor"] > cursors[school]
        config = sync.load_config(db)
        again = roster_sync.sync_roster(
            db, roster_sync.Source.hub(config.url, config.username, config.password), school=school
        )
        assert again.delta and again.result.ok and sum(again.fetched.values()) == 0
    # s-a3 is kept at kiosk A, marked removed, as after a file import.
    assert (
        kiosks["org-a"].execute("SELECT status FROM people WHERE sourced_id = 's-a3'").fetchone()[0]
        == "tobedeleted"
    )


def test_a_school_device_reads_its_own_school_only(district_hub, tmp_path, capsys):
    db_url, url = district_hub
    enroll(capsys, tmp_path / "k", db_url, url, "org-a", "lab-a")
    config = sync.load_config(open_store(tmp_path / "k"))
    with httpx.Client(base_url=url + API, auth=(config.username, config.password)) as lab:
        assert lab.get("/schools/org-a/users").status_code == 200
        for path in (
            "/schools/org-b/users",
            "/schools/org-c/enrollments",
            "/users",
            "/enrollments",
            "/classes",
        ):
            refused = lab.get(path)
            assert refused.status_code == 403, path
            assert "lab-a" in refused.json()["reason"]
        assert lab.get("/orgs").status_code == 200  # no person in it
    with httpx.Client(base_url=url + API, auth=("lab-a", "wrong")) as stranger:
        assert stranger.get("/schools/org-a/users").status_code == 401


def test_filter_sort_and_paging_as_the_spec_says(district_hub):
    db_url, url = district_hub
    with httpx.Client(base_url=url + API, auth=add_device(db_url, "it-tools", "--district")) as it:
        first = it.get("/users", params={"limit": 5})
        total = int(first.headers["X-Total-Count"])
        assert total == len(district_people()) and len(first.json()["users"]) == 5
        assert 'rel="next"' in first.headers["Link"] and "offset=5" in first.headers["Link"]
        seen, next_url = [u["sourcedId"] for u in first.json()["users"]], first.headers["Link"]
        while 'rel="next"' in next_url:
            link = next(p for p in next_url.split(", ") if 'rel="next"' in p)
            page = it.get(url + link[1 : link.index(">")])
            seen += [u["sourcedId"] for u in page.json()["users"]]
            next_url = page.headers["Link"]
        assert seen == sorted(district_people())
        students = it.get("/schools/org-b/students").json()["users"]
        assert {u["sourcedId"] for u in students} == {"s-b1", "s-b2", "s-b3", "s-b4"}
        assert it.get("/users", params={"filter": "role='administrator'"}).headers["X-Total-Count"] == "4"
        both = it.get("/users", params={"filter": "role='student' AND givenName='Givens-a1'"}).json()["users"]
        assert [u["sourcedId"] for u in both] == ["s-a1"]
        at_b = it.get("/users", params={"filter": "orgs.sourcedId='org-b'"}).json()["users"]
        assert {u["sourcedId"] for u in at_b} == school_view("org-b")["people"]
        newest = max(u["dateLastModified"] for u in it.get("/users", params={"limit": 100}).json()["users"])
        later = it.get("/users", params={"filter": f"dateLastModified>'{newest}'"})
        assert later.status_code == 200 and later.json()["users"] == []
        for since in ("2000-01-01", "2000-01-01T00:00:00+02:00"):  # a date, a zone: compared as times
            assert it.get("/users", params={"filter": f"dateLastModified>='{since}'"}).headers[
                "X-Total-Count"
            ] == str(total)
            assert it.get("/schools/org-a/users", params={"filter": f"dateLastModified>'{since}'"}).json()[
                "users"
            ]
        desc = it.get("/classes", params={"sort": "sourcedId", "orderBy": "desc"}).json()["classes"]
        assert [c["sourcedId"] for c in desc] == sorted((c["sourcedId"] for c in desc), reverse=True)
        counselor = it.get("/users", params={"filter": "sourcedId='k-c'"}).json()["users"][0]
        assert counselor["metadata"] == {"citizenship-kiosk.counselor": True}
        enrollment = it.get("/enrollments", params={"limit": 1}).json()["enrollments"][0]
        assert set(enrollment) >= {
            "sourcedId",
            "status",
            "dateLastModified",
            "user",
            "class",
            "school",
            "role",
        }
        assert enrollment["user"]["type"] == "user" and enrollment["class"]["type"] == "class"
        for bad in ("role", "role=student", "role='a' AND sms='b' OR x='c'", "nosuchfield='x'"):
            answer = it.get("/users", params={"filter": bad})
            assert answer.status_code == 400 and answer.json()["reason"], bad
        assert it.get("/users", params={"limit": "0"}).status_code == 400


# --------------------------------------------------------------------------- a district's own provider


class Provider:
    """A small OneRoster 1.1 REST provider: OAuth 2 client credentials at /token, bearer tokens,
    pages of at most `page_cap` whatever `limit` asks (so a pull crosses several pages)."""

    CLIENT, SECRET = "kiosk-client", "s3cret-value"

    def __init__(self, objects: dict[str, list[dict]], page_cap: int = 4):
        self.objects, self.page_cap = objects, page_cap
        self.fail_at: tuple[str, int] | None = None  # (collection path, offset): 500 there
        self.cut_to: int | None = None  # users: answer only this many, and say so in no header
        self.lie_total = False
        self.tokens: set[str] = set()
        self.token_requests: list[dict] = []
        self.requests: list[str] = []
        self.app = self._app()

    def _app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/token")
        async def token(request: Request):
            form = {k: v[0] for k, v in parse_qs((await request.body()).decode()).items()}
            self.token_requests.append(form)
            creds = "Basic " + base64.b64encode(f"{self.CLIENT}:{self.SECRET}".encode()).decode()
            if (
                request.headers.get("authorization") != creds
                or form.get("grant_type") != "client_credentials"
            ):
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            value = secrets.token_hex(16)
            self.tokens.add(value)
            return {
                "access_token": value,
                "token_type": "bearer",
                "expires_in": 3600,
                "scope": form.get("scope"),
            }

        @app.get(API + "/{path:path}")
        def collection(path: str, request: Request, limit: int = 100, offset: int = 0):
            self.requests.append(f"{path}?{request.url.query}")
            if request.headers.get("authorization", "").removeprefix("Bearer ") not in self.tokens:
                return JSONResponse({"imsx_codeMajor": "failure", "imsx_description": "unauthorized"}, 401)
            if self.fail_at == (path, offset):
                return JSONResponse({"imsx_codeMajor": "failure"}, 500)
            kind = path.split("/")[-1].replace("students", "users").replace("teachers", "users")
            school = path.split("/")[1] if path.startswith("schools/") else None
            found = [o for o in self.objects[kind] if school is None or _at(o, school)]
            if self.cut_to is not None:  # a cut-short export: its first people, their enrollments
                kept = {
                    u["sourcedId"]
                    for u in [o for o in self.objects["users"] if _at(o, school)][: self.cut_to]
                }
                if kind == "users":
                    found = [o for o in found if o["sourcedId"] in kept]
                elif kind == "enrollments":
                    found = [o for o in found if o["user"]["sourcedId"] in kept]
            page = found[offset : offset + min(limit, self.page_cap)]
            headers = {} if self.cut_to is not None else {"X-Total-Count": str(len(found) + self.lie_total)}
            return JSONResponse({kind: page}, headers=headers)

        return app


def _at(obj: dict, school: str) -> bool:
    refs = [obj.get("school"), obj.get("org"), *(obj.get("orgs") or [])]
    return any(isinstance(r, dict) and r.get("sourcedId") == school for r in refs)


def provider_objects() -> dict[str, list[dict]]:
    """The district above in the 1.1 JSON binding (a provider's, not the hub's code)."""
    people = district_people()
    ref = lambda kind, sid: {"href": f"{API}/{kind}s/{sid}", "sourcedId": sid, "type": kind}  # noqa: E731
    roles = {"principal": "administrator", "districtAdministrator": "administrator", "counselor": "teacher"}
    stamp = "2026-11-30T10:00:00Z"
    common = {"status": "active", "dateLastModified": stamp}
    return {
        "orgs": [{"sourcedId": "org-d", **common, "name": "Cedar", "type": "district"}]
        + [
            {"sourcedId": o, **common, "name": o, "type": "school", "parent": ref("org", "org-d")}
            for o in SCHOOLS
        ],
        "academicSessions": [
            {
                "sourcedId": s,
                **common,
                "title": s,
                "type": t,
                "startDate": a,
                "endDate": b,
                "schoolYear": "2027",
            }
            for s, t, a, b in (
                ("sy", "schoolYear", "2026-08-26", "2027-06-18"),
                ("fall", "semester", "2026-08-26", "2027-01-22"),
            )
        ],
        "courses": [
            {
                "sourcedId": f"dc-{o[-1]}{g}",
                **common,
                "title": "DC",
                "grades": [f"0{g}"],
                "org": ref("org", o),
            }
            for o in SCHOOLS
            for g in "47"
        ],
        "classes": [
            {
                "sourcedId": f"c-{o[-1]}{g}",
                **common,
                "title": f"Grade {g}",
                "classType": "homeroom",
                "grades": [f"0{g}"],
                "course": ref("course", f"dc-{o[-1]}{g}"),
                "school": ref("org", o),
                "terms": [ref("academicSession", "fall")],
            }
            for o in SCHOOLS
            for g in "47"
        ],
        "users": [
            {
                "sourcedId": p,
                **common,
                "enabledUser": True,
                "username": f"u-{p}",
                "givenName": "G",
                "familyName": "F",
                "role": roles.get(role, role),
                "orgs": [ref("org", o) for o in orgs],
                "grades": ["04"] if role == "student" else [],
            }
            for p, (role, orgs) in people.items()
        ],
        "enrollments": [
            {
                "sourcedId": f"e-{c}-{p}",
                **common,
                "role": r,
                "primary": "false",
                "user": ref("user", p),
                "class": ref("class", c),
                "school": ref("org", f"org-{c[2]}"),
            }
            for c, p, r in district_enrollments(people)
        ],
    }


@pytest.fixture
def provider(tmp_path):
    """The provider, served by uvicorn on a free port in a thread of this process."""
    served = Provider(provider_objects())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(served.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:  # a server thread of ours, not Qt
        assert time.monotonic() < deadline, "the provider did not start"
        time.sleep(0.02)
    secret = tmp_path / "client-secret"
    secret.write_text(Provider.SECRET + "\n")
    served.url = f"http://127.0.0.1:{port}{API}"  # type: ignore[attr-defined]
    served.secret_file = secret  # type: ignore[attr-defined]
    yield served
    server.should_exit = True
    thread.join(timeout=10)


def roster_sync_cli(capsys, data_dir: Path, provider, *args: str) -> tuple[int, dict, str]:
    capsys.readouterr()
    status = kiosk_cli.main(
        [
            "--data-dir",
            str(data_dir),
            "roster",
            "sync",
            "--source",
            provider.url,
            "--client-id",
            Provider.CLIENT,
            "--client-secret-file",
            str(provider.secret_file),
            *args,
            "--json",
        ]
    )
    out = capsys.readouterr()
    return status, json.loads(out.out) if out.out.strip() else {}, out.err


def test_roster_sync_from_a_district_provider_with_oauth_client_credentials(provider, tmp_path, capsys):
    status, out, err = roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-c")
    assert status == 0, err
    assert out["delta"] is False and out["errors"] == [] and out["fetched"]["users"] == 7
    db = open_store(tmp_path / "k")
    view = kiosk_view(db)
    expected = school_view("org-c")
    assert view["people"] == expected["people"] and view["enrollments"] == expected["enrollments"]
    assert view["administrators"] == {"p-c"}
    # The CSV it went through (names: 0600 files in a 0700 folder) is gone.
    assert not list((tmp_path / "k").glob(".roster-sync-*"))
    # The token was asked for by client credentials, for OneRoster's roster scope, and used.
    assert provider.token_requests[0] == {"grant_type": "client_credentials", "scope": roster_sync.SCOPE}
    # Several pages per collection (the provider gives 4 at a time), the school's paths.
    assert "schools/org-c/enrollments?filter=&limit=1000&offset=4" not in provider.requests
    assert any(r.startswith("schools/org-c/users") and "offset=4" in r for r in provider.requests)
    # The next pull is a delta: only what changed since the newest dateLastModified.
    status, out, err = roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-c")
    assert status == 0 and out["delta"] is True, err
    assert "dateLastModified%3E%272026-11-30T10%3A00%3A00Z%27" in provider.requests[-1]


def test_a_wrong_client_secret_is_refused_clearly_and_changes_nothing(provider, tmp_path, capsys):
    db = open_store(tmp_path / "k")
    before = dump(db)
    provider.secret_file.write_text("not-the-secret")
    status, out, err = roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-c")
    assert status == 1 and out["error"] == "roster-token-refused"
    assert "refused the client id and secret (HTTP 401)" in err
    assert dump(db) == before


def test_a_provider_failing_half_way_imports_nothing(provider, tmp_path, capsys):
    assert roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-a")[0] == 0
    db = open_store(tmp_path / "k")
    provider.objects["users"].append(
        {**provider.objects["users"][1], "sourcedId": "s-a7", "username": "u-s-a7"}
    )
    before = dump(db)
    provider.fail_at = ("schools/org-a/enrollments", 4)  # users read, enrollments' second page fails
    status, out, err = roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-a", "--full")
    assert (status, out["error"]) == (1, "roster-source-failed") and "HTTP 500" in err
    assert dump(db) == before  # not even the users read before the failure


def test_a_truncated_answer_cannot_wipe_the_roster(provider, tmp_path, capsys):
    assert roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-a")[0] == 0
    db = open_store(tmp_path / "k")
    before = dump(db)
    # A provider that stops after 2 users and says no total: the removal guard refuses.
    provider.cut_to = 2
    status, out, err = roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-a", "--full")
    assert status == 1 and out["refused"] == "removals" and out["removals"]["users"] == 6
    assert dump(db) == before
    # A provider whose pages do not add up to its X-Total-Count: refused before the importer.
    provider.cut_to, provider.lie_total = None, True
    status, out, err = roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-a", "--full")
    assert (status, out["error"]) == (1, "roster-source-bad") and "X-Total-Count" in err
    assert dump(db) == before
    # A delta (the next round's kind of pull) removes only what is marked tobedeleted.
    provider.lie_total = False
    provider.objects["users"] = provider.objects["users"][:2]
    status, out, err = roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-a")
    assert status == 0 and out["delta"] is True and dump(db) == before


def test_an_enrollment_whose_roster_pull_is_refused_stands_and_the_kiosk_keeps_its_roster(
    district_hub, tmp_path, capsys
):
    """A kiosk that held a real roster from files: the school's roster from the hub would
    remove people it holds, so the pull is refused (the removal guard), the enrollment stands,
    nothing of the roster changed, each round says why, and IT lets the removals through."""
    db_url, url = district_hub
    db = open_store(tmp_path / "k")
    assert import_roster(db, write_roster(tmp_path / "files", {"org-a": ["s-a1", "old-1", "old-2"]})).ok
    before = dump(db)
    answer = enroll(capsys, tmp_path / "k", db_url, url, "org-a", "lab-a")
    assert answer["username"] == "lab-a" and "would remove 2 of the 3 people" in answer["roster"]
    assert sync.load_config(db).username == "lab-a"  # enrolled all the same
    assert dump(db) == before
    assert sync.sync_once(db).error is None  # records still go; the roster's trouble is its own
    assert json.loads(get_setting(db, roster_sync.ERROR_SETTING))[0] == "roster-import-refused"
    assert dump(db) == before
    capsys.readouterr()
    status = kiosk_cli.main(
        ["--data-dir", str(tmp_path / "k"), "roster", "sync", "--full", "--allow-removals"]
    )
    assert status == 0, capsys.readouterr().err
    assert kiosk_view(db)["people"] == school_view("org-a")["people"]
    assert {r[0] for r in db.execute("SELECT sourced_id FROM people WHERE status = 'tobedeleted'")} >= {
        "old-1",
        "old-2",
    }
    assert sync.sync_once(db).error is None and get_setting(db, roster_sync.ERROR_SETTING) == ""


def test_a_provider_object_the_importer_refuses_is_named_by_its_sourced_id(provider, tmp_path, capsys):
    provider.objects["classes"][0]["classType"] = "lecture"  # c-a4
    status, out, err = roster_sync_cli(capsys, tmp_path / "k", provider, "--school", "org-a")
    assert status == 1 and out["imported"] == {}
    assert [(e["code"], e["params"]["sourcedId"]) for e in out["errors"]] == [("not-a-choice", "c-a4")]
    assert (
        open_store(tmp_path / "k")
        .execute("SELECT COUNT(*) FROM classes WHERE sourced_id = 'c-a4'")
        .fetchone()[0]
        == 0
    )


@pytest.mark.parametrize("district_hub", ["sqlite"], indirect=True)
def test_the_sync_tab_shows_a_failed_roster_refresh_until_one_goes_in(
    district_hub, tmp_path, capsys, qtbot, catalog
):
    """The roster step of a round kept its failure (roster_sync_error) but the admin screen's
    District sync tab never said so: it says it now, in the screen's language, and no more
    once a later refresh went in."""
    from citizenship_app.core.kiosk import Kiosk
    from citizenship_app.ui import i18n
    from citizenship_app.ui.admin import AdminPage
    from citizenship_app.ui.app import create_app
    from citizenship_app.ui.sync_worker import SyncWorker

    db_url, url = district_hub
    data_dir = tmp_path / "k"
    db = open_store(data_dir)
    assert import_roster(db, write_roster(tmp_path / "files", {"org-a": ["s-a1", "old-1", "old-2"]})).ok
    answer = enroll(capsys, data_dir, db_url, url, "org-a", "lab-a")
    assert "would remove 2 of the 3 people" in answer["roster"]  # refused: the removal guard
    assert sync.sync_once(db).error is None  # the round's own records went; its roster step failed
    create_app()
    admin = AdminPage(Kiosk(data_dir, catalog=catalog), SyncWorker(data_dir))
    qtbot.addWidget(admin)
    refused = "Roster refresh failed: The roster from the district was not imported (1 problems)."
    assert refused in admin.sync_state.text()
    try:
        i18n.set_language("es")
        admin.refresh_sync()
        spanish = admin.sync_state.text()
    finally:
        i18n.set_language("en")
    assert "La lista de alumnos del distrito no se importó (1 problemas)" in spanish
    assert "No se pudo actualizar la lista de alumnos: La lista" in spanish and "not imported" not in spanish

    capsys.readouterr()  # IT lets the removals through; the next round's refresh goes in
    status = kiosk_cli.main(["--data-dir", str(data_dir), "roster", "sync", "--full", "--allow-removals"])
    assert status == 0, capsys.readouterr().err
    assert sync.sync_once(db).error is None and get_setting(db, roster_sync.ERROR_SETTING) == ""
    admin.refresh_sync()
    assert "Roster refresh failed" not in admin.sync_state.text()
    assert admin.sync_state.text().startswith("0 waiting")


def test_a_class_moved_to_another_school_leaves_the_old_schools_kiosks_and_reaches_the_new_ones(
    district_hub, tmp_path, capsys
):
    """A person who left a school was `tobedeleted` in its delta, a class was not: once moved,
    `/schools/{old}/classes?filter=dateLastModified>'…'` no longer listed it at all, so the old
    school's kiosks kept it (and its enrollments) for good."""
    db_url, url = district_hub
    kiosks = {}
    for school in ("org-a", "org-b"):
        enroll(capsys, tmp_path / school, db_url, url, school, f"lab-{school}")
        kiosks[school] = open_store(tmp_path / school)
        assert kiosk_view(kiosks[school]) == school_view(school)
    cursor = json.loads(get_setting(kiosks["org-a"], roster_sync.STATE_SETTING))["cursor"]

    # The SIS moves class c-a4 (Grade 4 at org-a), with its enrollments, to org-b.
    changed = write_district(tmp_path / "roster-2", class_moved=True)
    out = json.loads(district(db_url, "roster", "import", str(changed), "--json").stdout)
    assert out["errors"] == []

    config = sync.load_config(kiosks["org-a"])
    moved = {e for e in school_view("org-a")["enrollments"] if e.startswith("e-c-a4-")}
    assert moved == {"e-c-a4-s-a1", "e-c-a4-s-a2", "e-c-a4-t-a", "e-c-a4-t-ab"}
    with httpx.Client(base_url=url + API, auth=(config.username, config.password)) as lab:
        since = {"filter": f"dateLastModified>'{cursor}'"}
        classes = lab.get("/schools/org-a/classes", params=since).json()["classes"]
        assert [(c["sourcedId"], c["status"]) for c in classes] == [("c-a4", "tobedeleted")]
        assert classes[0]["dateLastModified"] > cursor
        enrollments = lab.get("/schools/org-a/enrollments", params=since).json()["enrollments"]
        assert {(e["sourcedId"], e["status"]) for e in enrollments} == {(e, "tobedeleted") for e in moved}
        everything = lab.get("/schools/org-a/classes").json()["classes"]  # a bulk pull: listed as gone
        assert {(c["sourcedId"], c["status"]) for c in everything} == {
            ("c-a4", "tobedeleted"),
            ("c-a7", "active"),
        }

    for db in kiosks.values():
        assert sync.sync_once(db).error is None
        assert get_setting(db, roster_sync.ERROR_SETTING) == ""
    a, b = kiosk_view(kiosks["org-a"]), kiosk_view(kiosks["org-b"])
    before_a, before_b = school_view("org-a"), school_view("org-b")
    assert a["classes"] == {"c-a7"} and a["enrollments"] == before_a["enrollments"] - moved
    assert a["people"] == before_a["people"]  # its students are still org-a's
    assert (
        kiosks["org-a"].execute("SELECT status FROM classes WHERE sourced_id = 'c-a4'").fetchone()[0]
        == "tobedeleted"
    )
    assert b["classes"] == before_b["classes"] | {"c-a4"}
    assert b["enrollments"] == before_b["enrollments"] | moved
    assert b["people"] == before_b["people"] | {"s-a1", "s-a2", "t-a"}  # enrolled in a class of org-b now
    assert kiosks["org-b"].execute("SELECT status FROM courses WHERE sourced_id = 'dc-a4'").fetchone() == (
        "active",
    )
    # A kiosk of org-a enrolled after the move (a bulk pull) never holds the class.
    enroll(capsys, tmp_path / "late", db_url, url, "org-a", "lab-late")
    late = kiosk_view(open_store(tmp_path / "late"))
    assert late["classes"] == {"c-a7"} and late["enrollments"] == a["enrollments"]
    assert (
        not open_store(tmp_path / "late")
        .execute("SELECT 1 FROM classes WHERE sourced_id = 'c-a4'")
        .fetchall()
    )
    # Nothing more comes to either kiosk until something changes again.
    for school, db in kiosks.items():
        config = sync.load_config(db)
        again = roster_sync.sync_roster(
            db, roster_sync.Source.hub(config.url, config.username, config.password), school=school
        )
        assert again.delta and again.result.ok and sum(again.fetched.values()) == 0


def test_a_hub_database_from_before_placements_is_upgraded_without_a_kiosk_seeing_a_change(hub_url, tmp_path):
    """roster_placements is new: a hub database whose roster an earlier version imported gets
    it filled from the roster on upgrade, every row as of when it last changed (so no kiosk's
    next delta lists the school's courses, classes and enrollments again), and the next import
    moving a class is seen as a move."""
    from sqlalchemy import text

    from citizenship_app.district import oneroster
    from citizenship_app.district.storage import Store

    district(hub_url, "roster", "import", str(write_district(tmp_path / "roster")))

    def served(store: Store) -> list:
        return [
            oneroster.collection(store, kind, school=school)
            for kind in ("courses", "classes", "enrollments")
            for school in SCHOOLS
        ]

    store = Store(hub_url)
    try:
        before = served(store)
        with store.transaction() as conn:  # the database as the version before made it
            conn.execute(text("DROP TABLE roster_placements"))
        store.create_tables()
        assert served(store) == before
        with store.engine.connect() as conn:
            assert {r.status for r in conn.execute(text("SELECT status FROM roster_placements"))} == {
                "active"
            }
    finally:
        store.engine.dispose()
    district(hub_url, "roster", "import", str(write_district(tmp_path / "roster-2", class_moved=True)))
    store = Store(hub_url)
    try:
        classes = {
            c["sourcedId"]: c["status"] for c in oneroster.collection(store, "classes", school="org-a")
        }
    finally:
        store.engine.dispose()
    assert classes == {"c-a4": "tobedeleted", "c-a7": "active"}
