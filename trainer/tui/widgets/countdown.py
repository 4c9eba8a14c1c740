"""Countdown text: the screens own the timer; this only says how the time reads."""

from __future__ import annotations

import math


def format_seconds(seconds: float) -> str:
    """0:42, 12:05, 1:02:03 — rounded up so 0:00 is shown only when time is really out."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
