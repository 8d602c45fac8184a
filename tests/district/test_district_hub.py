"""The district hub over HTTP, as kiosks and other LRS clients use it, on SQLite and PostgreSQL.

Each test uses its own registration id (and fresh statement ids), so tests share one hub per
database without seeing each other's statements.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from citizenship_app.core import xapi

from .conftest import XAPI_HEADERS, add_device, district

COMPLETED = xapi.VERBS["completed"]
PASSED = xapi.VERBS["passed"]
VOIDED = xapi.VERBS["voided"]
SIS = "https://sis.example.org"


def student(name: str) -> dict:
    return xapi.actor(SIS, name)


def statement(
    registration: str, *, person: str = "s-1", verb: str = COMPLETED, module: str = "passwords", **extra
) -> dict:
    """A kiosk-like statement with a fresh id, tagged with the test's registration."""
    st = {
        "id": str(uuid.uuid4()),
        "actor": student(person),
        "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
        "object": {
            "objectType": "Activity",
            "id": xapi.module_iri(module),
            "definition": {"type": xapi.MODULE_TYPE, "name": {"en-US": module}},
        },
        "context": {"registration": registration},
        "timestamp": "2024-05-01T10:00:00.000+00:00",
    }
    st.update(extra)
    return st


def void(target_id: str, person: str = "admin-1") -> dict:
    return {
        "actor": student(person),
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target_id},
    }


def fetch_all(api: httpx.Client, **params) -> list[dict]:
    """Every statement matching `params`, following `more` links."""
    response = api.get("/xapi/statements", params=params)
    assert response.status_code == 200, response.text
    page = response.json()
    found = page["statements"]
    while page["more"]:
        response = api.get(page["more"])
        assert response.status_code == 200, response.text
        page = response.json()
        found += page["statements"]
    return found


def ids(statements: list[dict]) -> list[str]:
    return [s["id"] for s in statements]


# --------------------------------------------------------------------------- about, storing


def test_about_answers_without_credentials_or_version_header(hub):
    response = httpx.get(hub.url + "/xapi/about")
    assert response.status_code == 200
    assert "1.0.3" in response.json()["version"]
    assert response.headers["X-Experience-API-Version"] == "1.0.3"


def test_post_one_statement_returns_its_id_and_the_hub_adds_stored_and_authority(hub, api, registration):
    sent = statement(registration)
    response = api.post("/xapi/statements", json=sent)
    assert response.status_code == 200
    assert response.json() == [sent["id"]]

    got = api.get("/xapi/statements", params={"statementId": sent["id"]})
    assert got.status_code == 200
    body = got.json()
    assert {k: body[k] for k in sent} == sent  # returned exactly as sent
    assert body["authority"] == {
        "objectType": "Agent",
        "account": {
            "homePage": "https://citizenship-kiosk.org/xapi/district-hub/devices",
            "name": hub.username,
        },
    }
    assert datetime.fromisoformat(body["stored"]) - datetime.now(UTC) < timedelta(minutes=1)
    assert body["version"] == "1.0.0"
    assert "Last-Modified" in got.headers
    assert got.headers["X-Experience-API-Version"] == "1.0.3"


def test_a_kiosk_quiz_statement_is_accepted_as_the_kiosk_builds_it(api):
    finished = datetime.now(UTC)
    sent = xapi.attempt_statement(
        verb="passed",
        record_id=str(uuid.uuid4()),
        sis_home_page=SIS,
        person_id="s-42",
        module_id="passwords-k2",
        module_title="Keep your password secret",
        class_id="class-1",
        correct=4,
        total=5,
        passed=True,
        started=finished - timedelta(minutes=3),
        finished=finished,
        machine="lab-1-pc-07",
    )
    assert api.post("/xapi/statements", json=[sent]).json() == [sent["id"]]
    assert api.post("/xapi/statements", json=[sent]).json() == [sent["id"]]  # the outbox retries
    stored = api.get("/xapi/statements", params={"statementId": sent["id"]}).json()
    assert stored["result"] == sent["result"] and stored["version"] == "1.0.3"


