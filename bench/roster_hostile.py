"""Roster import under hostile and district-sized input: peak memory and time.

    python bench/roster_hostile.py [--workdir DIR] [--cases district,bomb,field,...] [--schools 30]

Builds, in a work directory:

- `district`: a real-looking OneRoster 1.1 export of `--schools` schools of 1,000 students
  (each in 5 classes of 25, 40 teachers a school): ~31,000 users and ~156,000 enrollments;
- `district-zip`: the same, zipped;
- `district-max`: as many such schools as the importer's row cap (MAX_ROWS) allows (54 schools,
  ~348,000 rows): the largest real-looking roster one import takes;
- `users-max`, `enrollments-max`: just under the row cap of rows whose every value differs
  (valid students; enrollments pointing nowhere), the costliest rows to hold;
- `fat`: the costliest valid roster under every cap: users.csv at the file cap with the row
  cap's worth of all-different students, orgs.csv filling the total cap with names as long
  as a field may be;
- `bomb`: a 0.6 MB zip whose enrollments.csv expands to 199 MB (one row repeated), the shape
  of issue 12's report;
- `bomb-lying`: the same zip with the central directory claiming the member is 1 MB;
- `field`: a users.csv with one 150 MB field (a quote never closed, then no line break);
- `field60`: the same with a 60 MB field (under the file cap: the line cap refuses it);
- `line`: a users.csv whose last row is 150 MB of unquoted text with no line break.

Each import runs in a child process over a fresh store (`citizenship-app roster import`
as a district would run it); the child's peak RSS comes from `os.wait4` (the kernel's
ru_maxrss of that child alone, started from a small launcher process) and the time is wall
clock from spawn to exit.
"""

from __future__ import annotations

import argparse
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citizenship_app.core import paths  # noqa: E402

GOAL_MB = 300
MANIFEST = """propertyName,value
manifest.version,1.0
oneroster.version,1.1
file.academicSessions,bulk
file.classes,bulk
file.courses,bulk
file.enrollments,bulk
file.orgs,bulk
file.users,bulk
"""
ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
SESSIONS = "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
COURSES = (
    "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,"
    "subjects,subjectCodes\n"
)
CLASSES = (
    "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
    "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
)
USERS = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
    "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
)
ENROLLMENTS = (
    "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
    "beginDate,endDate\n"
)
GIVEN = "Mateo Aaliyah Wei Noor Liam Zoe Kofi Priya Ethan Sofia José Hana Malik Olivia Arjun Zoë".split()
FAMILY = "Álvarez Johnson Chen Rahman OConnor Fischer Mensah Raman Brooks Rossi García Kim".split()
GRADES = ["KG"] + [f"{n:02d}" for n in range(1, 13)]


