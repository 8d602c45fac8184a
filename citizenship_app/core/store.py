"""The machine's SQLite store: one file, WAL, foreign keys on, numbered migrations.

    >>> db = open_store(tmp_path)          # creates or upgrades citizenship.sqlite3
    >>> db["people"].count
    >>> db = open_existing(tmp_path)       # off the screen's thread: never migrates

Every write that must be atomic (an answer, a submitted attempt with its completion and outbox
row) goes through `transaction(db)`, so a killed process leaves either all of it or none.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from .paths import DB_NAME, data_dir
from .storage_errors import StorageError, as_storage_error, storage_errors

if TYPE_CHECKING:
    import sqlite_utils

# Each migration is a list of statements; its number is its position + 1. Never edit a
# migration that has shipped: add a new one. Shipped SQL keeps its long lines (noqa: E501).
MIGRATIONS: list[list[str]] = [
    [  # 1: roster, progress, attempts, completions, outbox
        """CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE orgs (
            sourced_id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
            identifier TEXT, parent_id TEXT, status TEXT NOT NULL DEFAULT 'active')""",
        """CREATE TABLE academic_sessions (
            sourced_id TEXT PRIMARY KEY, title TEXT NOT NULL, type TEXT NOT NULL,
            start_date TEXT NOT NULL, end_date TEXT NOT NULL, parent_id TEXT,
            school_year TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active')""",
        """CREATE TABLE courses (
            sourced_id TEXT PRIMARY KEY, title TEXT NOT NULL, org_id TEXT NOT NULL,
            course_code TEXT, grades TEXT, school_year_id TEXT,
            status TEXT NOT NULL DEFAULT 'active')""",
        """CREATE TABLE classes (
            sourced_id TEXT PRIMARY KEY, title TEXT NOT NULL,
            school_id TEXT NOT NULL REFERENCES orgs(sourced_id),
            course_id TEXT, class_code TEXT, class_type TEXT, grades TEXT,
            tier TEXT, term_ids TEXT, status TEXT NOT NULL DEFAULT 'active')""",
        """CREATE TABLE people (
            sourced_id TEXT PRIMARY KEY, username TEXT, identifier TEXT,
            given_name TEXT NOT NULL, family_name TEXT NOT NULL, email TEXT,
            role TEXT NOT NULL, grade TEXT, tier TEXT, org_ids TEXT,
            enabled INTEGER NOT NULL DEFAULT 1, is_counselor INTEGER NOT NULL DEFAULT 0,
            code_hash TEXT, code_kind TEXT, password_hash TEXT, one_time_code_hash TEXT,
            failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TEXT,
            avatar TEXT, language TEXT, status TEXT NOT NULL DEFAULT 'active')""",
        """CREATE INDEX people_role ON people(role)""",
        """CREATE TABLE enrollments (
            sourced_id TEXT PRIMARY KEY,
            class_id TEXT NOT NULL REFERENCES classes(sourced_id),
            person_id TEXT NOT NULL REFERENCES people(sourced_id),
            school_id TEXT, role TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0,
            begin_date TEXT, end_date TEXT, status TEXT NOT NULL DEFAULT 'active')""",
        """CREATE INDEX enrollments_class ON enrollments(class_id, role)""",
        """CREATE INDEX enrollments_person ON enrollments(person_id)""",
        """CREATE TABLE page_progress (
            person_id TEXT NOT NULL REFERENCES people(sourced_id),
            module_id TEXT NOT NULL, page INTEGER NOT NULL, pages INTEGER NOT NULL,
            max_page INTEGER NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, module_id))""",
        """CREATE TABLE quiz_attempts (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES people(sourced_id),
            module_id TEXT NOT NULL, class_id TEXT, question_order TEXT NOT NULL,
            started_at TEXT NOT NULL, submitted_at TEXT,
            correct INTEGER, total INTEGER NOT NULL, score REAL, passed INTEGER,
            pass_mark INTEGER NOT NULL, machine TEXT NOT NULL)""",
        """CREATE INDEX attempts_person ON quiz_attempts(person_id, module_id)""",
        """CREATE TABLE quiz_answers (
            attempt_id TEXT NOT NULL REFERENCES quiz_attempts(id),
            question_id TEXT NOT NULL, response TEXT NOT NULL, correct INTEGER NOT NULL,
            answered_at TEXT NOT NULL,
            PRIMARY KEY (attempt_id, question_id))""",
        """CREATE TABLE completions (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES people(sourced_id),
            module_id TEXT NOT NULL,
            attempt_id TEXT NOT NULL UNIQUE REFERENCES quiz_attempts(id),
            score REAL NOT NULL, completed_at TEXT NOT NULL, machine TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'local')""",
        """CREATE INDEX completions_person ON completions(person_id, module_id)""",
        """CREATE INDEX completions_module ON completions(module_id)""",
        """CREATE TABLE outbox (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, record_id TEXT NOT NULL,
            statement TEXT NOT NULL, created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending', tries INTEGER NOT NULL DEFAULT 0,
            last_error TEXT, sent_at TEXT)""",
        """CREATE INDEX outbox_state ON outbox(state, created_at)""",
    ],
    [  # 2: teachers assign modules to classes, with a due date
        """CREATE TABLE assignments (
            id TEXT PRIMARY KEY,
            class_id TEXT NOT NULL REFERENCES classes(sourced_id),
            module_id TEXT NOT NULL, due_date TEXT, position INTEGER,
            assigned_by TEXT REFERENCES people(sourced_id),
            assigned_at TEXT NOT NULL, removed_at TEXT,
            UNIQUE (class_id, module_id))""",
        """CREATE INDEX assignments_class ON assignments(class_id)""",
    ],
    [  # 3: assignment revisions (statement ids of a reassigned module never repeat); report indexes
        """ALTER TABLE assignments ADD COLUMN revision INTEGER NOT NULL DEFAULT 0""",
    ],
    [  # 4: a summary per student and module, kept by triggers, so that district-wide records
        # read one row per pair; indexes for the counselor's reports and the class grid
        """CREATE TABLE module_summary (
            person_id TEXT NOT NULL, module_id TEXT NOT NULL,
            page INTEGER, pages INTEGER, read_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0, open_attempts INTEGER NOT NULL DEFAULT 0,
            best_score REAL, attempted_at TEXT,
            passed_at TEXT, pass_score REAL, pass_machine TEXT, last_passed_at TEXT,
            PRIMARY KEY (person_id, module_id)) WITHOUT ROWID""",
        """INSERT INTO module_summary (person_id, module_id, page, pages, read_at)
           SELECT person_id, module_id, page, pages, updated_at FROM page_progress""",
        """INSERT INTO module_summary (person_id, module_id, attempts, open_attempts, best_score, attempted_at)
           SELECT person_id, module_id, COUNT(submitted_at), SUM(submitted_at IS NULL), MAX(score),
                  MAX(COALESCE(submitted_at, started_at))
           FROM quiz_attempts WHERE true GROUP BY person_id, module_id
           ON CONFLICT DO UPDATE SET attempts = excluded.attempts, open_attempts = excluded.open_attempts,
             best_score = excluded.best_score, attempted_at = excluded.attempted_at""",  # noqa: E501
        """INSERT INTO module_summary (person_id, module_id, passed_at, pass_score, last_passed_at)
           SELECT person_id, module_id, MIN(completed_at), MAX(score), MAX(completed_at)
           FROM completions WHERE true GROUP BY person_id, module_id
           ON CONFLICT DO UPDATE SET passed_at = excluded.passed_at, pass_score = excluded.pass_score,
             last_passed_at = excluded.last_passed_at""",
        """UPDATE module_summary SET pass_machine = (SELECT machine FROM completions c
             WHERE c.person_id = module_summary.person_id AND c.module_id = module_summary.module_id
             ORDER BY completed_at LIMIT 1) WHERE passed_at IS NOT NULL""",
        """CREATE TRIGGER summary_page_insert AFTER INSERT ON page_progress BEGIN
             INSERT INTO module_summary (person_id, module_id, page, pages, read_at)
             VALUES (NEW.person_id, NEW.module_id, NEW.page, NEW.pages, NEW.updated_at)
             ON CONFLICT DO UPDATE SET page = excluded.page, pages = excluded.pages, read_at = excluded.read_at;
           END""",  # noqa: E501
        """CREATE TRIGGER summary_page_update AFTER UPDATE ON page_progress BEGIN
             INSERT INTO module_summary (person_id, module_id, page, pages, read_at)
             VALUES (NEW.person_id, NEW.module_id, NEW.page, NEW.pages, NEW.updated_at)
             ON CONFLICT DO UPDATE SET page = excluded.page, pages = excluded.pages, read_at = excluded.read_at;
           END""",  # noqa: E501
        """CREATE TRIGGER summary_attempt_insert AFTER INSERT ON quiz_attempts BEGIN
             INSERT INTO module_summary (person_id, module_id, attempts, open_attempts, best_score, attempted_at)
             VALUES (NEW.person_id, NEW.module_id, NEW.submitted_at IS NOT NULL, NEW.submitted_at IS NULL,
                     NEW.score, COALESCE(NEW.submitted_at, NEW.started_at))
             ON CONFLICT DO UPDATE SET attempts = attempts + excluded.attempts,
               open_attempts = open_attempts + excluded.open_attempts,
               best_score = MAX(COALESCE(best_score, excluded.best_score), COALESCE(excluded.best_score, best_score)),
               attempted_at = MAX(COALESCE(attempted_at, ''), excluded.attempted_at);
           END""",  # noqa: E501
        """CREATE TRIGGER summary_attempt_submit AFTER UPDATE OF submitted_at ON quiz_attempts
           WHEN OLD.submitted_at IS NULL AND NEW.submitted_at IS NOT NULL BEGIN
             UPDATE module_summary SET attempts = attempts + 1, open_attempts = MAX(open_attempts - 1, 0),
               best_score = MAX(COALESCE(best_score, NEW.score), COALESCE(NEW.score, best_score)),
               attempted_at = MAX(COALESCE(attempted_at, ''), NEW.submitted_at)
             WHERE person_id = NEW.person_id AND module_id = NEW.module_id;
           END""",
        """CREATE TRIGGER summary_completion_insert AFTER INSERT ON completions BEGIN
             INSERT INTO module_summary (person_id, module_id, passed_at, pass_score, pass_machine, last_passed_at)
             VALUES (NEW.person_id, NEW.module_id, NEW.completed_at, NEW.score, NEW.machine, NEW.completed_at)
             ON CONFLICT DO UPDATE SET
               pass_machine = CASE WHEN passed_at IS NULL OR excluded.passed_at < passed_at
                                   THEN excluded.pass_machine ELSE pass_machine END,
               passed_at = MIN(COALESCE(passed_at, excluded.passed_at), excluded.passed_at),
               pass_score = MAX(COALESCE(pass_score, excluded.pass_score), excluded.pass_score),
               last_passed_at = MAX(COALESCE(last_passed_at, ''), excluded.last_passed_at);
           END""",  # noqa: E501
        # Records are not deleted in normal use; if one is, its pair is summed up again.
        """CREATE TRIGGER summary_completion_delete AFTER DELETE ON completions BEGIN
             UPDATE module_summary SET
               passed_at = (SELECT MIN(completed_at) FROM completions WHERE person_id = OLD.person_id AND module_id = OLD.module_id),
               pass_score = (SELECT MAX(score) FROM completions WHERE person_id = OLD.person_id AND module_id = OLD.module_id),
               last_passed_at = (SELECT MAX(completed_at) FROM completions WHERE person_id = OLD.person_id AND module_id = OLD.module_id),
               pass_machine = (SELECT machine FROM completions WHERE person_id = OLD.person_id AND module_id = OLD.module_id ORDER BY completed_at LIMIT 1)
             WHERE person_id = OLD.person_id AND module_id = OLD.module_id;
           END""",  # noqa: E501
        """CREATE TRIGGER summary_completion_update AFTER UPDATE ON completions BEGIN
             UPDATE module_summary SET
               passed_at = (SELECT MIN(completed_at) FROM completions WHERE person_id = NEW.person_id AND module_id = NEW.module_id),
               pass_score = (SELECT MAX(score) FROM completions WHERE person_id = NEW.person_id AND module_id = NEW.module_id),
               last_passed_at = (SELECT MAX(completed_at) FROM completions WHERE person_id = NEW.person_id AND module_id = NEW.module_id),
               pass_machine = (SELECT machine FROM completions WHERE person_id = NEW.person_id AND module_id = NEW.module_id ORDER BY completed_at LIMIT 1)
             WHERE person_id = NEW.person_id AND module_id = NEW.module_id;
           END""",  # noqa: E501
        """CREATE TRIGGER summary_attempt_delete AFTER DELETE ON quiz_attempts BEGIN
             UPDATE module_summary SET
               attempts = (SELECT COUNT(submitted_at) FROM quiz_attempts WHERE person_id = OLD.person_id AND module_id = OLD.module_id),
               open_attempts = (SELECT COUNT(*) - COUNT(submitted_at) FROM quiz_attempts WHERE person_id = OLD.person_id AND module_id = OLD.module_id),
               best_score = (SELECT MAX(score) FROM quiz_attempts WHERE person_id = OLD.person_id AND module_id = OLD.module_id)
             WHERE person_id = OLD.person_id AND module_id = OLD.module_id;
           END""",  # noqa: E501
        """CREATE TRIGGER summary_page_delete AFTER DELETE ON page_progress BEGIN
             UPDATE module_summary SET page = NULL, pages = NULL, read_at = NULL
             WHERE person_id = OLD.person_id AND module_id = OLD.module_id;
           END""",
        """CREATE INDEX summary_module ON module_summary(module_id, passed_at)""",
        """CREATE INDEX completions_time ON completions(completed_at, person_id, module_id)""",
        """CREATE INDEX completions_pair_time ON completions(person_id, module_id, completed_at)""",
        """CREATE INDEX assignments_open ON assignments(class_id, module_id, due_date) WHERE removed_at IS NULL""",  # noqa: E501
        """CREATE INDEX enrollments_placement ON enrollments(person_id, role, status, class_id, school_id)""",
        """CREATE INDEX people_tier ON people(role, tier, grade)""",
        """CREATE INDEX people_name ON people(role, family_name, given_name)""",
    ],
    [  # 5: the FERPA audit log: who viewed or exported which student records (core.audit)
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, subject TEXT, detail TEXT)""",
        """CREATE INDEX audit_log_at ON audit_log(at)""",
    ],
    [  # 6: the audit log is hash-chained (core.audit.verify); older rows are sealed on first use
        """ALTER TABLE audit_log ADD COLUMN prev_hash TEXT""",
        """ALTER TABLE audit_log ADD COLUMN hash TEXT""",
    ],
    [  # 7: compliance reports frozen when a school year is closed (core.filing)
        """CREATE TABLE compliance_reports (
            school_year TEXT NOT NULL, school_id TEXT NOT NULL,
            closed_at TEXT NOT NULL, closed_by TEXT NOT NULL, fingerprint TEXT NOT NULL,
            report TEXT NOT NULL, records TEXT NOT NULL,
            PRIMARY KEY (school_year, school_id))""",
    ],
]


def now() -> str:
    """UTC timestamp as ISO 8601 with milliseconds, the form every table stores."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def db_path(directory: str | os.PathLike | None = None) -> Path:
    return data_dir(directory) / DB_NAME