def test_post_many_returns_ids_in_order_and_assigns_missing_ones(api, registration):
    batch = [statement(registration), statement(registration), statement(registration)]
    del batch[1]["id"]
    response = api.post("/xapi/statements", json=batch)
    assert response.status_code == 200
    returned = response.json()
    assert len(returned) == 3
    assert returned[0] == batch[0]["id"] and returned[2] == batch[2]["id"]
    assert str(uuid.UUID(returned[1])) == returned[1]
    assert sorted(ids(fetch_all(api, registration=registration))) == sorted(returned)


def test_put_stores_a_statement_under_the_given_id(api, registration):
    sent = statement(registration)
    statement_id = sent.pop("id")
    response = api.put("/xapi/statements", params={"statementId": statement_id}, json=sent)
    assert response.status_code == 204
    assert api.get("/xapi/statements", params={"statementId": statement_id}).json()["id"] == statement_id


def test_put_rejects_a_missing_or_different_statement_id(api, registration):
    sent = statement(registration)
    assert api.put("/xapi/statements", json=sent).status_code == 400
    other = str(uuid.uuid4())
    response = api.put("/xapi/statements", params={"statementId": other}, json=sent)
    assert response.status_code == 400
    assert "differs" in response.json()["reason"]


def test_resending_an_identical_statement_is_accepted_and_stored_once(api, registration):
    sent = statement(registration)
    assert api.post("/xapi/statements", json=[sent]).status_code == 200
    first = api.get("/xapi/statements", params={"statementId": sent["id"]}).json()

    assert api.post("/xapi/statements", json=[sent]).json() == [sent["id"]]
    assert api.post("/xapi/statements", json=sent).json() == [sent["id"]]
    assert api.put("/xapi/statements", params={"statementId": sent["id"]}, json=sent).status_code == 204
    # What the hub may have changed itself does not count as different content.
    same_instant = dict(sent, timestamp="2024-05-01T12:00:00+02:00", id=sent["id"].upper())
    assert api.post("/xapi/statements", json=[same_instant]).status_code == 200
    with_hub_fields = dict(first)  # e.g. a statement copied from this hub and sent back
    assert api.post("/xapi/statements", json=[with_hub_fields]).status_code == 200

    assert ids(fetch_all(api, registration=registration)) == [sent["id"]]
    again = api.get("/xapi/statements", params={"statementId": sent["id"]}).json()
    assert again["stored"] == first["stored"]  # nothing was rewritten


def test_a_reused_id_with_different_content_is_409_and_stores_nothing(api, registration):
    sent = statement(registration, result={"score": {"scaled": 0.8}})
    assert api.post("/xapi/statements", json=[sent]).status_code == 200
    changed = dict(sent, result={"score": {"scaled": 0.4}})

    response = api.post("/xapi/statements", json=[changed])
    assert response.status_code == 409
    assert response.json()["conflicts"] == [sent["id"]]
    assert api.put("/xapi/statements", params={"statementId": sent["id"]}, json=changed).status_code == 409

    # A batch with one conflict is refused as a whole; the sender resends the others.
    fresh = statement(registration)
    response = api.post("/xapi/statements", json=[fresh, changed])
    assert response.status_code == 409
    assert response.json()["conflicts"] == [sent["id"]]
    assert api.get("/xapi/statements", params={"statementId": fresh["id"]}).status_code == 404
    assert api.post("/xapi/statements", json=[fresh]).status_code == 200
    stored = api.get("/xapi/statements", params={"statementId": sent["id"]}).json()
    assert stored["result"] == {"score": {"scaled": 0.8}}


def test_a_batch_with_a_repeated_id_is_refused(api, registration):
    one = statement(registration)
    response = api.post("/xapi/statements", json=[one, dict(one)])
    assert response.status_code == 400
    assert response.json()["index"] == 1


# --------------------------------------------------------------------------- queries


