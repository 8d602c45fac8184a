"""The district-wide compliance report at the hub, on SQLite and PostgreSQL: built from the hub's
roster and `passed` statements, read back from the PDF, verified, and frozen by closing a year.

The roster goes in as a district's does, with `citizenship-district roster import` (a OneRoster
1.1 folder written here); the passes are signed by a kiosk whose key the hub holds, and only
those that verify are counted. The hub's audit log: tests/district/test_district_audit.py."""

from __future__ import annotations

import json
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from joserfc.jwk import RSAKey
from pypdf import PdfReader

from citizenship_app.core import multipart, signing, xapi
from citizenship_app.core.content import load_catalog
from citizenship_app.district import compliance as district_compliance
from citizenship_app.district import signatures
from citizenship_app.district.auth import hash_password
from citizenship_app.district.compliance import TableRoster, passes, screened
from citizenship_app.district.compression import pack, unpack
from citizenship_app.district.storage import Store, attachments, statements
from citizenship_app.reports.pdf import read_metadata

from .conftest import XAPI_HEADERS, HubProcess, add_device, district

AUTHORITY = {"objectType": "Agent", "account": {"homePage": "https://hub.example", "name": "kiosk-1"}}
SIS = xapi.DEFAULT_SIS_HOME_PAGE
YEAR = "2027"
KIOSK, KIOSK_PASSWORD = "kiosk-1", "kiosk-1-password-of-32-characters"

ORGS = [
    ("org-d", "Cedar District", "district", None),
    ("org-a", "Alder Elementary", "school", "org-d"),
    ("org-b", "Birch Middle", "school", "org-d"),
]
PEOPLE = [  # id, given, family, role, grade, org_ids
    ("s-a1", "Ana", "Reyes", "student", "04", "org-a"),
    ("s-a2", "Ben", "Ortiz", "student", "04", "org-a"),
    ("s-b1", "Cai", "Wong", "student", "07", "org-b"),
    ("t-a", "Dana", "Lee", "teacher", "", "org-a"),
    ("t-b", "Eli", "Park", "teacher", "", "org-b"),
    ("p-d", "Fay", "Moss", "administrator", "", "org-d"),
]
CLASSES = [("c-a4", "Grade 4 - Lee", "04", "org-a"), ("c-b7", "Grade 7 - Park", "07", "org-b")]
ENROLLMENTS = [
    ("e1", "c-a4", "s-a1", "student"),
    ("e2", "c-a4", "s-a2", "student"),
    ("e3", "c-b7", "s-b1", "student"),
    ("e4", "c-a4", "t-a", "teacher"),
    ("e5", "c-b7", "t-b", "teacher"),
]


