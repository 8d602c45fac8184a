"""Quality rules for shipped content, beyond what the loader needs to run a module.

`check_content()` is what `citizenship-app content check` prints: the loader's problems plus
reading level, page length, quiz size, that each quiz checks every item its lesson cites, and
the item-writing rules of `itemrules` (answer-length cues, true/false balance, verdicts...),
and that each tier teaches CIPA's three topics (`check_cipa_topics`).
`coverage()` is the item x tier matrix behind `content coverage`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import activities
from .bank import check_bank
from .content import (
    _IMAGE,
    CIPA_TOPICS,
    ID_PREFIX,
    MIN_QUESTIONS,
    TIERS,
    Catalog,
    Module,
    Problem,
    _key_line,
    load_catalog,
)
from .itemrules import check_items
from .readability import LIMITS, fk_grade, plain_text, word_count

#: Tiers whose lessons must carry at least one picture.
ILLUSTRATED_TIERS = ("k-2", "3-5")
#: Tiers whose every module must have a stop-and-think check, a discussion prompt and a family
#: sheet (core/activities.py). A tier joins once its modules have them, so that `content
#: check` keeps passing while the rest are being written.
ACTIVITY_TIERS: tuple[str, ...] = ("k-2", "3-5", "6-8", "9-12")
#: Tiers whose every module's family sheet must exist in each of these languages: a
#: translation's own sheet, or a standalone `lessons/<language>/<tier>/<id>.family-sheet.md`.
SHEET_LANGUAGES: tuple[str, ...] = ("es",)
SHEET_LANGUAGE_TIERS: tuple[str, ...] = ("k-2", "3-5", "6-8", "9-12")


def check_content(catalog: Catalog | None = None) -> list[Problem]:
    """Every problem with the catalog, sorted by file and line."""
    catalog = catalog or load_catalog()
    problems = list(catalog.problems)
    for module in catalog.modules.values():
        problems.extend(check_module(module))
        problems.extend(check_bank(module))
    problems.extend(check_items(catalog))
    problems.extend(check_cipa_topics(catalog))
    problems.extend(check_family_sheets(catalog))
    return sorted(problems)


def check_family_sheets(catalog: Catalog) -> list[Problem]:
    """Standalone translated sheets fit on one page; the tiers in SHEET_LANGUAGE_TIERS have a
    family sheet in every language of SHEET_LANGUAGES."""
    problems = [
        problem
        for sheets in catalog.family_sheets.values()
        for sheet in sheets.values()
        for problem in check_sheet_length(sheet)
    ]
    for tier in SHEET_LANGUAGE_TIERS:
        for module in catalog.for_tier(tier):
            for language in SHEET_LANGUAGES:
                if module.family_sheet and catalog.family_sheet(module, language) is None:
                    problems.append(
                        Problem(
                            module.lesson_path,
                            dict(module.section_lines).get("family_sheet", 1),
                            f"no {language!r} family sheet: translate this one into "
                            f"lessons/{language}/{tier}/{module.id}{activities.SHEET_SUFFIX} "
                            "(docs/content-format.md)",
                        )
                    )
    return problems


def check_cipa_topics(catalog: Catalog) -> list[Problem]:
    """Each tier teaches all three of CIPA's topics in some module (its `cipa_topics`)."""
    problems = []
    for tier in TIERS:
        modules = catalog.for_tier(tier)
        taught = {t for m in modules for t in m.meta.cipa_topics}
        missing = [t for t in CIPA_TOPICS if t not in taught]
        if modules and missing:
            first = modules[0].lesson_path
            problems.append(
                Problem(
                    first,
                    _key_line(first, "cipa_topics"),
                    f"no {tier} lesson lists {', '.join(repr(t) for t in missing)} in cipa_topics: "
                    "CIPA requires every student (and the staff training) to be taught all three",
                )
            )
    return problems


