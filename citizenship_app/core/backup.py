"""Backups with SQLite's online backup API, checks, restore, and recovery from a damaged file.

    >>> make_backup(data_dir, reason="manual")     # data_dir/backups/citizenship-...-manual.sqlite3
    >>> check_database(db_path(data_dir))          # [] when sound
    >>> recover_if_damaged(data_dir)               # None, or what was done about a bad file

A damaged file is never overwritten or deleted: it is moved to data_dir/damaged/ for IT.
"""
from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .paths import DB_NAME

KEEP = 14
log = logging.getLogger(__name__)


def backups_dir(data_dir: Path) -> Path:
    path = Path(data_dir) / "backups"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def list_backups(data_dir: Path) -> list[Path]:
    """Backups, newest first."""
    return sorted(backups_dir(data_dir).glob("citizenship-*.sqlite3"), reverse=True)


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def make_backup(data_dir: Path, reason: str = "manual", keep: int = KEEP) -> Path:
    """Copy the live database (consistent even while the kiosk writes) and prune old copies."""
    source = Path(data_dir) / DB_NAME
    target = backups_dir(data_dir) / f"citizenship-{_stamp()}-{reason}.sqlite3"
    partial = target.with_suffix(".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    if os.name == "posix":
        partial.chmod(0o600)
    os.replace(partial, target)  # a half-written backup never looks like a backup
    for old in list_backups(data_dir)[keep:]:
        old.unlink()
    log.info("backup written: %s", target.name)
    return target


def daily_backup(data_dir: Path, now: datetime | None = None) -> Path | None:
    """Back up if the newest backup is a day old or there is none."""
    now = now or datetime.now(timezone.utc)
    if not (Path(data_dir) / DB_NAME).exists():
        return None
    newest = next(iter(list_backups(data_dir)), None)
    if newest is not None:
        made = datetime.fromtimestamp(newest.stat().st_mtime, timezone.utc)
        if now - made < timedelta(days=1):
            return None
    return make_backup(data_dir, reason="daily")


def check_database(path: Path, thorough: bool = True) -> list[str]:
    """What is wrong with a database file, in plain words; [] when it is sound.

    `thorough=False` is the start-up check: the header, the file size the header promises, and
    the schema, without reading every page (integrity_check grows with the database).
    """
    path = Path(path)
    if not path.exists():
        return [f"{path.name} does not exist"]
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
        if header != b"SQLite format 3\x00":
            return [f"{path.name} is not an SQLite database (damaged, or the wrong file)"]
        with open(path, "rb") as handle:
            first = handle.read(100)
        page_size = int.from_bytes(first[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(first[28:32], "big")
        if len(first) < 100 or page_size * pages > path.stat().st_size:
            return [f"{path.name} is truncated: it should hold {pages} pages but the file is shorter"]
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if thorough:
                rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
                if rows != ["ok"]:
                    return [f"integrity check: {row}" for row in rows[:10]]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "migrations" not in tables or "people" not in tables:
                return [f"{path.name} is an SQLite file but not a Citizenship Kiosk database"]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"{path.name} cannot be read: {exc}"]
    return []


def _move_aside(data_dir: Path, folder: str) -> Path:
    """Move the database and its WAL/SHM files into data_dir/<folder>/<stamp>/."""
    target = Path(data_dir) / folder / _stamp()
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
        raise FileNotFoundError("no sound backup to restore" if not backup else f"{backup} is not a sound backup")
    if (Path(data_dir) / DB_NAME).exists():
        _move_aside(data_dir, "replaced")
    target = Path(data_dir) / DB_NAME
    shutil.copy2(candidate, target)
    if os.name == "posix":
        target.chmod(0o600)
    log.info("restored backup %s", candidate.name)
    return candidate


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


def recover_if_damaged(data_dir: Path) -> Recovery | None:
    """At start: if the database is damaged, move it aside and restore (or start clean)."""
    path = Path(data_dir) / DB_NAME
    if not path.exists():
        return None
    problems = check_database(path, thorough=False)
    if not problems:
        return None
    moved = _move_aside(data_dir, "damaged")
    log.error("damaged database moved to %s: %s", moved, problems[0])
    try:
        restored = restore(data_dir)
    except FileNotFoundError:
        restored = None
    return Recovery(problems, moved, restored)
