"""The FERPA audit log: each view or export of student records writes one row, in the same
core call; only an administrator (or the command line) reads it."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from staff_fixtures import small_catalog, synced_pass

from citizenship_app.cli import main
from citizenship_app.core import audit, classgrid, compliance, records, xapi
from citizenship_app.core.access import SYSTEM
from citizenship_app.core.records import RecordFilter
from citizenship_app.core.store import MIGRATIONS, schema_version
from citizenship_app.reports import exports

YEAR = compliance.SchoolYear("2027", "2026-2027", date(2026, 8, 26), date(2027, 6, 18))
NAMES = ("José", "García", "Hana", "Kim")


@pytest.fixture
def cat(tmp_path):
    return small_catalog(tmp_path / "content")


@pytest.fixture
def db(demo_db):
    synced_pass(demo_db, "s-260011", "g35-alpha", "2026-09-10T16:00:00.000+00:00")
    synced_pass(demo_db, "s-260012", "g35-beta", "2026-09-11T16:00:00.000+00:00")
    return demo_db


def rows(db) -> list[tuple]:
    """The rows the test's own actions wrote (loading the demo school is audited too)."""
    return db.execute(
        "SELECT actor, action, subject, detail FROM audit_log WHERE action <> 'import_roster' ORDER BY id"
    ).fetchall()


def one_new(db, before: int) -> tuple:
    """The single row written since `before` rows (and no more)."""
    new = rows(db)[before:]
    assert len(new) == 1, new
    actor, action, subject, detail = new[0]
    assert not any(name in (detail or "") for name in NAMES)  # never a student's name
    return actor, action, subject, json.loads(detail) if detail else None


def test_the_migration_makes_the_table(db):
    assert schema_version(db) == len(MIGRATIONS)
    columns = [r[1] for r in db.execute("PRAGMA table_info(audit_log)")]
    assert columns == ["id", "at", "actor", "action", "subject", "detail", "prev_hash", "hash"]
    assert rows(db) == []


def test_a_records_listing_is_one_row_with_the_filter_and_no_name(db, cat):
    mods = cat.modules.values()
    flt = RecordFilter(grade="04", status="passed", search="García")
    page = records.records(db, "t-tanaka", mods, flt, limit=1)
    assert one_new(db, 0) == (
        "t-tanaka",
        "view_records",
        None,
        {"grade": "04", "status": "passed", "search": True},
    )
    # The next page of the same listing, and its count, add nothing.
    records.records(db, "t-tanaka", mods, flt, limit=1, offset=len(page))
    records.count_records(db, "t-tanaka", mods, flt)
    assert len(rows(db)) == 1
    records.overdue_records(db, "a-whitfield", mods)
    assert one_new(db, 1) == ("a-whitfield", "view_records", None, {"status": "overdue"})


def test_a_refused_listing_writes_nothing(db, cat):
    with pytest.raises(PermissionError):
        records.records(db, "t-okafor", cat.modules.values(), RecordFilter(class_id="class-04"))
    with pytest.raises(PermissionError):
        records.student_history(db, "s-260011", "s-260012")
    assert rows(db) == []


def test_a_students_history_is_one_row_with_the_student(db):
    records.student_history(db, "t-qureshi", "s-260011")
    assert one_new(db, 0) == ("t-qureshi", "view_history", "s-260011", None)


def test_exports_are_one_row_each_with_format_filter_and_count(db, cat):
    mods = cat.modules.values()
    out = io.StringIO()
    n = records.export_records(db, "t-tanaka", mods, RecordFilter(grade="04"), "csv", out)
    assert n == 15 and len(records.read_csv(out.getvalue())) == 15
    assert one_new(db, 0) == (
        "t-tanaka",
        "export_records",
        None,
        {"format": "csv", "filter": {"grade": "04"}, "rows": 15},
    )
    out = io.StringIO()
    n = records.export_records(db, SYSTEM, mods, RecordFilter(status="passed"), "json", out)
    assert n == 2 and len(json.loads(out.getvalue())) == 2
    assert one_new(db, 1) == (
        "cli",
        "export_records",
        None,
        {"format": "json", "filter": {"status": "passed"}, "rows": 2},
    )
    with pytest.raises(ValueError):
        records.export_records(db, SYSTEM, mods, RecordFilter(), "xlsx", io.StringIO())
    assert len(rows(db)) == 2


def test_the_class_grid_is_one_row_with_the_class(db):
    classgrid.class_grid(db, "t-qureshi", "class-04")
    actor, action, subject, detail = one_new(db, 0)
    assert (actor, action, subject) == ("t-qureshi", "view_class", "class-04")
    assert detail == {"students": 5, "modules": 0}


