"""What a statement costs to keep: its JSON packed with a fixed dictionary (issue 14, point 7),
read back exactly as it was sent, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from citizenship_app.core import xapi
from citizenship_app.district import compression
from citizenship_app.district.storage import StatementQuery, Store, statements

AUTHORITY = {"objectType": "Agent", "account": {"homePage": "https://hub.example", "name": "lab-1"}}


def attempt(n: int) -> dict:
    """A quiz attempt as a kiosk sends it."""
    when = datetime(2026, 9, 14, 10, n % 60, tzinfo=UTC)
    return xapi.attempt_statement(
        verb="passed" if n % 2 else "failed",
        record_id=str(uuid.uuid4()),
        sis_home_page="https://sis.district.example",
        person_id=f"stu-{n * 7919 % 30000}",
        module_id=f"module-{n % 40}",
        module_title="Voting rights",
        class_id=f"class-{n % 900}",
        correct=5 + n % 4,
        total=8,
        passed=bool(n % 2),
        started=when,
        finished=when,
        machine=f"lab-{n % 30}",
    )


def test_the_dictionary_never_changes():
    # Rows packed with it can be read only with it: a change makes every stored statement
    # unreadable. A better dictionary needs a new format byte, with this one kept for reading.
    assert hashlib.sha256(compression._DICTIONARY_1).hexdigest() == (
        "e624ad3c4158cd8ab78274bcb8bb09dad2ae3dbbcacac6c023ae2f8646fac139"
    )


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(attempt(1), separators=(",", ":")),
        '{"id":"x"}',  # too short to gain: stored as it is
        json.dumps({"name": "Zoë 🗳", "n": "\u0000"}, ensure_ascii=False),
        "{" + "x" * 100_000 + "}",
    ],
)
def test_pack_and_unpack_give_back_the_same_text(text):
    packed = compression.pack(text)
    assert compression.unpack(packed) == text
    assert len(packed) <= len(text.encode())
    assert compression.unpack(text) == text  # a row stored as text by an earlier version (SQLite)
    assert compression.unpack(text.encode()) == text  # ... or made bytes by the upgrade (PostgreSQL)


def test_a_damaged_row_is_an_error_not_a_wrong_statement():
    packed = compression.pack(json.dumps(attempt(1)))
    with pytest.raises(ValueError, match="damaged"):
        compression.unpack(packed[:-10])


def test_statements_are_kept_packed_and_come_back_exactly(hub_url):
    """A kiosk's statement keeps under a fifth of its JSON (it kept all of it)."""
    store = Store(hub_url)
    store.create_tables()
    try:
        batch = [attempt(n) for n in range(200)]
        store.save(batch, authority=AUTHORITY, device="lab-1")
        rows, _ = store.query(StatementQuery(ascending=True), limit=500)
        texts = {json.loads(text)["id"]: text for _, _, text in rows}
        assert set(texts) == {st["id"] for st in batch}
        with store.engine.connect() as conn:
            kept = dict(conn.execute(select(statements.c.id, statements.c.content)).all())
        for st in batch:
            text = texts[st["id"]]
            assert json.loads(text) == {**st, **{k: json.loads(text)[k] for k in ("stored", "authority")}}
            assert len(kept[st["id"]]) * 5 < len(text), len(kept[st["id"]])
            assert store.get(st["id"]) == (rows[0][0], text.decode())
    finally:
        store.engine.dispose()
