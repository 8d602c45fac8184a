"""Item-writing rules: a quiz should measure what was taught, not test-taking tricks.

`check_items(catalog)` returns one located `Problem` per offending question or feedback, for
`citizenship-app content check`; `rule_figures(catalog)` gives the per-tier counts behind the
tier-wide rules (for reports, and for authors who want to see how close a tier is).

The rules (docs/authoring.md explains each and how to fix it):

- longest:  in each tier, the right answer is the strictly longest choice in at most 35% of
            single-answer questions (single, scenario, picture);
- truefalse: in each tier, between 30% and 70% of true/false answers are True;
- multiple: a choose-all question has at least two wrong options;
- verdict:  feedback does not open with a verdict ("Yes.", "Not quite.") where it can be shown
            for an answer of the other kind (matching pairs and ordering steps are shown when
            placed wrongly; a choose-all right option is shown when it was missed);
- trivia:   student questions do not ask about app names, policy numbers or office titles;
- terms:    a technical term from assets/policy/terms.json that a question uses is taught
            (appears) in the module's own lesson.

Tier-wide rules are measured per language: a translation is its own set of choices to read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths
from .content import TIERS, Catalog, Choice, Module, Pair, Problem, Question, _TomlIndex
from .readability import plain_text

MAX_LONGEST_SHARE = 0.35
TRUE_SHARE = (0.30, 0.70)
MIN_WRONG_OPTIONS = 2
SINGLE_ANSWER = ("single", "scenario", "picture")
TERMS_PATH = paths.ASSETS_DIR / "policy" / "terms.json"

# A verdict is a judging word followed by punctuation: "Yes!", "Right.", "Not quite,"; not
# "No one can see it" or "Right away". English and Spanish (the languages we ship).
_POSITIVE = re.compile(
    r"^[\s¡¿\"']*(yes|yep|yeah|right|correct|exactly|great|good job|good thinking|well done|"
    r"that's right|that is right|sí|si|correcto|exacto|muy bien|bien|claro)\s*[.!,;:]",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"^[\s¡¿\"']*(no|nope|not quite|not really|not safe|not so fast|wrong|incorrect|sorry|oops|"
    r"casi|incorrecto|todavía no|aún no)\s*[.!,;:]",
    re.IGNORECASE,
)
# Things a student need not know to act well online: our district's product names, policy and
# procedure numbers, job titles of district offices. Staff modules may teach them.
_TRIVIA = re.compile(
    r"\b2314(-?P)?\b|\b(policy|procedure|pol[ií]tica|procedimiento)\s+\d{3,4}|\bskyward\b|\bqmlativ\b|"
    r"\bschoology\b|\bmicrosoft\b|\boffice 365\b|\bgoogle (workspace|classroom|docs)\b|"
    r"\bdirector of\b|\bdirector de\b|\bsuperintendent\b|"
    r"\bchief\s+\w+\s+officer\b|\btechnology operations\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TierFigures:
    """Counts behind the tier-wide rules, for one tier in one language."""

    single: int = 0
    longest: int = 0  # single-answer questions whose right answer is the strictly longest
    true_false: int = 0
    true_answers: int = 0
    multiple: int = 0
    multiple_thin: int = 0  # choose-all questions with fewer than two wrong options

    def longest_share(self) -> float:
        return self.longest / self.single if self.single else 0.0

    def true_share(self) -> float:
        return self.true_answers / self.true_false if self.true_false else 0.5


def load_terms(path: Path = TERMS_PATH) -> list[str]:
    """Technical terms that must be taught before a question may use them (English)."""
    if not path.is_file():
        return []
    return list(json.loads(path.read_text(encoding="utf-8"))["terms"])


def correct_is_longest(question: Question) -> bool:
    right = [c for c in question.choices if c.correct]
    others = [len(c.text) for c in question.choices if not c.correct]
    return len(right) == 1 and bool(others) and len(right[0].text) > max(others)


def question_texts(question: Question) -> list[str]:
    """What the student reads before answering (not the feedback, which follows it)."""
    texts = [question.prompt, question.story or ""]
    texts += [c.text for c in question.choices]
    texts += [part for p in question.pairs for part in (p.left, p.right)]
    return [t for t in texts if t]


def _modules_by_language(catalog: Catalog) -> dict[str, list[Module]]:
    groups = {"en": list(catalog.modules.values())}
    for language, modules in sorted(catalog.translations.items()):
        groups[language] = list(modules.values())
    return groups


def rule_figures(catalog: Catalog) -> dict[str, dict[str, TierFigures]]:
    """language -> tier -> the counts of the tier-wide rules."""
    result: dict[str, dict[str, TierFigures]] = {}
    for language, modules in _modules_by_language(catalog).items():
        for tier in TIERS:
            questions = [q for m in modules if m.tier == tier for q in m.quiz.questions]
            if not questions:
                continue
            single = [q for q in questions if q.type in SINGLE_ANSWER]
            tf = [q for q in questions if q.type == "true_false"]
            multiple = [q for q in questions if q.type == "multiple"]
            result.setdefault(language, {})[tier] = TierFigures(
                single=len(single),
                longest=sum(correct_is_longest(q) for q in single),
                true_false=len(tf),
                true_answers=sum(q.correct_ids == ["true"] for q in tf),
                multiple=len(multiple),
                multiple_thin=sum(
                    sum(not c.correct for c in q.choices) < MIN_WRONG_OPTIONS for q in multiple
                ),
            )
    return result


def check_items(catalog: Catalog, terms: list[str] | None = None) -> list[Problem]:
    """Every breach of the item-writing rules, located at its question or feedback."""
    terms = load_terms() if terms is None else terms
    figures = rule_figures(catalog)
    problems: list[Problem] = []
    for language, modules in _modules_by_language(catalog).items():
        for module in modules:
            tier_figures = figures[language][module.tier]
            problems.extend(_check_module(module, tier_figures, terms if language == "en" else []))
    return problems


def _check_module(module: Module, figures: TierFigures, terms: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    path, tier = module.quiz_path, module.tier
    index = _TomlIndex(path.read_text(encoding="utf-8"))
    lesson = " ".join(plain_text(page) for page in module.pages).lower()
    low, high = TRUE_SHARE
    tf_off = figures.true_false >= 2 and not low <= figures.true_share() <= high
    majority = "true" if figures.true_share() > high else "false"
    for n, q in enumerate(module.quiz.questions):
        line = index.line(("questions", n))
        where = f"question {q.id!r}"
        if q.type in SINGLE_ANSWER and figures.longest_share() > MAX_LONGEST_SHARE and correct_is_longest(q):
            problems.append(
                Problem(
                    path,
                    line,
                    (
                        f"{where}: the right answer is the longest choice, as in {figures.longest} of "
                        f"{figures.single} single-answer questions of tier {tier} (at most "
                        f"{MAX_LONGEST_SHARE:.0%}): shorten it or lengthen a wrong one"
                    ),
                )
            )
        if q.type == "true_false" and tf_off and q.correct_ids == [majority]:
            problems.append(
                Problem(
                    path,
                    line,
                    (
                        f"{where}: {figures.true_answers} of {figures.true_false} true/false answers of tier "
                        f"{tier} are True ({low:.0%}-{high:.0%} wanted): make some statements "
                        f"{'false' if majority == 'true' else 'true'}"
                    ),
                )
            )
        if q.type == "multiple" and sum(not c.correct for c in q.choices) < MIN_WRONG_OPTIONS:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{where}: a choose-all question needs at least {MIN_WRONG_OPTIONS} "
                    "plausible wrong options",
                )
            )
        for key, parts, shown_right, shown_wrong in _feedback_parts(q):
            for k, part in enumerate(parts):
                right, wrong = shown_right(part), shown_wrong(part)
                if (wrong and _POSITIVE.match(part.feedback)) or (right and _NEGATIVE.match(part.feedback)):
                    when = "wrong" if wrong and _POSITIVE.match(part.feedback) else "right"
                    problems.append(
                        Problem(
                            path,
                            index.line(("questions", n, key, k, "feedback")),
                            (
                                f"{where}, {part.id!r}: feedback opens with a verdict but is also shown when "
                                f"the answer is {when}: say what is true instead"
                            ),
                        )
                    )
        if tier != "staff":
            for text in question_texts(q):
                if found := _TRIVIA.search(text):
                    problems.append(
                        Problem(
                            path,
                            line,
                            (
                                f"{where} asks about {found[0]!r}: students are quizzed on what to do, "
                                "not on app names, policy numbers or office titles"
                            ),
                        )
                    )
                    break
        for term in terms:
            pattern = _term_pattern(term)
            if any(pattern.search(t) for t in question_texts(q)) and not pattern.search(lesson):
                problems.append(
                    Problem(
                        path,
                        line,
                        (
                            f"{where} uses {term!r}, which the lesson {module.lesson_path.name} never "
                            "teaches: explain it in the lesson or use plain words"
                        ),
                    )
                )
    return problems


def _feedback_parts(
    q: Question,
) -> list[tuple[str, Sequence[Choice | Pair], Callable[[Any], bool], Callable[[Any], bool]]]:
    """(toml key, parts, shown for a right answer?, shown for a wrong answer?) per feedback."""
    if q.type == "matching":
        return [("pairs", q.pairs, lambda p: True, lambda p: True)]
    if q.type == "ordering":
        return [("choices", q.choices, lambda c: True, lambda c: True)]
    if q.type == "multiple":
        # A right option's feedback shows when it was missed; a wrong one's when it was picked.
        return [("choices", q.choices, lambda c: bool(c.correct), lambda c: True)]
    return [("choices", q.choices, lambda c: bool(c.correct), lambda c: not c.correct)]


def _term_pattern(term: str) -> re.Pattern:
    """The term as a whole word or phrase, singular or plural, any case."""
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"\b{words}(s|es)?\b", re.IGNORECASE)
