"""The exam-date plan (pure): forecast, new items per day, the budget warning."""

from __future__ import annotations

from datetime import date, timedelta

from trainer.study.plan import lead_days_for, make_plan

TODAY = date(2026, 12, 2)
ITEMS = [("b", f"q{i}") for i in range(10)]


def test_forecast_counts_booked_cards_per_day_overdue_today_and_after_the_exam_out():
    dues = [TODAY - timedelta(days=3), TODAY, TODAY + timedelta(days=2), TODAY + timedelta(days=9)]
    plan = make_plan(TODAY, TODAY + timedelta(days=5), 100, 1, dues, {}, ITEMS)
    assert plan.forecast == (2, 0, 1, 0, 0) and plan.days == 5


def test_new_items_are_spread_over_the_days_they_can_still_be_seen_n_times():
    views = {ITEMS[0]: 3, ITEMS[1]: 1}
    plan = make_plan(TODAY, TODAY + timedelta(days=10), 100, 2, [], views, ITEMS, lead_days=2)
    assert plan.unseen == 8 and plan.new_per_day == 1  # 8 over 8 days
    assert plan.short_views == 8 * 2 + 0 + 0  # q1 seen once: its second view is booked
    assert plan.fits and plan.warning is None


def test_a_budget_that_cannot_cover_the_bank_warns():
    plan = make_plan(TODAY, TODAY + timedelta(days=2), 5, 2, [TODAY] * 4, {}, ITEMS)
    assert plan.needed_per_day == 12  # (4 booked + 10 items x 2 views) / 2 days
    assert not plan.fits and "budget of 5 a day cannot cover" in plan.warning


def test_too_late_for_new_items_and_a_past_date_warn():
    late = make_plan(TODAY, TODAY + timedelta(days=2), 500, 4, [], {}, ITEMS, lead_days=13)
    assert late.new_per_day == 0 and "Too late to see 10 new items 4 times" in late.warning
    past = make_plan(TODAY, TODAY, 50, 1, [], {}, ITEMS)
    assert past.days == 0 and "after today" in past.warning


def test_lead_days_sum_the_intervals_before_the_last_view():
    intervals = [600 / 86400, 2.0, 11.0]
    assert [lead_days_for(n, intervals) for n in (1, 2, 3, 4)] == [0, 0, 2, 13]