def test_compliance_views_and_exports(db, cat, tmp_path):
    mods = cat.modules.values()
    summary = compliance.compliance(db, "t-tanaka", mods, YEAR)
    assert one_new(db, 0) == (
        "t-tanaka",
        "view_compliance",
        None,
        {"school_year": "2027", "schools": ["org-hv"], "students": 25},
    )
    data = compliance.export_json(db, "t-tanaka", summary)
    assert data["total"]["enrolled"] == 25
    assert one_new(db, 1) == (
        "t-tanaka",
        "export_compliance",
        None,
        {"school_year": "2027", "schools": ["org-hv"], "students": 25, "format": "json"},
    )
    path, _report = exports.compliance_pdf(db, "a-whitfield", cat, YEAR, tmp_path / "c.pdf")
    assert path.exists()
    assert one_new(db, 2)[:2] == ("a-whitfield", "export_compliance")
    compliance.compliance(db, SYSTEM, mods, YEAR, "org-hv", audited=False)  # the caller audits the export
    assert len(rows(db)) == 3


def test_a_certificate_is_one_row_with_the_student(db, cat, tmp_path):
    history = records.student_history(db, "t-qureshi", "s-260011")
    before = len(rows(db))
    path = exports.certificate_pdf(db, "t-qureshi", history, {"g35-alpha": "Alpha"}, tmp_path / "cert.pdf")
    assert path.exists()
    assert one_new(db, before) == (
        "t-qureshi",
        "export_certificate",
        "s-260011",
        {"format": "pdf", "modules": ["g35-alpha"]},
    )
    with pytest.raises(PermissionError):
        exports.certificate_pdf(db, "t-okafor", history, {}, tmp_path / "no.pdf")
    assert len(rows(db)) == before + 1


def test_only_an_administrator_reads_the_log(db):
    audit.record(db, "t-tanaka", "view_history", subject="s-260011")
    audit.record(db, SYSTEM, "export_records", detail={"format": "csv", "rows": 3})
    for reader in ("t-qureshi", "t-tanaka", "s-260011", "nobody"):
        with pytest.raises(PermissionError):
            audit.entries(db, reader)
    found = audit.entries(db, "a-whitfield")
    assert [(e.actor, e.action, e.subject) for e in found] == [
        ("cli", "export_records", None),
        ("t-tanaka", "view_history", "s-260011"),
        ("cli", "import_roster", None),
    ]  # newest first; the last is the demo school's import
    assert found[0].detail == {"format": "csv", "rows": 3}
    assert len(audit.entries(db, SYSTEM, limit=1)) == 1
    assert audit.entries(db, SYSTEM, since="2999-01-01") == []
    assert len(audit.entries(db, SYSTEM, since="2000-01-01")) == 3
    with pytest.raises(ValueError):
        audit.entries(db, SYSTEM, since="yesterday")


def test_cli_records_and_compliance_are_audited_as_cli(db, demo_dir, capsys):
    before = len(rows(db))
    assert main(["--data-dir", str(demo_dir), "records", "--grade", "04", "--format", "json"]) == 0
    n = len(json.loads(capsys.readouterr().out))
    actor, action, subject, detail = one_new(db, before)
    assert (actor, action, subject) == ("cli", "export_records", None)
    assert detail == {"format": "json", "filter": {"grade": "04"}, "rows": n}
    assert main(["--data-dir", str(demo_dir), "compliance", "--school-year", "2027", "--json"]) == 0
    capsys.readouterr()
    assert one_new(db, before + 1)[:2] == ("cli", "export_compliance")
    assert main(["--data-dir", str(demo_dir), "compliance", "--school-year", "2027"]) == 0
    capsys.readouterr()
    assert one_new(db, before + 2)[:2] == ("cli", "view_compliance")