def test_get_filters_by_agent_verb_activity_and_registration(api, registration):
    ana_done = statement(registration, person="ana", module="passwords")
    ana_passed = statement(registration, person="ana", module="privacy", verb=PASSED)
    ben_done = statement(
        registration,
        person="ben",
        module="passwords",
        context={
            "registration": registration,
            "contextActivities": {"grouping": [{"id": xapi.class_iri("class-7")}]},
        },
    )
    by_mail = statement(registration, actor={"mbox": "mailto:teacher@school.example.org"})
    team = statement(
        registration,
        module="team-project",
        actor={
            "objectType": "Group",
            "member": [{"account": {"homePage": SIS, "name": "ana"}}, {"mbox": "mailto:kim@example.org"}],
        },
    )
    assert (
        api.post("/xapi/statements", json=[ana_done, ana_passed, ben_done, by_mail, team]).status_code == 200
    )

    def find(**params) -> set[str]:
        return set(ids(fetch_all(api, registration=registration, **params)))

    ana = json.dumps({"account": {"homePage": SIS, "name": "ana"}})
    assert find(agent=ana) == {ana_done["id"], ana_passed["id"], team["id"]}  # a Group's member matches
    assert find(agent=json.dumps({"mbox": "mailto:teacher@school.example.org"})) == {by_mail["id"]}
    assert find(agent=ana, verb=PASSED) == {ana_passed["id"]}
    assert find(activity=xapi.module_iri("passwords"), agent=ana) == {ana_done["id"]}
    assert find(activity=xapi.class_iri("class-7")) == set()
    assert find(activity=xapi.class_iri("class-7"), related_activities="true") == {ben_done["id"]}
    assert len(find()) == 5
    assert fetch_all(api, registration=str(uuid.uuid4())) == []
    assert (
        fetch_all(
            api, agent=json.dumps({"account": {"homePage": SIS, "name": "nobody"}}), registration=registration
        )
        == []
    )


def test_more_pages_through_more_statements_than_the_limit(api, registration):
    sent = [statement(registration) for _ in range(25)]
    for chunk in (sent[:10], sent[10:20], sent[20:]):  # three `stored` times, several per time
        assert api.post("/xapi/statements", json=chunk).status_code == 200

    pages, seen = [], []
    response = api.get("/xapi/statements", params={"registration": registration, "limit": 10})
    while True:
        page = response.json()
        pages.append(len(page["statements"]))
        seen += page["statements"]
        if not page["more"]:
            break
        assert page["more"].startswith("/xapi/statements?")
        response = api.get(page["more"])
        assert response.status_code == 200
    assert pages == [10, 10, 5]
    assert sorted(ids(seen)) == sorted(ids(sent))  # every statement once
    stored = [s["stored"] for s in seen]
    assert stored == sorted(stored, reverse=True)  # newest first by default

    ascending = fetch_all(api, registration=registration, limit=7, ascending="true")
    assert ids(ascending) == list(reversed(ids(seen)))


def test_since_and_until_compare_the_stored_time(api, registration):
    early = [statement(registration), statement(registration)]
    late = [statement(registration)]
    api.post("/xapi/statements", json=early)
    cut = api.get("/xapi/statements", params={"statementId": early[0]["id"]}).json()["stored"]
    api.post("/xapi/statements", json=late)

    assert ids(fetch_all(api, registration=registration, since=cut)) == ids(late)
    assert sorted(ids(fetch_all(api, registration=registration, until=cut))) == sorted(ids(early))
    assert len(fetch_all(api, registration=registration, since="2000-01-01T00:00:00Z")) == 3
    assert api.get("/xapi/statements", params={"since": "yesterday"}).status_code == 400


def test_voiding_hides_a_statement_from_queries_but_not_from_voidedStatementId(api, registration):
    target = statement(registration, person="cy")
    api.post("/xapi/statements", json=[target])
    voiding_id = api.post("/xapi/statements", json=[void(target["id"])]).json()[0]

    assert api.get("/xapi/statements", params={"statementId": target["id"]}).status_code == 404
    got = api.get("/xapi/statements", params={"voidedStatementId": target["id"]})
    assert got.status_code == 200 and got.json()["id"] == target["id"]
    # The voiding statement is found by the voided statement's registration and actor, as
    # the spec's rule for statements that target others says; the voided one is not.
    assert ids(fetch_all(api, registration=registration)) == [voiding_id]
    assert ids(fetch_all(api, agent=json.dumps(student("cy")), registration=registration)) == [voiding_id]
    assert api.get("/xapi/statements", params={"voidedStatementId": voiding_id}).status_code == 404


