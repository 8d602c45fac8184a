"""The hub when something fails inside it, and when clients misbehave: each case ends with a
legitimate kiosk still served. Hubs here are private processes on 127.0.0.1 (a SQLite file),
so a test may break one without disturbing the others.
"""
from __future__ import annotations

import json
import sqlite3
import uuid

import httpx
import pytest

from .conftest import XAPI_HEADERS, HubProcess, add_device
from .test_district_hub import statement


@pytest.fixture
def private_hub(tmp_path):
    """(url, (username, password), sqlite path) of a hub of this test's own."""
    path = tmp_path / "hub.db"
    db_url = f"sqlite:///{path}"
    credential = add_device(db_url, "kiosk-private")
    process = HubProcess(db_url, tmp_path / "hub.log")
    try:
        process.wait_ready()
        yield process.url, credential, path
    finally:
        process.stop()


def test_an_internal_error_is_json_with_the_version_header_and_closes_the_connection(private_hub):
    url, credential, path = private_hub
    with httpx.Client(base_url=url, auth=credential, headers=XAPI_HEADERS) as api:
        registration = str(uuid.uuid4())
        assert api.post("/xapi/statements", json=statement(registration)).status_code == 200
        with sqlite3.connect(path) as conn:  # a real fault: the database loses a table
            conn.execute("DROP TABLE statement_keys")
        agent = json.dumps(statement(registration)["actor"])
        response = api.get("/xapi/statements", params={"agent": agent})
    assert response.status_code == 500
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    assert response.headers["Connection"] == "close"
    body = response.json()
    assert body["error"] == "internal_error" and "reason" in body
    assert "statement_keys" not in response.text  # no internals (SQL, paths) leak to clients
