"""The exam-date plan: what the days left hold, and whether the daily budget covers the bank.

Inputs are plain: today, the exam date, the budget, how many times each item should be seen
(N), the due date of every card already scheduled, and each loaded item's number of views.

- ``forecast``: cards already scheduled, per day from today to the day before the exam
  (overdue cards count today). Future reviews of cards not yet answered are not simulated:
  the forecast says what is booked, the per-day figures below say what still has to be added.
- ``new_per_day``: items never seen, spread over the days on which a new item can still be
  seen N times before the exam (``lead_days``: how long N right answers in a row take under
  the scheduler: with the trainer's settings 2 for N = 2, 13 for N = 3).
- ``needed_per_day``: the booked reviews plus the views still missing (N for an unseen item;
  N - views - 1 for a seen one, whose next view is booked already), spread over the days left.
- A warning when the budget is below ``needed_per_day``, when unseen items can no longer be seen
  N times, or when the date is not in the future.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Plan:
    today: date
    exam: date
    budget: int
    min_views: int
    forecast: tuple[int, ...]  # cards booked per day, index 0 = today
    items: int  # knowledge items in the loaded banks
    unseen: int
    short_views: int  # views still missing to see every item ``min_views`` times
    new_per_day: int
    needed_per_day: int
    warning: str | None

    @property
    def days(self) -> int:
        return len(self.forecast)

    @property
    def fits(self) -> bool:
        return self.warning is None


def make_plan(
    today: date,
    exam: date,
    budget: int,
    min_views: int,
    due_dates: Iterable[date],
    views: Mapping[tuple[str, str], int],
    items: Sequence[tuple[str, str]],
    lead_days: int = 0,
) -> Plan:
    days = max(0, (exam - today).days)
    forecast = [0] * days
    for due in due_dates:
        offset = max(0, (due - today).days)
        if offset < days:
            forecast[offset] += 1
    seen = [views.get(item, 0) for item in items]
    unseen = sum(1 for n in seen if n == 0)
    short = sum(min_views if n == 0 else max(0, min_views - n - 1) for n in seen)
    window = days - lead_days
    new_per_day = math.ceil(unseen / window) if unseen and window > 0 else 0
    needed = math.ceil((sum(forecast) + short) / days) if days else 0
    warning = None
    if days == 0:
        warning = "Set an exam date after today to plan the days left."
    elif unseen and window <= 0:
        warning = (
            f"Too late to see {unseen} new item{'s' if unseen != 1 else ''} {min_views} times each before "
            f"{exam.isoformat()}: lower the number of views or move the date."
        )
    elif needed > budget:
        warning = (
            f"A budget of {budget} a day cannot cover the bank by {exam.isoformat()}: about {needed} a day "
            "are needed. Raise the budget, lower the number of views, or review fewer banks."
        )
    return Plan(
        today, exam, budget, min_views, tuple(forecast), len(items), unseen, short, new_per_day, needed, warning
    )


def lead_days_for(views: int, intervals_days: Sequence[float]) -> int:
    """Whole days that ``views`` views in a row take, given the intervals after each right answer
    (a step shorter than a day is taken the same day)."""
    return math.floor(sum(intervals_days[: max(0, views - 1)]) + 1e-9) if views > 1 else 0
