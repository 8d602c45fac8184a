"""What a running kiosk holds: its store and (loaded on first use) the catalog.

The UI and the CLI both start from here, so both see the same data the same way.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Refused
from .storage_errors import StorageError
from .store import Store, open_store, transaction

if TYPE_CHECKING:
    from .access import Actor
    from .content import Catalog
    from .recovery import Recovery

log = logging.getLogger(__name__)


class Kiosk:
    def __init__(self, data_dir: str | os.PathLike | None = None, catalog: Catalog | None = None) -> None:
        from .paths import data_dir as resolve
        from .recovery import recover_if_damaged

        self.data_dir: Path = resolve(data_dir)
        # A damaged file is moved aside and the newest good backup restored before opening.
        self.recovery = recover_if_damaged(self.data_dir)
        self.db = open_store(self.data_dir)
        if catalog is not None:
            self.__dict__["catalog"] = catalog

    @cached_property
    def catalog(self) -> Catalog:
        """Loaded on first use: the sign-in screen does not need it, start-up stays fast."""
        from .content import load_catalog

        return load_catalog()

    def verify(self) -> Recovery | None:
        """Read every page (`PRAGMA quick_check`): damage in the middle of the file, which the
        header check at start cannot see, is recovered from like any other (moved aside, the
        newest sound backup restored). Run after the first paint, before anyone signs in: it
        grows with the file (docs/benchmarks.md). Returns the Recovery, or None when sound."""
        from .backup import check_database
        from .paths import DB_NAME
        from .recovery import recover_if_damaged
        from .storage_errors import StorageError

        problems = check_database(self.data_dir / DB_NAME, "quick")
        if not problems:
            return None
        self.db.conn.close()
        try:
            self.recovery = recover_if_damaged(self.data_dir, "quick")
        except StorageError as exc:  # could not move it aside: still damaged, say so
            raise StorageError(
                "damaged", self.data_dir / DB_NAME, f"{problems[0]}; not recovered: {exc}"
            ) from exc
        self.db = open_store(self.data_dir)
        return self.recovery

    def close(self) -> None:
        self.db.conn.close()


# -- kiosk settings an administrator sets ---------------------------------------------------

DEFAULT_IDLE_MINUTES = 3.0
DEFAULT_COUNTDOWN_SECONDS = 30


# -- the staff exit code ---------------------------------------------------------------------
#
# Stored hashed (scrypt) in settings, with its guard state beside it: wrong codes in a row and
# the end of the lock, so the lock survives a restart. MAX_FAILURES wrong codes lock it for
# LOCK_MINUTES, the same rule as staff and student sign-in (core/auth.py).

MIN_EXIT_CODE = 6
DEMO_EXIT_CODE = "2314"  # the demo kiosk's code, public like its other codes (a real school sets its own)

#: exit_code_status(): what the kiosk may do with the exit code it has.
EXIT_CODE_OK = "ok"  # a school's own code
EXIT_CODE_DEMO = "demo"  # the demo school's public code over the demo roster: fine to try it out
EXIT_CODE_UNSET = "unset"  # no code: nobody could leave the locked kiosk
EXIT_CODE_DEMO_WITH_REAL_ROSTER = "demo-code-with-real-roster"  # a real roster, the public code
#: The states in which the kiosk will not run locked for students: IT sets a code first.
EXIT_CODE_BLOCKING = frozenset({EXIT_CODE_UNSET, EXIT_CODE_DEMO_WITH_REAL_ROSTER})


class ExitCodeRefused(ValueError):
    """A new exit code that may not be set; `reason` is "blank" or "too-short" (the screens
    translate it), the message says it in English for the CLI."""

    MESSAGES = {
        "blank": f"the exit code is blank: type a code of at least {MIN_EXIT_CODE} characters",
        "too-short": f"the exit code needs at least {MIN_EXIT_CODE} characters "
        "(spaces at either end do not count)",
    }

    def __init__(self, reason: str) -> None:
        super().__init__(self.MESSAGES[reason])
        self.reason = reason


@dataclass(frozen=True)
class ExitCheck:
    """The answer to an exit code. `reason`: "ok", "wrong", "locked" (see `locked_until`),
    "blank", or "demo-code-retired" (the public demo code over a real roster)."""

    ok: bool
    reason: str
    locked_until: datetime | None = None

    def __bool__(self) -> bool:
        return self.ok


def set_exit_code(db: Store, code: str, actor: Actor | None = None) -> None:
    """The staff code that quits the locked kiosk; stored hashed. Clears any lock. Audited
    (the actor, never the code; the command line when `actor` is None)."""
    from .managed_settings import require_local

    require_local(db, "exit-code")  # the district sets it (core.managed_settings)
    if not code.strip():
        raise ExitCodeRefused("blank")
    if len(code.strip()) < MIN_EXIT_CODE:
        raise ExitCodeRefused("too-short")
    _store_exit_code(db, code, demo=False, actor=actor)
    log.info("exit code changed")


def set_demo_exit_code(db: Store) -> None:
    """The demo school's public code (the demo loader's, and the one exception to the length
    rule); marked as the demo's, so a real roster later makes IT replace it."""
    _store_exit_code(db, DEMO_EXIT_CODE, demo=True)


