"""Issue 13 ("Getting in the way"): the small things that slowed a candidate down, each driven
by keys through the real screens and checked on screen and in the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, TextArea

from tests.tui.conftest import TUI_BANK, screen_text, start_quiz
from trainer.practice.interview import Phase
from trainer.tui import flows
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.interview import InterviewScreen

LONG_OPTION = "Topical NSAID applied to the painful knee three or four times a day for two weeks before review"


def rendered_lines(widget) -> list[str]:
    """The widget's content lines as painted (text only, without the padding and trailing spaces)."""
    left = widget.styles.padding.left
    return [strip.text[left:].rstrip() for strip in widget.render_lines(whole(widget))]


def whole(widget) -> Region:
    return Region(0, 0, widget.outer_size.width, widget.outer_size.height)


def footer_keys(screen) -> dict[str, str]:
    """What the footer offers now: key -> description of every shown, enabled binding."""
    return {
        key: active.binding.description
        for key, active in screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


def long_option_bank(tmp_path: Path) -> Path:
    bank = tmp_path / "long.yaml"
    bank.write_text(TUI_BANK.read_text().replace("{id: a, text: Topical NSAID}", f"{{id: a, text: {LONG_OPTION}}}"))
    return bank


# --- 3. hanging indent --------------------------------------------------------------------


async def test_a_wrapped_option_continues_under_its_text_in_the_quiz_and_review(make_app, store, tmp_path):
    app = make_app(banks=[long_option_bank(tmp_path)])
    async with app.run_test(size=(60, 40)) as pilot:
        screen = await start_quiz(pilot, "t-single")
        first, *rest = rendered_lines(screen.query_one("#option-1"))
        assert first.startswith("  1. ( ) Topical NSAID") and rest, "the option should wrap at 60 columns"
        column = first.index("Topical")
        assert all(line[:column].strip() == "" and line[column] != " " for line in rest if line), rest
        assert " ".join(line.strip() for line in [first[column:], *rest]) == LONG_OPTION  # nothing cut
        await pilot.press("2", "enter", "enter", "y")  # wrong answer, then finish
        await pilot.pause()
        await pilot.press("enter")  # results -> the missed item in review
        await pilot.pause()
        option = next(w for w in app.screen.query(".option") if LONG_OPTION[:20] in str(w.render()))
        first, *rest = rendered_lines(option)
        assert first.startswith("→ 1. (a) Topical") and rest
        assert all(line.startswith(" " * first.index("Topical")) for line in rest if line)


# --- 4. references ------------------------------------------------------------------------


async def test_reference_addresses_are_links_on_their_own_lines(make_app, tmp_path):
    bank = tmp_path / "refs.yaml"
    url = "https://www.example.org/guidelines/a-very-long-path/that-would-not-fit-after-the-title.html"
    bank.write_text(
        TUI_BANK.read_text().replace(
            "{title: Guideline A, source: Society A, year: 2020, doi: 10.1000/a}",
            f"{{title: 'Guideline A [b]bold[/b]', source: Society A, year: 2020, doi: 10.1000/a, pmid: '123',"
            f" url: '{url}'}}",
        )
    )
    app = make_app(banks=[bank])
    async with app.run_test(size=(100, 50)) as pilot:
        screen = await start_quiz(pilot, "t-single")
        await pilot.press("1", "enter")
        references = screen.query_one("#references")
        lines = rendered_lines(references)
        assert lines[:5] == [
            "References",
            "• Guideline A [b]bold[/b]. Society A, 2020.",  # bank text stays literal
            "  doi:10.1000/a",
            "  PMID 123",
            f"  {url}",  # whole, on its own line
        ]
        links = {
            segment.style.link
            for strip in references.render_lines(whole(references))
            for segment in strip
            if segment.style and segment.style.link
        }
        assert links == {"https://doi.org/10.1000/a", "https://pubmed.ncbi.nlm.nih.gov/123/", url}


def test_only_a_plain_web_address_becomes_a_link():
    from trainer.tui.text import link

    assert link("x", "javascript:alert(1)").spans == []
    assert link("x", "https://a.example/\x1b]52;c;evil\x07").spans == []  # a terminal escape never reaches OSC 8
    (span,) = link("doi", "https://doi.org/10.1/x").spans
    assert span.style.link == "https://doi.org/10.1/x"


# --- 5, 6. footer and help follow the state -----------------------------------------------


async def test_the_interview_footer_offers_only_what_each_phase_allows(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        assert flows.start_interview(app, format_id="short")
        await pilot.pause()
        screen = app.screen
        assert footer_keys(screen)["enter"] == "Answer now" and "ctrl+s" not in footer_keys(screen)
        await pilot.press("enter")
        assert screen.session.phase is Phase.ANSWER
        await pilot.pause()
        assert footer_keys(screen)["ctrl+s"] == "Submit answer" and "enter" not in footer_keys(screen)
        await pilot.press("o", "k", "ctrl+s", "ctrl+s")  # answer, then the follow-up
        await pilot.pause()
        assert screen.session.phase is Phase.FEEDBACK
        assert footer_keys(screen)["enter"] == "Next prompt" and "ctrl+s" not in footer_keys(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.phase is Phase.FINISHED
        keys = footer_keys(screen)
        assert keys["enter"] == "Home" and "ctrl+s" not in keys and "Submit answer" not in keys.values()
        await pilot.press("f1")
        await pilot.pause()
        rows = [
            tuple(str(c) for c in app.screen.query_one(DataTable).get_row_at(i))
            for i in range(app.screen.query_one(DataTable).row_count)
        ]
        assert ("Enter / Esc", "Home") in rows and not any(d in ("Submit answer", "Answer now") for _, d in rows)
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert store.unfinished_session() is None


async def test_help_lists_each_key_once_and_the_nine_key_point_keys_as_one_row(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        assert flows.start_interview(app, format_id="short")
        await pilot.pause()
        await pilot.press("enter", "o", "k", "ctrl+s", "ctrl+s")  # to the feedback
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        keys = [key for key, _ in rows]
        assert len(keys) == len(set(keys)), rows
        assert ("1–9", "Flip a key point's verdict") in rows
        assert not any("key point 2" in description for _, description in rows)
        assert ("Ctrl+C / Super+C", "Copy selected text") in rows  # once, not once per key


# --- 8. typing during think time ----------------------------------------------------------


async def test_typing_while_thinking_starts_the_answer_and_keeps_every_keystroke(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        assert flows.start_interview(app, format_id="short")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.session.phase is Phase.THINK
        assert "Start typing or press Enter to answer now" in screen_text(app)
        await pilot.press("P", "a", "i", "n")
        await pilot.pause()
        area = screen.query_one("#answer-area", TextArea)
        assert screen.session.phase is Phase.ANSWER
        assert area.text == "Pain" and app.focused is area
        await pilot.press("space", "1")  # digits are text while answering, not key-point flips
        await pilot.press("ctrl+s")
        await pilot.pause()
        main = next(a for a in store.unfinished_session().answers if a.probe_index is None)
        assert main.response == "Pain 1"


# --- 1, 2, 9, 11. quiz setup ----------------------------------------------------------------


def visible_in(screen, widget) -> bool:
    """Whether ``widget`` is inside the part of the setup form the screen shows now."""
    body = screen.query_one("#setup-body")
    return body.region.contains_region(widget.region)


async def test_setup_errors_show_next_to_their_field_in_view_and_clear_when_fixed(make_app, store):
    from textual.widgets import Input

    from trainer.tui.screens.quiz import QuizScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#setup-count", Input).value = "zero"
        screen.query_one("#setup-seed", Input).value = "-1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        count_error = screen.query_one("#setup-count-error")
        assert "Number of questions: enter a whole number of at least 1" in str(count_error.render())
        assert "Seed: enter a whole number of at least 0" in str(screen.query_one("#setup-seed-error").render())
        # the first problem is on screen, under its field, and the field has the focus
        field = screen.query_one("#setup-count", Input)
        assert app.focused is field and visible_in(screen, count_error) and visible_in(screen, field)
        assert count_error.region.y > field.region.y
        await pilot.press("end", *["backspace"] * 4, "2")  # typing a valid number clears its problem at once
        await pilot.pause()
        assert not count_error.display and screen.query_one("#setup-seed-error").display
        screen.query_one("#setup-seed", Input).value = "7"
        await pilot.pause()
        assert not screen.query_one("#setup-seed-error").display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.session.view().total == 2
        assert store.get_preferences()["quiz_setup"]["count"] == 2


async def test_setup_says_under_the_bank_list_that_one_bank_is_needed(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        banks = screen.query_one("#setup-banks")
        banks.deselect_all()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = screen.query_one("#setup-banks-error")
        assert error.display and "Tick at least one bank" in str(error.render()) and visible_in(screen, error)
        banks.select_all()
        await pilot.pause()
        assert not error.display


async def test_an_unticked_box_is_empty_and_a_ticked_one_shows_a_tick(make_app):
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        banks = screen.query_one("#setup-banks")  # the test bank, ticked
        categories = screen.query_one("#setup-categories")  # none ticked
        ticked = banks.render_line(0).text
        unticked = categories.render_line(0).text
        assert "✓" in ticked and "X" not in ticked
        assert "▐ ▌" in unticked and "X" not in unticked and "✓" not in unticked
        mode = [str(b.render()) for b in screen.query("#setup-mode RadioButton")]
        assert mode[0].startswith("▐●▌") and mode[1].startswith("▐ ▌")  # tutor chosen, exam not


async def test_setup_times_are_seconds_and_a_review_of_flagged_items_is_offered_and_remembered(make_app, store):
    from textual.widgets import Input

    from trainer.tui.screens.quiz import QuizScreen

    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await start_quiz(pilot, "t-single")
        await pilot.press("f", "escape", "y")  # flag the question, end the quiz
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        text = screen_text(app)
        assert "Seconds per question (empty = untimed; 72 is the board exam's pace)" in text
        assert "Seconds for the whole quiz (empty = no limit)" in text and "minutes" not in text.lower()
        app.screen.query_one("#review-flagged").value = True
        app.screen.query_one("#setup-total-seconds", Input).value = "90"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen), [str(e.render()) for e in app.screen.query(".field-error")]
        view = app.screen.session.view()
        assert view.total == 1 and view.question.id == "s1"  # only the flagged question
        assert view.total_remaining == 90
        prefs = store.get_preferences()["quiz_setup"]
        assert prefs["review"] == "flagged" and prefs["total_seconds"] == 90
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.screen.query_one("#review-flagged").value is True
        assert app.screen.query_one("#setup-total-seconds", Input).value == "90"


async def test_setup_says_when_there_is_nothing_missed_to_review(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#review-missed").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#setup-review-error")
        assert "Nothing missed yet" in str(error.render()) and visible_in(app.screen, error)


async def test_minutes_remembered_by_an_older_version_become_seconds(make_app, store):
    from textual.widgets import Input

    store.set_preferences({"quiz_setup": {"count": 3, "mode": "tutor", "total_minutes": 2}})
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#setup-total-seconds", Input).value == "120"


# --- 9. one timing default --------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, limit",
    [((), 72), (("--time-per-question", "30"), 30), (("--untimed",), None)],
    ids=["default", "given", "untimed"],
)
async def test_a_quiz_from_the_command_line_is_timed_at_the_board_pace_unless_told(make_app, argv, limit):
    from tests.cli.test_quiz_timing import start_request
    from trainer.tui.screens.quiz import QuizScreen

    app = make_app(start=start_request("--count", "2", "--seed", "1", *argv))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.view().question_limit == limit
        shown = str(app.screen.query_one("#countdown").render())
        expected = "left" if limit is None else f"left {limit // 60}:{limit % 60:02d}"
        assert (expected in shown) is (limit is not None)


# --- 11. interview setup ----------------------------------------------------------------------


async def test_interview_setup_offers_categories_count_and_times_and_remembers_them(make_app, store):
    from textual.widgets import Input, OptionList

    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        formats = screen.query_one("#interview-formats", OptionList)
        formats.highlighted = formats.get_option_index("__quick__")
        screen.query_one("#interview-categories").select("talk")
        screen.query_one("#interview-answer", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = screen.query_one("#interview-answer-error")
        assert "Seconds to answer: enter a whole number of at least 1" in str(error.render())
        assert app.focused is screen.query_one("#interview-answer")
        screen.query_one("#interview-answer", Input).value = "40"
        screen.query_one("#interview-think", Input).value = "5"
        screen.query_one("#interview-count", Input).value = "1"
        await pilot.pause()
        assert not error.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        view = app.screen.session.view()
        assert view.total == 1 and view.question.category == "talk" and view.remaining == 5
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.view().remaining == 40
        assert store.get_preferences()["interview_setup"] == {
            "format": "__quick__",
            "categories": ["talk"],
            "count": 1,
            "think": 5,
            "answer": 40,
        }
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#interview-formats", OptionList).highlighted_option.id == "__quick__"
        assert list(screen.query_one("#interview-categories").selected) == ["talk"]
        assert [screen.query_one(f"#interview-{name}", Input).value for name in ("count", "think", "answer")] == [
            "1",
            "5",
            "40",
        ]


# --- 10. which question this is -----------------------------------------------------------------


async def test_quiz_review_and_interview_show_the_bank_and_question_id(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quiz(pilot, "t-single")
        ref = screen.query_one("#question-ref")
        assert str(ref.render()) == "tui · s1" and ref.region.width > 0
        assert screen.query_one("#countdown").region.x > ref.region.x  # the clock keeps its place
        await pilot.press("2", "enter", "enter", "y")
        await pilot.pause()
        await pilot.press("enter")  # results -> review of the missed item
        await pilot.pause()
        assert str(app.screen.query_one("#question-ref").render()) == "tui · s1"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert flows.start_interview(app, format_id="short")
        await pilot.pause()
        assert str(app.screen.query_one("#question-ref").render()) == "tui · o1"


# --- 12. first run --------------------------------------------------------------------------------


async def test_the_first_run_tip_shows_once_until_hidden_and_names_the_data_folder(make_app, store):
    app = make_app(first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tip = app.screen.query_one("#first-run-tip")
        text = " ".join(str(tip.render()).split())
        assert "Tutor mode" in text and "exam mode" in text and "spaced repetition says is due today" in text
        assert str(store.path.parent) in text
        # The tip names its key (the footer leaves it out so Banks, Quit and Help fit in 60 columns); help lists it.
        assert "Press x to hide this tip." in text
        assert ("x", "Hide tip") in [(key, description) for key, description, _, _ in app.keys_of(app.screen)]
        await pilot.press("x")
        await pilot.pause()
        assert not app.screen.query("#first-run-tip")
        assert "Hide tip" not in [description for _, description, _, _ in app.keys_of(app.screen)]
        assert store.get_preferences()["home_tip_dismissed"] is True
    again = make_app(first_run=True)  # the same history: hidden for good
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not again.screen.query("#first-run-tip")


async def test_tests_see_home_as_a_returning_user_does(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not app.screen.query("#first-run-tip")


async def test_while_thinking_the_page_keys_still_scroll_the_prompt(make_app):
    app = make_app()
    async with app.run_test(size=(60, 12)) as pilot:  # too small for the case, prompt and box
        assert flows.start_interview(app, format_id="short")
        await pilot.pause()
        screen = app.screen
        body = screen.query_one("#interview-body")
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        assert screen.session.phase is Phase.THINK and screen.query_one("#answer-area", TextArea).text == ""
