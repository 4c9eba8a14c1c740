"""QuizSession: tutor and exam modes, timing with a fake clock, flags, ending, results, resume."""

from __future__ import annotations

import dataclasses

import pytest

from tests.practice.factory import bank, multiple, numeric, single, wall
from trainer.practice import FakeClock, PlanMismatch, QuizSession, QuizSettings, select_keys


def make(questions, mode="tutor", *, question_seconds=None, total_seconds=None, seed=1, clock=None):
    b = bank("b1", questions)
    selection = select_keys([b], [q.key for q in questions], seed=seed)
    clock = clock or FakeClock()
    quiz = QuizSession.start(
        selection,
        QuizSettings(mode=mode, question_seconds=question_seconds, total_seconds=total_seconds),
        clock=clock,
        wall=wall(),
        session_id="sess",
    )
    return quiz, clock, b


def four():
    return [
        single("s1", shuffle=False, category="cat-a", difficulty=1),
        multiple("m1", shuffle=False, category="cat-a", difficulty=3),
        numeric("n1", answer=7.5, tolerance=0.25, category="cat-b", difficulty=2),
        single("s2", shuffle=False, answer="c", category="cat-b", difficulty=1),
    ]


# --- starting ----------------------------------------------------------------------------


def test_start_record_holds_the_plan_with_option_order_and_settings():
    qs = [single("s1"), single("s2"), numeric("n1")]
    quiz, _, _ = make(qs, question_seconds=60, total_seconds=600, seed=42)
    rec = quiz.record
    assert rec.kind == "quiz" and rec.mode == "tutor" and rec.session_id == "sess"
    assert rec.seed == 42 and rec.banks == {"b1": "1.0.0"}
    assert [(p.question_id, p.content_hash) for p in rec.plan] == [("s1", "h-s1"), ("s2", "h-s2"), ("n1", "h-n1")]
    assert sorted(rec.plan[0].option_order) == ["a", "b", "c", "d"] and rec.plan[2].option_order == ()
    assert rec.settings["question_seconds"] == 60 and rec.settings["total_seconds"] == 600
    assert rec.started_at == 1_700_000_001.0


def test_view_shows_options_in_planned_order_numbered_from_one():
    quiz, _, _ = make([single("s1"), single("s2")], seed=5)
    view = quiz.view()
    assert view.position == 0 and view.number == 1 and view.total == 2
    assert tuple(o.id for o in view.options) == quiz.record.plan[0].option_order
    assert [o.number for o in view.options] == [1, 2, 3, 4]
    assert not any(o.selected for o in view.options)


def test_empty_selection_and_open_questions_are_refused():
    from tests.practice.factory import open_q

    with pytest.raises(ValueError):
        make([])
    with pytest.raises(ValueError):
        make([open_q("o1")])
    with pytest.raises(ValueError):
        QuizSettings(mode="practice")


# --- tutor mode --------------------------------------------------------------------------


def test_tutor_single_right_answer_is_scored_locked_and_explained():
    quiz, clock, _ = make(four())
    clock.advance(12)
    assert quiz.choose(2).records == ()  # a draft until submitted
    update = quiz.submit()
    (rec,) = update.records
    assert (rec.position, rec.question_id, rec.response, rec.correct, rec.score) == (0, "s1", "b", True, 1.0)
    assert rec.time_spent == 12 and rec.question_type == "single" and rec.category == "cat-a"
    assert update.feedback.correct is True and update.feedback.explanation == "Because b."
    assert update.feedback.references[0].doi == "10.1/test"
    assert quiz.view().locked
    assert quiz.submit().error == "This question is already answered"
    assert quiz.choose(1).error and quiz.view().options[1].selected  # unchanged


