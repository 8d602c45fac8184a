"""New sign-in codes for students, made by their teacher: shown once, only the hash is kept.

>>> reset_code(db, "t-qureshi", "s-260011")        # '4817' (a picture code for K-2)
>>> cards = class_cards(db, "t-qureshi", "class-04")  # every student a new code, for printing
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import access, audit, auth, people
from .logs import person_ref
from .store import Store, transaction

if TYPE_CHECKING:
    from .access import Actor

log = logging.getLogger(__name__)


def new_code(kind: str = "pin") -> str:
    """A random 4-digit PIN, or two different pictures for a K-2 student."""
    if kind == "picture":
        first = secrets.choice(auth.PICTURES)
        second = secrets.choice([p for p in auth.PICTURES if p != first])
        return f"{first}-{second}"
    return f"{secrets.randbelow(10_000):04d}"


def reset_code(db: Store, actor: Actor, person_id: str) -> str:
    """Give one student a new code of their kind (PIN or pictures); returns it, to show once."""
    access.require_student(db, actor, person_id)
    kind = auth.code_kind(db, person_id)
    code = new_code(kind)
    with transaction(db):  # the audit row and the new code land together or not at all
        audit.record(db, actor, audit.RESET_CODE, subject=person_id, detail={"kind": kind})
        auth.set_student_code(db, person_id, code, kind=kind)
    log.info("student code reset: %s", person_ref(person_id))
    return code


@dataclass(frozen=True)
class Card:
    class_title: str
    student: people.Person
    code: str
    kind: str  # "pin" or "picture"


def class_cards(db: Store, actor: Actor, class_id: str, to: str = "") -> list[Card]:
    """A new code for every student of the class, for sign-in cards (the old codes stop working).
    `to` says where the cards go ("printer" or a file name), for the audit row."""
    access.require_class(db, actor, class_id)
    title = db.execute("SELECT title FROM classes WHERE sourced_id = ?", [class_id]).fetchone()[0]
    students = people.class_students(db, class_id)
    # Audited first, in its own transaction: hashing every code takes a while, and the write
    # lock is not held for it.
    audit.record(
        db, actor, audit.CLASS_CODES, subject=class_id, detail={"students": len(students), "to": to or None}
    )
    cards = []
    for student in students:
        kind = auth.code_kind(db, student.id)
        code = new_code(kind)
        auth.set_student_code(db, student.id, code, kind=kind)
        cards.append(Card(title, student, code, kind))
    log.info("new sign-in cards for %s: %d students", class_id, len(cards))
    return cards
