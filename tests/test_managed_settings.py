"""Settings set once at the hub (`citizenship-district settings`), applied by the kiosks of
the right school on enrollment and on their next sync round, and refused locally while the
district manages them; against the real hub on SQLite and PostgreSQL (test_sync's fixtures)."""

# ruff: noqa: F811 - the fixtures imported from test_sync are named as the tests' parameters

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import psycopg
import pytest
from test_enrollment import base_url, kiosk, new_token, no_keyring  # noqa: F401 - a fixture
from test_sync import hub, module, pg_admin, pg_database, zygote  # noqa: F401 - fixtures

from citizenship_app import cli as kiosk_cli
from citizenship_app.core import compliance, managed_settings, sync
from citizenship_app.core.access import SYSTEM
from citizenship_app.core.errors import Refused
from citizenship_app.core.kiosk import (
    EXIT_CODE_OK,
    check_exit_code,
    exit_code_status,
    idle_settings,
    set_exit_code,
    set_idle_settings,
)
from citizenship_app.core.store import open_store
from citizenship_app.district import audit
from citizenship_app.district import cli as hub_cli
from citizenship_app.district.storage import Store


def hub_settings(hub, capsys, *args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    capsys.readouterr()
    status = hub_cli.main(["--db", hub.db_url, "settings", *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def enrolled(hub, capsys, data_dir, school: str, name: str):
    token = new_token(hub, capsys, "--school", school)["token"]
    status, _, err = kiosk(capsys, data_dir, "enroll", base_url(hub), token, "--name", name)
    assert status == 0, err
    return open_store(data_dir)


def test_a_setting_changed_at_the_hub_is_applied_at_the_kiosks_of_its_school(
    hub, tmp_path, module, capsys, monkeypatch
):
    def hub_set(*args: str, stdin: str | None = None) -> None:
        status, _, err = hub_settings(hub, capsys, "set", *args, stdin=stdin, monkeypatch=monkeypatch)
        assert status == 0, err

    # Set before the kiosks enroll: applied right after `enroll`.
    hub_set("idle-minutes", "7")
    hub_set("countdown", "45")
    hub_set("--school", "school-1", "idle-minutes", "9")
    hub_set("exit-code", "-", stdin="district-exit-1\n")
    hub_set("--content", str(tmp_path / "content"), "required-modules.3-5", "g35-pw")
    one = enrolled(hub, capsys, tmp_path / "k1", "school-1", "lab-1")
    two = enrolled(hub, capsys, tmp_path / "k2", "school-2", "lab-2")
    assert idle_settings(one) == (9.0, 45)  # the school's own over the district's
    assert idle_settings(two) == (7.0, 45)
    for db in (one, two):
        assert check_exit_code(db, "district-exit-1").ok and exit_code_status(db) == EXIT_CODE_OK
        assert compliance.required_modules(db, [module])["3-5"] == ["g35-pw"]
        assert managed_settings.managed(db) == {
            "idle-minutes",
            "countdown",
            "exit-code",
            "required-modules.3-5",
        }

    # Changed at the hub: applied on each kiosk's next round.
    hub_set("--school", "school-1", "idle-minutes", "12")
    hub_set("exit-code", "-", stdin="a-newer-code-2\n")
    hub_set("sync-interval", "5")
    for db in (one, two):
        assert sync.sync_once(db).error is None
    assert idle_settings(one) == (12.0, 45) and idle_settings(two) == (7.0, 45)
    for db in (one, two):
        assert check_exit_code(db, "a-newer-code-2").ok
        assert not check_exit_code(db, "district-exit-1").ok
        assert managed_settings.sync_interval_minutes(db) == 5

    # The hub keeps the code hashed only, and audits every change (never the code).
    store = Store(hub.db_url)
    try:
        with store.engine.connect() as conn:
            dump = json.dumps([list(r) for r in conn.exec_driver_sql("SELECT * FROM hub_settings")])
        rows = audit.entries(store)
        assert not audit.verify(store)
    finally:
        store.engine.dispose()
    assert "a-newer-code-2" not in dump and "district-exit-1" not in dump and "scrypt$" in dump
    changes = [r.detail for r in rows if r.action == "set_setting"]
    assert {"key": "idle-minutes", "value": "12.0", "school": "school-1"} in changes
    assert {"key": "exit-code", "value": "(hashed)", "school": None} in changes
    assert "a-newer-code-2" not in json.dumps([r.detail for r in rows])

    # What a school's kiosks get, and from where.
    status, out, _ = hub_settings(hub, capsys, "list", "--school", "school-1", "--json")
    listed = {s["key"]: s for s in json.loads(out)["settings"]}
    assert status == 0 and listed["idle-minutes"] == {
        "key": "idle-minutes",
        "value": "12.0",
        "school": "school-1",
    }
    assert listed["exit-code"]["value"] == "(set, hashed)" and listed["countdown"]["school"] is None

    # Unset at the hub: the school falls back to the district's value; the next round applies it.
    assert hub_settings(hub, capsys, "unset", "--school", "school-1", "idle-minutes")[0] == 0
    assert sync.sync_once(one).error is None
    assert idle_settings(one) == (7.0, 45)


def test_a_local_change_to_a_managed_setting_is_refused_and_allowed_again_once_unmanaged(
    hub, tmp_path, module, capsys, monkeypatch
):
    assert hub_settings(hub, capsys, "set", "idle-minutes", "6")[0] == 0
    db = enrolled(hub, capsys, tmp_path / "k1", "school-1", "lab-1")
    assert managed_settings.managed(db) == {"idle-minutes"}

    with pytest.raises(Refused) as refused:
        set_idle_settings(db, minutes=4.0)
    assert refused.value.code == "setting-managed" and refused.value.params == {"setting": "idle-minutes"}
    set_idle_settings(db, countdown=20)  # not managed: the kiosk's own
    assert idle_settings(db) == (6.0, 20)
    # The kiosk's command line is refused the same way, and says where to change it.
    capsys.readouterr()
    status = kiosk_cli.main(["--data-dir", str(tmp_path / "k1"), "kiosk", "settings", "--idle-minutes", "4"])
    assert status == 1 and "set by the district" in capsys.readouterr().err
    assert idle_settings(db) == (6.0, 20)
    assert kiosk_cli.main(["--data-dir", str(tmp_path / "k1"), "kiosk", "settings"]) == 0
    assert "set by the district (citizenship-district settings): idle-minutes" in capsys.readouterr().out

    assert (
        hub_settings(hub, capsys, "set", "exit-code", "-", stdin="from-the-hub\n", monkeypatch=monkeypatch)[0]
        == 0
    )
    assert sync.sync_once(db).error is None
    with pytest.raises(Refused):
        set_exit_code(db, "a-local-code")
    assert check_exit_code(db, "from-the-hub").ok and not check_exit_code(db, "a-local-code").ok
    content = str(tmp_path / "content")
    assert hub_settings(hub, capsys, "set", "--content", content, "required-modules.3-5", "g35-pw")[0] == 0
    assert sync.sync_once(db).error is None
    with pytest.raises(Refused):
        compliance.set_required_modules(db, SYSTEM, "3-5", [])
    compliance.set_required_modules(db, SYSTEM, "6-8", [])  # a band the district leaves to the kiosk
    assert compliance.required_modules(db, [module]) == {"k-2": [], "3-5": ["g35-pw"], "6-8": [], "9-12": []}

    assert hub_settings(hub, capsys, "unset", "idle-minutes")[0] == 0
    assert sync.sync_once(db).error is None
    assert managed_settings.managed(db) == {"exit-code", "required-modules.3-5"}
    set_idle_settings(db, minutes=4.0)
    assert idle_settings(db) == (4.0, 20)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("colour", "blue"), "unknown setting 'colour'"),
        (("idle-minutes", "soon"), "idle-minutes takes a number, not 'soon'"),
        (("countdown", "1000"), "countdown must be between 5 and 300, not 1000"),
        (("sync-interval", "2.5"), "sync-interval takes a number"),
        (("required-modules.3-5", "no-such-module"), "'no-such-module' is not a module of grade band 3-5"),
        (("required-modules.4-7", "x"), "unknown setting 'required-modules.4-7'"),
        (("exit-code", "short"), "at least 6 characters"),
        (("--school", "nowhere", "countdown", "30"), "not a school in the hub's roster"),
    ],
)
def test_bad_settings_are_refused_with_what_is_wrong_and_nothing_is_stored(
    hub, tmp_path, capsys, args, words
):
    content = ("--content", str(tmp_path / "content")) if args[0].startswith("required") else ()
    status, _, err = hub_settings(hub, capsys, "set", *content, *args)
    assert status == 1 and words in err, err
    status, out, _ = hub_settings(hub, capsys, "list", "--json")
    assert json.loads(out)["settings"] == []