def test_tutor_wrong_single_and_changing_the_draft_before_submit():
    quiz, _, _ = make(four())
    quiz.choose(2)
    quiz.choose(3)  # single: replaces
    assert [o.selected for o in quiz.view().options] == [False, False, True, False]
    update = quiz.submit()
    assert update.records[0].response == "c" and update.records[0].correct is False
    assert update.feedback.score.correct_answer == "2. Option B"
    assert update.feedback.score.given_answer == "3. Option C"


def test_tutor_multiple_is_all_or_nothing_with_per_option_feedback():
    quiz, _, _ = make(four())
    quiz.go_to(1)
    quiz.choose(1)
    quiz.choose(3)
    quiz.choose(4)
    quiz.choose(4)  # toggled off again
    update = quiz.submit()
    rec = update.records[0]
    assert rec.response == ("a", "c") and rec.correct is False and rec.score == 0.0
    assert [v.verdict for v in update.feedback.score.options] == ["correct", "missed", "wrong", ""]


def test_tutor_multiple_exact_set_is_correct():
    quiz, _, _ = make(four())
    quiz.go_to(1)
    quiz.choose(2)
    quiz.choose(1)
    assert quiz.submit().records[0].correct is True


def test_numeric_input_is_validated_not_marked_wrong():
    quiz, _, _ = make(four())
    quiz.go_to(2)
    for bad in ("abc", "", "   "):
        quiz.enter_number(bad)
        update = quiz.submit()
        assert update.records == () and update.error
        assert not quiz.view().locked and not quiz.view().answered
    quiz.enter_number(" 7,6 ")
    update = quiz.submit()
    assert update.records[0].response == pytest.approx(7.6) and update.records[0].correct is True
    assert quiz.view().numeric_text == " 7,6 " and quiz.view().unit == "mg"


def test_numeric_outside_tolerance_is_wrong():
    quiz, _, _ = make(four())
    quiz.go_to(2)
    quiz.enter_number("7.76 mg")
    rec = quiz.submit().records[0]
    assert rec.response == pytest.approx(7.76) and rec.correct is False


def test_submit_without_an_answer_is_an_error_in_tutor_mode():
    quiz, _, _ = make(four())
    update = quiz.submit()
    assert update.records == () and "Choose an answer" in update.error


def test_choose_validates_the_option_number():
    quiz, _, _ = make(four())
    assert quiz.choose(5).error == "There is no option 5"
    assert quiz.choose(0).error
    quiz.go_to(2)
    assert quiz.choose(1).error  # numeric question


def test_time_accumulates_over_visits_and_is_not_capped():
    quiz, clock, _ = make(four(), question_seconds=100)
    clock.advance(5)
    quiz.next()
    clock.advance(50)
    quiz.previous()
    clock.advance(3)
    quiz.choose(2)
    rec = quiz.submit().records[0]
    assert rec.time_spent == pytest.approx(8)
    assert quiz.time_spent(1) == pytest.approx(50)
    clock.advance(30)  # reading feedback is not answer time
    assert quiz.time_spent(0) == pytest.approx(8)


# --- navigation, flags, skip --------------------------------------------------------------


def test_next_previous_and_go_to_limits():
    quiz, _, _ = make(four())
    assert quiz.previous() == type(quiz.previous())() and quiz.position == 0
    quiz.go_to(3)
    quiz.next()
    assert quiz.position == 3
    assert quiz.go_to(9).error == "There is no question 10" and quiz.position == 3


def test_flag_produces_records_and_keeps_the_answer():
    quiz, clock, _ = make(four())
    clock.advance(4)
    (flag,) = quiz.toggle_flag().records
    assert flag.flagged is True and flag.response is None and flag.correct is None and flag.time_spent == 4
    quiz.choose(2)
    answer = quiz.submit().records[0]
    assert answer.flagged is True
    (unflag,) = quiz.set_flag(False).records  # allowed on a locked item
    assert unflag.flagged is False and unflag.response == "b" and unflag.correct is True
    assert quiz.set_flag(False).records == ()  # no change, no record
    assert [s.flagged for s in quiz.overview()] == [False, False, False, False]


