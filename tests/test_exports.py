"""Staff exports without a file browser: IT's export folder or a USB drive the admin picks;
files named by what they hold, 0600, never overwritten, audited first."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from datetime import date

import pytest
from kiosk_driver import click, find
from PySide6.QtWidgets import QLineEdit

from citizenship_app.core import exports, records
from citizenship_app.core.demo import DEMO_STAFF_PASSWORD
from citizenship_app.core.paths import DEMO_ROSTER, ROOT


def today() -> str:
    # Asked at each use, not once at import: a suite that runs past midnight names files by the new day.
    return date.today().isoformat()


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_no_file_or_print_dialog_anywhere_in_the_screens():
    """Reported: a full file browser opened inside the locked kiosk."""
    used = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "citizenship_app").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bQ(File|Print|PageSetup)Dialog\b", line)
    ]
    assert not used, f"no file or print dialogs in the kiosk: {used}"


def test_the_default_export_folder_is_private_and_files_are_named_by_what_they_hold(demo_db):
    folder = exports.destination(demo_db)
    assert folder == demo_db.path.parent / "exports" and mode(folder) == 0o700
    first = exports.export_file(demo_db, "records", "Harbor View Elementary", suffix="csv")
    assert first.name == f"records-harbor-view-elementary-{today()}.csv" and mode(first) == 0o600
    second = exports.export_file(demo_db, "records", "Harbor View Elementary", suffix="csv")
    assert second.name == f"records-harbor-view-elementary-{today()}-2.csv"  # never overwritten


def test_it_sets_the_export_folder_and_a_missing_one_is_refused_with_a_code(demo_db, tmp_path):
    with pytest.raises(ValueError) as refused:
        exports.set_export_dir(demo_db, tmp_path / "nowhere")
    assert refused.value.code == "export-folder-missing"
    assert exports.set_export_dir(demo_db, tmp_path) == tmp_path.resolve()
    assert exports.destination(demo_db) == tmp_path.resolve()
    (tmp_path / "gone").mkdir()
    exports.set_export_dir(demo_db, tmp_path / "gone")
    (tmp_path / "gone").rmdir()  # unplugged or deleted since
    with pytest.raises(ValueError) as refused:
        exports.export_file(demo_db, "records", suffix="csv")
    assert refused.value.code == "export-folder-missing" and refused.value.params["folder"].endswith("gone")


def test_a_refused_export_leaves_no_file_and_an_allowed_one_is_audited(demo_db, catalog):
    modules = list(catalog.modules.values())
    with pytest.raises(PermissionError):  # a teacher asking for another teacher's classes
        records.export_csv_file(demo_db, "t-qureshi", modules, records.RecordFilter(teacher_id="t-okafor"))
    assert list(exports.destination(demo_db).iterdir()) == []
    n, path = records.export_csv_file(demo_db, "t-tanaka", modules, records.RecordFilter(), "records")
    assert path.name == f"records-harbor-view-k-12-demo-school-{today()}.csv" and mode(path) == 0o600
    action, detail = demo_db.execute("SELECT action, detail FROM audit_log ORDER BY id DESC").fetchone()
    assert action == "export_records" and f'"rows": {n}' in detail


def test_usb_drives_are_listed_and_chosen_and_an_unplugged_one_falls_back(demo_db, tmp_path, monkeypatch):
    media = tmp_path / "media"
    (media / "STICK" / "oneroster-2026").mkdir(parents=True)
    (media / "STICK" / "oneroster-2026" / "users.csv").write_text("sourcedId\n")
    (media / "STICK" / "roster.zip").write_bytes(b"PK")
    (media / "STICK" / "photos").mkdir()
    monkeypatch.setenv("CITIZENSHIP_MEDIA_ROOT", str(media))
    assert exports.removable_media() == [media / "STICK"]
    assert exports.roster_sources() == [media / "STICK" / "oneroster-2026", media / "STICK" / "roster.zip"]
    exports.choose_removable(demo_db, media / "STICK")
    assert exports.export_file(demo_db, "compliance", "all-schools", suffix="pdf").parent == media / "STICK"
    monkeypatch.setenv("CITIZENSHIP_MEDIA_ROOT", str(tmp_path / "no-media"))  # unplugged
    assert exports.destination(demo_db) == demo_db.path.parent / "exports"


def test_the_cli_sets_the_export_folder(demo_dir, tmp_path):
    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "citizenship_app.cli", "--data-dir", str(demo_dir), *args],
            capture_output=True,
            text=True,
        )

    done = cli("kiosk", "settings", "--export-dir", str(tmp_path))
    assert done.returncode == 0 and f"exports go to {tmp_path.resolve()}" in done.stdout
    bad = cli("kiosk", "settings", "--export-dir", str(tmp_path / "nowhere"))
    assert bad.returncode == 1 and "does not exist" in bad.stderr


def admin_screen(qtbot, window):
    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), "dwhitfield")
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")
    click(qtbot, window, "adminButton")
    return window.admin


def test_the_admin_screen_lists_usb_drives_for_rosters_and_exports(qtbot, window, tmp_path, monkeypatch):
    import shutil

    media = tmp_path / "media"
    shutil.copytree(DEMO_ROSTER, media / "STICK" / "oneroster")
    monkeypatch.setenv("CITIZENSHIP_MEDIA_ROOT", str(media))
    admin = admin_screen(qtbot, window)
    click(qtbot, admin, "rosterLook")
    assert admin.roster_sources.isVisible() and admin.roster_sources.count() == 1
    admin.roster_sources.setCurrentRow(0)
    assert admin.roster_path.text() == str(media / "STICK" / "oneroster")

    admin.tabs.setCurrentIndex(admin.kiosk_index)
    click(qtbot, admin, "exportLook")
    assert admin.drives.count() == 1 and "exports" in admin.export_state.text()
    admin.drives.setCurrentRow(0)
    click(qtbot, admin, "exportToDrive")
    assert admin.export_state.text() == f"Exports are saved to {media / 'STICK'}"
    assert exports.destination(window.kiosk.db) == media / "STICK"
    click(qtbot, admin, "exportToFolder")
    assert exports.destination(window.kiosk.db) == window.kiosk.data_dir / "exports"
