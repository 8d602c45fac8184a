"""Statement pages compressed for the clients that accept it (district/content_coding.py):
Zstandard for those that list it (kiosks do), else gzip. 200 kiosks pulling 566 KB pages at
once move a twentieth of the bytes or less, and the hub spends little CPU on it."""

from __future__ import annotations

import gzip

import httpx
import pytest
import zstandard

from citizenship_app.district.content_coding import MIN_SIZE, chosen, encoded

from .test_district_hub import statement


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        ("gzip, deflate, zstd", "zstd"),  # httpx's default with zstandard installed: kiosks
        ("gzip, deflate", "gzip"),  # httpx without zstandard
        ("gzip, deflate, br, zstd", "zstd"),
        ("ZSTD", "zstd"),
        ("zstd;q=0.5, gzip", "gzip"),  # the client's weights decide
        ("zstd, gzip;q=0.5", "zstd"),
        ("zstd;q=0, gzip", "gzip"),
        ("zstd, gzip;q=0", "zstd"),
        ("zstd;q=often, gzip", "gzip"),
        ("GZip", "gzip"),
        ("x-gzip", "gzip"),
        ("br;q=1.0, gzip;q=0.5", "gzip"),
        ("*", "gzip"),  # a wildcard is no promise of a Zstandard decoder
        ("br, *;q=0.1", "gzip"),
        (None, None),
        ("", None),
        ("identity", None),
        ("deflate, br", None),
        ("gzip;q=0", None),
        ("gzip;q=0.000", None),
        ("*, gzip;q=0", None),  # gzip itself refused beats the wildcard
        ("*;q=0", None),
        ("gzip;q=often", None),  # a weight that is no number accepts nothing
        ("zstd;q=0", None),
    ],
)
def test_accept_encoding_is_read_as_http_defines_it(header, coding):
    assert chosen(header) == coding


def test_each_coding_gives_back_the_body_and_the_same_bytes_each_time():
    body = b'{"statements":[' + b",".join([b'{"id":"x","verb":{"id":"passed"}}'] * 400) + b"]}"
    for coding, decode in (("zstd", zstandard.ZstdDecompressor().decompress), ("gzip", gzip.decompress)):
        assert decode(encoded(body, coding)) == body
        assert encoded(body, coding) == encoded(body, coding)  # a cache may keep either
    with pytest.raises(ValueError, match="no such content coding"):
        encoded(body, "br")


def test_the_kiosks_http_client_asks_for_zstd():
    """With the zstandard package installed, httpx lists zstd and decodes it (the hub then
    spends a fifth of gzip's CPU on a page): what the kiosk's pull and push go through."""
    assert "zstd" in [c.strip() for c in httpx.Client().headers["accept-encoding"].split(",")]


@pytest.mark.parametrize(
    ("coding", "decode"), [("zstd", zstandard.ZstdDecompressor().decompress), ("gzip", gzip.decompress)]
)
def test_a_page_is_sent_compressed_to_a_client_that_accepts_it_and_plain_to_one_that_does_not(
    api, registration, coding, decode
):
    sent = [statement(registration, person=f"s-{i}") for i in range(20)]
    assert api.post("/xapi/statements", json=sent).status_code == 200
    page = {"registration": registration, "limit": "20", "ascending": "true"}

    plain = api.get("/xapi/statements", params=page, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    assert len(plain.content) > MIN_SIZE  # big enough to be worth compressing
    with api.stream("GET", "/xapi/statements", params=page, headers={"Accept-Encoding": coding}) as packed:
        wire = b"".join(packed.iter_raw())  # the bytes as they crossed the network
    assert packed.status_code == 200 and packed.headers["content-encoding"] == coding
    assert decode(wire) == plain.content
    assert len(wire) * 3 < len(plain.content)
    decoded = api.get("/xapi/statements", params=page)  # httpx asks for zstd and decodes it
    assert decoded.headers["content-encoding"] == "zstd"
    assert sorted(s["id"] for s in decoded.json()["statements"]) == sorted(s["id"] for s in sent)
    for answer in (plain, packed):  # a cache must not give one client's answer to the other
        assert "Accept-Encoding" in answer.headers["vary"]
        assert answer.headers["X-Experience-API-Consistent-Through"]


def test_small_answers_and_pages_with_attachments_are_sent_as_they_are(api, registration):
    assert api.post("/xapi/statements", json=[statement(registration)]).status_code == 200
    compressed_ok = {"Accept-Encoding": "gzip, zstd"}
    one = api.get("/xapi/statements", params={"registration": registration}, headers=compressed_ok)
    assert one.status_code == 200 and len(one.content) < MIN_SIZE
    assert "content-encoding" not in one.headers  # a packet either way
    sent = [statement(registration, person=f"s-{i}") for i in range(20)]
    assert api.post("/xapi/statements", json=sent).status_code == 200
    # With attachments=true the page is rewritten after it is built (signatures.with_attachments).
    with_data = api.get(
        "/xapi/statements",
        params={"registration": registration, "attachments": "true"},
        headers=compressed_ok,
    )
    assert with_data.status_code == 200 and "content-encoding" not in with_data.headers
    assert len(with_data.content) > MIN_SIZE