def test_skip_goes_to_the_next_open_item_and_wraps_round():
    quiz, _, _ = make(four())
    quiz.skip()
    assert quiz.position == 1
    quiz.go_to(2)
    quiz.enter_number("7.5")
    quiz.submit()
    quiz.skip()
    assert quiz.position == 3
    quiz.skip()
    assert quiz.position == 0  # wrapped round; item 2 is answered
    quiz.choose(2)
    quiz.submit()
    quiz.go_to(1)
    quiz.choose(1)
    quiz.choose(2)
    quiz.submit()
    quiz.go_to(3)
    quiz.choose(3)
    quiz.submit()
    quiz.skip()
    assert quiz.position == 3 and quiz.view().open_items == 0


# --- timing ------------------------------------------------------------------------------


def test_question_timeout_locks_unanswered_records_and_moves_on():
    quiz, clock, _ = make(four(), question_seconds=30)
    clock.advance(29.9)
    assert quiz.tick().records == ()
    assert quiz.view().question_remaining == pytest.approx(0.1)
    clock.advance(0.2)
    update = quiz.tick()
    (rec,) = update.records
    assert update.timed_out == (0,)
    assert rec.timed_out and rec.response is None and rec.correct is None and rec.time_spent == pytest.approx(30.1)
    assert quiz.position == 1
    quiz.go_to(0)
    view = quiz.view()
    assert view.locked and view.timed_out and not view.answered
    assert view.feedback is not None and view.feedback.correct is None  # tutor: correct answer shown
    assert quiz.choose(2).error == "Time ran out for this question"


def test_action_after_the_limit_is_refused_even_without_a_tick():
    quiz, clock, _ = make(four(), question_seconds=30)
    quiz.choose(2)
    clock.advance(45)
    update = quiz.choose(1)  # too late: the draft made before the limit is the answer
    assert update.error == "Time is up for this question"
    assert [r.timed_out for r in update.records] == [True] and update.records[0].response == "b"
    assert update.records[0].time_spent == pytest.approx(45)  # measured, never capped


def test_question_time_limit_overrides_the_session_limit_only_when_timed():
    qs = [single("s1", time_limit=10), single("s2")]
    quiz, clock, _ = make(qs, question_seconds=72)
    assert quiz.view().question_limit == 10
    clock.advance(10)
    assert quiz.tick().timed_out == (0,)
    assert quiz.view().question_limit == 72
    untimed, clock2, _ = make(qs)
    clock2.advance(1000)
    assert untimed.tick().records == () and untimed.view().question_remaining is None


def test_timeouts_after_the_last_open_item_stay_put():
    quiz, clock, _ = make([single("s1"), single("s2")], question_seconds=5)
    clock.advance(6)
    quiz.tick()
    clock.advance(6)
    update = quiz.tick()
    assert update.timed_out == (1,) and quiz.position == 1 and not quiz.finished
    assert quiz.view().open_items == 0


def test_total_timeout_ends_and_scores_the_session():
    quiz, clock, _ = make(four(), total_seconds=60)
    quiz.choose(2)
    quiz.submit()
    quiz.next()
    clock.advance(30)
    assert quiz.view().total_remaining == pytest.approx(30)
    quiz.choose(1)  # draft only: what was entered when time ran out is recorded
    clock.advance(30)
    update = quiz.tick()
    results = update.results
    assert results is not None and quiz.finished and results.ended_by == "time_up"
    assert (results.overall.correct, results.overall.answered, results.overall.total) == (1, 2, 4)
    assert results.overall.unanswered == 2
    (rec,) = update.records  # the current item: timed out, its draft recorded, time recorded
    assert rec.position == 1 and rec.timed_out and rec.response == ("a",) and rec.correct is False
    assert rec.time_spent == pytest.approx(60)
    assert quiz.choose(1).error == "The session has ended"
    assert quiz.tick() == type(update)()