def write_district(
    folder: Path,
    schools: int = 30,
    students: int = 1000,
    per_student: int = 5,
    class_size: int = 25,
    teachers: int = 40,
    seed: int = 7,
) -> dict[str, int]:
    """A district export: each school's students in `per_student` classes of `class_size`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(["orgs", "academicSessions", "courses", "classes", "users", "enrollments"], 0)
    files = {name: open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") for name in counts}
    try:
        (folder / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
        for name, header in (
            ("orgs", ORGS),
            ("academicSessions", SESSIONS),
            ("courses", COURSES),
            ("classes", CLASSES),
            ("users", USERS),
            ("enrollments", ENROLLMENTS),
        ):
            files[name].write(header)
        files["orgs"].write("d-1,,,Bench District,district,BD,\n")
        files["academicSessions"].write("sy-2027,,,2026-2027,schoolYear,2026-08-26,2027-06-18,,2027\n")
        counts["orgs"], counts["academicSessions"] = 1, 1
        for s in range(schools):
            school = f"org-{s:03d}"
            files["orgs"].write(f"{school},,,Bench School {s},school,S{s:03d},d-1\n")
            counts["orgs"] += 1
            for grade in GRADES:
                files["courses"].write(
                    f"c-{s}-{grade},,,sy-2027,Digital Citizenship {grade},DC-{grade},{grade},{school},,\n"
                )
                counts["courses"] += 1
            staff = [f"t-{s}-{t}" for t in range(teachers)]
            for t in staff:
                files["users"].write(
                    f"{t},,,true,{school},teacher,{t},,{rng.choice(GIVEN)},{rng.choice(FAMILY)},,,"
                    f"{t}@bench.example,,,,,\n"
                )
                counts["users"] += 1
            kids = [(f"s-{s}-{n}", GRADES[n * len(GRADES) // students]) for n in range(students)]
            for kid, grade in kids:
                files["users"].write(
                    f"{kid},,,true,{school},student,{kid},,{rng.choice(GIVEN)},{rng.choice(FAMILY)},,"
                    f"{kid[2:]},,,,,{grade},\n"
                )
                counts["users"] += 1
            # per_student rounds: students in order, cut into classes of class_size.
            for round_ in range(per_student):
                order = kids[:]
                rng.shuffle(order)
                for c in range(0, len(order), class_size):
                    members = order[c : c + class_size]
                    grade = members[0][1]
                    klass = f"k-{s}-{round_}-{c // class_size}"
                    teacher = staff[(round_ * 7 + c // class_size) % len(staff)]
                    files["classes"].write(
                        f"{klass},,,Class {round_}.{c // class_size},{grade},c-{s}-{grade},,scheduled,,"
                        f"{school},sy-2027,,,\n"
                    )
                    counts["classes"] += 1
                    for person, role in [(teacher, "teacher")] + [(k, "student") for k, _ in members]:
                        files["enrollments"].write(
                            f"e-{klass}-{person},,,{klass},{school},{person},{role},false,,\n"
                        )
                        counts["enrollments"] += 1
    finally:
        for handle in files.values():
            handle.close()
    return counts


def write_unique(folder: Path, rows: int, kind: str) -> Path:
    """The demo roster with `rows` extra rows where every value is different, the costliest
    rows to hold: `users` (valid students) or `enrollments` (pointing at classes and people
    that do not exist: errors, but only once every file is read)."""
    shutil.copytree(paths.DEMO_ROSTER, folder)
    with open(folder / f"{kind}.csv", "a", encoding="utf-8", newline="") as out:
        for n in range(rows):
            if kind == "users":
                out.write(
                    f"u{n:07d},,,true,org-hv,student,user{n:07d},,Given{n:07d},Family{n:07d},,"
                    f"{n:09d},u{n:07d}@example.org,,,,04,\r\n"
                )
            else:
                out.write(f"x{n:07d},,,class-{n:07d},org-{n:07d},s-{n:07d},student,false,,\r\n")
    return folder


def write_fat(folder: Path, rows: int, file_bytes: int, total_bytes: int) -> Path:
    """The costliest valid roster under the caps: users.csv of `rows` students whose every
    value differs, padded to the file cap, and orgs.csv filling the rest of the total cap
    with schools whose names are as long as a field may be."""
    from citizenship_app.core.roster import MAX_FIELD_CHARS

    shutil.copytree(paths.DEMO_ROSTER, folder)
    pad = max(0, (file_bytes - 400_000) // rows - 110)
    with open(folder / "users.csv", "a", encoding="utf-8", newline="") as out:
        for n in range(rows):
            out.write(
                f"u{n:07d},,,true,org-hv,student,user{n:07d},,Given{n:07d}{'g' * (pad // 2)},"
                f"Family{n:07d}{'f' * (pad - pad // 2)},,{n:09d},u{n:07d}@example.org,,,,04,\r\n"
            )
    room = total_bytes - sum(p.stat().st_size for p in folder.iterdir()) - 10_000
    with open(folder / "orgs.csv", "a", encoding="utf-8", newline="") as out:
        for n in range(room // (MAX_FIELD_CHARS + 40)):
            out.write(f"org-fat-{n},,,{'N' * (MAX_FIELD_CHARS - 10)}{n:08d},school,,org-hvsd\r\n")
    return folder


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(folder.iterdir()):
            out.write(path, path.name)
    return target


def write_bomb(target: Path, expanded_mb: int = 190) -> Path:
    """The demo roster, zipped, with an enrollments.csv of one row repeated to `expanded_mb`."""
    row = b"e-kg-s-260001,,,class-kg,org-hv,s-260001,student,false,2026-08-26,2027-06-18\r\n"
    block = row * (1024 * 1024 // len(row))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for path in sorted(paths.DEMO_ROSTER.iterdir()):
            if path.name != "enrollments.csv":
                out.write(path, path.name)
        with out.open("enrollments.csv", "w", force_zip64=True) as member:
            member.write(ENROLLMENTS.encode())
            for _ in range(expanded_mb):
                member.write(block)
    return target


def lie_about_size(source: Path, target: Path, member: str = "enrollments.csv", claim: int = 1 << 20) -> Path:
    """A copy of `source` whose central directory says `member` expands to `claim` bytes."""
    shutil.copy(source, target)
    data = bytearray(target.read_bytes())
    # The central directory entry: find it by the local header offset it carries.
    at = data.rfind(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == member.encode():
            break
        at = data.rfind(b"PK\x01\x02", 0, at)
    size = struct.unpack_from("<I", data, at + 24)[0]
    if size != 0xFFFFFFFF:
        struct.pack_into("<I", data, at + 24, claim)
    else:  # zip64: the real size is in the extra field
        extra_len = struct.unpack_from("<H", data, at + 30)[0]
        extra = at + 46 + name_len
        end = extra + extra_len
        while extra < end:
            tag, length = struct.unpack_from("<HH", data, extra)
            if tag == 1:
                struct.pack_into("<Q", data, extra + 4, claim)
                break
            extra += 4 + length
    target.write_bytes(bytes(data))
    return target


def write_huge_field(folder: Path, mb: int = 150, quoted: bool = True) -> Path:
    """The demo roster with one more users.csv row holding a `mb` MB field."""
    shutil.copytree(paths.DEMO_ROSTER, folder)
    with open(folder / "users.csv", "ab") as out:
        out.write(b"s-big,,,true,org-hv,student,big,,Big," + (b'"' if quoted else b""))
        chunk = b"x" * 1_000_000
        for _ in range(mb):
            out.write(chunk)
    return folder


#: Runs a command and prints its peak RSS (KB) and exit code: a child's ru_maxrss includes what
#: its parent had mapped when it forked (the high-water mark survives exec), so the import is
#: started from this small process.
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status), file=sys.stderr)
"""


