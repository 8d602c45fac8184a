"""The district-wide compliance report at the hub, on SQLite and PostgreSQL: built from the hub's
roster and `passed` statements, read back from the PDF, verified, and frozen by closing a year.

The roster is written into tables shaped like the kiosk's (district.compliance.TableRoster),
the shape `citizenship-district roster import` is to fill."""

from __future__ import annotations

import json
import os
import secrets
import unicodedata
import uuid
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import Column, MetaData, String, Table, Text

from citizenship_app.core import xapi
from citizenship_app.core.content import load_catalog
from citizenship_app.district.compliance import TableRoster, passes
from citizenship_app.district.storage import Store
from citizenship_app.reports.pdf import read_metadata

from .conftest import PG_HOST, PG_PORT, _postgres_answers, district

AUTHORITY = {"objectType": "Agent", "account": {"homePage": "https://hub.example", "name": "kiosk-1"}}
SIS = xapi.DEFAULT_SIS_HOME_PAGE
YEAR = "2027"

roster_tables = MetaData()
for name, columns in {
    "orgs": ["sourced_id", "name", "type", "parent_id", "status"],
    "academic_sessions": ["sourced_id", "title", "type", "start_date", "end_date", "school_year", "status"],
    "people": ["sourced_id", "given_name", "family_name", "role", "grade", "tier", "org_ids", "status"],
    "classes": ["sourced_id", "title", "school_id", "status"],
    "enrollments": ["sourced_id", "class_id", "person_id", "school_id", "role", "status"],
}.items():
    Table(name, roster_tables, *(Column(c, String(255) if c.endswith("id") else Text) for c in columns))

