"""Signed statements end to end: a kiosk signs, the real hub (a process, SQLite and PostgreSQL)
verifies against the device's registered key, keeps the signature and returns it; tampered,
foreign-signed and unsigned statements are refused; an unsigned forged pass pulled from the hub
never counts in the compliance summary."""

# ruff: noqa: F401, F811 - pytest fixtures imported from test_sync are used by name

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime

import httpx
import pytest
from test_sync import (  # the real hub fixtures, shared with the sync tests
    HEADERS,
    add_device,
    hub,
    hub_roster,
    kiosk_db,
    module,
    pg_admin,
    pg_database,
    record,
    register_key,
    zygote,
)

from citizenship_app.cli import main as app_main
from citizenship_app.core import compliance, multipart, signing, sync, xapi
from citizenship_app.core.access import SYSTEM
from citizenship_app.district.cli import main as district_main


def statements_held(hub) -> list[dict]:
    return hub.statements()


def test_a_kiosk_signs_the_hub_verifies_and_returns_the_signature(hub, tmp_path, module):
    a = kiosk_db(tmp_path / "a")
    register_key(hub, a)
    assert stat.S_IMODE(os.stat(signing.key_path(a)).st_mode) == 0o600
    record(a, module, "stu-1")
    result = sync.sync_once(a, hub.config, pull_too=False)
    assert (result.sent, result.quarantined, result.error) == (1, 0, None)
    (held,) = statements_held(hub)
    attachment = signing.signature_attachment(held)
    assert attachment and attachment["contentType"] == "application/octet-stream"
    # GET with attachments=true answers multipart/mixed with the JWS, which verifies.
    with sync.make_client(hub.config) as client:
        got = client.get(hub.config.statements_url, params={"statementId": held["id"], "attachments": "true"})
    assert got.headers["content-type"].startswith("multipart/mixed")
    body, parts = multipart.decode(got.headers["content-type"], got.content)
    statement = json.loads(body)
    token = parts[attachment["sha2"]][1]
    payload = signing.verify(statement, token, signing.public_key(signing.public_key_pem(a)))
    assert payload["result"]["score"]["raw"] == held["result"]["score"]["raw"]


def _signed_request(db, statement: dict, tamper=None) -> tuple[bytes, dict]:
    """A multipart body as the kiosk sends it; `tamper` edits the statement after signing."""
    signed, token = signing.sign(json.dumps(statement), signing.private_key(db))
    if tamper:
        tamper(signed)
    content_type, body = multipart.encode(
        json.dumps([signed]).encode(), [(multipart.sha2(token), signing.SIGNATURE_CONTENT_TYPE, token)]
    )
    return body, {"Content-Type": content_type}


def _outbox_statement(db) -> dict:
    return json.loads(db.execute("SELECT statement FROM outbox").fetchone()[0])


@pytest.mark.parametrize("case", ["tampered", "other-device", "unsigned"])
def test_the_hub_refuses_a_statement_its_device_did_not_sign(hub, tmp_path, module, case):
    a, other = kiosk_db(tmp_path / "a"), kiosk_db(tmp_path / "other")
    register_key(hub, a)
    record(a, module, "stu-1", right=False)
    statement = _outbox_statement(a)
    if case == "tampered":  # the score raised to a pass after signing
        body, headers = _signed_request(a, statement, lambda s: s["result"].update(success=True))
    elif case == "other-device":  # another kiosk's key, not the one registered for this device
        body, headers = _signed_request(other, statement)
    else:
        body, headers = json.dumps([statement]).encode(), {"Content-Type": "application/json"}
    with sync.make_client(hub.config) as client:
        answer = client.post(hub.config.statements_url, content=body, headers=headers)
    assert answer.status_code == 400
    reason = answer.json()["reason"]
    expected = {
        "tampered": "differs from the one that was signed",
        "other-device": "not made with this device's registered key",
        "unsigned": "must be signed",
    }[case]
    assert expected in reason
    assert statements_held(hub) == []  # nothing stored


def _roster(db) -> None:
    """Three grade-4 students enrolled in class-4a of school-1 (kiosk_db made them, the school
    and the class)."""
    for n in range(3):
        db.execute("UPDATE people SET grade = '04' WHERE sourced_id = ?", [f"stu-{n}"])
        db.execute(
            "INSERT INTO enrollments (sourced_id, class_id, person_id, school_id, role) "
            "VALUES (?, 'class-4a', ?, 'school-1', 'student')",
            [f"e-{n}", f"stu-{n}"],
        )
    db.conn.commit()


