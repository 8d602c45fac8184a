"""One bad statement never blocks anything (issue 14, point 3, the hub's side): whatever a
client sends, the hub answers 400 with a JSON reason, never a 500; a 500 that still happens
(a fault inside the hub) is JSON, carries the version header, closes the connection, and is
logged without the statement's or the query's content (student data)."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid

import httpx
import pytest

from citizenship_app.core import multipart

from .conftest import XAPI_HEADERS, HubProcess, add_device
from .test_district_hub import statement, student
from .test_district_signatures import held, photo, send

SECRET_NAME = "zelda-q-private"  # a student's SIS id: it must not reach the hub's log


@pytest.fixture
def private_hub(hub_url, tmp_path):
    """(hub process, credential) of a hub of this test's own on a fresh database of each kind
    (a test may break it)."""
    credential = add_device(hub_url, "kiosk-private")
    process = HubProcess(hub_url, tmp_path / "hub.log")
    try:
        process.wait_ready()
        yield process, credential
    finally:
        process.stop()


def drop_tables(db_url: str, *names: str) -> None:
    """A real fault: the database loses tables under the running hub."""
    if db_url.startswith("sqlite:///"):
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
            for name in names:
                conn.execute(f"DROP TABLE {name}")
        return
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP TABLE {name} CASCADE")


def test_a_500_is_logged_without_the_statements_or_the_querys_content(private_hub):
    """A database error's message carries the SQL parameters (a student's id, a statement's
    JSON); the hub logs the failure (its kind and where) and the request's path only."""
    process, credential = private_hub
    registration = str(uuid.uuid4())
    sent = statement(registration, person=SECRET_NAME)
    with httpx.Client(base_url=process.url, auth=credential, headers=XAPI_HEADERS, timeout=20) as api:
        assert api.post("/xapi/statements", json=sent).status_code == 200
        drop_tables(process.db_url, "statement_keys", "statements")
        answers = [
            api.get("/xapi/statements", params={"agent": json.dumps(student(SECRET_NAME))}),
            api.post("/xapi/statements", json=statement(registration, person=SECRET_NAME)),
        ]
    for response in answers:
        assert response.status_code == 500, response.text
        assert response.headers["X-Experience-API-Version"] == "1.0.3"
        assert response.headers["Connection"] == "close"
        assert response.json()["error"] == "internal_error"
        assert SECRET_NAME not in response.text
    process.stop()
    log = process.log.read_text()
    # The failure is logged (what and where, so IT can see what broke)...
    # (PostgreSQL's error code, or SQLite's; a kiosk's reads on PostgreSQL run on the driver's
    # cursor, so their error is the driver's own, not wrapped by SQLAlchemy: hot_reads.py.)
    for method in ("GET", "POST"):
        logged = rf"internal error on {method} /xapi/statements: .*\[(42P01|SQLITE_ERROR)\]"
        assert re.search(logged, log), log
    assert "district/storage.py" in log
    assert SECRET_NAME not in log  # ...but not whose records were in the request
    assert registration not in log


def test_an_empty_list_stores_nothing_and_is_not_a_500(api):
    """POST [] was a 500 (the store's INSERT of no rows is not SQL)."""
    response = api.post("/xapi/statements", json=[])
    assert response.status_code == 200, response.text
    assert response.json() == []


# --------------------------------------------------------------------------- attachments


def test_a_multipart_part_that_is_no_attachments_data_is_refused(api, registration):
    """The spec (Communication 1.5.1): excess multipart sections that are not attachments are
    a 400 (they were stored as attachment data nobody refers to)."""
    data, extra = b"the photo", b"something else"
    st = photo(statement(registration), data)
    parts = [(multipart.sha2(data), "image/png", data), (multipart.sha2(extra), "text/plain", extra)]
    answer = send(api, [st], parts)
    assert answer.status_code == 400, answer.text
    assert multipart.sha2(extra) in answer.json()["reason"]
    assert held(api, registration) == []
    assert send(api, [st], parts[:1]).status_code == 200