ORGS = [
    ("org-d", "Cedar District", "district", None),
    ("org-a", "Alder Elementary", "school", "org-d"),
    ("org-b", "Birch Middle", "school", "org-d"),
]
PEOPLE = [  # id, given, family, role, grade, tier, org_ids
    ("s-a1", "Ana", "Reyes", "student", "04", "3-5", "org-a"),
    ("s-a2", "Ben", "Ortiz", "student", "04", "3-5", "org-a"),
    ("s-b1", "Cai", "Wong", "student", "07", "6-8", "org-b"),
    ("t-a", "Dana", "Lee", "teacher", None, None, "org-a"),
    ("t-b", "Eli", "Park", "teacher", None, None, "org-b"),
    ("p-d", "Fay", "Moss", "administrator", None, None, "org-d"),
]
CLASSES = [("c-a4", "Grade 4 - Lee", "org-a"), ("c-b7", "Grade 7 - Park", "org-b")]
ENROLLMENTS = [
    ("e1", "c-a4", "s-a1", "student"),
    ("e2", "c-a4", "s-a2", "student"),
    ("e3", "c-b7", "s-b1", "student"),
    ("e4", "c-a4", "t-a", "teacher"),
    ("e5", "c-b7", "t-b", "teacher"),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_url(request, tmp_path):
    """A fresh hub database of each kind (PostgreSQL: its own database, dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hub.db'}"
        return
    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL server answers on {PG_HOST}:{PG_PORT} (CI runs one)")
    import psycopg

    admin = psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="test", autocommit=True)
    name = f"citizenship_report_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def passed(person: str, module, at: str, right: int = 6, total: int = 6, attempt: str | None = None) -> dict:
    attempt = attempt or str(uuid.uuid4())
    when = datetime.fromisoformat(at)
    return xapi.attempt_statement(
        verb="passed",
        record_id=attempt,
        sis_home_page=SIS,
        person_id=person,
        module_id=module.id,
        module_title=module.title,
        class_id=None,
        correct=right,
        total=total,
        passed=True,
        started=when,
        finished=when,
        machine="lab-1",
    )


@pytest.fixture
def hub(hub_url):
    """The hub's database with its roster and statements: Ana passed every 3-5 module, Ben one,
    Cai none; Dana (staff) every staff module, Eli one; plus a voided pass and one after the year."""
    catalog = load_catalog()
    store = Store(hub_url)
    store.create_tables()
    roster_tables.create_all(store.engine)
    with store.engine.begin() as conn:
        t = roster_tables.tables
        conn.execute(
            t["orgs"].insert(),
            [
                dict(zip(("sourced_id", "name", "type", "parent_id"), o, strict=True), status="active")
                for o in ORGS
            ],
        )
        conn.execute(
            t["academic_sessions"].insert(),
            [
                dict(
                    sourced_id="sy-2027",
                    title="2026-2027",
                    type="schoolYear",
                    start_date="2026-08-26",
                    end_date="2027-06-18",
                    school_year=YEAR,
                    status="active",
                )
            ],
        )
        keys = ("sourced_id", "given_name", "family_name", "role", "grade", "tier", "org_ids")
        conn.execute(t["people"].insert(), [dict(zip(keys, p, strict=True), status="active") for p in PEOPLE])
        conn.execute(
            t["classes"].insert(),
            [dict(sourced_id=c, title=ti, school_id=s, status="active") for c, ti, s in CLASSES],
        )
        school = {c: s for c, _t, s in CLASSES}
        conn.execute(
            t["enrollments"].insert(),
            [
                dict(sourced_id=e, class_id=c, person_id=p, school_id=school[c], role=r, status="active")
                for e, c, p, r in ENROLLMENTS
            ],
        )
    batch = [passed("s-a1", m, "2026-10-01T10:00:00.000+00:00") for m in catalog.for_tier("3-5")]
    batch.append(passed("s-a2", catalog.get("g35-upstander"), "2026-11-01T10:00:00.000+00:00", right=5))
    batch.append(passed("s-a2", catalog.get("g35-tech-care"), "2027-07-01T10:00:00.000+00:00"))  # after
    batch += [passed("t-a", m, "2026-09-01T10:00:00.000+00:00") for m in catalog.for_tier("staff")]
    batch.append(passed("t-b", catalog.for_tier("staff")[0], "2026-09-02T10:00:00.000+00:00"))
    voided = passed("s-b1", catalog.get("g68-red-flags"), "2026-10-05T10:00:00.000+00:00")
    batch.append(voided)
    store.save(batch, authority=AUTHORITY, device="kiosk-1")
    store.save(
        [
            xapi.voiding_statement(
                record_id="v1",
                voided_id=voided["id"],
                sis_home_page=SIS,
                actor_id="s-b1",
                timestamp=datetime(2026, 10, 6, tzinfo=UTC),
            )
        ],
        authority=AUTHORITY,
        device="kiosk-1",
    )
    return store, catalog


def pdf_text(path) -> str:
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    return unicodedata.normalize("NFKC", text)


def test_the_district_pdf_has_every_field(hub, hub_url, tmp_path):
    store, catalog = hub
    pdf = tmp_path / "district.pdf"
    out = district(hub_url, "compliance", "--school-year", YEAR, "--pdf", str(pdf)).stdout
    text = pdf_text(pdf)
    assert "Cedar District" in text and "All schools" in text
    assert "Period covered: August 26, 2026 to June 18, 2027" in text
    assert "Be an Upstander" in text and not [m for m in catalog.modules if m in text]  # titles, not ids
    assert "Social networking" in text and "Chat rooms" in text and "Cyberbullying" in text
    # By school, grade and class.
    assert "Alder Elementary 2 1 50.0" in text and "Birch Middle 1 0 0.0" in text
    assert "Alder Elementary 04 2 1 50.0" in text and "Birch Middle 07 1 0 0.0" in text
    assert "Grade 4 - Lee 2 1 50.0" in text and "Grade 7 - Park 1 0 0.0" in text
    # Staff training: Dana did all, Eli one; Fay (the district's administrator) none.
    staff = text[text.index("Staff training") :]
    assert "1 of 3 staff members completed every staff module" in staff
    assert "Lee, Dana" in staff and "Park, Eli" in staff and "Moss, Fay" in staff
    assert "Principal" in text and "District Technology Director" in text and text.count("Signature: __") == 2
    meta = read_metadata(pdf)
    # Ana's 8, Ben's 1 in the year, Dana's 10 and Eli's 1; not the voided one nor the late one.
    assert meta["records"] == len(catalog.for_tier("3-5")) + 1 + len(catalog.for_tier("staff")) + 1
    assert meta["source"] == "hub" and f"SHA-256 {meta['fingerprint']}" in text and meta["fingerprint"] in out
    assert "citizenship-district compliance verify FILE" in text


def test_the_hub_reads_passes_as_the_kiosk_scores_them(hub):
    store, catalog = hub
    year = TableRoster(store.engine).school_year(YEAR)
    found = {(p.person_id, p.module_id): p for p in passes(store, year)}
    assert found[("s-a2", "g35-upstander")].score == 83  # 5 of 6, rounded down as on the kiosk
    assert found[("s-a2", "g35-upstander")].completed_at == "2026-11-01T10:00:00.000+00:00"
    assert ("s-b1", "g68-red-flags") not in found  # voided
    assert ("s-a2", "g35-tech-care") not in found  # after the year


def test_verify_at_the_hub_detects_a_voided_record(hub, hub_url, tmp_path):
    store, catalog = hub
    pdf = tmp_path / "district.pdf"
    district(hub_url, "compliance", "--school-year", YEAR, "--pdf", str(pdf))
    ok = district(hub_url, "compliance", "verify", str(pdf))
    assert ok.returncode == 0 and "matches the hub's records" in ok.stdout
    target = next(
        s
        for s in _contents(store)
        if s["actor"]["account"]["name"] == "s-a2" and s["object"]["id"].endswith("g35-upstander")
    )
    store.save(
        [
            xapi.voiding_statement(
                record_id="v2",
                voided_id=target["id"],
                sis_home_page=SIS,
                actor_id="s-a2",
                timestamp=datetime.now(UTC),
            )
        ],
        authority=AUTHORITY,
        device="kiosk-1",
    )
    changed = district(hub_url, "compliance", "verify", str(pdf), "--json", check=False)
    assert changed.returncode == 1 and json.loads(changed.stdout)["code"] == "changed"


def _contents(store) -> list[dict]:
    from citizenship_app.district.storage import statements

    with store.engine.connect() as conn:
        return [
            json.loads(c)
            for (c,) in conn.execute(statements.select().with_only_columns(statements.c.content))
        ]


def test_a_closed_year_at_the_hub_survives_a_roster_change(hub, hub_url, tmp_path):
    store, catalog = hub
    early = district(hub_url, "compliance", "close", "--school-year", YEAR, check=False)
    assert early.returncode == 1 and "runs until 2027-06-18" in early.stderr
    assert district(hub_url, "compliance", "close", "--school-year", YEAR, "--early").returncode == 0
    before = json.loads(district(hub_url, "compliance", "--school-year", YEAR, "--json").stdout)
    with store.engine.begin() as conn:  # Ana leaves; Ben moves to Birch
        t = roster_tables.tables
        conn.execute(
            t["people"].update().where(t["people"].c.sourced_id == "s-a1").values(status="tobedeleted")
        )
        conn.execute(
            t["enrollments"]
            .update()
            .where(t["enrollments"].c.person_id == "s-a2")
            .values(class_id="c-b7", school_id="org-b")
        )
    after = json.loads(district(hub_url, "compliance", "--school-year", YEAR, "--json").stdout)
    assert after == before and after["total"]["completed"] == 1 and after["frozen_at"]
    school = json.loads(
        district(hub_url, "compliance", "--school-year", YEAR, "--school", "org-a", "--json").stdout
    )
    assert school["scope"] == "Alder Elementary" and school["total"]["enrolled"] == 2
    pdf = tmp_path / "frozen.pdf"
    district(hub_url, "compliance", "--school-year", YEAR, "--pdf", str(pdf))
    assert "Frozen when the school year was closed" in pdf_text(pdf)
    verified = district(hub_url, "compliance", "verify", str(pdf), "--json", check=False)
    assert verified.returncode == 0 and json.loads(verified.stdout)["frozen"] is True
    again = district(hub_url, "compliance", "close", "--school-year", YEAR, "--early", check=False)
    assert again.returncode == 1 and "already closed" in again.stderr


def test_without_a_roster_the_hub_says_what_to_do(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    result = district(url, "compliance", "--school-year", YEAR, check=False)
    assert result.returncode == 1 and "citizenship-district roster import" in result.stderr


def test_a_kiosk_and_the_hub_count_the_same_records_alike(demo_db, catalog, tmp_path):
    """The kiosk's completions and the statements it sends for them give the same canonical
    records, so a school's report has the same fingerprint at the kiosk and at the hub."""
    from citizenship_app.core import compliance, filing, progress
    from citizenship_app.core.compliance_report import fingerprint

    def right(question):
        if question.type == "matching":
            return {p.id: p.id for p in question.pairs}
        return question.correct_ids

    for person, module_id in (("s-260011", "g35-upstander"), ("s-260012", "g35-tech-care")):
        module = catalog.get(module_id)
        attempt = progress.start_attempt(demo_db, person, module, None)
        for qid in attempt.question_order:
            progress.record_answer(
                demo_db, attempt, module.quiz.question(qid), right(module.quiz.question(qid))
            )
        assert progress.submit_attempt(demo_db, attempt, module).passed
    year = compliance.school_year(demo_db, YEAR)
    kiosk = filing._passes(demo_db, year)
    store = Store(f"sqlite:///{tmp_path / 'hub.db'}")
    store.create_tables()
    sent = [json.loads(s) for (s,) in demo_db.execute("SELECT statement FROM outbox WHERE kind = 'passed'")]
    store.save(sent, authority=AUTHORITY, device="kiosk-1")
    hub = passes(store, year)
    assert len(kiosk) == 2 and sorted(hub) == sorted(kiosk)
    assert fingerprint(hub) == fingerprint(kiosk)
