"""Home, setup, banks, help and progress screens."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.tui.conftest import TUI_BANK, screen_text, start_quiz
from trainer.tui.screens.banks import BanksScreen
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.interview import InterviewScreen
from trainer.tui.screens.interview_setup import InterviewSetupScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.screens.quiz_setup import QuizSetupScreen


def table_rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_home_shows_loaded_banks_and_opens_each_screen_by_key(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "1 bank, 4 questions loaded" in text and "TUI test bank (4)" in text
        for key, screen_type in (
            ("s", QuizSetupScreen),
            ("i", InterviewSetupScreen),
            ("b", BanksScreen),
            ("p", ProgressScreen),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


async def test_review_missed_says_when_there_is_nothing_and_counts_due_items(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Review (0 due today)" in str(app.screen.query_one("#home-menu").get_option_at_index(2).prompt)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Nothing is due today" in n.message for n in app._notifications)


async def test_quiz_setup_validates_input_and_remembers_the_last_choices(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#setup-question-seconds", Input).value == "72"  # the board exam's pace
        screen.query_one("#setup-count", Input).value = "zero"
        await pilot.press("ctrl+s")
        assert "Number of questions: enter a whole number" in screen_text(app)
        screen.query_one("#setup-count", Input).value = "2"
        screen.query_one("#setup-question-seconds", Input).value = "40"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        view = app.screen.session.view()
        assert view.total == 2 and view.question_limit == 40
        assert store.get_preferences()["quiz_setup"]["count"] == 2
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("escape")  # results -> home
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#setup-count", Input).value == "2"
        assert app.screen.query_one("#setup-question-seconds", Input).value == "40"


async def test_interview_setup_lists_formats_and_starts_one(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert "Short interview: 1 prompts, 20 s to think, 60 s to answer, with probes" in str(
            app.screen.query_one("#interview-formats").get_option_at_index(0).prompt
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)


async def test_banks_screen_lists_counts_and_shows_an_invalid_bank_with_positions(make_app, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(TUI_BANK.read_text().replace("id: tui\n", "id: other\n").replace("answer: a\n", "answer: z\n"))
    app = make_app(banks=[TUI_BANK, broken])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        rows = table_rows(app.screen.query_one("#banks-table", DataTable))
        assert rows == [
            ["TUI test bank", "1.0.0", "4", "1", "1", "1", "0", "0", "1", str(TUI_BANK)]
        ]  # one column per type
        text = screen_text(app)
        assert "Invalid banks (not loaded)" in text
        assert f"{broken}:41:13: error: answer 'z' is not one of the options (a, b, c) [at /questions/0/answer]" in text


async def test_help_lists_the_keys_of_the_current_screen(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("f1")  # "?" would type into a focused number field
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = table_rows(app.screen.query_one("#help-keys", DataTable))
        keys = {tuple(row) for row in rows}
        assert len(rows) == len(keys)  # no row twice
        assert not any(key in ("1", "9") for key, _ in rows)  # one row for the nine option keys
        for expected in (
            ("1–9", "Choose an option"),
            ("Enter", "Submit / next"),
            ("f", "Flag"),
            ("←", "Previous"),
            ("→", "Next"),
            ("Esc", "End quiz"),
            ("Ctrl+Q / F10", "Quit"),
            ("? / F1", "This help"),
        ):
            assert expected in keys, expected
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("question_mark")  # on screens without a text field "?" works
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("r", "Retry missed") in {tuple(r) for r in table_rows(app.screen.query_one("#help-keys", DataTable))}


async def test_progress_shows_sessions_and_weak_areas_after_a_quiz(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        for _ in range(3):
            screen = app.screen
            if screen.session.view().question.type == "numeric":
                screen.query_one("#numeric-input", Input).value = "45"
            else:
                await pilot.press("2")
            await pilot.press("enter", "enter")
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        sessions = table_rows(app.screen.query_one("#progress-sessions", DataTable))
        assert len(sessions) == 1 and sessions[0][1:3] == ["quiz", "tutor"] and sessions[0][5] == "3/3"
        weak = table_rows(app.screen.query_one("#progress-weak", DataTable))
        assert weak == []  # one or two answers per area: too few to rank
        text = screen_text(app)
        assert "3 answers scored" in text and "not ranked yet" in text and "No weak area to show." in text


async def test_discarding_an_unfinished_session_asks_first(make_app, store):
    from tests.tui.conftest import quiz

    app = make_app(start=quiz(count=2))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert store.unfinished_session() is not None
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert store.unfinished_session() is not None
        await pilot.press("d", "y")
        await pilot.pause()
        assert store.unfinished_session() is None
        assert "Unfinished" not in screen_text(app)


async def test_command_palette_offers_the_screen_keys(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Help", "Start quiz", "Interview", "Review what is due today", "Progress", "Banks", "Exam plan"} <= set(
            titles
        )
        banks = next(c for c in app.get_system_commands(app.screen) if c.title == "Banks")
        await banks.callback()
        await pilot.pause()
        assert isinstance(app.screen, BanksScreen)


async def test_the_collector_paused_for_start_up_resumes_after_the_first_paint(make_app):
    """The command line pauses garbage collection while starting; the app must turn it back on
    (with the start-up objects frozen), or a long session would never collect cycles."""
    import gc

    app = make_app()
    gc.disable()
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


async def test_home_counts_are_refreshed_when_coming_back(make_app, store):
    from trainer.tui.screens.results import ResultsScreen

    def review_entry() -> str:
        return str(app.screen.query_one("#home-menu").get_option("review").prompt)

    from tests.history.helpers import answer, session
    from tests.tui.conftest import WALL

    app = make_app()
    missed_at = WALL - 3 * 86400  # missed three days ago: due again today
    store.start_session(session("before", n=1, bank="tui", started_at=missed_at))
    s1 = app.catalog.content_hashes[("tui", "s1")]
    store.record_answer(answer("before", 0, bank="tui", question="s1", correct=False, at=missed_at, content_hash=s1))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "Review (1 due today)" in review_entry()
        await start_quiz(pilot, "t-single")
        await pilot.press("1", "enter", "enter", "y")  # the right answer this time, then finish
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        for _ in range(3):  # results, then home: a screen that never lets go fails, not hangs
            if isinstance(app.screen, HomeScreen):
                break
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen), app.screen
        assert "Review (0 due today)" in review_entry()  # it comes back in days now


async def test_progress_ranks_only_areas_with_enough_answers_explains_the_bound_and_charts_interviews(make_app, store):
    from tests.history.helpers import answer, interview, session
    from trainer.history.records import AnswerRecord
    from trainer.tui.screens.progress import INTERVIEW_SERIES, chart_series

    t = 1_750_000_000.0
    store.start_session(session("q", n=16, started_at=t))
    for i in range(6):  # Pharmacology 2/6: weak
        store.record_answer(
            answer(
                "q",
                i,
                bank="tui",
                category="pharm",
                question=f"p{i}",
                correct=i < 2,
                at=t + i,
                tags=("once",) if i == 0 else (),
            )
        )
    for i in range(6, 16):  # Procedures 10/10: perfect, never weak
        store.record_answer(answer("q", i, bank="tui", category="proc", question=f"r{i}", correct=True, at=t + i))
    store.start_session(session("iv", n=1, kind="interview", mode="interview", started_at=t))
    store.record_answer(
        AnswerRecord("iv", 0, "tui", "o1", "h-o1", "open", "talk", 2, (), "text", None, 0.5, 60, False, t + 100),
        interview("iv", 0, covered=(True, False)),
    )
    app = make_app()
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        weak = table_rows(app.screen.query_one("#progress-weak", DataTable))
        assert weak == [["Pharmacology", "category", "2", "6", "33%", "10%"]]
        text = screen_text(app)
        assert "Areas with at least 5 scored answers, below 90% accuracy" in text
        assert "1 area has fewer than 5 answers and is not ranked yet." in text  # the tag tried once
        assert "Likely at least: the 95% lower bound of your accuracy;" in text
        series = chart_series(app.screen._stats, app.screen._category_titles())
        labels = [line.label for line in series]
        assert "Pharmacology" in labels and "Procedures" in labels  # whole, never cut
        (coverage,) = [line for line in series if line.label == INTERVIEW_SERIES]
        assert coverage.percents == (50,)
