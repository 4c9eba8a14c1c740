"""Builders for app tests: fixed banks, a temporary history store, a fake clock."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from trainer.banks import BankSource, load_all
from trainer.history.store import Store
from trainer.practice.clock import FakeClock
from trainer.tui.app import QuizStart, StartRequest, TrainerApp
from trainer.tui.screens.home import TIP_PREFERENCE

TUI_BANK = Path(__file__).parent / "banks" / "tui.yaml"
WALL = 1_750_000_000.0  # a fixed "now" for records and screens


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def make_app(store):
    """``make_app(start=..., banks=[paths])`` -> an app with a FakeClock at ``app.clock``."""

    def make(
        start: StartRequest | None = None,
        banks: list[Path] | None = None,
        bundled: bool = False,
        first_run: bool = False,
    ) -> TrainerApp:
        """``bundled=True`` shows "bundled" instead of the bank's path (which differs per checkout).

        The home screen's first-run tip shows only with ``first_run=True``: as for someone who
        has used the trainer before, it is dismissed, so snapshots and screen texts leave it out.
        """
        if not first_run:
            store.set_preferences({TIP_PREFERENCE: True})
        catalog = load_all(BankSource(p, bundled=bundled) for p in (banks or [TUI_BANK]))
        return TrainerApp(catalog, store, clock=FakeClock(), wall=lambda: WALL, start=start, tick_seconds=3600)

    return make


def quiz(count: int = 3, mode: Literal["tutor", "exam"] = "tutor", seed: int = 1) -> StartRequest:
    return QuizStart(count=count, mode=mode, seed=seed)


async def start_quiz(pilot, tag: str | tuple | None = None, mode: str = "tutor", **settings):
    """Open a quiz of the test bank's questions with these tags (seed 1) and return its screen."""
    from trainer.practice.quiz import QuizSettings
    from trainer.practice.selection import SelectionSpec
    from trainer.tui import flows
    from trainer.tui.screens.quiz import QuizScreen

    tags = (tag,) if isinstance(tag, str) else (tag or ())
    assert flows.start_quiz(pilot.app, SelectionSpec(tags=tags, seed=1), QuizSettings(mode=mode, **settings))
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuizScreen)
    return pilot.app.screen


def saved_answers(store) -> list:
    """The answers of the session still in progress, as the store holds them."""
    found = store.unfinished_session()
    return [] if found is None else list(found.answers)


def screen_text(app) -> str:
    """Everything the current screen shows, as plain text (for assertions)."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query(Static):
        if widget.display and widget.parent is not None and widget.parent.display:
            parts.append(str(widget.render()))
    return "\n".join(parts)
