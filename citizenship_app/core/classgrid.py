"""The class progress grid: each student of a class against each module assigned to it.

    >>> grid = class_grid(db, "t-qureshi", "class-04", pages={"g35-upstander": 4})
    >>> grid.cell("s-260011", "g35-upstander").label()
    'Page 2 of 4'

Four queries whatever the class size (students, page progress, attempts, completions), each
through an index on (person, module): a 35-student class is a few milliseconds. Each grid
shown is audited ("view_class", the class as subject).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from . import access, audit, people
from .assignments import Assignment, _active, is_overdue
from .progress import FAILED, IN_PROGRESS, NOT_STARTED, PASSED

if TYPE_CHECKING:
    from .access import Actor
    from .store import Store

#: The words of a cell's label, in English; the interface passes its own language's (core has
#: no Qt, so no translator).
LABEL_WORDS = {
    "passed": "Passed {score}%",
    "failed": "Failed ×{n} (best {score}%)",
    "page": "Page {n} of {m}",
    "in_progress": "In progress",
    "not_started": "Not started",
    "overdue": "{status} · overdue",
}


@dataclass(frozen=True)
class Cell:
    state: str = NOT_STARTED
    page: int = 0  # 0-based page the student is on
    pages: int = 0
    best_score: int | None = None
    attempts: int = 0  # submitted attempts
    completed_at: str | None = None  # the first pass
    due_date: str | None = None
    overdue: bool = False

    def label(self, words: dict[str, str] = LABEL_WORDS) -> str:
        if self.state == PASSED:
            text = words["passed"].format(score=self.best_score)
        elif self.state == FAILED:
            text = words["failed"].format(n=self.attempts, score=self.best_score)
        elif self.state == IN_PROGRESS:
            text = words["page"].format(n=self.page + 1, m=self.pages) if self.pages else words["in_progress"]
        else:
            text = words["not_started"]
        return words["overdue"].format(status=text) if self.overdue else text


@dataclass(frozen=True)
class Grid:
    class_id: str
    students: list[people.Person]
    assignments: list[Assignment]
    cells: dict[tuple[str, str], Cell]

    def cell(self, person_id: str, module_id: str) -> Cell:
        return self.cells[(person_id, module_id)]


_IN_CLASS = """JOIN enrollments e ON e.person_id = t.person_id AND e.class_id = ?
               AND e.role = 'student' AND e.status = 'active'"""


def class_grid(
    db: Store, actor: Actor, class_id: str, pages: dict[str, int] | None = None, today: date | None = None
) -> Grid:
    """Students x assigned modules; `pages` gives a module's page count before anyone opens it."""
    access.require_class(db, actor, class_id, manage=False)
    students = people.class_students(db, class_id)
    assignments = _active(db, class_id)
    wanted = {a.module_id for a in assignments}
    pages = pages or {}
    progress = {
        (p, m): (page, n)
        for p, m, page, n in db.execute(
            f"SELECT t.person_id, t.module_id, t.page, t.pages FROM page_progress t {_IN_CLASS}", [class_id]
        )
        if m in wanted
    }
    attempts = {
        (p, m): (count, best, open_)
        for p, m, count, best, open_ in db.execute(
            f"""SELECT t.person_id, t.module_id, COUNT(t.submitted_at), MAX(t.score),
                   SUM(t.submitted_at IS NULL)
            FROM quiz_attempts t {_IN_CLASS} GROUP BY t.person_id, t.module_id""",
            [class_id],
        )
        if m in wanted
    }
    passes = {
        (p, m): (best, first)
        for p, m, best, first in db.execute(
            f"""SELECT t.person_id, t.module_id, MAX(t.score), MIN(t.completed_at)
            FROM completions t {_IN_CLASS} GROUP BY t.person_id, t.module_id""",
            [class_id],
        )
        if m in wanted
    }
    cells: dict[tuple[str, str], Cell] = {}
    for s in students:
        for a in assignments:
            key = (s.id, a.module_id)
            page, n = progress.get(key, (0, pages.get(a.module_id, 0)))
            count, best, open_ = attempts.get(key, (0, None, 0))
            if key in passes:
                state, best = PASSED, passes[key][0]
            elif count:
                state = FAILED
            elif key in progress or open_:
                state = IN_PROGRESS
            else:
                state = NOT_STARTED
            cells[key] = Cell(
                state,
                min(page, max(n - 1, 0)),
                n,
                None if best is None else int(best),
                count,
                passes.get(key, (None, None))[1],
                a.due_date,
                is_overdue(a.due_date, state == PASSED, today),
            )
    audit.record(
        db,
        actor,
        audit.VIEW_CLASS,
        subject=class_id,
        detail={"students": len(students), "modules": len(assignments)},
    )
    return Grid(class_id, students, assignments, cells)
