"""Countdown: the screens own the timer and the session owns the time; this only shows it."""

from __future__ import annotations

from textual.widgets import Static

from trainer.durations import format_duration

URGENT_SECONDS = 10


def format_seconds(seconds: float) -> str:
    """Time as the screens show it: rounded up, so 0:00 is shown only when time is really out."""
    return format_duration(seconds, round_up=True)


class Countdown(Static):
    """Remaining time; turns urgent (the .urgent class) in the last ten seconds."""

    def show(self, remaining: float | None, total_remaining: float | None = None, running: bool = True) -> None:
        parts = []
        if remaining is not None:
            parts.append(f"left {format_seconds(remaining)}")
        if total_remaining is not None:
            parts.append(f"total {format_seconds(total_remaining)}")
        self.update("  ".join(parts))
        shown = [r for r in (remaining, total_remaining) if r is not None]
        self.set_class(running and bool(shown) and min(shown) <= URGENT_SECONDS, "urgent")
