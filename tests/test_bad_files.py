"""Bad files never crash the kiosk: random bytes, truncation, wrong encodings and very large
files given to the content loader always come back as located problems."""

from __future__ import annotations

from pathlib import Path

from helpers import LESSON, QUIZ, write_module
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citizenship_app.core import paths
from citizenship_app.core.content import load_catalog

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load(root: Path):
    return load_catalog(root / "lessons", root / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)


def fresh(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    write_module(root, "k-2", "k2-good")
    write_module(root, "k-2", "k2-bad")
    return root


def assert_contained(catalog) -> None:
    """The broken module is out, reported with a line, and the good one still loads."""
    assert "k2-good" in catalog.modules
    for problem in catalog.problems:
        assert problem.line >= 1 and problem.message


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_as_lesson_or_quiz(tmp_path_factory, data):
    root = fresh(tmp_path_factory)
    (root / "lessons" / "k-2" / "k2-bad.md").write_bytes(data)
    assert_contained(load(root))
    root = fresh(tmp_path_factory)
    (root / "quizzes" / "k-2" / "k2-bad.toml").write_bytes(data)
    catalog = load(root)
    assert_contained(catalog)
    assert "k2-bad" not in catalog.modules or data == QUIZ.format(id="k2-bad").encode()


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(QUIZ)), which=st.sampled_from(["lesson", "quiz"]))
def test_truncated_files(tmp_path_factory, cut, which):
    root = fresh(tmp_path_factory)
    if which == "lesson":
        path, text = root / "lessons" / "k-2" / "k2-bad.md", LESSON.format(id="k2-bad", tier="k-2")
    else:
        path, text = root / "quizzes" / "k-2" / "k2-bad.toml", QUIZ.format(id="k2-bad")
    path.write_text(text[: cut % (len(text) + 1)], encoding="utf-8")
    assert_contained(load(root))


@FUZZ
@given(encoding=st.sampled_from(["utf-16", "utf-32", "cp1252", "latin-1"]))
def test_wrong_encodings(tmp_path_factory, encoding):
    root = fresh(tmp_path_factory)
    text = LESSON.format(id="k2-bad", tier="k-2").replace("Do not tell", "Ne dis pas, ça é")
    (root / "lessons" / "k-2" / "k2-bad.md").write_bytes(text.encode(encoding))
    catalog = load(root)
    assert_contained(catalog)
    if encoding.startswith("utf-"):
        assert "k2-bad" not in catalog.modules
        assert any("UTF-8" in p.message for p in catalog.problems)


def test_very_large_files_are_reported_not_loaded_into_a_crash(tmp_path):
    write_module(tmp_path, "k-2", "k2-good")
    lesson, quiz = write_module(tmp_path, "k-2", "k2-bad")
    quiz.write_text(QUIZ.format(id="k2-bad") + ("# padding\n" * 2_000_000), encoding="utf-8")
    lesson.write_bytes(b"+++\n" + b"x" * 30_000_000)
    catalog = load(tmp_path)
    assert "k2-good" in catalog.modules and "k2-bad" not in catalog.modules
    assert any(p.path == lesson for p in catalog.problems)