def write_cedar_roster(folder: Path, people=PEOPLE, enrollments=ENROLLMENTS) -> Path:
    """The district above as a OneRoster 1.1 bulk folder (every file, as an SIS exports it)."""
    folder.mkdir(parents=True, exist_ok=True)
    school = {c: s for c, _t, _g, s in CLASSES}
    files = {
        "manifest": ["propertyName,value", "manifest.version,1.0", "oneroster.version,1.1"]
        + [
            f"file.{n},bulk"
            for n in ("orgs", "academicSessions", "courses", "classes", "users", "enrollments")
        ],
        "orgs": ["sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId"]
        + [f"{o},,,{name},{kind},,{parent or ''}" for o, name, kind, parent in ORGS],
        "academicSessions": [
            "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
            "sy-2027,,,2026-2027,schoolYear,2026-08-26,2027-06-18,,2027",
        ],
        "courses": [
            "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId"
        ]
        + [f"course-{c},,,sy-2027,Digital Citizenship,,{g},{s}" for c, _t, g, s in CLASSES],
        "classes": [
            "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
            "schoolSourcedId,termSourcedIds"
        ]
        + [f"{c},,,{t},{g},course-{c},,homeroom,,{s},sy-2027" for c, t, g, s in CLASSES],
        "users": [
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
            "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
        ]
        + [
            f"{p},,,true,{orgs},{role},u-{p},,{given},{family},,,,,,,{grade},"
            for p, given, family, role, grade, orgs in people
        ],
        "enrollments": [
            "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
            "beginDate,endDate"
        ]
        + [f"{e},,,{c},{school[c]},{p},{r},false,," for e, c, p, r in enrollments],
    }
    for name, lines in files.items():
        (folder / f"{name}.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def kiosk_key() -> RSAKey:
    """The signing key of the kiosk that sent the passes (registered at the hub for kiosk-1)."""
    return RSAKey.generate_key(signing.KEY_BITS)


def sign(store: Store, batch: list[dict], key: RSAKey) -> list[dict]:
    """Each statement signed as a kiosk signs it, its signature's data kept as the hub keeps it."""
    out, parts = [], {}
    for st in batch:
        signed, token = signing.sign(json.dumps(st), key)
        out.append(signed)
        parts[multipart.sha2(token)] = (signing.SIGNATURE_CONTENT_TYPE, token)
    signatures.save_attachments(store, parts)
    return out


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
def hub(hub_url, kiosk_key, tmp_path):
    """The hub's database with its roster (imported) and statements, signed by kiosk-1: Ana
    passed every 3-5 module, Ben one, Cai none; Dana (staff) every staff module, Eli one; plus a
    voided pass and one after the year."""
    catalog = load_catalog()
    imported = district(hub_url, "roster", "import", str(write_cedar_roster(tmp_path / "roster")), "--json")
    assert (
        json.loads(imported.stdout)["errors"] == [] and json.loads(imported.stdout)["imported"]["users"] == 6
    )
    store = Store(hub_url)
    store.create_tables()
    store.add_device(KIOSK, hash_password(KIOSK_PASSWORD))
    signatures.set_key(store, KIOSK, kiosk_key.as_pem(private=False).decode())
    batch = [passed("s-a1", m, "2026-10-01T10:00:00.000+00:00") for m in catalog.for_tier("3-5")]
    batch.append(passed("s-a2", catalog.get("g35-upstander"), "2026-11-01T10:00:00.000+00:00", right=5))
    batch.append(passed("s-a2", catalog.get("g35-tech-care"), "2027-07-01T10:00:00.000+00:00"))  # after
    batch += [passed("t-a", m, "2026-09-01T10:00:00.000+00:00") for m in catalog.for_tier("staff")]
    batch.append(passed("t-b", catalog.for_tier("staff")[0], "2026-09-02T10:00:00.000+00:00"))
    voided = passed("s-b1", catalog.get("g68-red-flags"), "2026-10-05T10:00:00.000+00:00")
    batch.append(voided)
    store.save(sign(store, batch, kiosk_key), authority=AUTHORITY, device=KIOSK)
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
        device=KIOSK,
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
        device=KIOSK,
    )
    changed = district(hub_url, "compliance", "verify", str(pdf), "--json", check=False)
    assert changed.returncode == 1 and json.loads(changed.stdout)["code"] == "changed"


def _contents(store) -> list[dict]:
    from citizenship_app.district.storage import statements

    with store.engine.connect() as conn:
        return [
            json.loads(unpack(c))
            for (c,) in conn.execute(statements.select().with_only_columns(statements.c.content))
        ]


def test_a_closed_year_at_the_hub_survives_a_roster_change(hub, hub_url, tmp_path):
    store, catalog = hub
    early = district(hub_url, "compliance", "close", "--school-year", YEAR, check=False)
    assert early.returncode == 1 and "runs until 2027-06-18" in early.stderr
    assert district(hub_url, "compliance", "close", "--school-year", YEAR, "--early").returncode == 0
    before = json.loads(district(hub_url, "compliance", "--school-year", YEAR, "--json").stdout)
    # Next year's roster: Ana left; Ben moved to Birch.
    moved = [(e, "c-b7" if p == "s-a2" else c, p, r) for e, c, p, r in ENROLLMENTS if p != "s-a1"]
    folder = write_cedar_roster(tmp_path / "later", [p for p in PEOPLE if p[0] != "s-a1"], moved)
    district(hub_url, "roster", "import", str(folder), "--allow-removals")
    live = TableRoster(store.engine)
    assert "s-a1" not in {s.person_id for s in live.students(None)}
    assert {s.school_id for s in live.students(None) if s.person_id == "s-a2"} == {"org-b"}
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
    store.add_device(KIOSK, hash_password(KIOSK_PASSWORD))
    signatures.set_key(store, KIOSK, signing.public_key_pem(demo_db))
    sent = [s for (s,) in demo_db.execute("SELECT statement FROM outbox WHERE kind = 'passed'")]
    signed = []
    for text in sent:  # as the kiosk's sync sends them: signed with its own key
        statement, token = signing.sign(text, signing.private_key(demo_db))
        signatures.save_attachments(store, {multipart.sha2(token): (signing.SIGNATURE_CONTENT_TYPE, token)})
        signed.append(statement)
    store.save(signed, authority=AUTHORITY, device=KIOSK)
    hub = passes(store, year)
    assert len(kiosk) == 2 and sorted(hub) == sorted(kiosk)
    assert fingerprint(hub) == fingerprint(kiosk)