# --- ending and results ------------------------------------------------------------------


def test_end_early_counts_unanswered_as_unanswered_not_wrong():
    quiz, clock, _ = make(four())
    clock.advance(10)
    quiz.choose(2)
    quiz.submit()  # right
    quiz.go_to(3)
    clock.advance(20)
    quiz.choose(1)
    quiz.submit()  # wrong
    update = quiz.end_early()
    r = update.results
    assert r.ended_by == "ended_early" and r.mode == "tutor"
    assert (r.overall.correct, r.overall.wrong, r.overall.unanswered, r.overall.total) == (1, 1, 2, 4)
    assert r.overall.accuracy == 50.0  # unanswered items are not counted as wrong
    assert (r.numbers.answered, r.numbers.unanswered, r.numbers.score) == (2, 2, 0.5)
    assert [m.question.id for m in r.missed] == ["s2"]
    assert r.missed[0].score.given_answer == "1. Option A" and r.missed[0].score.correct_answer == "3. Option C"
    assert r.missed[0].explanation == "Because c."
    assert [u.question.id for u in r.unanswered] == ["m1", "n1"]
    assert r.retry_keys() == (("b1", "m1"), ("b1", "n1"), ("b1", "s2"))
    assert r.retry_keys(include_unanswered=False) == (("b1", "s2"),)
    assert r.average_time == pytest.approx(15) and r.total_time == pytest.approx(30)
    # item 1 and 2 were never visited: nothing recorded for them
    assert all(rec.position in (0, 3) for rec in update.records)


def test_results_per_category_and_difficulty():
    quiz, _, _ = make(four())
    quiz.choose(2)
    quiz.submit()  # s1 cat-a d1 right
    quiz.next()
    quiz.choose(1)
    quiz.submit()  # m1 cat-a d3 wrong
    quiz.next()
    quiz.enter_number("7.5")
    quiz.submit()  # n1 cat-b d2 right
    r = quiz.finish().results
    assert r.ended_by == "submitted"
    cat = {k: (t.correct, t.answered, t.total) for k, t in r.by_category.items()}
    assert cat == {"cat-a": (1, 2, 2), "cat-b": (1, 1, 2)}
    diff = {k: (t.correct, t.answered, t.total) for k, t in r.by_difficulty.items()}
    assert diff == {1: (1, 1, 2), 2: (1, 1, 1), 3: (0, 1, 1)} and list(diff) == [1, 2, 3]


def test_visited_unanswered_items_get_a_record_at_the_end():
    quiz, clock, _ = make(four())
    quiz.next()
    clock.advance(7)
    update = quiz.finish()
    by_position = {r.position: r for r in update.records}
    assert set(by_position) == {0, 1}
    assert by_position[1].response is None and by_position[1].correct is None
    assert by_position[1].time_spent == pytest.approx(7)


# --- exam mode ---------------------------------------------------------------------------


def test_exam_records_each_change_unscored_then_scores_at_submit():
    quiz, clock, _ = make(four(), mode="exam")
    clock.advance(3)
    (first,) = quiz.choose(1).records
    assert first.response == "a" and first.correct is None and first.score == 0.0
    (second,) = quiz.choose(2).records
    assert second.position == 0 and second.response == "b"
    assert quiz.choose(2).records == ()  # same answer: nothing new
    assert quiz.view().feedback is None and not quiz.view().locked
    quiz.go_to(1)
    quiz.choose(1)
    quiz.choose(2)
    quiz.choose(3)  # a, b, c: wrong
    quiz.go_to(0)
    quiz.choose(3)  # change of mind: wrong now
    quiz.choose(2)  # and back: right
    update = quiz.finish()
    scored = {r.position: r for r in update.records}
    assert scored[0].correct is True and scored[0].score == 1.0
    assert scored[1].correct is False and scored[1].response == ("a", "b", "c")
    assert update.results.overall.correct == 1 and update.results.overall.answered == 2
    assert quiz.view().feedback.correct is True and quiz.view().locked
    quiz.go_to(1)  # review after the end
    assert quiz.position == 1 and [v.verdict for v in quiz.view().feedback.score.options] == [
        "correct",
        "correct",
        "wrong",
        "",
    ]


