"""Quiz flows driven by keys: what the screen shows and what the history store holds."""

from __future__ import annotations

from textual.widgets import Input, Markdown

from tests.tui.conftest import quiz, saved_answers, screen_text, start_quiz
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.screens.review import ReviewItemScreen


async def test_tutor_single_answer_shows_feedback_and_is_stored_at_once(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-single")
        text = screen_text(app)
        assert "1/1" in text and "Pharmacology" in text and "Difficulty 1" in text
        assert "Knee pain\nA 68-year-old with knee osteoarthritis." in text  # the case above the stem
        assert "1. ( ) Topical NSAID" in text
        await pilot.press("1")
        assert "1. (•) Topical NSAID" in screen_text(app)
        assert saved_answers(store) == []  # a tutor-mode choice is a draft until submitted
        await pilot.press("enter")
        text = screen_text(app)
        assert "Correct\nAnswer: 1. Topical NSAID" in text
        assert "• Guideline A. Society A, 2020.\ndoi:10.1000/a" in text  # the address on its own line
        assert "**Topical** first." in app.screen.query_one("#explanation", Markdown).source
        (answer,) = saved_answers(store)
        assert (answer.question_id, answer.response, answer.correct, answer.score) == ("s1", "a", True, 1.0)


async def test_multiple_choice_toggles_and_gives_feedback_per_option(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-multiple")
        await pilot.press("1", "2", "2", "enter")  # 2 toggled on then off: only 1 chosen
        text = screen_text(app)
        assert "Incorrect" in text
        # feedback names each option's bank id too, as explanations do
        assert "✓ 1. [x] (a) Spinal cord stimulator trial" in text
        assert "  2. [ ] (b) Trigger point injection" in text
        assert "→ 3. [ ] (c) Intrathecal pump implant" in text  # missed
        (answer,) = saved_answers(store)
        assert (answer.response, answer.correct) == (["a"], False)


async def test_numeric_input_rejects_text_then_scores_a_number_with_its_unit(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, "t-numeric")
        assert "MME/day" in screen_text(app)
        assert app.focused is app.screen.query_one("#numeric-input", Input)
        await pilot.press("a", "b", "c", "enter")
        assert "not a number" in screen_text(app).lower()
        assert saved_answers(store) == []
        app.screen.query_one("#numeric-input", Input).value = ""
        await pilot.press("4", "5", ",", "2", "enter")
        assert "Correct" in screen_text(app)
        (answer,) = saved_answers(store)
        assert answer.response == 45.2 and answer.correct is True


async def test_countdown_turns_urgent_in_the_last_ten_seconds_and_times_out(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_quiz(pilot, "t-single", question_seconds=30)
        assert "left 0:30" in screen_text(app)
        app.clock.advance(21)
        screen.advance_timers()
        await pilot.pause()
        countdown = screen.query_one("#countdown")
        assert "left 0:09" in str(countdown.render()) and countdown.has_class("urgent")
        app.clock.advance(10)
        screen.advance_timers()
        await pilot.pause()
        (answer,) = saved_answers(store)  # stored as timed out, unanswered, time as measured
        assert answer.timed_out and answer.response is None and answer.time_spent == 31
        assert "Time ran out: unanswered" in screen_text(app)


async def test_exam_mode_goes_back_changes_an_answer_and_scores_at_the_end(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, ("t-single", "t-multiple"), mode="exam")
        first = screen.session.view().question
        await pilot.press("1")  # exam mode records a choice at once (not scored yet)
        assert [a.correct for a in saved_answers(store)] == [None]
        assert screen.query_one("#feedback").display is False  # no feedback before the end
        await pilot.press("right", "left")
        assert screen.session.view().question == first
        await pilot.press("1", "2")  # single: now option 2; multiple: 1 off, 2 on
        latest = {a.position: a for a in saved_answers(store)}
        assert latest[0].question_id == first.id and latest[0].response in ("b", ["b"])
        await pilot.press("escape", "y")  # end the exam early; the other item is unanswered
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "Score 0%: 0 correct of 1 answered" in text and "unanswered 1" in text
        stored = store.load_session(app.screen.results.session_id)
        assert [a.correct for a in stored.answers if a.position == 0] == [False]  # scored at the end


async def test_flag_finish_and_open_a_missed_item_in_review(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start_quiz(pilot, "t-single")
        await pilot.press("f")
        assert "⚑ flagged" in screen_text(app)
        assert saved_answers(store)[-1].flagged is True
        await pilot.press("2", "enter", "enter", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Score 0%: 0 correct of 1 answered" in screen_text(app)
        await pilot.press("enter")  # opens the highlighted missed item
        await pilot.pause()
        assert isinstance(app.screen, ReviewItemScreen)
        text = screen_text(app)
        assert "Right answer: 1. Topical NSAID" in text and "Your answer: 2. Oral opioid" in text
        assert "→ 1. (a) Topical NSAID" in text and "✗ 2. (b) Oral opioid" in text
        assert "Options as the bank labels them" not in text  # the ids stand next to the options
        assert "Guideline A" in text


async def test_retry_missed_starts_a_quiz_of_just_those(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start_quiz(pilot, None)
        for _ in range(3):
            await pilot.press("3")  # option 3 is wrong for s1 and m1 (both shuffle: false)
            screen = app.screen
            if isinstance(screen, QuizScreen) and screen.session.view().question.type == "numeric":
                screen.query_one("#numeric-input", Input).value = "1"
            await pilot.press("enter", "enter")
            if not isinstance(app.screen, QuizScreen):
                break
        assert isinstance(app.screen, ConfirmScreen)  # the last "enter" asks to submit
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        missed = [i.key for i in app.screen.results.items if i.score.correct is not True]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        retried = [item.question.key for item in app.screen.session._items]
        assert retried == missed


async def test_escape_asks_before_ending_and_no_keeps_the_quiz(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, None)
        await pilot.press("escape")
        await pilot.press("n")
        assert isinstance(app.screen, QuizScreen)


async def test_quitting_mid_quiz_keeps_every_answer_and_the_session_resumes(make_app, store):
    app = make_app(start=quiz(count=3))
    async with app.run_test() as pilot:
        await pilot.pause()
        first = app.screen.session.view().question
        if first.type == "numeric":
            app.screen.query_one("#numeric-input", Input).value = "45"
        else:
            await pilot.press("1")
        await pilot.press("enter")
        await pilot.press("ctrl+q")
    resumed = store.unfinished_session()
    assert resumed is not None and len(resumed.answers) == 1
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Unfinished quiz" in screen_text(app) and "1 of 3 answered" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.view().position == 1


async def test_ticks_redraw_the_clock_but_not_the_explanation(make_app, store, monkeypatch):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_quiz(pilot, ("t-single", "t-multiple"), question_seconds=60, total_seconds=600)
        await pilot.press("1", "enter")  # tutor feedback is on screen, the next item still open
        explanation = screen.query_one("#explanation", Markdown)
        clock = screen.query_one("#countdown")
        assert "total 10:00" in str(clock.render())
        redraws = []
        monkeypatch.setattr(explanation, "update", lambda *a: redraws.append(a))
        app.clock.advance(5)
        screen.advance_timers()
        await pilot.pause()
        assert "total 9:55" in str(clock.render())  # the clock did redraw, with the new time
        assert redraws == [] and screen.query_one("#feedback").display


async def test_nothing_is_focused_by_itself_and_page_down_scrolls_the_body(make_app):
    app = make_app()
    async with app.run_test(size=(60, 14)) as pilot:
        screen = await start_quiz(pilot, "t-single")
        assert app.focused is None  # arrow keys and 1-9 belong to the screen
        await pilot.press("1", "enter")  # feedback makes the body taller than the screen (and comes into view)
        await pilot.pause()
        body = screen.query_one("#quiz-body")
        await pilot.press("pageup")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0


def test_option_prefix_shows_the_bank_id_only_when_asked():
    from trainer.tui.screens.quiz import option_prefix

    assert option_prefix(2, "✗", "(•)", "b") == "✗ 2. (•) (b) "
    assert option_prefix(1, " ", "[ ]") == "  1. [ ] "  # while answering: no id
    assert option_prefix(3, "→", bank_id="c") == "→ 3. (c) "  # review: no choice box


def _notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_exam_number_typed_but_not_submitted_is_recorded_at_time_out_and_the_screen_says_so(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_quiz(pilot, "t-numeric", mode="exam", question_seconds=30)
        await pilot.press("4", "5")  # typed, never submitted
        app.clock.advance(30)
        screen.advance_timers()
        await pilot.pause()
        (answer,) = saved_answers(store)
        assert answer.question_id == "n1" and answer.timed_out and answer.response == 45.0
        assert "Time is up for question 1: your answer was recorded." in _notices(app)
        assert screen.session.view().locked
        assert "Time is up for this question: your answer then is recorded." in screen_text(app)  # stays said


async def test_a_keystroke_after_the_limit_stores_the_time_out_it_triggers(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_quiz(pilot, "t-numeric", mode="tutor", question_seconds=30)
        await pilot.press("4")
        app.clock.advance(31)
        await pilot.press("5")  # no tick yet: this keystroke is what notices the time-out
        await pilot.pause()
        (answer,) = saved_answers(store)
        assert answer.timed_out and answer.response == 4.0 and answer.correct is False
        assert "Time is up for question 1: your answer was recorded." in _notices(app)
        assert "Incorrect (time ran out; what you had entered was recorded)" in screen_text(app)
        assert screen.session.view().locked and screen.session.view().timed_out


async def test_retry_missed_is_not_offered_when_nothing_was_missed(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start_quiz(pilot, "t-single")  # s1 alone, shuffle off: option 1 is right
        await pilot.press("1", "enter", "enter")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("y")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and app.screen.results.retry_keys() == ()
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.enabled and b.binding.show}
        assert "Retry missed" not in shown and "Home" in shown
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)  # nothing to retry: r does nothing
