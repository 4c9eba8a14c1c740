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
        # one session (two would tie on the fixed wall time and list in random-id order)
        flows.start_quiz(
            pilot.app, SelectionSpec(tags=("h-single", "h-plain"), seed=1), QuizSettings(ask_confidence=True)
        )
        await pilot.pause()
        for _ in range(2):
            if pilot.app.screen.session.view().question.id == "hs1":
                await pilot.press("2", "enter", "3", "3", "enter")  # wrong at 90%, a reasoning error
            else:
                await pilot.press("1", "enter", "1", "enter")  # right at 40%
            await pilot.pause()
        await pilot.press("escape")  # the submit dialog: keep the session unfinished
        await pilot.pause()
        from trainer.tui.screens.progress import ProgressScreen

        pilot.app.push_screen(ProgressScreen())
        await pilot.pause()

    # tall enough to show the whole self-knowledge section without scrolling (a scroll
    # position is not reproducible in a picture)
    assert snap_compare(make_app(banks=[HARM_BANK]), terminal_size=(120, 72), run_before=run_before)
