"""The interview answer being typed is saved (at most every 2 s) and restored on resume."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from tests.tui.conftest import screen_text
from tests.tui.test_interview_screen import start, type_text
from trainer.practice.interview import Phase
from trainer.tui.screens.interview import InterviewScreen

TWO = Path(__file__).parent / "banks" / "two_prompts.yaml"


async def test_typing_is_saved_as_a_draft_at_most_every_two_seconds(make_app, store):
    app = make_app(banks=[TWO])
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start(pilot, format_id="pair", seed=1)
        session_id = screen.session.session_id
        assert store.draft(session_id) is None  # thinking: nothing typed
        await pilot.press("enter")
        assert store.draft(session_id).text == ""  # the answer phase started: on record at once
        app.clock.advance(1)
        await type_text(pilot, "my patient")
        assert store.draft(session_id).text == ""  # not 2 s since the last save yet
        app.clock.advance(1.5)
        screen.advance_timers()  # the next tick saves what was typed meanwhile
        draft = store.draft(session_id)
        assert draft.text == "my patient" and abs(draft.phase_used - 2.5) < 1e-9
        assert "draft saved: 2 words" in screen_text(app)
        await pilot.press("ctrl+s")
        assert store.draft(session_id) is None  # the answer replaced its draft


async def test_a_resumed_interview_continues_the_drafted_answer_with_its_time_charged(make_app, store):
    app = make_app(banks=[TWO])
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start(pilot, format_id="pair", seed=1)
        first = screen.session.view().question.id
        app.clock.advance(3)
        await pilot.press("enter")
        app.clock.advance(20)
        await type_text(pilot, "half an answer")  # "h" saved at once: the last save is 20 s old
        assert store.draft(screen.session.session_id).text == "h"
        await pilot.press("ctrl+q")  # quitting saves the rest
    app = make_app(banks=[TWO])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        view = app.screen.session.view()
        assert view.question.id == first and view.phase is Phase.ANSWER
        area = app.screen.query_one("#answer-area", TextArea)
        assert area.text == "half an answer" and app.focused is area
        assert "left 0:40" in screen_text(app)  # 60 s to answer, 20 s used before the crash
        await type_text(pilot, " done")
        await pilot.press("ctrl+s")
        main = next(a for a in store.load_session(app.screen.session.session_id).answers if a.probe_index is None)
        assert main.response == "half an answer done" and abs(main.time_spent - 23) < 1e-9
