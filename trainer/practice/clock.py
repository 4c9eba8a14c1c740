"""Time for sessions, injected so every timer can be tested without sleeping.

Sessions read two kinds of time:

* a ``Clock`` (monotonic seconds) for everything measured: time spent on a question,
  countdowns, time-outs. ``SystemClock`` in the app, ``FakeClock`` in tests.
* a wall-clock callable (``WallClock``, default ``time.time``) only for the unix timestamps
  written into records (``started_at``, ``answered_at``), so records are deterministic in
  tests too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

WallClock = Callable[[], float]


class Clock(Protocol):
    def now(self) -> float:
        """Monotonic seconds; only differences between readings mean anything."""
        ...


class SystemClock:
    """The real monotonic clock (immune to wall-clock jumps)."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to: ``advance(seconds)``."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        self._now += seconds