def test_exam_typed_number_is_saved_on_leaving_and_bad_text_is_reported():
    quiz, _, _ = make(four(), mode="exam")
    quiz.go_to(2)
    assert quiz.enter_number("7,5").records == ()
    assert quiz.view().unsaved
    (rec,) = quiz.next().records
    assert rec.position == 2 and rec.response == 7.5 and rec.correct is None
    quiz.previous()
    assert not quiz.view().unsaved
    quiz.enter_number("seven")
    update = quiz.next()
    assert update.error.startswith("Answer not saved") and update.records == () and quiz.position == 3
    quiz.previous()
    assert quiz.view().numeric_text == "seven" and quiz.view().answered  # old answer kept


def test_exam_clearing_withdraws_the_answer():
    quiz, _, _ = make(four(), mode="exam")
    quiz.choose(2)
    (rec,) = quiz.clear().records
    assert rec.response is None and not quiz.view().answered
    assert quiz.submit().error  # nothing to save


def test_exam_finish_saves_the_typed_number():
    quiz, _, _ = make(four(), mode="exam")
    quiz.go_to(2)
    quiz.enter_number("7.6")
    update = quiz.finish()
    saved, scored = [r for r in update.records if r.position == 2]  # written through, then scored
    assert saved.response == scored.response == pytest.approx(7.6)
    assert saved.correct is None and scored.correct is True
    assert update.results.overall.correct == 1


def test_exam_timeout_keeps_an_answer_already_given():
    quiz, clock, _ = make(four(), mode="exam", question_seconds=20)
    quiz.choose(2)
    clock.advance(5)
    quiz.next()
    clock.advance(5)
    quiz.previous()
    clock.advance(15)  # 20 s on item 0 in all
    update = quiz.tick()
    (rec,) = update.records
    assert rec.position == 0 and rec.timed_out and rec.response == "b" and rec.correct is None
    assert quiz.position == 1
    assert quiz.finish().results.overall.correct == 1


@pytest.mark.parametrize("mode", ["tutor", "exam"])
def test_a_number_typed_but_not_submitted_is_recorded_at_time_out(mode):
    quiz, clock, _ = make([numeric("n1", answer=7.5, tolerance=0.25), single("s1")], mode=mode, question_seconds=20)
    quiz.enter_number("7,6")
    clock.advance(20)
    update = quiz.tick()
    (rec,) = update.records
    assert update.timed_out == (0,)
    assert rec.position == 0 and rec.timed_out and rec.response == 7.6
    assert rec.correct is (True if mode == "tutor" else None)  # exam mode scores at the end
    assert quiz.finish().results.overall.correct == 1


def test_typed_text_that_is_not_a_number_is_dropped_at_time_out():
    quiz, clock, _ = make([numeric("n1"), single("s1")], mode="exam", question_seconds=20)
    quiz.enter_number("abc")
    clock.advance(20)
    (rec,) = quiz.tick().records
    assert rec.timed_out and rec.response is None


def test_tutor_draft_choice_is_recorded_and_scored_at_time_out():
    quiz, clock, _ = make(four(), question_seconds=30)
    quiz.choose(2)  # selected, not submitted
    clock.advance(30)
    (rec,) = quiz.tick().records
    assert rec.timed_out and rec.response == "b" and rec.correct is True
    quiz.go_to(0)
    assert quiz.view().feedback.correct is True


