"""The catalog: lessons (Markdown + TOML front matter) and quizzes (TOML), validated.

    >>> catalog = load_catalog()
    >>> [m.id for m in catalog.for_tier("k-2")]
    >>> catalog.problems            # what was wrong, as `path:line: message`

A module whose files are structurally wrong (bad TOML, a missing field, an unknown policy id,
no quiz) is left out of the catalog and reported; the others still load. Quality rules that do
not stop a module from working (reading level, page length, question count) are checked by
`check_content`, which `citizenship-app content check` runs before a district deploys.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import activities, paths

TIERS: tuple[str, ...] = ("k-2", "3-5", "6-8", "9-12", "staff")
TIER_LABELS = {
    "k-2": "Grades K-2",
    "3-5": "Grades 3-5",
    "6-8": "Grades 6-8",
    "9-12": "Grades 9-12",
    "staff": "Staff",
}
ID_PREFIX = {"k-2": "k2-", "3-5": "g35-", "6-8": "g68-", "9-12": "g912-", "staff": "staff-"}
MIN_QUESTIONS = {"k-2": 4, "3-5": 5, "6-8": 6, "9-12": 8, "staff": 8}
PAGE_MARKER = "<!-- page -->"
#: A lesson or quiz larger than this is a mistake (a pasted video, a wrong file), not content.
MAX_FILE_BYTES = 1_000_000
FRONT_MATTER = "+++"
QUESTION_TYPES = ("single", "multiple", "true_false", "picture", "scenario", "ordering", "matching")
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: The three subjects CIPA (47 U.S.C. 254(l)(1)(B)) names for educating minors, in its order; a
#: lesson's `cipa_topics` lists those it teaches (the compliance report's topic table).
CIPA_TOPICS = {
    "social-networking": "Interacting with others on social networking websites",
    "chat-rooms": "Interacting with others in chat rooms",
    "cyberbullying": "Cyberbullying awareness and response",
}
#: The procedure's item that restates CIPA's instruction duty: a lesson citing it names its topics.
CIPA_ITEM = "2314P-instruction-0"
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, located as precisely as we can."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{_display(self.path)}:{self.line}: {self.message}"


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _Model(BaseModel):
    # Unknown fields are typos in hand-written files: reject them rather than ignore them.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Model):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    feedback: str = Field(min_length=1)
    correct: bool | None = None
    image: str | None = None


class Pair(_Model):
    id: str = Field(min_length=1)
    left: str = Field(min_length=1)
    right: str = Field(min_length=1)
    feedback: str = Field(min_length=1)


class Question(_Model):
    id: str = Field(min_length=1)
    type: Literal["single", "multiple", "true_false", "picture", "scenario", "ordering", "matching"]
    prompt: str = Field(min_length=1)
    # Empty only for a question on what the lesson teaches beyond the procedure (its
    # `beyond_procedure`); content check refuses an empty list anywhere else.
    policy_items: list[str]
    explanation: str = Field(min_length=1)
    story: str | None = None
    #: A picture of the question's situation, shown beside it (every K-2 question that is not
    #: a `picture` question has one): a path under assets/, with `image_alt` for screen readers.
    image: str | None = None
    image_alt: str | None = None
    style: Literal["words", "thumbs"] = "words"
    choices: list[Choice] = []
    pairs: list[Pair] = []

    @model_validator(mode="after")
    def _shape_fits_type(self) -> Question:
        t, choices = self.type, self.choices
        if bool(self.image) != bool(self.image_alt and self.image_alt.strip()):
            raise ValueError("a question's `image` needs `image_alt` (what the picture shows), and only then")
        ids = [c.id for c in choices] + [p.id for p in self.pairs]
        if len(ids) != len(set(ids)):
            raise ValueError("choice ids must be unique within a question")
        if t == "matching":
            if choices:
                raise ValueError("a matching question has `pairs`, not `choices`")
            if not 3 <= len(self.pairs) <= 5:
                raise ValueError("a matching question needs 3-5 [[questions.pairs]]")
            if len({p.right for p in self.pairs}) != len(self.pairs):
                raise ValueError("the right-hand sides of a matching question must differ")
            return self
        if self.pairs:
            raise ValueError(f"a {t} question has `choices`, not `pairs`")
        if t == "ordering":
            if any(c.correct is not None for c in choices):
                raise ValueError("ordering choices have no `correct`: list them in the right order")
            if not 3 <= len(choices) <= 6:
                raise ValueError("an ordering question needs 3-6 choices, listed in the right order")
            return self
        if any(c.correct is None for c in choices):
            raise ValueError("every choice needs `correct = true` or `correct = false`")
        right = sum(1 for c in choices if c.correct)
        if t == "true_false":
            if sorted(c.id for c in choices) != ["false", "true"]:
                raise ValueError("a true_false question has exactly two choices, ids `true` and `false`")
        elif t == "multiple":
            if not 3 <= len(choices) <= 6:
                raise ValueError("a multiple question needs 3-6 choices")
        elif t == "picture":
            if not 2 <= len(choices) <= 4:
                raise ValueError("a picture question needs 2-4 choices")
            if any(not c.image for c in choices):
                raise ValueError("every choice of a picture question needs an `image`")
        elif not 2 <= len(choices) <= 5:
            raise ValueError(f"a {t} question needs 2-5 choices")
        if t == "multiple" and right < 1:
            raise ValueError("a multiple question needs at least one correct choice")
        if t != "multiple" and right != 1:
            raise ValueError(f"a {t} question needs exactly one correct choice (it has {right})")
        if t == "scenario" and not self.story:
            raise ValueError("a scenario question needs a `story`")
        return self

    @property
    def correct_ids(self) -> list[str]:
        """The right answer: chosen ids, the ids in order, or `left-id` pairs."""
        if self.type == "ordering":
            return [c.id for c in self.choices]
        if self.type == "matching":
            return [p.id for p in self.pairs]
        return [c.id for c in self.choices if c.correct]


class Quiz(_Model):
    module: str = Field(pattern=SLUG)
    pass_mark: int = Field(default=80, ge=1, le=100)
    #: A question bank: each attempt asks this many of the questions (see core/bank.py);
    #: None asks them all.
    draw: int | None = Field(default=None, ge=1)
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_questions(self) -> Quiz:
        ids = [q.id for q in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("question ids must be unique within a quiz")
        if self.draw is not None and self.draw > len(ids):
            raise ValueError(f"draw = {self.draw}, but the quiz has only {len(ids)} questions")
        return self

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


class LessonMeta(_Model):
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")
    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    tier: Literal["k-2", "3-5", "6-8", "9-12", "staff"]
    order: int = Field(ge=1)
    #: No longer written by hand: a module's minutes are computed (core/timing.py). Still read,
    #: so an older lesson loads, but `content check` asks for the line to go.
    minutes: int | None = None
    summary: str = Field(min_length=1)
    policy_items: list[str] = Field(min_length=1)
    # Required (may be empty): an author decides for every lesson, so the report's topic table
    # is never silently incomplete.
    cipa_topics: list[Literal["social-networking", "chat-rooms", "cyberbullying"]]
    # What the lesson teaches that the procedure does not require (news literacy, honest use of
    # AI tools...), one short phrase each: said as such wherever the lesson's coverage is shown,
    # so no one mistakes it for a procedure item. Optional; a translation words it in its language.
    beyond_procedure: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Module:
    """One lesson with its quiz."""

    meta: LessonMeta
    pages: tuple[str, ...]
    quiz: Quiz
    lesson_path: Path
    quiz_path: Path
    page_lines: tuple[int, ...]  # the line each page starts on, for error messages
    #: After the pages (core/activities.py): a discussion prompt for teacher-led use and a
    #: one-page sheet for families, Markdown; "" when the lesson has none.
    discussion: str = ""
    family_sheet: str = ""
    #: section attribute -> the line its marker is on.
    section_lines: tuple[tuple[str, int], ...] = ()

    @property
    def stops(self) -> list[activities.StopAndThink]:
        """The lesson's stop-and-think checks, in page order."""
        return [
            s
            for page, line in zip(self.pages, self.page_lines, strict=True)
            for s in activities.stops(page, line)
        ]

    @cached_property
    def minutes(self) -> int:
        """About how long the module takes, lesson and quiz (computed, see core/timing.py)."""
        from .timing import module_minutes

        return module_minutes(self)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def tier(self) -> str:
        return self.meta.tier

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass
class Catalog:
    modules: dict[str, Module] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    items: dict[str, dict] = field(default_factory=dict)
    assets_dir: Path = paths.ASSETS_DIR
    #: language -> module id -> the translated module (English lives in `modules`).
    translations: dict[str, dict[str, Module]] = field(default_factory=dict)
    #: language -> module id -> a standalone family sheet (lessons/<language>/<tier>/<id>.family-sheet.md)
    #: for a module with no translation: the English module with its `family_sheet`, language and
    #: lesson_path replaced; used only by `family_sheet_versions`, never shown to a student.
    family_sheets: dict[str, dict[str, Module]] = field(default_factory=dict)

    def localized(self, module: Module | str, language: str | None) -> Module:
        """The module in the student's language, falling back to English module by module."""
        module = self.modules[module] if isinstance(module, str) else module
        if language and language != "en":
            return self.translations.get(language, {}).get(module.id, module)
        return module

    def languages(self) -> list[str]:
        return ["en", *sorted(self.translations)]

    def family_sheet(self, module: Module | str, language: str) -> Module | None:
        """The module whose `family_sheet` families read in this language: a translation's own
        sheet wins over a standalone one; None when the language has none."""
        module = self.modules[module] if isinstance(module, str) else module
        if language == "en":
            return module if module.family_sheet else None
        translated = self.translations.get(language, {}).get(module.id)
        if translated is not None and translated.family_sheet:
            return translated
        return self.family_sheets.get(language, {}).get(module.id)

    def family_sheet_versions(self, module: Module | str) -> list[Module]:
        """The module's family sheet in English and in every language that has one."""
        languages = ["en", *sorted(set(self.translations) | set(self.family_sheets))]
        found = (self.family_sheet(module, language) for language in languages)
        return [sheet for sheet in found if sheet is not None]

    def for_tier(self, tier: str) -> list[Module]:
        return sorted(
            (m for m in self.modules.values() if m.tier == tier), key=lambda m: (m.meta.order, m.id)
        )

    def get(self, module_id: str) -> Module | None:
        return self.modules.get(module_id)

    @cached_property
    def by_tier(self) -> dict[str, list[Module]]:
        return {tier: self.for_tier(tier) for tier in TIERS}


