"""Issue 23: readable in any terminal. A 60x20 window (every footer key there, the banks list
scrolls, the feedback comes into view), a 200x60 one (reading text stops at 100 columns),
16-colour terminals and NO_COLOR (the theme and filter chosen), the theme remembered across
restarts, and ASCII marks where the output encoding cannot carry ✓ ✗ →."""

from __future__ import annotations

import io
import sys

import pytest
from textual.filter import Monochrome, NoColor

from tests.tui.conftest import TUI_BANK, screen_text, start_quiz
from tests.tui.test_polish import LONG_OPTION, long_option_bank, rendered_lines
from trainer.banks import BankSource, load_all
from trainer.paths import bundled_banks_dir
from trainer.practice.clock import FakeClock
from trainer.tui import flows, glyphs, themes
from trainer.tui.app import TrainerApp
from trainer.tui.screens.banks import BanksScreen
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.home import TIP_PREFERENCE
from trainer.tui.screens.quiz import QuizScreen

SMALL = (60, 20)


def footer_row(app) -> str:
    """The footer as painted: the last row of the screen."""
    return app.screen._compositor.render_strips()[-1].text


def visible_rows(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.fixture
def restore_glyphs():
    yield
    glyphs.use(glyphs.UNICODE)


# --- 60x20 -----------------------------------------------------------------------------------


async def test_at_60x20_the_home_banks_scroll_with_a_bar_and_banks_quit_help_are_in_the_footer(store, tmp_path):
    store.set_preferences({TIP_PREFERENCE: None})  # first run: the tip is shown as well
    sources = [BankSource(path, bundled=True) for path in sorted(bundled_banks_dir().glob("*.yaml"))]
    catalog = load_all([*sources, BankSource(TUI_BANK)])  # six banks, as in the report
    assert len(catalog.banks) >= 6
    app = TrainerApp(catalog, store, clock=FakeClock(), wall=lambda: 1_750_000_000.0, tick_seconds=3600)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        row = footer_row(app)
        for shown in ("s Start quiz", "b Banks", "^q Quit", "? Help"):
            assert shown in row, row
        banks = app.screen.query_one("#home-more")
        assert banks.max_scroll_y > 0 and banks.show_vertical_scrollbar  # more banks than rows: a bar says so
        last_bank = catalog.banks[-1].title
        assert not any(last_bank in line for line in visible_rows(app))
        banks.scroll_end(animate=False)
        await pilot.pause()
        assert any(last_bank in line for line in visible_rows(app))
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BanksScreen)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_at_60x20_every_quiz_key_is_in_the_footer_and_the_feedback_comes_into_view(make_app, store):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await start_quiz(pilot, ("t-single", "t-multiple"))
        row = footer_row(app)
        for shown in ("⏎ Submit", "←→ Move", "f Flag", "s Skip", "esc End", "^q Quit", "? Help"):
            assert shown in row, row
        assert "^p" not in row  # the palette's key gives way below 80 columns (Ctrl+P still opens it)
        body = screen.query_one("#quiz-body")
        verdict = screen.query_one("#verdict")
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.pause()
        assert store.unfinished_session().answers[0].response is not None  # the answer is saved
        assert body.scroll_y > 0  # it scrolled...
        assert verdict.region.y >= body.region.y and verdict.region.bottom <= body.region.bottom  # ...to the verdict
        rows = visible_rows(app)
        assert any("Incorrect" in line for line in rows) and any("Answer: " in line for line in rows)


async def test_at_60x20_the_interview_keys_and_its_feedback_are_reachable(make_app, store):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        flows.start_interview(app, format_id="short")
        await pilot.pause()
        await pilot.press("enter", *"patient", "space", *"team")
        row = footer_row(app)
        for shown in ("^s Submit answer", "esc End interview", "^q Quit", "f1 Help"):  # "?" is typed here
            assert shown in row, row
        await pilot.press("ctrl+s", *"ok", "ctrl+s")
        await pilot.pause()
        assert [a.probe_index for a in store.unfinished_session().answers] == [None, 0]  # both saved
        rows = visible_rows(app)
        assert any("Key points covered" in line for line in rows), rows
        row = footer_row(app)
        for shown in ("⏎ Next prompt", "esc End interview", "^q Quit", "? Help"):
            assert shown in row, row


async def test_at_60x20_a_wrapped_option_keeps_its_hanging_indent_after_answering(make_app, tmp_path):
    app = make_app(banks=[long_option_bank(tmp_path)])
    async with app.run_test(size=SMALL) as pilot:
        screen = await start_quiz(pilot, "t-single")
        await pilot.press("1", "enter")
        await pilot.pause()
        first, *rest = rendered_lines(screen.query_one("#option-1"))
        assert first.startswith("✓ 1. (•) (a) Topical") and rest
        column = first.index("Topical")
        assert all(line[:column].strip() == "" and line[column] != " " for line in rest if line), rest
        assert " ".join(line.strip() for line in [first[column:], *rest]) == LONG_OPTION


