"""Statement pages sent gzip-compressed to the clients that accept it (HTTP content coding).

    if accepts_gzip(request.headers.get("accept-encoding")):
        body = gzipped(body)      # and Content-Encoding: gzip

A pull page of 500 kiosk statements is about 566 KB of JSON and about 20-60 KB gzipped (the
statements repeat their verbs, activity ids and context). Kiosks accept it (httpx asks for it
by default and decodes it); 200 kiosks pulling at once then move a tenth of the bytes or less
through the school's network and the hub's. Level 1: about 1.3 ms of CPU per such page, once
per page even when many requests share it (shared_pages.py).
"""

from __future__ import annotations

import gzip

MIN_SIZE = 4096  # bytes: below this a body is a packet or three either way
LEVEL = 1  # most of the saving (level 6: 30% smaller, twice the CPU)


def accepts_gzip(header: str | None) -> bool:
    """Whether an `Accept-Encoding` header accepts gzip (listed, or `*`, with q above 0)."""
    if not header:
        return False
    weights: dict[str, float] = {}
    for item in header.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0  # a malformed weight accepts nothing
        weights[coding.lower()] = weight
    if "gzip" in weights:
        return weights["gzip"] > 0
    if "x-gzip" in weights:
        return weights["x-gzip"] > 0
    return weights.get("*", 0.0) > 0


def gzipped(body: bytes) -> bytes:
    """`body` as a gzip member (no timestamp: the same page gives the same bytes)."""
    return gzip.compress(body, compresslevel=LEVEL, mtime=0)