def check_module(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    tier, lesson = module.tier, module.lesson_path
    max_grade, _target, max_words = LIMITS[tier]
    if not module.id.startswith(ID_PREFIX[tier]):
        problems.append(
            Problem(
                lesson,
                _key_line(lesson, "id"),
                f"id {module.id!r} should start with {ID_PREFIX[tier]!r} for tier {tier}",
            )
        )
    texts = [plain_text(page) for page in module.pages]
    for page, start in zip(module.pages, module.page_lines, strict=True):
        words = word_count(plain_text(activities.without_stops(page)))
        if words > max_words:
            problems.append(
                Problem(
                    lesson,
                    start,
                    f"page has {words} words; {tier} pages have at most {max_words} "
                    "(split it with <!-- page -->)",
                )
            )
    grade = fk_grade(" ".join(texts))
    if grade > max_grade:
        problems.append(
            Problem(
                lesson,
                1,
                f"reading level is grade {grade:.1f}; {tier} lessons must be at most {max_grade} "
                "(shorter sentences, shorter words)",
            )
        )
    problems.extend(check_activities(module))
    if tier in ILLUSTRATED_TIERS and not any(_IMAGE.search(page) for page in module.pages):
        problems.append(Problem(lesson, module.page_lines[0], f"{tier} lessons need at least one picture"))
    quiz_path = module.quiz_path
    count = len(module.quiz.questions)
    if count < MIN_QUESTIONS[tier]:
        problems.append(
            Problem(
                quiz_path,
                1,
                f"quiz has {count} questions; {tier} quizzes need at least {MIN_QUESTIONS[tier]}",
            )
        )
    checked = {item for q in module.quiz.questions for item in q.policy_items}
    for item in module.meta.policy_items:
        if item not in checked:
            problems.append(
                Problem(
                    quiz_path,
                    1,
                    f"no question checks {item!r}, which the lesson teaches: "
                    "add one or cite it on a question",
                )
            )
    return problems


def check_activities(module: Module) -> list[Problem]:
    """Minutes are computed, not written; stop-and-think, discussion and family sheet where
    the tier requires them; a family sheet fits on one printed page."""
    problems: list[Problem] = []
    lesson = module.lesson_path
    if module.meta.minutes is not None:
        problems.append(
            Problem(
                lesson,
                _key_line(lesson, "minutes"),
                f"minutes are computed from the lesson's words and activities now "
                f"(this module: {module.minutes}): delete the `minutes =` line",
            )
        )
    if module.tier in ACTIVITY_TIERS:
        wanted = [
            (not module.stops, f"no {activities.STOP} check on any page: add at least one"),
            (not module.discussion, f"no {activities.DISCUSSION} section after the pages: add one"),
            (not module.family_sheet, f"no {activities.FAMILY_SHEET} section after the pages: add one"),
        ]
        problems += [
            Problem(lesson, 1, f"{module.tier} modules need in-lesson activities: {message}")
            for missing, message in wanted
            if missing
        ]
    return problems + check_sheet_length(module)


def check_sheet_length(module: Module) -> list[Problem]:
    """A family sheet fits on one printed page."""
    words = len(plain_text(module.family_sheet).split())
    if words <= activities.FAMILY_SHEET_WORDS:
        return []
    return [
        Problem(
            module.lesson_path,
            dict(module.section_lines).get("family_sheet", 1),
            f"the family sheet has {words} words; it must print on one page "
            f"(at most {activities.FAMILY_SHEET_WORDS})",
        )
    ]


@dataclass(frozen=True)
class Gap:
    item: str
    tier: str

    def __str__(self) -> str:
        return f"{self.item}: not taught in tier {self.tier}"


def coverage(catalog: Catalog) -> tuple[dict[str, dict[str, list[str]]], list[Gap]]:
    """item -> tier -> module ids citing it, and the gaps (a required tier with no module)."""
    matrix: dict[str, dict[str, list[str]]] = {item: {tier: [] for tier in TIERS} for item in catalog.items}
    for module in sorted(catalog.modules.values(), key=lambda m: m.id):
        for item in module.meta.policy_items:
            if item in matrix:
                matrix[item][module.tier].append(module.id)
    gaps = [
        Gap(item, tier)
        for item, info in catalog.items.items()
        for tier in info["tiers"]
        if not matrix[item][tier]
    ]
    return matrix, gaps
