"""The app's version (one source: pyproject) and what happens when versions meet a database.

An upgrade migrates the database once, after a backup; an older app that meets a newer
database refuses it with one clear line and leaves the file exactly as it was.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from citizenship_app.core import backup, paths
from citizenship_app.core.store import (
    MIGRATIONS,
    NewerDatabaseError,
    connect,
    db_path,
    migrate,
    open_store,
    schema_version,
)
from citizenship_app.core.sync import HubConfig, make_client
from citizenship_app.version import version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from citizenship_app.cli import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version_is_pyprojects_and_the_cli_prints_it():
    assert version() == PYPROJECT_VERSION
    out = _cli("--version")
    assert (out.returncode, out.stdout.strip()) == (0, f"citizenship-app {PYPROJECT_VERSION}")


def test_without_package_metadata_the_generated_version_file_is_read(tmp_path):
    # A frozen build has no metadata: the build writes _version.py. Without site-packages
    # (-S) the installed metadata is out of reach, as in the bundle.
    package = tmp_path / "citizenship_app"
    package.mkdir()
    for name in ("__init__.py", "version.py"):
        shutil.copy(ROOT / "citizenship_app" / name, package / name)
    (package / "_version.py").write_text('VERSION = "9.8.7"\n')
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from citizenship_app.version import version; print(version())"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=tmp_path,
    )  # not the source tree, which holds the egg-info
    assert out.stdout.strip() == "9.8.7", out.stderr


def test_every_sync_request_tells_the_hub_the_version():
    config = HubConfig(url="http://127.0.0.1:9/xapi/", username="lab-1", password="pw")
    with make_client(config) as client:
        request = client.build_request("POST", config.url + "statements", json=[])
    assert request.headers["User-Agent"] == f"citizenship-kiosk/{PYPROJECT_VERSION}"
    assert request.headers["X-Experience-API-Version"]


def test_the_admin_screen_shows_the_version(qtbot, window):
    from kiosk_driver import click
    from PySide6.QtWidgets import QLabel
    from test_admin_ui import staff_sign_in

    from citizenship_app.core.demo import DEMO_STAFF_PASSWORD

    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    shown = window.admin.findChild(QLabel, "adminVersion")
    assert shown is not None and shown.isVisible()
    assert shown.text() == f"Citizenship Kiosk {PYPROJECT_VERSION}"


def test_content_root_is_the_source_tree_or_the_frozen_bundle(tmp_path, monkeypatch):
    assert paths.content_root() == ROOT and (paths.LESSONS_DIR / "k-2").is_dir()
    # PyInstaller sets sys.frozen and sys._MEIPASS (the folder the spec puts the data in).
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.content_root() == tmp_path


# -- the database across versions ------------------------------------------------------------


def _files(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir()) if p.is_file()
    }


@pytest.fixture
def newer_db(tmp_path) -> Path:
    """A data directory whose database a newer version (one more migration) has written."""
    directory = tmp_path / "data"
    open_store(directory).conn.close()
    conn = sqlite3.connect(db_path(directory))
    conn.execute("CREATE TABLE from_the_future (x)")
    conn.execute("INSERT INTO migrations VALUES (?, '2030-01-01T00:00:00.000+00:00')", [len(MIGRATIONS) + 1])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return directory


def test_an_older_app_refuses_a_newer_database_and_leaves_it_untouched(newer_db):
    before = _files(newer_db)
    with pytest.raises(NewerDatabaseError) as raised:
        open_store(newer_db)
    assert (raised.value.found, raised.value.known) == (len(MIGRATIONS) + 1, len(MIGRATIONS))
    assert _files(newer_db) == before
    assert not (newer_db / "backups").exists() or not list((newer_db / "backups").iterdir())


def test_the_cli_says_so_in_one_line_and_exits_1(newer_db):
    before = _files(newer_db)
    out = _cli("--data-dir", str(newer_db), "roster", "summary")
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert "newer version of Citizenship Kiosk" in out.stderr and "left untouched" in out.stderr
    assert _files(newer_db) == before


def test_the_kiosk_shows_out_of_order_for_a_newer_database_and_writes_nothing(qtbot, newer_db):
    from citizenship_app.ui.app import create_app, open_window

    before = _files(newer_db)
    create_app()
    window = open_window(str(newer_db), lockdown=False)
    qtbot.addWidget(window)
    page = window.page
    assert page.objectName() == "outOfOrder" and page.isVisible()
    assert "newer-database" in page.detail.text() and f"knows up to {len(MIGRATIONS)}" in page.detail.text()
    assert not page.try_again()  # still the newer database: never opened for writing
    assert _files(newer_db) == before


def test_a_newer_app_migrates_an_old_database_once_after_a_backup(tmp_path):
    db = connect(db_path(tmp_path))
    migrate(db, target=3)
    db.execute("INSERT INTO settings VALUES ('kept', 'yes')")
    db.conn.commit()
    db.conn.close()

    db = open_store(tmp_path)
    assert schema_version(db) == len(MIGRATIONS)
    assert [r[0] for r in db.execute("SELECT version FROM migrations ORDER BY version")] == list(
        range(1, len(MIGRATIONS) + 1)
    )
    db.conn.close()
    made = backup.list_backups(tmp_path)
    assert [p.name.split("-", 2)[-1] for p in made] == ["before-migration-4.sqlite3"]
    old = connect(made[0])
    assert schema_version(old) == 3 and old.execute("SELECT value FROM settings").fetchone() == ("yes",)
    old.conn.close()

    open_store(tmp_path).conn.close()  # the second start: nothing to migrate, no new backup
    assert backup.list_backups(tmp_path) == made
