"""One timing default for quizzes: 72 seconds a question (the board pace) whether a quiz is set
up on screen or asked for on the command line; ``--untimed`` for none; seconds everywhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import cli_env
from tests.tui.conftest import TUI_BANK, make_app, store  # noqa: F401 - fixtures
from trainer.banks import BankSource, load_all
from trainer.cli import build_parser
from trainer.tui.launch import _start_request


def start_request(*argv: str):
    args = build_parser().parse_args(["quiz", *argv])
    return _start_request(args, load_all([BankSource(TUI_BANK)]))


@pytest.mark.parametrize(
    "argv, limit",
    [((), 72), (("--time-per-question", "30"), 30), (("--untimed",), None)],
    ids=["default", "given", "untimed"],
)
async def test_a_quiz_from_the_command_line_is_timed_at_the_board_pace_unless_told(make_app, argv, limit):
    from trainer.tui.screens.quiz import QuizScreen

    app = make_app(start=start_request("--count", "2", "--seed", "1", *argv))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.view().question_limit == limit
        shown = str(app.screen.query_one("#countdown").render())
        expected = "left" if limit is None else f"left {limit // 60}:{limit % 60:02d}"
        assert (expected in shown) is (limit is not None)


def test_untimed_and_a_time_per_question_together_are_a_usage_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "quiz", "--untimed", "--time-per-question", "30", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, env=cli_env(), timeout=60,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("pain-trainer: error: argument --time-per-question: not allowed with argument --untimed")
