"""The study preferences (stored in the history's ``preferences`` table, one key each), read
leniently: a hand-edited or missing value falls back to its default instead of failing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

RETENTION: Final = "desired_retention"  # FSRS's target chance of recall when a card comes back
EXAM_DATE: Final = "exam_date"  # ISO date of the interview day or board exam
DAILY_BUDGET: Final = "daily_budget"  # cards a day the candidate means to study
MIN_VIEWS: Final = "plan_min_views"  # times each item should be seen before the exam date

DEFAULT_RETENTION: Final = 0.9
DEFAULT_BUDGET: Final = 50
DEFAULT_MIN_VIEWS: Final = 2


def retention(prefs: Mapping[str, Any]) -> float:
    value = prefs.get(RETENTION)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0.7 <= value <= 0.99:
        return float(value)
    return DEFAULT_RETENTION


def exam_date(prefs: Mapping[str, Any]) -> date | None:
    value = prefs.get(EXAM_DATE)
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _positive(prefs: Mapping[str, Any], key: str, default: int) -> int:
    value = prefs.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default


def daily_budget(prefs: Mapping[str, Any]) -> int:
    return _positive(prefs, DAILY_BUDGET, DEFAULT_BUDGET)


def min_views(prefs: Mapping[str, Any]) -> int:
    return _positive(prefs, MIN_VIEWS, DEFAULT_MIN_VIEWS)
