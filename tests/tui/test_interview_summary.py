"""The interview ends on a summary; short follow-up answers are pointed out."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.tui.conftest import screen_text
from tests.tui.test_interview_screen import start, type_text
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.interview_summary import InterviewSummaryScreen
from trainer.tui.screens.prompt_look import PromptLookScreen

TWO = Path(__file__).parent / "banks" / "two_prompts.yaml"


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_interview_ends_on_a_summary_and_reopens_a_prompts_feedback(make_app, store):
    app = make_app()
    async with app.run_test(size=(110, 50)) as pilot:
        await start(pilot, format_id="short")
        app.clock.advance(4)
        await pilot.press("enter")
        await type_text(pilot, "um a patient taught me the team matters")
        app.clock.advance(30)
        await pilot.press("ctrl+s")
        await type_text(pilot, "Uncertainty")
        app.clock.advance(6)
        await pilot.press("ctrl+s")
        assert "⚠ short: 1 word (a follow-up deserves a few sentences)" in screen_text(app)  # in the feedback
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewSummaryScreen)
        text = screen_text(app)
        assert "Interview finished: 1/1 prompts answered · key points 2/3 · average 67% · time 0:40" in text
        table = rows(app.screen.query_one("#summary-prompts", DataTable))
        assert table == [["1", "Why pain medicine?", "2/3", "67%", "0:40", "16", "1", "0"]]
        assert "Delivery: 16 words per minute · fillers: um ×1" in text
        assert "prompt 1, follow-up 1 (What is hardest about it?): short: 1 word" in text
        assert "• Procedures — missed in 1 prompt (1)" in text
        assert store.unfinished_session() is None  # finished and saved before the summary showed
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, PromptLookScreen)
        text = screen_text(app)
        assert "Key points covered: 2/3 (67%)" in text and "3. ✗ Procedures" in text
        assert "You said: Uncertainty" in text and "⚠ short: 1 word" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewSummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_ending_early_shows_the_summary_of_what_was_answered(make_app, store):
    app = make_app(banks=[TWO])
    async with app.run_test(size=(110, 50)) as pilot:
        await start(pilot, format_id="pair", seed=1)
        await pilot.press("enter")
        await type_text(pilot, "my patient and my team")  # covers either prompt's one key point
        app.clock.advance(10)
        await pilot.press("ctrl+s", "enter")  # feedback, then the second prompt
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, InterviewSummaryScreen)
        assert "Interview finished (ended early): 1/2 prompts answered" in screen_text(app)
        assert "Every key point covered. Well done." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_spoken_answers_show_the_pace_of_their_recording(make_app):
    from trainer.history.records import KeyPointVerdict
    from trainer.practice.delivery import SpokenDelivery
    from trainer.practice.summary import PromptLook, summarise_interview

    def look(position: int, words_per_minute: float, spoken: SpokenDelivery | None) -> PromptLook:
        verdict = (KeyPointVerdict("Team care", True, ("team",)),)
        return PromptLook(
            position, "b", f"q{position}", f"Prompt {position + 1}?", "the team", verdict, 40, words_per_minute,
            {}, 5.0, 60.0, 90.0, False, spoken=spoken,
        )  # fmt: skip

    aloud = SpokenDelivery(100, 40.0, 150.0, 2, 3.5, {}, 45.0, 90.0, "audio")
    summary = summarise_interview("iv", [look(0, 40.0, aloud), look(1, 80.0, None)], 2, "completed")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(InterviewSummaryScreen(summary))
        await pilot.pause()
        table = rows(app.screen.query_one("#summary-prompts", DataTable))
        assert [row[5] for row in table] == ["150 spoken", "80"]  # the recording's pace, not 40 words a minute
        text = screen_text(app)
        assert "Spoken (1 answer): 150 words per minute of speaking · pauses over 2 s: 2 (longest 3.5 s)" in text
        await pilot.press("1")  # the prompt re-read shows the recording's figures too
        await pilot.pause()
        assert isinstance(app.screen, PromptLookScreen)
        assert "Spoken: 150 words per minute over 0:40 of speaking · pauses over 2 s: 2 (longest 3.5 s)" in screen_text(
            app
        )
