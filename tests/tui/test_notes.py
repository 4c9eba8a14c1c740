"""`n` notes a problem with an item: in the quiz, in review and in interview feedback."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.tui.conftest import WALL, screen_text, start_quiz
from tests.tui.test_interview_screen import start, type_text
from trainer.tui.screens.note import NoteScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.screens.review import ReviewItemScreen


async def _write(pilot, text: str, key: str = "enter") -> None:
    assert isinstance(pilot.app.screen, NoteScreen)
    await pilot.press(*[("space" if c == " " else c) for c in text], key)
    await pilot.pause()


async def test_n_in_the_quiz_saves_a_note_about_the_item_shown(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "t-single")
        question = screen.session.view().question
        await pilot.press("n")
        await pilot.pause()
        await _write(pilot, "option b is defensible")
        assert app.screen is screen
        (note,) = store.notes()
        assert (note.bank_id, note.question_id, note.content_hash) == ("tui", "s1", question.content_hash)
        assert (note.text, note.session_id, note.position, note.created_at) == (
            "option b is defensible",
            screen.session.session_id,
            0,
            WALL,
        )
        assert any("Note saved" in n.message for n in app._notifications)


async def test_escape_or_an_empty_note_saves_nothing(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start_quiz(pilot, "t-single")
        await pilot.press("n")
        await pilot.pause()
        await _write(pilot, "never mind", key="escape")
        await pilot.press("n")
        await pilot.pause()
        await _write(pilot, "   ")
        assert store.notes() == []


async def test_n_in_review_saves_a_note_and_review_shows_the_items_notes(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await start_quiz(pilot, "t-single")
        await pilot.press("2", "enter", "enter", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewItemScreen)
        assert "Your notes on this item" not in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await _write(pilot, "reference is from 2016")
        assert isinstance(app.screen, ReviewItemScreen)
        assert "✎ reference is from 2016" in screen_text(app)
        assert [n.text for n in store.notes(item=("tui", "s1"))] == ["reference is from 2016"]


async def test_n_in_interview_feedback_notes_the_prompt_but_types_while_answering(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start(pilot, format_id="short")
        await pilot.press("enter")
        await type_text(pilot, "no")  # n is a letter while answering
        assert screen.query_one("#answer-area", TextArea).text == "no" and store.notes() == []
        await pilot.press("ctrl+s")
        await type_text(pilot, "fine")
        await pilot.press("ctrl+s")
        await pilot.press("n")
        await pilot.pause()
        await _write(pilot, "the model answer is thin")
        (note,) = store.notes()
        assert (note.question_id, note.text, note.position) == ("o1", "the model answer is thin", 0)
