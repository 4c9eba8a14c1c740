"""The formulas of trainer.cohort.stats: small cases computed by hand, and properties."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.cohort import stats


def test_point_biserial_by_hand_half_right():
    # M1 = 0.8, M0 = 0.4, s = sqrt(0.05) = 0.22361, p = q = 0.5: r = 0.4 / 0.22361 * 0.5 = 0.89443
    assert stats.point_biserial([1, 1, 0, 0], [0.9, 0.7, 0.5, 0.3]) == pytest.approx(0.894427, abs=1e-6)


def test_point_biserial_by_hand_two_of_five():
    # M1 = (1 + .5) / 2 = .75, M0 = (.75 + .25 + 0) / 3 = 1/3, mean .5, s = sqrt(.625 / 5) = .35355,
    # p = .4: r = (.41667 / .35355) * sqrt(.24) = 1 / sqrt(3)
    assert stats.point_biserial([1, 0, 1, 0, 0], [1.0, 0.75, 0.5, 0.25, 0.0]) == pytest.approx(1 / math.sqrt(3))


def test_point_biserial_is_negative_when_the_weak_get_it_right():
    assert stats.point_biserial([0, 0, 1, 1], [0.9, 0.7, 0.5, 0.3]) == pytest.approx(-0.894427, abs=1e-6)


@pytest.mark.parametrize(
    "item, rest",
    [([1, 1, 1], [0.1, 0.5, 0.9]), ([0, 0], [0.2, 0.4]), ([1, 0, 1], [0.5, 0.5, 0.5]), ([1], [0.5]), ([], [])],
)
def test_point_biserial_undefined(item, rest):
    assert stats.point_biserial(item, rest) is None


def test_percentile_rank_by_hand():
    values = [50, 60, 60, 70, 80]
    # 100 * (below + equal / 2) / 5
    assert [stats.percentile_rank(v, values) for v in values] == [10.0, 40.0, 40.0, 70.0, 90.0]
    assert stats.percentile_ranks(values) == [10.0, 40.0, 40.0, 70.0, 90.0]


def test_percentile_rank_of_twelve():
    ranks = stats.percentile_ranks(list(range(12)))
    assert ranks[0] == pytest.approx(100 * 0.5 / 12)  # 4.17: the lowest of 12
    assert ranks[2] == pytest.approx(100 * 2.5 / 12)  # 20.8: the third is not below the 20th


@given(st.lists(st.integers(0, 20), min_size=1, max_size=40))
def test_percentile_ranks_match_the_definition(values):
    assert stats.percentile_ranks(values) == [
        pytest.approx(100 * (sum(v < x for v in values) + sum(v == x for v in values) / 2) / len(values))
        for x in values
    ]


@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 10)), min_size=2, max_size=30))
def test_point_biserial_is_pearsons_r(pairs):
    item = [x for x, _ in pairs]
    rest = [r / 10 for _, r in pairs]
    try:
        expected = statistics.correlation(item, rest)
    except statistics.StatisticsError:
        expected = None
    got = stats.point_biserial(item, rest)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("n, k", [(0, 0), (1, 1), (2, 1), (5, 1), (6, 2), (12, 3), (50, 14), (100, 27)])
def test_group_size_is_27_percent_rounded_half_up(n, k):
    assert stats.group_size(n) == k


def test_discrimination_index_by_hand():
    # 12 ranked by rest-score: groups of 3. Upper right 2 of 3, lower right 1 of 3: D = 1/3.
    rest = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
    item = [1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0]
    assert stats.discrimination_index(item, rest) == pytest.approx(2 / 3 - 1 / 3)
    assert stats.upper_lower_groups(rest) == ([0, 1, 2], [9, 10, 11])


def test_discrimination_index_ties_keep_the_order_given():
    assert stats.upper_lower_groups([0.5, 0.5, 0.5, 0.5]) == ([0], [3])
    assert stats.discrimination_index([1], [0.5]) is None


def test_median_and_slope_by_hand():
    assert stats.median([3, 1, 2]) == 2 and stats.median([4, 1, 3, 2]) == 2.5 and stats.median([]) is None
    assert stats.slope([0, 1, 2], [10, 20, 30]) == pytest.approx(10)
    assert stats.slope([1, 1], [0, 5]) is None and stats.slope([1], [2]) is None