def test_a_hub_role_without_the_settings_grant_still_enrolls_and_the_grant_of_the_docs_suffices(
    tmp_path, zygote, module, pg_database, capsys
):
    from test_enrollment import hub_as, hub_as_docs_role

    with hub_as_docs_role(tmp_path, zygote, pg_database) as (hub, owner_url):
        owner = hub_as(owner_url)
        assert hub_cli.main(["--db", owner_url, "settings", "set", "countdown", "40"]) == 0  # makes the table
        token = new_token(owner, capsys, "--school", "school-1")["token"]
        status, _, err = kiosk(capsys, tmp_path / "k1", "enroll", hub.url, token, "--name", "lab-1")
        assert status == 0, err + hub.log.read_text()
        db = open_store(tmp_path / "k1")
        assert sync.sync_once(db).error is None  # a 503 for the settings spoils nothing else
        assert managed_settings.managed(db) == frozenset() and idle_settings(db)[1] == 30

        docs = (Path(__file__).parent.parent / "docs" / "district-hub.md").read_text(encoding="utf-8")
        grant = re.search(r"GRANT SELECT ON hub_settings TO hub_app;", docs).group(0)
        role = hub.db_url.split("://", 1)[1].split("@", 1)[0]
        schema = owner_url.rsplit("%3D", 1)[1]
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute(f'SET search_path = "{schema}"')
            conn.execute(grant.replace("hub_app", f'"{role}"'))
        assert sync.sync_once(db).error is None
        assert managed_settings.managed(db) == {"countdown"} and idle_settings(db)[1] == 40


