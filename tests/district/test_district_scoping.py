"""The hub holds the district roster and scopes each device to its school (issue 13, 1-2), on
SQLite and PostgreSQL, through the real `citizenship-district` command and a running hub.

Each forgery a stolen lab credential could try is refused with 403 and a JSON reason, and
nothing of its batch is stored: a result for a student of another school, voiding another
device's statement, a result for a module that does not exist or with a score that
contradicts its verb, a result whose actor is a kiosk's own account (taken for audit rows
only), and any write with a read-only credential.
"""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from helpers import write_roster

from citizenship_app.core import roster, xapi
from citizenship_app.core.store import open_store
from citizenship_app.district.roster import import_roster
from citizenship_app.district.storage import Store

from .conftest import XAPI_HEADERS, HubProcess, add_device, district, pg_schema_url

SIS = xapi.DEFAULT_SIS_HOME_PAGE
MODULE = "g35-password-power"  # in the installed catalog: pass mark 80%, 14 questions
SCHOOLS = {"school-1": ["stu-1", "stu-2"], "school-2": ["stu-9"]}


def passed(
    person: str,
    *,
    raw: float = 14,
    total: int = 14,
    module: str = MODULE,
    verb: str = "passed",
    school: str | None = None,
) -> dict:
    now = datetime.now(UTC)
    return xapi.attempt_statement(
        verb=verb,
        record_id=str(uuid.uuid4()),
        sis_home_page=SIS,
        person_id=person,
        module_id=module,
        module_title="Password power",
        class_id=None,
        correct=raw,
        total=14,
        passed=verb == "passed",
        started=now,
        finished=now,
        machine="lab-pc",
        school_id=school,
    )


def held(client: httpx.Client, statement_id: str) -> bool:
    return client.get("/xapi/statements", params={"statementId": statement_id}).status_code == 200


@pytest.fixture(scope="session")
def scoped_hubs(tmp_path_factory) -> dict:
    return {}


@pytest.fixture
def scoped(hub, scoped_hubs, tmp_path_factory):
    """The session's hub with the district roster imported and three devices: lab-1 of
    school-1, lab-2 of school-2 and a read-only reporter; {name: httpx.Client}."""
    if hub.db_url not in scoped_hubs:
        folder = write_roster(tmp_path_factory.mktemp("roster"), SCHOOLS, teachers={"t-1": "school-1"})
        imported = json.loads(district(hub.db_url, "roster", "import", str(folder), "--json").stdout)
        assert imported["errors"] == [] and imported["imported"]["users"] == 4
        scoped_hubs[hub.db_url] = {
            "lab-1": add_device(hub.db_url, "lab-1", "--school", "school-1"),
            "lab-2": add_device(hub.db_url, "lab-2", "--school", "school-2"),
            "reporter": add_device(hub.db_url, "reporter", "--read-only"),
        }
    clients = {name: hub.client(auth=auth) for name, auth in scoped_hubs[hub.db_url].items()}
    yield clients
    for client in clients.values():
        client.close()


def refused(response: httpx.Response, *words: str) -> dict:
    assert response.status_code == 403, response.text
    body = response.json()
    assert body["error"] == "statement_refused"
    assert all(w in body["reason"] for w in words), body["reason"]
    return body


def test_a_device_records_its_own_schools_people(scoped):
    own = passed("stu-1")
    assert scoped["lab-1"].post("/xapi/statements", json=[own]).status_code == 200
    assert held(scoped["reporter"], own["id"])


