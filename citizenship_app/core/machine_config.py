"""The machine-wide configuration file, for unattended installs (docs/deployment.md).

    /etc/citizenship-kiosk/kiosk.toml                   (Linux)
    %ProgramData%\\CitizenshipKiosk\\kiosk.toml           (Windows)
    $CITIZENSHIP_KIOSK_CONFIG                           (instead of either, e.g. in tests)

    hub_url = "https://hub.district.example"
    data_dir = "/var/lib/citizenship-kiosk"      # optional
    enroll_token = "..."                         # optional: consumed on first start
    device_name = "lab-07"                       # optional: default the host name

Read at start-up (cli.main): `data_dir` is the default when neither --data-dir nor
$CITIZENSHIP_DATA_DIR is given. When the kiosk starts with an `enroll_token` it has not used,
it enrolls (core.enrollment), then rewrites the file without the token. Where the file is not
writable (it usually belongs to root or the Administrators) the kiosk's settings record that
the token was used (its SHA-256), and it is never sent again. An enrollment that fails (the hub
unreachable) is logged and tried again at the next start.
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

CONFIG_ENV = "CITIZENSHIP_KIOSK_CONFIG"
TOKEN_KEY = "enroll_token"
_KEYS = {"hub_url", "data_dir", TOKEN_KEY, "device_name"}


class MachineConfigError(ValueError):
    """The file cannot be read or is not valid: the message names the file, line and field."""


@dataclass(frozen=True)
class MachineConfig:
    path: Path
    hub_url: str | None = None
    data_dir: str | None = None
    enroll_token: str | None = None
    device_name: str | None = None


def config_path() -> Path:
    """Where the file is looked for (see the module's docstring)."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    if sys.platform == "win32":
        # `or`: a ProgramData set but empty would make a path relative to the current folder.
        return Path(os.environ.get("ProgramData") or r"C:\ProgramData") / "CitizenshipKiosk" / "kiosk.toml"
    return Path("/etc/citizenship-kiosk/kiosk.toml")


def load(path: Path | None = None) -> MachineConfig | None:
    """The configuration, or None when there is no file."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise MachineConfigError(f"{path}: cannot read it ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message gives the line and column
        raise MachineConfigError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise MachineConfigError(f"{path}: unknown setting {unknown[0]!r}; the settings are {sorted(_KEYS)}")
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise MachineConfigError(f"{path}: {key} must be a non-empty string in quotes")
    if TOKEN_KEY in data:
        _warn_if_readable(path)
    return MachineConfig(path, **{k: v.strip() for k, v in data.items()})


def _warn_if_readable(path: Path) -> None:
    """The token enrolls devices for a school: say so when every user of the machine can read
    it (POSIX; on Windows the folder's rights are the installer's, docs/deployment.md)."""
    if sys.platform == "win32":
        return
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & 0o004:
        log.warning(
            "%s holds an enrollment token and is readable by every user of this machine: "
            "chmod 640 (root and the kiosk user's group) until the kiosk has used it",
            path,
        )


def data_dir(explicit: str | None, config: MachineConfig | None) -> str | None:
    """--data-dir, else $CITIZENSHIP_DATA_DIR (left to core.paths), else the file's data_dir."""
    if explicit or os.environ.get("CITIZENSHIP_DATA_DIR") or config is None:
        return explicit
    return config.data_dir


def first_start(db: Store, config: MachineConfig) -> str | None:
    """Enroll with the file's token unless this kiosk already used it; then drop it from the
    file. Returns what happened: "enrolled", "used" (token already used), "failed", or None
    (no token). Never raises: the kiosk starts either way."""
    from .enrollment import USED_TOKEN_SETTING, EnrollError, enroll, token_digest
    from .store import get_setting

    token = config.enroll_token
    if not token:
        return None
    if get_setting(db, USED_TOKEN_SETTING) == token_digest(token):
        remove_token(config.path)
        return "used"
    if not config.hub_url:
        log.warning("%s: enroll_token needs hub_url; not enrolling", config.path)
        return "failed"
    try:
        done = enroll(db, config.hub_url, token, name=config.device_name)
    except EnrollError as exc:
        log.warning("enrollment from %s failed (%s): %s", config.path, exc.code, exc.reason)
        return "failed"
    except Exception as exc:  # noqa: BLE001 - a full disk, a keyring error: the kiosk still starts
        log.warning("enrollment from %s failed: %s: %s", config.path, type(exc).__name__, exc)
        return "failed"
    log.info("enrolled as %s for school %s", done.username, done.school)
    remove_token(config.path)
    return "enrolled"


def remove_token(path: Path) -> bool:
    """Rewrite the file without its enroll_token line (whole, or not at all); False when the
    file cannot be rewritten (then the settings' record of the used token is what counts)."""
    try:
        text = path.read_text(encoding="utf-8")
        kept = [
            line
            for line in text.splitlines(keepends=True)
            if line.split("=", 1)[0].strip() not in (TOKEN_KEY, f'"{TOKEN_KEY}"')
        ]
        before, after = tomllib.loads(text), tomllib.loads("".join(kept))
        before.pop(TOKEN_KEY, None)
        if before != after:  # a layout the line filter cannot handle: leave the file alone
            return False
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text("".join(kept), encoding="utf-8")
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.info("%s: could not remove the used enrollment token (%s); it is recorded as used", path, exc)
        return False
    return True
