"""OneRoster CSV import: a folder or a zip of OneRoster 1.1 (or 1.2) files into the store.

    >>> result = import_roster(db, "exports/roster.zip")
    >>> result.errors            # [] when it went in; else every problem, nothing written
    >>> result.imported          # {"orgs": 2, "academicSessions": 3, ..., "enrollments": 31}
    >>> result.removals          # rows the store holds that this import marks removed, per file

Reading is done in three passes, so that every problem is reported at once:

1. *read*: each file is streamed line by line (UTF-8, with or without a BOM; CRLF, LF or CR)
   into `csv`, never read whole: a file, all files, a line, a field and the rows kept each
   have a cap (MAX_FILE_BYTES, MAX_TOTAL_BYTES, MAX_LINE_BYTES, MAX_FIELD_CHARS, MAX_ROWS),
   so any input is refused or taken in bounded memory (under 300 MB: bench/roster_hostile.py); a file
   that is not text stops at the first bad byte. Zip members are checked before they are
   opened (their number, their paths, no zip inside the zip, their declared size) and counted
   while they are read, since a header can lie.
2. *check*: headers, required fields, vocabularies, dates and booleans, row by row, and then
   the references between files (a class's school and course, an enrollment's class and user).
3. *write*: only if there was no error, in one transaction, into a `RosterTarget`: the
   kiosk's store (`import_roster`, through `KioskTarget`) or the district hub's database
   (`import_into`, with `citizenship_app.district.roster.HubTarget`); the reading and checking
   are the same for both. A bulk file replaces what the
   store holds; a delta file applies its rows, including `status=tobedeleted`.

Nothing is ever deleted: a row a bulk file no longer lists, or a delta row marks
`tobedeleted`, is kept and marked `tobedeleted` (people keep their codes and records, and are
left out of sign-in lists, class grids, compliance and overdue lists), so a later import that
lists them again restores them. A bulk import that would remove rows the store holds (the
shape of a cut-short SIS export) is refused, with the counts, unless `allow_removals` is
given; then a backup of the store is made first (`result.backup`).

Error lines are 1-based physical lines of the file (a quoted field may span several lines:
the row's first line is given); line 0 means the whole file or the whole roster.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .store import Store, transaction

if TYPE_CHECKING:
    from .access import Actor

#: The files we import, in the order they are checked and written (parents first).
FILES = ["orgs", "academicSessions", "courses", "classes", "users", "enrollments"]
TABLES = {
    "orgs": "orgs",
    "academicSessions": "academic_sessions",
    "courses": "courses",
    "classes": "classes",
    "users": "people",
    "enrollments": "enrollments",
}
#: Caps that keep a hostile or broken file from taking the machine's memory (issue 12). A
#: district of 30 schools x 1,000 students is 10 MB of enrollments.csv and 2 MB of users.csv.
MAX_FILE_BYTES = 64_000_000  # one CSV file, as expanded from the zip (64 MB)
MAX_TOTAL_BYTES = 80_000_000  # all the CSV files of one import together (80 MB)
MAX_LINE_BYTES = 1_000_000  # one physical line (1 MB)
MAX_FIELD_CHARS = 16 * 1024  # one field (the longest real ones are lists of ids)
MAX_ROWS = 250_000  # data rows, all files together: ~38,000 students in 5 classes each
MAX_ZIP_MEMBERS = 200  # a OneRoster zip has at most ~15 files (twice that with __MACOSX)
MAX_ERRORS = 1000  # more than this and the rest is summarised in one last error
_BLOCK = 256 * 1024  # bytes read at a time

# Vocabularies (OneRoster 1.1, with the 1.2 additions we can map).
ORG_TYPES = ["department", "school", "district", "local", "state", "national"]
SESSION_TYPES = ["gradingPeriod", "semester", "schoolYear", "term"]
USER_ROLES = ["administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"]
ENROLLMENT_ROLES = ["administrator", "aide", "proctor", "student", "teacher"]
CLASS_TYPES = ["homeroom", "scheduled"]
STATUSES = ["active", "tobedeleted"]
FILE_MODES = ["bulk", "delta", "absent"]
#: CEDS entry grades, lowest first (the order decides a class's tier).
GRADES = ["IT", "PR", "PK", "TK", "KG"] + [f"{n:02d}" for n in range(1, 14)] + ["PS", "UG", "Other"]
_TIERS = {
    "PK": "k-2",
    "TK": "k-2",
    "KG": "k-2",
    "01": "k-2",
    "02": "k-2",
    "03": "3-5",
    "04": "3-5",
    "05": "3-5",
    "06": "6-8",
    "07": "6-8",
    "08": "6-8",
    "09": "9-12",
    "10": "9-12",
    "11": "9-12",
    "12": "9-12",
}
STAFF_ROLES = {"teacher", "administrator", "aide", "proctor"}
# OneRoster 1.2 roles.csv role -> (store role, is counselor)
ROLES_12 = {
    "student": ("student", False),
    "teacher": ("teacher", False),
    "aide": ("aide", False),
    "proctor": ("proctor", False),
    "guardian": ("guardian", False),
    "parent": ("parent", False),
    "relative": ("relative", False),
    "counselor": ("teacher", True),
    "principal": ("administrator", False),
    "siteAdministrator": ("administrator", False),
    "districtAdministrator": ("administrator", False),
    "systemAdministrator": ("administrator", False),
}
ROLE_TYPES = ["primary", "secondary"]


@dataclass(frozen=True)
class Spec:
    """One CSV file: its columns (OneRoster order) and which of them must be filled."""

    columns: list[str]
    required: list[str]


SPECS: dict[str, Spec] = {
    "manifest": Spec(["propertyName", "value"], ["propertyName", "value"]),
    "orgs": Spec(
        "sourcedId status dateLastModified name type identifier parentSourcedId".split(),
        ["sourcedId", "name", "type"],
    ),
    "academicSessions": Spec(
        "sourcedId status dateLastModified title type startDate endDate parentSourcedId schoolYear".split(),
        ["sourcedId", "title", "type", "startDate", "endDate", "schoolYear"],
    ),
    "courses": Spec(
        "sourcedId status dateLastModified schoolYearSourcedId title courseCode grades "
        "orgSourcedId subjects subjectCodes".split(),
        ["sourcedId", "title", "orgSourcedId"],
    ),
    "classes": Spec(
        "sourcedId status dateLastModified title grades courseSourcedId classCode classType "
        "location schoolSourcedId termSourcedIds subjects subjectCodes periods".split(),
        ["sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"],
    ),
    "users": Spec(
        "sourcedId status dateLastModified enabledUser orgSourcedIds role username userIds "
        "givenName familyName middleName identifier email sms phone agentSourcedIds grades "
        "password".split(),
        ["sourcedId", "enabledUser", "orgSourcedIds", "role", "username", "givenName", "familyName"],
    ),
    "users12": Spec(  # OneRoster 1.2: role and orgs move to roles.csv
        "sourcedId status dateLastModified enabledUser username userIds givenName familyName "
        "middleName identifier email sms phone agentSourcedIds grades password "
        "userMasterIdentifier resourceSourcedIds preferredGivenName preferredMiddleName "
        "preferredFamilyName primaryOrgSourcedId pronouns".split(),
        ["sourcedId", "enabledUser", "username", "givenName", "familyName"],
    ),
    "roles": Spec(
        "sourcedId status dateLastModified userSourcedId roleType role beginDate endDate "
        "orgSourcedId userProfileSourcedId".split(),
        ["sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"],
    ),
    "enrollments": Spec(
        "sourcedId status dateLastModified classSourcedId schoolSourcedId userSourcedId role "
        "primary beginDate endDate".split(),
        ["sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"],
    ),
}


#: Every roster problem's code, with its English line (the CLI's, the JSON's `message`, the
#: logs'); parameters in braces. The admin screen words the codes itself (ui.messages), and
#: tests/test_translations.py checks it words every one. "removals" is said by removals_message.
ROSTER_ENGLISH: dict[str, str] = {
    # the whole roster, and its zip
    "removals": "",
    "backup-failed": "the store could not be backed up before the removals ({detail}): "
    "nothing was imported; free some disk space and import again",
    "more-problems": "{n} more problems not shown: fix these and import again",
    "no-such-path": "no such file or folder: give the roster folder or its .zip file",
    "not-a-zip": "not a readable zip file ({detail}): give the roster folder, or a "
    "complete .zip of its CSV files (download it again if it was cut short)",
    "zip-too-many-files": "the zip holds {count} files, more than the {max} a roster zip may: "
    "zip only the roster's CSV files",
    "zip-path-outside": "the zip holds a path outside its folder ({name}): "
    "make the zip again from the export folder",
    "zip-in-zip": "the zip holds another zip ({name}): unzip the outer one and give the inner zip "
    "(or its folder)",
    "roster-too-big": "the roster's files are more than {max_mb:.0f} MB together, "
    "more than one import may be: import it in parts, or check that these are the right files",
    "too-many-rows": "the roster has more than {max:,} rows in all: import it in parts "
    "(a delta file at a time), or check that these are the right files",
    # reading a file
    "zip-member-damaged": "the file cannot be read from the zip ({detail}): the zip is damaged or "
    "encrypted; make it again without a password",
    "file-too-big": "the file is {size_mb:.1f} MB, more than the {limit_mb:.1f} MB a roster file may be: "
    "check that it is the right file (a OneRoster file of a district of 100,000 is far smaller)",
    "file-unreadable": "the file cannot be read ({detail}): check that the file is there and readable",
    "utf16": "the file is UTF-16 text: save it as UTF-8 (in Excel: CSV UTF-8)",
    "binary": "the file holds binary data (NUL bytes), not CSV text: export the roster as CSV UTF-8",
    "line-too-long": "the line is longer than {max_mb:g} MB: a roster row is far "
    "shorter; check the file (a field with a quote that is never closed?)",
    "not-utf8": "byte 0x{byte:02x} at character {position} is not UTF-8: "
    "save the file as UTF-8 (in Excel: CSV UTF-8)",
    "csv-field-too-long": "a field is longer than {max_kb} KB: a roster field is far "
    "shorter; check the file (a field with a quote that is never closed?)",
    "csv-unreadable": "the CSV cannot be read from here on ({detail}): a field with a comma, quote or "
    'line break must be in double quotes, and a quote inside it doubled ("")',
    "field-count": "the row has {fields} fields but the header has "
    "{header}: put a field with a comma in double quotes",
    "field-too-long": "the field has more than {max:,} characters: a roster field is far shorter; "
    "check the file",
    "file-empty": "the file is empty: it needs the header row ({columns})",
    "column-twice": "the column {column} appears twice: keep one",
    "column-missing": "the header has no {column} column: add it (the header is {columns})",
    # the manifest
    "no-manifest": "there is no manifest.csv in {source}: a OneRoster "
    "export has one; it says which files are bulk or delta",
    "manifest-too-long": "manifest.csv has more than 1,000 rows: a OneRoster "
    "manifest has about 20; check that it is the right file",
    "version-missing": "oneroster.version is missing: this importer reads OneRoster 1.1 "
    "and 1.2 CSV (set oneroster.version to 1.1 or 1.2)",
    "version-unsupported": "oneroster.version is {version}: this importer reads OneRoster 1.1 "
    "and 1.2 CSV (set oneroster.version to 1.1 or 1.2)",
    "mode-unknown": "file.{name} is {mode!r}: use bulk, delta or absent",
    "manifest-no-row": "{name}.csv is in the roster but manifest.csv has no "
    "file.{name} row: add file.{name},bulk (or delta)",
    "manifest-file-missing": "manifest.csv (line {line}) says file.{name} is {mode} "
    "but there is no {name}.csv: add the file or set it to absent",
    "manifest-absent-present": "file.{name} is absent but {name}.csv is in the roster: "
    "set it to bulk or delta, or leave the file out",
    "roles-need-users": "roles.csv needs users.csv in the same import: add users.csv",
    # a field of a row
    "empty": "{column} is empty: fill it in",
    "status-empty-delta": "status is empty: a delta file says active or tobedeleted on every row",
    "not-a-choice": "{value!r} is not a {column}: use one of {choices}",
    "not-a-boolean": "{value!r} is not a boolean: use true or false",
    "not-a-date": "{value!r} is not a date: use YYYY-MM-DD, e.g. 2026-08-26",
    "not-a-timestamp": "{value!r} is not a date and time: use ISO 8601, e.g. 2026-08-26T14:05:00.000Z",
    "not-a-year": "{value!r} is not a year: use four digits, the year the school year ends (e.g. 2027)",
    "grade-two-digits": "{value!r} is not a grade: use two digits: {grade}",
    "grade-kindergarten": "{value!r} is not a grade: use KG for kindergarten",
    "grade-unknown": "{value!r} is not a grade: "
    "use KG, 01 to 12, or another CEDS grade (IT, PR, PK, TK, 13, PS, UG, Other)",
    "end-before-start": "endDate {end} is before startDate {start}: swap or correct them",
    "end-before-begin": "endDate {end} is before beginDate {begin}: swap or correct them",
    # rows together, and the references between files
    "duplicate-id": "{id!r} is also on line {first}: each sourcedId must appear once",
    "username-twice": "username {username!r} is also on line {first}: usernames must be unique",
    "username-taken": "username {username!r} belongs to {owner!r} already: usernames must be unique",
    "role-user-missing": "{user!r} is not in users.csv: add the user or remove this role",
    "user-no-role": "{user!r} has no role in roles.csv: add a roles.csv row with roleType primary",
    "second-primary": "{user!r} already has a primary role (line {first}): make this one secondary",
    "org-not-school": "{id!r} is an org but not a school: give the school's sourcedId",
    "not-a-school": "{id!r} is not a school in orgs.csv: add it there with type school",
    "missing-ref": "{id!r} is not in {kind}.csv: add it there or correct this id",
    "enrollment-school": "{school!r} is not the school of class {class_id!r} ({class_school!r}): "
    "give the class's school, or enroll the person in a class of that school",
}


@dataclass(frozen=True)
class RosterError:
    """One problem, located: `users.csv:12: role: ...` (column is a CSV header name or ""),
    as a code of ROSTER_ENGLISH with the parameters its words need; `message` is the English."""

    file: str
    line: int
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in ROSTER_ENGLISH:
            raise AssertionError(f"unknown roster error code {self.code!r}: add it to ROSTER_ENGLISH")

    @property
    def message(self) -> str:
        """The English line (the CLI's and the logs')."""
        if self.code == "removals":
            return removals_message(self.params["removals"], self.params["held"])
        return ROSTER_ENGLISH[self.code].format(**self.params)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "code": self.code,
            "params": dict(self.params),
        }


@dataclass
class ImportResult:
    """Rows read per file (keys of FILES) and the problems found; nothing is written if any.

    `removals`: per file, the active rows the store holds that this import marks removed
    (kept, `tobedeleted`); `held`: the active rows per file before it. `refused` is
    REFUSED_REMOVALS when a bulk import would remove rows and `allow_removals` was not given
    (the numbers are in `removals` and `held`: the screens word it); `backup` is the backup
    made before removals were written; `needs_permission` (from a dry run): the import
    would be refused without `allow_removals` (removing the demo school's rows needs none).
    """

    imported: dict[str, int]
    errors: list[RosterError]
    removals: dict[str, int] = field(default_factory=dict)
    held: dict[str, int] = field(default_factory=dict)
    refused: str | None = None
    backup: Path | None = None
    needs_permission: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        return {
            "imported": {} if self.errors else dict(self.imported),
            "errors": [e.to_json() for e in self.errors],
            "removals": dict(self.removals),
            "held": dict(self.held),
            "refused": self.refused,
            "backup": str(self.backup) if self.backup else None,
        }


#: ImportResult.refused: the import would remove rows the store holds; nothing was written.
REFUSED_REMOVALS = "removals"


def removals_message(removals: dict[str, int], held: dict[str, int]) -> str:
    """The refusal in words (English; the admin screen words it itself)."""
    nouns = {
        "users": "people",
        "enrollments": "enrollments",
        "classes": "classes",
        "courses": "courses",
        "academicSessions": "academic sessions",
        "orgs": "orgs",
    }
    order = ["users", "classes", "enrollments", "courses", "academicSessions", "orgs"]
    parts = [f"{removals[n]} of the {held.get(n, 0)} {nouns[n]}" for n in order if removals.get(n)]
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "nothing"
    return (
        f"this import would remove {listed} the store holds (the roster files no longer list them; "
        "a cut-short SIS export looks like this): nothing was imported. Check the export; if they "
        "really left, import again allowing removals (--allow-removals): a backup is made first, "
        "and they are kept, marked inactive, with their records"
    )


def grade_to_tier(grade: str) -> str | None:
    """The lesson tier of a CEDS grade: KG/PK/TK/01/02 -> "k-2", ..., 09-12 -> "9-12"."""
    return _TIERS.get(grade.strip()) if grade else None


def roster_summary(db: Store) -> dict[str, int]:
    """How many active rows the store holds, under the OneRoster file names."""
    return {
        name: db.execute(f"SELECT COUNT(*) FROM {TABLES[name]} WHERE status = 'active'").fetchone()[0]
        for name in FILES
    }


class RosterTarget(Protocol):
    """Where a checked roster is written: the kiosk's SQLite store (`KioskTarget`) or the
    hub's database (`citizenship_app.district.roster`). Reading and checking are the same
    for both (`import_into`); only these steps differ. All of them run inside `transaction()`,
    so an import lands whole or not at all."""

    def transaction(self) -> AbstractContextManager: ...

    def load_state(self) -> RosterState:
        """The roster the target holds now (what references are checked against)."""
        ...

    def demo_ids(self) -> dict[str, frozenset[str]] | None:
        """The demo school's sourcedIds per file, while the target holds it (removable freely)."""
        ...

    def backup(self) -> Path | None:
        """Back up before rows are marked removed (None: the target has no backup of its own)."""
        ...

    def record_import(self, detail: dict) -> None:
        """Audit the import, in its own transaction."""
        ...

    def upsert(self, name: str, rows: list[dict]) -> None:
        """Insert or update active rows of one file: {"sourced_id", *COLUMNS[name]}."""
        ...

    def mark_counselors(self, ids: set[str]) -> None: ...

    def remove(self, name: str, ids: set[str]) -> None:
        """Mark rows `tobedeleted` (never delete), with a removed person's or class's
        enrollments; a removed person is disabled."""
        ...


def import_roster(
    db: Store,
    path: str | os.PathLike,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    dry_run: bool = False,
    allow_removals: bool = False,
    actor: Actor | None = None,
) -> ImportResult:
    """Import the roster at `path` into the kiosk's store (see `import_into`)."""
    return import_into(
        KioskTarget(db, actor),
        path,
        max_file_bytes=max_file_bytes,
        dry_run=dry_run,
        allow_removals=allow_removals,
    )


def import_into(
    target: RosterTarget,
    path: str | os.PathLike,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    dry_run: bool = False,
    allow_removals: bool = False,
) -> ImportResult:
    """Check every file of the roster at `path` (a folder or a .zip), then write it into
    `target` in one transaction, or write nothing and return every problem.

    `dry_run` checks everything (references against the target included) and reports the
    counts, removals included, without writing or refusing. A bulk import that would remove
    rows the target holds is refused (`refused`, one error) unless `allow_removals`; when it
    is allowed, the target is backed up first."""
    report = _Report()
    source = _open_source(Path(path), report, max_file_bytes)
    if source is None:
        return ImportResult({}, report.finish())
    try:
        roster = _read_roster(source, report)
    finally:
        source.close()
    if roster is None:
        return ImportResult({}, report.finish())
    with target.transaction():
        state = target.load_state()
        _check_references(roster, state, report)
        if report.errors:
            return ImportResult({}, report.finish())
        removals, guarded = _removals(roster, state, target.demo_ids())
        held = {name: len(state.ids[name]) for name in FILES}
        imported = {name: len(roster.rows.get(name, [])) for name in FILES}
        if dry_run:
            return ImportResult(imported, [], removals, held, needs_permission=guarded)
        if guarded and not allow_removals:
            error = RosterError("", 0, "", "removals", {"removals": removals, "held": held})
            return ImportResult({}, [error], removals, held, REFUSED_REMOVALS)
        try:
            backup = target.backup() if any(removals.values()) else None
        except (OSError, sqlite3.Error) as exc:  # no removal without its backup
            error = RosterError("", 0, "", "backup-failed", {"detail": str(exc)})
            return ImportResult({}, [error], removals, held)
        # In the import's own transaction: the audit row and the roster land together.
        target.record_import(
            {
                "file": Path(path).name,
                "imported": imported,
                "removed": {k: n for k, n in removals.items() if n},
            }
        )
        _write(target, roster, state)
    return ImportResult(imported, [], removals, held, None, backup)


class KioskTarget:
    """The kiosk's SQLite store as a RosterTarget (audited as `actor`, or the system)."""

    def __init__(self, db: Store, actor: Actor | None = None) -> None:
        self.db, self.actor = db, actor

    def transaction(self) -> AbstractContextManager:
        return transaction(self.db)

    def load_state(self) -> RosterState:
        db = self.db
        ids = {
            name: {r[0] for r in db.execute(f"SELECT sourced_id FROM {TABLES[name]} WHERE status = 'active'")}
            for name in FILES
        }
        schools = {
            r[0]
            for r in db.execute("SELECT sourced_id FROM orgs WHERE status = 'active' AND type = 'school'")
        }
        grades = dict(db.execute("SELECT sourced_id, grades FROM courses").fetchall())
        usernames = dict(
            db.execute(
                "SELECT lower(username), sourced_id FROM people "
                "WHERE status = 'active' AND username IS NOT NULL"
            ).fetchall()
        )
        class_schools = dict(db.execute("SELECT sourced_id, school_id FROM classes").fetchall())
        return RosterState(ids, schools, grades, usernames, class_schools)

    def demo_ids(self) -> dict[str, frozenset[str]] | None:
        from .demo_roster import demo_roster_ids
        from .store import get_setting

        return demo_roster_ids() if get_setting(self.db, "demo") == "1" else None

    def backup(self) -> Path | None:
        """Back up the store before rows are marked removed (it reads the committed state,
        which is what was checked: this connection holds the write lock but has written
        nothing yet)."""
        from .backup import make_backup

        file = next((r[2] for r in self.db.execute("PRAGMA database_list") if r[1] == "main"), "")
        return make_backup(Path(file).parent, reason="before-roster-removals") if file else None

    def record_import(self, detail: dict) -> None:
        from . import audit
        from .access import SYSTEM

        audit.record(
            self.db, SYSTEM if self.actor is None else self.actor, audit.IMPORT_ROSTER, detail=detail
        )

    def upsert(self, name: str, rows: list[dict]) -> None:
        columns = COLUMNS[name]
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns + ["status"])
        sql = (
            f"INSERT INTO {TABLES[name]} (sourced_id, {', '.join(columns)}, status) "
            f"VALUES (?, {', '.join('?' for _ in columns)}, 'active') "
            f"ON CONFLICT(sourced_id) DO UPDATE SET {updates}"
        )
        self.db.conn.executemany(sql, ([r["sourced_id"]] + [r[c] for c in columns] for r in rows))

    def mark_counselors(self, ids: set[str]) -> None:
        self.db.conn.executemany(
            "UPDATE people SET is_counselor = 1 WHERE sourced_id = ?", [(i,) for i in ids]
        )

    def remove(self, name: str, ids: set[str]) -> None:
        """People keep their codes and their records (attempts, completions, assignments
        refer to them), and a later import restores them (and enables them again)."""
        db = self.db
        params = [(i,) for i in ids]
        if name in ("users", "classes"):
            column = "person_id" if name == "users" else "class_id"
            db.conn.executemany(f"UPDATE enrollments SET status = 'tobedeleted' WHERE {column} = ?", params)
        db.conn.executemany(f"UPDATE {TABLES[name]} SET status = 'tobedeleted' WHERE sourced_id = ?", params)
        if name == "users":
            db.conn.executemany("UPDATE people SET enabled = 0 WHERE sourced_id = ?", params)


