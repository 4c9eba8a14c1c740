"""Ordering and extended-matching questions in the practice layer: scoring rules, typed
drafts, the session's handling of them, and stored responses of the older types unchanged."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.practice.factory import REF, bank, multiple, numeric, options, single, wall
from trainer.banks.qtypes.extended_matching import MatchingQuestion
from trainer.banks.qtypes.ordering import OrderingQuestion
from trainer.practice.clock import FakeClock
from trainer.practice.qtypes.ordering import longest_in_order
from trainer.practice.quiz import QuizSession, QuizSettings
from trainer.practice.scoring import score
from trainer.practice.selection import select_keys

STEPS = ("a", "b", "c", "d", "e")


def ordering(partial: bool = False, steps: tuple[str, ...] = STEPS) -> OrderingQuestion:
    return OrderingQuestion(
        id="o1",
        bank_id="b1",
        category="cat-a",
        difficulty=2,
        content_hash="h-o1",
        references=REF,
        explanation="In order.",
        stem="Order them.",
        steps=options(*steps),
        partial_credit=partial,
    )


def matching(stem_id: str = "s1", answer: str = "c") -> MatchingQuestion:
    return MatchingQuestion(
        id=f"set.{stem_id}",
        bank_id="b1",
        category="cat-a",
        difficulty=2,
        content_hash=f"h-{stem_id}",
        references=REF,
        explanation="Why.",
        set_id="set",
        theme="Theme",
        lead_in="Choose one.",
        options=options("a", "b", "c", "d", "e", "f"),
        stem=f"Stem {stem_id}",
        answer=answer,
    )


def session(questions, mode="tutor", seed=3):
    selection = select_keys([bank("b1", questions)], [q.key for q in questions], seed=seed)
    return QuizSession.start(selection, QuizSettings(mode=mode), clock=FakeClock(), wall=wall())


def press_in_order(quiz: QuizSession, step_ids) -> None:
    shown = [o.id for o in quiz.view().options]
    for step in step_ids:
        quiz.choose(shown.index(step) + 1)


# --- scoring ------------------------------------------------------------------------------


def test_only_the_exact_order_is_correct_and_without_partial_credit_anything_else_scores_0():
    q = ordering()
    assert (score(q, STEPS).correct, score(q, STEPS).score) == (True, 1.0)
    swapped = ("a", "b", "c", "e", "d")
    assert (score(q, swapped).correct, score(q, swapped).score) == (False, 0.0)
    assert score(q, None).answered is False and score(q, None).correct is None


def test_partial_credit_is_the_longest_run_in_the_right_relative_order_over_n():
    q = ordering(partial=True)
    assert score(q, ("a", "b", "c", "e", "d")).score == pytest.approx(4 / 5)
    assert score(q, ("e", "d", "c", "b", "a")).score == pytest.approx(1 / 5)
    assert score(q, ("b", "a", "d", "c", "e")).score == pytest.approx(3 / 5)
    assert score(q, ("b", "a", "d", "c", "e")).correct is False  # partial credit is not correct


def test_feedback_puts_the_correct_order_beside_the_candidates():
    result = score(ordering(steps=("a", "b", "c")), ("b", "a", "c"))
    rows = [(r.place, r.correct, r.given, r.right) for r in result.sequence]
    assert rows == [
        (1, "Option A", "Option B", False),
        (2, "Option B", "Option A", False),
        (3, "Option C", "Option C", True),
    ]
    assert result.correct_answer == "1. Option A → 2. Option B → 3. Option C"
    assert result.given_answer == "1. Option B → 2. Option A → 3. Option C"


@given(st.permutations(STEPS))
def test_partial_credit_matches_a_brute_force_longest_subsequence(order):
    def brute(given_order):
        for size in range(len(given_order), 0, -1):
            for picked in itertools.combinations(given_order, size):
                if list(picked) == sorted(picked, key=STEPS.index):
                    return size
        return 0

    assert longest_in_order(order, STEPS) == brute(order)
    result = score(ordering(partial=True), order)
    assert 0 < result.score <= 1 and (result.score == 1) == (tuple(order) == STEPS) == result.correct


def test_an_emq_stem_is_scored_like_one_best_answer_with_lettered_options():
    q = matching(answer="c")
    right = score(q, "c")
    assert (right.correct, right.correct_answer, right.given_answer) == (True, "C. Option C", "C. Option C")
    wrong = score(q, "a")
    assert (wrong.correct, wrong.given_answer) == (False, "A. Option A")
    assert [v.verdict for v in wrong.options] == ["wrong", "", "missed", "", "", ""]


# --- sessions -----------------------------------------------------------------------------


def test_an_order_half_placed_is_refused_and_a_step_pressed_again_is_taken_out():
    quiz = session([ordering(steps=("a", "b", "c"))])
    press_in_order(quiz, ["a"])
    assert quiz.submit().error == "Place every step: 1 of 3 placed" and not quiz.view().answered
    assert [o.place for o in quiz.view().options if o.id == "a"] == [1]
    press_in_order(quiz, ["a"])  # out again
    assert all(o.place is None for o in quiz.view().options)
    press_in_order(quiz, ["a", "b", "c"])
    update = quiz.submit()
    [record] = update.records
    assert (record.response, record.correct, record.score, record.question_type) == (
        ("a", "b", "c"),
        True,
        1.0,
        "ordering",
    )


def test_exam_mode_records_an_order_only_when_complete_and_resumes_it():
    q = ordering(steps=("a", "b", "c"))
    quiz = session([q], mode="exam")
    shown = [o.id for o in quiz.view().options]
    assert quiz.choose(shown.index("c") + 1).records == ()
    assert quiz.choose(shown.index("a") + 1).records == ()
    [record] = quiz.choose(shown.index("b") + 1).records
    assert record.response == ("c", "a", "b") and record.correct is None
    resumed = QuizSession.resume([bank("b1", [q])], quiz.record, [record], clock=FakeClock(), wall=wall())
    places = {o.id: o.place for o in resumed.view().options}
    assert places == {"c": 1, "a": 2, "b": 3} and resumed.view().answered
    final = resumed.finish()
    assert final.results.overall.correct == 0 and final.results.overall.answered == 1


def test_emq_stems_take_a_letter_or_a_number_and_refuse_anything_else():
    quiz = session([matching("s1", "c"), matching("s2", "a")])
    assert quiz.choose(1).error == "Type the option's letter"
    assert quiz.enter_text("g").error is None
    assert quiz.submit().error == "'g' is not an option: type a letter from A to F"
    quiz.enter_text(" c ")
    [record] = quiz.submit().records
    assert (record.response, record.correct, record.question_id) == ("c", True, "set.s1")
    quiz.next()
    quiz.enter_text("2")  # option 2 is B
    [second] = quiz.submit().records
    assert (second.response, second.correct, second.question_id) == ("b", False, "set.s2")


def test_emq_draft_shows_the_saved_letter_when_resumed():
    q = matching("s1", "c")
    quiz = session([q], mode="exam")
    quiz.enter_text("e")
    [record] = quiz.submit().records
    resumed = QuizSession.resume([bank("b1", [q])], quiz.record, [record], clock=FakeClock(), wall=wall())
    assert resumed.view().typed_text == "E" and resumed.view().entry == "text"


def test_the_stored_form_of_the_older_types_is_unchanged():
    quiz = session([single(shuffle=False), multiple(shuffle=False), numeric()], mode="exam", seed=1)
    by_type = {}
    for _ in range(3):
        view = quiz.view()
        if view.question.id == "s1":
            update = quiz.choose(2)
        elif view.question.id == "m1":
            quiz.choose(2)
            update = quiz.choose(1)
        else:
            quiz.enter_number("7.5")
            update = quiz.submit()
        by_type[view.question.type] = update.records[-1].response
        quiz.next()
    assert by_type == {"single": "b", "multiple": ("a", "b"), "numeric": 7.5}


def test_a_quiz_never_shows_the_steps_in_the_order_of_the_key():
    from trainer.practice.selection import option_order

    for steps in (("a", "b"), ("a", "b", "c"), STEPS):
        q = ordering(steps=steps)
        orders = {option_order(q, seed) for seed in range(200)}
        assert steps not in orders and all(sorted(o) == sorted(steps) for o in orders)
        assert len(orders) > 1 or len(steps) == 2
