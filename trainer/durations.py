"""Durations as people read them — 0:42, 12:05, 1:02:03 — for the TUI and the history command."""

from __future__ import annotations

import math


def format_duration(seconds: float, round_up: bool = False) -> str:
    """``round_up`` suits countdowns: 0:00 is shown only when the time is really out."""
    whole = max(0, math.ceil(seconds - 1e-9) if round_up else int(round(seconds)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
