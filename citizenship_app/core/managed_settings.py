"""Settings the district manages: pulled from the hub, applied here, refused locally.

    refresh(db, client, hub_xapi_url)      # each sync round (core.sync)
    apply(db, values)                      # and right after enrolling (the hub's answer has them)
    managed(db)                            # {"idle-minutes", "exit-code", ...}
    require_local(db, "idle-minutes")      # Refused("setting-managed") while the district sets it

The hub answers GET <xapi>/kiosk-settings (district/routes/settings.py) with the values for
this kiosk's school (names and rules: core.fleet_settings). Each is checked again by the same
rules and written where the kiosk keeps its own value, in one transaction with the list of
keys the district manages; a key the district no longer sets becomes the kiosk's again (with
its last value). The exit code arrives as its scrypt hash and is stored as it is. A hub
without the resource (another LRS) changes nothing. Each value that changed is written to the
kiosk's audit log in the same transaction (`audit.DISTRICT_SETTING`, actor the district hub):
the key and its new value, for the exit code only that it changed (never its hash); a round
that brings the same values writes nothing.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urljoin

import httpx

from . import audit
from . import fleet_settings as rules
from .errors import Refused
from .store import Store, get_setting, set_setting, transaction

log = logging.getLogger(__name__)

MANAGED_SETTING = "managed_settings"  # JSON list of the keys the district sets
SETTINGS_PATH = "kiosk-settings"
#: Where each setting lives in the kiosk's own settings (required modules: one JSON for all).
_LOCAL = {
    rules.IDLE_MINUTES: "idle_minutes",
    rules.COUNTDOWN: "idle_countdown_seconds",
    rules.SYNC_INTERVAL: "sync_interval_minutes",
}
_REQUIRED = "required_modules"  # core.compliance.REQUIRED_SETTING (compliance imports this module)


def managed(db: Store) -> frozenset[str]:
    """The keys (core.fleet_settings.KEYS) the district sets for this kiosk."""
    try:
        keys = json.loads(get_setting(db, MANAGED_SETTING) or "[]")
    except ValueError:
        return frozenset()
    return frozenset(k for k in keys if k in rules.KEYS) if isinstance(keys, list) else frozenset()


def require_local(db: Store, key: str) -> None:
    """Refused("setting-managed") when the district sets `key`: a local change would be undone
    at the next sync round, so it is not made."""
    if key in managed(db):
        raise Refused("setting-managed", setting=key)


def sync_interval_minutes(db: Store) -> int | None:
    """Minutes between sync rounds the district set, or None (the kiosk's own: every minute)."""
    value = get_setting(db, _LOCAL[rules.SYNC_INTERVAL])
    return int(value) if value and value.isdigit() else None


def refresh(db: Store, client: httpx.Client, xapi_url: str) -> list[str] | None:
    """Fetch and apply the district's settings; the keys whose value changed, or None when the
    hub has none to give (not a district hub, or an answer that is not settings)."""
    response = client.get(urljoin(xapi_url.rstrip("/") + "/", SETTINGS_PATH))
    if response.status_code != 200:
        log.debug("kiosk settings: HTTP %s from the hub; nothing applied", response.status_code)
        return None
    try:
        values = response.json().get("settings")
    except (ValueError, AttributeError):
        values = None
    if not isinstance(values, dict):
        log.warning("kiosk settings: the hub's answer is not settings; nothing applied")
        return None
    return apply(db, values)


def apply(db: Store, values: dict) -> list[str]:
    """Write the district's values (each checked by core.fleet_settings' rules; one that fails
    is left out and logged) and which keys are managed; returns the keys whose value changed."""
    good: dict[str, str] = {}
    for key, value in values.items():
        try:
            good[key] = rules.normalise(key, value if isinstance(value, str) else json.dumps(value))
        except rules.SettingError as exc:
            log.warning("kiosk settings: %s left out: %s", key, exc)
    changed = []
    with transaction(db):
        for key, value in good.items():
            if _write(db, key, value):
                changed.append(key)
                detail = {"setting": key} if key == rules.EXIT_CODE else {"setting": key, "value": value}
                audit.record(db, audit.DISTRICT_ACTOR, audit.DISTRICT_SETTING, detail=detail)
        _put(db, MANAGED_SETTING, json.dumps(sorted(good)))
    if changed:
        log.info("kiosk settings from the district applied: %s", ", ".join(sorted(changed)))
    return changed


def _write(db: Store, key: str, value: str) -> bool:
    if key == rules.EXIT_CODE:
        if get_setting(db, "exit_code_hash") == value:
            return False
        # As core.kiosk stores a new code: a school's own code, any lock after wrong codes ended.
        _put(db, "exit_code_hash", value)
        _put(db, "exit_code_demo", "0")
        _put(db, "exit_code_failures", "0")
        db.execute("DELETE FROM settings WHERE key = 'exit_code_locked_until'")
        return True
    if key.startswith(rules.REQUIRED_PREFIX):
        chosen = json.loads(get_setting(db, _REQUIRED) or "{}")
        band, ids = key[len(rules.REQUIRED_PREFIX) :], value.split(",")
        if chosen.get(band) == ids:
            return False
        chosen[band] = ids
        _put(db, _REQUIRED, json.dumps(chosen, sort_keys=True))
        return True
    if get_setting(db, _LOCAL[key]) == value:
        return False
    _put(db, _LOCAL[key], value)
    return True


_put = set_setting  # inside apply's transaction (a nested one is the outer's)