def test_voiding_a_voiding_statement_is_refused(api, registration):
    target = statement(registration)
    voiding = dict(void(target["id"]), id=str(uuid.uuid4()))
    api.post("/xapi/statements", json=[target, voiding])
    response = api.post("/xapi/statements", json=[statement(registration), void(voiding["id"])])
    assert response.status_code == 400
    assert response.json()["index"] == 1 and "voiding" in response.json()["reason"]
    # ... also inside one batch, and nothing of the batch is stored.
    first = dict(void(str(uuid.uuid4())), id=str(uuid.uuid4()))
    response = api.post("/xapi/statements", json=[first, void(first["id"])])
    assert response.status_code == 400
    assert api.get("/xapi/statements", params={"statementId": first["id"]}).status_code == 404


def test_a_voiding_statement_may_arrive_before_its_target(api, registration):
    target = statement(registration)
    assert api.post("/xapi/statements", json=[void(target["id"])]).status_code == 200
    assert api.post("/xapi/statements", json=[target]).status_code == 200
    assert api.get("/xapi/statements", params={"statementId": target["id"]}).status_code == 404
    assert api.get("/xapi/statements", params={"voidedStatementId": target["id"]}).status_code == 200


def test_format_ids_reduces_objects_to_their_identifiers(api, registration):
    sent = statement(registration)
    api.post("/xapi/statements", json=[sent])
    got = api.get("/xapi/statements", params={"statementId": sent["id"], "format": "ids"}).json()
    assert got["verb"] == {"id": COMPLETED}
    assert got["object"] == {"id": sent["object"]["id"]}  # objectType Activity is the default


def _token(after=(1_700_000_000_000_000, 5), **query) -> str:
    """A `more` token as a client could forge it (the hub's own format, base64 JSON)."""
    import base64

    state = {
        "q": {
            "agent": None,
            "verb": None,
            "activity": None,
            "registration": None,
            "related_agents": False,
            "related_activities": False,
            "since_us": None,
            "until_us": None,
            "ascending": False,
            **query,
        },
        "l": 10,
        "f": "exact",
        "a": list(after),
    }
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "params, reason",
    [
        ({"actor": "x"}, "unknown parameter 'actor'"),
        ({"Verb": COMPLETED}, "unknown parameter 'Verb'"),
        ({"statementId": str(uuid.uuid4()), "verb": COMPLETED}, "cannot be combined"),
        ({"statementId": str(uuid.uuid4()), "voidedStatementId": str(uuid.uuid4())}, "not both"),
        ({"agent": "{not json"}, "agent"),
        ({"agent": json.dumps({"name": "no identifier"})}, "agent"),
        ({"verb": "completed"}, "IRI"),
        ({"registration": "42"}, "UUID"),
        ({"limit": "-1"}, "limit"),
        ({"ascending": "yes"}, "true or false"),
        ({"more": "garbage"}, "more"),
        # A tampered token: a page end past any 64-bit integer was a 500 from PostgreSQL.
        ({"more": _token(after=[10**30, 1])}, "more"),
        ({"more": _token(after=[1, -(10**30)])}, "more"),
        ({"more": _token(since_us=2**70)}, "more"),
        ({"more": _token(after=[1, 2, 3])}, "more"),
        ({"more": base64.urlsafe_b64encode(b"[" * 5000).decode()}, "more"),  # nested past recursion: was 500
    ],
)
def test_bad_query_parameters_are_400_with_a_reason(api, params, reason):
    response = api.get("/xapi/statements", params=params)
    assert response.status_code == 400
    assert reason in response.json()["reason"]
    assert "X-Experience-API-Consistent-Through" in response.headers  # the spec: on every GET answer


# --------------------------------------------------------------------------- validation


def _bad(change):
    def make(registration: str) -> dict:
        st = statement(registration, result={"score": {"scaled": 0.5}})
        change(st)
        return st

    return make