def load_policy_items(path: Path = paths.POLICY_ITEMS) -> dict[str, dict]:
    """Items of the procedure by id, with their tiers normalised to our tier ids."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {item["id"]: {**item, "tiers": [t.lower() for t in item["tiers"]]} for item in data["items"]}


def load_catalog(
    lessons_dir: Path = paths.LESSONS_DIR,
    quizzes_dir: Path = paths.QUIZZES_DIR,
    assets_dir: Path = paths.ASSETS_DIR,
    items_path: Path = paths.POLICY_ITEMS,
) -> Catalog:
    """Load every module under lessons_dir/quizzes_dir; broken ones are left out and reported."""
    catalog = Catalog(items=load_policy_items(items_path), assets_dir=assets_dir)
    lesson_files = sorted(p for tier in TIERS for p in (lessons_dir / tier).glob("*.md"))
    seen: dict[str, Path] = {}
    for lesson_path in lesson_files:
        quiz_path = quizzes_dir / lesson_path.parent.name / (lesson_path.stem + ".toml")
        module, problems = _load_module(lesson_path, quiz_path, catalog.items, assets_dir)
        catalog.problems.extend(problems)
        if module is None:
            continue
        if module.id in seen:
            catalog.problems.append(
                Problem(
                    lesson_path, 2, f"module id {module.id!r} is already used by {_display(seen[module.id])}"
                )
            )
            continue
        seen[module.id] = lesson_path
        catalog.modules[module.id] = module
    lesson_names = {(p.parent.name, p.stem) for p in lesson_files}
    for quiz_path in sorted(p for tier in TIERS for p in (quizzes_dir / tier).glob("*.toml")):
        if (quiz_path.parent.name, quiz_path.stem) not in lesson_names:
            catalog.problems.append(
                Problem(
                    quiz_path,
                    1,
                    f"no lesson for this quiz: expected lessons/{quiz_path.parent.name}/{quiz_path.stem}.md",
                )
            )
    _load_translations(catalog, lessons_dir, quizzes_dir, assets_dir)
    return catalog


def _load_translations(catalog: Catalog, lessons_dir: Path, quizzes_dir: Path, assets_dir: Path) -> None:
    """lessons/<language>/<tier>/<id>.md: each checked against its English module."""
    for language_dir in (
        sorted(p for p in lessons_dir.iterdir() if p.is_dir() and p.name not in TIERS)
        if lessons_dir.is_dir()
        else []
    ):
        language = language_dir.name
        lesson_paths = sorted(p for tier in TIERS for p in (language_dir / tier).glob("*.md"))
        for lesson_path in (p for p in lesson_paths if not p.name.endswith(activities.SHEET_SUFFIX)):
            quiz_path = quizzes_dir / language / lesson_path.parent.name / (lesson_path.stem + ".toml")
            module, problems = _load_module(lesson_path, quiz_path, catalog.items, assets_dir)
            english = catalog.modules.get(lesson_path.stem)
            if module is not None and english is None:
                problems.append(
                    Problem(lesson_path, 1, f"no English module {lesson_path.stem!r} to translate")
                )
            elif module is not None and english is not None:
                if module.meta.language != language:
                    problems.append(
                        Problem(
                            lesson_path,
                            _key_line(lesson_path, "language"),
                            f"language must be {language!r} (the folder's language)",
                        )
                    )
                problems.extend(compare_translation(english, module))
            catalog.problems.extend(problems)
            if module is not None and not problems:
                catalog.translations.setdefault(language, {})[module.id] = module
        for sheet_path in (p for p in lesson_paths if p.name.endswith(activities.SHEET_SUFFIX)):
            problems = []
            sheet = _load_family_sheet(sheet_path, catalog, language, problems)
            catalog.problems.extend(problems)
            if sheet is not None and not problems:
                catalog.family_sheets.setdefault(language, {})[sheet.id] = sheet


def _load_family_sheet(path: Path, catalog: Catalog, language: str, problems: list[Problem]) -> Module | None:
    """lessons/<language>/<tier>/<id>.family-sheet.md: only a `<!-- family-sheet -->` section,
    for an English module that has a sheet and no translation in this language."""
    module_id = path.name.removesuffix(activities.SHEET_SUFFIX)
    english = catalog.modules.get(module_id)
    if english is None:
        problems.append(Problem(path, 1, f"no English module {module_id!r} for this family sheet"))
        return None
    if english.tier != path.parent.name:
        problems.append(
            Problem(
                path,
                1,
                f"{module_id} is a {english.tier} module: move this file to the {english.tier} folder",
            )
        )
    if not english.family_sheet:
        problems.append(Problem(path, 1, f"the English module {module_id} has no family sheet to translate"))
    if (path.parent / f"{module_id}.md").is_file():
        problems.append(
            Problem(
                path,
                1,
                f"{module_id} has a full translation ({module_id}.md): its family sheet goes there, "
                "after its pages; delete this file",
            )
        )
    text = _read_text(path, problems)
    if text is None:
        return None
    body = list(enumerate(text.splitlines(), start=1))
    first = next((n for n, (_, line) in enumerate(body) if line.strip()), None)
    if first is None or body[first][1].strip() != activities.FAMILY_SHEET:
        where = body[first][0] if first is not None else 1
        problems.append(
            Problem(
                path,
                where,
                f"a family sheet file starts with a {activities.FAMILY_SHEET} line, then the sheet",
            )
        )
        return None
    sections = _sections(body[first:], path, problems)
    if "discussion" in sections:
        problems.append(
            Problem(
                path,
                sections["discussion"][1],
                "only the family sheet goes here: a discussion prompt comes with a translated lesson",
            )
        )
    if "family_sheet" not in sections:
        return None
    sheet, line = sections["family_sheet"]
    return replace(
        english,
        meta=english.meta.model_copy(update={"language": language}),
        lesson_path=path,
        discussion="",
        family_sheet=sheet,
        section_lines=(("family_sheet", line),),
    )


def compare_translation(english: Module, translated: Module) -> list[Problem]:
    """A translation keeps everything but the words: ids, pages, images, questions, answers."""
    problems: list[Problem] = []
    lesson, quiz = translated.lesson_path, translated.quiz_path
    for key in ("id", "tier", "order", "policy_items", "cipa_topics"):
        if getattr(english.meta, key) != getattr(translated.meta, key):
            problems.append(
                Problem(
                    lesson,
                    _key_line(lesson, key),
                    f"{key} differs from the English module ({getattr(english.meta, key)!r})",
                )
            )
    if len(english.pages) != len(translated.pages):
        problems.append(
            Problem(lesson, 1, f"{len(translated.pages)} pages; the English module has {len(english.pages)}")
        )
    else:
        pairs = zip(english.pages, translated.pages, translated.page_lines, strict=True)
        for page_en, page_tr, start in pairs:
            images_en = [m["src"] for m in _IMAGE.finditer(page_en)]
            images_tr = [m["src"] for m in _IMAGE.finditer(page_tr)]
            if images_en != images_tr:
                problems.append(
                    Problem(
                        lesson,
                        start,
                        f"this page's pictures {images_tr} differ from the English page's {images_en}",
                    )
                )
            stops_en, stops_tr = len(activities.stops(page_en)), len(activities.stops(page_tr))
            if stops_en != stops_tr:
                problems.append(
                    Problem(
                        lesson,
                        start,
                        f"this page has {stops_tr} stop-and-think check(s); the English page has {stops_en}",
                    )
                )
    for attribute in activities.SECTIONS.values():
        if bool(getattr(english, attribute)) != bool(getattr(translated, attribute)):
            marker = next(m for m, a in activities.SECTIONS.items() if a == attribute)
            problems.append(
                Problem(
                    lesson,
                    dict(translated.section_lines).get(attribute, 1),
                    f"the English lesson {'has' if getattr(english, attribute) else 'has no'} "
                    f"a {marker} section; the translation must match",
                )
            )
    index = _TomlIndex(quiz.read_text(encoding="utf-8"))
    if english.quiz.pass_mark != translated.quiz.pass_mark:
        problems.append(
            Problem(quiz, _key_line(quiz, "pass_mark"), "pass_mark differs from the English quiz")
        )
    if english.quiz.draw != translated.quiz.draw:
        problems.append(
            Problem(
                quiz, _key_line(quiz, "draw"), f"draw differs from the English quiz ({english.quiz.draw!r})"
            )
        )
    ids_en = [q.id for q in english.quiz.questions]
    ids_tr = [q.id for q in translated.quiz.questions]
    if ids_en != ids_tr:
        problems.append(
            Problem(
                quiz, 1, f"questions {ids_tr} differ from the English quiz's {ids_en} (same ids, same order)"
            )
        )
        return problems
    for n, (q_en, q_tr) in enumerate(zip(english.quiz.questions, translated.quiz.questions, strict=True)):
        line = index.line(("questions", n))
        shape_en = (
            q_en.type,
            q_en.style,
            q_en.image,
            q_en.policy_items,
            [(c.id, c.correct, c.image) for c in q_en.choices],
            [p.id for p in q_en.pairs],
        )
        shape_tr = (
            q_tr.type,
            q_tr.style,
            q_tr.image,
            q_tr.policy_items,
            [(c.id, c.correct, c.image) for c in q_tr.choices],
            [p.id for p in q_tr.pairs],
        )
        if shape_en != shape_tr:
            problems.append(
                Problem(
                    quiz,
                    line,
                    f"question {q_tr.id!r} must keep the English type, choices, correct answers and pictures",
                )
            )
        if bool(q_en.story) != bool(q_tr.story):
            problems.append(
                Problem(
                    quiz, line, f"question {q_tr.id!r}: the story must be translated, not added or dropped"
                )
            )
    return problems


def _load_module(
    lesson_path: Path, quiz_path: Path, items: dict[str, dict], assets_dir: Path
) -> tuple[Module | None, list[Problem]]:
    problems: list[Problem] = []
    meta, pages, page_lines, sections = _load_lesson(lesson_path, problems)
    quiz = _load_quiz(quiz_path, problems) if quiz_path.exists() else None
    if not quiz_path.exists():
        problems.append(Problem(lesson_path, 1, f"no quiz: expected {_display(quiz_path)}"))
    if meta is None or quiz is None:
        return None, problems
    tier_dir = lesson_path.parent.name
    if meta.tier != tier_dir:
        problems.append(
            Problem(
                lesson_path,
                _key_line(lesson_path, "tier"),
                f"tier {meta.tier!r} does not match its folder {tier_dir!r}",
            )
        )
    if meta.id != lesson_path.stem:
        problems.append(
            Problem(
                lesson_path,
                _key_line(lesson_path, "id"),
                f"id {meta.id!r} must equal the file name {lesson_path.stem!r}",
            )
        )
    if quiz.module != meta.id:
        problems.append(
            Problem(
                quiz_path,
                _key_line(quiz_path, "module"),
                f"module {quiz.module!r} must be the lesson's id {meta.id!r}",
            )
        )
    for item in meta.policy_items:
        if item not in items:
            problems.append(
                Problem(
                    lesson_path,
                    _key_line(lesson_path, "policy_items"),
                    f"unknown policy item {item!r}: use an id from assets/policy/items.json",
                )
            )
    if len(set(meta.cipa_topics)) != len(meta.cipa_topics):
        problems.append(
            Problem(lesson_path, _key_line(lesson_path, "cipa_topics"), "cipa_topics lists a topic twice")
        )
    if CIPA_ITEM in meta.policy_items and not meta.cipa_topics:
        problems.append(
            Problem(
                lesson_path,
                _key_line(lesson_path, "cipa_topics"),
                f"the lesson cites {CIPA_ITEM} (CIPA's instruction) but its cipa_topics is empty: "
                f"list which of {', '.join(CIPA_TOPICS)} it teaches",
            )
        )
    cited = set(meta.policy_items)
    index = _TomlIndex(quiz_path.read_text(encoding="utf-8"))
    for n, question in enumerate(quiz.questions):
        if not question.policy_items and not meta.beyond_procedure:
            problems.append(
                Problem(
                    quiz_path,
                    index.line(("questions", n, "policy_items")),
                    f"question {question.id!r} cites no policy item: cite what it checks, or, for a "
                    "topic beyond the procedure, list that topic in the lesson's beyond_procedure",
                )
            )
        for item in question.policy_items:
            if item not in cited:
                problems.append(
                    Problem(
                        quiz_path,
                        index.line(("questions", n, "policy_items")),
                        f"question {question.id!r} cites {item!r}, "
                        "which the lesson's policy_items do not list",
                    )
                )
        problems.extend(_question_picture_problems(question, n, meta.tier, quiz_path, index, assets_dir))
        for c, choice in enumerate(question.choices):
            if choice.image and not (assets_dir / choice.image).is_file():
                problems.append(
                    Problem(
                        quiz_path,
                        index.line(("questions", n, "choices", c, "image")),
                        f"image not found: assets/{choice.image}",
                    )
                )
    for page, start in zip(pages, page_lines, strict=True):
        for offset, line in enumerate(page.splitlines()):
            for match in _IMAGE.finditer(line):
                where = start + offset
                if not match["alt"].strip():
                    problems.append(
                        Problem(
                            lesson_path, where, "image has no alt text: write ![what the picture shows](...)"
                        )
                    )
                if not (assets_dir / match["src"]).is_file():
                    problems.append(Problem(lesson_path, where, f"image not found: assets/{match['src']}"))
    if problems:
        return None, problems
    return (
        Module(
            meta,
            tuple(pages),
            quiz,
            lesson_path,
            quiz_path,
            tuple(page_lines),
            discussion=sections.get("discussion", ("", 0))[0],
            family_sheet=sections.get("family_sheet", ("", 0))[0],
            section_lines=tuple((name, line) for name, (_, line) in sections.items()),
        ),
        problems,
    )


def _question_picture_problems(
    question: Question, n: int, tier: str, quiz_path: Path, index: _TomlIndex, assets_dir: Path
) -> list[Problem]:
    """A K-2 question shows its situation in a picture (pre-readers); the picture must exist."""
    if question.image:
        if (assets_dir / question.image).is_file():
            return []
        where = index.line(("questions", n, "image"))
        return [Problem(quiz_path, where, f"image not found: assets/{question.image}")]
    if tier == "k-2" and question.type != "picture":
        return [
            Problem(
                quiz_path,
                index.line(("questions", n)),
                f'K-2 question {question.id!r} has no picture: add image = "images/k-2/....svg" '
                '(the situation, not the answer) and image_alt = "what it shows"',
            )
        ]
    return []


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file as UTF-8 text, or None with the reason recorded."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    path,
                    1,
                    f"file is {size / 1e6:.1f} MB; content files are at most "
                    f"{MAX_FILE_BYTES / 1e6:.0f} MB (is this the right file?)",
                )
            )
            return None
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as exc:
        problems.append(Problem(path, 1, f"cannot read the file as UTF-8 text: {exc}"))
        return None


_Sections = dict[str, tuple[str, int]]  # attribute -> (Markdown, marker line)


def _load_lesson(
    path: Path, problems: list[Problem]
) -> tuple[LessonMeta | None, list[str], list[int], _Sections]:
    text = _read_text(path, problems)
    if text is None:
        return None, [], [], {}
    lines = text.splitlines()
    if not lines or lines[0].strip() != FRONT_MATTER:
        problems.append(
            Problem(path, 1, "a lesson must start with a +++ line, then its TOML front matter, then +++")
        )
        return None, [], [], {}
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER)
    except StopIteration:
        problems.append(Problem(path, 1, "the front matter is not closed: add a +++ line after it"))
        return None, [], [], {}
    front = "\n".join(lines[1:end])
    data = _parse_toml(front, path, problems, line_offset=1)
    if data is None:
        return None, [], [], {}
    try:
        meta = LessonMeta.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, path, _TomlIndex(front), line_offset=1))
        return None, [], [], {}
    pages: list[str] = []
    page_lines: list[int] = []
    current: list[str] = []
    start = end + 2
    body = list(enumerate(lines[end + 1 :], start=end + 2))
    first_section = next((n for n, (_, line) in enumerate(body) if line.strip() in activities.SECTIONS), None)
    sections = _sections(body[first_section:], path, problems) if first_section is not None else {}
    for number, line in body[:first_section]:
        if line.strip() == PAGE_MARKER:
            pages.append("\n".join(current).strip())
            page_lines.append(start)
            current, start = [], number + 1
        else:
            current.append(line)
    pages.append("\n".join(current).strip())
    page_lines.append(start)
    for page, page_line in zip(pages, page_lines, strict=True):
        if not page:
            problems.append(Problem(path, page_line, "empty page: remove the extra <!-- page --> marker"))
        for where, message in activities.marker_problems(
            page, page_line + _leading_blank_lines(lines, page_line)
        ):
            problems.append(Problem(path, where, message))
    return meta, pages, page_lines, sections


def _leading_blank_lines(lines: list[str], start: int) -> int:
    """Blank lines at the start of a page (its text is stripped; its markers keep their lines)."""
    n = 0
    while start - 1 + n < len(lines) and not lines[start - 1 + n].strip():
        n += 1
    return n


def _sections(body: list[tuple[int, str]], path: Path, problems: list[Problem]) -> _Sections:
    """The discussion and family-sheet sections after the pages (core/activities.py)."""
    found: _Sections = {}
    name, opened, current = "", 0, list[str]()
    for number, line in [*body, (0, next(iter(activities.SECTIONS)))]:
        marker = line.strip()
        if marker in activities.SECTIONS or number == 0:
            if name:
                text = "\n".join(current).strip()
                if not text:
                    problems.append(Problem(path, opened, "empty section: write its text after the marker"))
                found[name] = (text, opened)
            if number == 0:
                break
            name, opened, current = activities.SECTIONS[marker], number, []
            if name in found:
                problems.append(Problem(path, number, f"{marker} appears twice: a lesson has one"))
        elif marker == PAGE_MARKER:
            problems.append(
                Problem(path, number, "a page after the discussion or family sheet: pages come first")
            )
        elif marker in (activities.STOP, activities.REVEAL, activities.END):
            problems.append(Problem(path, number, "stop-and-think checks belong on the pages, not here"))
        else:
            current.append(line)
    return found


def _load_quiz(path: Path, problems: list[Problem]) -> Quiz | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    data = _parse_toml(text, path, problems)
    if data is None:
        return None
    try:
        return Quiz.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, path, _TomlIndex(text)))
        return None


def _parse_toml(
    text: str, path: Path, problems: list[Problem], line_offset: int = 0
) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)"; re-base the line on the whole file.
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(match[1]) + line_offset if match else 1 + line_offset
        if match:
            message = message[: match.start()].strip() + f" (column {match[2]})"
        problems.append(Problem(path, line, f"TOML syntax: {message}"))
        return None


def _validation_problems(
    exc: ValidationError, path: Path, index: _TomlIndex, line_offset: int = 0
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        where = ".".join(str(part) for part in loc) or "file"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = f"missing required field {loc[-1]!r}"
        elif error["type"] == "extra_forbidden":
            message = f"unknown field {loc[-1]!r} (check its spelling in docs/content-format.md)"
        problems.append(Problem(path, index.line(loc) + line_offset, f"{where}: {message}"))
    return problems


class _TomlIndex:
    """Maps a pydantic error location like ('questions', 2, 'choices', 1, 'text') to a line.

    TOML parsers forget line numbers, so we re-scan the text: each `[[a.b]]` header opens the
    next element of that array, each `key =` line belongs to the innermost open table.
    """

    _HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]")
    _TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.]+)\s*\]")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple, int] = {}
        counters: dict[str, int] = {}
        context: dict[str, tuple] = {}
        current: tuple = ()
        in_string = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                    in_string = False
                continue
            if header := self._HEADER.match(line):
                name = header[1]
                parts = name.split(".")
                parent = context.get(".".join(parts[:-1]), ()) if len(parts) > 1 else ()
                key = name + repr(parent)
                counters[key] = counters.get(key, -1) + 1
                current = parent + (parts[-1], counters[key])
                context[name] = current
                # A new parent element resets the counters of its nested arrays.
                for other in list(counters):
                    if other.startswith(name + "."):
                        del counters[other]
                self.lines.setdefault(current, number)
            elif table := self._TABLE.match(line):
                current = tuple(table[1].split("."))
                self.lines.setdefault(current, number)
            elif key := self._KEY.match(line):
                self.lines.setdefault(current + (key[1],), number)
                if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                    in_string = True

    def line(self, loc: tuple) -> int:
        for length in range(len(loc), 0, -1):
            if (found := self.lines.get(tuple(loc[:length]))) is not None:
                return found
        return 1


def _key_line(path: Path, key: str) -> int:
    """The line of a top-level `key =` in a lesson's front matter or a quiz."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return 1
