"""Feedback that teaches: after an answer the right one is marked (with words, not colour
alone), choose-all lines say which choice they mean, ordering and matching show the right
order and matches; K-2 read-aloud follows the screen's order and reads the feedback."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import LESSON, write_module
from PySide6.QtCore import Qt

from citizenship_app.core import paths
from citizenship_app.core.content import load_catalog

QUIZ = """module = "{id}"

[[questions]]
id = "single"
type = "single"
prompt = "A friend asks for your password. What do you do?"
policy_items = ["2314P-security-2"]
explanation = "Your password is only for you."
[[questions.choices]]
id = "a"
text = "Keep it secret"
correct = true
feedback = "A password is only for you and your grown-ups."
[[questions.choices]]
id = "b"
text = "Tell your friend"
correct = false
feedback = "Even a good friend should not have it."
[[questions.choices]]
id = "c"
text = "Write it on the desk"
correct = false
feedback = "Anyone could read it there."

[[questions]]
id = "many"
type = "multiple"
prompt = "Choose all the messages a teacher may see."
policy_items = ["2314P-security-2"]
explanation = "Anything on the school's network can be seen."
[[questions.choices]]
id = "a"
text = "Texts from home"
correct = false
feedback = "Your own phone at home is not the school's network."
[[questions.choices]]
id = "b"
text = "School email"
correct = true
feedback = "School email is on the school's system."
[[questions.choices]]
id = "c"
text = "Class chat"
correct = true
feedback = "The class chat is a school tool."
[[questions.choices]]
id = "d"
text = "A note in your bag"
correct = false
feedback = "Paper notes are not online."

[[questions]]
id = "order"
type = "ordering"
prompt = "Put the steps in order."
policy_items = ["2314P-security-2"]
explanation = "Tell first, then save, then block."
[[questions.choices]]
id = "tell"
text = "Tell a trusted adult"
feedback = "Telling comes first, right away."
[[questions.choices]]
id = "save"
text = "Save the messages"
feedback = "Saving keeps the proof."
[[questions.choices]]
id = "block"
text = "Block the sender"
feedback = "Blocking stops new messages."

[[questions]]
id = "match"
type = "matching"
prompt = "Match each word with what it means."
policy_items = ["2314P-security-2"]
explanation = "Each word names one thing."
[[questions.pairs]]
id = "p1"
left = "Spam"
right = "Junk email"
feedback = "Spam goes with junk email."
[[questions.pairs]]
id = "p2"
left = "Password"
right = "A secret word"
feedback = "A password goes with a secret word."
[[questions.pairs]]
id = "p3"
left = "Username"
right = "Your name on a site"
feedback = "A username goes with your name on a site."
"""

THUMBS = """module = "{id}"

[[questions]]
id = "thumbs"
type = "true_false"
style = "thumbs"
prompt = "You may tell your friend your password."
image = "images/k-2/password-key.svg"
image_alt = "A child holds a big gold key next to a locked laptop."
policy_items = ["2314P-security-2"]
explanation = "A password is only for you and your grown-ups."
[[questions.choices]]
id = "true"
text = "True"
correct = false
feedback = "Your password is not for friends."
[[questions.choices]]
id = "false"
text = "False"
correct = true
feedback = "Only you and your grown-ups know it."