BAD_STATEMENTS = {
    "missing actor": (_bad(lambda s: s.pop("actor")), "actor: is required"),
    "missing verb": (_bad(lambda s: s.pop("verb")), "verb: is required"),
    "missing object": (_bad(lambda s: s.pop("object")), "object: is required"),
    "bad id": (_bad(lambda s: s.update(id="not-a-uuid")), "id: must be a UUID"),
    "bad timestamp": (_bad(lambda s: s.update(timestamp="2024-13-45T99:00:00Z")), "timestamp"),
    "timestamp without zone": (_bad(lambda s: s.update(timestamp="2024-05-01T10:00:00")), "time zone"),
    "verb id not an IRI": (_bad(lambda s: s["verb"].update(id="completed")), "verb.id: must be an IRI"),
    "scaled above 1": (
        _bad(lambda s: s["result"]["score"].update(scaled=1.5)),
        "result.score.scaled: must be between -1 and 1",
    ),
    "scaled below -1": (_bad(lambda s: s["result"]["score"].update(scaled=-2)), "result.score.scaled"),
    "unknown property": (_bad(lambda s: s.update(grade="A")), "grade: is not an xAPI property"),
    "null value": (_bad(lambda s: s.update(result=None)), "result: must not be null"),
    "agent with two ids": (
        _bad(lambda s: s["actor"].update(mbox="mailto:x@example.org")),
        "more than one identifier",
    ),
    "voiding a non-StatementRef": (_bad(lambda s: s["verb"].update(id=VOIDED)), "StatementRef"),
    # Values the hub looks up in a set: an object or a list there was a 500 (unhashable type).
    "interactionType an object": (
        _bad(lambda s: s["object"]["definition"].update(interactionType={"a": 1})),
        "object.definition.interactionType: must be one of",
    ),
    "interactionType a list": (
        _bad(lambda s: s["object"]["definition"].update(interactionType=["choice"])),
        "object.definition.interactionType: must be one of",
    ),
    "correctResponsesPattern without interactionType": (
        _bad(lambda s: s["object"]["definition"].update(correctResponsesPattern=["a"])),
        "object.definition.correctResponsesPattern: needs an interactionType",
    ),
    "authority a Group of one": (
        _bad(lambda s: s.update(authority={"objectType": "Group", "member": [student("a")]})),
        "authority: a Group authority must have exactly two members",
    ),
    "authority a Group of three": (
        _bad(
            lambda s: s.update(
                authority={"objectType": "Group", "member": [student("a"), student("b"), student("c")]}
            )
        ),
        "authority: a Group authority must have exactly two members",
    ),
    "authority an identified Group": (
        _bad(
            lambda s: s.update(
                authority={
                    "objectType": "Group",
                    "mbox": "mailto:g@example.org",
                    "member": [student("a"), student("b")],
                }
            )
        ),
        "authority: a Group authority must be anonymous",
    ),
    "contextActivities a list": (
        _bad(lambda s: s["context"].update(contextActivities=[{"id": "https://x.example"}])),
        "context.contextActivities: must be a JSON object",
    ),
}


@pytest.mark.parametrize("case", BAD_STATEMENTS, ids=list(BAD_STATEMENTS))
def test_an_invalid_statement_is_400_with_a_reason(api, registration, case):
    make, reason = BAD_STATEMENTS[case]
    response = api.post("/xapi/statements", json=make(registration))
    assert response.status_code == 400, response.text
    assert reason in response.json()["reason"]


def test_a_single_context_activity_is_stored_and_returned_as_a_list(api, registration):
    """The spec lets a sender give one context activity as an object; the LRS returns arrays
    (a kiosk's pull read `grouping` as a list and crashed on every round)."""
    group = {"id": "https://district.example/school/1", "objectType": "Activity"}
    sent = statement(registration)
    sent["context"]["contextActivities"] = {"grouping": group, "parent": [{"id": "https://x.example/p"}]}
    assert api.post("/xapi/statements", json=[sent]).status_code == 200
    (found,) = fetch_all(api, registration=registration)
    assert found["context"]["contextActivities"] == {
        "grouping": [group],
        "parent": [{"id": "https://x.example/p"}],
    }
    assert ids(fetch_all(api, activity=group["id"], related_activities="true")) == [sent["id"]]
    # A resend in either form is the same statement.
    assert api.post("/xapi/statements", json=[found]).status_code == 200
    assert api.post("/xapi/statements", json=[sent]).status_code == 200