def measure(path: Path, data_dir: Path, *extra: str, code: Path = ROOT) -> dict:
    """Import `path` in a child process; its peak RSS (MB), wall time (s), exit code, first words.
    `code`: the folder whose citizenship_app runs (another checkout, to compare)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-c",
                LAUNCHER,
                sys.executable,
                "-m",
                "citizenship_app.cli",
                "--data-dir",
                str(data_dir),
                "roster",
                "import",
                str(path),
                *extra,
            ],
            stdout=out,
            stderr=err,
            cwd=code,
        )
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        said = (err.read() or b"").decode("utf-8", "replace").strip().splitlines()
        rss_kb, exit_code = map(int, said.pop().split())
        said = said or out.read().decode("utf-8", "replace").strip().splitlines()
    return {
        "rss_mb": rss_kb / 1024,
        "seconds": elapsed,
        "exit": exit_code,
        "said": said[0][:150] if said else "",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workdir", type=Path, help="where to build the inputs (default: a temporary folder)"
    )
    parser.add_argument(
        "--cases",
        default="district,district-zip,district-max,users-max,enrollments-max,fat,"
        "bomb,bomb-lying,field,field60,line",
    )
    parser.add_argument("--schools", type=int, default=30)
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="run the importer of another checkout (e.g. `git archive` of an older commit)",
    )
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="roster-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cases = args.cases.split(",")
    inputs: dict[str, Path] = {}
    district = work / "district"
    if {"district", "district-zip"} & set(cases):
        if not (district / "manifest.csv").exists():
            counts = write_district(district, schools=args.schools)
            print("district:", ", ".join(f"{n} {k}" for k, n in counts.items()))
        inputs["district"] = district
        if "district-zip" in cases:
            inputs["district-zip"] = zip_folder(district, work / "district.zip")
    from citizenship_app.core.roster import MAX_ROWS  # noqa: E402 (of this checkout)

    if "district-max" in cases:
        biggest = work / f"district-max-{MAX_ROWS}"
        if not (biggest / "manifest.csv").exists():  # 6,454 rows a school (1,040 people, 5,200 enrollments)
            counts = write_district(biggest, schools=(MAX_ROWS - 100) // 6454)
            print("district-max:", ", ".join(f"{n} {k}" for k, n in counts.items()))
        inputs["district-max"] = biggest
    for kind in ("users", "enrollments"):
        if f"{kind}-max" in cases:
            target = work / f"{kind}-max-{MAX_ROWS}"
            if not target.exists():
                write_unique(target, MAX_ROWS - 100, kind)
            inputs[f"{kind}-max"] = target
    if "fat" in cases:
        from citizenship_app.core.roster import MAX_FILE_BYTES, MAX_TOTAL_BYTES  # noqa: E402

        target = work / f"fat-{MAX_ROWS}"
        if not target.exists():
            write_fat(target, MAX_ROWS - 2_100, MAX_FILE_BYTES, MAX_TOTAL_BYTES)
        inputs["fat"] = target
    if {"bomb", "bomb-lying"} & set(cases):
        bomb = work / "bomb.zip"
        if not bomb.exists():
            write_bomb(bomb)
        inputs["bomb"] = bomb
        if "bomb-lying" in cases:
            inputs["bomb-lying"] = lie_about_size(bomb, work / "bomb-lying.zip")
    if "field" in cases:
        if not (work / "field").exists():
            write_huge_field(work / "field")
        inputs["field"] = work / "field"
    if "field60" in cases:
        if not (work / "field60").exists():
            write_huge_field(work / "field60", mb=60)
        inputs["field60"] = work / "field60"
    if "line" in cases:
        if not (work / "line").exists():
            write_huge_field(work / "line", quoted=False)
        inputs["line"] = work / "line"
    print("| input | size on disk | peak RSS | time | exit | first line of output |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for case in cases:
        path = inputs[case]
        size = sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
        data_dir = Path(tempfile.mkdtemp(prefix="store-", dir=work))
        result = measure(path, data_dir, code=args.code)
        shutil.rmtree(data_dir)
        worst = max(worst, result["rss_mb"])
        print(
            f"| {case} | {size / 1e6:.2f} MB | {result['rss_mb']:.0f} MB | {result['seconds']:.1f} s | "
            f"{result['exit']} | {result['said']} |",
            flush=True,
        )
    print(f"worst peak RSS {worst:.0f} MB (goal < {GOAL_MB} MB): {'met' if worst < GOAL_MB else 'NOT met'}")
    return 0 if worst < GOAL_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
