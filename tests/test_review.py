"""What the result screen reviews: the questions missed, their right answers, the pages to reread."""

from __future__ import annotations

from citizenship_app.core import progress, review


def test_missed_questions_carry_their_right_answers_and_the_page_that_teaches_them(catalog):
    module = catalog.modules["g35-creators-rights"]
    headings = [review.heading(module, i) for i in range(len(module.pages))]
    by_id = {q.id: q for q in module.quiz.questions}
    order = list(by_id)
    attempt = progress.Attempt("a-1", "s-1", module.id, None, order, "2026-12-02T10:00:00+00:00")
    attempt.answers.update({qid: (None, 1.0) for qid in order})
    assert review.missed_questions(module, attempt) == []
    copyright_q = next(q for q in module.quiz.questions if "song" in q.prompt.lower())
    attempt.answers[copyright_q.id] = (None, 0.0)
    attempt.answers[order[0]] = (None, 0.5)  # partial credit is still a miss
    missed = review.missed_questions(module, attempt)
    assert [m.question_id for m in missed] == [q for q in order if q in (order[0], copyright_q.id)]
    song = next(m for m in missed if m.question_id == copyright_q.id)
    assert song.heading == "Other people's work is theirs" == headings[song.page]
    assert song.answers == review.right_answers(copyright_q) and song.explanation == copyright_q.explanation
    assert review.pages_to_reread(missed) == sorted({(m.page, m.heading) for m in missed})


def test_right_answers_in_words_for_every_kind_of_question(catalog):
    kinds = {}
    for module in catalog.modules.values():
        for q in module.quiz.questions:
            kinds.setdefault(q.type, q)
    for kind, q in kinds.items():
        answers = review.right_answers(q)
        assert answers and all(answers), kind
        if kind == "ordering":
            assert answers[0] == f"1. {q.choices[0].text}"
        elif kind == "matching":
            assert answers[0] == f"{q.pairs[0].left} → {q.pairs[0].right}"
        else:
            assert set(answers) == {c.text for c in q.choices if c.correct}
