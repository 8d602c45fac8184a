"""Enrolling from the administrator's screen (District sync): typed or scanned address and
token, a refused token saying why with nothing configured, then an enrolled kiosk with the
district's settings greyed out; against the real hub (test_sync's fixtures), real widgets."""

# ruff: noqa: F811 - the fixtures imported from test_sync are named as the tests' parameters

from __future__ import annotations

from kiosk_driver import click
from test_admin_ui import staff_sign_in
from test_enrollment import base_url, new_token, no_keyring  # noqa: F401 - a fixture
from test_sync import hub, module, pg_admin, pg_database, zygote  # noqa: F401 - fixtures

from citizenship_app.core import managed_settings
from citizenship_app.core.demo import DEMO_STAFF_PASSWORD
from citizenship_app.core.enrollment import enroll
from citizenship_app.core.kiosk import idle_settings
from citizenship_app.core.store import get_setting, open_store
from citizenship_app.district import cli as hub_cli
from citizenship_app.ui.enroll_panel import enroll_error_text


def test_an_administrator_enrolls_the_kiosk_by_scanning_the_address_and_token(qtbot, window, hub, capsys):
    assert hub_cli.main(["--db", hub.db_url, "settings", "set", "idle-minutes", "11"]) == 0
    used = new_token(hub, capsys, "--school", "school-1")["token"]
    good = new_token(hub, capsys, "--school", "school-1")["token"]
    elsewhere = open_store(window.kiosk.data_dir.parent / "other-kiosk")
    enroll(elsewhere, base_url(hub), used, name="lab-elsewhere")

    staff_sign_in(qtbot, window, "dwhitfield", DEMO_STAFF_PASSWORD)
    click(qtbot, window, "adminButton")
    admin = window.admin
    admin.tabs.setCurrentIndex(1)
    panel = admin.enroll_panel
    db = window.kiosk.db

    # A used token: said plainly, nothing configured.
    qtbot.keyClicks(panel.url, base_url(hub))
    qtbot.keyClick(panel.url, "\r")  # a scanner's Enter moves on to the token
    assert panel.state.text() == "" and panel.go.isEnabled()  # nothing sent without a token
    qtbot.keyClicks(panel.token, used)
    qtbot.keyClick(panel.token, "\r")
    qtbot.waitUntil(lambda: panel.go.isEnabled() and panel.state.text() != "Enrolling…", timeout=20000)
    assert (
        panel.state.text()
        == enroll_error_text("used_token")
        == ("This token is used up. Ask the district for a new one.")
    )
    assert get_setting(db, "hub_url") is None and managed_settings.managed(db) == frozenset()

    # One scan holding the address and the token: enrolled, with the district's settings.
    panel.url.clear()
    panel.token.clear()
    qtbot.keyClicks(panel.url, f"{base_url(hub)} {good}")
    qtbot.keyClick(panel.url, "\r")
    qtbot.waitUntil(lambda: panel.state.text().startswith("Enrolled as"), timeout=20000)
    assert "school-1" in panel.state.text() and panel.token.text() == ""
    assert admin.hub_url.text() == hub.url == get_setting(db, "hub_url")
    assert idle_settings(db)[0] == 11.0
    admin.tabs.setCurrentIndex(admin.kiosk_index)
    assert not admin.idle_minutes.isEnabled() and admin.idle_minutes.value() == 11


def test_enrollment_errors_are_worded_in_spanish_too(qtbot, window):
    window.set_language("es")
    try:
        assert enroll_error_text("expired_token") == "Este token ha caducado. Pida uno nuevo al distrito."
    finally:
        window.set_language("en")
