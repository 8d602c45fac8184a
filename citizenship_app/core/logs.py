"""The kiosk's log: a rotating file in the data directory, useful to IT.

Never log names, codes, PINs, passwords or answers. Log what happened and to which module or
class; a person appears only as an opaque reference (`person_ref`) that IT can match against
the database on the machine but that tells a reader of the log nothing.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

LOG_NAME = "kiosk.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's log to data_dir/logs/kiosk.log (1 MB x 5 files)."""
    import logging.handlers

    folder = Path(data_dir) / "logs"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger("citizenship_app")
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


def person_ref(person_id: str) -> str:
    """An opaque, stable reference to a person for log lines (not their id, not their name)."""
    return "p-" + hashlib.sha256(f"citizenship-kiosk:{person_id}".encode()).hexdigest()[:10]
