"""Who is who: the classes and students the sign-in screen lists, and a signed-in person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

from .errors import Refused


@dataclass(frozen=True)
class ClassInfo:
    id: str
    title: str
    grades: str
    tier: str | None
    students: int


@dataclass(frozen=True)
class Person:
    id: str
    given_name: str
    family_name: str
    role: str
    tier: str | None
    grade: str | None
    avatar: str | None = None
    language: str | None = None

    @property
    def display_name(self) -> str:
        """First name and last initial: enough to find yourself, little for a passer-by."""
        initial = f" {self.family_name[:1]}." if self.family_name else ""
        return f"{self.given_name}{initial}"


def list_classes(db: Store, school_id: str | None = None) -> list[ClassInfo]:
    """Active classes with at least one active student, ordered by grade then title."""
    sql = """
        SELECT c.sourced_id, c.title, COALESCE(c.grades, ''), c.tier, COUNT(p.sourced_id)
        FROM classes c
        JOIN enrollments e ON e.class_id = c.sourced_id AND e.role = 'student' AND e.status = 'active'
        JOIN people p ON p.sourced_id = e.person_id AND p.enabled = 1 AND p.status = 'active'
        WHERE c.status = 'active' {school}
        GROUP BY c.sourced_id ORDER BY {grade_order}, c.title"""
    grade_order = (
        "CASE WHEN c.grades LIKE 'KG%' OR c.grades LIKE 'PK%' OR c.grades LIKE 'TK%' THEN '00'"
        " ELSE c.grades END"
    )
    params: list = []
    school = ""
    if school_id:
        school, params = "AND c.school_id = ?", [school_id]
    rows = db.execute(sql.format(school=school, grade_order=grade_order), params).fetchall()
    return [ClassInfo(*row) for row in rows]


_PERSON_COLUMNS = "sourced_id, given_name, family_name, role, tier, grade, avatar, language"


def class_students(db: Store, class_id: str) -> list[Person]:
    rows = db.execute(
        f"""SELECT {", ".join("p." + c.strip() for c in _PERSON_COLUMNS.split(","))}
            FROM enrollments e JOIN people p ON p.sourced_id = e.person_id
            WHERE e.class_id = ? AND e.role = 'student' AND e.status = 'active'
              AND p.enabled = 1 AND p.status = 'active'
            ORDER BY p.given_name, p.family_name""",
        [class_id],
    ).fetchall()
    return [Person(*row) for row in rows]


def get_person(db: Store, person_id: str) -> Person | None:
    row = db.execute(f"SELECT {_PERSON_COLUMNS} FROM people WHERE sourced_id = ?", [person_id]).fetchone()
    return Person(*row) if row else None


def set_language(db: Store, person_id: str, language: str) -> None:
    """Remember the language a person chose for lessons and the interface."""
    from .store import transaction

    with transaction(db):
        db.execute("UPDATE people SET language = ? WHERE sourced_id = ?", [language, person_id])


# Per-person display preferences (text size, contrast, read-aloud), kept on this machine.
PREFERENCE_DEFAULTS = {"text_size": "normal", "contrast": "normal"}
TEXT_SIZES = ("normal", "large", "largest")


def staff_names(db: Store) -> dict[str, str]:
    """Every staff member's full name by id (who did what, in the audit log's listing)."""
    return dict(
        db.execute(
            "SELECT sourced_id, given_name || ' ' || family_name FROM people WHERE role != 'student'"
        ).fetchall()
    )


def preferences(db: Store, person_id: str) -> dict[str, str]:
    prefix = f"pref.{person_id}."
    rows = db.execute(
        "SELECT key, value FROM settings WHERE key LIKE ? ESCAPE '\\'", [prefix.replace("_", "\\_") + "%"]
    ).fetchall()
    return {**PREFERENCE_DEFAULTS, **{key[len(prefix) :]: value for key, value in rows}}


def set_preference(db: Store, person_id: str, name: str, value: str) -> None:
    from .store import set_setting

    if name not in PREFERENCE_DEFAULTS:
        raise KeyError(name)
    if name == "text_size" and value not in TEXT_SIZES:
        raise Refused("text-size-unknown", choices=", ".join(TEXT_SIZES))
    if name == "contrast" and value not in ("normal", "high"):
        raise Refused("contrast-unknown")
    set_setting(db, f"pref.{person_id}.{name}", value)


def find_students(db: Store, text: str, limit: int = 12) -> list[tuple[Person, str]]:
    """Students of grades 3-12 found by the start of their first or last name, or their
    exact student number, with the class to sign in to. K-2 students pick their class."""
    text = text.strip()
    if len(text) < 2:
        return []
    like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.execute(
        f"""SELECT {", ".join("p." + c.strip() for c in _PERSON_COLUMNS.split(","))}, MIN(e.class_id)
            FROM people p JOIN enrollments e ON e.person_id = p.sourced_id
                 AND e.role = 'student' AND e.status = 'active'
            WHERE p.role = 'student' AND p.enabled = 1 AND p.status = 'active'
              AND COALESCE(p.tier, '') != 'k-2'
              AND (p.given_name LIKE ? ESCAPE '\\' COLLATE NOCASE
                   OR p.family_name LIKE ? ESCAPE '\\' COLLATE NOCASE
                   OR p.identifier = ?)
            GROUP BY p.sourced_id ORDER BY p.given_name, p.family_name LIMIT ?""",
        [like, like, text, limit],
    ).fetchall()
    return [(Person(*row[:-1]), row[-1]) for row in rows]
