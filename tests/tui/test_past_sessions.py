"""Past sessions open from the progress screen: each item re-read as stored."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.tui.conftest import WALL, screen_text, start_quiz
from tests.tui.test_interview_screen import start, type_text
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.past_session import PastSessionScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.prompt_look import PromptLookScreen
from trainer.tui.screens.review import ReviewItemScreen


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def _home(pilot) -> None:
    while not isinstance(pilot.app.screen, HomeScreen):
        await pilot.press("escape")
        await pilot.pause()


async def _interview(pilot, text: str) -> None:
    await start(pilot, format_id="short")
    await pilot.press("enter")
    await type_text(pilot, text)
    pilot.app.clock.advance(20)
    await pilot.press("ctrl+s")
    await type_text(pilot, "ok")
    await pilot.press("ctrl+s", "enter")
    await pilot.pause()
    await _home(pilot)


async def test_a_past_quiz_opens_from_progress_and_shows_each_item_as_stored(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await start_quiz(pilot, "t-single")
        app.clock.advance(7)
        await pilot.press("2", "enter", "enter", "y")  # wrong, then finish
        await pilot.pause()
        await _home(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("enter")  # the newest session
        await pilot.pause()
        assert isinstance(app.screen, PastSessionScreen)
        assert rows(app.screen.query_one("#past-items", DataTable)) == [
            ["1", "missed", "0:07", "", "", "Which is first line?"]
        ]
        assert "Quiz · tutor" in screen_text(app) and "finished · 1/1 answered" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewItemScreen)
        text = screen_text(app)
        assert "Incorrect" in text and "Your answer: 2. Oral opioid" in text and "Guideline A" in text


async def test_a_past_interview_prompt_shows_its_feedback_and_every_answer_to_it(make_app, store):
    import itertools

    app = make_app()
    app.wall = itertools.count(WALL, 100).__next__  # the two interviews in a known order
    async with app.run_test(size=(120, 60)) as pilot:
        await _interview(pilot, "a patient story")
        await _interview(pilot, "a patient taught me the team matters")
        await pilot.press("p")
        await pilot.pause()
        sessions = rows(app.screen.query_one("#progress-sessions", DataTable))
        assert [r[1] for r in sessions] == ["interview", "interview"]
        await pilot.press("down", "enter")  # the older one
        await pilot.pause()
        assert isinstance(app.screen, PastSessionScreen)
        assert rows(app.screen.query_one("#past-items", DataTable))[0][:2] == ["1", "1/3 covered"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptLookScreen)
        text = screen_text(app)
        assert "Key points covered: 1/3 (33%)" in text and "a patient story" in text
        assert "You said: ok" in text and "⚠ short: 1 word" in text
        attempts = rows(app.screen.query_one("#look-attempts", DataTable))
        assert [r[1] for r in attempts] == ["1/3", "2/3"] and attempts[0][0].endswith("◀")  # this one marked
        assert attempts[1][4] == "a patient taught me the team matters"
