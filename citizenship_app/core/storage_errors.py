"""Storage failures as codes: what is wrong with the data directory or its database.

    >>> with storage_errors(path):      # OSError / SQLite errors become StorageError
    ...     db.execute("BEGIN IMMEDIATE")
    StorageError('locked', '/var/lib/citizenship-kiosk/citizenship.sqlite3', 'database is locked')

The core raises `StorageError(code, path, detail)`; the CLI prints one line and exits 1
(`commands.storage_messages`), the kiosk shows its out-of-order screen (`ui.out_of_order`).
Codes:

- `read-only`: the folder or its file system cannot be written
- `locked`: another program held the database past the busy timeout (`pid` when known)
- `disk-full`: no space left on the disk (or the user's quota)
- `damaged`: the database file is damaged (`detail` says how; `db restore` is the answer)
- `not-a-folder`, `unsafe-permissions`: the data directory cannot hold student records
- `io-error`, `cannot-open`: anything else the system reports about the file

The detail is the system's own words (an errno text or SQLite's message): paths and page
numbers, never student data.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path


class StorageError(Exception):
    def __init__(self, code: str, path: str | os.PathLike, detail: str = "", pid: int | None = None) -> None:
        super().__init__(code, str(path), detail)
        self.code, self.path, self.detail, self.pid = code, Path(path), detail, pid

    @property
    def technical(self) -> str:
        """One line for IT: code, where, the system's words (and the lock holder's pid)."""
        parts = [self.code, str(self.path)]
        if self.detail:
            parts.append(self.detail)
        if self.pid:
            parts.append(f"pid {self.pid}")
        return " · ".join(parts)

    def __str__(self) -> str:
        return self.technical


_OS_CODES: dict[int | None, str] = {
    errno.EROFS: "read-only",
    errno.EACCES: "read-only",
    errno.EPERM: "read-only",
    errno.ENOSPC: "disk-full",
    errno.EDQUOT: "disk-full",
}


def from_os_error(exc: OSError, path: str | os.PathLike) -> StorageError:
    where = exc.filename or path
    return StorageError(_OS_CODES.get(exc.errno, "io-error"), where, exc.strerror or str(exc))


def _writable(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    return os.access(folder, os.W_OK)  # false on a read-only mount, even for root


def _full(path: Path) -> bool:
    try:
        return os.statvfs(path if path.is_dir() else path.parent).f_bavail == 0
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def from_sqlite_error(exc: sqlite3.Error, path: str | os.PathLike) -> StorageError | None:
    """The storage failure behind a SQLite error, or None for a programming error."""
    path = Path(path)
    name = getattr(exc, "sqlite_errorname", "") or ""
    detail = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError("locked", path, detail, pid=lock_holder(path))
    if name.startswith("SQLITE_FULL"):
        return StorageError("disk-full", path, detail)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StorageError("damaged", path, detail)
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM", "SQLITE_AUTH")):
        if not _writable(path):
            return StorageError("read-only", path, detail)
        if _full(path):  # e.g. no room for the -shm file SQLite makes on opening
            return StorageError("disk-full", path, detail)
        return StorageError("cannot-open" if name.startswith("SQLITE_CANTOPEN") else "io-error", path, detail)
    return None


def as_storage_error(exc: BaseException, path: str | os.PathLike) -> StorageError | None:
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return from_sqlite_error(exc, path)
    if isinstance(exc, OSError) and exc.errno in (*_OS_CODES, errno.EIO):
        return from_os_error(exc, path)
    return None


@contextlib.contextmanager
def storage_errors(path: str | os.PathLike) -> Iterator[None]:
    """Re-raise what the system says about `path` as a StorageError; other errors pass."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        error = as_storage_error(exc, path)
        if error is None:
            raise
        raise error from exc


def lock_holder(db_file: Path) -> int | None:
    """The pid of a process holding a SQLite lock on db_file, where POSIX locks tell.

    WAL databases lock bytes 120-127 of the -shm file (the writer's lock is 120); others
    lock the main file at 1 GiB. Only other processes' locks are reported (F_GETLK).
    """
    return _posix_lock(db_file, ((db_file.name + "-shm", 120, 8), (db_file.name, 0x40000000, 512)))


def opened_by(db_file: Path) -> int | None:
    """The pid of another process that has db_file open (in WAL mode every connection holds a
    shared lock on byte 128 of the -shm file while it is open), or None."""
    return _posix_lock(Path(db_file), ((Path(db_file).name + "-shm", 120, 9),))


def _posix_lock(db_file: Path, ranges: Iterable[tuple[str, int, int]]) -> int | None:
    if os.name != "posix":
        return None
    import fcntl
    import struct

    for name, start, length in ranges:
        try:
            fd = os.open(db_file.with_name(name), os.O_RDONLY)
        except OSError:
            continue
        try:
            query = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, start, length, 0)
            kind, _, _, _, pid = struct.unpack("hhqqi", fcntl.fcntl(fd, fcntl.F_GETLK, query))
            if kind != fcntl.F_UNLCK and pid > 0:
                return pid
        except OSError:
            pass
        finally:
            os.close(fd)
    return None