def test_a_lab_credential_cannot_record_a_pass_for_a_student_of_another_school(scoped):
    own, forged = passed("stu-2"), passed("stu-9")
    body = refused(
        scoped["lab-1"].post("/xapi/statements", json=[own, forged]), "not a person of", "school-1"
    )
    assert (body["index"], body["id"], body["path"]) == (1, forged["id"], "actor")
    assert "stu-9" not in body["reason"]  # kiosks log the reason: it names the statement, not the student
    # Nothing of the batch is stored, the legitimate statement included.
    assert not held(scoped["reporter"], forged["id"]) and not held(scoped["reporter"], own["id"])
    # Nor through PUT, nor for someone the roster does not know, nor for a non-roster actor.
    put = scoped["lab-1"].put("/xapi/statements", params={"statementId": forged["id"]}, json=forged)
    refused(put, "school-1")
    refused(scoped["lab-1"].post("/xapi/statements", json=passed("nobody")), "not a person of")
    by_mail = {**passed("stu-1"), "actor": {"mbox": "mailto:stu-1@example.org"}}
    refused(scoped["lab-1"].post("/xapi/statements", json=by_mail), SIS)
    # The other school's device may record it.
    assert scoped["lab-2"].post("/xapi/statements", json=[forged]).status_code == 200


def test_a_device_may_void_only_its_own_statements(scoped):
    theirs, mine = passed("stu-9"), passed("stu-1")
    assert scoped["lab-2"].post("/xapi/statements", json=[theirs]).status_code == 200
    assert scoped["lab-1"].post("/xapi/statements", json=[mine]).status_code == 200

    def void(target: str) -> dict:
        return {
            "id": str(uuid.uuid4()),
            "actor": xapi.actor(SIS, "t-1"),
            "verb": {"id": xapi.VERBS["voided"], "display": {"en-US": "voided"}},
            "object": {"objectType": "StatementRef", "id": target},
        }

    erase = void(theirs["id"])
    body = refused(scoped["lab-1"].post("/xapi/statements", json=[erase]), "lab-2", "sent itself")
    assert body["id"] == erase["id"]
    assert held(scoped["reporter"], theirs["id"]) and not held(scoped["reporter"], erase["id"])
    # Nor void in advance a statement the hub does not hold yet (another device may send it).
    refused(scoped["lab-1"].post("/xapi/statements", json=[void(str(uuid.uuid4()))]), "does not hold")
    assert scoped["lab-1"].post("/xapi/statements", json=[void(mine["id"])]).status_code == 200
    assert not held(scoped["reporter"], mine["id"])  # voided by the device that sent it


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        (lambda: passed("stu-1", module="no-such-module"), ["no-such-module", "not a module"]),
        (lambda: passed("stu-1", raw=3), ["pass mark is 80%", "disagree"]),
        (lambda: passed("stu-1", raw=14, verb="failed"), ["disagree"]),
        (lambda: {**passed("stu-1"), "result": {"success": True}}, ["needs result.score"]),
    ],
    ids=["unknown module", "below the pass mark as passed", "full marks as failed", "no score"],
)
def test_a_result_must_name_a_module_and_agree_with_its_pass_mark(scoped, statement, words):
    st = statement()
    refused(scoped["lab-1"].post("/xapi/statements", json=[st]), *words)
    assert not held(scoped["reporter"], st["id"])


def test_a_score_just_at_the_pass_mark_is_a_pass(scoped):
    assert scoped["lab-1"].post("/xapi/statements", json=[passed("stu-1", raw=11.2)]).status_code == 200
    assert (
        scoped["lab-1"].post("/xapi/statements", json=[passed("stu-1", raw=11, verb="failed")]).status_code
        == 200
    )


def audit_row(actor: str | None = None, action: str = "export_records") -> dict:
    """An audit row as a kiosk sends it: by staff member `actor`, or by the command line."""
    return xapi.audit_statement(
        machine="lab-pc",
        sis_home_page=SIS,
        row_id=1,
        at=datetime.now(UTC).isoformat(timespec="milliseconds"),
        actor_id=actor or "cli",
        action=action,
        subject=None,
        detail='{"rows": 3}',
        prev_hash="0" * 64,
        digest=secrets.token_hex(32),
        cli_actor=actor is None,
    )


