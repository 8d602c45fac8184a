"""Enrolling a fresh kiosk at the district hub with a one-time token.

    result = enroll(db, "https://hub.district.example", token, name="lab-07")
    result.username, result.school, result.stored     # "lab-07", "org-1", "keyring"

One POST /enroll (district/routes/enroll.py) sends the token, the device name, this kiosk's
public signing key (core.signing) and a `proof`: an HMAC of the token under the kiosk's private
key. The hub registers the device for the token's school and answers with its password, once.
The kiosk then stores the password (OS keyring, else the data directory, 0600: core.sync
save_config) and only then the hub's address and username in its settings.

Nothing is half-done: a refused token changes nothing on either side; if the answer is lost or
the kiosk fails before it has stored everything, running enroll again with the same token and
name works, even if the token's last use is gone: the hub recognises the same kiosk by its
proof (only this kiosk can compute it) and gives the device a fresh password.

Right after registering, the kiosk pulls its school's roster from the hub (core.roster_sync).
The enrollment is complete whether or not that pull works: the device is registered at the hub
and its credential stored (undoing that would need the hub to forget a device and give back a
spent token use), and a roster import lands whole or not at all, so a failed pull leaves the
kiosk enrolled with its roster as it was; `Enrolled.roster` says why, and every sync round
tries again until it goes in.
"""

from __future__ import annotations

import hashlib
import hmac
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx

from . import managed_settings, roster_sync, signing
from .schools import SCHOOL_SETTING
from .store import Store, set_setting
from .sync import save_config

ENROLL_PATH = "enroll"
XAPI_PATH = "xapi/"
USED_TOKEN_SETTING = "enroll_token_used"  # SHA-256 of the last token this kiosk enrolled with
TIMEOUT = httpx.Timeout(30.0, connect=10.0)  # a busy hub, and a lab's slow network


class EnrollError(Exception):
    """Enrollment failed and nothing was configured: `code` (the hub's: unknown_token,
    used_token, expired_token, name_taken, not_a_school, bad_request, too_many_requests; or
    the kiosk's: bad_url, unreachable, hub_error, bad_name) and a reason to act on."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


@dataclass(frozen=True)
class Enrolled:
    username: str
    school: str
    hub_url: str  # the xAPI endpoint now in the settings
    stored: str  # where the password went: "keyring" or "data-dir"
    roster: str | None = None  # why the school's roster could not be pulled (None: it went in)


def hub_urls(url: str) -> tuple[str, str]:
    """(the enroll URL, the xAPI endpoint) from the hub's address, given with or without /xapi/."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EnrollError("bad_url", f"{url!r} is not a hub address: give https://HOST[:PORT]")
    path = parts.path.rstrip("/")
    if path.endswith("/xapi"):
        path = path[: -len("/xapi")]
    base = urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))
    return base + ENROLL_PATH, base + XAPI_PATH


def default_name() -> str:
    """The host name, as a device name (its first label, characters the hub refuses dropped)."""
    host = socket.gethostname().split(".")[0]
    name = "".join(c for c in host if c.isascii() and (c.isalnum() or c in "._-")).lstrip("._-")
    return name[:64] or "kiosk"


def proof(db: Store, token: str) -> str:
    """HMAC-SHA256 of the token under this kiosk's private key: what lets a retry be recognised."""
    secret = signing.private_key(db).as_pem(private=True)
    return hmac.new(secret, b"citizenship-kiosk enroll\0" + token.encode(), hashlib.sha256).hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def enroll(
    db: Store,
    hub_url: str,
    token: str,
    *,
    name: str | None = None,
    client: httpx.Client | None = None,
) -> Enrolled:
    """Enroll this kiosk (see the module's docstring); EnrollError when it cannot be done."""
    from ..version import user_agent, version

    token = token.strip()
    enroll_url, xapi_url = hub_urls(hub_url)
    name = name or default_name()
    body = {
        "token": token,
        "name": name,
        "public_key": signing.public_key_pem(db),  # made now if this kiosk has none yet
        "proof": proof(db, token),
        "app_version": version(),
    }
    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": user_agent()})
    try:
        response = http.post(enroll_url, json=body)
    except httpx.TransportError as exc:
        raise EnrollError(
            "unreachable", f"cannot reach the hub at {enroll_url} ({type(exc).__name__})"
        ) from None
    finally:
        if own:
            http.close()
    answer = _json(response)
    if response.status_code != 200:
        error, reason = answer.get("error"), answer.get("reason")
        code = error if isinstance(error, str) else "hub_error"
        reason = reason if isinstance(reason, str) else None
        raise EnrollError(code, reason or f"the hub answered HTTP {response.status_code} at {enroll_url}")
    username, password, school = answer.get("username"), answer.get("password"), answer.get("school")
    if not (isinstance(username, str) and isinstance(password, str) and isinstance(school, str)):
        raise EnrollError("hub_error", f"the hub's answer at {enroll_url} is not an enrollment")
    stored = save_config(db, xapi_url, username, password, file_fallback=True)
    set_setting(db, USED_TOKEN_SETTING, token_digest(token))
    set_setting(db, SCHOOL_SETTING, school)  # the school its records carry and its pulls ask for
    if isinstance(answer.get("settings"), dict):  # the district's settings, before the first round
        managed_settings.apply(db, answer["settings"])
    roster = roster_sync.after_enrollment(db, xapi_url, username, password, school)
    return Enrolled(username, school, xapi_url, stored, roster)


def _json(response: httpx.Response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


__all__ = ["Enrolled", "EnrollError", "default_name", "enroll", "hub_urls", "proof"]
