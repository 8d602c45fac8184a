"""OneRoster 1.1 results export: the files parse back, and match the records they came from."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from citizenship_app.core import progress, sis_export
from citizenship_app.core.store import open_store, transaction

CLASS_4, CLASS_7 = "class-04", "class-07"
GRADE_4 = ["s-260011", "s-260012", "s-260013"]
DATE_COLUMNS = {"dateLastModified", "assignDate", "dueDate", "scoreDate"}


def respond(question, right: bool):
    """A right or a wrong response to any kind of question."""
    if question.type == "matching":
        ids = [p.id for p in question.pairs]
        return {i: (i if right else ids[(n + 1) % len(ids)]) for n, i in enumerate(ids)}
    ids = [c.id for c in question.choices]
    if question.type == "ordering":
        return ids if right else ids[::-1]
    correct = [c.id for c in question.choices if c.correct]
    wrong = [c.id for c in question.choices if not c.correct]
    if question.type == "multiple":
        return correct if right else wrong[:1]
    return correct[:1] if right else wrong[:1]


def take(db, module, student: str, right: int, class_id: str | None = CLASS_4) -> progress.Outcome:
    """A submitted attempt with the first `right` questions answered right."""
    attempt = progress.start_attempt(db, student, module, class_id)
    for n, qid in enumerate(attempt.question_order):
        progress.record_answer(
            db, attempt, module.quiz.question(qid), respond(module.quiz.question(qid), n < right)
        )
    return progress.submit_attempt(db, attempt, module)


def read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


@pytest.fixture
def modules(catalog):
    return catalog.get("g35-password-power"), catalog.get("g35-private-info")


@pytest.fixture
def graded(demo_db, modules):
    """Grade 4 results: retakes, a pass and fails, two modules."""
    power, private = modules
    take(demo_db, power, GRADE_4[0], right=2)
    take(demo_db, power, GRADE_4[0], right=len(power.quiz.questions))
    # Both modules are question banks: password power asks 7 questions, private info 5.
    take(demo_db, power, GRADE_4[1], right=5)
    take(demo_db, private, GRADE_4[0], right=2)
    take(demo_db, private, GRADE_4[2], right=1)
    take(demo_db, private, GRADE_4[2], right=3)
    progress.start_attempt(demo_db, GRADE_4[1], private, CLASS_4)  # open: not a result
    return demo_db


def export(db, catalog, directory: Path) -> sis_export.ExportSummary:
    return sis_export.export_results(db, directory, catalog.modules)


def test_files_parse_back_and_match_the_database(graded, catalog, tmp_path, modules):
    summary = export(graded, catalog, tmp_path / "out")
    assert summary.files == ["categories.csv", "lineItems.csv", "results.csv", "manifest.csv"]
    columns, line_items = read(tmp_path / "out" / "lineItems.csv")
    assert columns == sis_export.LINE_ITEM_COLUMNS
    columns, results = read(tmp_path / "out" / "results.csv")
    assert columns == sis_export.RESULT_COLUMNS
    columns, categories = read(tmp_path / "out" / "categories.csv")
    assert columns == ["sourcedId", "status", "dateLastModified", "title"]

    # One line item per module and class with results; one result per student and line item.
    pairs = graded.execute(
        "SELECT DISTINCT class_id, module_id FROM quiz_attempts WHERE submitted_at IS NOT NULL"
    ).fetchall()
    assert (summary.line_items, len(line_items)) == (len(pairs), len(pairs)) == (2, 2)
    best = dict(
        ((c, m, p), s)
        for c, m, p, s in graded.execute(
            "SELECT class_id, module_id, person_id, MAX(score) FROM quiz_attempts"
            " WHERE submitted_at IS NOT NULL GROUP BY class_id, module_id, person_id"
        )
    )
    assert (summary.results, len(results)) == (len(best), len(best)) == (4, 4)

    by_id = {row["sourcedId"]: row for row in line_items}
    titles = {m.title: m for m in modules}
    for row in line_items:
        assert row["title"] in titles and row["description"] == titles[row["title"]].meta.summary
        assert (row["classSourcedId"], row["categorySourcedId"]) == (CLASS_4, categories[0]["sourcedId"])
        assert row["gradingPeriodSourcedId"] == "term-2026-fall"  # the class's semester, not its year
        assert (row["resultValueMin"], row["resultValueMax"], row["status"]) == ("0", "100", "active")
        assert row["assignDate"] <= row["dueDate"]
    for row in results:
        item = by_id[row["lineItemSourcedId"]]
        module = titles[item["title"]]
        assert float(row["score"]) == best[(item["classSourcedId"], module.id, row["studentSourcedId"])]
        assert row["scoreStatus"] == "fully graded" and row["status"] == "active"
    scores = {
        (titles[by_id[r["lineItemSourcedId"]]["title"]].id, r["studentSourcedId"]): r["score"]
        for r in results
    }
    assert scores == {
        ("g35-password-power", GRADE_4[0]): "100",
        ("g35-password-power", GRADE_4[1]): "71",
        ("g35-private-info", GRADE_4[0]): "40",
        ("g35-private-info", GRADE_4[2]): "60",
    }
    retake = next(r for r in results if scores_key(r, by_id, titles) == ("g35-private-info", GRADE_4[2]))
    assert retake["comment"] == "not passed yet; best 3 of 5 correct; 2 attempts"
    ids = [r["sourcedId"] for r in line_items + results + categories]
    assert len(set(ids)) == len(ids) and all(uuid.UUID(i).version == 5 for i in ids)
    assert categories[0]["title"] == "Digital citizenship"
    assert "Ana" not in (tmp_path / "out" / "results.csv").read_text()


def scores_key(row, by_id, titles):
    return titles[by_id[row["lineItemSourcedId"]]["title"]].id, row["studentSourcedId"]


def test_manifest_lists_the_files_written(graded, catalog, tmp_path):
    export(graded, catalog, tmp_path / "out")
    columns, rows = read(tmp_path / "out" / "manifest.csv")
    manifest = {r["propertyName"]: r["value"] for r in rows}
    assert columns == ["propertyName", "value"]
    assert (manifest["manifest.version"], manifest["oneroster.version"]) == ("1.0", "1.1")
    files = {k[5:]: v for k, v in manifest.items() if k.startswith("file.")}
    assert {k for k, v in files.items() if v == "bulk"} == {"categories", "lineItems", "results"}
    assert set(files) == set(sis_export.MANIFEST_FILES) and set(files.values()) == {"bulk", "absent"}
    assert (tmp_path / "out" / "manifest.csv").read_bytes().count(b"\r\n") == len(rows) + 1  # CRLF


def test_re_export_is_byte_identical_and_keeps_sourced_ids(graded, catalog, tmp_path, modules):
    export(graded, catalog, tmp_path / "one")
    export(graded, catalog, tmp_path / "two")
    for name in ("categories.csv", "lineItems.csv", "results.csv", "manifest.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    # A new, better attempt changes one result's score; every id and every other value stays.
    take(graded, modules[1], GRADE_4[2], right=5)
    export(graded, catalog, tmp_path / "three")
    before = {r["sourcedId"]: r for r in read(tmp_path / "one" / "results.csv")[1]}
    after = {r["sourcedId"]: r for r in read(tmp_path / "three" / "results.csv")[1]}
    assert before.keys() == after.keys()
    changed = {sid for sid in before if before[sid] != after[sid]}
    assert len(changed) == 1
    (sid,) = changed
    assert (before[sid]["score"], after[sid]["score"]) == ("60", "100")
    same = lambda row: {k: v for k, v in row.items() if k not in DATE_COLUMNS}  # noqa: E731
    items_before = {r["sourcedId"]: same(r) for r in read(tmp_path / "one" / "lineItems.csv")[1]}
    items_after = {r["sourcedId"]: same(r) for r in read(tmp_path / "three" / "lineItems.csv")[1]}
    assert items_before == items_after


def test_an_attempt_outside_a_class_counts_for_each_class_of_the_student(demo_db, catalog, tmp_path, modules):
    with transaction(demo_db):
        demo_db.execute(
            "INSERT INTO enrollments (sourced_id, class_id, person_id, role) VALUES (?, ?, ?, 'student')",
            ["e-07-extra", CLASS_7, GRADE_4[0]],
        )
    take(demo_db, modules[0], GRADE_4[0], right=8, class_id=None)
    summary = export(demo_db, catalog, tmp_path / "out")
    _, line_items = read(tmp_path / "out" / "lineItems.csv")
    _, results = read(tmp_path / "out" / "results.csv")
    assert summary.line_items == 2 and sorted(r["classSourcedId"] for r in line_items) == [CLASS_4, CLASS_7]
    assert [(r["studentSourcedId"], r["score"]) for r in results] == [(GRADE_4[0], "100")] * 2


def test_an_assigned_module_takes_its_dates_from_the_assignment(graded, catalog, tmp_path, modules):
    with transaction(graded):
        graded.execute(
            "INSERT INTO assignments (id, class_id, module_id, due_date, assigned_at) VALUES (?, ?, ?, ?, ?)",
            ["as-1", CLASS_4, modules[0].id, "2027-02-15", "2026-09-01T15:00:00.000+00:00"],
        )
    export(graded, catalog, tmp_path / "out")
    _, line_items = read(tmp_path / "out" / "lineItems.csv")
    row = next(r for r in line_items if r["title"] == modules[0].title)
    assert (row["assignDate"], row["dueDate"], row["gradingPeriodSourcedId"]) == (
        "2026-09-01",
        "2027-02-15",
        "term-2026-fall",
    )


def test_no_results_gives_empty_files_and_no_category(demo_db, catalog, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "categories.csv").write_text("left by an earlier export")
    summary = export(demo_db, catalog, tmp_path / "out")
    assert (summary.line_items, summary.results) == (0, 0)
    assert not (tmp_path / "out" / "categories.csv").exists()
    assert read(tmp_path / "out" / "results.csv") == (sis_export.RESULT_COLUMNS, [])
    manifest = {r["propertyName"]: r["value"] for r in read(tmp_path / "out" / "manifest.csv")[1]}
    assert manifest["file.categories"] == "absent" and manifest["file.results"] == "bulk"


def test_cli_export_oneroster_results(graded, catalog, demo_dir, tmp_path):
    graded.conn.close()
    out = tmp_path / "sis"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "citizenship_app.cli",
            "--data-dir",
            str(demo_dir),
            "export",
            "oneroster-results",
            str(out),
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "line_items": 2,
        "results": 4,
        "files": ["categories.csv", "lineItems.csv", "results.csv", "manifest.csv"],
    }
    db = open_store(demo_dir)
    audited = db.execute("SELECT actor, action FROM audit_log WHERE action = 'export_sis_results'").fetchall()
    assert audited == [("cli", "export_sis_results")]
    again = export(db, catalog, tmp_path / "again")
    db.conn.close()
    assert again.files == json.loads(run.stdout)["files"]
    for name in again.files:
        assert (out / name).read_bytes() == (tmp_path / "again" / name).read_bytes()
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "citizenship_app.cli",
            "--data-dir",
            str(demo_dir),
            "export",
            "oneroster-results",
            str(out / "results.csv" / "x"),
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "cannot write to" in bad.stderr