def test_attachments_true_names_its_boundary_as_a_plain_token(api, registration):
    """A quoted boundary is valid MIME, but clients that split the header on "boundary=" (ADL's
    conformance suite among them) found no part."""
    data = b"here is a simple attachment"
    st = photo(statement(registration), data)
    assert send(api, [st], [(multipart.sha2(data), "text/plain", data)]).status_code == 200
    got = api.get("/xapi/statements", params={"statementId": st["id"], "attachments": "true"})
    kind, boundary = got.headers["content-type"].split("; boundary=")
    assert kind == "multipart/mixed" and '"' not in boundary
    assert any(data in section for section in got.content.split(b"--" + boundary.encode()))


# --------------------------------------------------------------------------- format=canonical


def test_format_canonical_returns_one_language_the_reader_asked_for(api, registration):
    """format=canonical was answered like exact: every language of every map."""
    both = {"en-US": "meeting", "en-GB": "meeting (GB)", "es": "reunión"}
    sent = statement(registration)
    sent["verb"]["display"] = dict(both)
    sent["object"]["definition"] = {
        "name": dict(both),
        "description": dict(both),
        "interactionType": "choice",
        "choices": [{"id": "a", "description": dict(both)}],
    }
    sent["context"]["contextActivities"] = {
        "category": {"id": "https://x.example/c", "definition": {"name": both}}
    }
    assert api.post("/xapi/statements", json=sent).status_code == 200
    spanish = {"Accept-Language": "fr;q=0.9, es-MX;q=0.5, en;q=0.1"}
    got = api.get(
        "/xapi/statements", params={"statementId": sent["id"], "format": "canonical"}, headers=spanish
    )
    assert got.status_code == 200, got.text
    assert got.headers["Vary"] == "Accept-Language"  # a cache must not give it to an English reader
    st = got.json()
    definition = st["object"]["definition"]
    assert st["verb"]["display"] == definition["name"] == definition["description"] == {"es": "reunión"}
    assert definition["choices"] == [{"id": "a", "description": {"es": "reunión"}}]
    assert st["context"]["contextActivities"]["category"][0]["definition"]["name"] == {"es": "reunión"}
    assert st["actor"] == sent["actor"]  # Agents as sent
    page = api.get(
        "/xapi/statements",
        params={"registration": registration, "format": "canonical"},
        headers={"Accept-Language": "en-GB"},
    )
    (listed,) = page.json()["statements"]
    assert (
        listed["verb"]["display"] == {"en-GB": "meeting (GB)"}
        and page.headers["Vary"] == "Accept-Encoding, Accept-Language"
    )
    exact = api.get("/xapi/statements", params={"statementId": sent["id"]}, headers=spanish)
    assert exact.json()["verb"]["display"] == both and "Vary" not in exact.headers  # the same for all


def test_attachments_true_returns_the_data_sent_for_an_attachment_with_a_file_url(api, registration):
    """The spec: attachments=true includes all attachments. Data sent for an attachment that
    also has a fileUrl was kept but never returned."""
    data = b"here is a simple attachment"
    st = photo(statement(registration), data)
    st["attachments"][0]["fileUrl"] = "https://files.example.org/photo.png"
    assert send(api, [st], [(multipart.sha2(data), "text/plain", data)]).status_code == 200
    got = api.get("/xapi/statements", params={"statementId": st["id"], "attachments": "true"})
    assert multipart.decode(got.headers["content-type"], got.content)[1] == {
        multipart.sha2(data): ("text/plain", data)
    }
    # Without data sent, the fileUrl is where it is: the answer has the statement only.
    other = photo(statement(registration), b"elsewhere")
    other["attachments"][0]["fileUrl"] = "https://files.example.org/elsewhere.png"
    assert api.post("/xapi/statements", json=other).status_code == 200
    got = api.get("/xapi/statements", params={"statementId": other["id"], "attachments": "true"})
    assert multipart.decode(got.headers["content-type"], got.content)[1] == {}


# --------------------------------------------------------------------------- HEAD


@pytest.mark.parametrize("path", ["/xapi/about", "/xapi/device-keys", "/xapi/statements"])
def test_head_answers_every_resource_like_get_without_a_body(api, path):
    """The spec: an LRS answers HEAD on any resource as GET, without the body (about and
    device-keys were 405)."""
    get, head = api.get(path), api.head(path)
    assert head.status_code == get.status_code == 200, head.text
    assert head.content == b"" and get.content != b""
    assert head.headers["X-Experience-API-Version"] == "1.0.3"
    assert head.headers["content-type"] == get.headers["content-type"]