def test_a_pass_counts_only_when_its_signature_verifies(hub, hub_url, kiosk_key, tmp_path):
    """Through a running hub: kiosk-1 (key registered) sends a signed pass, a district-wide
    device without a key an unsigned one; the report counts the first, leaves the second out
    and says so in its JSON and its PDF."""
    store, catalog = hub
    before = json.loads(district(hub_url, "compliance", "--school-year", YEAR, "--json").stdout)
    assert before["left_out"] == {} and before["left_out_line"] is None
    spare = [m for m in catalog.for_tier("3-5") if m.id not in ("g35-upstander", "g35-tech-care")]
    laptop = add_device(hub_url, "it-laptop")  # district-wide, no key registered
    server = HubProcess(hub_url, tmp_path / "hub.log")
    try:
        server.wait_ready()
        with httpx.Client(base_url=server.url, headers=XAPI_HEADERS, timeout=20) as client:
            good = passed("s-a2", spare[0], "2026-12-01T10:00:00.000+00:00")
            statement, token = signing.sign(json.dumps(good), kiosk_key)
            content_type, body = multipart.encode(
                json.dumps([statement]).encode(),
                [(multipart.sha2(token), signing.SIGNATURE_CONTENT_TYPE, token)],
            )
            sent = client.post(
                "/xapi/statements",
                content=body,
                headers={"Content-Type": content_type},
                auth=(KIOSK, KIOSK_PASSWORD),
            )
            assert sent.status_code == 200, sent.text
            bare = passed("s-a2", spare[1], "2026-12-02T10:00:00.000+00:00")
            sent = client.post("/xapi/statements", json=[bare], auth=laptop)
            assert sent.status_code == 200, sent.text  # the hub takes it: an LRS may hold unsigned ones
    finally:
        server.stop()
    after = json.loads(district(hub_url, "compliance", "--school-year", YEAR, "--json").stdout)
    assert after["records"] == before["records"] + 1  # the signed one only
    found = {(p.person_id, p.module_id) for p in passes(store, TableRoster(store.engine).school_year(YEAR))}
    assert ("s-a2", spare[0].id) in found and ("s-a2", spare[1].id) not in found
    assert after["left_out"] == {"unsigned": 1}
    line = (
        "1 passed record was left out because its statement does not carry a signature that verifies "
        "against the sending device's registered key: 1 unsigned."
    )
    assert after["left_out_line"] == line
    pdf = tmp_path / "district.pdf"
    out = district(hub_url, "compliance", "--school-year", YEAR, "--pdf", str(pdf)).stdout
    assert line in pdf_text(pdf) and line in out
    assert read_metadata(pdf)["records"] == after["records"]


def test_passes_whose_signature_no_longer_holds_are_left_out_with_why(hub, monkeypatch):
    """A stored pass edited after it arrived, one whose signature's data is gone, and every pass
    of a device whose key was removed: each left out, with its reason."""
    store, catalog = hub
    year = TableRoster(store.engine).school_year(YEAR)
    kept, left = screened(store, year)
    assert left == [] and len(kept) > 2
    monkeypatch.setattr(district_compliance, "_VERIFY_CHUNK", 3)  # checked a few at a time: the same
    assert screened(store, year) == (kept, left)
    target, gone = (
        next(s for s in _contents(store) if s["context"]["registration"] == kept[i].record_id) for i in (0, 1)
    )
    # A pass edited in the database after it was stored. One fixture pass already has raw 5 (of 6):
    # setting a fixed value left that one unchanged (and its signature valid) 1 time in 20.
    target["result"]["score"]["raw"] -= 1
    with store.engine.begin() as conn:
        conn.execute(
            statements.update()
            .where(statements.c.id == target["id"])
            .values(content=pack(json.dumps(target)))
        )
        conn.execute(
            attachments.delete().where(attachments.c.sha2 == signing.signature_attachment(gone)["sha2"])
        )
    kept2, left2 = screened(store, year)
    assert len(kept2) == len(kept) - 2
    assert sorted((p.record_id, why) for p, why in left2) == sorted(
        [(kept[0].record_id, "bad-signature"), (kept[1].record_id, "no-data")]
    )
    signatures.remove_key(store, KIOSK)
    kept3, left3 = screened(store, year)
    assert kept3 == [] and {why for _p, why in left3} == {"no-key"} and len(left3) == len(kept)