def _completed(db, module) -> int:
    today = datetime.now(UTC).date()
    year = compliance.current_school_year(db, today)
    return compliance.compliance(db, SYSTEM, [module], year, audited=False).total.completed


def test_an_unsigned_forged_pass_pulled_from_the_hub_does_not_count(hub, tmp_path, module):
    a, b = kiosk_db(tmp_path / "a"), kiosk_db(tmp_path / "b")
    _roster(b)
    register_key(hub, a)
    # A forger holding another device's credential of the same school (no key registered) sends
    # a "passed" for stu-0, a person of that school: the scope lets it in, the signature must not.
    forger = sync.HubConfig(hub.url, *add_device(hub.db_url, "stolen", hub_roster(tmp_path / "roster")))
    record(a, module, "stu-1")  # a real pass, signed by A
    forged = _outbox_statement(a)
    forged.update(id="4a4c8a52-5a33-4d49-9c8a-8f5e8f6f0001")
    forged["actor"] = xapi.actor(xapi.DEFAULT_SIS_HOME_PAGE, "stu-0")
    forged["context"]["registration"] = "4a4c8a52-5a33-4d49-9c8a-8f5e8f6f0002"
    with sync.make_client(forger) as client:
        assert client.post(forger.statements_url, json=[forged]).status_code == 200
    # Signed with a key of the forger's own making: not one the hub lists for that device.
    rogue = kiosk_db(tmp_path / "rogue")
    also = dict(forged, id="4a4c8a52-5a33-4d49-9c8a-8f5e8f6f0003")
    also["context"] = dict(forged["context"], registration="4a4c8a52-5a33-4d49-9c8a-8f5e8f6f0004")
    body, headers = _signed_request(rogue, also)
    with sync.make_client(forger) as client:
        assert client.post(forger.statements_url, content=body, headers=headers).status_code == 200
    assert sync.sync_once(a, hub.config).error is None
    result = sync.sync_once(b, hub.config)
    assert result.error is None and result.pulled == 1  # A's signed pass only
    assert b.execute("SELECT person_id FROM completions").fetchall() == [("stu-1",)]
    assert _completed(b, module) == 1  # stu-1; the forged passes of stu-0 count for nothing


def test_key_commands(hub, tmp_path, capsys):
    data = tmp_path / "kiosk"
    assert app_main(["--data-dir", str(data), "key", "show"]) == 0
    pem = capsys.readouterr().out
    assert pem.startswith("-----BEGIN PUBLIC KEY-----") and "PRIVATE" not in pem
    (tmp_path / "kiosk.pem").write_text(pem)
    assert (
        district_main(["--db", hub.db_url, "device", "key", "kiosk-a", str(tmp_path / "kiosk.pem"), "--json"])
        == 0
    )
    shown = json.loads(capsys.readouterr().out)
    assert shown["device"] == "kiosk-a" and len(shown["fingerprint"]) == 43
    assert district_main(["--db", hub.db_url, "device", "key", "nobody", str(tmp_path / "kiosk.pem")]) == 1
    assert "no device named 'nobody'" in capsys.readouterr().err
    (tmp_path / "private.pem").write_text((data / signing.KEY_FILE).read_text())
    assert district_main(["--db", hub.db_url, "device", "key", "kiosk-a", str(tmp_path / "private.pem")]) == 1
    assert "private key" in capsys.readouterr().err
    with httpx.Client(auth=(hub.config.username, hub.config.password), headers=HEADERS) as client:
        keys = client.get(hub.url + "device-keys").json()
    assert [k["kid"] for k in keys["keys"]] == ["kiosk-a"]


