"""Backups with SQLite's online backup API, and checks of a database file.

    >>> make_backup(data_dir, reason="manual")     # data_dir/backups/citizenship-...-manual.sqlite3
    >>> check_database(db_path(data_dir))          # [] when sound

A backup counts only once SQLite's integrity check passed on the copy, so a damaged live
file makes the backup fail (`StorageError('damaged')`) instead of rotating out sound copies.
Files only, below the store (which backs up before a migration); putting a backup back, which
reopens the store to audit itself, is `recovery`'s.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .paths import DB_NAME
from .storage_errors import StorageError, from_sqlite_error, storage_errors

KEEP = 14
log = logging.getLogger(__name__)


def backups_dir(data_dir: Path) -> Path:
    path = Path(data_dir) / "backups"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def list_backups(data_dir: Path) -> list[Path]:
    """Backups, newest first (none yet: an empty list; nothing is created to say so)."""
    return sorted((Path(data_dir) / "backups").glob("citizenship-*.sqlite3"), reverse=True)


def stamp() -> str:
    """Now, UTC, to the microsecond: names backups and the folders files are moved aside to."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def make_backup(data_dir: Path, reason: str = "manual", keep: int = KEEP) -> Path:
    """Copy the live database (consistent even while the kiosk writes), check the copy, and
    prune old copies.

    The copy is written as `.partial`, checked with `PRAGMA integrity_check`, and only then
    renamed into the rotation; on any failure it is deleted. A damaged live database raises
    `StorageError('damaged')` (`db restore` is the answer); a full disk `'disk-full'`.
    The backup just made is the newest sound one and is never pruned.
    """
    source = Path(data_dir) / DB_NAME
    with storage_errors(Path(data_dir) / "backups"):
        folder = backups_dir(data_dir)
        for stale in folder.glob("*.partial"):  # left by a crash or a power cut, not one
            with contextlib.suppress(FileNotFoundError):  # another process is writing now
                if time.time() - stale.stat().st_mtime > 3600:
                    stale.unlink()
    target = folder / f"citizenship-{stamp()}-{reason}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        _copy(source, partial)
        problems = check_database(partial)
        if problems:
            raise StorageError("damaged", source, problems[0].replace(partial.name, source.name))
        if os.name == "posix":
            partial.chmod(0o600)
        os.replace(partial, target)  # a half-written backup never looks like a backup
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            from .storage_errors import from_os_error

            raise from_os_error(exc, partial) from exc
        raise
    for old in list_backups(data_dir)[keep:]:
        if old != target:  # sorted by name: a clock that went back must not prune the new one
            old.unlink(missing_ok=True)  # a backup made at the same time may have pruned it
    log.info("backup written: %s", target.name)
    return target


def _copy(source: Path, partial: Path) -> None:
    """SQLite's online backup of source into partial; errors name the file they concern."""
    with storage_errors(source):
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        with storage_errors(partial):
            dst = sqlite3.connect(partial)
        try:
            try:
                src.backup(dst)
            except sqlite3.Error as exc:
                error = from_sqlite_error(exc, source)
                if error is None:
                    raise
                if error.code in ("disk-full", "read-only", "cannot-open"):  # the copy's side
                    error = from_sqlite_error(exc, partial) or error
                raise error from exc
        finally:
            dst.close()
    finally:
        src.close()


def daily_backup(data_dir: Path, now: datetime | None = None) -> Path | None:
    """Back up if the newest backup is a day old or there is none."""
    now = now or datetime.now(UTC)
    if not (Path(data_dir) / DB_NAME).exists():
        return None
    newest = next(iter(list_backups(data_dir)), None)
    if newest is not None:
        made = datetime.fromtimestamp(newest.stat().st_mtime, UTC)
        if now - made < timedelta(days=1):
            return None
    return make_backup(data_dir, reason="daily")


LEVELS = ("header", "quick", "full")


def check_database(path: Path, level: str = "full") -> list[str]:
    """What is wrong with a database file, in plain words; [] when it is sound.

    Levels: "header" reads the header, the file size it promises and the schema, without
    reading every page (before the kiosk's first paint); "quick" adds `PRAGMA quick_check`,
    which reads every page and catches damage in the middle of the file (right after the first
    paint); "full" runs `PRAGMA integrity_check` (`db check`, every backup, restore).

    A file that cannot be read for a reason that is not damage (locked by another program,
    permissions, a failing disk) raises StorageError: it is not the file's fault, and it must
    never be moved aside as damaged.
    """
    from .storage_errors import from_os_error

    assert level in LEVELS, level
    path = Path(path)
    if not path.exists():
        return [f"{path.name} does not exist"]
    try:
        with open(path, "rb") as handle:
            first = handle.read(100)
    except OSError as exc:
        raise from_os_error(exc, path) from None
    if first[:16] != b"SQLite format 3\x00":
        return [f"{path.name} is not an SQLite database (damaged, or the wrong file)"]
    page_size = int.from_bytes(first[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(first[28:32], "big")
    if len(first) < 100 or page_size * pages > path.stat().st_size:
        return [f"{path.name} is truncated: it should hold {pages} pages but the file is shorter"]
    # On a read-only disk SQLite cannot make the WAL index; immutable reads the file as it is.
    writable = os.access(path.parent, os.W_OK)
    uri = f"file:{path}?mode=ro" if writable else f"file:{path}?immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            if level != "header":
                pragma = "integrity_check" if level == "full" else "quick_check"
                rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
                if rows != ["ok"]:
                    return [f"integrity check: {row}" for row in rows[:10]]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "migrations" not in tables or "people" not in tables:
                return [f"{path.name} is an SQLite file but not a Citizenship Kiosk database"]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        error = from_sqlite_error(exc, path)
        if error is not None and error.code != "damaged":
            raise error from exc
        return [f"{path.name} cannot be read: {exc}"]
    return []
