"""Build a district-sized data directory for the report benchmarks.

    python bench/generate.py --data-dir /tmp/district --students 15000 [--schools 20] [--seed 7]

The schema is the store's own (`open_store` runs the migrations); rows go in with bulk SQL,
in the shapes the core writes them: a OneRoster-like roster (district, schools, three school
years, classes of ~25, teachers, a counselor per school), assignments with their `assign`
statements, page progress, quiz attempts, completions and their `passed`/`failed` outbox
statements (built by `core.xapi`). The current school year's records are this machine's own
(with outbox rows, mostly already sent); the two years before came from the district
(`source = 'district'`, no outbox rows), as a counselor's machine would hold them.

Every student's code is the demo PIN, hashed once (hashing 15,000 codes would take minutes).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citizenship_app.core import xapi  # noqa: E402
from citizenship_app.core.auth import hash_secret  # noqa: E402
from citizenship_app.core.store import open_store, set_setting, transaction  # noqa: E402

GRADES = ["KG"] + [f"{n:02d}" for n in range(1, 13)]
TIER = {
    g: "k-2"
    if g in ("KG", "01", "02")
    else "3-5"
    if g in ("03", "04", "05")
    else "6-8"
    if g in ("06", "07", "08")
    else "9-12"
    for g in GRADES
}
PREFIX = {"k-2": "k2-", "3-5": "g35-", "6-8": "g68-", "9-12": "g912-"}
MODULES_PER_TIER = 8
CLASS_SIZE = 25
BIG_CLASS = 35
GIVEN = (
    "Mateo Aaliyah Wei Noor Liam Zoe Kofi Priya Ethan Sofia Jose Hana Malik Olivia Arjun "
    "Isabella Tyrone Mei Ava Yusuf Camila Jamal Siobhan Daniel Leilani Omar Chloe Diego "
    "Fatima Lucas Amara Ivan Grace Hiro Nadia Samuel Elena Kwame Rosa Tariq"
).split()
FAMILY = (
    "Alvarez Johnson Chen Rahman OConnor Fischer Mensah Raman Brooks Rossi Garcia Kim "
    "Washington Bennett Patel Moreno Davis Zhao Thompson Demir Torres Carter Murphy Cohen "
    "Kahale Nguyen Okafor Qureshi Brennan Tanaka Silva Novak Haddad Larsen Mwangi Ito "
    "Kowalski Dubois Singh Reyes"
).split()
SIS = "https://sis.bench.example"
MACHINES = [f"lab-{n:02d}" for n in range(1, 13)]


def school_years(today: date) -> list[tuple[str, date, date]]:
    """(sourcedId, start, end) of the current school year and the two before it."""
    first = today.year if today >= date(today.year, 8, 20) else today.year - 1
    return [
        (f"sy-{y}-{(y + 1) % 100:02d}", date(y, 8, 26), date(y + 1, 6, 18))
        for y in (first - 2, first - 1, first)
    ]


def modules_by_tier() -> dict[str, list[tuple[str, str, int]]]:
    """(id, title, pages) per tier: the catalog's modules, padded to MODULES_PER_TIER."""
    try:
        from citizenship_app.core.content import load_catalog

        catalog = load_catalog()
    except Exception:  # a broken content tree must not stop a benchmark
        catalog = None
    result = {}
    for tier, prefix in PREFIX.items():
        mods = [(m.id, m.title, len(m.pages)) for m in catalog.for_tier(tier)] if catalog else []
        n = len(mods)
        while len(mods) < MODULES_PER_TIER:
            n += 1
            mods.append((f"{prefix}bench-{n}", f"Bench module {n} ({tier})", 4))
        result[tier] = mods[:MODULES_PER_TIER]
    return result


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def moment_between(rng: random.Random, start: date, end: date) -> datetime:
    days = max((end - start).days, 1)
    day = start + timedelta(days=rng.randrange(days))
    return datetime(
        day.year, day.month, day.day, rng.randrange(14, 22), rng.randrange(60), rng.randrange(60), tzinfo=UTC
    )


