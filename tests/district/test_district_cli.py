"""`citizenship-district device ...`: credentials are printed once and stored only as hashes."""

from __future__ import annotations

import json

from .conftest import district


def test_device_add_prints_the_password_once_and_stores_only_a_hash(tmp_path):
    db_file = tmp_path / "hub.db"
    db = f"sqlite:///{db_file}"
    out = json.loads(district(db, "device", "add", "lab-1", "--district", "--json").stdout)
    assert out["username"] == "lab-1" and len(out["password"]) >= 32
    assert out["password"].encode() not in db_file.read_bytes()

    listed = json.loads(district(db, "device", "list", "--json").stdout)
    assert [(d["name"], d["statements"], d["scope"]) for d in listed] == [("lab-1", 0, "district")]
    assert "password" not in json.dumps(listed)


def test_device_errors_exit_1_with_a_message(tmp_path):
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    district(db, "device", "add", "lab-1", "--read-only")
    again = district(db, "device", "add", "lab-1", "--read-only", check=False)
    assert again.returncode == 1 and "already exists" in again.stderr
    bad_name = district(db, "device", "add", "lab 1:x", "--read-only", check=False)
    assert bad_name.returncode == 1 and "device name" in bad_name.stderr

    assert district(db, "device", "remove", "lab-1").returncode == 0
    gone = district(db, "device", "remove", "lab-1", check=False)
    assert gone.returncode == 1 and "no device" in gone.stderr
    assert "no devices" in district(db, "device", "list").stdout


def test_an_unusable_database_url_is_a_user_error(tmp_path):
    result = district("mysql://somewhere/db", "device", "list", check=False)
    assert result.returncode == 1 and "cannot open database" in result.stderr
