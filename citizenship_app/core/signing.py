"""Signed statements (xAPI 1.0.3, Data 2.6): each kiosk signs what it sends with a key of its own.

    key = private_key(db)                        # made on first use, kept 0600 beside the store
    signed, token = sign(statement_text, key)    # the statement with its signature attachment
    verify(signed, token, public_key)            # SignatureError unless key and payload match

The signature is a JWS (RS256, compact serialization) whose payload is the statement as the
kiosk recorded it, without the signature attachment; it travels as an attachment of usageType
SIGNATURE_USAGE, contentType application/octet-stream, in a multipart/mixed body
(`core.multipart`). The hub checks it against the public key registered for the device that
sends it (`citizenship-district device key`), and kiosks merge a pulled result only when it
verifies against the key of the device the hub says sent it.

The private key is a file in the data directory (KEY_FILE, 0600), not in the store: a backup
of the store restored on another machine must not make that machine sign as this one.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, KeySetSerialization, RSAKey

from . import paths
from .multipart import sha2
from .store import Store

SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
SIGNATURE_CONTENT_TYPE = "application/octet-stream"
ALGORITHM = "RS256"
ALGORITHMS = ("RS256", "RS384", "RS512")  # what the spec allows a signature to use
KEY_FILE = "signing-key.pem"
KEY_BITS = 2048
# JOSE's size limits, raised to what xAPI senders use: an x5c certificate chain in the header,
# a statement with long extensions as the payload, an 8192-bit key's signature.
_REGISTRY = jws.JWSRegistry(algorithms=list(ALGORITHMS))
_REGISTRY.max_header_length = 32 * 1024
_REGISTRY.max_payload_length = 4 * 1024 * 1024
_REGISTRY.max_signature_length = 2048
# Properties an LRS sets or may rewrite: not part of what the kiosk signed.
_LRS_FIELDS = ("stored", "authority", "version")


class SignatureError(ValueError):
    """A signature that is missing, malformed, made with another key, or of another statement."""


# -- the kiosk's key ------------------------------------------------------------------------


def key_path(db: Store) -> Path:
    """The private key's file: beside the store, in the data directory."""
    assert db.path is not None  # every kiosk Store is opened from a file (store.connect)
    return db.path.parent / KEY_FILE


def private_key(db: Store) -> RSAKey:
    """This kiosk's key pair, made (and written 0600) the first time it is needed."""
    path = key_path(db)
    if not path.exists():
        _create(path)
    return RSAKey.import_key(path.read_bytes())


def _create(path: Path) -> None:
    # Written whole to a file of our own, then linked into place: two processes starting at
    # once (the kiosk and a sync) never see half a key, and the first one's key wins.
    tmp = paths.private_file(path.with_name(f".{path.name}.{os.getpid()}.tmp"))
    try:
        tmp.write_bytes(RSAKey.generate_key(KEY_BITS).as_pem(private=True))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)


def public_key_pem(db: Store) -> str:
    """The public half, PEM (SubjectPublicKeyInfo): what the hub registers for this kiosk."""
    return private_key(db).as_pem(private=False).decode("ascii")


def fingerprint(key: RSAKey) -> str:
    """The key's RFC 7638 thumbprint (SHA-256, base64url): short enough to read out and compare."""
    return key.thumbprint()


def public_key(pem: str | bytes) -> RSAKey:
    """An RSA public key from PEM; ValueError for anything else (a private key included)."""
    try:
        key = RSAKey.import_key(pem)
    except (JoseError, ValueError, TypeError) as exc:
        raise ValueError(f"not an RSA public key in PEM form ({exc})") from None
    if key.is_private:
        raise ValueError("this is a private key: register the public key (`citizenship-app key show`)")
    if key.raw_value.key_size < KEY_BITS:
        raise ValueError(f"the key has {key.raw_value.key_size} bits; at least {KEY_BITS} are needed")
    return key


def key_set(jwks: KeySetSerialization) -> dict[str, RSAKey]:
    """{device name: public key} from a JWK Set whose keys are named by `kid`."""
    if not jwks.get("keys"):
        return {}
    found = KeySet.import_key_set(jwks)
    return {k.kid: k for k in found.keys if k.kid and isinstance(k, RSAKey)}


# -- signing and checking -------------------------------------------------------------------


