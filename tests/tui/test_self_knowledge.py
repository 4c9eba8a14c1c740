"""Confidence before the reveal, why a miss happened, dangerous errors: keys pressed, then
what the screen shows and what the history store holds."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import TUI_BANK, saved_answers, screen_text, start_quiz
from trainer.tui import flows
from trainer.tui.screens.progress import ProgressScreen

HARM_BANK = Path(__file__).parent / "banks" / "harm.yaml"


async def test_confidence_is_asked_after_choosing_and_stored_with_the_answer(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-single", ask_confidence=True)
        await pilot.press("2", "enter")
        text = screen_text(app)
        assert "How sure are you?  1 low (40%) · 2 medium (70%) · 3 high (90%)" in text
        assert "Incorrect" not in text and saved_answers(store) == []  # nothing revealed or stored yet
        await pilot.press("3")  # high: submits
        text = screen_text(app)
        assert "Incorrect" in text and "You said you were 90% sure." in text
        assert "How sure are you?" not in text
        (answer,) = saved_answers(store)
        assert (answer.response, answer.correct, answer.confidence) == ("b", False, 0.9)


async def test_zero_answers_without_saying_how_sure(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-single", ask_confidence=True)
        await pilot.press("0")  # not asked yet: the digit is no option, nothing happens
        assert saved_answers(store) == []
        await pilot.press("2", "enter")
        assert "0: rather not say" in screen_text(app)
        await pilot.press("0")
        text = screen_text(app)
        assert "Incorrect" in text and "How sure are you?" not in text and "You said you were" not in text
        (answer,) = saved_answers(store)
        assert (answer.response, answer.correct, answer.confidence) == ("b", False, None)


async def test_a_typed_percentage_is_a_confidence_too(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_quiz(pilot, "t-single", ask_confidence=True)
        await pilot.press("1", "enter", "p")
        field = screen.query_one("#confidence-input")
        assert field.display and app.focused is field
        await pilot.press("1", "5", "0", "enter")
        assert "A confidence is a percentage from 0 to 100" in screen_text(app)
        field.value = ""
        await pilot.press("6", "5", "%", "enter")
        assert "Correct" in screen_text(app) and "You said you were 65% sure." in screen_text(app)
        (answer,) = saved_answers(store)
        assert answer.confidence == 0.65 and answer.correct is True


async def test_numeric_answer_keeps_its_number_while_confidence_keys_are_pressed(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-numeric", ask_confidence=True)
        await pilot.press("4", "5", "enter")
        assert "How sure are you?" in screen_text(app)
        await pilot.press("2")
        (answer,) = saved_answers(store)
        assert (answer.response, answer.correct, answer.confidence) == (45.0, True, 0.7)


async def test_without_the_setting_nothing_is_asked(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-single")
        await pilot.press("1", "enter")
        assert "Correct" in screen_text(app) and "How sure" not in screen_text(app)
        (answer,) = saved_answers(store)
        assert answer.confidence is None


async def test_one_key_tags_why_a_wrong_answer_was_missed(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-single")
        await pilot.press("2", "enter")
        text = screen_text(app)
        assert "Why was it missed?  1 knowledge gap · 2 misread the question · 3 reasoning error" in text
        await pilot.press("2")
        assert "Tagged: misread the question." in screen_text(app)
        (answer,) = saved_answers(store)
        assert (answer.correct, answer.miss_reason) == (False, "misread")
        await pilot.press("3")  # changed its mind: the latest wins, on the same answer
        (answer,) = saved_answers(store)
        assert answer.miss_reason == "reasoning" and answer.response == "b"


async def test_a_right_answer_offers_no_miss_reason(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-single")
        await pilot.press("1", "enter", "2")
        assert "Why was it missed?" not in screen_text(app)
        (answer,) = saved_answers(store)
        assert answer.miss_reason is None and answer.response == "a"


async def test_a_time_out_tags_the_miss_as_out_of_time(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_quiz(pilot, "t-single", question_seconds=30)
        await pilot.press("2")
        app.clock.advance(31)
        screen.advance_timers()
        await pilot.pause()
        assert "Tagged: ran out of time." in screen_text(app)
        (answer,) = saved_answers(store)
        assert (answer.timed_out, answer.correct, answer.miss_reason) == (True, False, "time")


async def test_exam_review_tags_misses_after_the_end(make_app, store):
    from trainer.tui.screens.results import ResultsScreen
    from trainer.tui.screens.review import ReviewItemScreen

    app = make_app()
    async with app.run_test(size=(110, 60)) as pilot:
        screen = await start_quiz(pilot, "t-single", mode="exam")
        session_id = screen.session.session_id
        await pilot.press("2", "escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")  # review the item
        await pilot.pause()
        assert isinstance(app.screen, ReviewItemScreen)
        assert "Why was it missed?  1 knowledge gap" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "Tagged: knowledge gap." in screen_text(app)
        (answer,) = store.load_session(session_id).answers
        assert (answer.correct, answer.miss_reason) == (False, "knowledge")


async def test_a_dangerous_option_is_shown_as_a_dangerous_error_and_counted(make_app, store):
    app = make_app(banks=[HARM_BANK])
    async with app.run_test() as pilot:
        screen = await start_quiz(pilot, "h-single")
        await pilot.press("2", "enter")
        text = screen_text(app)
        assert "Incorrect: a DANGEROUS error" in text
        assert (
            "Why it is dangerous:\nMME is not for conversions; methadone at the calculated dose risks overdose." in text
        )
        assert screen.query_one("#feedback").has_class("dangerous")
        (answer,) = saved_answers(store)
        assert (answer.correct, answer.dangerous) == (False, True)


async def test_a_value_in_the_dangerous_range_is_a_dangerous_error_and_a_near_miss_is_not(make_app, store):
    app = make_app(banks=[HARM_BANK])
    async with app.run_test() as pilot:
        await start_quiz(pilot, "h-numeric")
        await pilot.press("2", "4", "enter")
        assert "Incorrect: a DANGEROUS error" in screen_text(app)
        assert "Under half the true MME hides the overdose risk." in screen_text(app)
        (answer,) = saved_answers(store)
        assert answer.dangerous is True
    async with make_app(banks=[HARM_BANK]).run_test() as pilot:
        await start_quiz(pilot, "h-numeric")
        await pilot.press("1", "0", "0", "enter")
        text = screen_text(pilot.app)
        assert "Incorrect" in text and "DANGEROUS" not in text


async def test_review_missed_brings_the_dangerous_item_back_first(make_app, store, monkeypatch):
    app = make_app(banks=[HARM_BANK])
    async with app.run_test() as pilot:
        await start_quiz(pilot, ("h-single", "h-plain", "h-numeric"))
        screen = app.screen
        for _ in range(3):  # answer every item wrong, the dangerous option where there is one
            q = screen.session.view().question
            keys = {"hs1": ("2",), "hs2": ("2",), "hn1": ("1", "0", "0")}[q.id]
            await pilot.press(*keys, "enter", "enter")
        await pilot.pause()
    for seed in range(5):  # whatever the shuffle
        monkeypatch.setattr("trainer.practice.selection.new_seed", lambda seed=seed: seed)
        app = make_app(banks=[HARM_BANK])
        async with app.run_test() as pilot:
            await pilot.pause()
            assert flows.review(app, "missed")  # Review missed (quiz setup, `quiz --review missed`)
            await pilot.pause()
            assert app.screen.session.view().question.id == "hs1"  # the dangerous miss first
            assert store.load_session(app.screen.session.session_id).session.plan[0].question_id == "hs1"
            assert {p.question_id for p in app.screen.session.record.plan} == {"hs1", "hs2", "hn1"}
            app.screen.session.end_early()


async def test_progress_shows_calibration_misses_by_reason_and_dangerous_errors(make_app, store):
    app = make_app(banks=[HARM_BANK, TUI_BANK])
    async with app.run_test() as pilot:
        await start_quiz(pilot, "h-single", ask_confidence=True)
        await pilot.press("2", "enter", "3", "3")  # wrong at 90%, a reasoning error
        await start_quiz(pilot, "t-single", ask_confidence=True)
        await pilot.press("1", "enter", "1")  # right at 40%
        app.push_screen(ProgressScreen())
        await pilot.pause()
        text = screen_text(app)
        # Brier: ((0.9 - 0)^2 + (0.4 - 1)^2) / 2 = (0.81 + 0.36) / 2 = 0.585
        assert "2 answers with a stated confidence · 50% right · Brier score 0.585" in text
        bins = app.screen.query_one("#calibration-bins")
        rows = [[str(c) for c in bins.get_row_at(i)] for i in range(bins.row_count)]
        assert rows == [["40-60%", "1", "40%", "100%", "+60"], ["80-100%", "1", "90%", "0%", "-90"]]
        wrong = app.screen.query_one("#confidently-wrong")
        assert [str(c) for c in wrong.get_row_at(0)][:3] == ["harm · hs1", "Pharmacology", "90%"]
        reasons = app.screen.query_one("#miss-reasons")
        assert [str(c) for c in reasons.get_row_at(0)] == ["Pharmacology", "0", "0", "1", "0", "0", "1"]
        assert "1 dangerous error: Pharmacology 1" in text


async def test_results_count_the_dangerous_errors_and_mark_the_item(make_app, store):
    from trainer.tui.screens.results import ResultsScreen

    app = make_app(banks=[HARM_BANK])
    async with app.run_test(size=(110, 60)) as pilot:
        await start_quiz(pilot, "h-single", mode="exam")
        await pilot.press("2", "escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "DANGEROUS errors 1" in screen_text(app)
        table = app.screen.query_one("#results-items")
        assert "missed, dangerous" in [str(c) for c in table.get_row_at(0)]


async def test_quiz_setup_remembers_asking_for_confidence_and_review_quizzes_follow_it(make_app, store):
    from textual.widgets import SelectionList

    from trainer.tui import flows
    from trainer.tui.screens.quiz import QuizScreen

    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        ticks = app.screen.query_one("#setup-confidence", SelectionList)
        assert ticks.selected == []  # off until chosen
        ticks.select("ask")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.session.settings.ask_confidence
        assert store.get_preferences()["quiz_setup"]["confidence"] is True
        assert app.screen.session.record.settings["ask_confidence"] is True
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#setup-confidence", SelectionList).selected == ["ask"]
        assert flows.asks_confidence(app) is True


async def test_exam_mode_asks_on_enter_records_the_confidence_and_goes_on(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_quiz(pilot, ("t-single", "t-multiple"), mode="exam", ask_confidence=True)
        first = screen.session.view().question.id
        await pilot.press("1")
        (chosen,) = saved_answers(store)
        assert chosen.confidence is None  # an exam choice is recorded at once, as before
        await pilot.press("enter")
        assert "How sure are you?" in screen_text(app) and screen.session.view().position == 0
        await pilot.press("1")  # low
        assert screen.session.view().position == 1  # and on to the next item
        (rated,) = [a for a in saved_answers(store) if a.question_id == first]
        assert (rated.response, rated.confidence, rated.correct) == (chosen.response, 0.4, None)