# --------------------------------------------------------------------------- errors


class _Report:
    """Collects errors, up to MAX_ERRORS."""

    def __init__(self) -> None:
        self.errors: list[RosterError] = []
        self.dropped = 0

    def add(self, file: str, line: int, column: str, code: str, /, **params: Any) -> None:
        if len(self.errors) < MAX_ERRORS or line == 0:  # a whole-file problem is always shown
            self.errors.append(RosterError(file, line, column, code, params))
        else:
            self.dropped += 1

    def finish(self) -> list[RosterError]:
        """The errors in file order (manifest first, parents before children), then by line."""
        order = ["manifest.csv"] + [f"{n}.csv" for n in FILES[:5]] + ["roles.csv", "enrollments.csv"]
        errors = sorted(self.errors, key=lambda e: (order.index(e.file) if e.file in order else -1, e.line))
        if self.dropped:
            errors.append(RosterError("", 0, "", "more-problems", {"n": self.dropped}))
        return errors


# --------------------------------------------------------------------------- sources


class _Unreadable(Exception):
    """A file that cannot be read: a code of ROSTER_ENGLISH and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


_Member = TypeVar("_Member")  # what names a file in its folder or zip: a Path or a ZipInfo


class _Source(Generic[_Member]):
    """The files of one roster: `names` are the CSV file names found, `open` gives a binary
    stream (raising _Unreadable when the file is too big or cannot be opened)."""

    def __init__(
        self,
        label: str,
        names: dict[str, _Member],
        opener: Callable[[_Member, int], IO[bytes]],
        limit: int,
        close: Callable[[], None] = lambda: None,
    ) -> None:
        self.label, self.names, self._opener, self.limit, self.close = label, names, opener, limit, close
        self.total = 0  # bytes read from all files (MAX_TOTAL_BYTES)

    def has(self, filename: str) -> bool:
        return filename in self.names

    def open(self, filename: str) -> IO[bytes]:
        return self._opener(self.names[filename], self.limit)


_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)


def _open_source(path: Path, report: _Report, limit: int) -> _Source[Any] | None:
    label = str(path)
    if path.is_dir():
        names = {p.name: p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"}
        return _Source(label, names, _open_path, limit)
    if not path.exists():
        report.add(label, 0, "", "no-such-path")
        return None
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        report.add(label, 0, "", "not-a-zip", detail=str(exc))
        return None
    problem = _unsafe_zip(members)
    if problem:
        archive.close()
        report.add(label, 0, "", problem[0], **problem[1])
        return None
    infos = [i for i in members if not i.is_dir() and i.filename.lower().endswith(".csv")]
    folder = _zip_folder(infos)
    in_folder = {
        PurePosixPath(i.filename).name: i for i in infos if str(PurePosixPath(i.filename).parent) == folder
    }

    def open_member(info: zipfile.ZipInfo, limit: int) -> IO[bytes]:
        if info.file_size > limit:  # declared; _lines counts what really comes out too
            raise _too_big(info.file_size, limit)
        try:
            return archive.open(info)
        except _ZIP_ERRORS as exc:
            raise _Unreadable("zip-member-damaged", detail=str(exc)) from None

    return _Source(label, in_folder, open_member, limit, archive.close)


def _unsafe_zip(members: list[zipfile.ZipInfo]) -> tuple[str, dict[str, Any]] | None:
    """Why a zip is refused before any member is opened (a code and its parameters), or None."""
    if len(members) > MAX_ZIP_MEMBERS:
        return "zip-too-many-files", {"count": len(members), "max": MAX_ZIP_MEMBERS}
    for info in members:
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            return "zip-path-outside", {"name": name}
        if name.lower().endswith(".zip"):
            return "zip-in-zip", {"name": name}
    return None


def _zip_folder(infos: list[zipfile.ZipInfo]) -> str:
    """The folder inside the zip that holds manifest.csv (files are often zipped in a folder)."""
    for info in infos:
        p = PurePosixPath(info.filename)
        if p.name == "manifest.csv" and "__MACOSX" not in p.parts:
            return str(p.parent)
    return "."


def _open_path(path: Path, limit: int) -> IO[bytes]:
    try:
        size = path.stat().st_size
        if size > limit:
            raise _too_big(size, limit)
        return open(path, "rb")
    except OSError as exc:
        raise _Unreadable("file-unreadable", detail=str(exc.strerror or exc)) from None


def _too_big(size: int, limit: int) -> _Unreadable:
    return _Unreadable("file-too-big", size_mb=round(size / 1e6, 1), limit_mb=round(limit / 1e6, 1))


# --------------------------------------------------------------------------- CSV reading


class _Stop(Exception):
    """The rest of a file cannot be read; the problem is already reported."""


_LINE_END = re.compile(rb"\r\n?|\n")


def _lines(stream: IO[bytes], file: str, source: _Source, report: _Report) -> Iterator[str]:
    """The file's physical lines as text (line ends kept, for csv), read a block at a time.

    Raises _Stop, reported at its line, for: more than `source.limit` bytes (or the roster's
    files together more than MAX_TOTAL_BYTES), a line over
    MAX_LINE_BYTES, UTF-16, NUL bytes (binary data) and bytes that are not UTF-8.
    """
    total, line, pending, first = 0, 0, b"", True
    while True:
        try:
            block = stream.read(_BLOCK)
        except _ZIP_ERRORS as exc:
            report.add(file, 0, "", "zip-member-damaged", detail=str(exc))
            raise _Stop from None
        total += len(block)
        source.total += len(block)
        if total > source.limit:
            problem = _too_big(total, source.limit)
            report.add(file, 0, "", problem.code, **problem.params)
            raise _Stop
        if source.total > MAX_TOTAL_BYTES:
            report.add(file, 0, "", "roster-too-big", max_mb=MAX_TOTAL_BYTES / 1e6)
            raise _Stop
        if first:
            first = False
            if block.startswith((b"\xff\xfe", b"\xfe\xff")):
                report.add(file, 1, "", "utf16")
                raise _Stop
            if block.startswith(b"\xef\xbb\xbf"):
                block = block[3:]
            nul = block.find(b"\x00")  # binary: say so, rather than "not UTF-8" at its first byte
            if nul >= 0:
                _binary(file, line + block.count(b"\n", 0, nul) + 1, report)
        data = pending + block if pending else block
        pos = 0
        for match in _LINE_END.finditer(data):
            if block and match.end() == len(data) and data.endswith(b"\r"):
                break  # a CR at the end of a block may be half of a CRLF
            line += 1
            yield _decode_line(data[pos : match.end()], file, line, report)
            pos = match.end()
        pending = data[pos:]
        if len(pending) > MAX_LINE_BYTES:
            _long_line(file, line + 1, report)
        if not block:
            if pending:
                yield _decode_line(pending, file, line + 1, report)
            return


def _binary(file: str, line: int, report: _Report) -> None:
    report.add(file, line, "", "binary")
    raise _Stop


def _long_line(file: str, line: int, report: _Report) -> None:
    report.add(file, line, "", "line-too-long", max_mb=MAX_LINE_BYTES / 1e6)
    raise _Stop


def _decode_line(data: bytes, file: str, line: int, report: _Report) -> str:
    if len(data) > MAX_LINE_BYTES:
        _long_line(file, line, report)
    if b"\x00" in data:
        _binary(file, line, report)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.add(file, line, "", "not-utf8", byte=data[exc.start], position=exc.start + 1)
        raise _Stop from None


# What _rows streams: ("header", (line, names)), ("row", (line, values)) or ("stop", (0, {})).
_Item = tuple[str, tuple[int, Any]]


def _rows(source: _Source, filename: str, spec: Spec, report: _Report) -> Iterator[_Item]:
    """Stream one file: first ("header", (line, names)) with its canonical header (a column
    we do not use is ""), then ("row", (line, values)) per data row. Problems are reported; a
    file that cannot be read on stops the stream with ("stop", ...) as its last item."""
    try:
        stream = source.open(filename)
    except _Unreadable as exc:
        report.add(filename, 0, "", exc.code, **exc.params)
        yield "stop", (0, {})
        return
    with stream:
        try:
            yield from _parse(_lines(stream, filename, source, report), filename, spec, report)
        except _Stop:
            yield "stop", (0, {})


def _parse(lines: Iterator[str], file: str, spec: Spec, report: _Report) -> Iterator[_Item]:
    reader = csv.reader(lines, strict=True)
    header: list[str] | None = None
    line = 0
    while True:
        start = line + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                report.add(file, start, "", "csv-field-too-long", max_kb=csv.field_size_limit() // 1024)
            else:
                report.add(file, start, "", "csv-unreadable", detail=str(exc))
            raise _Stop from None
        line = reader.line_num
        if not any(f.strip() for f in fields):
            continue  # a blank line, or a row of empty cells left by a spreadsheet
        if header is None:
            header = _check_header(fields, file, start, spec, report)
            if header is None:
                raise _Stop
            yield "header", (start, [h for h in header if h])
            continue
        if len(fields) != len(header):
            report.add(file, start, "", "field-count", fields=len(fields), header=len(header))
            continue
        long = next((h or "" for h, v in zip(header, fields, strict=True) if len(v) > MAX_FIELD_CHARS), None)
        if long is not None:  # reported; the row is still checked (cut short) for its other fields
            report.add(file, start, long, "field-too-long", max=MAX_FIELD_CHARS)
            fields = [v[:MAX_FIELD_CHARS] for v in fields]
        yield "row", (start, {h: v.strip() for h, v in zip(header, fields, strict=True) if h})
    if header is None:
        report.add(file, 1, "", "file-empty", columns=",".join(spec.columns))
        raise _Stop


def _check_header(fields: list[str], file: str, line: int, spec: Spec, report: _Report) -> list[str] | None:
    """Canonical column names ("" for a column we do not use), or None if unusable."""
    known = {c.lower(): c for c in spec.columns}
    header, seen, ok = [], set(), True
    for raw in fields:
        name = known.get(raw.strip().lower(), "")
        if name and name in seen:
            report.add(file, line, name, "column-twice", column=name)
            ok = False
        seen.add(name)
        header.append(name)
    missing = [c for c in spec.required if c not in seen]
    for column in missing:
        report.add(file, line, column, "column-missing", column=column, columns=",".join(spec.columns))
    return header if ok and not missing else None


# --------------------------------------------------------------------------- row checks


class _Row:
    """One data row being checked: typed getters that report what is wrong where."""

    def __init__(self, file: str, line: int, values: dict[str, str], report: _Report):
        self.file, self.line, self.values, self.report = file, line, values, report
        self.refs: list[tuple[str, str, str]] = []  # (column, kind, id)

    def error(self, column: str, code: str, /, **params: Any) -> None:
        self.report.add(self.file, self.line, column, code, **params)

    def text(self, column: str, required: bool = False) -> str | None:
        value = self.values.get(column, "")
        if not value:
            if required:
                self.error(column, "empty", column=column)
            return None
        return value

    def choice(self, column: str, allowed: list[str], required: bool = False) -> str | None:
        value = self.text(column, required)
        if value is None:
            return None
        for option in allowed:
            if option.lower() == value.lower():
                return option
        self.error(column, "not-a-choice", value=value, column=column, choices=", ".join(allowed))
        return None

    def boolean(self, column: str, required: bool = False, default: bool = False) -> bool:
        value = self.text(column, required)
        if value is None:
            return default
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        self.error(column, "not-a-boolean", value=value)
        return default

    def date(self, column: str, required: bool = False) -> str | None:
        value = self.text(column, required)
        if value is None:
            return None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
            try:
                date.fromisoformat(value)
                return value
            except ValueError:
                pass
        self.error(column, "not-a-date", value=value)
        return None

    def timestamp(self, column: str) -> None:
        value = self.text(column)
        if value is None:
            return
        if re.fullmatch(
            r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?", value, re.ASCII
        ):
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
                return
            except ValueError:
                pass
        self.error(column, "not-a-timestamp", value=value)

    def year(self, column: str, required: bool = False) -> str | None:
        value = self.text(column, required)
        if value is not None and not re.fullmatch(r"\d{4}", value, re.ASCII):
            self.error(column, "not-a-year", value=value)
            return None
        return value

    def ids(self, column: str, required: bool = False) -> list[str]:
        value = self.text(column, required)
        return [v.strip() for v in value.split(",") if v.strip()] if value else []

    def grades(self, column: str) -> list[str]:
        canonical = {g.lower(): g for g in GRADES}
        result = []
        for value in self.ids(column):
            grade = canonical.get(value.lower())
            if grade is None:
                if value.isascii() and value.isdigit() and 0 < int(value) < 14:
                    self.error(column, "grade-two-digits", value=value, grade=f"{int(value):02d}")
                elif value.upper() in ("K", "KN", "KINDERGARTEN"):
                    self.error(column, "grade-kindergarten", value=value)
                else:
                    self.error(column, "grade-unknown", value=value)
            else:
                result.append(grade)
        return result

    def ref(self, column: str, kind: str, *ids: str | None) -> None:
        self.refs.extend((column, kind, i) for i in ids if i)


class _Record:
    """A checked row: its id, status, the store columns (`values`), and the references to
    check (`refs`: column, kind, id). A district roster is hundreds of thousands of these, so
    the values are kept as a tuple beside a key tuple shared by the file's rows, and the
    references are derived from the values (REFS) except where a row carries its own."""

    __slots__ = ("line", "sourced_id", "status", "keys", "fields", "own_refs")

    def __init__(
        self,
        line: int,
        sourced_id: str,
        status: str,
        values: dict,
        refs: Iterable[tuple[str, str, str]] | None = None,
    ) -> None:
        self.line, self.sourced_id, self.status, self.own_refs = line, sourced_id, status, refs
        self.values = values

    @property
    def values(self) -> dict:
        """The store columns as a new dict: assign it back after changing it."""
        return dict(zip(self.keys, self.fields, strict=True))

    @values.setter
    def values(self, values: dict) -> None:
        self.keys, self.fields = tuple(values), tuple(values.values())

    def refs(self, name: str) -> Iterator[tuple[str, str, str]]:
        if self.own_refs is not None:
            yield from self.own_refs
            return
        values = dict(zip(self.keys, self.fields, strict=True))
        for column, kind, key, many in REFS.get(name, ()):
            value = values.get(key)
            for target in (value.split(",") if many else [value]) if value else ():
                yield column, kind, target


_MAX_SHARED = 200_000
#: Values that differ on every row: not worth a place in the table of shared strings.
_UNIQUE = frozenset({"username", "email", "identifier"})

#: The references a file's rows make, derived from their values: (column, kind, key, a list?).
REFS: dict[str, list[tuple[str, str, str, bool]]] = {
    "orgs": [("parentSourcedId", "orgs", "parent_id", False)],
    "academicSessions": [("parentSourcedId", "academicSessions", "parent_id", False)],
    "courses": [
        ("orgSourcedId", "orgs", "org_id", False),
        ("schoolYearSourcedId", "academicSessions", "school_year_id", False),
    ],
    "classes": [
        ("schoolSourcedId", "schools", "school_id", False),
        ("courseSourcedId", "courses", "course_id", False),
        ("termSourcedIds", "academicSessions", "term_ids", True),
    ],
    "users": [("orgSourcedIds", "orgs", "org_ids", True)],  # OneRoster 1.1; 1.2 rows carry their own
    "enrollments": [
        ("classSourcedId", "classes", "class_id", False),
        ("userSourcedId", "users", "person_id", False),
        ("schoolSourcedId", "orgs", "school_id", False),
    ],
}


def _check_common(row: _Row, delta: bool) -> tuple[str | None, str]:
    sourced_id = row.text("sourcedId", required=True)
    if delta and not row.text("status"):
        row.error("status", "status-empty-delta")
    status = row.choice("status", STATUSES) or "active"
    row.timestamp("dateLastModified")
    return sourced_id, status


def _org(row: _Row) -> dict:
    parent = row.text("parentSourcedId")
    row.ref("parentSourcedId", "orgs", parent)
    return {
        "name": row.text("name", True),
        "type": row.choice("type", ORG_TYPES, True),
        "identifier": row.text("identifier"),
        "parent_id": parent,
    }


def _session(row: _Row) -> dict:
    start, end = row.date("startDate", True), row.date("endDate", True)
    if start and end and end < start:
        row.error("endDate", "end-before-start", end=end, start=start)
    parent = row.text("parentSourcedId")
    row.ref("parentSourcedId", "academicSessions", parent)
    return {
        "title": row.text("title", True),
        "type": row.choice("type", SESSION_TYPES, True),
        "start_date": start,
        "end_date": end,
        "parent_id": parent,
        "school_year": row.year("schoolYear", True),
    }


def _course(row: _Row) -> dict:
    org, year = row.text("orgSourcedId", True), row.text("schoolYearSourcedId")
    row.ref("orgSourcedId", "orgs", org)
    row.ref("schoolYearSourcedId", "academicSessions", year)
    return {
        "title": row.text("title", True),
        "org_id": org,
        "course_code": row.text("courseCode"),
        "grades": ",".join(row.grades("grades")) or None,
        "school_year_id": year,
    }


def _class(row: _Row) -> dict:
    school, course = row.text("schoolSourcedId", True), row.text("courseSourcedId", True)
    terms = row.ids("termSourcedIds", True)
    row.ref("schoolSourcedId", "schools", school)
    row.ref("courseSourcedId", "courses", course)
    row.ref("termSourcedIds", "academicSessions", *terms)
    grades = row.grades("grades")
    return {
        "title": row.text("title", True),
        "school_id": school,
        "course_id": course,
        "class_code": row.text("classCode"),
        "class_type": row.choice("classType", CLASS_TYPES, True),
        "grades": ",".join(grades) or None,
        "tier": _lowest_tier(grades),
        "term_ids": ",".join(terms),
    }


def _user(row: _Row, with_role: bool) -> dict:
    values: dict[str, Any] = {
        "username": row.text("username", True),
        "identifier": row.text("identifier"),
        "given_name": row.text("givenName", True),
        "family_name": row.text("familyName", True),
        "email": row.text("email"),
        "enabled": int(row.boolean("enabledUser", True, default=True)),
    }
    grades = row.grades("grades")
    values["grade"] = grades[0] if grades else None
    if with_role:
        orgs = row.ids("orgSourcedIds", True)
        row.ref("orgSourcedIds", "orgs", *orgs)
        role = row.choice("role", USER_ROLES, True)
        values.update(role=role, org_ids=",".join(orgs), tier=_person_tier(role, grades))
    else:
        primary_org = row.text("primaryOrgSourcedId")
        row.ref("primaryOrgSourcedId", "orgs", primary_org)
        values["_grades"], values["_primary_org"] = grades, primary_org
    return values


def _enrollment(row: _Row) -> dict:
    klass, user, school = (row.text(c, True) for c in ("classSourcedId", "userSourcedId", "schoolSourcedId"))
    row.ref("classSourcedId", "classes", klass)
    row.ref("userSourcedId", "users", user)
    row.ref("schoolSourcedId", "orgs", school)
    begin, end = row.date("beginDate"), row.date("endDate")
    if begin and end and end < begin:
        row.error("endDate", "end-before-begin", end=end, begin=begin)
    return {
        "class_id": klass,
        "person_id": user,
        "school_id": school,
        "role": row.choice("role", ENROLLMENT_ROLES, True),
        "is_primary": int(row.boolean("primary")),
        "begin_date": begin,
        "end_date": end,
    }


def _role(row: _Row) -> dict:
    user, org = row.text("userSourcedId", True), row.text("orgSourcedId", True)
    row.ref("orgSourcedId", "orgs", org)
    row.date("beginDate"), row.date("endDate")
    return {
        "user": user,
        "org": org,
        "role_type": row.choice("roleType", ROLE_TYPES, True),
        "role": row.choice("role", list(ROLES_12), True),
    }


CHECKERS: dict[str, Callable[[_Row], dict]] = {
    "orgs": _org,
    "academicSessions": _session,
    "courses": _course,
    "classes": _class,
    "enrollments": _enrollment,
    "roles": _role,
}


def _lowest_tier(grades: Iterable[str]) -> str | None:
    ordered = sorted(grades, key=GRADES.index)
    return next((t for t in map(grade_to_tier, ordered) if t), None)


def _person_tier(role: str | None, grades: list[str]) -> str | None:
    if role == "student":
        return grade_to_tier(grades[0]) if grades else None
    return "staff" if role in STAFF_ROLES else None


# --------------------------------------------------------------------------- the roster


@dataclass
class _Roster:
    """The checked files: mode per file ("bulk"/"delta"), records per file."""

    modes: dict[str, str | None] = field(default_factory=dict)
    rows: dict[str, list[_Record]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # files we could not parse at all
    counselors: set[str] = field(default_factory=set)  # 1.2 users whose role is counselor
    count: int = 0  # data rows read, all files (MAX_ROWS)
    strings: dict[Any, Any] = field(default_factory=dict)  # the one copy of each repeated value


def _read_roster(source: _Source, report: _Report) -> _Roster | None:
    modes = _read_manifest(source, report)
    if modes is None:
        return None
    roster = _Roster(modes={n: m for n, m in modes.items() if m != "absent"})
    for name, mode in roster.modes.items():
        records = None
        over = roster.count > MAX_ROWS or source.total > MAX_TOTAL_BYTES  # reported: read no more
        if mode and source.has(f"{name}.csv") and not over:  # a missing one is already reported
            records = _read_file(source, name, roster, report)
        if records is None:
            roster.unreadable.add(name)
        else:
            roster.rows[name] = records
    if "roles" in roster.rows and "users" in roster.rows:
        _apply_roles(roster, report)
    _check_usernames(roster.rows.get("users", []), report)
    return roster


def _spec_for(source: _Source, name: str) -> Spec:
    """users.csv is read the 1.2 way (no role column) when a roles.csv comes with it."""
    if name == "users" and source.has("roles.csv"):
        return SPECS["users12"]
    return SPECS[name]


def _read_manifest(source: _Source, report: _Report) -> dict[str, str | None] | None:
    """file name -> bulk/delta/absent (None: not a mode) for the files we import."""
    if not source.has("manifest.csv"):
        report.add("manifest.csv", 0, "", "no-manifest", source=source.label)
        return None
    props: dict[str, tuple[int, str]] = {}
    for kind, (line, values) in _rows(source, "manifest.csv", SPECS["manifest"], report):
        if kind == "stop":
            return None
        if kind == "row":
            if len(props) > 1000:
                report.add("manifest.csv", line, "", "manifest-too-long")
                return None
            props[values.get("propertyName", "")] = (line, values.get("value", ""))
    version_line, version = props.get("oneroster.version", (0, ""))
    if version not in ("1.1", "1.2"):
        if version:
            report.add("manifest.csv", version_line or 1, "value", "version-unsupported", version=version)
        else:
            report.add("manifest.csv", version_line or 1, "value", "version-missing")
    modes: dict[str, str | None] = {}
    for name in FILES + ["roles"]:
        line, mode = props.get(f"file.{name}", (0, ""))
        present = source.has(f"{name}.csv")
        canonical = next((m for m in FILE_MODES if m == mode.lower()), None)
        if line and canonical is None:
            report.add("manifest.csv", line, "value", "mode-unknown", name=name, mode=mode)
            modes[name] = None  # unknown: its file is not read
            continue
        if canonical is None:
            if present:
                report.add("manifest.csv", 0, "", "manifest-no-row", name=name)
            canonical = "absent"
        if canonical != "absent" and not present:
            report.add(f"{name}.csv", 0, "", "manifest-file-missing", line=line, name=name, mode=canonical)
        elif canonical == "absent" and present and line:
            report.add("manifest.csv", line, "value", "manifest-absent-present", name=name)
        modes[name] = canonical
    if "roles" in modes and modes["roles"] != "absent" and modes.get("users", "absent") == "absent":
        report.add("roles.csv", 0, "", "roles-need-users")
    return modes


_Shared = TypeVar("_Shared", str, tuple)


def _read_file(source: _Source, name: str, roster: _Roster, report: _Report) -> list[_Record] | None:
    """Stream and check every row of one file, or None if it could not be read to its end.
    Duplicates of a sourcedId are errors."""
    file, delta = f"{name}.csv", roster.modes[name] == "delta"
    records: list[_Record] = []
    first_line: dict[str, int] = {}
    check = CHECKERS.get(name)
    unique_ids = name in ("enrollments", "roles")  # nothing refers to these: no sharing
    strings = roster.strings

    def share(value: _Shared, _: object = None) -> _Shared:
        """The one copy of a repeated value (ids, roles, dates, names recur row after row); the
        table stops growing at _MAX_SHARED, so rows whose every value differs cost no more."""
        found = strings.get(value)
        if found is None:
            if len(strings) < _MAX_SHARED:
                strings[value] = value
            return value
        return found

    for kind, (line, values) in _rows(source, file, _spec_for(source, name), report):
        if kind == "stop":
            return None
        if kind == "header":
            with_role = "role" in values
            if check is None:  # users: 1.1 carries role and orgs, 1.2 has them in roles.csv
                check = functools.partial(_user, with_role=with_role)
            derived = name in REFS and (name != "users" or with_role)  # refs from the values
            continue
        roster.count += 1
        if roster.count > MAX_ROWS:
            report.add(file, line, "", "too-many-rows", max=MAX_ROWS)
            return None
        row = _Row(file, line, values, report)
        sourced_id, status = _check_common(row, delta)
        if status == "tobedeleted" and not delta:
            continue  # a bulk file lists what exists; a deleted row is simply not there
        assert check is not None  # the header, read first, set it
        record_values = {} if status == "tobedeleted" else check(row)
        if sourced_id is None:
            continue
        if sourced_id in first_line:
            row.error("sourcedId", "duplicate-id", id=sourced_id, first=first_line[sourced_id])
            continue
        first_line[sourced_id] = line
        record = _Record(
            line,
            sourced_id if unique_ids else share(sourced_id, sourced_id),
            status,
            {
                k: share(v, v) if v.__class__ is str and k not in _UNIQUE else v
                for k, v in record_values.items()
            },
            None if derived else tuple((c, k, share(i, i)) for c, k, i in row.refs),
        )
        record.keys = share(record.keys, record.keys)
        records.append(record)
    return records


def _apply_roles(roster: _Roster, report: _Report) -> None:
    """OneRoster 1.2: give each user the role and orgs its roles.csv rows list."""
    users = {r.sourced_id: r for r in roster.rows.get("users", [])}
    by_user: dict[str, list[_Record]] = {}
    for record in roster.rows["roles"]:
        if record.status != "active":
            continue
        user = record.values["user"]
        if user not in users:
            report.add("roles.csv", record.line, "userSourcedId", "role-user-missing", user=user)
            continue
        by_user.setdefault(user, []).append(record)
    for user_id, user in users.items():
        if user.status != "active":
            continue
        roles = by_user.get(user_id, [])
        primary = [r for r in roles if r.values["role_type"] == "primary"]
        if not roles:
            report.add("users.csv", user.line, "sourcedId", "user-no-role", user=user_id)
            continue
        if len(primary) > 1:
            report.add(
                "roles.csv",
                primary[1].line,
                "roleType",
                "second-primary",
                user=user_id,
                first=primary[0].line,
            )
        chosen = (primary or roles)[0].values["role"]
        role, counselor = ROLES_12.get(chosen or "", (None, False))
        values = user.values
        orgs = [o for o in [values.pop("_primary_org")] + [r.values["org"] for r in roles] if o]
        grades = values.pop("_grades")
        values.update(role=role, org_ids=",".join(dict.fromkeys(orgs)), tier=_person_tier(role, grades))
        user.values = values
        if counselor:
            roster.counselors.add(user_id)


def _check_usernames(users: list[_Record], report: _Report) -> None:
    """Staff sign in by username, so two people in one file may not share one."""
    seen: dict[str, int] = {}
    for record in users:
        name = record.values.get("username") or ""
        name = name if name.islower() or not name else name.lower()  # no copy when already lower case
        if not name:
            continue
        if name in seen:
            username = record.values["username"]
            report.add(
                "users.csv", record.line, "username", "username-twice", username=username, first=seen[name]
            )
        else:
            seen[name] = record.line


# --------------------------------------------------------------------------- references


@dataclass
class RosterState:
    """The active sourcedIds a target holds, per file, and the schools among the orgs."""

    ids: dict[str, set[str]]
    schools: set[str]
    course_grades: dict[str, str | None]  # every course (active or not) -> its grades
    usernames: dict[str, str]  # lower-case username -> sourcedId, active people
    class_schools: dict[str, str] = field(default_factory=dict)  # class sourcedId -> its school


def _resulting_ids(roster: _Roster, state: RosterState) -> dict[str, set[str]]:
    """The ids that will be active once the import is done, per file, plus "schools"."""
    result = {}
    for name in FILES:
        mode, records = roster.modes.get(name), roster.rows.get(name, [])
        active = {r.sourced_id for r in records if r.status == "active"}
        if mode == "bulk":
            result[name] = active
        else:
            result[name] = (state.ids[name] - {r.sourced_id for r in records}) | active
    new_schools = {
        r.sourced_id
        for r in roster.rows.get("orgs", [])  # a bad type is already reported
        if r.status == "active" and r.values.get("type") in ("school", None)
    }
    result["schools"] = new_schools | (
        state.schools & result["orgs"] - set(r.sourced_id for r in roster.rows.get("orgs", []))
    )
    return result


def _check_references(roster: _Roster, state: RosterState, report: _Report) -> None:
    """Every id a row points at must exist once the import is done."""
    ids = _resulting_ids(roster, state)
    for name in FILES + ["roles"]:
        for record in roster.rows.get(name, []):
            for column, kind, target in record.refs(name):
                if target in ids[kind] or ("orgs" if kind == "schools" else kind) in roster.unreadable:
                    continue  # found, or its file is already reported unreadable
                where = (f"{name}.csv", record.line, column)
                if kind == "schools" and target in ids["orgs"]:
                    report.add(*where, "org-not-school", id=target)
                elif kind == "schools":
                    report.add(*where, "not-a-school", id=target)
                else:
                    report.add(*where, "missing-ref", id=target, kind=kind)
    if roster.modes.get("users") == "delta":
        _check_delta_usernames(roster.rows.get("users", []), state, report)
    _check_enrollment_schools(roster, state, report, ids["schools"])


def _check_enrollment_schools(roster: _Roster, state: RosterState, report: _Report, valid: set[str]) -> None:
    """An enrollment's school must be its class's school: who may see a student is decided by
    school, and a row naming another school would open the student to that school's staff."""
    schools: dict[Any, str | None] = dict(state.class_schools)  # class id -> its school
    schools.update({r.sourced_id: r.values.get("school_id") for r in roster.rows.get("classes", [])})
    for record in roster.rows.get("enrollments", []):
        class_id, school = record.values.get("class_id"), record.values.get("school_id")
        # (a class whose own school is wrong is reported at the class, once)
        if school and schools.get(class_id) in valid and school != schools[class_id]:
            report.add(
                "enrollments.csv",
                record.line,
                "schoolSourcedId",
                "enrollment-school",
                school=school,
                class_id=class_id,
                class_school=schools[class_id],
            )