def sign(statement_text: str, key: RSAKey) -> tuple[dict, bytes]:
    """(the statement with its signature attachment, the JWS) for a statement's JSON text.

    The payload is the text as recorded, so what is signed is exactly what the kiosk stored."""
    token = jws.serialize_compact({"alg": ALGORITHM}, statement_text.encode("utf-8"), key).encode("ascii")
    statement = json.loads(statement_text)
    attachment = {
        "usageType": SIGNATURE_USAGE,
        "display": {"en-US": "Signature"},
        "contentType": SIGNATURE_CONTENT_TYPE,
        "length": len(token),
        "sha2": sha2(token),
    }
    statement["attachments"] = [*statement.get("attachments", []), attachment]
    return statement, token


def signature_attachment(statement: dict) -> dict | None:
    for attachment in statement.get("attachments") or []:
        if isinstance(attachment, dict) and attachment.get("usageType") == SIGNATURE_USAGE:
            return attachment
    return None


def verify(statement: dict, token: bytes, key: RSAKey | None) -> dict:
    """The signed payload, after checking that `token` is a JWS of an allowed algorithm, made
    with `key` and of this very statement (ignoring what an LRS sets: stored, authority,
    version, and an id or timestamp the sender left out). SignatureError says what is wrong.

    With no key (a sender without a registered one) only the form is checked, and the X.509
    certificate in the JWS header (`x5c`) if there is one: what the spec asks of an LRS, which
    catches mistakes, not forgeries."""
    try:
        compact = jws.extract_compact(token, registry=_REGISTRY)
    except (JoseError, ValueError, TypeError) as exc:
        raise SignatureError(f"the signature is not a JWS in compact serialization ({exc})") from None
    alg = compact.protected.get("alg")
    if alg not in ALGORITHMS:
        raise SignatureError(f"the signature uses {alg!r}; xAPI allows {', '.join(ALGORITHMS)}")
    check, failure = key, "the signature was not made with this device's registered key"
    if check is None and compact.protected.get("x5c"):
        check, failure = (
            _certificate_key(compact.protected["x5c"]),
            "the signature does not match its x5c certificate",
        )
    if check is not None:
        try:
            jws.deserialize_compact(token, check, registry=_REGISTRY)
        except (JoseError, ValueError, TypeError):
            raise SignatureError(failure) from None
    try:
        payload = json.loads(compact.payload)
    except ValueError:
        raise SignatureError("the signature's payload is not a JSON statement") from None
    if not isinstance(payload, dict) or not equivalent(payload, statement):
        raise SignatureError("the statement differs from the one that was signed")
    return payload


def _certificate_key(chain: list[str]) -> RSAKey:
    """The public key of the first certificate of a JWS `x5c` chain (base64 DER)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0], validate=True))
        public = certificate.public_key()
        if not isinstance(public, RSAPublicKey):
            raise TypeError("not an RSA key")  # what RSAKey.import_key raises for one too
        return RSAKey.import_key(public)
    except (ValueError, TypeError, IndexError, KeyError, JoseError, binascii.Error):
        raise SignatureError("the x5c header does not hold an RSA certificate") from None


def equivalent(payload: dict, statement: dict) -> bool:
    """Whether `statement` (as received or as an LRS returns it) is the signed `payload`."""
    return _comparable(payload, payload) == _comparable(statement, payload)


def without_signature(statement: dict) -> dict:
    """The statement as it was before its signature attachment was added."""
    out = dict(statement)
    rest = [a for a in statement.get("attachments") or [] if a is not signature_attachment(statement)]
    if rest:
        out["attachments"] = rest
    else:
        out.pop("attachments", None)
    return out


def _comparable(statement: dict, payload: dict) -> dict:
    st = without_signature(statement)
    for key in _LRS_FIELDS:
        st.pop(key, None)
    for key in ("id", "timestamp"):  # an LRS fills these in when the sender did not
        if key not in payload:
            st.pop(key, None)
    if isinstance(st.get("id"), str):
        st["id"] = st["id"].lower()
    if isinstance(st.get("timestamp"), str):
        st["timestamp"] = _instant(st["timestamp"])
    context = st.get("context")
    if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
        # An LRS returns a single context activity as a one-item list.
        lists = {k: v if isinstance(v, list) else [v] for k, v in context["contextActivities"].items()}
        st["context"] = {**context, "contextActivities": lists}
    return st


def _instant(text: str) -> datetime | str:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return text
