"""Answers update their spaced-repetition cards in the same transaction (``trainer.history.cards``)."""

from __future__ import annotations

import pytest

from tests.history.helpers import T0, answer, interview, session
from trainer.history.errors import HistoryError
from trainer.history.store import Store
from trainer.study import cards
from trainer.study.scheduling import FsrsScheduler, Settings

DAY = 86400.0


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as s:
        s.set_scheduler_settings({"fuzzing": False}, T0)
        yield s


def _card(store: Store, question: str, point: str = "") -> dict:
    return next(c for c in store.card_table() if (c["question_id"], c["point"]) == (question, point))


def _logs(store: Store) -> list[tuple]:
    return [tuple(r) for r in store._conn.execute("SELECT card_id, answer_id, rating FROM review_logs ORDER BY id")]


def test_a_right_answer_is_good_and_a_wrong_one_again(store):
    store.start_session(session(n=2))
    store.record_answer(answer(position=0, correct=True))
    store.record_answer(answer(position=1, correct=False))
    assert _card(store, "q0")["due"] == T0 + 60 + 2 * DAY  # Good on a new card: in two days
    assert _card(store, "q1")["due"] == T0 + 120 + DAY  # Again: tomorrow
    assert [r for _, _, r in _logs(store)] == [cards.GOOD, cards.AGAIN]


def test_a_right_answer_said_to_be_unlikely_is_hard_live_and_when_rebuilt(store):
    import dataclasses

    from trainer.history.cards import rebuild_cards

    store.start_session(session(n=3))
    for position, confidence in enumerate((0.4, 0.7, None)):
        store.record_answer(dataclasses.replace(answer(position=position, correct=True), confidence=confidence))
    live = [r for _, _, r in _logs(store)]
    assert live == [cards.HARD, cards.GOOD, cards.GOOD]
    hard_due = _card(store, "q0")["due"]
    assert T0 + 60 < hard_due < _card(store, "q1")["due"]  # sooner than a sure right answer
    with store._conn:
        store._conn.execute("DELETE FROM review_logs")
        store._conn.execute("DELETE FROM cards")
        rebuild_cards(store._conn, scheduler=FsrsScheduler(Settings(fuzzing=False)))
    assert [r for _, _, r in _logs(store)] == live and _card(store, "q0")["due"] == pytest.approx(hard_due)


def test_saving_the_same_answer_again_changes_nothing_and_a_rescore_replays(store):
    store.start_session(session(n=1, mode="exam"))
    store.record_answer(answer(position=0, correct=None))  # exam mode before submitting: no card
    assert store.card_table() == []
    store.record_answer(answer(position=0, correct=False))
    store.record_answer(answer(position=0, correct=False))
    assert len(_logs(store)) == 1 and _card(store, "q0")["reps"] == 1
    store.record_answer(answer(position=0, correct=True))  # re-scored: the log is rewritten
    assert [r for _, _, r in _logs(store)] == [cards.GOOD]
    assert _card(store, "q0")["reps"] == 1 and _card(store, "q0")["due"] == T0 + 60 + 2 * DAY


def test_cards_follow_answers_across_sessions_like_the_scheduler(store):
    days = (0, 1, 4, 15)
    for n, day in enumerate(days):
        store.start_session(session(f"s{n}", n=1, started_at=T0 + day * DAY))
        store.record_answer(answer(f"s{n}", 0, correct=True, at=T0 + day * DAY))
    expected = FsrsScheduler(Settings(fuzzing=False)).replay(1, [(T0 + d * DAY, cards.GOOD) for d in days])
    card = _card(store, "q0")
    assert (card["state"], card["reps"]) == (cards.REVIEW, 4)
    assert card["due"] == pytest.approx(expected.due)


def test_an_answer_older_than_the_card_replays_it_in_time_order(store):
    store.start_session(session("late", n=1))
    store.record_answer(answer("late", 0, correct=True, at=T0 + 3 * DAY))
    store.start_session(session("early", n=1))
    store.record_answer(answer("early", 0, correct=False, at=T0))  # e.g. kept in the outbox, saved late
    expected = FsrsScheduler(Settings(fuzzing=False)).replay(1, [(T0, cards.AGAIN), (T0 + 3 * DAY, cards.GOOD)])
    assert _card(store, "q0")["due"] == pytest.approx(expected.due)


def test_each_key_point_is_a_card_and_an_override_rewrites_its_rating(store):
    store.start_session(session("i1", n=1, kind="interview", mode="interview"))
    main = answer("i1", 0, correct=None, question_type="open", response="text")
    store.record_answer(main, interview("i1", 0, covered=(True, False)))
    assert _card(store, "q0", "kp1")["due"] == T0 + 60 + 2 * DAY
    assert _card(store, "q0", "kp2")["due"] == T0 + 60 + DAY
    assert [c["point"] for c in store.card_table()] == ["kp1", "kp2"]  # no card for the open item itself
    store.record_answer(main, interview("i1", 0, covered=(True, False), overrides=(None, True)))
    assert _card(store, "q0", "kp2")["due"] == T0 + 60 + 2 * DAY
    store.record_answer(main, interview("i1", 0, probe=0, covered=(False,)))
    assert _card(store, "q0", "probe1.kp1")["reps"] == 1


