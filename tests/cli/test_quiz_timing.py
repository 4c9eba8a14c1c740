"""One timing default for quizzes: 72 seconds a question (the board pace) whether a quiz is set
up on screen or asked for on the command line; ``--untimed`` for none; seconds everywhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import cli_env
from tests.tui.conftest import TUI_BANK
from trainer import cli
from trainer.banks import BankSource, load_all
from trainer.tui.start import QuizStart, start_problem


def start_request(*argv: str) -> QuizStart:
    """What ``pain-trainer quiz ARGV`` asks the app to open (the app itself: tests/tui/test_polish.py)."""
    start = cli.start_request(cli.parse_args(["quiz", *argv]))
    assert isinstance(start, QuizStart)
    assert start_problem(start, load_all([BankSource(TUI_BANK)])) is None
    return start


@pytest.mark.parametrize(
    "argv, expected",
    [((), (None, False)), (("--time-per-question", "30"), (30, False)), (("--untimed",), (None, True))],
)
def test_the_command_line_passes_the_per_question_choice_on(argv, expected):
    start = start_request(*argv)
    assert (start.time_per_question, start.untimed) == expected


def test_untimed_and_a_time_per_question_together_are_a_usage_error(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "trainer",
            "quiz",
            "--untimed",
            "--time-per-question",
            "30",
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("pain-trainer: error: argument --time-per-question: not allowed with argument --untimed")