class Store:
    """A connection with sqlite-utils' table API, which is imported on first use.

    `execute`, `conn` and `table_names` are all the sign-in screen needs; sqlite-utils (and
    what it pulls in) loads when something first asks for a table, e.g. `db["people"].count`,
    which keeps it off the kiosk's start-up path.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path  # named in a StorageError
        self._utils: sqlite_utils.Database | None = None

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters if parameters is not None else ())

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    @property
    def utils(self) -> sqlite_utils.Database:
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    def __getitem__(self, name: str) -> sqlite_utils.db.Table | sqlite_utils.db.View:
        return self.utils[name]

    if not TYPE_CHECKING:  # hidden from mypy, so that a misspelt attribute is an error there

        def __getattr__(self, name: str) -> Any:
            return getattr(self.utils, name)


def connect(path: Path) -> Store:
    """Open a database file with the pragmas every connection needs."""
    with storage_errors(path):
        return _configured(sqlite3.connect(path), path)


def _configured(conn: sqlite3.Connection, path: Path) -> Store:
    db = Store(conn, path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    # synchronous=FULL: an answer the screen showed as saved survives a power cut too.
    db.execute("PRAGMA synchronous = FULL")
    return db


def open_read_only(directory: str | os.PathLike | None = None) -> Store:
    """A connection that never writes: for reading a setting when the store cannot be opened
    for writing (the out-of-order screen's exit code). Read-only disks are read as they are."""
    path = db_path(directory)
    mode = "mode=ro" if os.access(path.parent, os.W_OK) else "immutable=1"
    with storage_errors(path):
        db = Store(sqlite3.connect(f"file:{path}?{mode}", uri=True, timeout=1.0), path)
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    return db


def open_store(directory: str | os.PathLike | None = None) -> Store:
    """Open (creating or migrating) the store in the data directory.

    A bad environment (read-only, locked past the busy timeout, full disk) is a StorageError.
    """
    path = db_path(directory)
    fresh = not path.exists()
    db = connect(path)
    try:
        with storage_errors(path):
            refuse_newer(db, path)  # before anything below writes to the file
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            if fresh and os.name == "posix":
                path.chmod(0o600)
            version = schema_version(db)
            if 0 < version < len(MIGRATIONS):
                from .backup import make_backup  # a migration is the riskiest write there is

                make_backup(path.parent, reason=f"before-migration-{version + 1}")
            migrate(db)
    except BaseException:
        db.conn.close()
        raise
    return db


def open_existing(directory: str | os.PathLike | None = None) -> Store:
    """Open the store as it is, for work off the screen's thread (a sync round, a report).

    Never creates, migrates or backs up: that is `open_store`'s, on the start-up path only.
    A missing file is a StorageError (`cannot-open`), a newer one NewerDatabaseError.
    """
    path = db_path(directory)
    with storage_errors(path):
        # mode=rw: SQLite opens the file or fails; it never makes an empty one.
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True)
    try:
        with storage_errors(path):
            db = _configured(conn, path)
            refuse_newer(db, path)
    except BaseException:
        conn.close()
        raise
    return db