def test_an_edited_question_keeps_its_card_marked(store):
    store.start_session(session("a", n=1))
    store.record_answer(answer("a", 0, correct=True, at=T0))
    first = _card(store, "q0")
    store.start_session(session("b", n=1))
    store.record_answer(answer("b", 0, correct=False, at=T0 + DAY, content_hash="h-q0-v2"))
    card = _card(store, "q0")
    assert card["content_hash"] == "h-q0-v2" and card["edited_at"] == T0 + DAY
    assert card["reps"] == first["reps"] + 1  # the same card, its history kept
    # the queue marks a card whose loaded version differs from the one last reviewed
    due = store.due_cards(T0 + 2 * DAY, {("core", "q0"): "h-q0-v3"})
    assert [(c.key, c.edited) for c in due] == [(("core", "q0", ""), True)]
    assert store.due_cards(T0 + 2 * DAY, {("core", "other"): "x"}) == []  # not loaded: not offered


def test_a_failing_card_update_rolls_the_answer_back(store, monkeypatch):
    from trainer.history import cards as history_cards

    store.start_session(session(n=1))

    def broken(*args, **kwargs):
        raise history_cards.sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(history_cards, "apply_review", broken)
    with pytest.raises(HistoryError):
        store.record_answer(answer(position=0))
    assert store.load_session("s1").answers == [] and store.card_table() == []


def test_desired_retention_is_a_preference_read_at_the_next_review(store):
    store.set_preferences({"desired_retention": 0.97})
    for n, day in enumerate((0, 1, 4)):
        store.start_session(session(f"s{n}", n=1))
        store.record_answer(answer(f"s{n}", 0, correct=True, at=T0 + day * DAY))
    strict = _card(store, "q0")["due"]
    expected = FsrsScheduler(Settings(desired_retention=0.97, fuzzing=False)).replay(
        1, [(T0 + d * DAY, cards.GOOD) for d in (0, 1, 4)]
    )
    assert strict == pytest.approx(expected.due)


def test_review_count_counts_items_and_prompts_by_sql(store):
    store.start_session(session(n=3))
    for pos in range(3):
        store.record_answer(answer(position=pos, correct=pos != 1))
    store.start_session(session("i1", n=1, kind="interview", mode="interview"))
    store.record_answer(answer("i1", 0, question="p", correct=None, question_type="open"), interview("i1", 0))
    assert store.review_count(T0 + 3600) == 0
    assert store.review_count(T0 + 1.5 * DAY) == 2  # the missed item and the prompt's missed point
    assert store.review_count(T0 + 3 * DAY) == 4  # three items and one prompt (two of its points)
    assert store.review_count(T0 + 3 * DAY, {("core", "q1"): "h-q1"}) == 1


def test_an_edited_questions_old_answers_stay_out_of_its_accuracy(store):
    store.start_session(session("a", n=1))
    store.record_answer(answer("a", 0, correct=False, at=T0))
    store.start_session(session("b", n=1))
    store.record_answer(answer("b", 0, correct=True, at=T0 + DAY, content_hash="h-q0-v2"))
    current = {("core", "q0"): "h-q0-v2"}
    assert store.missed_items(current) == frozenset()  # the miss was on the old version
    logs = store._conn.execute("SELECT content_hash, rating FROM review_logs ORDER BY reviewed_at").fetchall()
    assert [tuple(r) for r in logs] == [("h-q0", cards.AGAIN), ("h-q0-v2", cards.GOOD)]  # the card keeps both


def test_a_card_the_scheduler_cannot_read_is_left_and_the_answer_saved(store):
    store.start_session(session(n=2))
    store.record_answer(answer(position=0, correct=True))
    store._conn.execute("UPDATE cards SET state = 7")  # hand-edited: a state FSRS does not have
    before = store.card_table()
    store.start_session(session("s2", n=2))
    store.record_answer(answer("s2", 0, correct=False, at=T0 + DAY))  # no crash
    store.record_answer(answer("s2", 1, correct=False, at=T0 + DAY))  # and other cards still work
    assert [a.correct for a in store.load_session("s2").answers] == [False, False]
    assert _card(store, "q0") == before[0]
    assert _card(store, "q1")["reps"] == 1
    # a re-score replays the card from its logs, which mends it
    store.record_answer(answer(position=0, correct=False))
    assert _card(store, "q0")["state"] == cards.REVIEW