def test_total_time_up_records_the_number_typed_on_the_current_item():
    quiz, clock, _ = make([numeric("n1", answer=7.5, tolerance=0.25), single("s1")], mode="exam", total_seconds=60)
    quiz.enter_number("7.5")
    clock.advance(60)
    update = quiz.tick()
    assert update.results.ended_by == "time_up" and update.results.overall.correct == 1
    (rec,) = [r for r in update.records if r.position == 0]
    assert rec.timed_out and rec.response == 7.5 and rec.correct is True


# --- resume ------------------------------------------------------------------------------


def test_resume_restores_plan_answers_flags_and_time_policy():
    qs = four()
    quiz, clock, b = make(qs, question_seconds=60, total_seconds=600, seed=9)
    stored = []
    clock.advance(10)
    quiz.choose(2)
    stored += quiz.submit().records  # item 0: right, 10 s
    quiz.next()
    clock.advance(5)
    stored += quiz.toggle_flag().records  # item 1: flagged, unanswered, 5 s
    clock.advance(100)  # lost in the crash: not charged

    clock2 = FakeClock(start=5000)
    resumed = QuizSession.resume([b], quiz.record, stored, clock=clock2, wall=wall())
    assert resumed.record == quiz.record and resumed.session_id == "sess"
    assert resumed.position == 1  # first open item
    view = resumed.view()
    assert view.flagged and not view.answered and not view.locked
    assert view.question_remaining == pytest.approx(55)
    assert view.total_remaining == pytest.approx(585)
    resumed.go_to(0)
    assert resumed.view().locked and resumed.view().answered and resumed.view().options[1].selected
    assert resumed.view().feedback.correct is True
    clock2.advance(55)  # on item 0 (locked): no question time, but session time runs
    assert resumed.view().total_remaining == pytest.approx(530)


def test_resume_exam_keeps_answers_changeable_and_latest_record_wins():
    qs = four()
    quiz, _, b = make(qs, mode="exam")
    stored = list(quiz.choose(1).records) + list(quiz.choose(2).records)
    quiz.go_to(2)
    quiz.enter_number("7.5")
    stored += quiz.next().records
    other = dataclasses.replace(stored[0], session_id="another", response="d")
    resumed = QuizSession.resume([b], quiz.record, [*stored, other], clock=FakeClock(), wall=wall())
    assert resumed.position == 1
    resumed.go_to(0)
    assert [o.selected for o in resumed.view().options] == [False, True, False, False]
    (rec,) = resumed.choose(3).records
    assert rec.response == "c"
    resumed.go_to(2)
    assert resumed.view().numeric_text == "7.5"
    r = resumed.finish().results
    assert (r.overall.correct, r.overall.answered) == (1, 2)


def test_resume_refuses_an_edited_or_missing_question():
    qs = four()
    quiz, _, _ = make(qs)
    edited = bank("b1", [dataclasses.replace(qs[0], content_hash="changed"), *qs[1:]])
    with pytest.raises(PlanMismatch, match="edited"):
        QuizSession.resume([edited], quiz.record, [], clock=FakeClock())
    with pytest.raises(PlanMismatch, match="no longer"):
        QuizSession.resume([bank("b1", qs[1:])], quiz.record, [], clock=FakeClock())


def test_resume_past_the_total_limit_ends_at_the_first_tick():
    quiz, clock, b = make(four(), total_seconds=30)
    clock.advance(29)
    stored = list(quiz.toggle_flag().records)
    clock2 = FakeClock()
    resumed = QuizSession.resume([b], quiz.record, stored, clock=clock2)
    assert resumed.view().total_remaining == pytest.approx(1)
    clock2.advance(1)
    assert resumed.tick().results.ended_by == "time_up"


def test_flag_after_the_total_limit_ends_the_session_instead():
    quiz, clock, _ = make(four(), total_seconds=30)
    clock.advance(31)
    update = quiz.toggle_flag()
    assert update.results is not None and update.results.ended_by == "time_up"
    assert all(not r.flagged for r in update.records)