def test_a_bad_statement_in_a_batch_is_named_and_nothing_is_stored(api, registration):
    batch = [statement(registration), statement(registration), statement(registration)]
    batch[2]["result"] = {"score": {"scaled": 7}}
    response = api.post("/xapi/statements", json=batch)
    assert response.status_code == 400
    body = response.json()
    assert body["index"] == 2 and body["id"] == batch[2]["id"] and body["path"] == "result.score.scaled"
    assert body["reason"].startswith("statement 2: ")
    assert fetch_all(api, registration=registration) == []
    # The sender quarantines statement 2 and resends the rest.
    assert api.post("/xapi/statements", json=batch[:2]).status_code == 200


def test_awkward_but_valid_content_is_stored_and_found(api, registration):
    long_name = "x" * 3000  # longer than a PostgreSQL index entry may be
    sent = statement(registration, actor=student(long_name), result={"response": "nul \u0000 and ünïcode"})
    assert api.post("/xapi/statements", json=[sent]).status_code == 200
    found = fetch_all(api, agent=json.dumps(student(long_name)), registration=registration)
    assert ids(found) == [sent["id"]] and found[0]["result"] == sent["result"]


def test_too_large_a_batch_is_413(api, registration):
    response = api.post("/xapi/statements", json=[statement(registration) for _ in range(1001)])
    assert response.status_code == 413
    assert fetch_all(api, registration=registration) == []