def test_audit_rows_of_the_schools_staff_and_of_the_kiosks_command_line_are_recorded(scoped):
    staff, machine = audit_row("t-1", "view_history"), audit_row()
    assert machine["actor"]["account"]["homePage"] == xapi.KIOSK_HOME_PAGE
    assert scoped["lab-1"].post("/xapi/statements", json=[staff, machine]).status_code == 200
    assert held(scoped["reporter"], staff["id"]) and held(scoped["reporter"], machine["id"])
    # t-1 is staff of school-1 (orgSourcedIds): not a person another school's device may name.
    other = audit_row("t-1")
    refused(scoped["lab-2"].post("/xapi/statements", json=[other]), "not a person of", "school-2")
    assert not held(scoped["reporter"], other["id"])


def test_the_kiosk_account_is_the_actor_of_audit_statements_only(scoped):
    kiosk = audit_row()["actor"]
    forged = {**passed("stu-1"), "actor": kiosk}
    body = refused(scoped["lab-1"].post("/xapi/statements", json=[forged]), "audit statements only")
    assert (body["index"], body["id"], body["path"]) == (0, forged["id"], "actor")
    assert not held(scoped["reporter"], forged["id"])
    # Nor an audit verb under an account that only looks like the kiosk's.
    lookalike = audit_row()
    lookalike["actor"] = xapi.actor("https://example.org/kiosk", "lab-pc")
    refused(scoped["lab-1"].post("/xapi/statements", json=[lookalike]), SIS)
    assert not held(scoped["reporter"], lookalike["id"])


def test_a_read_only_credential_reads_but_never_writes(scoped):
    reporter = scoped["reporter"]
    assert reporter.get("/xapi/statements", params={"limit": "1"}).status_code == 200
    for response in (
        reporter.post("/xapi/statements", json=[passed("stu-1")]),
        reporter.put("/xapi/statements", params={"statementId": str(uuid.uuid4())}, json=passed("stu-1")),
    ):
        assert response.status_code == 403
        assert response.json()["error"] == "forbidden" and "read-only" in response.json()["reason"]


def test_devices_belong_to_a_school_of_the_roster(hub, scoped):
    unknown = district(hub.db_url, "device", "add", "lab-x", "--school", "school-404", check=False)
    assert unknown.returncode == 1 and "not a school in the hub's roster" in unknown.stderr
    district_org = district(hub.db_url, "device", "add", "lab-x", "--school", "d-1", check=False)
    assert district_org.returncode == 1 and "d-1" in district_org.stderr
    no_scope = district(hub.db_url, "device", "add", "lab-x", check=False)
    assert no_scope.returncode == 2 and "--school" in no_scope.stderr
    listed = {d["name"]: d for d in json.loads(district(hub.db_url, "device", "list", "--json").stdout)}
    assert (listed["lab-1"]["school"], listed["lab-1"]["read_only"]) == ("school-1", False)
    assert (listed["reporter"]["school"], listed["reporter"]["read_only"]) == (None, True)
    assert "lab-x" not in listed
    text = district(hub.db_url, "device", "list").stdout
    assert "school school-1" in text and "read-only" in text