def _store_exit_code(db: Store, code: str, demo: bool, actor: Actor | None = None) -> None:
    from . import audit
    from .access import SYSTEM
    from .auth import hash_secret

    digest = hash_secret(code)
    with transaction(db):
        if not demo:
            audit.record(db, SYSTEM if actor is None else actor, audit.SET_EXIT_CODE)
        _put(db, "exit_code_hash", digest)
        _put(db, "exit_code_demo", "1" if demo else "0")
        _put(db, "exit_code_failures", "0")
        db.execute("DELETE FROM settings WHERE key = 'exit_code_locked_until'")


def _put(db: Store, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def exit_code_status(db: Store) -> str:
    """ok, demo, unset or demo-code-with-real-roster (the EXIT_CODE_* values)."""
    from .store import get_setting

    stored = get_setting(db, "exit_code_hash")
    if not stored:
        return EXIT_CODE_UNSET
    demo = get_setting(db, "exit_code_demo")
    if demo is None:  # a store from before the mark: the demo's code, or one IT set?
        from .auth import verify_secret

        demo = "1" if verify_secret(DEMO_EXIT_CODE, stored) else "0"
        with transaction(db):
            _put(db, "exit_code_demo", demo)
    if demo != "1":
        return EXIT_CODE_OK
    from .demo_roster import has_real_roster

    return EXIT_CODE_DEMO_WITH_REAL_ROSTER if has_real_roster(db) else EXIT_CODE_DEMO


def exit_code_locked_until(db: Store, at: datetime | None = None) -> datetime | None:
    """When the exit prompt's lock after wrong codes ends, or None if it is not locked."""
    from .store import get_setting

    locked = get_setting(db, "exit_code_locked_until")
    until = datetime.fromisoformat(locked) if locked else None
    return until if until and until > (at or datetime.now(UTC)) else None


def check_exit_code(db: Store, code: str, at: datetime | None = None) -> ExitCheck:
    """Check a code typed at the exit prompt. Every attempt is logged (never the code);
    MAX_FAILURES wrong codes in a row lock the prompt for LOCK_MINUTES, across restarts."""
    from .auth import LOCK_MINUTES, MAX_FAILURES, verify_secret
    from .store import get_setting

    at = at or datetime.now(UTC)
    until = exit_code_locked_until(db, at)
    if until:
        log.warning("exit code attempt refused: locked for %d more second(s)", (until - at).total_seconds())
        return ExitCheck(False, "locked", until)
    if not code.strip():
        log.info("exit code attempt refused: blank")
        return ExitCheck(False, "blank")
    if exit_code_status(db) == EXIT_CODE_DEMO_WITH_REAL_ROSTER:
        log.warning("exit code attempt refused: the demo school's public code is retired; set a new one")
        return ExitCheck(False, "demo-code-retired")
    if verify_secret(code, get_setting(db, "exit_code_hash")):
        if get_setting(db, "exit_code_failures", "0") != "0":
            try:
                with transaction(db):
                    _put(db, "exit_code_failures", "0")
                    db.execute("DELETE FROM settings WHERE key = 'exit_code_locked_until'")
            except (StorageError, sqlite3.Error) as exc:  # read-only records: staff may still leave
                log.warning("exit code accepted; its failure count could not be reset (%s)", exc)
        log.info("exit code accepted")
        return ExitCheck(True, "ok")
    failures = int(get_setting(db, "exit_code_failures", "0")) + 1
    until = at + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
    try:
        with transaction(db):
            _put(db, "exit_code_failures", "0" if until else str(failures))
            if until:
                _put(db, "exit_code_locked_until", until.isoformat())
    except (StorageError, sqlite3.Error) as exc:
        # Read-only records (the out-of-order screen): the count cannot be kept there.
        log.warning("exit code attempt refused: wrong code; the failure could not be recorded (%s)", exc)
        return ExitCheck(False, "wrong")
    log.warning("exit code attempt refused: wrong code; failures=%d locked=%s", failures, bool(until))
    return ExitCheck(False, "locked" if until else "wrong", until)


def idle_settings(db: Store) -> tuple[float, int]:
    """(minutes without input before the countdown, seconds of countdown)."""
    from .store import get_setting

    minutes = float(get_setting(db, "idle_minutes", str(DEFAULT_IDLE_MINUTES)))
    seconds = int(get_setting(db, "idle_countdown_seconds", str(DEFAULT_COUNTDOWN_SECONDS)))
    return minutes, seconds


def set_idle_settings(db: Store, minutes: float | None = None, countdown: int | None = None) -> None:
    from .managed_settings import require_local
    from .store import set_setting

    if minutes is not None:
        require_local(db, "idle-minutes")
    if countdown is not None:
        require_local(db, "countdown")
    if minutes is not None:
        if not 0.5 <= minutes <= 120:
            raise Refused("idle-minutes-range", low=0.5, high=120)
        set_setting(db, "idle_minutes", str(minutes))
    if countdown is not None:
        if not 5 <= countdown <= 300:
            raise Refused("countdown-range", low=5, high=300)
        set_setting(db, "idle_countdown_seconds", str(countdown))
