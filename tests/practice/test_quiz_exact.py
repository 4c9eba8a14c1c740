"""Quiz session rules asserted exactly (written against mutation testing, docs/testing.md):
what the candidate is told when an action is refused, what is recorded with each answer, what
the navigator and the item view show, and where a resumed session opens."""

from __future__ import annotations

import dataclasses

import pytest

from tests.practice.factory import bank, multiple, numeric, single, wall
from trainer.history.records import AnswerRecord
from trainer.practice import FakeClock, QuizSession, QuizSettings, select_keys
from trainer.practice.quiz import ItemStatus, QuizUpdate


def make(questions, mode="tutor", *, question_seconds=None, total_seconds=None, clock=None):
    b = bank("b1", questions)
    selection = select_keys([b], [q.key for q in questions], seed=1)
    clock = clock or FakeClock()
    quiz = QuizSession.start(
        selection, QuizSettings(mode, question_seconds, total_seconds), clock=clock, wall=wall(), session_id="sess"
    )
    return quiz, clock, b


def three():
    return [
        single("s1", shuffle=False, tags=("opioids",), difficulty=4),
        numeric("n1", answer=7.5, unit="mg"),
        multiple("m1", shuffle=False),
    ]


def test_settings_refuse_an_unknown_mode_and_non_positive_limits_with_a_message():
    with pytest.raises(ValueError) as caught:
        QuizSettings(mode="practice")
    assert str(caught.value) == "unknown quiz mode 'practice'; use tutor or exam"
    for name in ("question_seconds", "total_seconds"):
        with pytest.raises(ValueError) as caught:
            QuizSettings(**{name: 0})
        assert str(caught.value) == f"{name} must be positive"
    assert QuizSettings(question_seconds=0.5, total_seconds=1).question_seconds == 0.5


def test_a_session_without_questions_or_with_an_open_one_is_refused_with_a_message():
    from tests.practice.factory import open_q

    b = bank("b1", [open_q("o1")])
    with pytest.raises(ValueError) as caught:
        QuizSession.start(select_keys([b], [], seed=1), clock=FakeClock(), wall=wall())
    assert str(caught.value) == "a quiz needs at least one question"
    with pytest.raises(ValueError) as caught:
        QuizSession.start(select_keys([b], [("b1", "o1")], seed=1), clock=FakeClock(), wall=wall())
    assert str(caught.value) == "b1/o1: open questions belong in interviews"


def test_the_record_keeps_the_selection_and_how_many_questions_matched():
    quiz, _, _ = make(three())
    assert quiz.record.settings == {
        "question_seconds": None,
        "total_seconds": None,
        "selection": {"keys": [["b1", "s1"], ["b1", "n1"], ["b1", "m1"]]},
        "available": 3,
    }


def test_an_answer_record_carries_the_question_and_the_wall_clock_time():
    quiz, clock, _ = make(three())
    clock.advance(12)
    (record,) = quiz.choose(2).records + quiz.submit().records
    assert record == AnswerRecord(
        session_id="sess",
        position=0,
        bank_id="b1",
        question_id="s1",
        content_hash="h-s1",
        question_type="single",
        category="cat-a",
        difficulty=4,
        tags=("opioids",),
        response="b",
        correct=True,
        score=1.0,
        time_spent=12.0,
        flagged=False,
        answered_at=1_700_000_002.0,
        timed_out=False,
    )


def test_exam_answers_are_recorded_unscored_until_the_end():
    quiz, _, _ = make(three(), mode="exam")
    (record,) = quiz.choose(2).records
    assert (record.correct, record.score, record.response) == (None, 0.0, "b")