# --- 200x60 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("selector", ["#stem", "#options", "#feedback", "#case-text"])
async def test_at_200x60_reading_text_stops_at_100_columns(make_app, selector):
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await start_quiz(pilot, "t-single")
        await pilot.press("2", "enter")
        await pilot.pause()
        assert screen.query_one("#quiz-body").region.width > 150
        assert screen.query_one(selector).region.width == 100


# --- themes, 16 colours, NO_COLOR ------------------------------------------------------------


async def test_the_chosen_theme_is_remembered_across_restarts(make_app, store):
    app = make_app()
    async with app.run_test() as pilot:
        assert app.theme == themes.DARK
        app.theme = themes.LIGHT  # what choosing it in the command palette does
        await pilot.pause()
    assert store.get_preferences()[themes.THEME_PREFERENCE] == themes.LIGHT
    again = make_app()  # a new start on the same history
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == themes.LIGHT and not again.current_theme.dark


async def test_starting_in_the_remembered_theme_writes_nothing(make_app, store, monkeypatch):
    store.set_preferences({themes.THEME_PREFERENCE: themes.LIGHT})
    writes = []
    real = store.set_preferences
    monkeypatch.setattr(store, "set_preferences", lambda values: (writes.append(values), real(values)))
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == themes.LIGHT
    assert [w for w in writes if themes.THEME_PREFERENCE in w] == []


async def test_a_16_colour_terminal_gets_the_ansi_theme_and_keeps_the_preference_for_full_colour(
    make_app, store, monkeypatch
):
    store.set_preferences({themes.THEME_PREFERENCE: themes.LIGHT})
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == themes.SIXTEEN_LIGHT and app.native_ansi_color
        app.theme = themes.SIXTEEN_DARK
        await pilot.pause()
    assert store.get_preferences()[themes.THEME_PREFERENCE] == themes.DARK  # not the 16-colour name
    monkeypatch.setenv("COLORTERM", "truecolor")
    async with make_app().run_test() as pilot:
        assert pilot.app.theme == themes.DARK


@pytest.mark.parametrize(("term", "expected"), [("linux", NoColor), ("xterm-256color", Monochrome)])
async def test_no_color_resets_ansi_colours_and_greys_full_colours(make_app, monkeypatch, term, expected):
    """In 16 colours NO_COLOR must reset to the terminal's own colours: turning ANSI colours
    grey (Textual's filter for full colour) drew black on black."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", term)
    if term == "linux":
        monkeypatch.delenv("COLORTERM")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert any(isinstance(f, expected) for f in app.get_line_filters())


def test_readable_raises_only_the_colours_below_the_target():
    variables = {
        "background": "#E0E0E0",
        "surface": "#D8D8D8",
        "panel": "#D0D0D0",
        "footer-background": "#D0D0D0",
        "text-warning": "#A86D1C",
        "text-primary": "#002040",
        "footer-key-foreground": "ansi_red",
    }
    fixed = themes.readable(variables, dark=False)
    grounds = [themes.Color.parse(variables[g]) for g in themes.GROUNDS]
    warning = themes.Color.parse(fixed["text-warning"])
    assert min(themes.contrast(warning, g) for g in grounds) >= themes.TARGET
    assert fixed["text-primary"] == "#002040" and fixed["footer-key-foreground"] == "ansi_red"  # left alone


# --- glyphs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "table"),
    [
        ("utf-8", glyphs.UNICODE),
        ("UTF-16", glyphs.UNICODE),
        ("latin-1", glyphs.ASCII),
        ("ascii", glyphs.ASCII),
        ("cp1252", glyphs.ASCII),
        (None, glyphs.ASCII),
        ("no-such-codec", glyphs.ASCII),
    ],
)
def test_marks_fall_back_to_ascii_when_the_encoding_cannot_carry_them(encoding, table):
    assert glyphs.for_encoding(encoding) is table


def test_ascii_marks_are_ascii_and_tell_each_verdict_apart():
    marks = [glyphs.ASCII.correct, glyphs.ASCII.wrong, glyphs.ASCII.missed]
    assert all(m.isascii() and len(m) == 1 for m in vars(glyphs.ASCII).values())
    assert len(set(marks)) == 3


async def test_a_latin1_terminal_gets_ascii_marks_in_the_quiz(make_app, monkeypatch, restore_glyphs):
    monkeypatch.setattr(sys, "__stderr__", io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))
    app = make_app()
    assert glyphs.current() is glyphs.ASCII
    async with app.run_test(size=(100, 40)) as pilot:
        await start_quiz(pilot, "t-single")
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        text = screen_text(app)
        assert "> 1. ( ) (a) Topical NSAID" in text and "x 2. (*) (b) Oral opioid" in text
        assert not any(ch in text for ch in "✓✗→•")
        rows = "\n".join(visible_rows(app))
        assert all(mark not in rows for mark in "✓✗→⚑⚠")


async def test_a_utf8_terminal_keeps_the_unicode_marks(make_app, monkeypatch, restore_glyphs):
    monkeypatch.setattr(sys, "__stderr__", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    make_app()
    assert glyphs.current() is glyphs.UNICODE
