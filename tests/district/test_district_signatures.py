"""Attachments and signed statements at the hub, from a device without a registered key (as an
xAPI client other than a kiosk would send them): raw attachment data in multipart/mixed is kept
and returned; a signature is checked for its form, its payload and its x5c certificate, and
refused with 400 (nothing stored) when any of them is wrong. Kiosks' registered keys:
tests/test_signing.py."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from joserfc import jws
from joserfc.jwk import RSAKey

from citizenship_app.core import multipart, signing


def statement(registration: str) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": "https://sis.example.org", "name": "s-1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
        "object": {"id": "https://example.org/module/1"},
        "result": {"score": {"raw": 4, "min": 0, "max": 5}, "success": True},
        "context": {"registration": registration},
        "timestamp": "2026-10-01T10:00:00.000Z",
    }


def send(api, statements, parts, method="post"):
    content_type, body = multipart.encode(json.dumps(statements).encode(), parts)
    if method == "put":
        return api.put(
            "/xapi/statements",
            params={"statementId": statements["id"]},
            content=body,
            headers={"Content-Type": content_type},
        )
    return api.post("/xapi/statements", content=body, headers={"Content-Type": content_type})


def held(api, registration: str) -> list[dict]:
    return api.get("/xapi/statements", params={"registration": registration}).json()["statements"]


def photo(st: dict, data: bytes) -> dict:
    """`st` with an image attachment of `data` (no fileUrl: the data must come with it)."""
    attachment = {
        "usageType": "https://example.org/usage/photo",
        "display": {"en-US": "photo"},
        "contentType": "image/png",
        "length": len(data),
        "sha2": multipart.sha2(data),
    }
    return {**st, "attachments": [attachment]}


def signed(st: dict, token: bytes, content_type: str = signing.SIGNATURE_CONTENT_TYPE) -> dict:
    attachment = {
        "usageType": signing.SIGNATURE_USAGE,
        "display": {"en-US": "Signature"},
        "contentType": content_type,
        "length": len(token),
        "sha2": multipart.sha2(token),
    }
    return {**st, "attachments": [attachment]}


def certificate(key) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


def test_attachment_data_is_kept_and_returned_with_attachments_true(api, registration):
    data = bytes(range(256)) * 4 + b"\r\n--not-a-boundary\r\n"
    st = photo(statement(registration), data)
    assert send(api, [st], [(multipart.sha2(data), "image/png", data)]).status_code == 200
    got = api.get("/xapi/statements", params={"statementId": st["id"], "attachments": "true"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("multipart/mixed")
    body, parts = multipart.decode(got.headers["content-type"], got.content)
    assert json.loads(body)["id"] == st["id"]
    assert parts == {multipart.sha2(data): ("image/png", data)}
    # A query answers with the data too; without attachments=true it is plain JSON.
    listed = api.get("/xapi/statements", params={"registration": registration, "attachments": "true"})
    assert multipart.decode(listed.headers["content-type"], listed.content)[1] == parts
    assert api.get("/xapi/statements", params={"statementId": st["id"]}).json()["id"] == st["id"]


def test_an_attachment_without_its_data_is_refused(api, registration):
    st = photo(statement(registration), b"abc")
    answer = api.post("/xapi/statements", json=[st])
    assert answer.status_code == 400 and "neither a fileUrl nor data" in answer.json()["reason"]
    wrong = send(api, [st], [(multipart.sha2(b"abc"), "image/png", b"abd")])
    assert wrong.status_code == 400 and "does not match" in wrong.json()["reason"]
    assert held(api, registration) == []


def test_a_signature_with_a_matching_x5c_certificate_is_kept(api, registration):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    st = statement(registration)
    token = jws.serialize_compact(
        {"alg": "RS256", "x5c": [certificate(key)]}, json.dumps(st), RSAKey.import_key(key)
    ).encode()
    answer = send(
        api, signed(st, token), [(multipart.sha2(token), signing.SIGNATURE_CONTENT_TYPE, token)], "put"
    )
    assert answer.status_code == 204, answer.text
    assert signing.signature_attachment(held(api, registration)[0])


@pytest.mark.parametrize(
    "case, reason",
    [
        ("other-certificate", "does not match its x5c certificate"),
        ("tampered", "differs from the one that was signed"),
        ("hs256", "xAPI allows RS256"),
        ("not-a-jws", "not a JWS"),
        ("content-type", "contentType must be application/octet-stream"),
        ("no-data", "neither a fileUrl nor data"),
    ],
)
def test_a_malformed_signature_is_refused_and_nothing_is_stored(api, registration, case, reason):
    from joserfc.jwk import OctKey

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    st = statement(registration)
    payload = json.dumps(st)
    header = {"alg": "RS256", "x5c": [certificate(other if case == "other-certificate" else key)]}
    if case == "hs256":
        token = jws.serialize_compact({"alg": "HS256"}, payload, OctKey.generate_key(256)).encode()
    elif case == "not-a-jws":
        token = b"this is not a signature"
    else:
        token = jws.serialize_compact(header, payload, RSAKey.import_key(key)).encode()
    sent = signed(st, token, "text/plain" if case == "content-type" else signing.SIGNATURE_CONTENT_TYPE)
    if case == "tampered":
        sent["result"]["score"]["raw"] = 5
    parts = [] if case == "no-data" else [(multipart.sha2(token), signing.SIGNATURE_CONTENT_TYPE, token)]
    answer = send(api, [sent], parts)
    assert answer.status_code == 400
    assert reason in answer.json()["reason"] and answer.json()["index"] == 0
    assert held(api, registration) == []
