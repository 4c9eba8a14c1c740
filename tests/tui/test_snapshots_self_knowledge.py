"""How the self-knowledge states look: "how sure?" before the reveal, a dangerous error with
its reason and the miss-reason keys, and the progress screen's calibration section.
Update with ``pytest --snapshot-update``."""

from __future__ import annotations

from pathlib import Path

from trainer.practice.quiz import QuizSettings
from trainer.practice.selection import SelectionSpec
from trainer.tui import flows

SMALL = (80, 24)
LARGE = (120, 40)
HARM_BANK = Path(__file__).parent / "banks" / "harm.yaml"


def start_quiz(tag: str, **settings):
    async def run_before(pilot) -> None:
        flows.start_quiz(pilot.app, SelectionSpec(tags=(tag,), seed=1), QuizSettings(**settings))
        await pilot.pause()

    return run_before


def test_quiz_asks_how_sure_before_the_reveal(snap_compare, make_app):
    assert snap_compare(
        make_app(), terminal_size=SMALL, press=["2", "enter"], run_before=start_quiz("t-single", ask_confidence=True)
    )


def test_quiz_dangerous_error_with_its_reason(snap_compare, make_app):
    assert snap_compare(
        make_app(banks=[HARM_BANK]),
        terminal_size=LARGE,
        press=["2", "enter", "3"],
        run_before=start_quiz("h-single", ask_confidence=True),
    )


def test_progress_with_calibration(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await start_quiz("h-single", ask_confidence=True)(pilot)
        await pilot.press("2", "enter", "3", "3")
        await start_quiz("h-plain", ask_confidence=True)(pilot)
        await pilot.press("1", "enter", "1")
        await pilot.pause()
        from trainer.tui.screens.progress import ProgressScreen

        pilot.app.push_screen(ProgressScreen())
        await pilot.pause()
        body = pilot.app.screen.query_one("#progress-body")
        body.scroll_to_widget(pilot.app.screen.query_one("#calibration-line"), animate=False, top=True)
        await pilot.pause()

    assert snap_compare(make_app(banks=[HARM_BANK]), terminal_size=LARGE, run_before=run_before)
