"""How each screen looks, at 80x24 (the smallest supported terminal) and 120x40, in the dark
and light themes; the home, quiz-feedback and interview-feedback screens also with NO_COLOR set
and in a 16-colour terminal (TERM=linux). Data is fixed (the TUI test bank, a frozen clock, a fixed wall time), so
the pictures only change when the looks do. Update with ``pytest --snapshot-update``."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.conftest import quiz
from trainer.practice.quiz import QuizSettings
from trainer.practice.selection import SelectionSpec
from trainer.tui import flows

SMALL = (80, 24)
LARGE = (120, 40)


def start_quiz(tag: str, **settings):
    async def run_before(pilot) -> None:
        flows.start_quiz(pilot.app, SelectionSpec(tags=(tag,), seed=1), QuizSettings(**settings))
        await pilot.pause()

    return run_before


def test_home_small(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL)


def test_home_large(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=LARGE)


def test_quiz_question_with_case_and_countdown(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=start_quiz("t-single", question_seconds=72))


def test_quiz_tutor_feedback(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=LARGE, press=["2", "enter"], run_before=start_quiz("t-single"))


def test_quiz_select_all_feedback_small(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL, press=["1", "2", "enter"], run_before=start_quiz("t-multiple"))


def test_quiz_numeric_with_an_unparsable_answer(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await start_quiz("t-numeric")(pilot)
        pilot.app.screen.query_one("#numeric-input", Input).cursor_blink = False  # no blink state in the picture
        pilot.app.screen.query_one("#numeric-input", Input).value = "abc"
        await pilot.press("enter")

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_quiz_light_theme(snap_compare, make_app):
    async def run_before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await start_quiz("t-single", question_seconds=30)(pilot)
        pilot.app.clock.advance(25)  # the last 10 seconds: the countdown turns urgent
        pilot.app.screen.advance_timers()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_results_small(snap_compare, make_app):
    assert snap_compare(make_app(start=quiz(count=3)), terminal_size=SMALL, press=["escape", "y"])


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_interview_feedback(snap_compare, make_app, size):
    async def run_before(pilot) -> None:
        flows.start_interview(pilot.app, format_id="short")
        await pilot.pause()
        await pilot.press("enter", *"patient", "space", *"team", "ctrl+s", *"ok", "ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_interview_thinking(snap_compare, make_app):
    async def run_before(pilot) -> None:
        flows.start_interview(pilot.app, format_id="short")
        await pilot.pause()
        area = pilot.app.screen.query_one("#answer-area")
        for _ in range(20):  # the answer box takes focus (and the footer then offers F1 for help)
            await pilot.pause()
            if area.has_focus:
                break
        # The cursor shown, not blinking: the picture must not depend on when it is taken. Textual
        # keeps lines drawn without the cursor in a cache; notify_style_update clears it.
        area.cursor_blink = False
        area.notify_style_update()
        area.refresh()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_banks_small(snap_compare, make_app):
    assert snap_compare(make_app(bundled=True), terminal_size=SMALL, press=["b"])


def test_help_on_the_quiz(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL, press=["f1"], run_before=start_quiz("t-single"))


def test_progress_after_one_quiz(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await start_quiz("t-single")(pilot)
        await pilot.press("1", "enter", "enter", "y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=LARGE, press=["p"], run_before=run_before)


def test_interview_summary(snap_compare, make_app):
    async def run_before(pilot) -> None:
        flows.start_interview(pilot.app, format_id="short")
        await pilot.pause()
        await pilot.press("enter", *"um", "space", *"patient", "space", *"team")
        pilot.app.clock.advance(20)
        await pilot.press("ctrl+s", *"ok", "ctrl+s", "enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=LARGE, run_before=run_before)


NEW_TYPES = __import__("pathlib").Path(__file__).parent / "banks" / "new_types.yaml"


def test_quiz_ordering_feedback_shows_both_orders(snap_compare, make_app):
    assert snap_compare(
        make_app(banks=[NEW_TYPES]),
        terminal_size=LARGE,
        press=["1", "2", "3", "enter"],
        run_before=start_quiz("t-ordering"),
    )


def test_quiz_extended_matching_stem_small(snap_compare, make_app):
    assert snap_compare(make_app(banks=[NEW_TYPES]), terminal_size=SMALL, run_before=start_quiz("t-emq"))


# --- NO_COLOR and 16 colours (issue 23): the three main screens as such terminals draw them ---

TERMINALS = {
    "no-colour": {"NO_COLOR": "1"},  # Textual greys every colour: contrast must hold in grey
    "16-colours": {"TERM": "linux", "COLORTERM": None},  # the trainer-16 ANSI theme
}


def _terminal(monkeypatch, name: str) -> None:
    for variable, value in TERMINALS[name].items():
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)


async def _interview_feedback(pilot) -> None:
    flows.start_interview(pilot.app, format_id="short")
    await pilot.pause()
    await pilot.press("enter", *"patient", "space", *"team", "ctrl+s", *"ok", "ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
def test_home_in_other_terminals(snap_compare, make_app, monkeypatch, terminal):
    _terminal(monkeypatch, terminal)
    assert snap_compare(make_app(), terminal_size=SMALL)


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
def test_quiz_feedback_in_other_terminals(snap_compare, make_app, monkeypatch, terminal):
    _terminal(monkeypatch, terminal)
    assert snap_compare(make_app(), terminal_size=SMALL, press=["2", "enter"], run_before=start_quiz("t-single"))


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
def test_interview_feedback_in_other_terminals(snap_compare, make_app, monkeypatch, terminal):
    _terminal(monkeypatch, terminal)
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=_interview_feedback)


def _studied(store, app) -> None:
    """Three past answers a few days back (one missed) and an exam three weeks away."""
    from datetime import timedelta

    from tests.history.helpers import answer, session
    from tests.tui.conftest import WALL
    from trainer.study.calendar import local_date

    hashes = app.catalog.content_hashes
    for n, (question, correct, days) in enumerate((("s1", False, 3), ("m1", True, 9), ("n1", True, 2))):
        at = WALL - days * 86400
        store.start_session(session(f"past{n}", n=1, bank="tui", started_at=at))
        store.record_answer(
            answer(
                f"past{n}",
                0,
                bank="tui",
                question=question,
                correct=correct,
                at=at,
                content_hash=hashes[("tui", question)],
            )
        )
    store.set_preferences({"exam_date": (local_date(WALL) + timedelta(days=21)).isoformat(), "daily_budget": 1})


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_exam_plan(snap_compare, make_app, store, size):
    app = make_app()
    _studied(store, app)
    assert snap_compare(app, terminal_size=size, press=["e"])


def test_review_session_small(snap_compare, make_app, store):
    app = make_app()
    _studied(store, app)
    assert snap_compare(app, terminal_size=SMALL, press=["r"])
