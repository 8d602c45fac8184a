"""The compliance report a district files: built from plain rows, so the kiosk and the hub share it.

    >>> report = build(district="Harbor View SD", year=year, modules=module_infos(catalog),
    ...                required={"3-5": ["g35-upstander", ...]}, students=[...], staff=[...],
    ...                passes=[...], generated_at="2027-07-02T10:00:00+00:00")
    >>> report.fingerprint                      # SHA-256 of the completion records it counts
    >>> Report.from_json(report.to_json()) == report

The kiosk (`core.filing`, from its SQLite roster and completions) and the district hub
(`district.compliance`, from its roster and xAPI statements) gather the rows; this module
decides what they mean. A student is complete when they passed every required module of their
tier within the school year; a staff member is trained when they passed every staff module in
it. The records counted are exactly those passes (required modules of the student's tier, staff
modules for staff) by the people in the report, dated within the year; `fingerprint` is the
SHA-256 of their canonical serialisation (`canonical`), so anyone holding the database can
recompute it and see whether the records still say what the report says.

Module titles, never ids, are what the report shows; which CIPA topics and which items of the
procedure a module teaches come from its metadata (`cipa_topics`, `policy_items`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

from .compliance import STUDENT_TIERS, grade_key
from .content import CIPA_TOPICS, Catalog

STAFF_TIER = "staff"
FORMAT = "citizenship-compliance/1"  # the version of the JSON and of the canonical records
# Why the hub left a pass out of its report (codes from district.signatures.why_not_verified).
LEFT_OUT_REASONS = {
    "unsigned": "unsigned",
    "no-key": "signed by a device with no registered key",
    "no-data": "with its signature's data missing at the hub",
    "bad-signature": "whose signature does not verify",
}


# -- input rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleInfo:
    id: str
    title: str
    tier: str
    order: int
    topics: tuple[str, ...]  # CIPA_TOPICS keys
    items: tuple[str, ...]  # procedure item ids


@dataclass(frozen=True)
class Student:
    """One student at one school (a student at two schools is two rows), with their classes there."""

    person_id: str
    school_id: str
    school: str
    grade: str
    tier: str | None
    classes: tuple[tuple[str, str], ...] = ()  # (class id, title)


@dataclass(frozen=True)
class StaffMember:
    person_id: str
    name: str  # "Family, Given": the staff section names who was trained


@dataclass(frozen=True, order=True)
class Pass:
    """A passed quiz: the completion record the report counts. `record_id` is the attempt id
    (the same on every kiosk and at the hub), `completed_at` an ISO time in UTC."""

    record_id: str
    person_id: str
    module_id: str
    completed_at: str
    score: int

    def canonical(self) -> list:
        return [self.record_id, self.person_id, self.module_id, self.completed_at, self.score]


def fingerprint(passes: Iterable[Pass]) -> str:
    """SHA-256 (hex) of the records, sorted, as compact JSON: [FORMAT, [record...]...]."""
    rows = sorted(set(passes))
    text = json.dumps([FORMAT, [p.canonical() for p in rows]], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def module_infos(catalog: Catalog) -> list[ModuleInfo]:
    """The catalog's modules (English metadata) as report rows."""
    return [
        ModuleInfo(m.id, m.title, m.tier, m.meta.order, tuple(m.meta.cipa_topics), tuple(m.meta.policy_items))
        for m in catalog.modules.values()
    ]


def item_labels(item_ids: Iterable[str], items: dict[str, dict]) -> tuple[str, ...]:
    """Procedure items as the procedure numbers them, one label per section, in the procedure's
    order: ("Internet Safety 1, 4", "Unacceptable use 7b"); an item numbered 0 is its section's
    opening paragraph. An id the procedure does not know is shown as it is."""
    order = {item_id: n for n, item_id in enumerate(items)}
    sections: dict[str, list[str]] = {}
    for item_id in sorted(item_ids, key=lambda i: (order.get(i, len(order)), i)):
        item = items.get(item_id)
        if item is None:
            sections.setdefault(item_id, [])
            continue
        number = item_id.rsplit("-", 1)[-1]
        sections.setdefault(item["section"], []).append("opening" if number == "0" else number)
    return tuple(f"{section} {', '.join(numbers)}".strip() for section, numbers in sections.items())


# -- the report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    school: str
    label: str  # the grade code or the class title; "" for a school's total
    enrolled: int
    completed: int

    @property
    def percent(self) -> float:
        return round(100 * self.completed / self.enrolled, 1) if self.enrolled else 0.0


@dataclass(frozen=True)
class ModuleRow:
    title: str
    audience: str  # the grade band ("3-5", "K-2") or "Staff"
    required: bool
    topics: tuple[str, ...]  # CIPA topic names
    items: tuple[str, ...]  # item labels


