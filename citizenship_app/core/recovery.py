"""Putting a backup back, and recovery from a damaged file.

    >>> restore(data_dir)                          # the newest sound backup, in place
    >>> recover_if_damaged(data_dir)               # None, or what was done about a bad file

A damaged file is never overwritten or deleted: it is moved to data_dir/damaged/ for IT.
Above the store: a restore reopens it to record itself in the audit log; making and checking
backups (`backup`) is below it, since a migration backs up first.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .backup import check_database, list_backups, stamp
from .paths import DB_NAME
from .storage_errors import StorageError, opened_by, storage_errors

log = logging.getLogger(__name__)


def _move_aside(data_dir: Path, folder: str) -> Path:
    """Move the database and its WAL/SHM files into data_dir/<folder>/<stamp>/."""
    target = Path(data_dir) / folder / stamp()
    target.mkdir(parents=True, mode=0o700)
    for suffix in ("", "-wal", "-shm"):
        part = Path(data_dir) / (DB_NAME + suffix)
        if part.exists():
            shutil.move(str(part), target / part.name)
    return target


def restore(data_dir: Path, backup: Path | None = None) -> Path:
    """Put a backup (the newest sound one by default) in place; the current file is kept aside."""
    candidates = [Path(backup)] if backup else list_backups(data_dir)
    for candidate in candidates:
        if not check_database(candidate):
            break
    else:
        raise FileNotFoundError(
            "no sound backup to restore" if not backup else f"{backup} is not a sound backup"
        )
    target = Path(data_dir) / DB_NAME
    user = opened_by(target)
    if user:  # a running kiosk would go on writing to the file moved from under it
        raise StorageError("locked", target, "open in another program", pid=user)
    with storage_errors(data_dir):
        replaced = _move_aside(data_dir, "replaced") if target.exists() else None
        shutil.copy2(candidate, target)
        if os.name == "posix":
            target.chmod(0o600)
        _audit_restore(data_dir, candidate, replaced)
    log.info("restored backup %s", candidate.name)
    return candidate


def _audit_restore(data_dir: Path, candidate: Path, replaced: Path | None) -> None:
    """The restored file's audit chain records the restore itself: the rows written after the
    backup are not in it (they stay in the replaced file, kept aside), and the chain says so."""
    from . import audit  # only for a restore: off the start-up path
    from .access import SYSTEM
    from .store import open_store

    db = open_store(data_dir)
    try:
        audit.record(
            db,
            SYSTEM,
            audit.RESTORE,
            detail={"backup": candidate.name, "replaced": replaced.name if replaced else None},
        )
    finally:
        db.conn.close()


@dataclass(frozen=True)
class Recovery:
    problems: list[str]
    moved_to: Path
    restored: Path | None  # the backup put in place, or None: started clean

    def message(self) -> str:
        what = (
            f"The newest good backup ({self.restored.name}) was restored; work since then may be missing."
            if self.restored
            else "There was no good backup, so the kiosk started with an empty records file."
        )
        return (
            f"The records file on this computer was damaged ({self.problems[0]}). "
            f"It was moved to {self.moved_to} for IT. {what}"
        )


def recover_if_damaged(data_dir: Path, level: str = "header") -> Recovery | None:
    """At start: if the database is damaged, move it aside and restore (or start clean).

    The kiosk runs the "header" level before its first paint and the "quick" one (every
    page) right after, before anyone can sign in (`core.kiosk.Kiosk.verify`).
    """
    path = Path(data_dir) / DB_NAME
    if not path.exists():
        return None
    problems = check_database(path, level)
    if not problems:
        return None
    with storage_errors(data_dir):
        moved = _move_aside(data_dir, "damaged")
    log.error("damaged database moved to %s: %s", moved, problems[0])
    try:
        restored = restore(data_dir)
    except FileNotFoundError:
        restored = None
    return Recovery(problems, moved, restored)
