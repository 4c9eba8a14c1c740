"""Ordering and extended-matching questions on the quiz and review screens: keys pressed,
what the screen shows, and what the history store holds."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.widgets import Input, Static

from tests.tui.conftest import screen_text, start_quiz
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.screens.review import ReviewItemScreen

NEW_TYPES = Path(__file__).parent / "banks" / "new_types.yaml"


def painted(app) -> str:
    """What the screen's text widgets paint (tables included), as plain text."""
    lines = []
    for widget in app.screen.query(Static):
        if widget.display and widget.parent is not None and widget.parent.display and widget.outer_size.height:
            region = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
            lines += [strip.text.rstrip() for strip in widget.render_lines(region)]
    return "\n".join(lines)


def stored(store, session_id):
    return store.load_session(session_id).answers


def displayed_ids(screen) -> list[str]:
    return [o.id for o in screen.session.view().options]


async def test_ordering_in_tutor_mode_places_steps_then_shows_both_orders(make_app, store):
    app = make_app(banks=[NEW_TYPES])
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "t-ordering")
        shown = displayed_ids(screen)
        key = ["one", "two", "three"]
        presses = [str(shown.index(step) + 1) for step in key]  # the right order, by displayed number
        await pilot.press(presses[1])
        assert "Your order: " + presses[1] in screen_text(app) and "1 of 3 placed" in screen_text(app)
        await pilot.press("enter")  # an order half placed is not an answer
        assert "Place every step: 1 of 3 placed" in screen_text(app)
        assert stored(store, screen.session.session_id) == []
        await pilot.press(presses[1])  # take it out again
        assert "0 of 3 placed" in screen_text(app)
        wrong = [presses[1], presses[0], presses[2]]
        await pilot.press(*wrong, "enter")
        text = painted(app)
        assert "Incorrect" in text
        assert "Correct order" in text and "Your order" in text
        assert "Non-opioid" in text and "Weak opioid" in text
        [record] = stored(store, screen.session.session_id)
        assert record.question_type == "ordering"
        assert record.response == ["two", "one", "three"] and record.correct is False and record.score == 0.0


async def test_ordering_right_order_is_correct_and_stored(make_app, store):
    app = make_app(banks=[NEW_TYPES])
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "t-ordering")
        shown = displayed_ids(screen)
        await pilot.press(*[str(shown.index(s) + 1) for s in ("one", "two", "three")], "enter")
        assert "Correct" in screen_text(app) and "Incorrect" not in screen_text(app)
        [record] = stored(store, screen.session.session_id)
        assert record.response == ["one", "two", "three"] and record.correct is True and record.score == 1.0


async def test_extended_matching_stems_are_items_of_their_own(make_app, store):
    app = make_app(banks=[NEW_TYPES])
    async with app.run_test(size=(100, 50)) as pilot:
        screen = await start_quiz(pilot, "t-emq")
        assert screen.session.view().total == 2  # one item per stem
        first = screen.session.view().question
        assert "Theme: Stopping antithrombotics" in screen_text(app)
        assert "E. 7 days" in painted(app) and "F. 10 days" in painted(app)
        field = screen.query_one("#matching-input", Input)
        assert app.focused is field
        field.value = "z"
        await pilot.press("enter")
        assert "is not an option: type a letter from A to F" in screen_text(app)
        assert stored(store, screen.session.session_id) == []
        answers = {"holds.clopidogrel": "e", "holds.apixaban": "b"}  # 7 days right; 24 hours wrong
        feedback = {
            "holds.clopidogrel": ("Correct", "Answer: E. 7 days"),
            "holds.apixaban": ("Incorrect", "You answered: B. 24 hours"),
        }
        field.value = answers[first.id]
        await pilot.press("enter")
        assert all(line in screen_text(app) for line in feedback[first.id])
        await pilot.press("enter")  # on to the next stem
        second = screen.session.view().question
        assert second.id != first.id
        screen.query_one("#matching-input", Input).value = answers[second.id]
        await pilot.press("enter")
        assert all(line in screen_text(app) for line in feedback[second.id])
        records = {r.question_id: r for r in stored(store, screen.session.session_id)}
        assert set(records) == {"holds.clopidogrel", "holds.apixaban"}
        assert records["holds.clopidogrel"].response == "d7" and records["holds.clopidogrel"].correct is True
        assert records["holds.apixaban"].response == "h24" and records["holds.apixaban"].correct is False
        assert {r.question_type for r in records.values()} == {"extended_matching"}


async def test_review_shows_the_ordering_table_and_the_lettered_options(make_app, store):
    app = make_app(banks=[NEW_TYPES])
    async with app.run_test(size=(110, 60)) as pilot:
        screen = await start_quiz(pilot, None, mode="exam")
        for _ in range(screen.session.view().total):
            view = screen.session.view()
            if view.entry == "text":
                screen.query_one("#matching-input", Input).value = "a"
                await pilot.press("enter")
            else:
                shown = [o.id for o in view.options]
                await pilot.press(*[str(shown.index(s) + 1) for s in ("three", "two", "one")], "right")
        await pilot.pause()
        if not isinstance(app.screen, ConfirmScreen):  # the last Enter asks to submit by itself
            await pilot.press("escape")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")  # the first item of the results list
        await pilot.pause()
        items = app.screen.items
        assert isinstance(app.screen, ReviewItemScreen)
        for _ in items:
            text = painted(app)
            if app.screen.item.question.type == "ordering":
                assert "Correct order" in text and "Strong opioid" in text and "Incorrect" in text
            else:
                assert "A. " in text and "(h12)" in text and "Incorrect" in text
            await pilot.press("right")
            await pilot.pause()
        answers = stored(store, screen.session.session_id)
        assert {a.question_type for a in answers} == {"ordering", "extended_matching"}
        assert all(a.correct is False for a in answers if a.correct is not None)
