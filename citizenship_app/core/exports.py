"""Where staff exports go: the export folder IT sets, or a removable drive the admin picks.

    >>> folder = destination(db)                      # export_to if still mounted, else export_dir
    >>> path = export_file(db, "records", "Harbor View Elementary", suffix="csv")
    PosixPath('/var/lib/citizenship-kiosk/exports/records-harbor-view-elementary-2026-12-02.csv')

The locked kiosk never opens a file browser: IT sets the folder once
(`citizenship-app kiosk settings --export-dir PATH`; default `exports/` in the data
directory, made 0700), and an administrator may send exports to a USB drive listed on the
admin screen instead (`removable_media`). Files are named by what they hold (report, school
or class, date), never overwrite one another, and are made 0600 before anything is written
(`paths.private_file`); the core functions that write them audit first.
"""

from __future__ import annotations

import getpass
import os
import re
from datetime import date
from pathlib import Path

from .errors import Refused
from .paths import private_file
from .store import Store, get_setting, set_setting

EXPORT_DIR = "export_dir"  # IT's folder (a setting); default <data dir>/exports
EXPORT_TO = "export_to"  # a removable drive the administrator chose, while it is mounted
#: Where desktop Linux mounts USB drives (udisks2): /media/<user>/<label>, /run/media/<user>/<label>.
MEDIA_ROOTS = (Path("/media"), Path("/run/media"))


def export_dir(db: Store) -> Path:
    """IT's export folder; the default (`exports/` beside the database) is made, 0700."""
    chosen = get_setting(db, EXPORT_DIR)
    if chosen:
        return Path(chosen)
    assert db.path is not None  # every kiosk Store is opened from a file (store.connect)
    folder = db.path.parent / "exports"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        pass  # a read-only data directory: `destination` says the folder is missing, in words
    return folder


def set_export_dir(db: Store, folder: str | os.PathLike | None) -> Path:
    """IT sets the export folder (it must exist); None or "" goes back to the default."""
    if not folder:
        set_setting(db, EXPORT_DIR, "")
        return export_dir(db)
    path = Path(folder).expanduser().resolve()
    if not path.is_dir():
        raise Refused("export-folder-missing", folder=str(path))
    set_setting(db, EXPORT_DIR, str(path))
    return path


def media_roots() -> tuple[Path, ...]:
    """Where drives appear: CITIZENSHIP_MEDIA_ROOT (a lab that mounts USB drives elsewhere,
    e.g. /mnt/usb, where every folder is a drive), else udisks2's folders."""
    override = os.environ.get("CITIZENSHIP_MEDIA_ROOT")
    return (Path(override),) if override else MEDIA_ROOTS


def removable_media() -> list[Path]:
    """Mounted removable drives (USB sticks, SD cards) this user may write to."""
    override, user, found = bool(os.environ.get("CITIZENSHIP_MEDIA_ROOT")), _user(), []
    for root in media_roots():
        base = root / user if user and (root / user).is_dir() else root
        try:
            found += [p for p in sorted(base.iterdir()) if p.is_dir() and (override or p.is_mount())]
        except OSError:
            continue
    return [p for p in found if os.access(p, os.W_OK)]


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def choose_removable(db: Store, drive: str | os.PathLike | None) -> None:
    """The administrator sends exports to this drive (one of `removable_media`), or back to
    the export folder (None)."""
    set_setting(db, EXPORT_TO, str(drive) if drive else "")


def destination(db: Store) -> Path:
    """Where the next export goes: the chosen drive while it is mounted, else the export folder."""
    drive = get_setting(db, EXPORT_TO)
    if drive and Path(drive) in removable_media():
        return Path(drive)
    folder = export_dir(db)
    if not folder.is_dir():
        raise Refused("export-folder-missing", folder=str(folder))
    return folder


def slug(text: str) -> str:
    """A file-name part from a school, class or report name: lower case, dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "all"


def export_file(db: Store, report: str, *about: str, suffix: str, day: date | None = None) -> Path:
    """A new, empty 0600 file in `destination(db)` named `<report>-<about...>-<date>.<suffix>`;
    `-2`, `-3`... when that name is taken (an export never overwrites another)."""
    folder = destination(db)
    stem = "-".join([slug(report), *(slug(a) for a in about if a), (day or date.today()).isoformat()])
    for n in range(1, 1000):
        path = folder / (f"{stem}.{suffix}" if n == 1 else f"{stem}-{n}.{suffix}")
        if not path.exists():
            break
    try:
        return private_file(path)
    except PermissionError:
        if path.exists() and folder != export_dir(db):
            # A USB drive's FAT or exFAT file system has no file modes to set (chmod is refused):
            # the file is made; who may read it is the drive's own mount options.
            return path
        raise Refused("export-folder-unwritable", folder=str(folder), detail="permission denied") from None
    except OSError as exc:
        raise Refused("export-folder-unwritable", folder=str(folder), detail=exc.strerror or "") from None


def roster_sources() -> list[Path]:
    """OneRoster exports on the mounted drives, for the admin screen to offer (no file
    browser): each drive's .zip files and folders holding users.csv, and the drive itself
    when users.csv lies at its top."""
    found: list[Path] = []
    for drive in removable_media():
        try:
            entries = sorted(drive.iterdir())
        except OSError:
            continue
        if (drive / "users.csv").is_file():
            found.append(drive)
        found += [
            p
            for p in entries
            if (p.is_file() and p.suffix.lower() == ".zip") or (p.is_dir() and (p / "users.csv").is_file())
        ]
    return found
