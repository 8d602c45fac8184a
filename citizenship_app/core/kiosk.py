"""What a running kiosk holds: its store and (loaded on first use) the catalog.

The UI and the CLI both start from here, so both see the same data the same way.
"""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from .store import open_store


class Kiosk:
    def __init__(self, data_dir: str | os.PathLike | None = None, catalog=None) -> None:
        from .paths import data_dir as resolve

        from .backup import recover_if_damaged

        self.data_dir: Path = resolve(data_dir)
        # A damaged file is moved aside and the newest good backup restored before opening.
        self.recovery = recover_if_damaged(self.data_dir)
        self.db = open_store(self.data_dir)
        if catalog is not None:
            self.__dict__["catalog"] = catalog

    @cached_property
    def catalog(self):
        """Loaded on first use: the sign-in screen does not need it, start-up stays fast."""
        from .content import load_catalog

        return load_catalog()

    def verify(self):
        """Read every page (`PRAGMA quick_check`): damage in the middle of the file, which the
        header check at start cannot see, is recovered from like any other (moved aside, the
        newest sound backup restored). Run after the first paint, before anyone signs in: it
        grows with the file (docs/benchmarks.md). Returns the Recovery, or None when sound."""
        from .backup import check_database, recover_if_damaged
        from .paths import DB_NAME
        from .storage_errors import StorageError

        problems = check_database(self.data_dir / DB_NAME, "quick")
        if not problems:
            return None
        self.db.conn.close()
        try:
            self.recovery = recover_if_damaged(self.data_dir, "quick")
        except StorageError as exc:  # could not move it aside: still damaged, say so
            raise StorageError("damaged", self.data_dir / DB_NAME, f"{problems[0]}; not recovered: {exc}") from exc
        self.db = open_store(self.data_dir)
        return self.recovery

    def close(self) -> None:
        self.db.conn.close()


# -- kiosk settings an administrator sets ---------------------------------------------------

DEFAULT_IDLE_MINUTES = 3.0
DEFAULT_COUNTDOWN_SECONDS = 30


def set_exit_code(db, code: str) -> None:
    """The staff code that quits the locked kiosk; stored hashed."""
    from .auth import hash_secret
    from .store import set_setting

    if len(code) < 4:
        raise ValueError("the exit code needs at least 4 characters")
    set_setting(db, "exit_code_hash", hash_secret(code))


def check_exit_code(db, code: str) -> bool:
    from .auth import verify_secret
    from .store import get_setting

    return verify_secret(code, get_setting(db, "exit_code_hash"))


def idle_settings(db) -> tuple[float, int]:
    """(minutes without input before the countdown, seconds of countdown)."""
    from .store import get_setting

    minutes = float(get_setting(db, "idle_minutes", str(DEFAULT_IDLE_MINUTES)))
    seconds = int(get_setting(db, "idle_countdown_seconds", str(DEFAULT_COUNTDOWN_SECONDS)))
    return minutes, seconds


def set_idle_settings(db, minutes: float | None = None, countdown: int | None = None) -> None:
    from .store import set_setting

    if minutes is not None:
        if not 0.5 <= minutes <= 120:
            raise ValueError("idle minutes must be between 0.5 and 120")
        set_setting(db, "idle_minutes", str(minutes))
    if countdown is not None:
        if not 5 <= countdown <= 300:
            raise ValueError("the countdown must be between 5 and 300 seconds")
        set_setting(db, "idle_countdown_seconds", str(countdown))