def test_settings_applied_from_the_district_are_in_the_kiosks_audit_log_once_and_never_the_code(
    hub, tmp_path, module, capsys, monkeypatch
):
    """Settings the district applied were logged but not audited at the kiosk: now each key
    whose value changed is one audit row (the district hub acted), only when it changed, and
    the exit code's row says it changed, with neither the code nor its hash."""
    from citizenship_app.core import audit as kiosk_audit
    from citizenship_app.core.store import get_setting

    def district_rows(db) -> list:
        return [
            (e.actor, e.detail)
            for e in sorted(kiosk_audit.entries(db, SYSTEM, limit=None), key=lambda e: e.id)
            if e.action == kiosk_audit.DISTRICT_SETTING
        ]

    assert hub_settings(hub, capsys, "set", "idle-minutes", "8")[0] == 0
    db = enrolled(hub, capsys, tmp_path / "k1", "school-1", "lab-1")  # applied on enrollment
    assert district_rows(db) == [("district-hub", {"setting": "idle-minutes", "value": "8.0"})]
    for _ in range(2):  # rounds that bring the same values change nothing, and audit nothing
        assert sync.sync_once(db).error is None
    assert len(district_rows(db)) == 1

    assert (
        hub_settings(
            hub, capsys, "set", "exit-code", "-", stdin="district-exit-9\n", monkeypatch=monkeypatch
        )[0]
        == 0
    )
    assert sync.sync_once(db).error is None
    assert check_exit_code(db, "district-exit-9").ok
    assert district_rows(db)[1:] == [("district-hub", {"setting": "exit-code"})]
    assert sync.sync_once(db).error is None and len(district_rows(db)) == 2
    held = get_setting(db, "exit_code_hash")
    everything = json.dumps([list(r) for r in db.execute("SELECT * FROM audit_log")])
    everything += json.dumps([list(r) for r in db.execute("SELECT * FROM outbox")])
    assert (
        held
        and held not in everything
        and "scrypt$" not in everything
        and "district-exit-9" not in everything
    )
    assert not kiosk_audit.verify(db)  # chained as every other row
    # The rows went to the district and were taken (the machine's own account acted, no person).
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE state != 'sent'").fetchone()[0] == 0
    said = sorted(
        (s for s in kiosk_audit.sentences(db, SYSTEM) if s.code.startswith("district_")), key=lambda s: s.id
    )
    assert [(s.code, s.params["setting"]) for s in said] == [
        ("district_setting", "idle-minutes"),
        ("district_exit_code", "exit-code"),
    ]