@dataclass(frozen=True)
class StaffRow:
    name: str
    completed: tuple[str, ...]  # staff module titles passed in the year
    trained: bool  # passed every staff module


@dataclass(frozen=True)
class Report:
    district: str
    scope: str  # "All schools" or the school's (or schools') name
    school_id: str | None  # one school, or None for the district (or a counselor's schools)
    school_year: str  # "2027": the year the school year ends
    school_year_title: str  # "2026-2027"
    period_start: str  # YYYY-MM-DD
    period_end: str
    records_through: str  # YYYY-MM-DD: the period's end, or the day the report was made if earlier
    generated_at: str
    required: dict[str, list[str]]  # {tier: [module ids]} as decided when the report was made
    modules: tuple[ModuleRow, ...]
    schools: tuple[Count, ...]
    grades: tuple[Count, ...]
    classes: tuple[Count, ...]
    total: Count
    staff_modules: tuple[str, ...]
    staff: tuple[StaffRow, ...]
    records: int
    fingerprint: str
    frozen_at: str | None = None
    frozen_by: str | None = None
    source: str = "kiosk"  # "kiosk" or "hub": where the records were counted
    # Hub: passes that would have counted but were left out, by why (their statement does not
    # verify: district.signatures.REASONS); the kiosk leaves none out.
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def left_out_line(self) -> str | None:
        """The report's one line on the passes it left out, or None when it left none out."""
        if not self.left_out:
            return None
        total = sum(self.left_out.values())
        why = "; ".join(
            f"{n} {LEFT_OUT_REASONS.get(code, code)}" for code, n in sorted(self.left_out.items())
        )
        return (
            f"{total} passed {'record was' if total == 1 else 'records were'} left out because "
            f"{'its statement does' if total == 1 else 'their statements do'} not carry a signature "
            f"that verifies against the sending device's registered key: {why}."
        )

    @property
    def staff_trained(self) -> int:
        return sum(r.trained for r in self.staff)

    def to_json(self) -> dict:
        out = asdict(self)
        for key in ("schools", "grades", "classes"):
            out[key] = [{**asdict(c), "percent": c.percent} for c in getattr(self, key)]
        out["total"] = {**asdict(self.total), "percent": self.total.percent}
        for row in out["grades"]:
            row["grade"] = row["label"]
        for row in out["classes"]:
            row["class"] = row["label"]
        out["required_modules"] = self.required  # the name `compliance --json` always used
        out["format"] = FORMAT
        out["left_out_line"] = self.left_out_line
        return out

    @classmethod
    def from_json(cls, data: dict) -> Report:
        d = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}

        def counts(rows: list[dict]) -> tuple[Count, ...]:
            return tuple(Count(r["school"], r["label"], r["enrolled"], r["completed"]) for r in rows)

        d["modules"] = tuple(
            ModuleRow(m["title"], m["audience"], m["required"], tuple(m["topics"]), tuple(m["items"]))
            for m in data["modules"]
        )
        d["schools"], d["grades"], d["classes"] = (
            counts(data["schools"]),
            counts(data["grades"]),
            counts(data["classes"]),
        )
        t = data["total"]
        d["total"] = Count(t["school"], t["label"], t["enrolled"], t["completed"])
        d["staff_modules"] = tuple(data["staff_modules"])
        d["staff"] = tuple(StaffRow(s["name"], tuple(s["completed"]), s["trained"]) for s in data["staff"])
        return cls(**d)

    def metadata(self) -> dict:
        """What the PDF carries for `verify`: the scope, the rule and the fingerprint (no names)."""
        return {
            "format": FORMAT,
            "source": self.source,
            "school_year": self.school_year,
            "school_id": self.school_id,
            "required": self.required,
            "records": self.records,
            "fingerprint": self.fingerprint,
            "frozen": self.frozen_at is not None,
        }


def _by_school_grade(kv: tuple[tuple[str, str], object]) -> tuple[str, tuple[int, str]]:
    (school, grade), _counts = kv
    return (school, grade_key(grade))


def counted(
    year_start: date,
    year_end: date,
    modules: list[ModuleInfo],
    required: dict[str, list[str]],
    students: list[Student],
    staff: list[StaffMember],
    passes: Iterable[Pass],
) -> list[Pass]:
    """The passes the report counts: required modules of a student's tier, staff modules for
    staff, by the people in the report, dated within the school year (both days included)."""
    start, end = year_start.isoformat(), (year_end.isoformat() + "T99")  # end: the whole last day
    tiers = {s.person_id: s.tier for s in students}
    staff_ids = {s.person_id for s in staff}
    staff_modules = {m.id for m in modules if m.tier == STAFF_TIER}
    wanted = {t: set(ids) for t, ids in required.items()}
    out = set()
    for p in passes:
        if not (start <= p.completed_at <= end):
            continue
        if p.person_id in tiers and p.module_id in wanted.get(tiers[p.person_id] or "", ()):
            out.add(p)
        elif p.person_id in staff_ids and p.module_id in staff_modules:
            out.add(p)
    return sorted(out)


