"""Days as the candidate lives them (local time): "due today" means due before local midnight."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta


def local_date(at: float) -> date:
    return datetime.fromtimestamp(at).date()


def day_start(day: date) -> float:
    """Unix seconds of local midnight at the start of ``day``."""
    return time.mktime((day.year, day.month, day.day, 0, 0, 0, 0, 0, -1))


def end_of_day(at: float) -> float:
    """Unix seconds of the local midnight ending the day of ``at``."""
    return day_start(local_date(at) + timedelta(days=1))