# --------------------------------------------------------------------------- the roster


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path) -> str:
    """A hub database URL with nothing in it, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.db'}"
    return pg_schema_url(request.getfixturevalue("pg_database"))


def test_the_hub_imports_the_roster_as_the_kiosk_does(empty_db, tmp_path):
    folder = write_roster(tmp_path / "roster", SCHOOLS, teachers={"t-1": "school-1"})
    at_hub = district(empty_db, "roster", "import", str(folder), "--json")
    kiosk = open_store(tmp_path / "kiosk")
    at_kiosk = roster.import_roster(kiosk, folder).to_json()
    assert json.loads(at_hub.stdout) == at_kiosk
    assert at_kiosk["imported"] == {
        "orgs": 3,
        "academicSessions": 1,
        "courses": 2,
        "classes": 3,
        "users": 4,
        "enrollments": 5,
    }
    store = Store(empty_db)
    try:
        assert store.people_at_school({"stu-1", "stu-9", "t-1"}, "school-1") == {"stu-1", "t-1"}
        # A second import of the same roster changes nothing; a bulk file that drops a student
        # is refused (as at the kiosk) unless removals are allowed, then the student is out.
        assert import_roster(store, folder).ok
        smaller = write_roster(tmp_path / "smaller", {"school-1": ["stu-1"], "school-2": ["stu-9"]})
        refusal = import_roster(store, smaller)
        assert refusal.refused == roster.REFUSED_REMOVALS and refusal.removals["users"] == 2
        assert store.people_at_school({"stu-2"}, "school-1") == {"stu-2"}
        assert import_roster(store, smaller, allow_removals=True).ok
        assert store.people_at_school({"stu-1", "stu-2"}, "school-1") == {"stu-1"}
    finally:
        store.engine.dispose()


def test_a_bad_roster_is_located_and_nothing_is_imported(empty_db, tmp_path):
    folder = write_roster(tmp_path / "roster", SCHOOLS)
    users = folder / "users.csv"
    users.write_text(
        users.read_text().replace("stu-2,,,true,school-1,student", "stu-2,,,maybe,school-1,pupil")
    )
    enrollments = folder / "enrollments.csv"
    enrollments.write_text(enrollments.read_text() + "e-x,,,class-404,school-1,stu-1,student,false,,\r\n")
    result = district(empty_db, "roster", "import", str(folder), "--json", check=False)
    assert result.returncode == 1
    body = json.loads(result.stdout)
    at_kiosk = roster.import_roster(open_store(tmp_path / "kiosk"), folder).to_json()
    assert body == at_kiosk and body["imported"] == {}
    located = {(e["file"], e["line"], e["column"]) for e in body["errors"]}
    assert {("users.csv", 3, "enabledUser"), ("users.csv", 3, "role")} <= located
    assert ("enrollments.csv", 7, "classSourcedId") in located
    text = district(empty_db, "roster", "import", str(folder), check=False)
    assert "users.csv:3: role:" in text.stderr and "nothing was imported" in text.stderr
    store = Store(empty_db)
    try:
        assert not store.has_roster()
    finally:
        store.engine.dispose()


def test_without_a_roster_or_a_school_a_device_is_told_what_it_needs(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    folder = write_roster(tmp_path / "roster", SCHOOLS)
    assert district(db_url, "roster", "import", str(folder)).returncode == 0
    credential = add_device(db_url, "lab-1", "--school", "school-1")
    legacy = add_device(db_url, "old-lab", "--school", "school-1")
    # The roster is gone (a district starting over): the device is refused as a whole. And a
    # device from before scopes (none) may not write until it is given a school.
    from citizenship_app.district.storage import ROSTER_TABLES, devices

    store = Store(db_url)
    with store.transaction() as conn:
        for table in reversed(list(ROSTER_TABLES.values())):
            conn.execute(table.delete())
        conn.execute(devices.update().where(devices.c.name == "old-lab").values(scope=None, school=None))
    store.engine.dispose()
    process = HubProcess(db_url, tmp_path / "hub.log")
    try:
        process.wait_ready()
        with httpx.Client(base_url=process.url, auth=credential, headers=XAPI_HEADERS) as client:
            response = client.post("/xapi/statements", json=[passed("stu-1")])
        with httpx.Client(base_url=process.url, auth=legacy, headers=XAPI_HEADERS) as client:
            unscoped = client.post("/xapi/statements", json=[passed("stu-1")])
            assert client.get("/xapi/statements").status_code == 200
    finally:
        process.stop()
    assert response.status_code == 403
    body = response.json()
    assert body["error"] == "forbidden" and "roster import" in body["reason"]
    assert unscoped.status_code == 403 and "device set old-lab --school" in unscoped.json()["reason"]


@pytest.mark.parametrize(
    "columns",
    ["", ", scope VARCHAR(16), school VARCHAR(255), public_key TEXT"],
    ids=["before scopes", "with an unused public_key column"],
)
def test_a_device_table_of_an_earlier_hub_is_upgraded_and_its_devices_must_be_given_a_school(
    empty_db, tmp_path, columns
):
    from sqlalchemy import create_engine, inspect, text

    from citizenship_app.district.storage import database_url

    engine = create_engine(database_url(empty_db))
    with engine.begin() as conn:  # the devices table as earlier hubs made it
        conn.execute(
            text(
                "CREATE TABLE devices (name VARCHAR(64) PRIMARY KEY, password_hash TEXT NOT NULL, "
                f"created_us BIGINT NOT NULL{columns})"
            )
        )
        conn.execute(
            text("INSERT INTO devices (name, password_hash, created_us) VALUES ('old-lab', 'scrypt$x', 1)")
        )
    engine.dispose()
    listed = json.loads(district(empty_db, "device", "list", "--json").stdout)
    assert [(d["name"], d["scope"], d["school"], d["read_only"]) for d in listed] == [
        ("old-lab", None, None, False)
    ]
    assert "no school yet" in district(empty_db, "device", "list").stdout
    folder = write_roster(tmp_path / "roster", SCHOOLS)
    district(empty_db, "roster", "import", str(folder))
    assert district(empty_db, "device", "set", "old-lab", "--school", "school-2").returncode == 0
    add_device(empty_db, "new-lab", "--school", "school-1")  # a new device in the upgraded table
    store = Store(empty_db)
    try:
        device = store.device("old-lab")
        assert (device.scope, device.school, device.password_hash) == ("school", "school-2", "scrypt$x")
        assert (store.device("new-lab").scope, store.device("new-lab").school) == ("school", "school-1")
        # Signing keys live in device_keys: the upgrade adds no public_key column of its own.
        have = {c["name"] for c in inspect(store.engine).get_columns("devices")}
        assert ("public_key" in have) == ("public_key" in columns)
    finally:
        store.engine.dispose()


def test_a_school_device_lists_only_its_own_schools_statements(scoped):
    """Issue 14 (2): a kiosk pulls `activity=<its school>&related_activities=true`, which
    finds the statements carrying the school as a grouping context activity; a school device
    may list nothing else (403 pull_scope), not even through a forged `more` link."""
    since = datetime.now(UTC).isoformat()
    mine, theirs = passed("stu-1", school="school-1"), passed("stu-9", school="school-2")
    assert scoped["lab-1"].post("/xapi/statements", json=[mine]).status_code == 200
    assert scoped["lab-2"].post("/xapi/statements", json=[theirs]).status_code == 200
    school_1, school_2 = xapi.school_iri(SIS, "school-1"), xapi.school_iri(SIS, "school-2")
    assert {"id": school_1, "objectType": "Activity"}.items() <= mine["context"]["contextActivities"][
        "grouping"
    ][0].items()

    def listed(client: httpx.Client, **params: str) -> httpx.Response:
        return client.get("/xapi/statements", params={"since": since, **params})

    found = listed(scoped["lab-1"], activity=school_1, related_activities="true")
    assert found.status_code == 200
    assert [s["id"] for s in found.json()["statements"]] == [mine["id"]]
    # The school is a context activity, not the object: only related_activities finds it.
    assert listed(scoped["lab-1"], activity=school_1).json()["statements"] == []
    for params in (
        {},
        {"activity": school_2, "related_activities": "true"},
        {"activity": xapi.module_iri(MODULE)},
    ):
        response = listed(scoped["lab-1"], **params)
        assert response.status_code == 403, params
        assert response.json()["error"] == "pull_scope" and school_1 in response.json()["reason"]
    # The district's read-only reporter lists everything; its `more` link is no way around.
    page = listed(scoped["reporter"], limit="1")
    assert page.status_code == 200 and page.json()["more"]
    forged = scoped["lab-1"].get(page.json()["more"])
    assert forged.status_code == 403 and forged.json()["error"] == "pull_scope"
    # A school device still fetches one statement by its id (a kiosk asks it of what it sent).
    assert held(scoped["lab-1"], mine["id"])