def test_a_body_that_is_not_json_is_400(api):
    for body in (b"{nope", b'{"actor": {}, "actor": {}}', b'[{"result": {"score": {"raw": 1e999}}}]', b"NaN"):
        response = api.post("/xapi/statements", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400
        assert "JSON" in response.json()["reason"]


# --------------------------------------------------------------------------- credentials and version


def test_requests_without_valid_credentials_are_401_with_a_basic_challenge(hub, registration):
    sent = statement(registration)
    attempts = [
        httpx.post(hub.url + "/xapi/statements", json=sent, headers=XAPI_HEADERS),
        httpx.post(
            hub.url + "/xapi/statements", json=sent, headers=XAPI_HEADERS, auth=(hub.username, "wrong")
        ),
        httpx.post(
            hub.url + "/xapi/statements", json=sent, headers=XAPI_HEADERS, auth=("nobody", hub.password)
        ),
        httpx.get(hub.url + "/xapi/statements", headers={**XAPI_HEADERS, "Authorization": "Basic !!!"}),
        httpx.get(hub.url + "/xapi/statements", headers={**XAPI_HEADERS, "Authorization": "Bearer x"}),
    ]
    for response in attempts:
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic ")
        assert response.headers["X-Experience-API-Version"] == "1.0.3"
    with hub.client() as api:
        assert fetch_all(api, registration=registration) == []


def test_a_removed_device_is_refused_at_once(hub, registration):
    name = f"temp-{uuid.uuid4().hex[:8]}"
    username, password = add_device(hub.db_url, name)
    with hub.client(auth=(username, password)) as api:
        assert api.post("/xapi/statements", json=statement(registration)).status_code == 200
        district(hub.db_url, "device", "remove", name)
        assert api.post("/xapi/statements", json=statement(registration)).status_code == 401


@pytest.mark.parametrize(
    "version, status",
    [
        (None, 400),
        ("0.95", 400),
        ("1.1.0", 400),
        ("2.0.0", 400),
        ("1.0", 200),
        ("1.0.0", 200),
        ("1.0.3", 200),
    ],
)
def test_the_version_header_is_required(hub, version, status):
    headers = {} if version is None else {"X-Experience-API-Version": version}
    with hub.client(headers=headers) as api:
        response = api.get("/xapi/statements", params={"limit": 1})
    assert response.status_code == status
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    if status == 400:
        assert (
            "X-Experience-API-Version" in response.json()["reason"] or "version" in response.json()["reason"]
        )
    else:
        assert "X-Experience-API-Consistent-Through" in response.headers


# --------------------------------------------------------------------------- several hub processes


@pytest.fixture
def two_hubs(pg_hubs):
    clients = [hub.client() for hub in pg_hubs]
    yield clients
    for client in clients:
        client.close()


def _race(first, second) -> tuple[httpx.Response, httpx.Response]:
    """Run two requests at the same moment, from two threads."""
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def run(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results[0], results[1]


def test_two_hub_processes_on_one_postgres_store_a_statement_exactly_once(two_hubs, pg_hubs, registration):
    one, two = two_hubs
    sent = [statement(registration) for _ in range(15)]
    for st in sent:
        a, b = _race(
            lambda st=st: one.post("/xapi/statements", json=[st]),
            lambda st=st: two.put("/xapi/statements", params={"statementId": st["id"]}, json=st),
        )
        assert (a.status_code, b.status_code) == (200, 204), (a.text, b.text)
    # Overlapping batches in opposite orders: both delivered, no deadlock.
    batch = [statement(registration) for _ in range(10)]
    a, b = _race(
        lambda: one.post("/xapi/statements", json=batch),
        lambda: two.post("/xapi/statements", json=list(reversed(batch))),
    )
    assert (a.status_code, b.status_code) == (200, 200), (a.text, b.text)

    found = fetch_all(one, registration=registration)
    assert sorted(ids(found)) == sorted(ids(sent + batch))
    import psycopg

    with psycopg.connect(pg_hubs[0].db_url) as conn:
        rows = conn.execute(
            "SELECT count(*), count(DISTINCT id) FROM statements WHERE id = ANY(%s)", [ids(sent + batch)]
        ).fetchone()
    assert rows == (25, 25)


def test_two_hub_processes_given_different_content_for_one_id_keep_one(two_hubs, registration):
    one, two = two_hubs
    for _ in range(8):
        first = statement(registration, result={"success": True})
        second = dict(first, result={"success": False})
        a, b = _race(
            lambda first=first: one.post("/xapi/statements", json=[first]),
            lambda second=second: two.post("/xapi/statements", json=[second]),
        )
        assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
        winner = first if a.status_code == 200 else second
        stored = one.get("/xapi/statements", params={"statementId": first["id"]}).json()
        assert stored["result"] == winner["result"]


def test_a_hub_does_not_take_another_processes_row_for_its_own(pg_database, registration, monkeypatch):
    """Two hub processes stored the same statement from the same device in the same
    microsecond: the second must neither answer 500 (seen in CI) nor index the first one's row
    as its own (which would list the statement twice)."""
    from citizenship_app.district import storage

    first, second = storage.Store(pg_database), storage.Store(pg_database)
    first.create_tables()
    st = statement(registration)
    authority = {"objectType": "Agent", "account": {"homePage": "https://hub.example", "name": "kiosk-race"}}
    monkeypatch.setattr(storage.Store, "_stored_time", lambda self, conn: 1_900_000_000_000_000)
    first.save([st], authority=authority, device="kiosk-race")
    second.save([st], authority=authority, device="kiosk-race")  # same microsecond: a resend
    stored = first.get(st["id"])
    assert stored is not None and stored[0] == 1_900_000_000_000_000
    rows, more = first.query(storage.StatementQuery(registration=registration), limit=10)
    assert len(rows) == 1 and not more
    with first.engine.connect() as conn:
        keys = conn.execute(
            storage.select(storage.statement_keys.c.key, storage.statement_keys.c.related).where(
                storage.statement_keys.c.seq == rows[0][1]
            )
        ).all()
    assert len(keys) == len(set(keys)) == len(storage.own_keys(json.loads(stored[1])))
    for store in (first, second):
        store.engine.dispose()


def test_head_answers_like_get_without_a_body(api, registration):
    """The spec: HEAD on a resource answers as GET would, without the content (the ADL
    conformance suite checks it on /statements)."""
    sent = statement(registration)
    assert api.post("/xapi/statements", json=[sent]).status_code == 200
    listing = api.head("/xapi/statements", params={"registration": registration})
    assert listing.status_code == 200 and listing.content == b""
    assert "X-Experience-API-Consistent-Through" in listing.headers
    assert api.head("/xapi/statements", params={"statementId": sent["id"]}).status_code == 200
    assert api.head("/xapi/statements", params={"statementId": str(uuid.uuid4())}).status_code == 404
