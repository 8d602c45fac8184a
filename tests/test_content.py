"""The content loader: what loads, and every problem reported at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import LESSON, QUIZ, write_module

from citizenship_app.core import paths
from citizenship_app.core.content import load_catalog


def load(root: Path):
    return load_catalog(root / "lessons", root / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)


def messages(catalog) -> list[str]:
    return [f"{p.path.name}:{p.line}: {p.message}" for p in catalog.problems]


def test_valid_module_loads_with_pages_and_quiz(tmp_path):
    write_module(tmp_path, "k-2", "k2-password")
    catalog = load(tmp_path)
    assert catalog.problems == []
    module = catalog.get("k2-password")
    assert [p.splitlines()[0] for p in module.pages] == ["# Your password is yours", "# Do not share it"]
    assert module.page_lines == (11, 16)
    assert module.quiz.pass_mark == 80
    assert module.quiz.questions[0].correct_ids == ["a"]


def test_broken_module_is_left_out_and_others_still_load(tmp_path):
    write_module(tmp_path, "k-2", "k2-password")
    write_module(
        tmp_path,
        "k-2",
        "k2-broken",
        quiz=QUIZ.format(id="k2-broken").replace("correct = true", "correct = false"),
    )
    catalog = load(tmp_path)
    assert list(catalog.modules) == ["k2-password"]
    assert messages(catalog) == [
        "k2-broken.toml:4: questions.0: a single question needs exactly one correct choice (it has 0)"
    ]


def test_toml_syntax_error_in_front_matter_has_file_line(tmp_path):
    bad = LESSON.format(id="k2-x", tier="k-2").replace("order = 1", "order = = 1")
    write_module(tmp_path, "k-2", "k2-x", lesson=bad)
    (problem,) = load(tmp_path).problems
    assert problem.path.name == "k2-x.md"
    assert problem.line == 5
    assert problem.message.startswith("TOML syntax:")
    assert "column" in problem.message


def test_missing_and_unknown_fields_point_at_their_lines(tmp_path):
    quiz = QUIZ.format(id="k2-x").replace('explanation = "Your password is only for you."\n', "")
    quiz = quiz.replace('feedback = "Even a good friend', 'feedbak = "Even a good friend')
    write_module(tmp_path, "k-2", "k2-x", quiz=quiz)
    found = messages(load(tmp_path))
    assert "k2-x.toml:4: questions.0.explanation: missing required field 'explanation'" in found
    assert any(m.startswith("k2-x.toml:23: questions.0.choices.1.feedbak: unknown field") for m in found)


def test_unknown_policy_item_and_uncited_question_item(tmp_path):
    lesson = LESSON.format(id="k2-x", tier="k-2").replace(
        '["2314P-security-2"]', '["2314P-security-2", "2314P-made-up-9"]'
    )
    quiz = QUIZ.format(id="k2-x").replace(
        'policy_items = ["2314P-security-2"]', 'policy_items = ["2314P-security-3"]'
    )
    write_module(tmp_path, "k-2", "k2-x", lesson=lesson, quiz=quiz)
    found = messages(load(tmp_path))
    assert (
        "k2-x.md:8: unknown policy item '2314P-made-up-9': use an id from assets/policy/items.json" in found
    )
    assert (
        "k2-x.toml:8: question 'q1' cites '2314P-security-3', which the lesson's policy_items do not list"
        in found
    )


def test_a_question_citing_no_item_needs_a_topic_beyond_the_procedure(tmp_path):
    """A question may check what the lesson teaches beyond the procedure (`policy_items = []`)
    only where the lesson says what that is; anywhere else an empty list is a forgotten cite."""
    extra = """
[[questions]]
id = "q2"
type = "true_false"
prompt = "You can stop a show, even when the next one starts by itself."
image = "images/k-2/video-play.svg"
image_alt = "A show plays on a tablet."
policy_items = []
explanation = "You are the boss of your screen time."

[[questions.choices]]
id = "true"
text = "True"
correct = true
feedback = "You can stop any time."

