"""One timing default for quizzes: 72 seconds a question (the board pace) whether a quiz is set
up on screen or asked for on the command line; ``--untimed`` for none; seconds everywhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import cli_env
from tests.tui.conftest import TUI_BANK
from trainer.banks import BankSource, load_all
from trainer.cli import build_parser
from trainer.tui.launch import _start_request


def start_request(*argv: str):
    """What ``pain-trainer quiz ARGV`` asks the app to open (the app itself: tests/tui/test_polish.py)."""
    args = build_parser().parse_args(["quiz", *argv])
    return _start_request(args, load_all([BankSource(TUI_BANK)]))


@pytest.mark.parametrize(
    "argv, expected",
    [((), (None, False)), (("--time-per-question", "30"), (30, False)), (("--untimed",), (None, True))],
)
def test_the_command_line_passes_the_per_question_choice_on(argv, expected):
    options = start_request(*argv).options
    assert (options["time_per_question"], options["untimed"]) == expected


def test_untimed_and_a_time_per_question_together_are_a_usage_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "quiz", "--untimed", "--time-per-question", "30", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, env=cli_env(), timeout=60, check=False,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("pain-trainer: error: argument --time-per-question: not allowed with argument --untimed")
