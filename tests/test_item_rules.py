"""Item-writing rules (core/itemrules.py), each reported at the question's file and line."""

from __future__ import annotations

from pathlib import Path

from helpers import LESSON, write_module

from citizenship_app.core import paths
from citizenship_app.core.checks import check_content
from citizenship_app.core.content import load_catalog
from citizenship_app.core.itemrules import check_items, rule_figures


def toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return '"' + value.replace('"', '\\"') + '"'


def question(qid: str, kind: str, choices=(), pairs=(), prompt: str = "What should you do?") -> str:
    text = (
        f'\n[[questions]]\nid = "{qid}"\ntype = "{kind}"\nprompt = {toml(prompt)}\n'
        'policy_items = ["2314P-security-2"]\nexplanation = "Your password is only for you."\n'
    )
    for cid, words, correct, feedback in choices:
        text += f'\n[[questions.choices]]\nid = "{cid}"\ntext = {toml(words)}\n'
        if correct is not None:
            text += f"correct = {toml(correct)}\n"
        text += f"feedback = {toml(feedback)}\n"
    for pid, left, right, feedback in pairs:
        text += f'\n[[questions.pairs]]\nid = "{pid}"\nleft = {toml(left)}\nright = {toml(right)}\n'
        text += f"feedback = {toml(feedback)}\n"
    return text


def quiz(module_id: str, *questions: str) -> str:
    return f'module = "{module_id}"\npass_mark = 80\n' + "".join(questions)


def single(qid: str, right: str, *wrong: str, prompt: str = "What should you do?") -> str:
    choices = [("a", right, True, "Because it keeps it safe.")]
    choices += [(chr(98 + n), w, False, "That would share it.") for n, w in enumerate(wrong)]
    return question(qid, "single", choices, prompt=prompt)


def true_false(qid: str, answer: bool) -> str:
    return question(
        qid,
        "true_false",
        [
            ("true", "True", answer, "It is so, for this reason."),
            ("false", "False", not answer, "It is not so, for this reason."),
        ],
    )


def load(root: Path):
    return load_catalog(root / "lessons", root / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)


def problems(root: Path, terms=()) -> list[str]:
    catalog = load(root)
    assert catalog.problems == []
    return [f"{p.path.name}:{p.line}: {p.message}" for p in check_items(catalog, list(terms))]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def qline(path: Path, qid: str) -> int:
    """The `[[questions]]` line of a question."""
    return line_of(path, f'id = "{qid}"') - 1


def test_longest_right_answer_is_flagged_when_over_35_percent_of_a_tier(tmp_path):
    # 2 of 4 single-answer questions have the longest right answer: 50% > 35%, both located.
    _, path = write_module(
        tmp_path,
        "3-5",
        "g35-pw",
        quiz=quiz(
            "g35-pw",
            single("q1", "Say no, and keep your password secret.", "Tell them.", "Write it down."),
            single("q2", "Say no.", "Tell them your password.", "Write it on a note."),
            single("q3", "Keep it.", "Share it with a friend.", "Post it."),
            single("q4", "Tell your teacher about it right away.", "Ignore it.", "Share it."),
        ),
    )
    found = problems(tmp_path)
    assert [f.split(": ", 1)[0] for f in found] == [
        f"g35-pw.toml:{qline(path, 'q1')}",
        f"g35-pw.toml:{qline(path, 'q4')}",
    ]
    assert "2 of 4 single-answer questions of tier 3-5" in found[0]
    figures = rule_figures(load(tmp_path))["en"]["3-5"]
    assert (figures.single, figures.longest) == (4, 2)


def test_longest_at_or_under_35_percent_passes(tmp_path):
    write_module(
        tmp_path,
        "3-5",
        "g35-pw",
        quiz=quiz(
            "g35-pw",
            single("q1", "Say no, and keep your password secret.", "Tell them.", "Write it down."),
            single("q2", "Say no.", "Tell them your password.", "Write it on a note."),
            single("q3", "Keep it.", "Share it with a friend.", "Post it."),
        ),
    )
    assert problems(tmp_path) == []  # 1 of 3 = 33%


def test_true_false_answers_must_be_mixed(tmp_path):
    _, path = write_module(
        tmp_path,
        "6-8",
        "g68-pw",
        quiz=quiz(
            "g68-pw",
            true_false("q1", False),
            true_false("q2", False),
            true_false("q3", False),
        ),
    )
    found = problems(tmp_path)
    assert len(found) == 3 and all("0 of 3 true/false answers of tier 6-8 are True" in f for f in found)
    assert found[0].startswith(f"g68-pw.toml:{qline(path, 'q1')}:")
    write_module(
        tmp_path,
        "6-8",
        "g68-pw",
        quiz=quiz(
            "g68-pw",
            true_false("q1", False),
            true_false("q2", True),
            true_false("q3", False),
        ),
    )
    assert problems(tmp_path) == []