[[questions.choices]]
id = "false"
text = "False"
correct = false
feedback = "You can stop any time, even when the next show starts."
"""
    quiz = QUIZ.format(id="k2-x") + extra
    write_module(tmp_path, "k-2", "k2-x", quiz=quiz)
    found = messages(load(tmp_path))
    assert any(m.startswith("k2-x.toml:32: question 'q2' cites no policy item") for m in found), found
    lesson = LESSON.format(id="k2-x", tier="k-2").replace(
        "cipa_topics = []", 'cipa_topics = []\nbeyond_procedure = ["Balance: time with and without screens"]'
    )
    write_module(tmp_path, "k-2", "k2-x", lesson=lesson, quiz=quiz)
    catalog = load(tmp_path)
    assert not [m for m in messages(catalog) if "cites no policy item" in m]
    assert catalog.get("k2-x").meta.beyond_procedure == ["Balance: time with and without screens"]


def test_image_without_alt_or_file_is_reported_on_its_line(tmp_path):
    lesson = LESSON.format(id="k2-x", tier="k-2").replace(
        "A password keeps your work safe.", "A password keeps your work safe.\n\n![](images/none.svg)"
    )
    write_module(tmp_path, "k-2", "k2-x", lesson=lesson)
    found = messages(load(tmp_path))
    assert "k2-x.md:15: image has no alt text: write ![what the picture shows](...)" in found
    assert "k2-x.md:15: image not found: assets/images/none.svg" in found


def test_lesson_without_quiz_and_quiz_without_lesson(tmp_path):
    lesson_path, quiz_path = write_module(tmp_path, "3-5", "g35-x")
    quiz_path.rename(quiz_path.with_name("g35-y.toml"))
    found = messages(load(tmp_path))
    assert any(m.startswith("g35-x.md:1: no quiz: expected") for m in found)
    assert "g35-y.toml:1: no lesson for this quiz: expected lessons/3-5/g35-y.md" in found


def test_front_matter_must_open_and_close(tmp_path):
    write_module(tmp_path, "k-2", "k2-a", lesson="# no front matter\n")
    write_module(tmp_path, "k-2", "k2-b", lesson="+++\nid = 'k2-b'\n# never closed\n")
    found = messages(load(tmp_path))
    assert "k2-a.md:1: a lesson must start with a +++ line, then its TOML front matter, then +++" in found
    assert "k2-b.md:1: the front matter is not closed: add a +++ line after it" in found


def test_tier_and_id_must_match_folder_and_file(tmp_path):
    write_module(
        tmp_path, "k-2", "k2-x", lesson=LESSON.format(id="k2-y", tier="3-5"), quiz=QUIZ.format(id="k2-y")
    )
    found = messages(load(tmp_path))
    assert "k2-x.md:4: tier '3-5' does not match its folder 'k-2'" in found
    assert "k2-x.md:2: id 'k2-y' must equal the file name 'k2-x'" in found


def test_not_utf8_is_a_problem_not_a_crash(tmp_path):
    lesson_path, _ = write_module(tmp_path, "k-2", "k2-x")
    lesson_path.write_bytes(b"+++\n\xff\xfe\x00garbage")
    (problem,) = load(tmp_path).problems
    assert problem.line == 1 and "UTF-8" in problem.message


@pytest.mark.parametrize(
    "body, message",
    [
        ('type = "ordering"\n', "ordering choices have no `correct`"),
        ('type = "matching"\n', "a matching question has `pairs`, not `choices`"),
        ('type = "true_false"\n', "exactly two choices, ids `true` and `false`"),
        ('type = "picture"\n', "needs an `image`"),
        ('type = "scenario"\n', "needs a `story`"),
    ],
)
def test_each_question_type_checks_its_shape(tmp_path, body, message):
    quiz = QUIZ.format(id="k2-x").replace('type = "single"\n', body)
    write_module(tmp_path, "k-2", "k2-x", quiz=quiz)
    found = messages(load(tmp_path))
    assert len(found) == 1 and message in found[0], found


def write_translation(root: Path, tier: str, module_id: str, lesson: str, quiz: str) -> None:
    for kind, text, ext in (("lessons", lesson, "md"), ("quizzes", quiz, "toml")):
        path = root / kind / "es" / tier / f"{module_id}.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


SPANISH_LESSON = LESSON.replace(
    'title = "Keep your password secret"', 'language = "es"\ntitle = "Tu contraseña es secreta"'
)


def test_translation_loads_and_falls_back_to_english_per_module(tmp_path):
    write_module(tmp_path, "k-2", "k2-a")
    write_module(tmp_path, "k-2", "k2-b")
    quiz_es = QUIZ.format(id="k2-a").replace("What do you do?", "¿Qué haces?")
    write_translation(tmp_path, "k-2", "k2-a", SPANISH_LESSON.format(id="k2-a", tier="k-2"), quiz_es)
    catalog = load(tmp_path)
    assert catalog.problems == []
    assert catalog.languages() == ["en", "es"]
    assert catalog.localized("k2-a", "es").title == "Tu contraseña es secreta"
    assert catalog.localized("k2-a", "es").quiz.questions[0].prompt.endswith("¿Qué haces?")
    assert catalog.localized("k2-b", "es") is catalog.get("k2-b")  # no translation: English
    assert catalog.localized("k2-a", None) is catalog.get("k2-a")


def test_translation_must_keep_ids_questions_and_answers(tmp_path):
    write_module(tmp_path, "k-2", "k2-a")
    quiz_es = (
        QUIZ.format(id="k2-a")
        .replace("correct = true", "correct = @")
        .replace("correct = false", "correct = true")
        .replace("correct = @", "correct = false")
    )
    lesson_es = (
        SPANISH_LESSON.format(id="k2-a", tier="k-2")
        .replace("order = 1", "order = 7")
        .replace("<!-- page -->\n", "")
    )
    write_translation(tmp_path, "k-2", "k2-a", lesson_es, quiz_es)
    catalog = load(tmp_path)
    found = messages(catalog)
    assert "k2-a.md:6: order differs from the English module (1)" in found
    assert "k2-a.md:1: 1 pages; the English module has 2" in found
    assert (
        "k2-a.toml:4: question 'q1' must keep the English type, choices, correct answers and pictures"
        in found
    )
    assert catalog.translations == {}


# -- Question pictures: every K-2 question shows its situation (issue 15, point 3) ----------

NO_PICTURE = (
    "# Every K-2 question shows a picture of its situation.\n"
    'image = "images/k-2/password-key.svg"\n'
    'image_alt = "A child holds a big gold key next to a locked laptop."\n'
)


def test_a_k2_question_without_a_picture_is_refused_on_its_line(tmp_path):
    write_module(tmp_path, "k-2", "k2-x", quiz=QUIZ.format(id="k2-x").replace(NO_PICTURE, ""))
    found = messages(load(tmp_path))
    assert found == [
        "k2-x.toml:4: K-2 question 'q1' has no picture: add image = \"images/k-2/....svg\" "
        '(the situation, not the answer) and image_alt = "what it shows"'
    ]
    # Other tiers may leave it out; a K-2 `picture` question has its pictures in its choices.
    write_module(
        tmp_path,
        "3-5",
        "g35-x",
        lesson=LESSON.format(id="g35-x", tier="3-5"),
        quiz=QUIZ.format(id="g35-x").replace(NO_PICTURE, ""),
    )
    picture = (
        QUIZ.format(id="k2-x")
        .replace(NO_PICTURE, "")
        .replace('type = "single"', 'type = "picture"')
        .replace("correct = true\n", 'correct = true\nimage = "images/k-2/private-card.svg"\n')
        .replace("correct = false\n", 'correct = false\nimage = "images/k-2/pick-tell.svg"\n')
    )
    write_module(tmp_path, "k-2", "k2-x", quiz=picture)
    catalog = load(tmp_path)
    assert catalog.problems == [] and sorted(catalog.modules) == ["g35-x", "k2-x"]


def test_the_question_picture_loads_and_needs_alt_text_and_a_file(tmp_path):
    write_module(tmp_path, "k-2", "k2-x")
    catalog = load(tmp_path)
    assert catalog.problems == []
    question = catalog.get("k2-x").quiz.questions[0]
    assert (question.image, question.image_alt) == (
        "images/k-2/password-key.svg",
        "A child holds a big gold key next to a locked laptop.",
    )
    no_alt = QUIZ.format(id="k2-x").replace(
        'image_alt = "A child holds a big gold key next to a locked laptop."\n', ""
    )
    write_module(tmp_path, "k-2", "k2-x", quiz=no_alt)
    found = messages(load(tmp_path))
    assert len(found) == 1 and found[0].startswith("k2-x.toml:4: questions.0: ")
    assert "`image` needs `image_alt`" in found[0]
    missing = QUIZ.format(id="k2-x").replace("password-key.svg", "no-such-picture.svg")
    write_module(tmp_path, "k-2", "k2-x", quiz=missing)
    assert messages(load(tmp_path)) == [
        "k2-x.toml:11: image not found: assets/images/k-2/no-such-picture.svg"
    ]


def test_a_translation_keeps_the_question_picture_and_translates_its_alt(tmp_path):
    write_module(tmp_path, "k-2", "k2-a")
    lesson_es = SPANISH_LESSON.format(id="k2-a", tier="k-2")
    alt_es = QUIZ.format(id="k2-a").replace(
        "A child holds a big gold key next to a locked laptop.", "Un niño tiene una llave dorada."
    )
    write_translation(tmp_path, "k-2", "k2-a", lesson_es, alt_es)
    catalog = load(tmp_path)
    assert catalog.problems == []
    assert catalog.localized("k2-a", "es").quiz.questions[0].image_alt == "Un niño tiene una llave dorada."
    other = alt_es.replace("password-key.svg", "private-card.svg")
    write_translation(tmp_path, "k-2", "k2-a", lesson_es, other)
    assert messages(load(tmp_path)) == [
        "k2-a.toml:4: question 'q1' must keep the English type, choices, correct answers and pictures"
    ]


# -- CIPA topics: every lesson says which of CIPA's three topics it teaches -----------------


def test_a_lesson_without_cipa_topics_is_refused_on_its_line(tmp_path):
    lesson = LESSON.format(id="k2-x", tier="k-2").replace("cipa_topics = []\n", "")
    write_module(tmp_path, "k-2", "k2-x", lesson=lesson)
    found = messages(load(tmp_path))
    assert any(m.startswith("k2-x.md:") and "missing required field 'cipa_topics'" in m for m in found), found


def test_an_unknown_cipa_topic_is_refused(tmp_path):
    lesson = LESSON.format(id="k2-x", tier="k-2").replace("cipa_topics = []", 'cipa_topics = ["gaming"]')
    write_module(tmp_path, "k-2", "k2-x", lesson=lesson)
    catalog = load(tmp_path)
    assert catalog.get("k2-x") is None
    assert any("k2-x.md:9: cipa_topics.0" in m for m in messages(catalog)), messages(catalog)


def test_a_lesson_citing_the_instruction_clause_names_its_topics(tmp_path):
    lesson = LESSON.format(id="k2-x", tier="k-2").replace(
        'policy_items = ["2314P-security-2"]', 'policy_items = ["2314P-security-2", "2314P-instruction-0"]'
    )
    write_module(tmp_path, "k-2", "k2-x", lesson=lesson)
    found = messages(load(tmp_path))
    assert any(m.startswith("k2-x.md:9: the lesson cites 2314P-instruction-0") for m in found), found
    write_module(
        tmp_path, "k-2", "k2-x", lesson=lesson.replace("cipa_topics = []", 'cipa_topics = ["chat-rooms"]')
    )
    catalog = load(tmp_path)
    assert catalog.problems == [] and catalog.get("k2-x").meta.cipa_topics == ["chat-rooms"]


def test_the_content_check_wants_every_tier_to_teach_all_three_topics(tmp_path):
    from citizenship_app.core.checks import check_cipa_topics

    lesson = LESSON.format(id="k2-x", tier="k-2").replace(
        "cipa_topics = []", 'cipa_topics = ["cyberbullying"]'
    )
    write_module(tmp_path, "k-2", "k2-x", lesson=lesson)
    [problem] = check_cipa_topics(load(tmp_path))
    assert (problem.path.name, problem.line) == ("k2-x.md", 9)
    assert "'social-networking', 'chat-rooms'" in problem.message


def test_the_shipped_lessons_teach_cipa_topics_in_every_tier():
    from citizenship_app.core.checks import check_cipa_topics
    from citizenship_app.core.content import load_catalog

    catalog = load_catalog()
    assert check_cipa_topics(catalog) == []
    assert catalog.get("g68-red-flags").meta.cipa_topics == ["social-networking", "chat-rooms"]
