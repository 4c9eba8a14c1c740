"""The results screen, `pain-trainer history` (text, JSON, CSV) and the export show the same
numbers for the same session (issue 13): an early-ended quiz and an exam with a time-out.

Before, results said "Score 1/3 (33%)" while its category table said 50% and `history` said
3/3 answered; durations differed (session clock vs time on questions).
"""

from __future__ import annotations

import csv
import io
import json

from tests.tui.conftest import screen_text, start_quiz
from trainer.cli import main
from trainer.tui.screens.results import ResultsScreen

RIGHT = {"s1": ("1",), "m1": ("1", "3"), "n1": ("4", "5")}
WRONG = {"s1": ("2",), "m1": ("2",), "n1": ("9",)}
ALL = ("t-single", "t-multiple", "t-numeric")


async def _answer(pilot, keys: tuple[str, ...]) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def _history(capsys, data, *args: str) -> str:
    capsys.readouterr()
    assert main(["history", "--data-dir", str(data), *args]) == 0
    return capsys.readouterr().out


async def test_results_history_and_export_agree_on_an_early_ended_quiz_and_a_timed_out_exam(
    make_app, store, tmp_path, capsys
):
    app = make_app()
    shown = {}
    async with app.run_test(size=(120, 40)) as pilot:
        # Tutor quiz: one right (10 s), one wrong (20 s), the third visited, then ended early.
        screen = await start_quiz(pilot, ALL, mode="tutor")
        for keys, seconds in ((RIGHT, 10), (WRONG, 20)):
            question = screen.session.view().question.id
            app.clock.advance(seconds)
            await _answer(pilot, keys[question])
            await pilot.press("enter", "enter")  # submit, then next
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        tutor = app.screen.results
        shown[tutor.session_id] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        # Exam: the first answered (10 s), the second times out with nothing entered (30 s),
        # the third answered right (5 s), then submitted.
        screen = await start_quiz(pilot, ALL, mode="exam", question_seconds=30)
        first = screen.session.view().question.id
        await _answer(pilot, WRONG[first])
        app.clock.advance(10)
        await pilot.press("enter")
        await pilot.pause()
        app.clock.advance(30)
        screen.advance_timers()
        await pilot.pause()
        third = screen.session.view().question.id
        await _answer(pilot, RIGHT[third])
        app.clock.advance(5)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        exam = app.screen.results
        shown[exam.session_id] = screen_text(app)

    expected = {
        tutor.session_id: {
            "answered": 2,
            "unanswered": 1,
            "timed_out": 0,
            "total": 3,
            "correct": 1,
            "score": 0.5,
            "duration_seconds": 30.0,
        },
        exam.session_id: {
            "answered": 2,
            "unanswered": 1,
            "timed_out": 1,
            "total": 3,
            "correct": 1,
            "score": 0.5,
            "duration_seconds": 45.0,
        },
    }
    for results in (tutor, exam):
        assert results.numbers.as_dict() == expected[results.session_id]
        # the category table's accuracy is the same rule as the score
        answered = sum(t.answered for t in results.by_category.values())
        assert answered == results.numbers.answered
    assert (
        "Score 50%: 1 correct of 2 answered · unanswered 1 (not counted as wrong) · timed out 0 · "
        "time on questions 0:30" in shown[tutor.session_id]
    )
    assert "timed out 1 · time on questions 0:45" in shown[exam.session_id]

    data = tmp_path / "data"
    fields = tuple(expected[tutor.session_id])
    rows = {r["session_id"]: r for r in json.loads(_history(capsys, data, "--format", "json"))["sessions"]}
    assert {sid: {k: rows[sid][k] for k in fields} for sid in expected} == expected

    table = list(csv.DictReader(io.StringIO(_history(capsys, data, "--format", "csv"))))
    assert {r["session_id"]: {k: float(r[k]) for k in fields} for r in table} == expected

    text = _history(capsys, data)
    lines = {line for line in text.splitlines() if "quiz" in line}
    assert any(" 50% " in line and " 2/3 " in line and " 0 " in line and " 0:30 " in line for line in lines)
    assert any(" 50% " in line and " 2/3 " in line and " 1 " in line and " 0:45 " in line for line in lines)

    export = tmp_path / "export.json"
    _history(capsys, data, "export", str(export))
    summaries = {s["session_id"]: s["summary"] for s in json.loads(export.read_text())["sessions"]}
    assert summaries == expected