def _check_delta_usernames(users: list[_Record], state: RosterState, report: _Report) -> None:
    """A delta row may not take the username of someone else the store keeps."""
    leaving = {r.sourced_id for r in users}
    for record in users:
        name = (record.values.get("username") or "").lower()
        owner = state.usernames.get(name)
        if owner and owner != record.sourced_id and owner not in leaving:
            username = record.values["username"]
            report.add("users.csv", record.line, "username", "username-taken", username=username, owner=owner)


# --------------------------------------------------------------------------- writing


COLUMNS = {
    "orgs": ["name", "type", "identifier", "parent_id"],
    "academicSessions": ["title", "type", "start_date", "end_date", "parent_id", "school_year"],
    "courses": ["title", "org_id", "course_code", "grades", "school_year_id"],
    "classes": ["title", "school_id", "course_id", "class_code", "class_type", "grades", "tier", "term_ids"],
    "users": [
        "username",
        "identifier",
        "given_name",
        "family_name",
        "email",
        "role",
        "grade",
        "tier",
        "org_ids",
        "enabled",
    ],
    "enrollments": ["class_id", "person_id", "school_id", "role", "is_primary", "begin_date", "end_date"],
}


def _removals(
    roster: _Roster, state: RosterState, demo: dict[str, frozenset[str]] | None = None
) -> tuple[dict[str, int], bool]:
    """Per file, the active rows the store holds that this import marks removed; and whether
    a bulk file implies any (those need allow_removals: a delta's tobedeleted is explicit).
    The demo school's rows (`demo`) are no one's records: a real roster may replace them
    without the flag."""
    removals, implied = {}, False
    for name in FILES:
        gone = _gone(roster, name, state)
        removals[name] = len(gone)
        real = gone - demo.get(name, frozenset()) if demo else gone
        implied = implied or (roster.modes.get(name) == "bulk" and bool(real))
    return removals, implied


