"""Every run of text on the main screens is readable: WCAG AA contrast (4.5:1), computed with
the relative-luminance formula over the colours actually drawn (tests/tui/contrast.py), in the
dark and light themes, with NO_COLOR set, and in a 16-colour terminal (TERM=linux, measured
in the Linux console's palette), with and without NO_COLOR.

Run with ``-s`` to see the weakest pair of each screen."""

from __future__ import annotations

import pytest

from tests.tui.conftest import start_quiz
from tests.tui.contrast import AA_TEXT, SIXTEEN, TRUECOLOR, ratio, text_runs
from trainer.tui import flows, themes

RENDERINGS = {
    "dark": ({}, None, TRUECOLOR),
    "light": ({}, themes.LIGHT, TRUECOLOR),
    "no-colour": ({"NO_COLOR": "1"}, None, TRUECOLOR),
    "16-colours": ({"TERM": "linux"}, None, SIXTEEN),
    "16-colours-no-colour": ({"TERM": "linux", "NO_COLOR": "1"}, None, SIXTEEN),
}


def test_the_wcag_formula():
    """The published reference points: black on white 21:1, equal colours 1:1, #767676 on white 4.54:1."""
    assert ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert ratio((18, 52, 86), (18, 52, 86)) == pytest.approx(1.0)
    assert ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert ratio((255, 255, 255), (118, 118, 118)) == ratio((118, 118, 118), (255, 255, 255))


async def _main_screens(pilot):
    """Home (with the first-run tip), quiz feedback (right, wrong, select-all), the submit dialog,
    results, interview feedback, the interview summary, one prompt looked back at and the
    exam-date plan with its warning."""
    app = pilot.app
    await pilot.pause()
    yield "home"
    await start_quiz(pilot, "t-single")
    await pilot.press("1", "enter")
    yield "quiz: correct"
    app.pop_screen()
    await start_quiz(pilot, "t-single")
    await pilot.press("2", "enter")
    yield "quiz: wrong, and the answer missed"
    app.pop_screen()
    await start_quiz(pilot, "t-multiple")
    await pilot.press("1", "2", "enter")
    yield "quiz: select all"
    await pilot.press("enter")
    await pilot.pause()
    yield "submit dialog"
    await pilot.press("y")
    await pilot.pause()
    yield "results"
    app.pop_screen()
    flows.start_interview(app, format_id="short")
    await pilot.pause()
    await pilot.press("enter", *"patient", "space", *"team", "ctrl+s", *"ok", "ctrl+s")
    await pilot.pause()
    yield "interview feedback"
    await pilot.press("enter")
    await pilot.pause()
    yield "interview summary"
    await pilot.press("1")
    await pilot.pause()
    yield "one prompt looked back at"
    from datetime import timedelta

    from tests.tui.conftest import WALL
    from trainer.study.calendar import local_date
    from trainer.tui.screens.plan import PlanScreen

    soon = (local_date(WALL) + timedelta(days=2)).isoformat()
    app.store.set_preferences({"exam_date": soon, "daily_budget": 1, "plan_min_views": 2})
    app.push_screen(PlanScreen())
    await pilot.pause()
    assert app.screen.query_one("#plan-warning").display
    yield "exam-date plan, with its warning"


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
async def test_every_text_on_the_main_screens_meets_wcag_aa(make_app, store, monkeypatch, rendering):
    environment, theme, palette = RENDERINGS[rendering]
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    if "TERM" in environment:
        monkeypatch.delenv("COLORTERM")
    if theme is not None:
        store.set_preferences({themes.THEME_PREFERENCE: theme})
    app = make_app(first_run=True)
    failures, seen = [], []
    async with app.run_test(size=(100, 40)) as pilot:
        async for screen in _main_screens(pilot):
            runs = list(text_runs(app, palette))
            assert runs, f"{screen}: nothing drawn"
            weakest = min(runs, key=lambda run: run.ratio)
            seen.append(f"{rendering} / {screen} ({app.theme}): weakest {weakest}")
            failures += [f"{screen}: {run}" for run in runs if run.ratio < AA_TEXT]
    print("\n".join(seen))
    assert not failures, "\n".join(failures)