def build(
    *,
    district: str,
    scope: str,
    school_id: str | None,
    school_year: str,
    school_year_title: str,
    year_start: date,
    year_end: date,
    modules: list[ModuleInfo],
    items: dict[str, dict],
    required: dict[str, list[str]],
    students: list[Student],
    staff: list[StaffMember],
    passes: Iterable[Pass],
    generated_at: str,
    source: str = "kiosk",
) -> Report:
    """The report from its rows (see the module's docstring for what counts)."""
    records = counted(year_start, year_end, modules, required, students, staff, passes)
    by_id = {m.id: m for m in modules}
    passed: dict[str, set[str]] = {}
    for p in records:
        passed.setdefault(p.person_id, set()).add(p.module_id)

    def complete(person: str, tier: str | None) -> bool:
        need = set(required.get(tier or "", ()))
        return bool(need) and need <= passed.get(person, set())

    schools: dict[str, list[set]] = {}
    grades: dict[tuple[str, str], list[int]] = {}
    classes: dict[tuple[str, str, str], list[int]] = {}
    everyone: dict[str, bool] = {}
    for s in students:
        done = everyone.setdefault(s.person_id, complete(s.person_id, s.tier))
        school = schools.setdefault(s.school, [set(), set()])
        school[0].add(s.person_id)
        if done:
            school[1].add(s.person_id)
        cell = grades.setdefault((s.school, s.grade), [0, 0])
        cell[0] += 1
        cell[1] += done
        for class_id, title in s.classes:
            row = classes.setdefault((s.school, title, class_id), [0, 0])
            row[0] += 1
            row[1] += done

    staff_modules = sorted((m for m in modules if m.tier == STAFF_TIER), key=lambda m: (m.order, m.title))
    staff_ids = [m.id for m in staff_modules]
    staff_rows = tuple(
        StaffRow(
            s.name,
            tuple(by_id[m].title for m in staff_ids if m in passed.get(s.person_id, set())),
            bool(staff_ids) and set(staff_ids) <= passed.get(s.person_id, set()),
        )
        for s in sorted(staff, key=lambda s: (s.name, s.person_id))
    )
    required_ids = {m for ids in required.values() for m in ids}
    tier_order = {t: i for i, t in enumerate((*STUDENT_TIERS, STAFF_TIER))}
    module_rows = tuple(
        ModuleRow(
            m.title,
            "Staff" if m.tier == STAFF_TIER else m.tier.upper(),
            m.id in required_ids or m.tier == STAFF_TIER,
            tuple(CIPA_TOPICS[t] for t in CIPA_TOPICS if t in m.topics),
            item_labels(m.items, items),
        )
        for m in sorted(modules, key=lambda m: (tier_order.get(m.tier, 9), m.order, m.title))
    )
    today = generated_at[:10]
    return Report(
        district=district,
        scope=scope,
        school_id=school_id,
        school_year=school_year,
        school_year_title=school_year_title,
        period_start=year_start.isoformat(),
        period_end=year_end.isoformat(),
        records_through=min(today, year_end.isoformat()),
        generated_at=generated_at,
        required={t: list(ids) for t, ids in required.items()},
        modules=module_rows,
        schools=tuple(Count(name, "", len(a), len(b)) for name, (a, b) in sorted(schools.items())),
        grades=tuple(
            Count(name, grade, e, c)
            for (name, grade), (e, c) in sorted(
                grades.items(), key=lambda kv: (kv[0][0], grade_key(kv[0][1]))
            )
        ),
        classes=tuple(Count(name, title, e, c) for (name, title, _id), (e, c) in sorted(classes.items())),
        total=Count("All schools", "", len(everyone), sum(everyone.values())),
        staff_modules=tuple(m.title for m in staff_modules),
        staff=staff_rows,
        records=len(records),
        fingerprint=fingerprint(records),
        source=source,
    )


@dataclass(frozen=True)
class Check:
    """`code`: match, changed (the records differ from the report's), frozen-altered (the stored
    report no longer matches its own records) or not-a-report (no fingerprint in the file)."""

    code: str
    expected: str | None  # the file's fingerprint
    found: str | None  # recomputed from the database
    records_then: int | None
    records_now: int | None
    frozen: bool

    @property
    def ok(self) -> bool:
        return self.code == "match"

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "code": self.code,
            "expected": self.expected,
            "found": self.found,
            "records_then": self.records_then,
            "records_now": self.records_now,
            "frozen": self.frozen,
        }