def test_refusals_say_exactly_why():
    quiz, _, _ = make(three())
    assert quiz.enter_number("7").error == "This question has options, not a number"
    assert quiz.submit().error == "Choose an answer first (or skip the question)"
    assert quiz.choose(5).error == "There is no option 5"
    assert quiz.choose(0).error == "There is no option 0"
    assert quiz.go_to(3).error == "There is no question 4"
    quiz.choose(4)
    quiz.submit()
    assert quiz.choose(1).error == "This question is already answered"
    quiz.next()
    assert quiz.choose(1).error == "This question takes a number, not an option"
    assert quiz.enter_number("7,000").error is None
    assert quiz.submit().error == "'7,000' is ambiguous: write 7000 (thousands) or 7.000 (decimal point)"


def test_the_last_option_can_be_chosen():
    quiz, _, _ = make(three())
    assert quiz.choose(4).error is None and quiz.view().options[3].selected


def test_next_on_the_last_question_stays_there():
    quiz, _, _ = make(three())
    quiz.go_to(2)
    assert quiz.next() == QuizUpdate() and quiz.position == 2


def test_the_view_of_each_question_type():
    quiz, clock, _ = make(three(), question_seconds=60)
    clock.advance(5)
    view = quiz.view()
    assert (view.question.id, view.numeric_text, view.unit, view.time_spent, view.finished) == (
        "s1",
        "",
        "",
        5.0,
        False,
    )
    assert [(o.number, o.id, o.text, o.selected) for o in view.options][:2] == [
        (1, "a", "Option A", False),
        (2, "b", "Option B", False),
    ]
    quiz.next()
    quiz.enter_number("7.5")
    view = quiz.view()
    assert (view.question.id, view.numeric_text, view.unit, view.options, view.unsaved) == ("n1", "7.5", "mg", (), True)


def test_the_view_says_when_a_typed_number_is_not_saved_yet():
    quiz, _, _ = make(three(), mode="exam")
    quiz.go_to(1)
    assert quiz.view().unsaved is False
    quiz.enter_number("7.5")
    assert quiz.view().unsaved is True
    quiz.go_to(2)  # exam mode: leaving saves the typed number
    quiz.go_to(1)
    assert quiz.view().unsaved is False and quiz.view().answered
    quiz.enter_number("abc")
    assert quiz.view().unsaved is True


def test_the_navigator_shows_each_items_state():
    quiz, _, _ = make(three(), mode="exam")
    quiz.choose(1)
    quiz.toggle_flag()
    quiz.go_to(2)
    assert quiz.overview() == (
        ItemStatus(0, True, True, False, False, False),
        ItemStatus(1, False, False, False, False, False),
        ItemStatus(2, False, False, False, False, True),
    )
    quiz.finish()
    assert [s.locked for s in quiz.overview()] == [True, True, True]


def test_quiz_updates_add_up():
    a = QuizUpdate(timed_out=(1,), error="first")
    b = QuizUpdate(timed_out=(2,))
    assert (a + b).timed_out == (1, 2) and (a + b).error == "first"
    quiz, _, _ = make(three())
    feedback = quiz.choose(1).feedback or quiz.submit().feedback
    assert (QuizUpdate(feedback=feedback) + QuizUpdate()).feedback is feedback


def test_total_time_left_never_goes_below_zero():
    quiz, clock, _ = make(three(), total_seconds=10)
    clock.advance(4)
    assert quiz.total_remaining() == 6.0
    clock.advance(30)
    assert quiz.total_remaining() == 0.0


def test_results_name_the_session_and_every_item_is_locked_at_the_end():
    quiz, _, _ = make(three())
    results = quiz.end_early().results
    assert results.session_id == "sess" and results.ended_by == "ended_early"
    assert quiz.choose(1).error == "The session has ended"


def test_a_resumed_session_opens_at_the_first_open_item():
    quiz, _, b = make(three(), mode="exam")
    records = list(quiz.choose(1).records)
    quiz.go_to(2)
    records += quiz.choose(1).records
    again = QuizSession.resume([b], quiz.record, records, clock=FakeClock(), wall=wall())
    assert again.position == 1


