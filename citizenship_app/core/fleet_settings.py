"""The settings a district sets once for its kiosks: their names and rules, shared by the hub
(district.settings, which stores them) and the kiosk (core.managed_settings, which applies them).

    normalise("idle-minutes", "5")              # "5.0"
    normalise("required-modules.k-2", "a, b")   # "a,b" (module ids checked by the hub's catalog)
    normalise("sync-interval", "0")             # SettingError("out-of-range", ...)

Values travel as text. The exit code never does: the hub stores and sends its scrypt hash
(core.secret_hash, the kiosk's own form), so `normalise` takes the hash for "exit-code".
"""

from __future__ import annotations

IDLE_MINUTES = "idle-minutes"
COUNTDOWN = "countdown"
EXIT_CODE = "exit-code"
SYNC_INTERVAL = "sync-interval"
REQUIRED_PREFIX = "required-modules."
BANDS = ("k-2", "3-5", "6-8", "9-12")  # the student tiers (core.compliance.STUDENT_TIERS)

#: (low, high) of each number, shared with the kiosk's own checks (core.kiosk).
IDLE_MINUTES_RANGE = (0.5, 120.0)
COUNTDOWN_RANGE = (5, 300)
SYNC_INTERVAL_RANGE = (1, 1440)  # minutes between sync rounds
MIN_EXIT_CODE = 6

KEYS = (IDLE_MINUTES, COUNTDOWN, EXIT_CODE, SYNC_INTERVAL, *(REQUIRED_PREFIX + b for b in BANDS))
HELP = {
    IDLE_MINUTES: "minutes without input before a student is signed out (0.5 to 120)",
    COUNTDOWN: "seconds of countdown before that sign-out (5 to 300)",
    EXIT_CODE: f"the staff exit code (at least {MIN_EXIT_CODE} characters; stored hashed)",
    SYNC_INTERVAL: "minutes between a kiosk's sync rounds (1 to 1440)",
    **{
        REQUIRED_PREFIX + b: f"the modules required of grade band {b}, ids separated by commas" for b in BANDS
    },
}


class SettingError(ValueError):
    """A setting that cannot be set: `code` (unknown-key, not-a-number, out-of-range,
    exit-code-too-short, unknown-module, no-modules) and its `params`; str() is the English."""

    ENGLISH = {
        "unknown-key": "unknown setting {key!r}; the settings are {choices}",
        "not-a-number": "{key} takes a number, not {value!r}",
        "out-of-range": "{key} must be between {low} and {high}, not {value}",
        "exit-code-too-short": "the exit code needs at least {min} characters "
        "(spaces at either end do not count)",
        "unknown-module": "{module!r} is not a module of grade band {band}; its modules are {choices}",
        "no-modules": "give at least one module id for {key} (unset it to require every module of the band)",
    }

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(self.ENGLISH[code].format(**params))
        self.code, self.params = code, params


def check_key(key: str) -> str:
    if key not in KEYS:
        raise SettingError("unknown-key", key=key, choices=", ".join(KEYS))
    return key


def normalise(key: str, value: str) -> str:
    """The value as stored and sent; SettingError when it breaks the key's rule. For
    "exit-code" the value is the hash (see hash_exit_code); for required modules only the
    list's form is checked here (the ids against a catalog: check_modules)."""
    check_key(key)
    if key == IDLE_MINUTES:
        return str(_number(key, value, float, IDLE_MINUTES_RANGE))
    if key == COUNTDOWN:
        return str(_number(key, value, int, COUNTDOWN_RANGE))
    if key == SYNC_INTERVAL:
        return str(_number(key, value, int, SYNC_INTERVAL_RANGE))
    if key == EXIT_CODE:
        from .secret_hash import is_secret_hash

        if not is_secret_hash(value):
            raise SettingError("exit-code-too-short", min=MIN_EXIT_CODE)
        return value
    ids = [m.strip() for m in value.split(",") if m.strip()]
    if not ids:
        raise SettingError("no-modules", key=key)
    return ",".join(dict.fromkeys(ids))


def hash_exit_code(code: str) -> str:
    """The exit code as the hub stores it (never plain): the kiosk's own scrypt form."""
    from .secret_hash import hash_secret

    if len(code.strip()) < MIN_EXIT_CODE:
        raise SettingError("exit-code-too-short", min=MIN_EXIT_CODE)
    return hash_secret(code)


def check_modules(key: str, value: str, band_modules: list[str]) -> None:
    """Every id of a required-modules value is a module of its band (`band_modules`)."""
    band = key[len(REQUIRED_PREFIX) :]
    for module in value.split(","):
        if module not in band_modules:
            raise SettingError("unknown-module", module=module, band=band, choices=", ".join(band_modules))


def _number(key: str, value: str, kind: type, bounds: tuple) -> float | int:
    try:
        number = kind(value.strip())
    except ValueError:
        raise SettingError("not-a-number", key=key, value=value) from None
    low, high = bounds
    if not low <= number <= high:
        raise SettingError("out-of-range", key=key, low=low, high=high, value=value.strip())
    return number
