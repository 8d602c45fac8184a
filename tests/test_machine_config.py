"""The machine-wide kiosk.toml's place on Windows and Linux, and a token left readable by
every user of the machine (core.machine_config); the enrollment itself: test_enrollment."""

from __future__ import annotations

import logging
import sys

import pytest

from citizenship_app.core import machine_config


@pytest.fixture
def no_override(monkeypatch):
    monkeypatch.delenv(machine_config.CONFIG_ENV, raising=False)


def test_windows_finds_it_under_programdata_even_when_the_variable_is_empty(monkeypatch, no_override):
    monkeypatch.setattr(machine_config.sys, "platform", "win32")
    monkeypatch.setenv("ProgramData", r"E:\Data")
    assert str(machine_config.config_path()).startswith("E:\\Data")
    # Set but empty (a broken profile): never a kiosk.toml relative to the current folder.
    monkeypatch.setenv("ProgramData", "")
    path = machine_config.config_path()
    assert str(path).startswith("C:\\ProgramData") and path.parts[-2:] == ("CitizenshipKiosk", "kiosk.toml")
    monkeypatch.delenv("ProgramData")
    assert str(machine_config.config_path()).startswith("C:\\ProgramData")


def test_linux_finds_it_under_etc(monkeypatch, no_override):
    monkeypatch.setattr(machine_config.sys, "platform", "linux")
    assert str(machine_config.config_path()) == "/etc/citizenship-kiosk/kiosk.toml"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_token_every_user_can_read_is_warned_about(tmp_path, caplog):
    path = tmp_path / "kiosk.toml"
    path.write_text('hub_url = "https://hub.example"\nenroll_token = "cke_x"\n', encoding="utf-8")
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger=machine_config.__name__):
        assert machine_config.load(path).enroll_token == "cke_x"
    assert "readable by every user" in caplog.text and "chmod 640" in caplog.text
    assert "cke_x" not in caplog.text
    caplog.clear()
    path.chmod(0o640)
    with caplog.at_level(logging.WARNING, logger=machine_config.__name__):
        machine_config.load(path)
    assert caplog.text == ""
    # Without a token, a readable file holds nothing secret.
    path.write_text('hub_url = "https://hub.example"\n', encoding="utf-8")
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger=machine_config.__name__):
        machine_config.load(path)
    assert caplog.text == ""
