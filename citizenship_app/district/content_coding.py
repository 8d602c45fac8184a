"""Statement pages compressed for the clients that accept it (HTTP content coding): Zstandard
where the client lists `zstd`, else gzip.

    coding = chosen(request.headers.get("accept-encoding"))   # "zstd", "gzip" or None
    if coding:
        body = encoded(body, coding)                           # and Content-Encoding: coding

A pull page of 500 kiosk statements is about 566 KB of JSON; the statements repeat their
verbs, activity ids and context, so it compresses 20-50x. Kiosks accept both: their httpx
asks for `gzip, deflate, zstd` (zstd because the `zstandard` package is installed) and decodes
the answer. Zstandard at level 1 costs about 0.3 ms of CPU for such a page and makes it about
40% smaller than gzip at level 1, which costs 1.3 ms: a page each for 200 kiosks at once is
CPU the hub does not have to spare (docs/benchmarks.md). Once per page even when many
requests share it (shared_pages.py).
"""

from __future__ import annotations

import gzip
import threading

import zstandard

MIN_SIZE = 4096  # bytes: below this a body is a packet or three either way
GZIP_LEVEL = 1  # most of the saving (level 6: 30% smaller, twice the CPU)
ZSTD_LEVEL = 1  # level 3 (its default): 6% smaller, a third more CPU

_zstd = threading.local()  # a compressor is not for two threads at once


def chosen(header: str | None) -> str | None:
    """The coding to send a page in for this `Accept-Encoding`: the accepted one of zstd and
    gzip with the higher weight (zstd on a tie), or None: as it is.

    zstd only where the client lists it: a `*` accepts gzip, which every HTTP client
    decodes, but is no promise that the client has a Zstandard decoder."""
    weights = _weights(header)
    gzip_weight = weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0)))
    zstd_weight = weights.get("zstd", 0.0)
    if zstd_weight > 0 and zstd_weight >= gzip_weight:
        return "zstd"
    return "gzip" if gzip_weight > 0 else None


def encoded(body: bytes, coding: str) -> bytes:
    """`body` in `coding` ("zstd" or "gzip"; a gzip member has no timestamp, so the same page
    gives the same bytes)."""
    if coding == "zstd":
        compressor = getattr(_zstd, "compressor", None)
        if compressor is None:
            compressor = _zstd.compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
        return compressor.compress(body)
    if coding == "gzip":
        return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
    raise ValueError(f"no such content coding: {coding!r}")


def _weights(header: str | None) -> dict[str, float]:
    """Each coding an `Accept-Encoding` header lists, with its weight (1 where none is given;
    0 where the weight is no number: a malformed weight accepts nothing)."""
    weights: dict[str, float] = {}
    for item in (header or "").split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        if not coding:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding.lower()] = weight
    return weights
