"""The statements' stored JSON, compressed: DEFLATE with a preset dictionary of what the
kiosks' xAPI statements have in common, so a typical statement keeps about a tenth of its
text (1,130 bytes to about 70; plain zlib gets only to about 480, and PostgreSQL compresses
nothing under 2 kB).

    packed = pack(text)       # bytes for statements.content
    unpack(packed) == text    # also reads rows stored as plain JSON (text or UTF-8 bytes)

The dictionary is part of the stored format: what was packed with it can only be read with
it, so it never changes (tests/district/test_district_storage.py holds its digest). A better
one would get a new format byte and live beside this one.
"""

from __future__ import annotations

import zlib

# The first byte of a packed value. Plain JSON starts with "{" (or whitespace), never this.
FORMAT_1 = b"\x01"
_WBITS = -15  # raw DEFLATE (no zlib header or checksum: the database keeps the bytes safe)

# Least common first: DEFLATE reaches back at most 32 kB and codes nearer matches shorter.
_DICTIONARY_1 = (
    b'"objectType":"Group","member":[{"mbox":"mailto:","name":"'
    b'"definition":{"type":"http://adlnet.gov/expapi/activities/lesson","name":{"en-US":"'
    b'"objectType":"SubStatement","objectType":"StatementRef","display":{"en-US":"voided"}'
    b'"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"'
    b'"verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}}'
    b'"verb":{"id":"https://citizenship-kiosk.org/xapi/verbs/assigned","display":{"en-US":"assigned"}}'
    b'"https://citizenship-kiosk.org/xapi/activities/extensions/due-date":"'
    b'"https://citizenship-kiosk.org/xapi/activities/extensions/position":'
    b'"verb":{"id":"https://citizenship-kiosk.org/xapi/verbs/audit/'
    b'"object":{"objectType":"Activity","id":"https://citizenship-kiosk.org/xapi/activities/audit/'
    b'"definition":{"type":"https://citizenship-kiosk.org/xapi/activities/types/audit-entry"}},'
    b'"https://citizenship-kiosk.org/xapi/activities/extensions/audit":{"id":'
    b',"at":"","actor":"","action":"","subject":null,"detail":null,"prev_hash":"","hash":"'
    b'"actor":{"objectType":"Agent","account":{"homePage":"https://citizenship-kiosk.org/xapi/activities/kiosk","name":"'
    b'"attachments":[{"usageType":"http://adlnet.gov/expapi/attachments/signature",'
    b'"display":{"en-US":"Signature"},"contentType":"application/octet-stream","length":'
    b',"sha2":"'
    b'{"id":"","actor":{"objectType":"Agent","account":{"homePage":"https://","name":"stu-'
    b'"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/failed","display":{"en-US":"failed"}},'
    b'"object":{"objectType":"Activity","id":"https://citizenship-kiosk.org/xapi/activities/module/module-",'
    b'"definition":{"type":"http://adlnet.gov/expapi/activities/module","name":{"en-US":""}}},'
    b'"result":{"score":{"raw":0,"min":0,"max":10,"scaled":0.5},"success":false,"completion":true,"duration":"PT'
    b'.00S"},"context":{"registration":"","platform":"Citizenship Kiosk",'
    b'"extensions":{"https://citizenship-kiosk.org/xapi/activities/extensions/machine":"'
    b'"},"contextActivities":{"grouping":[{"objectType":"Activity",'
    b'"id":"https://citizenship-kiosk.org/xapi/activities/class/class-",'
    b'"definition":{"type":"http://adlnet.gov/expapi/activities/course"}}]}},'
    b'"timestamp":"2026-09-14T10:00:00.000+00:00","version":"1.0.3","stored":"2026-09-14T10:00:00.000000Z",'
    b'"authority":{"objectType":"Agent","account":{"homePage":"https://'
    b'{"id":"","actor":{"objectType":"Agent","account":{"homePage":"https://","name":"'
    b'"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed","display":{"en-US":"passed"}},'
    b'"object":{"objectType":"Activity","id":"https://citizenship-kiosk.org/xapi/activities/module/'
    b'"result":{"score":{"raw":,"min":0,"max":,"scaled":0.},"success":true,"completion":true,"duration":"PT'
    b'"context":{"registration":"","platform":"Citizenship Kiosk","extensions":'
    b'{"https://citizenship-kiosk.org/xapi/activities/extensions/machine":"lab-'
    b'"},"contextActivities":{"grouping":[{"objectType":"Activity",'
    b'"id":"https://citizenship-kiosk.org/xapi/activities/class/'
    b'"definition":{"type":"http://adlnet.gov/expapi/activities/course"}}]}},"timestamp":"20'
    b'","version":"1.0.3","stored":"20'
    b'Z","authority":{"objectType":"Agent","account":{"homePage":"https://","name":"'
)


def pack(text: str) -> bytes:
    """The value to store for a statement's JSON text: packed, or the plain UTF-8 where packing
    would not make it smaller."""
    plain = text.encode()
    packer = zlib.compressobj(6, zlib.DEFLATED, _WBITS, 8, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY_1)
    packed = FORMAT_1 + packer.compress(plain) + packer.flush()
    return packed if len(packed) < len(plain) else plain


def unpack(value: bytes | str) -> str:
    """A statement's JSON text from its stored value: packed, plain UTF-8, or (a row an earlier
    hub version wrote on SQLite) text."""
    return value if isinstance(value, str) else unpack_bytes(value).decode()


def unpack_bytes(value: bytes | str) -> bytes:
    """`unpack` as UTF-8 bytes: what a page of statements splices into its body as it is
    (decoding 500 statements to text only to encode them again costs a busy hub its CPU)."""
    if isinstance(value, str):
        return value.encode()
    if value[:1] != FORMAT_1:
        return bytes(value)
    unpacker = zlib.decompressobj(_WBITS, _DICTIONARY_1)
    try:
        # All the input at once and no output cap: nothing is left for flush() (a third of
        # the time of a page's 500 unpacks); `eof` below still catches a cut stream.
        text = unpacker.decompress(value[1:])
    except zlib.error as exc:
        raise ValueError(
            f"a stored statement cannot be unpacked ({exc}): the database row is damaged"
        ) from None
    if not unpacker.eof:
        raise ValueError("a stored statement is cut short: the database row is damaged")
    return text
