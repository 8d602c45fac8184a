"""Grading of every question type, and the pass mark."""

from __future__ import annotations

import pytest

from citizenship_app.core.content import Question
from citizenship_app.core.quiz import InvalidResponse, grade, passed, score_percent


def choice(cid, correct=None, **extra):
    data = {"id": cid, "text": f"text {cid}", "feedback": f"why {cid}", **extra}
    if correct is not None:
        data["correct"] = correct
    return data


def question(kind, choices=(), pairs=(), **extra):
    return Question.model_validate(
        {
            "id": "q",
            "type": kind,
            "prompt": "?",
            "policy_items": ["2314P-security-2"],
            "explanation": "because",
            "choices": list(choices),
            "pairs": list(pairs),
            **extra,
        }
    )


@pytest.mark.parametrize("kind, extra", [("single", {}), ("scenario", {"story": "Ana sees a pop-up."})])
def test_single_and_scenario(kind, extra):
    q = question(kind, [choice("a", True), choice("b", False)], **extra)
    right, wrong = grade(q, ["a"]), grade(q, ["b"])
    assert right.correct and right.feedback == ("why a",) and right.explanation == "because"
    assert not wrong.correct and wrong.feedback == ("why b",)
    with pytest.raises(InvalidResponse):
        grade(q, ["a", "b"])
    with pytest.raises(InvalidResponse):
        grade(q, ["z"])


def test_true_false():
    q = question("true_false", [choice("true", False), choice("false", True)], style="thumbs")
    assert grade(q, ["false"]).correct
    assert not grade(q, ["true"]).correct


def test_picture():
    q = question("picture", [choice("a", False, image="x.svg"), choice("b", True, image="y.svg")])
    assert grade(q, ["b"]).correct and not grade(q, ["a"]).correct


def test_multiple_needs_exactly_the_correct_set_and_explains_each_mistake():
    q = question("multiple", [choice("a", True), choice("b", True), choice("c", False)])
    assert grade(q, ["b", "a"]).correct
    partial = grade(q, ["a"])
    assert not partial.correct and partial.feedback == ("why b",)  # the right one they missed
    extra = grade(q, ["a", "b", "c"])
    assert not extra.correct and extra.feedback == ("why c",)  # the wrong one they picked
    with pytest.raises(InvalidResponse):
        grade(q, [])


def test_ordering():
    q = question("ordering", [choice("s1"), choice("s2"), choice("s3")])
    assert grade(q, ["s1", "s2", "s3"]).correct
    wrong = grade(q, ["s2", "s1", "s3"])
    assert not wrong.correct and wrong.feedback == ("why s2", "why s1")
    with pytest.raises(InvalidResponse):
        grade(q, ["s1", "s2"])


@pytest.mark.parametrize(
    "response, score",
    [
        (["s1", "s2", "s3", "s4"], 1.0),
        (["s1", "s2", "s4", "s3"], 1 / 3),  # s1 s2 still together and in order
        (["s3", "s4", "s1", "s2"], 2 / 3),  # two steps swapped as blocks: two pairs kept
        (["s4", "s3", "s2", "s1"], 0.0),
        (["s2", "s1", "s4", "s3"], 0.0),
    ],
)
def test_ordering_gives_partial_credit_for_adjacent_pairs_in_order(response, score):
    q = question("ordering", [choice("s1"), choice("s2"), choice("s3"), choice("s4")])
    graded = grade(q, response)
    assert graded.score == pytest.approx(score)
    assert graded.correct is (score == 1.0)


def test_every_other_type_scores_all_or_nothing():
    q = question("multiple", [choice("a", True), choice("b", True), choice("c", False)])
    assert grade(q, ["a", "b"]).score == 1.0 and grade(q, ["a"]).score == 0.0


def test_matching():
    pairs = [{"id": p, "left": f"L{p}", "right": f"R{p}", "feedback": f"why {p}"} for p in ("p1", "p2", "p3")]
    q = question("matching", pairs=pairs)
    assert grade(q, {"p1": "p1", "p2": "p2", "p3": "p3"}).correct
    wrong = grade(q, {"p1": "p2", "p2": "p1", "p3": "p3"})
    assert not wrong.correct and wrong.feedback == ("why p1", "why p2")
    with pytest.raises(InvalidResponse):
        grade(q, {"p1": "p1"})
    with pytest.raises(InvalidResponse):
        grade(q, ["p1"])


@pytest.mark.parametrize(
    "correct, total, mark, expected",
    [
        (4, 5, 80, True),
        (3, 5, 80, False),
        (8, 10, 80, True),
        (7, 9, 80, False),
        (5, 6, 83, True),
        (0, 0, 80, False),
    ],
)
def test_pass_mark_is_never_rounded_into_a_pass(correct, total, mark, expected):
    assert passed(correct, total, mark) is expected


@pytest.mark.parametrize(
    "points, total, mark, expected",
    [
        (4 + 2 / 3, 5, 80, True),
        (3 + 2 / 3, 5, 80, False),
        (sum([1 / 3, 1.0, 1.0, 2 / 3, 1.0]), 5, 80, True),
    ],
)
def test_partial_points_pass_on_the_same_mark(points, total, mark, expected):
    """1/3 + 1 + 1 + 2/3 + 1 is 3.9999999999999996 in floating point: still 80%."""
    assert passed(points, total, mark) is expected


def test_score_percent_rounds_down():
    assert score_percent(2, 3) == 66 and score_percent(5, 5) == 100 and score_percent(0, 0) == 0
    assert score_percent(4 + 2 / 3, 5) == 93 and score_percent(sum([1 / 3, 1.0, 1.0, 2 / 3, 1.0]), 5) == 80
