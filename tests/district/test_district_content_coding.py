"""Statement pages gzip-compressed for the clients that accept it (district/content_coding.py):
200 kiosks pulling 566 KB pages at once move a tenth of the bytes or less."""

from __future__ import annotations

import gzip

import pytest

from citizenship_app.district.content_coding import MIN_SIZE, accepts_gzip

from .test_district_hub import statement


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate", True),  # httpx's default: what kiosks send
        ("gzip, deflate, br, zstd", True),
        ("GZip", True),
        ("x-gzip", True),
        ("br;q=1.0, gzip;q=0.5", True),
        ("*", True),
        ("br, *;q=0.1", True),
        (None, False),
        ("", False),
        ("identity", False),
        ("deflate, br", False),
        ("gzip;q=0", False),
        ("gzip;q=0.000", False),
        ("*, gzip;q=0", False),  # gzip itself refused beats the wildcard
        ("*;q=0", False),
        ("gzip;q=often", False),  # a weight that is no number accepts nothing
    ],
)
def test_accept_encoding_is_read_as_http_defines_it(header, accepted):
    assert accepts_gzip(header) is accepted


def test_a_page_is_sent_gzipped_to_a_client_that_accepts_it_and_plain_to_one_that_does_not(api, registration):
    sent = [statement(registration, person=f"s-{i}") for i in range(20)]
    assert api.post("/xapi/statements", json=sent).status_code == 200
    page = {"registration": registration, "limit": "20", "ascending": "true"}

    plain = api.get("/xapi/statements", params=page, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    assert len(plain.content) > MIN_SIZE  # big enough to be worth compressing
    with api.stream("GET", "/xapi/statements", params=page, headers={"Accept-Encoding": "gzip"}) as zipped:
        wire = b"".join(zipped.iter_raw())  # the bytes as they crossed the network
    assert zipped.status_code == 200 and zipped.headers["content-encoding"] == "gzip"
    assert gzip.decompress(wire) == plain.content
    assert len(wire) * 3 < len(plain.content)
    decoded = api.get("/xapi/statements", params=page)  # httpx asks for gzip and decodes it
    assert decoded.headers["content-encoding"] == "gzip"
    assert sorted(s["id"] for s in decoded.json()["statements"]) == sorted(s["id"] for s in sent)
    for answer in (plain, zipped):  # a cache must not give one client's answer to the other
        assert "Accept-Encoding" in answer.headers["vary"]
        assert answer.headers["X-Experience-API-Consistent-Through"]


def test_small_answers_and_pages_with_attachments_are_sent_as_they_are(api, registration):
    assert api.post("/xapi/statements", json=[statement(registration)]).status_code == 200
    gzip_ok = {"Accept-Encoding": "gzip"}
    one = api.get("/xapi/statements", params={"registration": registration}, headers=gzip_ok)
    assert one.status_code == 200 and len(one.content) < MIN_SIZE
    assert "content-encoding" not in one.headers  # a packet either way
    sent = [statement(registration, person=f"s-{i}") for i in range(20)]
    assert api.post("/xapi/statements", json=sent).status_code == 200
    # With attachments=true the page is rewritten after it is built (signatures.with_attachments).
    with_data = api.get(
        "/xapi/statements", params={"registration": registration, "attachments": "true"}, headers=gzip_ok
    )
    assert with_data.status_code == 200 and "content-encoding" not in with_data.headers
    assert len(with_data.content) > MIN_SIZE