[[questions]]
id = "pick"
type = "single"
prompt = "Sam's game asks where he lives. What does Sam do?"
image = "images/k-2/chat-stranger.svg"
image_alt = "A girl holds a tablet with a chat. A gray person she does not know sends her a note."
policy_items = ["2314P-security-2"]
explanation = "Where you live is private."
[[questions.choices]]
id = "a"
text = "Ask a grown-up first"
correct = true
feedback = "A grown-up helps keep private things safe."
[[questions.choices]]
id = "b"
text = "Type it in"
correct = false
feedback = "The game does not need where you live."
[[questions.choices]]
id = "c"
text = "Guess a street"
correct = false
feedback = "Do not type any address."
[[questions.choices]]
id = "d"
text = "Ask a friend online"
correct = false
feedback = "A friend online cannot say if it is safe."
"""


def module(tmp_path: Path, tier: str, module_id: str, quiz: str):
    write_module(
        tmp_path,
        tier,
        module_id,
        lesson=LESSON.format(id=module_id, tier=tier),
        quiz=quiz.format(id=module_id),
    )
    catalog = load_catalog(tmp_path / "lessons", tmp_path / "quizzes", paths.ASSETS_DIR, paths.POLICY_ITEMS)
    assert catalog.problems == []
    return catalog.get(module_id)


def start(window, tmp_path, tier="3-5", module_id="g35-a", quiz=QUIZ):
    person = window.kiosk.db.execute("SELECT sourced_id FROM people WHERE role = 'student'").fetchone()[0]
    page = window.quiz
    window.stack.setCurrentWidget(page)
    page.open(person, module(tmp_path, tier, module_id, quiz), None)
    return page


def check(qtbot, page, response) -> None:
    page.answer.set_response(response)
    qtbot.mouseClick(page.check, Qt.LeftButton)
    assert page.feedback.isVisible()


def test_a_wrong_single_answer_shows_the_right_one_marked_in_words(qtbot, window, tmp_path):
    page = start(window, tmp_path)
    assert page.question.id == "single"
    check(qtbot, page, ["b"])
    right, mine, other = (page.answer.buttons[c] for c in ("a", "b", "c"))
    assert right.words.text() == "\u2713 Keep it secret (the right answer)"
    assert mine.words.text() == "\u2717 Tell your friend (your answer: not right)"
    assert other.words.text() == "Write it on the desk"
    assert right.accessibleName() == right.words.text()  # a screen reader hears the mark too
    assert (right.property("result"), mine.property("result")) == ("right", "wrong")
    assert page.right_answer.isVisible() and page.right_answer.text() == "The right answer: Keep it secret"
    assert page.feedback_text.text() == "Even a good friend should not have it."


def test_choose_all_feedback_names_the_choice_each_line_is_about(qtbot, window, tmp_path):
    page = start(window, tmp_path)
    check(qtbot, page, ["a"])
    qtbot.mouseClick(page.next, Qt.LeftButton)
    assert page.question.id == "many"
    check(qtbot, page, ["a", "b"])  # one wrong picked, one right missed
    lines = page.feedback_text.text().splitlines()
    assert sorted(lines) == sorted(
        [
            "\u201cTexts from home\u201d \u2014 Your own phone at home is not the school's network.",
            "\u201cClass chat\u201d \u2014 The class chat is a school tool.",
        ]
    )
    marks = {cid: b.words.text() for cid, b in page.answer.buttons.items()}
    assert marks == {
        "a": "\u2717 Texts from home (your answer: not right)",
        "b": "\u2713 School email (your answer: right)",
        "c": "\u2713 Class chat (the right answer)",
        "d": "A note in your bag",
    }
    shown = [cid for cid in page.answer.buttons if cid in ("b", "c")]
    names = {"b": "School email", "c": "Class chat"}
    assert page.right_answer.text() == "The right answer: " + "; ".join(names[c] for c in shown)


def test_ordering_shows_the_right_order_and_marks_each_step(qtbot, window, tmp_path):
    page = start(window, tmp_path)
    for response in (["a"], ["b", "c"]):
        check(qtbot, page, response)
        qtbot.mouseClick(page.next, Qt.LeftButton)
    assert page.question.id == "order"
    check(qtbot, page, ["save", "block", "tell"])
    assert page.right_answer.text().splitlines() == [
        "The right order:",
        "1. Tell a trusted adult",
        "2. Save the messages",
        "3. Block the sender",
    ]
    items = [page.answer.list.item(i).text() for i in range(3)]
    assert items == [
        "\u2717 Save the messages (goes at step 2)",
        "\u2717 Block the sender (goes at step 3)",
        "\u2717 Tell a trusted adult (goes at step 1)",
    ]
    assert "\u201cTell a trusted adult\u201d \u2014 Telling comes first, right away." in (
        page.feedback_text.text().splitlines()
    )


def test_matching_shows_the_right_pairs(qtbot, window, tmp_path):
    page = start(window, tmp_path)
    for response in (["a"], ["b", "c"], ["tell", "save", "block"]):
        check(qtbot, page, response)
        qtbot.mouseClick(page.next, Qt.LeftButton)
    assert page.question.id == "match"
    check(qtbot, page, {"p1": "p2", "p2": "p1", "p3": "p3"})
    assert page.verdict.text() == "Not quite."
    assert page.right_answer.text().splitlines() == [
        "The right matches:",
        "Spam \u2192 Junk email",
        "Password \u2192 A secret word",
        "Username \u2192 Your name on a site",
    ]
    lefts = [left.text() for left, _ in page.answer.rows]
    assert lefts == ["\u2717 Spam", "\u2717 Password", "\u2713 Username"]
    assert page.feedback_text.text().splitlines() == [
        "\u201cSpam\u201d \u2014 Spam goes with junk email.",
        "\u201cPassword\u201d \u2014 A password goes with a secret word.",
    ]


def test_a_right_answer_is_marked_without_a_right_answer_line(qtbot, window, tmp_path):
    page = start(window, tmp_path)
    check(qtbot, page, ["a"])
    assert page.verdict.text() == "That's right!"
    assert page.answer.buttons["a"].words.text() == "\u2713 Keep it secret (your answer: right)"
    assert page.right_answer.isHidden()


@pytest.mark.parametrize("attempt", range(3))
def test_k2_read_aloud_follows_the_screen_and_reads_the_feedback(qtbot, window, tmp_path, attempt):
    speaker = window.speaker
    qtbot.waitUntil(lambda: speaker.available, timeout=20_000)
    page = start(window, tmp_path / str(attempt), "k-2", "k2-a", THUMBS)
    assert page.question.id == "thumbs"
    shown = [b.accessibleName() for b in page.answer.buttons.values()]
    assert page.question_texts() == ["You may tell your friend your password.", *shown]
    assert speaker._texts == page.question_texts()  # K-2: read as the question opens
    check(qtbot, page, ["true"])
    said = speaker._texts
    assert said == page.feedback_texts()
    assert said[0] == "Not quite."
    assert "Your password is not for friends." in said
    assert said[-1] == "A password is only for you and your grown-ups."  # the explanation
    assert any(line.startswith("The right answer: ") for line in said)
    qtbot.mouseClick(page.next, Qt.LeftButton)
    assert page.question.id == "pick"
    on_screen = [
        b.objectName().removeprefix("choice-")
        for b in sorted(page.answer.buttons.values(), key=lambda b: b.geometry().top())
    ]
    words = {c.id: c.text for c in page.question.choices}
    assert page.question_texts()[1:] == [words[c] for c in on_screen]  # the voice and the screen agree