def test_cli_audit_prints_json(db, demo_dir, capsys):
    records.student_history(db, "t-tanaka", "s-260012")
    assert main(["--data-dir", str(demo_dir), "audit", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["actor"], d["action"], d["subject"]) for d in data] == [
        ("t-tanaka", "view_history", "s-260012"),
        ("cli", "import_roster", None),
    ]  # and the demo's import
    assert set(data[0]) == {"id", "at", "actor", "action", "subject", "detail"}
    assert main(["--data-dir", str(demo_dir), "audit", "--since", "2999-01-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--data-dir", str(demo_dir), "audit", "--since", "soon", "--json"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["--data-dir", str(demo_dir), "audit"]) == 0
    assert "view_history" in capsys.readouterr().out


# -- screens ---------------------------------------------------------------------------------


def staff_sign_in(qtbot, window, username: str) -> None:
    from kiosk_driver import click, find
    from PySide6.QtWidgets import QLineEdit

    from citizenship_app.core.demo import DEMO_STAFF_PASSWORD

    click(qtbot, window, "staffSignIn")
    qtbot.keyClicks(find(window, QLineEdit, "staffUser"), username)
    qtbot.keyClicks(find(window, QLineEdit, "staffPassword"), DEMO_STAFF_PASSWORD)
    click(qtbot, window, "staffGo")


def test_the_counselors_screen_audits_its_listing_and_export(qtbot, window, monkeypatch, tmp_path):
    from kiosk_driver import click

    db = window.kiosk.db
    staff_sign_in(qtbot, window, "rtanaka")
    panel = window.stack.currentWidget().records
    qtbot.waitUntil(lambda: panel.model.total is not None and panel.model.rowCount() > 0, timeout=10000)
    qtbot.waitUntil(lambda: len(rows(db)) == 1, timeout=10000)
    assert rows(db) == [("t-tanaka", "view_records", None, "{}")]
    assert [panel.school.itemData(i) for i in range(panel.school.count())] == ["", "org-hv"]
    click(qtbot, panel, "recordsExportCsv")
    qtbot.waitUntil(lambda: getattr(panel, "exported", None) is not None, timeout=10000)
    actor, action, subject, detail = one_new(db, 1)
    assert (actor, action, subject, detail["format"]) == ("t-tanaka", "export_records", None, "csv")
    assert detail["rows"] == panel.model.total


def test_the_administrator_reads_the_log_on_its_tab(qtbot, window):
    from kiosk_driver import click

    db = window.kiosk.db
    records.student_history(db, "t-tanaka", "s-260011")
    staff_sign_in(qtbot, window, "dwhitfield")
    click(qtbot, window, "adminButton")
    admin = window.admin
    tab = next(i for i in range(admin.tabs.count()) if admin.tabs.tabText(i) == "Audit log")
    admin.tabs.setCurrentIndex(tab)
    texts = [admin.audit_list.item(i).text() for i in range(admin.audit_list.count())]
    # Sentences, not JSON: who did what to whom (a student by roster identifier, never by name).
    assert any(t.startswith("Renee Tanaka looked at the history of student 260011, ") for t in texts), texts
    assert not any("José" in t or "{" in t or "view_history" in t for t in texts)
    assert admin.audit_list.accessibleName() and admin.audit_state.text()
    admin.tabs.setCurrentIndex(0)  # the other tabs still work
    assert admin.tabs.currentIndex() == 0


def test_the_log_tab_says_what_the_district_set_and_never_the_exit_codes_hash(qtbot, window):
    from kiosk_driver import click

    from citizenship_app.core import managed_settings
    from citizenship_app.core.secret_hash import hash_secret
    from citizenship_app.ui import i18n

    digest = hash_secret("district-code-1")
    managed_settings.apply(window.kiosk.db, {"idle-minutes": "9", "exit-code": digest})  # as a round does
    staff_sign_in(qtbot, window, "dwhitfield")
    click(qtbot, window, "adminButton")
    admin = window.admin
    admin.tabs.setCurrentIndex(admin.audit_index)
    texts = [admin.audit_list.item(i).text() for i in range(admin.audit_list.count())]
    assert any(t.startswith("The district hub set idle-minutes to 9.0, ") for t in texts), texts
    assert any(t.startswith("The district hub set a new exit code, ") for t in texts), texts
    try:
        i18n.set_language("es")
        admin.refresh_audit()
        spanish = [admin.audit_list.item(i).text() for i in range(admin.audit_list.count())]
    finally:
        i18n.set_language("en")
    assert any(t.startswith("El servidor central del distrito fijó idle-minutes en 9.0") for t in spanish)
    assert not any(digest in t or "scrypt" in t for t in texts + spanish)


# -- the hash chain -------------------------------------------------------------------------


def chained(db, n: int = 6) -> list[int]:
    for i in range(n):
        audit.record(db, "t-tanaka", audit.VIEW_HISTORY, subject=f"s-26001{i}")
    return [r[0] for r in db.execute("SELECT id FROM audit_log ORDER BY id")]


def test_an_untouched_chain_verifies_and_the_cli_says_so(db, demo_dir, capsys):
    chained(db)
    assert audit.verify(db) == []
    assert main(["--data-dir", str(demo_dir), "audit", "verify"]) == 0
    assert "7 rows, chain verified" in capsys.readouterr().out  # and the demo's roster import


def test_verify_names_a_deleted_row(db, demo_dir, capsys):
    ids = chained(db)
    with db.conn:
        db.execute("DELETE FROM audit_log WHERE id = ?", [ids[2]])
    assert [(p.code, p.id) for p in audit.verify(db)] == [("missing-before", ids[3])]
    assert main(["--data-dir", str(demo_dir), "audit", "verify"]) == 1
    assert f"row {ids[3]}: missing-before" in capsys.readouterr().out


def test_verify_names_an_edited_row(db):
    ids = chained(db)
    with db.conn:
        db.execute("UPDATE audit_log SET actor = 'someone-else' WHERE id = ?", [ids[1]])
    assert [(p.code, p.id) for p in audit.verify(db)] == [("edited", ids[1])]


def test_verify_finds_rows_put_in_another_order(db):
    ids = chained(db)
    a, b = (
        db.execute(
            "SELECT at, actor, action, subject, detail, prev_hash, hash FROM audit_log WHERE id = ?", [i]
        ).fetchone()
        for i in (ids[1], ids[2])
    )
    with db.conn:  # swap two whole rows, hashes included
        for target, row in ((ids[1], b), (ids[2], a)):
            db.execute(
                "UPDATE audit_log SET at=?, actor=?, action=?, subject=?, detail=?, prev_hash=?, hash=? "
                "WHERE id = ?",
                [*row, target],
            )
    codes = {p.code for p in audit.verify(db)}
    assert codes and codes <= {"edited", "out-of-order", "missing-before"}
    assert {p.id for p in audit.verify(db)} & {ids[1], ids[2]}


def test_verify_finds_the_newest_rows_deleted(db):
    ids = chained(db)
    with db.conn:
        db.execute("DELETE FROM audit_log WHERE id >= ?", [ids[-2]])
    assert [p.code for p in audit.verify(db)] == ["missing-at-end"]


def test_rows_from_before_the_chain_are_sealed_then_checked(db):
    with db.conn:  # rows as schema 5 wrote them: no hashes (and nothing chained yet)
        db.execute("DELETE FROM audit_log")
        db.execute("DELETE FROM settings WHERE key = 'audit_head'")
        for i in range(3):
            db.execute(
                "INSERT INTO audit_log (at, actor, action, subject) VALUES (?, 'cli', 'view_records', NULL)",
                [f"2026-09-0{i + 1}T10:00:00.000+00:00"],
            )
    audit.record(db, "t-tanaka", audit.VIEW_HISTORY, subject="s-260011")
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE hash IS NULL").fetchone()[0] == 0
    assert audit.verify(db) == []


def test_code_resets_and_assignments_are_audited(db, cat):
    from citizenship_app.core import assignments, codes

    before = len(rows(db))
    codes.reset_code(db, "t-qureshi", "s-260013")
    assert one_new(db, before) == ("t-qureshi", "reset_code", "s-260013", {"kind": "pin"})
    module = cat.for_tier("3-5")[0]
    assignments.assign(db, "t-qureshi", "class-04", module, "2026-12-24")
    assert one_new(db, before + 1)[:3] == ("t-qureshi", "assign", "class-04")
    assignments.unassign(db, "t-qureshi", "class-04", module.id)
    assert one_new(db, before + 2) == ("t-qureshi", "unassign", "class-04", {"module": module.id})
    assert audit.verify(db) == []


def test_an_export_that_cannot_be_audited_writes_nothing(db, cat, demo_dir):
    """Reported: an export while another process held the write lock wrote all the records
    to the CSV, with no audit row."""
    import sqlite3

    from citizenship_app.core.paths import DB_NAME

    db.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(demo_dir / DB_NAME)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        out = io.StringIO()
        from citizenship_app.core.storage_errors import StorageError

        with pytest.raises(StorageError) as refused:
            records.export_records(db, "t-tanaka", cat.modules.values(), RecordFilter(), "csv", out)
        assert refused.value.code == "locked" and out.getvalue() == ""
    finally:
        other.rollback()
        other.close()


def test_exit_code_changes_roster_imports_and_restores_are_in_the_chain(db, demo_dir, tmp_path):
    from citizenship_app.core import backup, kiosk, recovery, roster
    from citizenship_app.core.paths import DEMO_ROSTER

    kiosk.set_exit_code(db, "harbor-2468", actor="a-whitfield")
    assert rows(db)[-1] == ("a-whitfield", "set_exit_code", None, None)
    result = roster.import_roster(db, DEMO_ROSTER, actor="a-whitfield")
    assert not result.errors
    actor, action, _, detail = db.execute(
        "SELECT actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert (actor, action) == ("a-whitfield", "import_roster")
    assert json.loads(detail)["imported"]["users"] == 32 and json.loads(detail)["file"] == "demo-roster"
    made = backup.make_backup(demo_dir, reason="manual")
    db.conn.close()
    recovery.restore(demo_dir, made)
    from citizenship_app.core.store import open_store

    again = open_store(demo_dir)
    last = again.execute("SELECT actor, action, detail FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert last[:2] == ("cli", "restore") and json.loads(last[2])["backup"] == made.name
    assert audit.verify(again) == []
    again.conn.close()


def test_the_log_reads_as_sentences_in_english_and_spanish(qtbot, window, catalog):
    """Reported: the audit log on the admin screen was raw JSON."""
    from datetime import datetime

    from citizenship_app.core import assignments, codes
    from citizenship_app.ui.admin import audit_sentence, audit_sentences
    from citizenship_app.ui.i18n import set_language

    db = window.kiosk.db
    modules = list(catalog.modules.values())
    records.export_records(
        db, "t-tanaka", modules, records.RecordFilter(school_id="org-hv"), "csv", io.StringIO()
    )
    codes.reset_code(db, "t-qureshi", "s-260012")
    module = catalog.for_tier("3-5")[0]
    assignments.assign(db, "t-qureshi", "class-04", module, "2027-01-15")
    found = audit.sentences(db, "a-whitfield", {m.id: m.title for m in modules}, limit=3)
    assert [s.code for s in found] == ["assign_due", "reset_code", "export_records"]
    assert set(audit.SENTENCE_CODES) == set(audit_sentences())  # every code has its words
    n = found[2].params["n"]
    texts = [audit_sentence(s) for s in found]
    day = datetime.now().strftime("%-d %b")
    assert texts[2].startswith(f"Renee Tanaka exported {n} records for Harbor View K-12 Demo School, {day} ")
    assert texts[1].startswith(f"Samir Qureshi gave student 260012 a new sign-in code, {day}")
    assert texts[0].startswith(f"Samir Qureshi assigned {module.title} to Grade 4 - Qureshi, due 2027-01-15")
    set_language("es")
    try:
        spanish = audit_sentence(found[2])
    finally:
        set_language("en")
    assert spanish.startswith(f"Renee Tanaka exportó {n} registros de Harbor View K-12 Demo School"), spanish


def audit_statements(db) -> list[dict]:
    found = db.execute("SELECT statement FROM outbox WHERE kind = 'audit' ORDER BY rowid")
    return [json.loads(s) for (s,) in found]


ROW = ("id", "at", "actor", "action", "subject", "detail", "prev_hash", "hash")


def test_each_row_goes_to_the_outbox_with_its_hashes_and_no_names(db, cat):
    from citizenship_app.district.statements import validate_statement

    records.records(db, "a-whitfield", cat.modules.values(), RecordFilter(search="García"))
    records.student_history(db, "t-tanaka", "s-260011")
    chain = db.execute(f"SELECT {', '.join(ROW)} FROM audit_log ORDER BY id").fetchall()
    sent = audit_statements(db)
    assert len(sent) == len(chain) == 3  # every row, the demo school's roster import included
    for row, st in zip(chain, sent, strict=True):
        validate_statement(st)
        copy = st["context"]["extensions"][xapi.AUDIT_EXTENSION]
        assert tuple(copy[k] for k in ROW) == row
        assert st["verb"]["id"] == f"{xapi.AUDIT_VERB_BASE}/{row[3]}"
        assert not any(name in json.dumps(st, ensure_ascii=False) for name in NAMES)
    assert sent[-1]["actor"]["account"]["name"] == "t-tanaka"


def test_rows_written_before_rows_were_queued_are_queued_once(db):
    audit.record(db, SYSTEM, audit.VIEW_RECORDS)
    with db.conn:  # as an earlier version left it: rows, and no audit statements
        db.execute("DELETE FROM outbox WHERE kind = 'audit'")
        db.execute("DELETE FROM settings WHERE key = ?", [audit.QUEUED_SETTING])
    audit.record(db, "t-tanaka", audit.VIEW_HISTORY, subject="s-260011")
    audit.record(db, "t-tanaka", audit.VIEW_HISTORY, subject="s-260012")
    ids = [r[0] for r in db.execute("SELECT id FROM audit_log ORDER BY id")]
    assert len(ids) == 4  # the demo school's roster import, then these three
    assert [s["context"]["extensions"][xapi.AUDIT_EXTENSION]["id"] for s in audit_statements(db)] == ids
