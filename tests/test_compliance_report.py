"""The compliance report a district files, from the kiosk: every field read back from the PDF,
its fingerprint checked against the database, and the report frozen when a year is closed."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader
from staff_fixtures import synced_pass

from citizenship_app.cli import main
from citizenship_app.core import audit, compliance, filing
from citizenship_app.core.access import SYSTEM
from citizenship_app.core.compliance_report import Pass, counted, fingerprint, item_labels
from citizenship_app.reports.pdf import read_metadata

YEAR = "2027"  # the demo roster's school year: 2026-08-26 to 2027-06-18


def pdf_text(path) -> str:
    """The text of every page, spaces collapsed and ligatures (the font's "ff") undone."""
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    return unicodedata.normalize("NFKC", text)


def cli(demo_dir, *args) -> int:
    return main(["--data-dir", str(demo_dir), *args])


@pytest.fixture
def taught(demo_db, catalog):
    """José (grade 4) passed every 3-5 module, Hana (grade 4) one; Mr. Qureshi two staff modules,
    Ms. Whitfield all of them; one pass before the year and one after it, which do not count."""
    for m in catalog.for_tier("3-5"):
        synced_pass(demo_db, "s-260011", m.id, "2026-10-01T16:00:00.000+00:00", score=90)
    synced_pass(demo_db, "s-260012", "g35-upstander", "2026-11-03T16:00:00.000+00:00")
    synced_pass(demo_db, "s-260012", "g35-tech-care", "2026-05-01T16:00:00.000+00:00")  # last year
    synced_pass(demo_db, "s-260012", "g35-tech-promise", "2027-06-19T16:00:00.000+00:00")  # after
    for m in catalog.for_tier("staff")[:2]:
        synced_pass(demo_db, "t-qureshi", m.id, "2026-09-10T16:00:00.000+00:00")
    for m in catalog.for_tier("staff"):
        synced_pass(demo_db, "a-whitfield", m.id, "2026-09-11T16:00:00.000+00:00")
    return demo_db


def test_the_pdf_has_every_field_a_district_files(taught, demo_dir, catalog, tmp_path, capsys):
    pdf = tmp_path / "cipa.pdf"
    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--pdf", str(pdf)) == 0
    printed = capsys.readouterr().out
    text = pdf_text(pdf)
    # Module titles, never ids.
    assert "Chatting Safely & Red Flags" in text and "Be an Upstander" in text
    ids = [m for m in catalog.modules if re.search(rf"\b{re.escape(m)}\b", text)]
    assert ids == []
    # The topic table: CIPA's three topics as columns, and the procedure's items per module.
    assert "Modules, CIPA topics and procedure items" in text
    assert "Social networking" in text and "Chat rooms" in text and "Cyberbullying" in text
    table = text[text.index("Modules, CIPA topics and procedure items") :]
    red_flags = table[table.index("Chatting Safely & Red Flags") :][:200]
    assert red_flags.startswith(
        "Chatting Safely & Red Flags 6-8 yes yes yes Unacceptable"
    )  # required, SN, chat
    assert "Internet Safety 4" in red_flags and "Internet Safety Instruction opening" in red_flags
    # Completion by school, grade and class.
    assert "Completion by school and grade" in text and "Completion by class" in text
    assert "Grade 4 - Qureshi 5 1 20.0" in text  # five students, José complete
    # Staff training: the staff modules, and who completed them.
    staff = text[text.index("Staff training") :]
    assert catalog.for_tier("staff")[0].title in staff
    assert "Whitfield, Dolores" in staff and "Qureshi, Samir" in staff
    assert (
        "2 of 7 staff members" not in staff and "1 of 7 staff members completed every staff module" in staff
    )
    # The attestation, with signature and date lines for both signers.
    attestation = text[text.index("Attestation") :]
    assert "We attest that this report is a true summary" in attestation
    assert attestation.count("Signature: ____") == 2 and attestation.count("Date: ____") == 2
    assert "Principal" in attestation and "District Technology Director" in attestation
    # The period covered.
    assert "Period covered: August 26, 2026 to June 18, 2027" in text
    # The fingerprint: printed, embedded in the metadata, and the CLI's.
    meta = read_metadata(pdf)
    assert re.fullmatch(r"[0-9a-f]{64}", meta["fingerprint"])
    assert f"SHA-256 {meta['fingerprint']}" in text and f"SHA-256 {meta['fingerprint']}" in printed
    # Counted: José's (every 3-5 module), Hana's 1 in the year, Qureshi's 2 and Whitfield's
    # staff passes (every staff module).
    assert meta["records"] == len(catalog.for_tier("3-5")) + 1 + 2 + len(catalog.for_tier("staff"))
    assert (meta["school_year"], meta["school_id"], meta["frozen"]) == (YEAR, None, False)
    assert f"This report summarises {meta['records']} completion records" in text
    assert (
        f"SHA-256 fingerprint of the {meta['records']} completion records summarised: {meta['fingerprint']}"
        in str(PdfReader(pdf).xmp_metadata.dc_description)
    )


def test_the_export_is_audited_first_with_its_fingerprint(taught, demo_dir, tmp_path, capsys):
    pdf = tmp_path / "cipa.pdf"
    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--pdf", str(pdf)) == 0
    [entry] = audit.entries(taught, SYSTEM, limit=1)
    assert entry.action == "export_compliance"
    assert (
        entry.detail["fingerprint"] == read_metadata(pdf)["fingerprint"] and entry.detail["format"] == "pdf"
    )


def test_verify_matches_then_detects_a_changed_record(taught, demo_dir, tmp_path, capsys):
    pdf = tmp_path / "cipa.pdf"
    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--pdf", str(pdf)) == 0
    capsys.readouterr()
    assert cli(demo_dir, "compliance", "verify", str(pdf)) == 0
    assert "matches the records in the database" in capsys.readouterr().out
    with taught.conn:
        taught.execute("UPDATE completions SET score = 55 WHERE person_id = 's-260012'")
    assert cli(demo_dir, "compliance", "verify", str(pdf), "--json") == 1
    result = json.loads(capsys.readouterr().out)
    assert result["code"] == "changed" and result["expected"] != result["found"]
    assert cli(demo_dir, "compliance", "verify", str(tmp_path)) == 1  # a folder is no report
    assert "cannot read" in capsys.readouterr().err


def test_verify_refuses_a_pdf_that_is_no_report(demo_dir, tmp_path, capsys):
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert cli(demo_dir, "compliance", "verify", str(other)) == 1
    assert "is not a compliance report" in capsys.readouterr().err


def test_a_closed_year_keeps_its_report_whatever_the_roster_says_later(taught, demo_dir, tmp_path, capsys):
    before = tmp_path / "before.pdf"
    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--pdf", str(before)) == 0
    # The year runs until 2027-06-18: closing now needs --early.
    assert cli(demo_dir, "compliance", "close", "--school-year", YEAR) == 1
    assert "runs until 2027-06-18" in capsys.readouterr().err
    assert cli(demo_dir, "compliance", "close", "--school-year", YEAR, "--early") == 0
    assert "closed" in capsys.readouterr().out
    assert cli(demo_dir, "compliance", "close", "--school-year", YEAR, "--early") == 1
    assert "already closed" in capsys.readouterr().err
    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--json") == 0
    frozen = json.loads(capsys.readouterr().out)

    # The roster changes: José leaves, a new class appears with Hana in it, a new pass arrives.
    with taught.conn:
        taught.execute("UPDATE people SET status = 'tobedeleted' WHERE sourced_id = 's-260011'")
        taught.execute(
            "INSERT INTO classes (sourced_id, title, school_id) "
            "VALUES ('class-new', 'Grade 4 - New', 'org-hv')"
        )
        taught.execute(
            "INSERT INTO enrollments (sourced_id, class_id, person_id, school_id, role) "
            "VALUES ('e-new', 'class-new', 's-260012', 'org-hv', 'student')"
        )
    synced_pass(taught, "s-260013", "g35-upstander", "2026-12-01T16:00:00.000+00:00")
    live = filing.build_live(taught, *_catalog_and_year(taught), None, None)[0]
    assert live.total.completed == 0  # the live figures did change

    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--json") == 0
    assert json.loads(capsys.readouterr().out) == frozen
    assert frozen["total"]["completed"] == 1 and frozen["frozen_at"]
    after = tmp_path / "after.pdf"
    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--pdf", str(after)) == 0
    text = pdf_text(after)
    assert "Frozen when the school year was closed" in text and "Grade 4 - New" not in text
    assert "Grade 4 - Qureshi 5 1 20.0" in text
    assert read_metadata(after)["fingerprint"] == read_metadata(before)["fingerprint"]
    assert read_metadata(after)["frozen"] is True
    # Its records still match; a record edited since shows.
    assert cli(demo_dir, "compliance", "verify", str(after)) == 0
    assert "matches the records stored when the year was closed" in capsys.readouterr().out
    with taught.conn:
        taught.execute(
            "UPDATE completions SET completed_at = '2026-10-02T16:00:00.000+00:00' "
            "WHERE person_id = 's-260011'"
        )
    assert cli(demo_dir, "compliance", "verify", str(after)) == 1
    assert "DOES NOT MATCH" in capsys.readouterr().out
    # The school's own report was frozen too.
    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--school", "org-hv", "--json") == 0
    assert json.loads(capsys.readouterr().out)["fingerprint"] == frozen["fingerprint"]


def test_an_edited_frozen_report_shows_in_verify(taught, demo_dir, tmp_path, capsys):
    assert cli(demo_dir, "compliance", "close", "--school-year", YEAR, "--early") == 0
    pdf = tmp_path / "frozen.pdf"
    assert cli(demo_dir, "compliance", "--school-year", YEAR, "--pdf", str(pdf)) == 0
    capsys.readouterr()
    with taught.conn:
        taught.execute("UPDATE compliance_reports SET records = '[]' WHERE school_id = ''")
    assert cli(demo_dir, "compliance", "verify", str(pdf), "--json") == 1
    assert json.loads(capsys.readouterr().out)["code"] == "frozen-altered"


def test_only_a_district_administrator_closes_a_year_and_it_is_audited(taught, catalog):
    year = compliance.school_year(taught, YEAR)
    for actor in ("t-tanaka", "t-qureshi", "a-whitfield"):  # a counselor, a teacher, the principal
        with pytest.raises(PermissionError):
            filing.close_year(taught, actor, catalog, year, early=True)
    with pytest.raises(filing.YearError) as refused:
        filing.close_year(taught, SYSTEM, catalog, year, today=date(2027, 6, 18))
    assert refused.value.code == "open"
    reports = filing.close_year(taught, SYSTEM, catalog, year, today=date(2027, 6, 19))
    assert [r.school_id for r in reports] == [None, "org-hv"]
    [entry] = audit.entries(taught, SYSTEM, limit=1)
    assert (entry.actor, entry.action) == ("cli", "close_year")
    assert entry.detail == {"school_year": YEAR, "fingerprint": reports[0].fingerprint}
    # The principal (administrator of org-hv only) gets the frozen report of their school.
    mine = filing.report(taught, "a-whitfield", catalog, year)
    assert mine.frozen_at and mine.school_id == "org-hv" and mine.fingerprint == reports[1].fingerprint


def _catalog_and_year(db):
    from citizenship_app.core.content import load_catalog

    return load_catalog(), compliance.school_year(db, YEAR)


# -- the pure parts ------------------------------------------------------------------------


def test_the_fingerprint_is_of_the_records_not_of_their_order():
    a = Pass("att-1", "s-1", "m-1", "2026-10-01T10:00:00.000+00:00", 90)
    b = Pass("att-2", "s-2", "m-1", "2026-10-02T10:00:00.000+00:00", 80)
    assert fingerprint([a, b]) == fingerprint([b, a, a])
    assert fingerprint([a, b]) != fingerprint([a, Pass("att-2", "s-2", "m-1", b.completed_at, 81)])


def test_the_records_counted_are_the_required_passes_within_the_year():
    from citizenship_app.core.compliance_report import ModuleInfo, StaffMember, Student

    modules = [
        ModuleInfo("m-1", "One", "3-5", 1, (), ()),
        ModuleInfo("st-1", "Staff one", "staff", 1, (), ()),
    ]
    students = [Student("s-1", "org", "School", "04", "3-5")]
    staff = [StaffMember("t-1", "Teacher, T")]
    inside = Pass("a1", "s-1", "m-1", "2027-06-18T23:59:00.000+00:00", 90)  # the last day counts
    passes = [
        inside,
        Pass("a2", "s-1", "m-1", "2027-06-19T00:00:00.000+00:00", 90),  # after
        Pass("a3", "s-1", "m-2", "2026-10-01T00:00:00.000+00:00", 90),  # not required
        Pass("a4", "s-9", "m-1", "2026-10-01T00:00:00.000+00:00", 90),  # not in the report
        Pass("a5", "t-1", "st-1", "2026-08-26T00:00:00.000+00:00", 90),  # staff, first day
        Pass("a6", "s-1", "st-1", "2026-10-01T00:00:00.000+00:00", 90),  # a student's staff module
    ]
    found = counted(date(2026, 8, 26), date(2027, 6, 18), modules, {"3-5": ["m-1"]}, students, staff, passes)
    assert [p.record_id for p in found] == ["a1", "a5"]


def test_procedure_items_are_labelled_as_the_procedure_numbers_them(catalog):
    labels = item_labels(
        ["2314P-safety-4", "2314P-instruction-0", "2314P-safety-1", "2314P-unacceptable-7b"], catalog.items
    )
    assert labels == ("Unacceptable use 7b", "Internet Safety 1, 4", "Internet Safety Instruction opening")


def test_a_report_that_cannot_be_audited_is_not_written(taught, demo_dir, catalog, tmp_path):
    """The export's audit row comes first: with the write lock held elsewhere, no PDF."""
    import sqlite3

    from citizenship_app.core.paths import DB_NAME
    from citizenship_app.core.storage_errors import StorageError
    from citizenship_app.reports import exports

    taught.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(demo_dir / DB_NAME)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    pdf = tmp_path / "cipa.pdf"
    try:
        with pytest.raises(StorageError) as refused:
            exports.compliance_pdf(taught, SYSTEM, catalog, compliance.school_year(taught, YEAR), pdf)
        assert refused.value.code == "locked" and not pdf.exists()
    finally:
        other.rollback()
        other.close()
    with pytest.raises(PermissionError):  # and only those who may see records export them
        exports.compliance_pdf(taught, "t-qureshi", catalog, compliance.school_year(taught, YEAR), pdf)
    assert not pdf.exists()
