"""Progress figures asserted whole (written against mutation testing, docs/testing.md).

``lower_bound`` must be the *lower* Wilson bound, a weak area's accuracy its real accuracy, and
weak areas with equal evidence must come in a stable, documented order (category before tag,
then by name), so a candidate sees the same list every time.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from tests.history.helpers import answer, session
from trainer.history.stats import (
    MIN_ATTEMPTS,
    STRONG_ACCURACY,
    Z95,
    CoveragePoint,
    WeakArea,
    WeekPoint,
    wilson_bounds,
)
from trainer.history.store import Store, upsert_answer


def utc(*args) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as s:
        yield s


def fill(store: Store, sid: str, rows) -> None:
    rows = list(rows)
    store.start_session(session(sid, n=len(rows), started_at=rows[0].answered_at))
    with store.transaction("test data") as conn:
        for row in rows:
            upsert_answer(conn, row)


def results(category: str, right: int, tried: int, start: int, t: float, tags=()) -> list:
    return [
        answer(
            "s",
            start + i,
            category=category,
            question=f"{category}{i}",
            correct=i < right,
            time_spent=12.0,
            at=t + start + i,
            tags=tags,
        )
        for i in range(tried)
    ]


def wilson_by_formula(k: int, n: int) -> tuple[float, float]:
    p, z = k / n, Z95
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(0, 5), (3, 5), (5, 5), (1, 1), (40, 50), (7, 13)])
def test_wilson_bounds_follow_the_formula_and_stay_within_0_and_1(k, n):
    low, high = wilson_bounds(k, n)
    expected_low, expected_high = wilson_by_formula(k, n)
    assert low == pytest.approx(max(0.0, expected_low), abs=1e-12)
    assert high == pytest.approx(min(1.0, expected_high), abs=1e-12)
    assert 0.0 <= low <= k / n <= high <= 1.0


def test_wilson_bounds_of_all_wrong_and_all_right_touch_the_ends():
    assert wilson_bounds(0, 5)[0] == 0.0 and wilson_bounds(5, 5)[1] == 1.0
    assert wilson_bounds(0, -1) == (0.0, 1.0)
    assert wilson_bounds(3, 5, z=0.0) == pytest.approx((0.6, 0.6))


def test_a_groups_lower_bound_is_the_lower_wilson_bound(store):
    t = utc(2024, 3, 4, 12)
    fill(store, "s", results("pharm", 3, 5, 0, t))
    pharm = store.stats().by_category[0]
    assert pharm.lower_bound == pytest.approx(wilson_bounds(3, 5)[0]) and pharm.lower_bound < 0.6
    assert (pharm.key, pharm.attempts, pharm.correct, pharm.accuracy, pharm.average_time) == ("pharm", 5, 3, 0.6, 12.0)
    assert store.stats().overall.lower_bound == pharm.lower_bound


def test_a_weak_area_carries_its_accuracy_and_both_bounds(store):
    t = utc(2024, 3, 4, 12)
    fill(store, "s", results("pharm", 3, 5, 0, t))
    low, high = wilson_bounds(3, 5)
    assert store.stats().weak_areas == (WeakArea("category", "pharm", 5, 3, 0.6, low, high),)


def test_weak_areas_with_equal_evidence_come_category_first_then_by_name(store):
    t = utc(2024, 3, 4, 12)
    rows = results("zeta", 2, 10, 0, t, tags=("alpha",)) + results("beta", 2, 10, 10, t, tags=("omega",))
    rows += results("gamma", 4, 10, 20, t)
    fill(store, "s", rows)
    weak = [(w.kind, w.key) for w in store.stats().weak_areas]
    assert weak == [
        ("category", "beta"),
        ("category", "zeta"),
        ("tag", "alpha"),
        ("tag", "omega"),
        ("category", "gamma"),
    ]


def test_the_thresholds_are_inclusive_where_documented(store):
    t = utc(2024, 3, 4, 12)
    just_enough = results("five", MIN_ATTEMPTS - 1, MIN_ATTEMPTS, 0, t)  # 4/5 = 80 %: ranked, weak
    strong = results("strong", 9, 10, 10, t)  # exactly 90 %: never weak
    too_few = results("four", 0, MIN_ATTEMPTS - 1, 20, t)
    fill(store, "s", just_enough + strong + too_few)
    stats = store.stats()
    assert STRONG_ACCURACY == 0.9
    assert [(w.key, w.accuracy) for w in stats.weak_areas] == [("five", 0.8)]
    assert stats.unranked_areas == 1


def test_an_empty_history_has_zero_figures_not_errors(store):
    stats = store.stats()
    assert (
        stats.overall.attempts,
        stats.overall.accuracy,
        stats.overall.recent_accuracy,
        stats.overall.average_time,
        stats.overall.lower_bound,
    ) == (0, 0.0, 0.0, 0.0, 0.0)
    assert stats.weak_areas == () and stats.coverage_trend == () and stats.unranked_areas == 0


def test_week_and_coverage_points_of_nothing_are_zero():
    assert WeekPoint("2024-W01", 0, 0).accuracy == 0.0
    assert WeekPoint("2024-W01", 4, 3).accuracy == 0.75
    assert CoveragePoint("2024-W01", 0, 0, 0).coverage == 0.0


def test_most_missed_is_capped_at_top_and_ties_go_to_the_latest_miss(store):
    t = utc(2024, 5, 1)
    fill(store, "s", [answer("s", i, question=f"q{i}", correct=False, at=t + i) for i in range(4)])
    assert [s.key[1] for s in store.stats(top=2).most_missed] == ["q3", "q2"]


def test_a_week_sums_every_bank_and_category_answered_in_it(store):
    t = utc(2024, 3, 4, 12)  # a Monday: all of these fall in 2024-W10
    rows = results("pharm", 2, 3, 0, t) + results("procedures", 1, 4, 3, t)
    rows.append(answer("s", 7, bank="career", category="pharm", question="c0", correct=True, at=t + 7))
    fill(store, "s", rows)
    stats = store.stats()
    assert [(p.week, p.attempts, p.correct) for p in stats.overall.trend] == [("2024-W10", 8, 4)]
    pharm = next(g for g in stats.by_category if g.key == "pharm")
    assert [(p.attempts, p.correct) for p in pharm.trend] == [(4, 3)]
    core = next(g for g in stats.by_bank if g.key == "core")
    assert [(p.attempts, p.correct) for p in core.trend] == [(7, 3)]
