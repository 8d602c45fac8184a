"""The demo school: a bundled OneRoster roster, imported through the real importer.

A first run with no roster loads it, so a new user sees a working kiosk at once. Demo codes
are public (they are in the README) and are hashed like any other code.
"""

from __future__ import annotations

from . import paths
from .store import Store, get_setting, set_setting

DEMO_STUDENT_PIN = "1234"  # grades 3-12
DEMO_PICTURE_CODE = "cat-sun"  # kindergarten to grade 2: the cat, then the sun
DEMO_STAFF_PASSWORD = "harbor-view-demo"  # every demo staff member's password
DEMO_COUNSELOR = "rtanaka"  # OneRoster has no counselor role; the demo marks one teacher
DEMO_SIS_HOME_PAGE = "https://sis.harbor-view-demo.example"
# The demo kiosk's exit code is kiosk.DEMO_EXIT_CODE, with the exit code's rules; the demo
# roster's ids are demo_roster's (the importer and those rules read them, below this loader).


class DemoLoadError(RuntimeError):
    pass


def demo_code(tier: str | None) -> str:
    """The demo school's code for a student of this tier."""
    return DEMO_PICTURE_CODE if tier == "k-2" else DEMO_STUDENT_PIN


def has_roster(db: Store) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM people)").fetchone()[0] == 1


def load_demo(db: Store) -> dict[str, int]:
    """Import the demo roster and give every demo student the demo PIN."""
    from .auth import set_counselor, set_staff_password, set_student_code
    from .kiosk import set_demo_exit_code
    from .roster import import_roster

    result = import_roster(db, paths.DEMO_ROSTER)
    if result.errors:
        raise DemoLoadError("; ".join(str(e) for e in result.errors[:5]))
    students = db.execute("SELECT sourced_id, tier FROM people WHERE role = 'student'").fetchall()
    for student, tier in students:
        if tier == "k-2":
            set_student_code(db, student, DEMO_PICTURE_CODE, kind="picture")
        else:
            set_student_code(db, student, DEMO_STUDENT_PIN)
    staff = [
        r[0]
        for r in db.execute(
            "SELECT username FROM people WHERE role IN ('teacher', 'administrator') AND username IS NOT NULL"
        )
    ]
    for username in staff:
        set_staff_password(db, username, DEMO_STAFF_PASSWORD)
    set_counselor(db, DEMO_COUNSELOR)
    set_demo_exit_code(db)  # public, and replaced once a real roster is imported
    set_setting(db, "demo", "1")
    if get_setting(db, "sis_home_page") is None:
        set_setting(db, "sis_home_page", DEMO_SIS_HOME_PAGE)
    return result.imported


def ensure_school(db: Store) -> bool:
    """Load the demo school when nothing is configured; True if it was loaded now."""
    if has_roster(db):
        return False
    load_demo(db)
    return True
