"""Talking to the district hub (or any xAPI 1.0.3 LRS): its address and credential, what its
answers mean, and whether it takes signed statements. Shared by the push (core.sync) and the
pull (core.pull); `core.sync` re-exports these names.

A 401 is a configuration error; a 403 too, unless its error is "statement_refused" (one
statement the hub will not record: the push quarantines it); a 429 and any 5xx are transient.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from . import xapi
from .errors import CoreError
from .store import Store, get_setting, set_setting

HEADERS = {"X-Experience-API-Version": xapi.XAPI_VERSION}
# The /about extension by which the district hub says it takes and checks signed statements.
SIGNING_EXTENSION = "https://citizenship-kiosk.org/xapi/extensions/signed-statements"
SIGNING_SETTING = "hub_signs"  # the hub URL last found to take signed statements
PROBE_TIMEOUT = httpx.Timeout(5.0)


class SyncError(Exception):
    """Sync could not run; the message says why in words an administrator can act on."""


class ConfigError(CoreError, SyncError):
    """Wrong or missing hub address or credentials (including 401/403 from the hub)."""


class TransientError(CoreError, SyncError):
    """The network or the hub failed for now; try again later."""


@dataclass(frozen=True)
class HubConfig:
    url: str  # the xAPI endpoint, e.g. https://hub.district.example/xapi/
    username: str
    password: str

    @property
    def statements_url(self) -> str:
        return urljoin(self.url.rstrip("/") + "/", "statements")


#: The hub's error code for one statement it will not record (403): quarantined, like a 400.
STATEMENT_REFUSED = "statement_refused"


def _refused_statement(response: httpx.Response) -> bool:
    if response.status_code != 403:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("error") == STATEMENT_REFUSED


def _check_auth(response: httpx.Response) -> None:
    if response.status_code == 401:
        raise ConfigError("hub-refused-credentials", status=401)
    if response.status_code == 403 and not _refused_statement(response):
        # The credential works but may not do this (read-only, no school yet, no roster at the
        # hub): nothing is quarantined, the hub's reason says what IT must do.
        raise ConfigError("hub-refused-device", reason=_reason(response))
    if response.status_code == 429:  # the kiosk waits at least the Retry-After (an hour at most)
        seconds = response.headers.get("retry-after", "")
        raise TransientError("hub-wait", wait=min(int(seconds), 3600) if seconds.isdigit() else 0)
    if response.status_code >= 500:
        raise TransientError("hub-failed", status=response.status_code)


def _reason(response: httpx.Response) -> str:
    try:
        body = response.json()
        if isinstance(body, dict):
            return str(body.get("reason") or body.get("detail") or body.get("message") or body)
        return str(body)
    except ValueError:
        return response.text[:500] or f"HTTP {response.status_code}"


def hub_signs(db: Store, config: HubConfig) -> bool:
    """Whether the hub takes signed statements (the district hub's /about says so).

    Asked with a plain request of its own (no credentials: /about needs none), once per hub
    URL once it says yes; an LRS that says no is asked again next round (it may have been
    upgraded). A hub that cannot answer now fails the round (TransientError, or the network
    error): sending before knowing could send signed statements to an LRS that refuses them.
    """
    if get_setting(db, SIGNING_SETTING) == config.url:
        return True
    from ..version import user_agent

    about = urljoin(config.url.rstrip("/") + "/", "about")
    response = httpx.get(about, headers={**HEADERS, "User-Agent": user_agent()}, timeout=PROBE_TIMEOUT)
    if response.status_code >= 500 or response.status_code in (408, 429):
        raise TransientError("hub-about-failed", status=response.status_code)
    try:
        extensions = response.json().get("extensions") if response.status_code == 200 else None
    except ValueError:
        extensions = None
    if isinstance(extensions, dict) and extensions.get(SIGNING_EXTENSION):
        set_setting(db, SIGNING_SETTING, config.url)
        return True
    return False


def backoff_seconds(failures: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: ~2 s, 4 s, 8 s ... capped at 5 minutes."""
    rng = rng or random.Random()
    return min(300.0, 2.0 ** max(failures, 1)) * rng.uniform(0.5, 1.5)