class NewerDatabaseError(StorageError):
    """The database was written by a newer version of the app (more migrations than we know).

    Opening it would risk damaging records this version does not understand, so it is left
    untouched: a StorageError with the code `newer-database`, which the CLI prints in one line
    and the kiosk shows on its out-of-order screen.
    """

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            "newer-database", path, f"database version {found}; this version knows up to {known}"
        )
        self.found, self.known = found, known


def refuse_newer(db: Store, path: Path) -> None:
    """Raise NewerDatabaseError if the schema of `db` is newer than MIGRATIONS (the caller closes it)."""
    found = schema_version(db)
    if found > len(MIGRATIONS):
        raise NewerDatabaseError(path, found, len(MIGRATIONS))


def schema_version(db: Store) -> int:
    if "migrations" not in db.table_names():
        return 0
    return db.execute("SELECT COALESCE(MAX(version), 0) FROM migrations").fetchone()[0]


def migrate(db: Store, target: int | None = None) -> int:
    """Apply pending migrations, each in its own transaction; return the new version."""
    target = len(MIGRATIONS) if target is None else target
    if "migrations" not in db.table_names():
        db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    version = schema_version(db)
    for number in range(version + 1, target + 1):
        with transaction(db):
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
            db.execute("INSERT INTO migrations VALUES (?, ?)", [number, now()])
        version = number
    return version