def _gone(roster: _Roster, name: str, state: RosterState) -> set[str]:
    """The active ids of one file that this import removes."""
    if name not in roster.modes:
        return set()
    records = roster.rows.get(name, [])
    if roster.modes[name] == "bulk":
        return state.ids[name] - {r.sourced_id for r in records}
    return {r.sourced_id for r in records if r.status != "active"} & state.ids[name]


def _write(target: RosterTarget, roster: _Roster, state: RosterState) -> None:
    """Upsert, then mark removed what bulk files no longer list and what delta rows delete."""
    course_grades = dict(state.course_grades)
    course_grades.update({r.sourced_id: r.values.get("grades") for r in roster.rows.get("courses", [])})
    for name in FILES:
        records = roster.rows.get(name, [])
        if name == "classes":
            for r in records:  # a class without grades takes its course's
                values = r.values
                if r.status == "active" and not values["grades"]:
                    grades = (course_grades.get(values["course_id"]) or "").split(",")
                    values["tier"] = _lowest_tier(g for g in grades if g in GRADES)
                    r.values = values
        columns = COLUMNS[name]
        rows = []
        for r in records:
            if r.status == "active":
                values = r.values
                rows.append({"sourced_id": r.sourced_id, **{c: values[c] for c in columns}})
        if rows:
            target.upsert(name, rows)
    if roster.counselors:
        target.mark_counselors(roster.counselors)
    for name in reversed(FILES):
        gone = _gone(roster, name, state)
        if gone:
            target.remove(name, gone)
