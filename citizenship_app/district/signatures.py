"""Signed statements at the hub: devices' public keys, attachment data, and the checks.

    set_key(store, "lab-1", pem)              # citizenship-district device key lab-1 FILE
    check(store, "lab-1", batch, parts)       # SignatureRejected unless every signature holds
    save_attachments(store, parts)            # the raw data, by SHA-256, for GETs to return
    why_not_verified(store, rows)             # re-checked later: [None | reason] per (statement, device)

A device with a registered key must sign every statement it sends, and each signature must be
made with that key over the very statement sent (xAPI 1.0.3 Data 2.6; `core.signing`). A device
without one may send unsigned statements, and signed ones are checked for their form and
payload only (what an LRS must do). Attachment data arrives in multipart/mixed bodies
(`core.multipart`); it is kept by SHA-256 and returned with `attachments=true`.

Tables of their own (`device_keys`, `attachments`) on the hub's metadata: a key belongs to a
device only if registered after the device was (last) added, so a removed and re-added name
does not inherit an old key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select

from ..core import multipart, signing
from .storage import Store, attachments, device_keys, devices, now_us

ABOUT_EXTENSION = "https://citizenship-kiosk.org/xapi/extensions/signed-statements"
KEYS_PATH = "device-keys"  # under the xAPI endpoint: /xapi/device-keys


class SignatureRejected(Exception):
    """A statement the hub must refuse (400): a bad, missing or foreign signature, or an
    attachment without its data. `index` is its place in the batch (None: a single one)."""

    def __init__(self, reason: str, index: int | None, statement_id: str | None):
        super().__init__(reason)
        self.reason, self.index, self.statement_id = reason, index, statement_id


# -- keys -----------------------------------------------------------------------------------


def set_key(store: Store, name: str, pem: str) -> str:
    """Register (or replace) a device's public key; its fingerprint. ValueError if the device
    does not exist or the text is not an RSA public key."""
    key = signing.public_key(pem)
    text = key.as_pem(private=False).decode("ascii")
    with store._write() as conn:
        if conn.execute(select(devices.c.name).where(devices.c.name == name)).first() is None:
            raise ValueError(f"no device named {name!r} (add it first: citizenship-district device add)")
        conn.execute(device_keys.delete().where(device_keys.c.name == name))
        conn.execute(device_keys.insert().values(name=name, public_key=text, created_us=now_us()))
    return signing.fingerprint(key)


def remove_key(store: Store, name: str) -> None:
    with store._write() as conn:
        conn.execute(device_keys.delete().where(device_keys.c.name == name))


def _current(conn):
    """SELECT of (name, PEM) for keys registered since their device was last added."""
    return select(device_keys.c.name, device_keys.c.public_key).join(
        devices, (devices.c.name == device_keys.c.name) & (device_keys.c.created_us >= devices.c.created_us)
    )


def device_key(store: Store, name: str) -> signing.RSAKey | None:
    with store.engine.connect() as conn:
        row = conn.execute(_current(conn).where(device_keys.c.name == name)).first()
    return signing.public_key(row.public_key) if row else None


def key_set(store: Store) -> dict:
    """Every device's current public key as a JWK Set, each named (`kid`) by its device."""
    with store.engine.connect() as conn:
        rows = conn.execute(_current(conn).order_by(device_keys.c.name)).all()
    return {"keys": [signing.public_key(r.public_key).as_dict(private=False, kid=r.name) for r in rows]}


