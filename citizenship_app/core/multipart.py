"""xAPI's multipart/mixed bodies: statements with their attachments' raw data (xAPI 1.0.3
Communication 1.5.2), written by the kiosk and the hub, read by both.

    content_type, body = encode(statements_json, [(sha2, "application/octet-stream", data)])
    statements_json, parts = decode(content_type, body)      # parts: {sha2: (content type, data)}

The first part is the statement(s) as application/json; each further part is one attachment,
named by its SHA-256 in `X-Experience-API-Hash`. Parsing is the standard library's MIME parser.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import secrets
from email.message import Message

HASH_HEADER = "X-Experience-API-Hash"


class MultipartError(ValueError):
    """A multipart body that breaks the spec; the message says what is wrong."""


def sha2(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode(statements: bytes, parts: list[tuple[str, str, bytes]]) -> tuple[str, bytes]:
    """(Content-Type header, body) for statement JSON and (sha2, content type, data) parts."""
    boundary = "xapi-" + secrets.token_hex(16)  # hex cannot occur in a JWS or in JSON by chance
    chunks = [f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(), statements, b"\r\n"]
    for digest, content_type, data in parts:
        chunks += [
            f"--{boundary}\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: binary\r\n"
            f"{HASH_HEADER}: {digest}\r\n\r\n".encode(),
            data,
            b"\r\n",
        ]
    chunks.append(f"--{boundary}--\r\n".encode())
    # Unquoted (a token needs no quotes): clients that split the header on "boundary=" work too.
    return f"multipart/mixed; boundary={boundary}", b"".join(chunks)


def decode(content_type: str, body: bytes) -> tuple[bytes, dict[str, tuple[str, bytes]]]:
    """The statement JSON and the attachments {sha2: (content type, data)} of a multipart body.

    Each attachment must name its hash, and the hash must be of its data."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart() or message.get_content_type() != "multipart/mixed":
        raise MultipartError("the body is not multipart/mixed (or its boundary is missing)")
    found = list(message.iter_parts())
    if not found or found[0].get_content_type() != "application/json":
        raise MultipartError(
            "the first part of a multipart/mixed body must be the statement(s), application/json"
        )
    first, *rest = found
    parts: dict[str, tuple[str, bytes]] = {}
    for number, part in enumerate(rest, start=2):
        digest = (part.get(HASH_HEADER) or "").strip().lower()
        if not digest:
            raise MultipartError(f"part {number} has no {HASH_HEADER} header")
        data = _data(part)
        if sha2(data) != digest:
            raise MultipartError(f"part {number}: its data does not match its {HASH_HEADER} {digest}")
        parts[digest] = (part.get_content_type(), data)
    return _data(first), parts


def _data(part: Message) -> bytes:
    """A part's decoded bytes (b"" for none); the stubs also allow a Message, which a leaf part never is."""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""
