"""Scoring rules, numeric parsing and tolerance (with property tests), result tallies."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.practice.factory import multiple, numeric, single
from trainer.practice.scoring import (
    InvalidNumber,
    ItemOutcome,
    format_number,
    parse_number,
    score,
    summarise,
    within_tolerance,
)

# --- parsing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7.5", 7.5),
        (" 7.5 ", 7.5),
        ("\t7.5\n", 7.5),
        ("7,5", 7.5),
        ("-3", -3.0),
        ("+2", 2.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e2", 100.0),
        ("2.5E-3", 0.0025),
        ("0,125", 0.125),
        ("12,3456", 12.3456),
        ("1,000,000", 1_000_000.0),
        ("1,000.5", 1000.5),
        ("\u22124", -4.0),
        ("45 MME/day", 45.0),
        ("45mme/DAY", 45.0),
        ("007", 7.0),
    ],
)
def test_parse_number_accepts(text, value):
    assert parse_number(text, unit="MME/day") == value


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Enter a number"),
        ("   ", "Enter a number"),
        ("abc", "not a number"),
        ("1_000", "not a number"),
        ("inf", "not a number"),
        ("nan", "not a number"),
        ("1 000", "not a number"),
        ("1.000,5", "not a number"),
        ("7.5.1", "not a number"),
        ("1,000", "ambiguous"),
        ("12,345", "ambiguous"),
        ("-1,500", "ambiguous"),
        ("1e999", "too large"),
        ("MME/day", "Enter a number"),
        ("--1", "not a number"),
    ],
)
def test_parse_number_rejects_with_a_message(text, says):
    with pytest.raises(InvalidNumber) as caught:
        parse_number(text, unit="MME/day")
    assert says in caught.value.message


def test_ambiguous_message_offers_both_readings():
    with pytest.raises(InvalidNumber, match=r"1000 \(thousands\) or 1\.000 \(decimal point\)"):
        parse_number("1,000")


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(finite)
def test_format_then_parse_round_trips(value):
    assert parse_number(format_number(value)) == value


@given(finite, st.text(alphabet=" \t", max_size=3), st.text(alphabet=" \t", max_size=3))
def test_surrounding_whitespace_never_matters(value, before, after):
    assert parse_number(before + format_number(value) + after) == value


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**4))
def test_decimal_comma_reads_like_a_point_unless_ambiguous(whole, fraction):
    with_point = f"{whole}.{fraction}"
    with_comma = f"{whole},{fraction}"
    try:
        assert parse_number(with_comma) == parse_number(with_point)
    except InvalidNumber as bad:
        assert "ambiguous" in bad.message
        assert 1 <= len(str(whole)) <= 3 and len(str(fraction)) == 3 and whole > 0


@given(st.text(max_size=12))
def test_parser_only_ever_returns_a_finite_float_or_a_message(text):
    try:
        assert math.isfinite(parse_number(text))
    except InvalidNumber as bad:
        assert bad.message


# --- tolerance ---------------------------------------------------------------------------


def test_tolerance_boundaries_are_inclusive_despite_float_noise():
    assert within_tolerance(0.4, 0.3, 0.1)  # 0.4 - 0.3 = 0.10000000000000003
    assert within_tolerance(0.2, 0.3, 0.1)
    assert not within_tolerance(0.4001, 0.3, 0.1)
    q = numeric(answer=45, tolerance_percent=10)
    assert score(q, 49.5).correct and score(q, 40.5).correct
    assert not score(q, 49.51).correct and not score(q, 40.49).correct
    exact = numeric(answer=45)
    assert score(exact, 45.0).correct and not score(exact, 45.01).correct


moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
share = st.floats(min_value=0, max_value=1)


@given(moderate, st.floats(min_value=0, max_value=1e3), share, st.booleans())
def test_any_value_within_absolute_tolerance_is_correct(answer, tolerance, fraction, above):
    offset = tolerance * fraction
    value = answer + offset if above else answer - offset
    assert score(numeric(answer=answer, tolerance=tolerance), value).correct is True


@given(moderate, st.floats(min_value=0, max_value=50), share, st.booleans())
def test_any_value_within_percent_tolerance_is_correct(answer, percent, fraction, above):
    offset = abs(answer) * percent / 100 * fraction
    value = answer + offset if above else answer - offset
    assert score(numeric(answer=answer, tolerance_percent=percent), value).correct is True


@given(moderate, st.floats(min_value=0, max_value=1e3), st.floats(min_value=1e-2, max_value=1e3), st.booleans())
def test_values_clearly_outside_tolerance_are_wrong(answer, tolerance, excess, above):
    offset = tolerance + excess
    value = answer + offset if above else answer - offset
    assert score(numeric(answer=answer, tolerance=tolerance), value).correct is False


@settings(max_examples=50)
@given(moderate, st.floats(min_value=0, max_value=1e3), share)
def test_typed_value_within_tolerance_scores_correct_end_to_end(answer, tolerance, fraction):
    q = numeric(answer=answer, tolerance=tolerance)
    typed = format_number(answer + tolerance * fraction)
    assert score(q, parse_number(typed)).correct is True


# --- per-type scoring --------------------------------------------------------------------


def test_single_scoring_and_unanswered_is_not_wrong():
    q = single(answer="b")
    assert (score(q, "b").correct, score(q, "b").score) == (True, 1.0)
    assert (score(q, "a").correct, score(q, "a").score) == (False, 0.0)
    blank = score(q, None)
    assert blank.correct is None and not blank.answered and blank.given_answer is None


def test_multiple_is_all_or_nothing_with_verdicts_in_displayed_order():
    q = multiple(answers=("a", "c"))
    result = score(q, frozenset({"a", "d"}), order=("d", "c", "b", "a"))
    assert result.correct is False and result.score == 0.0
    assert [(v.number, v.option.id, v.verdict) for v in result.options] == [
        (1, "d", "wrong"),
        (2, "c", "missed"),
        (3, "b", ""),
        (4, "a", "correct"),
    ]
    assert result.correct_answer == "2. Option C; 4. Option A"
    assert score(q, ("c", "a")).correct is True
    assert score(q, ("a",)).correct is False  # a subset is not enough
    assert score(q, ("a", "b", "c")).correct is False  # nor a superset
    assert score(q, ()).answered is False


def test_numeric_answer_text_shows_unit_and_accepted_range():
    q = numeric(answer=45, tolerance=0.5, unit="MME/day")
    result = score(q, 44.0)
    assert result.correct_answer == "45 MME/day (accepted 44.5 to 45.5)"
    assert result.given_answer == "44 MME/day"


# --- results -----------------------------------------------------------------------------


def outcome(position, question, response, spent=10.0, flagged=False):
    return ItemOutcome(position, question, (), score(question, response), spent, flagged, False)


def test_summarise_tallies_overall_category_difficulty_and_times():
    items = [
        outcome(0, single("a", category="x", difficulty=2), "b", 10),
        outcome(1, single("b", category="x", difficulty=1), "a", 20, flagged=True),
        outcome(2, single("c", category="y", difficulty=2), None, 99),
    ]
    r = summarise(items, session_id="s", mode="exam", ended_by="submitted", total_time=150.0)
    assert (r.overall.correct, r.overall.answered, r.overall.unanswered, r.overall.total) == (1, 2, 1, 3)
    assert r.by_category["x"].total == 2 and r.by_category["y"].unanswered == 1
    assert list(r.by_difficulty) == [1, 2] and r.by_difficulty[2].correct == 1
    assert r.average_time == 15.0 and r.answering_time == 129.0 and r.total_time == 150.0
    assert [i.question.id for i in r.missed] == ["b"] and [i.question.id for i in r.unanswered] == ["c"]
    assert [i.question.id for i in r.flagged] == ["b"]


def test_nothing_answered_has_no_average_and_no_accuracy():
    r = summarise([outcome(0, single("a"), None)], session_id="s", mode="tutor", ended_by="ended_early", total_time=1.0)
    assert r.average_time is None and r.overall.accuracy is None and r.numbers.score is None
