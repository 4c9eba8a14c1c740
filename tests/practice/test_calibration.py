"""Calibration figures (hand-computed and property-checked), review priority, and the quiz
session's confidence, miss reasons and dangerous errors."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.practice.factory import bank, multiple, numeric, single, wall
from trainer.banks.model import Option
from trainer.practice import FakeClock, QuizSession, QuizSettings, select_keys
from trainer.practice.calibration import (
    CONFIDENCE_LEVELS,
    CONFIDENT_MISS,
    DANGEROUS,
    MISSED,
    NONE,
    InvalidConfidence,
    brier,
    confidence_from_text,
    reliability,
    review_priority,
)
from trainer.practice.scoring import score

# --- Brier score and reliability bins ----------------------------------------------------


def test_brier_against_hand_computed_values():
    assert brier([]) is None
    assert brier([(1.0, True)]) == 0.0
    assert brier([(0.5, True), (0.5, False)]) == 0.25  # always 50%: 0.25
    # (0.9-1)^2 = 0.01, (0.7-0)^2 = 0.49, (0.4-1)^2 = 0.36, (0.2-0)^2 = 0.04; sum 0.90 / 4
    assert brier([(0.9, True), (0.7, False), (0.4, True), (0.2, False)]) == pytest.approx(0.225)
    assert brier([(0.9, False), (0.4, True)]) == pytest.approx(0.585)


def test_reliability_bins_by_hand():
    pairs = [(0.9, True), (0.9, False), (0.95, True), (0.7, True), (0.4, False), (0.4, True), (0.0, False), (1.0, True)]
    bins = reliability(pairs)
    assert [(b.low, b.high) for b in bins] == [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0)]
    assert [b.count for b in bins] == [1, 0, 2, 1, 4]  # 0.4 opens the third bin; 1.0 is in the last
    last = bins[4]
    assert last.mean_confidence == pytest.approx((0.9 + 0.9 + 0.95 + 1.0) / 4)
    assert last.accuracy == 0.75 and last.gap == pytest.approx(0.75 - 0.9375)
    assert bins[1].mean_confidence is None and bins[1].accuracy is None and bins[1].gap is None
    assert bins[2].accuracy == 0.5 and bins[0].accuracy == 0.0


def test_the_three_levels_land_in_three_bins():
    bins = reliability([(p, True) for p in CONFIDENCE_LEVELS.values()])
    assert [b.count for b in bins] == [0, 0, 1, 1, 1]


pairs = st.lists(st.tuples(st.floats(0, 1), st.booleans()), max_size=60)


@given(pairs)
def test_brier_is_between_0_and_1_and_0_only_when_certain_and_right(ps):
    value = brier(ps)
    if not ps:
        assert value is None
        return
    assert 0.0 <= value <= 1.0
    if all((c == 1.0) == r and c in (0.0, 1.0) for c, r in ps):
        assert value == 0.0


@given(pairs, st.integers(1, 10))
def test_bins_hold_every_pair_once_and_their_figures_stay_in_the_bin(ps, n):
    bins = reliability(ps, bins=n)
    assert len(bins) == n and sum(b.count for b in bins) == len(ps)
    assert sum(round(b.accuracy * b.count) for b in bins if b.count) == sum(r for _, r in ps)
    for b in bins:
        if b.count:
            assert b.low - 1e-9 <= b.mean_confidence <= b.high + 1e-9
            assert 0.0 <= b.accuracy <= 1.0


@given(pairs)
def test_brier_is_the_count_weighted_mean_over_the_bins(ps):
    # the Brier score does not depend on binning: recompute it bin by bin from the raw pairs
    if not ps:
        return
    total = sum((c - r) ** 2 for c, r in ps)
    assert math.isclose(brier(ps), total / len(ps), rel_tol=1e-9, abs_tol=1e-12)


def test_typed_percentages():
    assert confidence_from_text("80") == 0.8
    assert confidence_from_text(" 65 % ") == 0.65
    assert confidence_from_text("100") == 1.0 and confidence_from_text("0") == 0.0
    for bad in ("", "abc", "150", "-5", "nan", "inf"):
        with pytest.raises(InvalidConfidence):
            confidence_from_text(bad)


# --- review priority -----------------------------------------------------------------------


def _record(correct, confidence=None, dangerous=False):
    from tests.history.helpers import answer

    return dataclasses.replace(answer(correct=correct), confidence=confidence, dangerous=dangerous)


def test_review_priority_orders_dangerous_then_confidently_wrong_then_other_misses():
    assert review_priority(_record(False, 0.9, dangerous=True)) == DANGEROUS
    assert review_priority(_record(False, dangerous=True)) == DANGEROUS
    assert review_priority(_record(False, 0.9)) == CONFIDENT_MISS
    assert review_priority(_record(False, 0.7)) == MISSED
    assert review_priority(_record(False)) == MISSED
    assert review_priority(_record(True, 0.9)) == NONE
    assert review_priority(_record(None)) == NONE
    assert DANGEROUS > CONFIDENT_MISS > MISSED > NONE


# --- dangerous answers, through each type's scorer -----------------------------------------


def _danger_single():
    q = single("d1", shuffle=False, answer="a", ids=("a", "b", "c"))
    opts = (Option("a", "Right"), Option("b", "Harmful", True, "It harms."), Option("c", "Wrong"))
    return dataclasses.replace(q, options=opts)


def test_a_dangerous_option_makes_a_dangerous_error_and_a_plain_wrong_one_does_not():
    q = _danger_single()
    harmful = score(q, "b")
    assert (harmful.correct, harmful.dangerous, harmful.harm) == (False, True, ("It harms.",))
    assert score(q, "c").dangerous is False and score(q, "a").dangerous is False
    assert score(q, None).dangerous is False


def test_multiple_is_dangerous_when_a_dangerous_option_is_among_the_chosen():
    q = multiple("dm", shuffle=False, answers=("a",), ids=("a", "b", "c"))
    q = dataclasses.replace(q, options=(Option("a", "A"), Option("b", "B", True, "B harms."), Option("c", "C")))
    assert score(q, ["a", "b"]).dangerous is True
    assert score(q, ["a", "c"]).dangerous is False
    assert score(q, ["a"]).correct is True and score(q, ["a"]).dangerous is False


def test_numeric_dangerous_ranges():
    q = numeric("dn", answer=120, tolerance=1)
    below = dataclasses.replace(q, dangerous_below=60, harm="Too low.")
    assert score(below, 59).dangerous and not score(below, 60).dangerous and not score(below, 100).dangerous
    above = dataclasses.replace(q, dangerous_above=240, harm="Too high.")
    assert score(above, 241).dangerous and not score(above, 240).dangerous
    factor = dataclasses.replace(q, dangerous_factor=2, harm="Off by 2x.")
    assert score(factor, 60).dangerous and score(factor, 240).dangerous and not score(factor, 61).dangerous
    assert score(factor, 240).harm == ("Off by 2x.",)
    assert not score(factor, 120).dangerous


# --- the quiz session ------------------------------------------------------------------------


def make(questions, mode="tutor", **settings):
    b = bank("b1", questions)
    selection = select_keys([b], [q.key for q in questions], seed=1)
    clock = FakeClock()
    quiz = QuizSession.start(
        selection, QuizSettings(mode=mode, **settings), clock=clock, wall=wall(), session_id="sess"
    )
    return quiz, clock, b


def test_tutor_submit_asks_how_sure_then_records_the_confidence():
    quiz, _, _ = make([single("s1", shuffle=False, answer="b")], ask_confidence=True)
    quiz.choose(2)
    update = quiz.submit()
    assert update.asking_confidence and update.records == () and update.feedback is None
    assert quiz.view().asking_confidence and quiz.view().feedback is None
    update = quiz.state_confidence(0.9)
    (record,) = update.records
    assert (record.correct, record.confidence) == (True, 0.9)
    assert update.feedback is not None and not quiz.view().asking_confidence
    assert quiz.record.settings["ask_confidence"] is True


def test_confidence_cannot_be_stated_before_asked_nor_outside_0_to_1():
    quiz, _, _ = make([single("s1")], ask_confidence=True)
    assert quiz.state_confidence(0.5).error
    quiz.choose(1)
    quiz.submit()
    with pytest.raises(ValueError):
        quiz.state_confidence(1.5)


def test_choosing_again_while_asked_cancels_the_question():
    quiz, _, _ = make([single("s1", shuffle=False)], ask_confidence=True)
    quiz.choose(1)
    quiz.submit()
    quiz.choose(2)
    assert not quiz.view().asking_confidence


def test_exam_mode_records_the_confidence_with_the_same_answer_and_forgets_it_on_change():
    quiz, _, _ = make([single("s1", shuffle=False, answer="b"), single("s2")], mode="exam", ask_confidence=True)
    (chosen,) = quiz.choose(2).records
    assert chosen.confidence is None and chosen.correct is None
    assert quiz.submit().asking_confidence
    (rated,) = quiz.state_confidence(CONFIDENCE_LEVELS["medium"]).records
    assert (rated.response, rated.confidence, rated.position) == ("b", 0.7, 0)
    (changed,) = quiz.choose(1).records
    assert changed.confidence is None  # it was about the other answer
    quiz.submit()
    quiz.state_confidence(0.4)
    final = {r.position: r for r in quiz.finish().records}
    assert (final[0].response, final[0].correct, final[0].confidence) == ("a", False, 0.4)


def test_resume_keeps_the_confidence_and_the_setting():
    quiz, clock, b = make([single("s1", shuffle=False, answer="b"), single("s2")], ask_confidence=True)
    quiz.choose(2)
    quiz.submit()
    records = list(quiz.state_confidence(0.9).records)
    again = QuizSession.resume([b], quiz.record, records, clock=clock, wall=wall())
    assert again.settings.ask_confidence is True
    again.go_to(0)
    assert again.view().confidence == 0.9


def test_a_wrong_answer_can_be_tagged_and_retagged_on_the_same_record():
    quiz, _, _ = make([single("s1", shuffle=False, answer="b")])
    assert quiz.tag_miss("knowledge").error  # nothing shown yet
    (wrong,) = quiz.choose(1).records + quiz.submit().records
    assert quiz.view().can_tag_miss and quiz.view().miss_reason is None
    (tagged,) = quiz.tag_miss("misread").records
    assert tagged == dataclasses.replace(wrong, miss_reason="misread")  # same moment, same answer
    (retagged,) = quiz.tag_miss("reasoning").records
    assert retagged.miss_reason == "reasoning" and quiz.view().miss_reason == "reasoning"
    assert quiz.tag_miss("reasoning").records == ()
    with pytest.raises(ValueError):
        quiz.tag_miss("bad luck")


def test_a_right_answer_cannot_be_tagged():
    quiz, _, _ = make([single("s1", shuffle=False, answer="a")])
    quiz.choose(1)
    quiz.submit()
    assert not quiz.view().can_tag_miss and quiz.tag_miss("knowledge").error


def test_a_time_out_sets_ran_out_of_time_unless_the_answer_was_right():
    quiz, clock, _ = make(
        [single("s1", shuffle=False, answer="b"), single("s2", shuffle=False, answer="a")], question_seconds=30
    )
    quiz.choose(1)  # wrong, not submitted
    clock.advance(31)
    (first,) = quiz.tick().records
    assert (first.timed_out, first.correct, first.miss_reason) == (True, False, "time")
    quiz.choose(1)  # right
    clock.advance(31)
    (second,) = quiz.tick().records
    assert (second.timed_out, second.correct, second.miss_reason) == (True, True, None)


def test_exam_time_out_reason_appears_once_scored_and_tags_work_after_the_end():
    quiz, clock, _ = make(
        [single("s1", shuffle=False, answer="b"), single("s2", shuffle=False, answer="b")],
        mode="exam",
        question_seconds=30,
    )
    quiz.choose(1)
    clock.advance(31)
    (pending,) = quiz.tick().records
    assert pending.correct is None and pending.miss_reason is None  # not scored yet
    quiz.choose(1)
    final = {r.position: r for r in quiz.finish().records}
    assert final[0].miss_reason == "time" and final[1].miss_reason is None
    quiz.go_to(1)
    (tagged,) = quiz.tag_miss("knowledge").records
    assert (tagged.position, tagged.correct, tagged.miss_reason) == (1, False, "knowledge")


def test_a_dangerous_choice_is_recorded_as_dangerous_once_scored():
    q = _danger_single()
    quiz, _, _ = make([q])
    quiz.choose(2)
    (record,) = quiz.submit().records
    assert (record.correct, record.dangerous) == (False, True)
    assert quiz.view().feedback.score.dangerous
    exam, _, _ = make([q], mode="exam")
    (pending,) = exam.choose(2).records
    assert pending.dangerous is False  # exam mode: not scored, not judged, until the end
    (final,) = exam.finish().records
    assert final.dangerous is True


def test_moving_away_while_asked_drops_the_question_until_the_next_submit():
    quiz, _, _ = make([single("s1", shuffle=False), single("s2")], mode="exam", ask_confidence=True)
    quiz.choose(1)
    assert quiz.submit().asking_confidence
    quiz.next()
    quiz.previous()
    assert not quiz.view().asking_confidence
    assert quiz.submit().asking_confidence
