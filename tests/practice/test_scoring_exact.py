"""Scoring as the candidate sees it, asserted whole: exact messages, exact Score values.

The companion of test_scoring.py, written against mutation testing (docs/testing.md): each test
pins a behaviour a candidate relies on (what a blank numeric answer shows, what an ambiguous
number's message offers, which slack the tolerance allows) so a changed rule fails a test.
"""

from __future__ import annotations

import pytest

from tests.practice.factory import multiple, numeric, options, single
from trainer.practice.scoring import (
    InvalidNumber,
    ItemOutcome,
    OptionVerdict,
    Score,
    format_number,
    parse_number,
    score,
    summarise,
    within_tolerance,
)

# --- parsing: what is accepted ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,000,000", 2_000_000.0),
        ("9,999", None),
        ("+1,000,000", 1_000_000.0),
        ("-2,500,000.25", -2_500_000.25),
        ("1,000,000e-3", 1000.0),
        ("7,5", 7.5),
        ("-7,5", -7.5),
        ("+7,5", 7.5),
        (",5", 0.5),
        ("7,5e1", 75.0),
        ("7,5E-1", 0.75),
        ("7,5e+1", 75.0),
        ("1,2345", 1.2345),
        ("0,001", 0.001),
        ("+.5", 0.5),
        ("-5.", -5.0),
        ("1E+2", 100.0),
        ("\uff0b3", 3.0),
        ("\u20134", -4.0),
        ("7,5 mg", 7.5),
        ("7mg", 7.0),
        ("7 MG", 7.0),
        ("1000,000", 1000.0),  # four digits before the comma: not a thousands group, so a decimal comma
    ],
)
def test_numbers_a_candidate_may_type(text, value):
    if value is None:  # one comma then three digits: a thousand or a decimal, so asked again
        with pytest.raises(InvalidNumber):
            parse_number(text, unit="mg")
    else:
        assert parse_number(text, unit="mg") == value


def test_the_unit_is_only_removed_from_the_end():
    assert parse_number("  45 MME/day  ", unit=" MME/day ") == 45.0
    with pytest.raises(InvalidNumber):
        parse_number("mg 7", unit="mg")


