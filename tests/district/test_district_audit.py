"""The hub's audit log, on SQLite and PostgreSQL: a row, hash-chained, before every export of
the district report (PDF or JSON) and before a school year is closed; refused when the row
cannot be written; `citizenship-district audit` lists it and finds a deleted or edited row."""

from __future__ import annotations

import getpass
import json

from sqlalchemy import text

from citizenship_app.core import audit as kiosk_audit
from citizenship_app.district import audit
from citizenship_app.district.compliance import frozen
from citizenship_app.district.storage import Store, hub_audit

from .conftest import district
from .test_district_compliance import YEAR, write_cedar_roster


def imported(url: str, tmp_path) -> Store:
    district(url, "roster", "import", str(write_cedar_roster(tmp_path / "roster")))
    store = Store(url)
    store.create_tables()
    return store


def listing(url: str) -> tuple[int, dict]:
    result = district(url, "audit", "--json", check=False)
    return result.returncode, json.loads(result.stdout)


def test_the_hub_hashes_its_rows_as_the_kiosk_does():
    args = ("0" * 64, 3, "2027-07-01T10:00:00.000000+00:00", "cli", "close_year", None, '{"a":1}')
    assert audit.row_hash(*args) == kiosk_audit.row_hash(*args)


def test_exports_and_a_close_are_audited_in_a_hash_chain(hub_url, tmp_path):
    store = imported(hub_url, tmp_path)
    assert listing(hub_url) == (0, {"entries": [], "chain_ok": True, "problems": []})
    assert "the hub's audit log is empty" in district(hub_url, "audit").stdout
    exported = json.loads(district(hub_url, "compliance", "--school-year", YEAR, "--json").stdout)
    pdf = tmp_path / "district.pdf"
    district(hub_url, "compliance", "--school-year", YEAR, "--school", "org-a", "--pdf", str(pdf))
    district(hub_url, "compliance", "--school-year", YEAR)  # on screen: nothing leaves the hub
    district(hub_url, "compliance", "close", "--school-year", YEAR, "--early")
    code, out = listing(hub_url)
    assert code == 0 and out["chain_ok"] is True
    rows = out["entries"]
    assert [(r["seq"], r["action"]) for r in rows] == [
        (1, "export_compliance"),
        (2, "export_compliance"),
        (3, "close_year"),
    ]
    assert {r["actor"] for r in rows} == {getpass.getuser()}
    assert rows[0]["detail"] == {
        "school_year": YEAR,
        "school_id": None,
        "format": "json",
        "file": None,
        "records": exported["records"],
        "fingerprint": exported["fingerprint"],
    }
    assert rows[1]["detail"]["format"] == "pdf" and rows[1]["detail"]["file"] == str(pdf)
    assert rows[1]["detail"]["school_id"] == "org-a"
    assert rows[2]["detail"] == {"school_year": YEAR, "early": True}
    assert frozen(store, YEAR, None).frozen_by == getpass.getuser()
    with store.engine.connect() as conn:
        chain = conn.execute(hub_audit.select().order_by(hub_audit.c.seq)).all()
    assert chain[0].prev_hash == audit.GENESIS
    assert [r.prev_hash for r in chain[1:]] == [r.hash for r in chain[:-1]]
    text_out = district(hub_url, "audit").stdout
    assert "close_year" in text_out and "the hash chain holds" in text_out
    # Someone with the database's password deletes the first row and edits the last.
    with store.engine.begin() as conn:
        conn.execute(hub_audit.delete().where(hub_audit.c.seq == 1))
        conn.execute(hub_audit.update().where(hub_audit.c.seq == 3).values(detail='{"school_year": "2026"}'))
    code, out = listing(hub_url)
    assert code == 1 and out["chain_ok"] is False
    assert [(p["code"], p["seq"]) for p in out["problems"]] == [("missing-before", 2), ("edited", 3)]
    broken = district(hub_url, "audit", check=False)
    assert broken.returncode == 1 and "row 3: edited" in broken.stdout


def _refuse_audit_rows(store: Store) -> None:
    """A database that takes no audit row (as when its disk is full or the table is locked)."""
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":
            conn.execute(
                text(
                    "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'audit storage full'; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON hub_audit "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_audit()"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_audit BEFORE INSERT ON hub_audit "
                    "BEGIN SELECT RAISE(ABORT, 'audit storage full'); END"
                )
            )


def test_nothing_is_exported_or_closed_without_its_audit_row(hub_url, tmp_path):
    store = imported(hub_url, tmp_path)
    _refuse_audit_rows(store)
    pdf = tmp_path / "district.pdf"
    refused = district(hub_url, "compliance", "--school-year", YEAR, "--pdf", str(pdf), check=False)
    assert refused.returncode == 1 and "the hub's audit log cannot be written" in refused.stderr
    assert "audit storage full" in refused.stderr and "nothing was exported" in refused.stderr
    assert not pdf.exists()
    as_json = district(hub_url, "compliance", "--school-year", YEAR, "--json", check=False)
    assert as_json.returncode == 1 and as_json.stdout == ""
    close = district(hub_url, "compliance", "close", "--school-year", YEAR, "--early", check=False)
    assert close.returncode == 1 and "nothing was closed" in close.stderr
    assert frozen(store, YEAR, None) is None
    assert listing(hub_url) == (0, {"entries": [], "chain_ok": True, "problems": []})
