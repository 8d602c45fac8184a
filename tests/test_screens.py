"""Every screen at the lab sizes, in both languages, at the three text sizes: nothing clipped,
covered or cut short (tests/screen_walker.py walks them and says what is wrong).

The screenshots go to $CITIZENSHIP_SCREENSHOTS_DIR (CI keeps it as an artifact folder), one
folder per combination, e.g. `1366x768-es-large/quiz-k-2-picture-feedback.png`; to a temporary
folder when it is not set.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from screen_walker import LANGUAGES, SIZES, TEXT_SIZES, Walk, Walker, add_staff_work, prepare

COMBINATIONS = [(w, h, lang, size) for (w, h) in SIZES for lang in LANGUAGES for size in TEXT_SIZES]


@pytest.fixture(scope="module")
def walk_template(demo_template, catalog, tmp_path_factory) -> Path:
    """The demo school with an assigned, partly passed grade 4 class, made once."""
    from citizenship_app.core.store import open_store

    directory = tmp_path_factory.mktemp("walk-template") / "data"
    shutil.copytree(demo_template, directory)
    db = open_store(directory)
    add_staff_work(db, catalog)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return directory


@pytest.fixture(scope="session")
def screenshots_dir(tmp_path_factory) -> Path:
    folder = os.environ.get("CITIZENSHIP_SCREENSHOTS_DIR")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


def open_walk(qtbot, data_dir, catalog, width, height, folder=None):
    """The real kiosk window over `data_dir` at width x height, and a walker on it."""
    from citizenship_app.ui.app import build_window, create_app

    create_app()
    window = build_window(data_dir, catalog=catalog)
    qtbot.addWidget(window)
    walker = Walker(window, folder, wait=qtbot.waitUntil)
    walker.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window, walker


def close_walk(window) -> None:
    """Back to English and the normal theme: both are the application's, not the window's."""
    from citizenship_app.core.store import set_setting

    window.idle.stop()
    set_setting(window.kiosk.db, "default_language", "en")
    window.show_sign_in()


@pytest.mark.parametrize(
    "width,height,language,text_size",
    COMBINATIONS,
    ids=[f"{w}x{h}-{lang}-{size}" for w, h, lang, size in COMBINATIONS],
)
def test_every_screen_fits(
    qtbot, walk_template, tmp_path, catalog, screenshots_dir, width, height, language, text_size
):
    from citizenship_app.core.store import open_store

    data = tmp_path / "data"
    shutil.copytree(walk_template, data)
    db = open_store(data)
    prepare(db, language, text_size)
    db.conn.close()
    folder = screenshots_dir / f"{width}x{height}-{language}-{text_size}"
    window, walker = open_walk(qtbot, data, catalog, width, height, folder)
    try:
        Walk(walker, catalog).all()
    finally:
        close_walk(window)
    assert len(walker.shots) > 60, walker.shots  # the walk got everywhere
    assert walker.problems == [], "\n".join(["", *walker.problems])
