"""Where things live: the bundled content and the machine's data directory."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


def content_root() -> Path:
    """The folder that holds lessons/, quizzes/ and assets/.

    From source, the project root beside the package; in a PyInstaller build, the bundle's
    data folder (`sys._MEIPASS`: `_internal/` of the one-folder build), where the spec puts them.
    """
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS)
    return Path(__file__).resolve().parents[2]


#: The project root that holds lessons/, quizzes/ and assets/ (shipped beside the package).
ROOT = content_root()
LESSONS_DIR = ROOT / "lessons"
QUIZZES_DIR = ROOT / "quizzes"
ASSETS_DIR = ROOT / "assets"
POLICY_ITEMS = ASSETS_DIR / "policy" / "items.json"
DEMO_ROSTER = ASSETS_DIR / "demo-roster"

DATA_DIR_ENV = "CITIZENSHIP_DATA_DIR"
DB_NAME = "citizenship.sqlite3"


#: The kiosk's own folder inside a shared one (see `data_dir`).
SUBFOLDER = "citizenship-kiosk"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data directory: `--data-dir`, else $CITIZENSHIP_DATA_DIR, else the user data dir.

    It holds student records, so (docs/deployment.md, "The data directory"):

    - a folder that does not exist yet is created 0700;
    - an existing folder that only its owner can write is used as it is: its permissions are
      its owner's business and are never changed (the files in it are 0600 and 0700);
    - an existing folder that others can write (group or world, like /tmp) is never used
      directly: the kiosk uses its own `citizenship-kiosk` subfolder, created 0700, and
      refuses one that someone else planted (a link, a file, not ours, open to others);
    - anything else (a file, a folder that cannot be created) is a `StorageError`.
    """
    if explicit:
        path = Path(explicit)
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV])
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("citizenship-kiosk", "CitizenshipKiosk"))
    from .storage_errors import StorageError, from_os_error

    try:
        if not path.exists():
            return _create_private(path)
        if not path.is_dir():
            raise StorageError("not-a-folder", path)
        if os.name == "posix" and path.stat().st_mode & 0o022:
            return _own_subfolder(path / SUBFOLDER)
        return path
    except OSError as exc:
        raise from_os_error(exc, path) from None


def _create_private(path: Path) -> Path:
    path.mkdir(parents=True, mode=0o700)
    if os.name == "posix":
        path.chmod(0o700)  # mkdir's mode is filtered by the umask
    return path


def _own_subfolder(path: Path) -> Path:
    """Our folder inside a shared one: made here, or made by us before and still private."""
    from .storage_errors import StorageError

    try:
        return _create_private(path)
    except FileExistsError:
        pass
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise StorageError("unsafe-permissions", path, "not a folder of the kiosk's own (a link or a file)")
    if info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise StorageError("unsafe-permissions", path, "someone else's, or open to other users")
    return path


def private_file(path: str | os.PathLike) -> Path:
    """Make `path` an empty file only its owner may read and write (0600 on POSIX), before an
    export of student records is written into it; writing then keeps the mode."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)  # an older file of the same name keeps its mode through O_TRUNC
    return path
