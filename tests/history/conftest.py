"""History tests run in a fixed time zone (weeks are local), switchable per test."""

from __future__ import annotations

import time

import pytest


@pytest.fixture(autouse=True)
def set_tz(monkeypatch):
    """UTC unless a test calls the returned function with a POSIX TZ string ("XXX-1" = UTC+1)."""

    def set_(tz: str) -> None:
        monkeypatch.setenv("TZ", tz)
        time.tzset()

    set_("UTC0")
    yield set_
    monkeypatch.undo()
    time.tzset()