def test_a_resumed_session_with_nothing_open_opens_at_the_first_unlocked_item():
    quiz, _, b = make(three(), mode="exam")
    records = list(quiz.choose(1).records)
    quiz.go_to(1)
    quiz.enter_number("7")
    records += quiz.go_to(2).records
    records += quiz.choose(1).records
    again = QuizSession.resume([b], quiz.record, records, clock=FakeClock(), wall=wall())
    assert again.position == 0


def test_a_resumed_tutor_session_with_everything_answered_opens_at_the_first_item():
    quiz, _, b = make(three()[:1])
    records = list(quiz.choose(1).records + quiz.submit().records)
    again = QuizSession.resume([b], quiz.record, records, clock=FakeClock(), wall=wall())
    assert again.position == 0 and again.view().locked


def test_resume_ignores_answers_of_other_sessions_and_unknown_positions():
    quiz, _, b = make(three(), mode="exam")
    (record,) = quiz.choose(1).records
    stray = [dataclasses.replace(record, session_id="other", position=1), dataclasses.replace(record, position=3)]
    again = QuizSession.resume([b], quiz.record, [record, *stray], clock=FakeClock(), wall=wall())
    assert [s.answered for s in again.overview()] == [True, False, False]
    with pytest.raises(ValueError) as caught:
        QuizSession.resume([b], dataclasses.replace(quiz.record, kind="interview"), [], clock=FakeClock())
    assert str(caught.value) == "not a quiz session: 'interview'"


def test_an_option_question_never_shows_an_unsaved_number():
    quiz, _, _ = make(three())
    assert quiz.view().unsaved is False


def test_the_view_of_a_multiple_question_shows_every_selected_option():
    quiz, _, _ = make(three(), mode="exam")
    quiz.go_to(2)
    quiz.choose(1)
    quiz.choose(3)
    assert [o.selected for o in quiz.view().options] == [True, False, True, False]
    quiz.clear()
    assert not any(o.selected for o in quiz.view().options)
    assert quiz.choose(2).error is None and [o.selected for o in quiz.view().options] == [False, True, False, False]


def test_in_tutor_mode_an_answered_item_is_locked_in_the_navigator_before_the_end():
    quiz, _, _ = make(three())
    quiz.choose(1)
    quiz.submit()
    assert [s.locked for s in quiz.overview()] == [True, False, False]


def test_exam_feedback_waits_for_the_end_even_for_a_timed_out_item():
    quiz, clock, _ = make(three(), mode="exam", question_seconds=10)
    clock.advance(11)
    assert quiz.tick().timed_out == (0,)
    assert quiz.feedback(0) is None
    quiz.finish()
    assert quiz.feedback(0) is not None


def test_when_the_whole_session_runs_out_an_action_gets_the_results_not_an_error():
    quiz, clock, _ = make(three(), total_seconds=30)
    clock.advance(31)
    update = quiz.choose(1)
    assert update.results is not None and update.results.ended_by == "time_up" and update.error is None


def test_in_tutor_mode_leaving_a_typed_number_does_not_record_it():
    quiz, _, _ = make(three())
    quiz.go_to(1)
    quiz.enter_number("7.5")
    assert quiz.next().records == () and not quiz.overview()[1].answered


def test_feedback_and_results_keep_the_displayed_option_order_and_flags():
    b = bank("b1", [single("s1", answer="a")])
    selection = select_keys([b], [("b1", "s1")], seed=3)
    order = selection.items[0].option_order
    assert order != ("a", "b", "c", "d")  # seed 3 shuffles this question
    quiz = QuizSession.start(selection, QuizSettings(), clock=FakeClock(), wall=wall(), session_id="s")
    quiz.toggle_flag()
    quiz.choose(order.index("a") + 1)
    feedback = quiz.submit().feedback
    assert feedback.option_order == order
    assert [v.option.id for v in feedback.score.options] == list(order)
    assert feedback.score.correct_answer == f"{order.index('a') + 1}. Option A"
    results = quiz.finish().results
    assert [i.flagged for i in results.items] == [True] and results.flagged == results.items