def test_audit_rows_reach_the_hub_and_outlive_their_erasure_on_the_kiosk(hub, tmp_path, module):
    from citizenship_app.core import audit

    a = kiosk_db(tmp_path / "a")
    register_key(hub, a)
    # t-1 is staff of the kiosk's school in the hub's roster; SYSTEM (the command line) is the
    # machine's own account, which the scoped hub takes for audit statements.
    audit.record(a, "t-1", audit.VIEW_HISTORY, subject="stu-1", detail={"rows": 3})
    audit.record(a, SYSTEM, audit.EXPORT_RECORDS, detail={"format": "csv", "rows": 195})
    chain = a.execute(
        "SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit_log"
    ).fetchall()
    result = sync.sync_once(a, hub.config)
    assert (result.sent, result.quarantined, result.error) == (2, 0, None)
    # Erased at the kiosk (as sqlite3 could): the district's copy stays, hashes and all.
    a.execute("DELETE FROM audit_log")
    a.conn.commit()
    assert [p.code for p in audit.verify(a)] == ["missing-at-end"]
    held = [s for s in statements_held(hub) if s["verb"]["id"].startswith(xapi.AUDIT_VERB_BASE)]
    rows = sorted((s["context"]["extensions"][xapi.AUDIT_EXTENSION] for s in held), key=lambda r: r["id"])
    assert [
        (r["id"], r["at"], r["actor"], r["action"], r["subject"], r["detail"], r["prev_hash"], r["hash"])
        for r in rows
    ] == [tuple(row) for row in chain]
    # The district can recompute the chain from its copy.
    prev = audit.GENESIS
    for r in rows:
        assert r["prev_hash"] == prev
        assert (
            audit.row_hash(prev, r["id"], r["at"], r["actor"], r["action"], r["subject"], r["detail"])
            == r["hash"]
        )
        prev = r["hash"]
    by_action = {s["verb"]["id"].rsplit("/", 1)[1]: s for s in held}
    assert by_action["view_history"]["actor"]["account"]["name"] == "t-1"
    assert by_action["export_records"]["actor"]["account"]["homePage"] == xapi.KIOSK_HOME_PAGE
    assert all(signing.signature_attachment(s) for s in held)  # signed like every statement
    payload = json.dumps(held)
    assert "Name" not in payload and "Family" not in payload  # sourcedIds only


def test_an_lrs_without_the_extension_gets_unsigned_json_and_its_results_merge(tmp_path, module):
    """A third-party LRS (no signed-statements extension in /about, as Ralph has no /about at
    all): statements go as plain JSON, and what is pulled from it merges without a signature."""
    import http.server
    import threading

    a, b = kiosk_db(tmp_path / "a"), kiosk_db(tmp_path / "b")
    record(a, module, "stu-1")
    held: list[dict] = []
    seen: list[tuple[str, str, str]] = []

    class LRS(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status: int, body: dict | list | None = None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            seen.append(("GET", self.path, ""))
            if self.path.startswith("/xapi/statements"):
                self.answer(200, {"statements": held, "more": ""})
            else:
                self.answer(404, {"error": "not found"})

        def do_POST(self):
            content_type = self.headers["Content-Type"]
            seen.append(("POST", self.path, content_type))
            statements = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            held.extend(statements)
            self.answer(200, [s["id"] for s in statements])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), LRS)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = sync.HubConfig(f"http://127.0.0.1:{server.server_address[1]}/xapi/", "k", "p")
        assert sync.sync_once(a, config).error is None
        assert ("POST", "/xapi/statements", "application/json") in seen
        assert held and not any(signing.signature_attachment(s) for s in held)
        assert not any("attachments=true" in path or "device-keys" in path for _, path, _ in seen)
        result = sync.sync_once(b, config)
        assert result.error is None and result.pulled == 1
        assert b.execute("SELECT person_id FROM completions").fetchall() == [("stu-1",)]
    finally:
        server.shutdown()
        server.server_close()


def test_an_x5c_certificate_without_an_rsa_key_is_refused_in_words():
    """A certificate for an EC key cannot check an RS256 signature: SignatureError says so."""
    import base64
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from joserfc import jws
    from joserfc.jwk import RSAKey

    ec_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(ec_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(ec_key, hashes.SHA256())
    )
    x5c = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()
    statement = {"id": "6e1cbd8a-3a55-4c5e-9a43-b1c2f1b2f3a4", "verb": {"id": "http://example.org/v"}}
    key = RSAKey.generate_key(2048)
    token = jws.serialize_compact({"alg": "RS256", "x5c": [x5c]}, json.dumps(statement), key).encode()
    with pytest.raises(signing.SignatureError, match="does not hold an RSA certificate"):
        signing.verify(statement, token, None)
