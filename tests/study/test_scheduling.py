"""FSRS scheduling with a fixed UTC clock and fuzzing off: exact intervals, and properties over
random rating sequences."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.study import cards
from trainer.study.scheduling import (
    CardState,
    FsrsScheduler,
    Settings,
    interval_days,
    settings_from,
    settings_to,
)

T0 = 1_767_225_600.0  # 2026-01-01 00:00 UTC
DAY = 86400.0


@pytest.fixture
def scheduler() -> FsrsScheduler:
    return FsrsScheduler(Settings(fuzzing=False))


def test_a_new_card_right_comes_back_in_two_days(scheduler):
    card = scheduler.review(CardState.new(7, T0), cards.GOOD, T0)
    assert card.card_id == 7
    assert card.state == cards.REVIEW and card.step is None  # no minute-long learning steps
    assert card.due == T0 + 2 * DAY
    assert card.last_review == T0 and card.reps == 1 and card.lapses == 0


def test_a_new_card_wrong_comes_back_tomorrow(scheduler):
    card = scheduler.review(CardState.new(7, T0), cards.AGAIN, T0)
    assert card.due == T0 + DAY and card.lapses == 0  # a first miss is not a lapse


def test_right_answers_on_time_lengthen_the_interval(scheduler):
    card = CardState.new(1, T0)
    intervals = []
    for _ in range(5):
        card = scheduler.review(card, cards.GOOD, card.due)
        intervals.append(round(interval_days(card), 3))
    assert card.state == cards.REVIEW
    assert intervals == sorted(intervals) and intervals[-1] > 100
    assert intervals == [2.0, 11.0, 46.0, 163.0, 497.0]  # FSRS-6 default parameters, retention 0.9


def test_a_lapse_counts_and_comes_back_sooner(scheduler):
    card = CardState.new(1, T0)
    for _ in range(3):
        card = scheduler.review(card, cards.GOOD, card.due)
    lapsed = scheduler.review(card, cards.AGAIN, card.due)
    assert lapsed.lapses == 1 and lapsed.state == cards.REVIEW
    assert 0 < interval_days(lapsed) < interval_days(card) / 5


def test_learning_steps_can_be_set():
    stepped = FsrsScheduler(Settings(learning_steps=(60, 600), fuzzing=False))
    card = stepped.review(CardState.new(7, T0), cards.GOOD, T0)
    assert card.state == cards.LEARNING and card.step == 1 and card.due == T0 + 600


def test_higher_retention_brings_cards_back_sooner():
    def last_interval(retention: float) -> float:
        s = FsrsScheduler(Settings(desired_retention=retention, fuzzing=False))
        card = CardState.new(1, T0)
        for _ in range(4):
            card = s.review(card, cards.GOOD, card.due)
        return interval_days(card)

    assert last_interval(0.95) < last_interval(0.9) < last_interval(0.8)


def test_replay_gives_the_state_of_reviews_given_in_order(scheduler):
    reviews = [(T0, cards.GOOD), (T0 + 2 * DAY, cards.AGAIN), (T0 + DAY, cards.GOOD)]
    card = CardState.new(3, T0)
    for at, rating in sorted(reviews):
        card = scheduler.review(card, rating, at)
    assert scheduler.replay(3, reviews) == card


def test_no_card_is_made_without_an_id(scheduler, monkeypatch):
    """fsrs's Card() without an id sleeps 1 ms: a review must never build one."""
    monkeypatch.setattr(time, "sleep", lambda s: pytest.fail("Card() built without a card id"))
    card = scheduler.review(CardState.new(9, T0), cards.GOOD, T0)
    scheduler.retrievability(card, T0 + DAY)


def test_settings_round_trip_and_bad_values_fall_back():
    s = Settings(learning_steps=(30,), fuzzing=False)
    assert settings_from(settings_to(s)) == s
    assert settings_from({"parameters": [1.0], "maximum_interval": -3, "learning_steps": "x"}) == Settings()


def test_rating_mapping_is_the_documented_one():
    assert cards.quiz_rating(False) == cards.AGAIN and cards.quiz_rating(True) == cards.GOOD
    # a right answer the candidate said was more likely wrong than right is a hard recall
    assert [cards.quiz_rating(True, c) for c in (0.0, 0.4, 0.49, 0.5, 0.9, None)] == [cards.HARD] * 3 + [cards.GOOD] * 3
    assert cards.quiz_rating(False, 0.1) == cards.quiz_rating(False, 0.9) == cards.AGAIN
    assert cards.point_rating(False) == cards.AGAIN and cards.point_rating(True) == cards.GOOD
    assert cards.point_id(None, 0) == "kp1" and cards.point_id(1, 2) == "probe2.kp3"


steps = st.lists(
    st.tuples(st.sampled_from(cards.RATINGS), st.floats(min_value=0, max_value=400 * DAY)), min_size=1, max_size=25
)


@settings(max_examples=150, deadline=None)
@given(steps, st.sampled_from([((), ()), ((60, 600), (600,))]), st.sampled_from([0.8, 0.9, 0.97]))
def test_intervals_never_negative_and_again_never_later_than_good(sequence, step_settings, retention):
    learning, relearning = step_settings
    scheduler = FsrsScheduler(
        Settings(desired_retention=retention, learning_steps=learning, relearning_steps=relearning, fuzzing=False)
    )
    card = CardState.new(1, T0)
    at = T0
    for rating, gap in sequence:
        at += gap
        again = scheduler.review(card, cards.AGAIN, at)
        good = scheduler.review(card, cards.GOOD, at)
        assert again.due >= at and good.due >= at
        assert again.due <= good.due
        card = scheduler.review(card, rating, at)
        assert card.due >= at and interval_days(card) >= 0
        assert card.stability is not None and card.stability > 0
