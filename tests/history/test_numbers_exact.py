"""Session numbers asserted whole (written against mutation testing, docs/testing.md)."""

from __future__ import annotations

from dataclasses import replace

from tests.history.helpers import answer
from trainer.history.numbers import ItemFacts, SessionNumbers


def test_of_sums_every_figure_and_scores_only_answered_items():
    items = [
        ItemFacts(True, True, 1.0, False, 10.5),
        ItemFacts(True, False, 0.25, True, 20.0),  # partly right (an interview's coverage), timed out
        ItemFacts(False, None, 0.0, True, 72.0),  # timed out with nothing entered
        ItemFacts(False, None, 0.9, False, 1.0),  # a score on an unanswered item never counts
    ]
    assert SessionNumbers.of(6, items) == SessionNumbers(6, 2, 1, 2, 1.25, 103.5, 0)
    numbers = SessionNumbers.of(6, items)
    assert (numbers.unanswered, numbers.wrong, numbers.score) == (4, 1, 0.625)


def test_one_unscored_answer_withholds_the_score():
    items = [ItemFacts(True, True, 1.0, False, 1), ItemFacts(True, None, 0.0, False, 1, scored=False)]
    numbers = SessionNumbers.of(2, items)
    assert (numbers.answered, numbers.unscored, numbers.score) == (2, 1, None)
    assert SessionNumbers.of(2, [ItemFacts(False, None, 0.0, False, 1, scored=False)]).unscored == 0


def test_as_dict_is_the_stable_export_shape():
    numbers = SessionNumbers(7, 3, 2, 1, 2.0, 61.23456, 0)
    assert numbers.as_dict() == {
        "answered": 3,
        "total": 7,
        "correct": 2,
        "score": 0.6667,
        "duration_seconds": 61.235,
        "unanswered": 4,
        "timed_out": 1,
    }
    assert SessionNumbers(2, 0, 0, 0, 0.0, 0.0).as_dict()["score"] is None


def test_from_answers_reads_correct_score_timeout_and_time_of_each_latest_answer():
    records = [
        replace(answer("s", 0, correct=True, time_spent=10), timed_out=True),
        answer("s", 1, correct=False, response="b", time_spent=5),
        answer("s", 2, correct=None, response=None, score=0.0, time_spent=3),
    ]
    assert SessionNumbers.from_answers(4, records) == SessionNumbers(4, 2, 1, 1, 1.0, 18.0, 0)


def test_an_open_answer_counts_as_scored_without_a_right_or_wrong():
    prompt = answer("s", 0, correct=None, question_type="open", response="I would...", score=0.5, time_spent=60)
    probe = replace(
        answer("s", 0, correct=None, question_type="open", response="then", score=1.0, time_spent=20), probe_index=0
    )
    numbers = SessionNumbers.from_answers(1, [prompt, probe])
    assert numbers == SessionNumbers(1, 1, 0, 0, 0.5, 80.0, 0)
    assert numbers.score == 0.5


def test_probe_time_of_each_prompt_goes_to_that_prompt_and_orphan_probes_still_count_time():
    rows = [
        answer("s", 0, correct=None, question_type="open", response="a", score=1.0, time_spent=30),
        replace(answer("s", 0, correct=None, question_type="open", response="b", time_spent=5), probe_index=0),
        replace(answer("s", 0, correct=None, question_type="open", response="c", time_spent=6), probe_index=1),
        replace(answer("s", 1, correct=None, question_type="open", response="d", time_spent=7), probe_index=0),
    ]
    numbers = SessionNumbers.from_answers(2, rows)
    assert (numbers.answered, numbers.duration, numbers.score, numbers.timed_out) == (1, 48.0, 1.0, 0)
    assert numbers == SessionNumbers(2, 1, 0, 0, 1.0, 48.0, 0)  # the orphan probe is time, not an answer