def generate(data_dir: Path, students: int, schools: int, seed: int = 7, today: date | None = None) -> dict:
    rng = random.Random(seed)
    today = today or date.today()
    db = open_store(data_dir)
    if db.execute("SELECT COUNT(*) FROM people").fetchone()[0]:
        raise SystemExit(f"{data_dir} already holds a roster; use an empty directory")
    years = school_years(today)
    current_sy, year_start, _ = years[-1]
    mods = modules_by_tier()
    pin_hash = hash_secret("1234")
    staff_hash = hash_secret("harbor-view-demo")

    # Schools: most elementary (K-5), some middle (6-8), a few high (9-12).
    n_high = max(1, round(schools * 0.15))
    n_middle = max(1, round(schools * 0.25))
    n_elem = max(1, schools - n_high - n_middle)
    kinds = ["elementary"] * n_elem + ["middle"] * n_middle + ["high"] * n_high
    span = {"elementary": GRADES[:6], "middle": GRADES[6:9], "high": GRADES[9:]}
    orgs = [("org-d", "Bench Unified School District", "district", "BUSD", None)]
    school_ids = []
    for i, kind in enumerate(kinds, 1):
        sid = f"org-s{i:02d}"
        school_ids.append((sid, kind))
        orgs.append((sid, f"{kind.title()} School {i:02d}", "school", f"S{i:03d}", "org-d"))

    people, enrollments, classes = [], [], []
    teacher_seq = 0

    def new_staff(role: str, school: str, counselor: int = 0) -> str:
        nonlocal teacher_seq
        teacher_seq += 1
        pid = f"t-{teacher_seq:05d}"
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        people.append(
            (
                pid,
                f"staff{teacher_seq:05d}",
                None,
                given,
                family,
                role,
                None,
                "staff",
                school,
                counselor,
                None,
                staff_hash,
            )
        )
        return pid

    for sid, _ in school_ids:
        new_staff("teacher", sid, counselor=1)
    new_staff("administrator", "org-d")

    per_grade = {
        g: students // len(GRADES) + (1 if i < students % len(GRADES) else 0) for i, g in enumerate(GRADES)
    }
    student_seq = 0
    roster: list[tuple[str, str, str]] = []  # (person, grade, school)
    for grade in GRADES:
        hosts = [sid for sid, kind in school_ids if grade in span[kind]]
        for h, sid in enumerate(hosts):
            count = per_grade[grade] // len(hosts) + (1 if h < per_grade[grade] % len(hosts) else 0)
            n_classes = max(1, round(count / CLASS_SIZE))
            # The first class of a grade is a full one (35: the grid benchmark's size), the
            # rest share what is left.
            sizes = [count]
            if n_classes > 1:
                first = min(BIG_CLASS, count - (n_classes - 1))
                rest = count - first
                sizes = [first] + [
                    rest // (n_classes - 1) + (1 if i < rest % (n_classes - 1) else 0)
                    for i in range(n_classes - 1)
                ]
            secondary = grade not in span["elementary"]
            teacher = None
            for c in range(n_classes):
                cid = f"c-{sid[4:]}-{grade}-{c + 1:02d}"
                if teacher is None or not secondary or c % 3 == 0:
                    teacher = new_staff("teacher", sid)  # secondary teachers have ~3 sections
                classes.append((cid, f"Grade {grade} - {c + 1:02d}", sid, grade, TIER[grade]))
                enrollments.append((f"e-{cid}-{teacher}", cid, teacher, sid, "teacher", 1))
                if c % 7 == 3:  # now and then a co-teacher
                    co = new_staff("teacher", sid)
                    enrollments.append((f"e-{cid}-{co}", cid, co, sid, "teacher", 0))
                for _ in range(sizes[c]):
                    student_seq += 1
                    pid = f"s-{student_seq:06d}"
                    people.append(
                        (
                            pid,
                            f"stu{student_seq:06d}",
                            f"{300000 + student_seq}",
                            rng.choice(GIVEN),
                            rng.choice(FAMILY),
                            "student",
                            grade,
                            TIER[grade],
                            sid,
                            0,
                            pin_hash,
                            None,
                        )
                    )
                    enrollments.append((f"e-{cid}-{pid}", cid, pid, sid, "student", 0))
                    roster.append((pid, grade, sid))
    class_of = {e[2]: e[1] for e in enrollments if e[4] == "student"}

    assignments, outbox = [], []
    due_choices = [year_start + timedelta(days=d) for d in (30, 60, 75, 90, 120, 150, 200)]
    teacher_of = {}
    for e in enrollments:
        if e[4] == "teacher" and e[5]:
            teacher_of[e[1]] = e[2]
    for cid, _, _, _grade, tier in classes:
        ordered = rng.random() < 0.3
        chosen = mods[tier][: rng.randint(4, MODULES_PER_TIER)]
        for pos, (mid, title, _) in enumerate(chosen, 1):
            aid = str(uuid.uuid4())
            due = rng.choice(due_choices).isoformat()
            at = moment_between(rng, year_start, min(today, year_start + timedelta(days=20)))
            position = pos if ordered else None
            assignments.append((aid, cid, mid, due, position, teacher_of[cid], iso(at), 0))
            record = xapi.assignment_record_id(aid, 0)
            st = xapi.assign_statement(
                record_id=record,
                sis_home_page=SIS,
                teacher_id=teacher_of[cid],
                module_id=mid,
                module_title=title,
                class_id=cid,
                due_date=due,
                position=position,
                timestamp=at,
            )
            outbox.append((st["id"], "assigned", record, json.dumps(st), iso(at), "sent", 1, None, iso(at)))

    pages, attempts, completions = [], [], []
    for y, (_, start, end) in enumerate(years):
        local = y == len(years) - 1
        last = min(end, today)
        back = len(years) - 1 - y
        for pid, grade, _ in roster:
            then = GRADES.index(grade) - back
            if then < 0:
                continue  # not at school yet
            tier = TIER[GRADES[then]]
            p_pass, p_fail, p_going = (0.55, 0.08, 0.12) if local else (0.9, 0.04, 0.03)
            for mid, title, n_pages in mods[tier]:
                roll = rng.random()
                if roll >= p_pass + p_fail + p_going:
                    continue
                when = moment_between(rng, start, last)
                if roll >= p_pass + p_fail:  # reading, no quiz yet
                    if local:
                        page = rng.randrange(n_pages)
                        pages.append((pid, mid, page, n_pages, page, iso(when)))
                    continue
                if local:
                    pages.append((pid, mid, n_pages - 1, n_pages, n_pages - 1, iso(when)))
                tries = 1 + (rng.random() < 0.2)
                for t in range(tries):
                    passed = roll < p_pass and t == tries - 1
                    total = 8
                    correct = rng.randint(7, 8) if passed else rng.randint(3, 6)
                    started = when + timedelta(minutes=12 * t)
                    finished = started + timedelta(minutes=rng.randint(4, 11))
                    aid = str(uuid.uuid4())
                    machine = rng.choice(MACHINES)
                    score = round(100 * correct / total)
                    attempts.append(
                        (
                            aid,
                            pid,
                            mid,
                            class_of[pid] if local else None,
                            "[]",
                            iso(started),
                            iso(finished),
                            correct,
                            total,
                            score,
                            int(passed),
                            80,
                            machine,
                        )
                    )
                    if passed:
                        completions.append(
                            (
                                xapi.completion_id(aid),
                                pid,
                                mid,
                                aid,
                                score,
                                iso(finished),
                                machine,
                                "local" if local else "district",
                            )
                        )
                    if local:
                        verb = "passed" if passed else "failed"
                        st = xapi.attempt_statement(
                            verb=verb,
                            record_id=aid,
                            sis_home_page=SIS,
                            person_id=pid,
                            module_id=mid,
                            module_title=title,
                            class_id=class_of[pid],
                            correct=correct,
                            total=total,
                            passed=passed,
                            started=started,
                            finished=finished,
                            machine=machine,
                        )
                        sent = finished.date() < today - timedelta(days=1)
                        outbox.append(
                            (
                                st["id"],
                                verb,
                                aid,
                                json.dumps(st),
                                iso(finished),
                                "sent" if sent else "pending",
                                int(sent),
                                None,
                                iso(finished + timedelta(minutes=5)) if sent else None,
                            )
                        )

    with transaction(db):
        c = db.conn
        c.executemany(
            "INSERT INTO orgs (sourced_id, name, type, identifier, parent_id) VALUES (?,?,?,?,?)", orgs
        )
        c.executemany(
            "INSERT INTO academic_sessions (sourced_id, title, type, start_date, end_date, school_year)"
            " VALUES (?,?,?,?,?,?)",
            [
                (sid, f"{s.year}-{e.year}", "schoolYear", s.isoformat(), e.isoformat(), str(e.year))
                for sid, s, e in years
            ],
        )
        c.executemany(
            "INSERT INTO classes (sourced_id, title, school_id, grades, tier, class_type, term_ids)"
            " VALUES (?,?,?,?,?,'homeroom',?)",
            [(cid, title, sid, g, t, current_sy) for cid, title, sid, g, t in classes],
        )
        c.executemany(
            """INSERT INTO people (sourced_id, username, identifier, given_name, family_name, role,
                 grade, tier, org_ids, is_counselor, code_hash, password_hash, code_kind)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?, CASE WHEN ? IS NULL THEN NULL ELSE 'pin' END)""",
            [p + (p[10],) for p in people],
        )
        c.executemany(
            "INSERT INTO enrollments (sourced_id, class_id, person_id, school_id, role, is_primary)"
            " VALUES (?,?,?,?,?,?)",
            enrollments,
        )
        c.executemany(
            """INSERT INTO assignments (id, class_id, module_id, due_date, position, assigned_by,
                 assigned_at, revision) VALUES (?,?,?,?,?,?,?,?)""",
            assignments,
        )
        c.executemany(
            "INSERT INTO page_progress (person_id, module_id, page, pages, max_page, updated_at)"
            " VALUES (?,?,?,?,?,?)",
            pages,
        )
        c.executemany(
            """INSERT INTO quiz_attempts (id, person_id, module_id, class_id, question_order, started_at,
                 submitted_at, correct, total, score, passed, pass_mark, machine)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            attempts,
        )
        c.executemany(
            """INSERT INTO completions (id, person_id, module_id, attempt_id, score, completed_at,
                 machine, source) VALUES (?,?,?,?,?,?,?,?)""",
            completions,
        )
        c.executemany(
            """INSERT INTO outbox (id, kind, record_id, statement, created_at, state, tries,
                 last_error, sent_at) VALUES (?,?,?,?,?,?,?,?,?)""",
            outbox,
        )
    set_setting(db, "sis_home_page", SIS)
    # The modules the records were made for (bench/reports.py queries the same ones).
    set_setting(
        db, "bench_modules", json.dumps({t: [[m, title] for m, title, _ in ms] for t, ms in mods.items()})
    )
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return {
        "schools": len(school_ids),
        "classes": len(classes),
        "students": len(roster),
        "staff": len(people) - len(roster),
        "assignments": len(assignments),
        "page_progress": len(pages),
        "attempts": len(attempts),
        "completions": len(completions),
        "outbox": len(outbox),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.schools < 3:
        parser.error("--schools must be at least 3 (elementary, middle and high)")
    started = time.perf_counter()
    counts = generate(args.data_dir, args.students, args.schools, args.seed)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(counts, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