# --- parsing: what is refused, with the exact message ---------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a number, e.g. 7.5"),
        ("  mg ", "Enter a number, e.g. 7.5"),
        (" abc ", "'abc' is not a number; write digits, e.g. 7.5 or 7,5"),
        (".", "'.' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("-", "'-' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("1e", "'1e' is not a number; write digits, e.g. 7.5 or 7,5"),
        (",", "',' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("7,", "'7,' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("7,5,5", "'7,5,5' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("7,5e", "'7,5e' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("7,5.1", "'7,5.1' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("0,500,000", "'0,500,000' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("1,00,000", "'1,00,000' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("1,000.", "'1,000.' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("+-7,5", "'+-7,5' is not a number; write digits, e.g. 7.5 or 7,5"),
        ("1e999", "'1e999' is too large"),
        ("1,000", "'1,000' is ambiguous: write 1000 (thousands) or 1.000 (decimal point)"),
        ("+1,000", "'+1,000' is ambiguous: write +1000 (thousands) or +1.000 (decimal point)"),
        ("-12,345", "'-12,345' is ambiguous: write -12345 (thousands) or -12.345 (decimal point)"),
        ("\u2212999,999", "'\u2212999,999' is ambiguous: write -999999 (thousands) or -999.999 (decimal point)"),
        (" 2,500 mg", "'2,500 mg' is ambiguous: write 2500 (thousands) or 2.500 (decimal point)"),
    ],
)
def test_refused_input_says_exactly_what_to_write(text, message):
    with pytest.raises(InvalidNumber) as caught:
        parse_number(text, unit="mg")
    assert caught.value.message == message
    assert str(caught.value) == message


# --- tolerance ----------------------------------------------------------------------------


def test_float_noise_at_zero_counts_as_zero():
    assert within_tolerance(0.1 + 0.2 - 0.3, 0.0, 0.0)  # 5.6e-17: at least 1e-9 of slack, even at 0
    assert not within_tolerance(1e-6, 0.0, 0.0)


@pytest.mark.parametrize(("answer", "value"), [(1000.0, 1.0 - 5e-7), (1.0, 1000.0 + 5e-7)])
def test_the_slack_is_relative_to_the_larger_of_answer_and_value(answer, value):
    assert within_tolerance(value, answer, 999.0)  # 5e-7 past the edge: within 1e-9 of 1000


def test_the_slack_is_a_billionth_not_more():
    assert not within_tolerance(1.5e-9, 0.0, 0.0)
    assert within_tolerance(0.5e-9, 0.0, 0.0)
    assert not within_tolerance(8.000001, 7.0, 1.0)


# --- per-question scores, whole -------------------------------------------------------------


def test_a_single_answer_scores_with_options_in_the_bank_order_when_not_shuffled():
    q = single(answer="b", ids=("a", "b", "c"))
    a, b, c = options("a", "b", "c")
    assert score(q, "c") == Score(
        True,
        False,
        0.0,
        "2. Option B",
        "3. Option C",
        (OptionVerdict(1, a, False, False), OptionVerdict(2, b, False, True), OptionVerdict(3, c, True, False)),
    )
    assert score(q, "b", order=("c", "b", "a")) == Score(
        True,
        True,
        1.0,
        "2. Option B",
        "2. Option B",
        (OptionVerdict(1, c, False, False), OptionVerdict(2, b, True, True), OptionVerdict(3, a, False, False)),
    )


def test_an_unanswered_single_shows_the_answer_and_selects_nothing():
    q = single(answer="a", ids=("a", "b"))
    a, b = options("a", "b")
    assert score(q, None, order=("b", "a")) == Score(
        False, None, 0.0, "2. Option A", None, (OptionVerdict(1, b, False, False), OptionVerdict(2, a, False, True))
    )


def test_a_multiple_answer_lists_what_was_selected():
    q = multiple(answers=("a", "c"), ids=("a", "b", "c"))
    result = score(q, ("b", "c"))
    assert (result.answered, result.correct, result.score) == (True, False, 0.0)
    assert (result.correct_answer, result.given_answer) == ("1. Option A; 3. Option C", "2. Option B; 3. Option C")
    assert score(q, None) == Score(False, None, 0.0, "1. Option A; 3. Option C", None, score(q, None).options)
    assert [v.verdict for v in score(q, None).options] == ["missed", "", "missed"]


def test_a_blank_numeric_answer_is_unanswered_not_wrong_and_shows_the_range():
    q = numeric(answer=45, tolerance=0.5, unit="MME/day")
    assert score(q, None) == Score(False, None, 0.0, "45 MME/day (accepted 44.5 to 45.5)", None, ())


def test_a_numeric_answer_without_unit_or_tolerance_shows_the_bare_number():
    q = numeric(answer=7.5, unit=None)
    assert score(q, 7.5) == Score(True, True, 1.0, "7.5", "7.5", ())
    assert score(q, 8) == Score(True, False, 0.0, "7.5", "8", ())
    assert score(q, None) == Score(False, None, 0.0, "7.5", None, ())


def test_the_accepted_range_hides_float_noise():
    q = numeric(answer=0.3, tolerance=0.1, unit="mg")
    assert score(q, 0.4).correct_answer == "0.3 mg (accepted 0.2 to 0.4)"
    percent = numeric(answer=45, tolerance_percent=10, unit="mg")
    assert score(percent, 50).correct_answer == "45 mg (accepted 40.5 to 49.5)"


def test_format_number_writes_whole_numbers_without_a_point():
    assert [format_number(v) for v in (45.0, -3.0, 0.0, 7.25, 1e-7)] == ["45", "-3", "0", "7.25", "1e-07"]


# --- results ------------------------------------------------------------------------------


def _outcome(position, question, response, *, spent=10.0, timed_out=False):
    return ItemOutcome(position, question, (), score(question, response), spent, False, timed_out)


def test_results_keep_the_session_and_count_its_numbers():
    items = [
        _outcome(0, single("a"), "b", spent=12.0),
        _outcome(1, single("b"), "a", spent=8.0),
        _outcome(2, numeric("c"), None, spent=30.0, timed_out=True),
    ]
    r = summarise(items, session_id="s-1", mode="exam", ended_by="time_up", total_time=60.0)
    assert (r.session_id, r.mode, r.ended_by) == ("s-1", "exam", "time_up")
    n = r.numbers
    assert (n.total, n.answered, n.correct, n.unanswered, n.timed_out) == (3, 2, 1, 1, 1)
    assert n.score == 0.5 and n.duration == 50.0


def test_retry_keys_are_the_missed_then_unanswered_items_in_plan_order():
    items = [
        _outcome(0, single("blank"), None),
        _outcome(1, single("right"), "b"),
        _outcome(2, single("wrong"), "a"),
        _outcome(3, single("blank-2"), None),
    ]
    r = summarise(items[::-1], session_id="s", mode="tutor", ended_by="submitted", total_time=1.0)
    assert r.retry_keys() == (("b1", "blank"), ("b1", "wrong"), ("b1", "blank-2"))
    assert r.retry_keys(include_unanswered=False) == (("b1", "wrong"),)