def fingerprints(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        rows = conn.execute(_current(conn)).all()
    return {r.name: signing.fingerprint(signing.public_key(r.public_key)) for r in rows}


# -- checking what a device sends -------------------------------------------------------------


def check(store: Store, device: str, batch: list[dict], parts: dict[str, tuple[str, bytes]], single: bool):
    """Refuse (SignatureRejected) the request unless every attachment without a fileUrl has its
    data, every part is an attachment's data, and every signature holds (see the module's
    docstring)."""
    named = {a["sha2"].lower() for statement in batch for a in statement.get("attachments") or []}
    extra = sorted(parts.keys() - named)
    if extra:  # the spec: excess multipart sections that are not attachments are a 400
        raise SignatureRejected(
            f"the part with {multipart.HASH_HEADER} {extra[0]} is the data of no attachment of the "
            "statement(s); send only the attachments' data",
            None,
            None,
        )
    key = device_key(store, device)
    for index, statement in enumerate(batch):
        where = None if single else index
        sid = statement.get("id")
        for attachment in statement.get("attachments") or []:
            if "fileUrl" not in attachment and attachment["sha2"].lower() not in parts:
                raise SignatureRejected(
                    f"attachment {attachment['sha2']} has neither a fileUrl nor data in the request "
                    "(send it as a part of a multipart/mixed body)",
                    where,
                    sid,
                )
        found = signing.signature_attachment(statement)
        if found is None:
            if key is not None:
                raise SignatureRejected(
                    f"device {device} has a registered key, so its statements must be signed", where, sid
                )
            continue
        if found["contentType"] != signing.SIGNATURE_CONTENT_TYPE:
            raise SignatureRejected(
                f"a signature attachment's contentType must be {signing.SIGNATURE_CONTENT_TYPE}", where, sid
            )
        try:  # its data is there: checked with every attachment's above
            signing.verify(statement, parts[found["sha2"].lower()][1], key)
        except signing.SignatureError as exc:
            raise SignatureRejected(str(exc), where, sid) from None


# -- checking what the hub holds --------------------------------------------------------------

UNSIGNED = "unsigned"
NO_KEY = "no-key"
NO_DATA = "no-data"
BAD_SIGNATURE = "bad-signature"


def why_not_verified(store: Store, rows: list[tuple[dict, str]]) -> list[str | None]:
    """For each stored (statement, device that sent it): None when the statement carries a
    signature that verifies, with the signature data the hub kept, against the public key now
    registered for that device; else the reason (UNSIGNED, NO_KEY, NO_DATA or BAD_SIGNATURE,
    which core.compliance_report.LEFT_OUT_REASONS words)."""
    wanted = set()
    for statement, _device in rows:
        found = signing.signature_attachment(statement)
        if found is not None and isinstance(found.get("sha2"), str):
            wanted.add(found["sha2"].lower())
    with store.engine.connect() as conn:
        keys = {r.name: r.public_key for r in conn.execute(_current(conn))}
        data = dict(
            conn.execute(
                select(attachments.c.sha2, attachments.c.content).where(
                    attachments.c.sha2.in_(sorted(wanted))
                )
            ).all()
            if wanted
            else []
        )
    parsed: dict[str, signing.RSAKey] = {}
    out: list[str | None] = []
    for statement, device in rows:
        found = signing.signature_attachment(statement)
        if found is None:
            out.append(UNSIGNED)
        elif device not in keys:
            out.append(NO_KEY)
        elif str(found.get("sha2", "")).lower() not in data:
            out.append(NO_DATA)
        else:
            key = parsed.setdefault(device, signing.public_key(keys[device]))
            try:
                signing.verify(statement, data[found["sha2"].lower()], key)
                out.append(None)
            except signing.SignatureError:
                out.append(BAD_SIGNATURE)
    return out


def save_attachments(store: Store, parts: dict[str, tuple[str, bytes]]) -> None:
    """Keep attachment data by SHA-256 (the same data is kept once)."""
    if not parts:
        return
    with store._write() as conn:
        held = set(
            conn.execute(select(attachments.c.sha2).where(attachments.c.sha2.in_(list(parts)))).scalars()
        )
        new = [
            {"sha2": digest, "content_type": content_type, "content": data}
            for digest, (content_type, data) in parts.items()
            if digest not in held
        ]
        if new:
            conn.execute(attachments.insert(), new)


def with_attachments(store: Store, body: str | bytes | memoryview) -> tuple[str, bytes]:
    """(Content-Type, body) of a GET's answer with `attachments=true`: multipart/mixed, the JSON
    first, then the data the hub holds of every attachment it names (one with a fileUrl too,
    when the sender sent its data: the spec's "all attachments")."""
    body = body.tobytes() if isinstance(body, memoryview) else body  # a Starlette response's body
    parsed = json.loads(body)
    statements = parsed.get("statements", []) if "statements" in parsed else [parsed]
    wanted = {
        a["sha2"].lower()
        for st in statements
        for a in st.get("attachments") or []
        if isinstance(a, dict) and isinstance(a.get("sha2"), str)
    }
    found: Sequence[Row[Any]] = []
    if wanted:
        with store.engine.connect() as conn:
            found = list(conn.execute(select(attachments).where(attachments.c.sha2.in_(sorted(wanted)))))
    raw = body.encode() if isinstance(body, str) else body
    return multipart.encode(raw, [(r.sha2, r.content_type, r.content) for r in found])
