"""Enrollment (enroll-token, POST /enroll, `citizenship-app enroll`), the machine-wide kiosk.toml,
and the fleet view (`citizenship-district devices`), against the real hub on SQLite and
PostgreSQL (the hub fixtures of test_sync) and real kiosk data directories."""

# ruff: noqa: F811 - the fixtures imported from test_sync are named as the tests' parameters

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from district.conftest import interim_hash
from test_sync import (  # noqa: F401 - fixtures
    HEADERS,
    READER,
    Hub,
    hub,
    kiosk_db,
    make_records,
    module,
    pg_admin,
    pg_database,
    pg_schema_url,
    zygote,
)

from citizenship_app import cli as kiosk_cli
from citizenship_app.core import enrollment, machine_config, signing, sync, xapi
from citizenship_app.core.store import get_setting, open_store
from citizenship_app.district import cli as hub_cli
from citizenship_app.district import fleet
from citizenship_app.district.storage import Store
from citizenship_app.version import version


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch, tmp_path):
    """Kiosks here have no OS keyring (the password goes to the data directory), and no
    machine-wide kiosk.toml unless a test writes one."""
    monkeypatch.setattr(sync, "_keyring", lambda: None)
    monkeypatch.setenv(machine_config.CONFIG_ENV, str(tmp_path / "no-kiosk.toml"))
    for name in ("CITIZENSHIP_HUB_URL", "CITIZENSHIP_HUB_USERNAME", "CITIZENSHIP_HUB_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def base_url(hub) -> str:
    return hub.url.removesuffix("xapi/")


def new_token(hub, capsys, *args: str) -> dict:
    capsys.readouterr()
    assert hub_cli.main(["--db", hub.db_url, "enroll-token", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def kiosk(capsys, data_dir, *args: str) -> tuple[int, dict, str]:
    """`citizenship-app --data-dir DIR ARGS... --json`: (exit status, JSON printed, stderr)."""
    capsys.readouterr()
    status = kiosk_cli.main(["--data-dir", str(data_dir), *args, "--json"])
    out = capsys.readouterr()
    return status, json.loads(out.out) if out.out.strip() else {}, out.err


def hub_devices(hub, capsys) -> dict[str, dict]:
    capsys.readouterr()
    assert hub_cli.main(["--db", hub.db_url, "devices", "--json"]) == 0
    return {d["name"]: d for d in json.loads(capsys.readouterr().out)}


def unconfigured(data_dir) -> bool:
    db = open_store(data_dir)
    return (
        get_setting(db, "hub_url") is None
        and get_setting(db, "hub_username") is None
        and not sync.password_file(db).exists()
    )


def test_a_kiosk_enrolls_with_a_token_and_its_signed_records_reach_the_hub(hub, tmp_path, module, capsys):
    token = new_token(hub, capsys, "--school", "school-1")
    # Never taken for an option on a command line: 32 random bytes after a fixed prefix.
    assert token["token"].startswith("cke_") and len(token["token"]) == 4 + 43
    assert token["expires"].endswith("Z")
    db = kiosk_db(tmp_path / "k1")
    make_records(db, module, 3)

    status, out, err = kiosk(
        capsys, tmp_path / "k1", "enroll", base_url(hub), token["token"], "--name", "lab-1"
    )

    assert status == 0, err
    assert out == {
        "username": "lab-1",
        "school": "school-1",
        "hub_url": hub.url,
        "password_stored": "data-dir",
        "roster": "pulled",  # the school's roster, from the hub (tests/district/test_district_oneroster.py)
    }
    secret = sync.password_file(db)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    password = json.loads(secret.read_text())["password"]
    assert password not in "\n".join(db.conn.iterdump())  # not in the store
    config = sync.load_config(db)
    assert (config.url, config.username, config.password) == (hub.url, "lab-1", password)
    # The hub has the device for the token's school, with the kiosk's key: it takes the
    # kiosk's signed records, and only signed ones.
    result = sync.sync_once(db)  # the records, and the audit row of the roster's import
    assert (result.sent, result.pending, result.error) == (4, 0, None)
    listed = hub_devices(hub, capsys)["lab-1"]
    assert (listed["school"], listed["scope"], listed["app_version"]) == ("school-1", "school", version())
    with httpx.Client(auth=("lab-1", password), headers=HEADERS) as client:
        unsigned = client.post(
            hub.url + "statements", json={"actor": {"mbox": "mailto:x@example.org"}, "verb": {"id": "x"}}
        )
    assert unsigned.status_code in (400, 403)
    # The token had one use: the hub stored only its digest, and it is spent.
    hub_store = Store(hub.db_url)
    try:
        with hub_store.engine.connect() as conn:
            dump = json.dumps([list(r) for r in conn.exec_driver_sql("SELECT * FROM enroll_tokens")])
    finally:
        hub_store.engine.dispose()
    assert token["token"] not in dump and enrollment.token_digest(token["token"]) in dump


def test_used_unknown_and_expired_tokens_are_refused_and_nothing_is_configured(hub, tmp_path, capsys):
    token = new_token(hub, capsys, "--school", "school-1")["token"]
    assert kiosk(capsys, tmp_path / "k1", "enroll", hub.url, token, "--name", "lab-1")[0] == 0

    status, out, err = kiosk(capsys, tmp_path / "k2", "enroll", hub.url, token, "--name", "lab-2")
    assert (status, out["error"]) == (1, "used_token") and "used up" in err
    assert unconfigured(tmp_path / "k2")

    status, out, _ = kiosk(capsys, tmp_path / "k3", "enroll", hub.url, "not-a-token-" + "x" * 30)
    assert (status, out["error"]) == (1, "unknown_token") and unconfigured(tmp_path / "k3")

    expired = new_token(hub, capsys, "--school", "school-2", "--expires", "0.0000001")["token"]
    time.sleep(0.02)  # the token lives 8.6 ms: a wall-clock expiry, not a Qt wait
    status, out, err = kiosk(capsys, tmp_path / "k4", "enroll", hub.url, expired, "--name", "lab-4")
    assert (status, out["error"]) == (1, "expired_token") and "expired at" in err
    assert unconfigured(tmp_path / "k4")

    # A name already taken does not spend a use of a good token.
    two = new_token(hub, capsys, "--school", "school-2", "--uses", "2")["token"]
    status, out, _ = kiosk(capsys, tmp_path / "k5", "enroll", hub.url, two, "--name", "lab-1")
    assert (status, out["error"]) == (1, "name_taken") and unconfigured(tmp_path / "k5")
    assert kiosk(capsys, tmp_path / "k5", "enroll", hub.url, two, "--name", "lab-5")[0] == 0
    assert kiosk(capsys, tmp_path / "k6", "enroll", hub.url, two, "--name", "lab-6")[0] == 0
    devices = hub_devices(hub, capsys)
    assert {n: d["school"] for n, d in devices.items() if n.startswith("lab-")} == {
        "lab-1": "school-1",
        "lab-5": "school-2",
        "lab-6": "school-2",
    }
    assert "lab-2" not in devices and "lab-4" not in devices

    # Bad input to the hub's CLI: a school the roster lacks, uses out of range.
    capsys.readouterr()
    assert hub_cli.main(["--db", hub.db_url, "enroll-token", "--school", "nowhere"]) == 1
    assert "not a school in the hub's roster" in capsys.readouterr().err
    assert hub_cli.main(["--db", hub.db_url, "enroll-token", "--school", "school-1", "--uses", "0"]) == 1


class DropsTheAnswer(httpx.BaseTransport):
    """Passes the request to the real hub, then loses the answer (a connection cut)."""

    def __init__(self) -> None:
        self.real = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.real.handle_request(request).read()
        raise httpx.ReadError("connection reset", request=request)


def test_a_lost_answer_is_retried_with_the_same_token_and_no_other_kiosk_can_claim_it(hub, tmp_path, capsys):
    token = new_token(hub, capsys, "--school", "school-1")["token"]
    db = open_store(tmp_path / "k1")
    with httpx.Client(transport=DropsTheAnswer()) as dropping:
        with pytest.raises(enrollment.EnrollError) as lost:
            enrollment.enroll(db, hub.url, token, name="lab-1", client=dropping)
    assert lost.value.code == "unreachable"
    assert unconfigured(tmp_path / "k1")  # the kiosk stored nothing ...
    assert "lab-1" in hub_devices(hub, capsys)  # ... though the hub registered it

    # Another kiosk (another key) cannot take the device with the token it saw.
    status, out, _ = kiosk(capsys, tmp_path / "k2", "enroll", hub.url, token, "--name", "lab-1")
    assert (status, out["error"]) == (1, "used_token") and unconfigured(tmp_path / "k2")

    # The same kiosk again: enrolled, with a working credential, the token's one use notwithstanding.
    status, out, err = kiosk(capsys, tmp_path / "k1", "enroll", hub.url, token, "--name", "lab-1")
    assert status == 0, err
    config = sync.load_config(open_store(tmp_path / "k1"))
    from citizenship_app.core import pull

    school = pull.scope(open_store(tmp_path / "k1"))  # the enrolled school, which its pulls ask for
    assert school == xapi.school_iri(xapi.DEFAULT_SIS_HOME_PAGE, "school-1")
    with httpx.Client(auth=(config.username, config.password), headers=HEADERS) as client:
        params = {"limit": "1", "activity": school, "related_activities": "true"}
        assert client.get(hub.url + "statements", params=params).status_code == 200


def enroll_at_once(hub, tmp_path, token: str, count: int) -> list[str]:
    """`count` kiosks enrolling with `token` at the same moment (one thread each, released
    together): each one's outcome, "enrolled" or the refusal's code."""
    from concurrent.futures import ThreadPoolExecutor

    for n in range(count):
        signing.private_key(open_store(tmp_path / f"k{n}"))  # made beforehand: they arrive together
    start = threading.Barrier(count)

    def attempt(n: int) -> str:
        db = open_store(tmp_path / f"k{n}")  # a connection of the thread's own
        start.wait()
        try:
            enrollment.enroll(db, hub.url, token, name=f"lab-{n}")
        except enrollment.EnrollError as exc:
            return exc.code
        return "enrolled"

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(attempt, range(count)))


def test_kiosks_racing_for_a_tokens_last_uses_get_exactly_that_many(hub, tmp_path, capsys):
    token = new_token(hub, capsys, "--school", "school-1", "--uses", "2")["token"]
    outcomes = sorted(enroll_at_once(hub, tmp_path, token, 5))
    assert outcomes == ["enrolled"] * 2 + ["used_token"] * 3
    enrolled = [n for n in hub_devices(hub, capsys) if n.startswith("lab-")]
    assert len(enrolled) == 2
    assert sum(not unconfigured(tmp_path / f"k{n}") for n in range(5)) == 2


def test_a_labs_kiosks_enrolling_at_once_from_one_address_all_enroll(hub, tmp_path, capsys):
    """IT starts a lab of 25 kiosks with the same token at the same moment, all behind the
    school's one address: each enrolls. (They were answered 429, as if they had failed, when
    an enrollment in flight counted against the address's limit of 10 failures a minute; now
    only failed ones count.)"""
    token = new_token(hub, capsys, "--school", "school-1", "--uses", "25")["token"]
    assert enroll_at_once(hub, tmp_path, token, 25) == ["enrolled"] * 25
    assert len([n for n in hub_devices(hub, capsys) if n.startswith("lab-")]) == 25


def test_the_machine_config_file_is_where_each_system_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv(machine_config.CONFIG_ENV)
    monkeypatch.setattr(machine_config.sys, "platform", "linux")
    assert str(machine_config.config_path()) == "/etc/citizenship-kiosk/kiosk.toml"
    monkeypatch.setattr(machine_config.sys, "platform", "win32")
    monkeypatch.setenv("ProgramData", "D:\\ProgramData")
    path = machine_config.config_path()
    assert path.parts[-2:] == ("CitizenshipKiosk", "kiosk.toml") and str(path).startswith("D:\\ProgramData")
    monkeypatch.setenv(machine_config.CONFIG_ENV, str(tmp_path / "k.toml"))
    assert machine_config.config_path() == tmp_path / "k.toml"
    assert machine_config.load() is None  # no file: nothing to do


def test_failed_enrollments_are_throttled_per_address(hub, tmp_path):
    pem = signing.public_key_pem(open_store(tmp_path / "k"))
    with httpx.Client(headers=HEADERS) as client:
        answers = [
            client.post(
                base_url(hub) + "enroll",
                json={"token": f"guess-{n}", "name": "x", "public_key": pem, "proof": "p" * 40},
            )
            for n in range(11)
        ]
    assert [a.status_code for a in answers[:10]] == [403] * 10
    assert answers[0].json()["error"] == "unknown_token"
    assert answers[10].status_code == 429 and int(answers[10].headers["Retry-After"]) > 0


def test_guesses_from_a_schools_address_do_not_keep_its_kiosks_from_enrolling(hub, tmp_path, capsys):
    """Someone at a lab machine posts made-up tokens from the school's address until the hub
    answers 429; a kiosk behind the same address, enrolling with IT's real token, is enrolled
    all the same, and the guesser is still refused. (The kiosk was answered 429 for as long as
    the guessing went on: the address's limit was checked before the token.)"""
    token = new_token(hub, capsys, "--school", "school-1")["token"]
    pem = signing.public_key_pem(open_store(tmp_path / "guesser"))
    with httpx.Client(headers=HEADERS) as client:

        def guess(n: int) -> int:
            body = {"token": f"guess-{n}", "name": "x", "public_key": pem, "proof": "p" * 40}
            return client.post(base_url(hub) + "enroll", json=body).status_code

        assert [guess(n) for n in range(11)] == [403] * 10 + [429]
        status, out, err = kiosk(capsys, tmp_path / "k1", "enroll", hub.url, token, "--name", "lab-1")
        assert status == 0, err
        assert not unconfigured(tmp_path / "k1") and "lab-1" in hub_devices(hub, capsys)
        assert guess(11) == 429


def test_a_made_up_token_costs_one_read_and_no_write_transaction(tmp_path, monkeypatch):
    """Guesses are checked before any limit, so they must stay cheap: a made-up token is
    refused before the public key is parsed (this one is not a key at all) and without a
    write transaction (which on SQLite would queue behind the statements being stored)."""
    from citizenship_app.district import enrollment as hub_enrollment

    store = Store(f"sqlite:///{tmp_path / 'hub.db'}")
    store.create_tables()
    monkeypatch.setattr(store, "transaction", lambda: pytest.fail("a write transaction for a guess"))
    with pytest.raises(hub_enrollment.EnrollRefused) as refused:
        hub_enrollment.enroll(store, "made-up", name="lab-1", public_key="not a key", proof="p" * 40)
    assert refused.value.code == "unknown_token"
    store.engine.dispose()


def test_the_fleet_view_shows_contact_version_waiting_records_and_last_error(hub, tmp_path, module, capsys):
    token = new_token(hub, capsys, "--school", "school-1")["token"]
    db = kiosk_db(tmp_path / "k1")
    assert kiosk(capsys, tmp_path / "k1", "enroll", hub.url, token, "--name", "lab-1")[0] == 0
    make_records(db, module, 4)
    sync.set_setting(db, "sync_last_error", "cannot reach the hub (ConnectError) — 3 tries")
    assert sync.sync_once(db).pending == 0

    listed = hub_devices(hub, capsys)
    lab = listed["lab-1"]
    assert (
        lab["pending"] == 5
    )  # as the kiosk said at the start of its round (+ the roster import's audit row)
    assert lab["last_error"] == "cannot reach the hub (ConnectError) — 3 tries"
    assert lab["app_version"] == version() and lab["last_contact"] and not lab["silent"]
    assert listed["kiosk-a"]["last_contact"] is None  # added, never heard from

    capsys.readouterr()
    assert hub_cli.main(["--db", hub.db_url, "devices"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:2] == ["DEVICE", "SCHOOL"]
    row = next(line for line in table if line.startswith("lab-1"))
    assert "school-1" in row and version() in row and " 5 " in row and "ConnectError" in row

    # A day and more later, with no contact, every device is flagged silent.
    store = Store(hub.db_url)
    try:
        later = fleet.devices(store, now=int((time.time() + 25 * 3600) * 1_000_000))
    finally:
        store.engine.dispose()
    assert {d["name"]: d["silent"] for d in later} == {"kiosk-a": True, "lab-1": True, READER: True}
    capsys.readouterr()
    assert hub_cli.main(["--db", hub.db_url, "devices", "--silent-hours", "0.000001"]) == 0
    assert "(silent)" in capsys.readouterr().out


def test_a_device_removed_and_added_again_starts_afresh_in_the_fleet_view(hub, tmp_path, capsys):
    token = new_token(hub, capsys, "--school", "school-1")["token"]
    assert kiosk(capsys, tmp_path / "k1", "enroll", hub.url, token, "--name", "lab-1")[0] == 0
    assert hub_devices(hub, capsys)["lab-1"]["last_contact"] is not None
    assert hub_cli.main(["--db", hub.db_url, "device", "remove", "lab-1"]) == 0
    assert hub_cli.main(["--db", hub.db_url, "device", "add", "lab-1", "--school", "school-2"]) == 0
    again = hub_devices(hub, capsys)["lab-1"]
    assert (again["school"], again["last_contact"], again["app_version"]) == ("school-2", None, None)
    # The kiosk that enrolled the old device cannot take the new one with its old token.
    status, out, _ = kiosk(capsys, tmp_path / "k1", "enroll", hub.url, token, "--name", "lab-1")
    assert (status, out["error"]) == (1, "used_token")


def test_the_fleet_recorder_writes_at_most_once_a_minute_per_device(hub):
    store = Store(hub.db_url)
    clock = [1000.0]
    recorder = fleet.Recorder(store, clock=lambda: clock[0])

    def status() -> tuple:
        with store.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT last_seen_us, app_version, pending FROM device_status WHERE name = 'kiosk-a'"
            ).first()
        return tuple(row) if row else None

    try:
        recorder.seen("kiosk-a", {"user-agent": "citizenship-kiosk/1.2.3", "x-kiosk-pending": "5"})
        first = status()
        assert first[1:] == ("1.2.3", 5)
        clock[0] += 59
        recorder.seen("kiosk-a", {"user-agent": "citizenship-kiosk/1.2.4", "x-kiosk-pending": "0"})
        assert status() == first  # within the minute: no write
        clock[0] += 2
        recorder.seen("kiosk-a", {"user-agent": "citizenship-kiosk/1.2.4", "x-kiosk-pending": "0"})
        assert status()[1:] == ("1.2.4", 0) and status()[0] > first[0]
    finally:
        store.engine.dispose()


# -- the machine-wide kiosk.toml ---------------------------------------------------------------


def write_config(path, **settings: str):
    path.write_text(
        "# the lab's kiosks\n" + "".join(f'{k} = "{v}"\n' for k, v in settings.items()), encoding="utf-8"
    )
    return path


def test_kiosk_toml_enrolls_on_first_start_then_loses_its_token(hub, tmp_path, capsys, monkeypatch):
    token = new_token(hub, capsys, "--school", "school-2", "--uses", "30")["token"]
    path = write_config(
        tmp_path / "kiosk.toml", hub_url=base_url(hub), data_dir=str(tmp_path / "data"), enroll_token=token
    )
    monkeypatch.setenv(machine_config.CONFIG_ENV, str(path))
    path.chmod(0o644)
    config = machine_config.load()
    assert kiosk_cli._machine_data_dir(None, config) == str(tmp_path / "data")
    assert kiosk_cli._machine_data_dir("/elsewhere", config) == "/elsewhere"

    db = open_store(tmp_path / "data")
    assert machine_config.first_start(db, config) == "enrolled"

    assert sync.load_config(db).url == hub.url
    assert token not in path.read_text() and 'data_dir = "' in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert machine_config.load().enroll_token is None
    name = enrollment.default_name()
    assert hub_devices(hub, capsys)[name]["school"] == "school-2"


def test_an_unwritable_kiosk_toml_token_is_recorded_as_used_and_never_sent_again(
    hub, tmp_path, capsys, monkeypatch
):
    token = new_token(hub, capsys, "--school", "school-1", "--uses", "30")["token"]
    path = write_config(tmp_path / "kiosk.toml", hub_url=hub.url, enroll_token=token, device_name="lab-9")
    config = machine_config.load(path)

    real_replace = os.replace

    def read_only(source, target):  # the file belongs to root or the Administrators (tests run as root)
        if os.fspath(target) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(target))
        return real_replace(source, target)

    monkeypatch.setattr(machine_config.os, "replace", read_only)
    db = open_store(tmp_path / "data")
    assert machine_config.first_start(db, config) == "enrolled"
    assert token in path.read_text()  # still there, but recorded as used
    assert get_setting(db, enrollment.USED_TOKEN_SETTING) == enrollment.token_digest(token)

    # The next start sends nothing: no second device from the same token.
    sync.password_file(db).unlink()
    assert machine_config.first_start(db, config) == "used"
    assert not sync.password_file(db).exists()
    assert [n for n in hub_devices(hub, capsys) if n.startswith("lab-")] == ["lab-9"]


def test_a_hub_down_at_first_start_keeps_the_token_for_the_next(tmp_path):
    path = write_config(tmp_path / "kiosk.toml", hub_url="http://127.0.0.1:9", enroll_token="t" * 43)
    db = open_store(tmp_path / "data")
    assert machine_config.first_start(db, machine_config.load(path)) == "failed"
    assert "t" * 43 in path.read_text() and get_setting(db, enrollment.USED_TOKEN_SETTING) is None
    assert unconfigured(tmp_path / "data")


def test_a_bad_kiosk_toml_is_named_with_its_line_and_the_kiosk_still_runs(tmp_path):
    bad = tmp_path / "kiosk.toml"
    bad.write_text('hub_url = "https://hub.example"\ndata_dir = /no/quotes\n', encoding="utf-8")
    with pytest.raises(machine_config.MachineConfigError, match=r"kiosk.toml: not valid TOML: .*line 2"):
        machine_config.load(bad)
    bad.write_text('hub_url = "https://hub.example"\nenroll_tokn = "x"\n', encoding="utf-8")
    with pytest.raises(machine_config.MachineConfigError, match="unknown setting 'enroll_tokn'"):
        machine_config.load(bad)
    # The real command line: the data directory comes from the file; a bad file is a warning.
    good = write_config(tmp_path / "good.toml", data_dir=str(tmp_path / "from-config"))
    env = {**os.environ, machine_config.CONFIG_ENV: str(good)}
    env.pop("CITIZENSHIP_DATA_DIR", None)
    run = subprocess.run(
        [sys.executable, "-m", "citizenship_app.cli", "sync", "status", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "from-config" / "citizenship.sqlite3").exists()
    env[machine_config.CONFIG_ENV] = str(bad)
    run = subprocess.run(
        [sys.executable, "-m", "citizenship_app.cli", "--data-dir", str(tmp_path / "d"), "sync", "status"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0 and "warning" in run.stderr and "enroll_tokn" in run.stderr


@contextlib.contextmanager
def hub_as_docs_role(tmp_path, zygote, pg_database, keep=lambda grant: True):
    """A hub process running as the restricted PostgreSQL role docs/district-hub.md sets up,
    with the GRANT statements taken from the docs (those `keep` keeps); (hub, owner's URL)."""
    owner_url = pg_schema_url(pg_database)
    schema = owner_url.rsplit("%3D", 1)[1]
    hub = Hub(zygote, owner_url, tmp_path / "hub.log", tmp_path / "content")  # tables, roster
    docs = (Path(__file__).parent.parent / "docs" / "district-hub.md").read_text(encoding="utf-8")
    section = docs.split("## A district: PostgreSQL", 1)[1].split("\n## ", 1)[0]
    grants = re.findall(r"GRANT [^;]+ TO hub_app;", section)
    assert any("enroll_tokens" in g for g in grants) and any("device_status" in g for g in grants)
    role = f"hub_app_{secrets.token_hex(4)}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
        conn.execute(f'SET search_path = "{schema}"')
        for grant in filter(keep, grants):
            conn.execute(grant.replace("hub_app", f'"{role}"').replace("SCHEMA public", f'SCHEMA "{schema}"'))
    hub.db_url = owner_url.replace("postgresql://postgres@", f"postgresql://{role}@")
    hub.start()
    try:
        yield hub, owner_url
    finally:
        hub.kill()
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


def test_the_hub_role_of_the_docs_may_enroll_kiosks_and_record_their_contact(
    tmp_path, zygote, module, pg_database, capsys
):
    with hub_as_docs_role(tmp_path, zygote, pg_database) as (hub, owner_url):
        token = new_token(hub_as(owner_url), capsys, "--school", "school-1")["token"]
        db = kiosk_db(tmp_path / "k1")
        make_records(db, module, 2)
        status, out, err = kiosk(capsys, tmp_path / "k1", "enroll", hub.url, token, "--name", "lab-1")
        assert status == 0, err + hub.log.read_text()
        assert sync.sync_once(db).sent == 3  # and the audit row of the roster pulled at enrollment
        listed = hub_devices(hub_as(owner_url), capsys)["lab-1"]
        assert listed["last_contact"] and listed["pending"] == 3


def test_a_hub_role_without_the_new_grants_still_takes_records_and_says_why_it_cannot_enroll(
    tmp_path, zygote, module, pg_database, capsys
):
    """An upgraded hub whose role was granted only what earlier versions needed: the fleet view
    stays empty but every request works; enrolling is a 503 that says what is missing."""
    old = ("device_status", "enroll_tokens", "enrolled_devices", "password_hash", "password_check")
    with hub_as_docs_role(tmp_path, zygote, pg_database, keep=lambda g: not any(t in g for t in old)) as (
        hub,
        owner_url,
    ):
        token = new_token(hub_as(owner_url), capsys, "--school", "school-1")["token"]
        status, out, err = kiosk(capsys, tmp_path / "k0", "enroll", hub.url, token, "--name", "lab-0")
        assert (status, out["error"]) == (1, "enrollment_unavailable") and "grants" in err
        assert unconfigured(tmp_path / "k0")
        db = kiosk_db(tmp_path / "k1")
        make_records(db, module, 2)
        result = sync.sync_once(db, hub.config)  # the device added by hand, as before
        assert (result.sent, result.error) == (2, None)
        assert hub_devices(hub_as(owner_url), capsys)["kiosk-a"]["last_contact"] is None


@pytest.mark.parametrize("granted", [True, False], ids=["docs-role", "role-without-update"])
def test_the_hub_role_stores_a_cheap_check_for_an_earlier_versions_device_where_it_may(
    tmp_path, zygote, module, pg_database, granted
):
    """Two devices added by an earlier version (scrypt only) and one of the version that kept
    only a cheap hash sign in through a hub running as the docs' role: each gets a cheap check
    (and the last a scrypt hash again). A role without the grant (an upgraded hub whose role
    was never given it) serves them all the same, stores nothing and says once, in the hub's
    log, which grant is missing."""
    from citizenship_app.district import auth

    keep = (lambda g: True) if granted else (lambda g: "password_check" not in g)
    passwords = {name: auth.new_password() for name in ("lab-old-1", "lab-old-2", "lab-interim")}
    with hub_as_docs_role(tmp_path, zygote, pg_database, keep=keep) as (hub, owner_url):
        owner = Store(owner_url)
        for name, password in passwords.items():
            hashed = interim_hash(password) if name == "lab-interim" else auth.hash_password(password)
            owner.add_device(name, hashed)
        with httpx.Client(base_url=hub.url, headers=HEADERS, timeout=20) as client:
            for credential in passwords.items():
                assert client.get("statements", auth=credential).status_code == 200
        stored = [owner.device(name) for name in passwords]
        owner.engine.dispose()
        log = hub.log.read_text()
    checks = [device.password_check for device in stored]
    assert all(checks) if granted else checks == [None, None, None]
    assert stored[2].password_hash.startswith("scrypt$") == granted
    missing = "grant the hub role UPDATE (password_hash, password_check) ON devices"
    assert log.count(missing) == (0 if granted else 1)


def hub_as(db_url: str):
    """What the hub's CLI helpers above need of a hub: its database URL (here the owner's)."""
    return type("HubDatabase", (), {"db_url": db_url})()


def test_the_kiosk_start_enrolls_from_kiosk_toml_before_the_window_opens(hub, tmp_path, capsys, monkeypatch):
    """cli.main's window path: the data directory from the file, enrollment before run_gui."""
    from citizenship_app.ui import app as ui_app

    token = new_token(hub, capsys, "--school", "school-1")["token"]
    path = write_config(
        tmp_path / "kiosk.toml",
        hub_url=hub.url,
        data_dir=str(tmp_path / "data"),
        enroll_token=token,
        device_name="lab-7",
    )
    monkeypatch.setenv(machine_config.CONFIG_ENV, str(path))
    monkeypatch.delenv("CITIZENSHIP_DATA_DIR", raising=False)
    opened = []

    def window(data_dir, demo=False, windowed=False):  # the window itself is not this test's
        opened.append((data_dir, sync.load_config(open_store(data_dir)).username))
        return 0

    monkeypatch.setattr(ui_app, "run_gui", window)
    assert kiosk_cli.main([]) == 0
    assert opened == [(str(tmp_path / "data"), "lab-7")]
    assert token not in path.read_text()