def test_choose_all_needs_two_wrong_options(tmp_path):
    _, path = write_module(
        tmp_path,
        "9-12",
        "g912-pw",
        quiz=quiz(
            "g912-pw",
            question(
                "q1",
                "multiple",
                [
                    ("a", "Use a long passphrase", True, "Length makes it hard to guess."),
                    ("b", "Lock the screen", True, "A locked screen keeps others out."),
                    ("c", "Share it with a friend", False, "A friend could sign in as you."),
                ],
            ),
        ),
    )
    assert problems(tmp_path) == [
        f"g912-pw.toml:{qline(path, 'q1')}: question 'q1': a choose-all question needs "
        "at least 2 plausible wrong options"
    ]


def test_verdicts_that_can_contradict_the_result_are_flagged(tmp_path):
    _, path = write_module(
        tmp_path,
        "9-12",
        "g912-pw",
        quiz=quiz(
            "g912-pw",
            question(
                "q1",
                "matching",
                pairs=[
                    (
                        "p1",
                        "Phishing",
                        "A fake message that asks for your password",
                        "Yes. Phishing fishes for passwords.",
                    ),
                    ("p2", "Spam", "Junk mail", "Spam is junk mail sent to many people."),
                    ("p3", "Malware", "Software made to cause harm", "Malware causes harm."),
                ],
            ),
            question(
                "q2",
                "multiple",
                [
                    ("a", "Use a long passphrase", True, "Right, length makes it hard to guess."),
                    ("b", "Lock the screen", True, "A locked screen keeps others out."),
                    ("c", "Share it with a friend", False, "No. A friend could sign in as you."),
                    ("d", "Post it", False, "No one should see it posted."),
                ],
            ),
            question(
                "q3",
                "single",
                [
                    ("a", "Keep it", True, "No, keep it secret and safe."),
                    ("b", "Share it", False, "Right idea, wrong person."),  # "Right idea" is no verdict
                ],
            ),
        ),
    )
    found = problems(tmp_path)
    assert found == [
        f"g912-pw.toml:{line_of(path, 'Yes. Phishing')}: question 'q1', 'p1': feedback opens with a verdict "
        "but is also shown when the answer is wrong: say what is true instead",
        f"g912-pw.toml:{line_of(path, 'Right, length')}: question 'q2', 'a': feedback opens with a verdict "
        "but is also shown when the answer is wrong: say what is true instead",
        f"g912-pw.toml:{line_of(path, 'No, keep it secret')}: question 'q3', 'a': "
        "feedback opens with a verdict but is also shown when the answer is right: say what is true instead",
    ]


def test_student_questions_skip_app_names_policy_numbers_and_office_titles(tmp_path):
    write_module(
        tmp_path,
        "3-5",
        "g35-pw",
        quiz=quiz(
            "g35-pw",
            single("q1", "Skyward", "A game", "A chat app", prompt="Which app holds your grades?"),
            single("q2", "Ask a teacher", "Guess", "Ask a friend", prompt="What does policy 2314 say?"),
            single("q3", "Ask", "The Director of Technology Operations", "Nobody"),
        ),
    )
    found = problems(tmp_path)
    assert [f.split("asks about ")[1].split(":")[0] for f in found] == [
        "'Skyward'",
        "'policy 2314'",
        "'Director of'",
    ]
    # Staff learn the district's own names: the same quiz is fine for them.
    write_module(
        tmp_path,
        "staff",
        "staff-pw",
        lesson=LESSON.format(id="staff-pw", tier="staff"),
        quiz=quiz("staff-pw", single("q1", "Skyward", "A game", "A chat app")),
    )
    assert not [f for f in problems(tmp_path) if f.startswith("staff-pw")]


def test_a_term_used_in_a_question_must_be_taught_in_its_lesson(tmp_path):
    _, path = write_module(
        tmp_path,
        "9-12",
        "g912-pw",
        quiz=quiz(
            "g912-pw",
            single(
                "q1",
                "Report it",
                "Install it",
                "Ignore it",
                prompt="A classmate finds a keylogger. What now?",
            ),
            single("q2", "Keep it", "Share it", "Post it", prompt="Your password is asked for. What now?"),
        ),
    )
    found = problems(tmp_path, terms=["keylogger", "password"])
    assert found == [
        f"g912-pw.toml:{qline(path, 'q1')}: question 'q1' uses 'keylogger', "
        "which the lesson g912-pw.md never teaches: explain it in the lesson or use plain words"
    ]


def test_content_check_runs_the_item_rules(tmp_path, monkeypatch):
    write_module(
        tmp_path,
        "6-8",
        "g68-pw",
        quiz=quiz(
            "g68-pw",
            true_false("q1", False),
            true_false("q2", False),
            true_false("q3", False),
        ),
    )
    assert any("true/false answers" in str(p) for p in check_content(load(tmp_path)))
