"""The results list every item with its time, filtered; review pages through them."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.tui.conftest import screen_text, start_quiz
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.screens.review import ReviewItemScreen


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def _finished_exam(pilot):
    """An exam of the 3 knowledge items: 1 answered right, 1 flagged and unanswered, 1 wrong."""
    app = pilot.app
    screen = await start_quiz(pilot, None, mode="exam")
    for position in range(screen.session.view().total):
        view = screen.session.view()
        app.clock.advance(10 * (position + 1))
        if view.question.type == "numeric":
            screen.query_one("#numeric-input", Input).value = "45"
            await pilot.press("enter")  # the number field keeps ←/→ for itself
        else:
            await pilot.press("1" if view.question.id == "s1" else "f", "right")
    await pilot.press("escape", "y")
    await pilot.pause()
    assert isinstance(app.screen, ResultsScreen)
    return app.screen


async def test_results_list_every_item_with_its_time_and_filter_them(make_app, store):
    app = make_app()
    async with app.run_test(size=(110, 60)) as pilot:
        results = await _finished_exam(pilot)
        table = results.query_one("#results-items", DataTable)
        everything = rows(table)
        assert len(everything) == 3  # every item, not only the missed ones
        assert [r[3] for r in everything] == ["0:10", "0:20", "0:30"]  # time per item
        assert "a all (3)" in screen_text(app) and "Items: all (3)" in screen_text(app)
        results_by_position = {r[0]: r[1] for r in everything}
        await pilot.press("u")
        assert [r[1] for r in rows(table)] == ["unanswered"]
        assert "Items: unanswered (1)" in screen_text(app)
        await pilot.press("f")
        assert [r[2] for r in rows(table)] == ["⚑"]
        await pilot.press("t")
        assert rows(table) == [] and "No timed out items." in screen_text(app)
        await pilot.press("a")
        assert {r[0]: r[1] for r in rows(table)} == results_by_position


async def test_review_pages_through_the_filtered_items(make_app, store):
    app = make_app()
    async with app.run_test(size=(110, 60)) as pilot:
        results = await _finished_exam(pilot)
        await pilot.press("enter")  # the first item of all
        await pilot.pause()
        assert isinstance(app.screen, ReviewItemScreen)
        assert "Item 1/3 (question 1) · time 0:10" in screen_text(app)
        first_stem = str(app.screen.query_one("#stem").render())
        await pilot.press("right")
        await pilot.pause()
        assert "Item 2/3 (question 2) · time 0:20" in screen_text(app)
        assert str(app.screen.query_one("#stem").render()) != first_stem
        await pilot.press("right", "right")  # past the last: stays
        await pilot.pause()
        assert "Item 3/3 (question 3) · time 0:30" in screen_text(app)
        await pilot.press("left", "left")
        await pilot.pause()
        assert str(app.screen.query_one("#stem").render()) == first_stem
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is results
