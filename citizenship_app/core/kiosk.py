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

        self.data_dir: Path = resolve(data_dir)
        self.db = open_store(self.data_dir)
        if catalog is not None:
            self.__dict__["catalog"] = catalog

    @cached_property
    def catalog(self):
        """Loaded on first use: the sign-in screen does not need it, start-up stays fast."""
        from .content import load_catalog

        return load_catalog()

    def close(self) -> None:
        self.db.conn.close()