@contextlib.contextmanager
def transaction(db: Store) -> Iterator[Store]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    IMMEDIATE takes the write lock up front, so two processes (the kiosk and a CLI import)
    never fail half-way through with a lock upgrade error.
    A storage failure (locked past the busy timeout, disk full, read-only) is raised as a
    StorageError after the rollback: the caller never shows as saved what was not.
    """
    conn = db.conn
    if conn.in_transaction:  # nested: the outer transaction decides
        yield db
        return
    where = getattr(db, "path", None) or "database"
    with storage_errors(where):
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        conn.commit()
    except BaseException as exc:
        # A failed COMMIT may leave the transaction open; rolled back here, or the next
        # write would be taken for a nested one and never committed.
        with contextlib.suppress(sqlite3.Error):
            conn.rollback()
        error = as_storage_error(exc, where) if isinstance(exc, sqlite3.Error) else None
        if error is None:
            raise
        raise error from exc


def probe_write(db: Store, busy_ms: int = 200) -> None:
    """A real write (the time of the probe), or the StorageError saying why it cannot be made.

    The out-of-order screen retries with it; a short busy timeout keeps its screen responsive.
    """
    db.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
    try:
        set_setting(db, "storage_probed_at", now())
    finally:
        db.execute("PRAGMA busy_timeout = 5000")


@overload
def get_setting(db: Store, key: str) -> str | None: ...
@overload
def get_setting(db: Store, key: str, default: str) -> str: ...
@overload
def get_setting(db: Store, key: str, default: str | None) -> str | None: ...


def get_setting(db: Store, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: Store, key: str, value: str) -> None:
    with transaction(db):
        db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )
