"""Where things live: the bundled content and the machine's data directory."""
from __future__ import annotations

import os
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


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data directory: `--data-dir`, else $CITIZENSHIP_DATA_DIR, else the user data dir.

    It is created 0700 on POSIX: it holds student records.
    """
    if explicit:
        path = Path(explicit)
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV])
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("citizenship-kiosk", "CitizenshipKiosk"))
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path
