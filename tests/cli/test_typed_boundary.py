"""The command line owns flags and exit codes: what it hands the layers is typed and frozen,
and every exit status comes from ``trainer.exits.ExitCode``."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.tui.conftest import TUI_BANK
from trainer import cli
from trainer.banks import BankSource, load_all
from trainer.commands.history import HistoryRequest
from trainer.exits import ExitCode
from trainer.tui.launch import launch
from trainer.tui.start import InterviewStart, QuizStart, start_problem


def test_exit_codes_keep_the_documented_numbers():
    # DESIGN.md's command-line contract: scripts depend on these numbers.
    assert [(c.name, int(c)) for c in ExitCode] == [("OK", 0), ("INVALID", 1), ("USAGE", 2), ("INTERRUPTED", 130)]


def test_a_quiz_is_handed_to_the_app_as_a_frozen_quiz_start():
    start = cli.start_request(
        cli.parse_args(
            [
                "quiz",
                "--category",
                "a",
                "--category",
                "b",
                "--count",
                "3",
                "--mode",
                "exam",
                "--untimed",
                "--review",
                "missed",
                "--seed",
                "7",
            ]
        )
    )
    assert start == QuizStart(categories=("a", "b"), count=3, seed=7, mode="exam", untimed=True, review="missed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        start.count = 4  # type: ignore[misc]


def test_an_interview_is_handed_to_the_app_as_an_interview_start():
    start = cli.start_request(cli.parse_args(["interview", "--format", "panel", "--think", "30", "--answer", "90"]))
    assert start == InterviewStart(format="panel", think=30, answer=90)


def test_the_home_screen_needs_no_start_request():
    assert cli.start_request(cli.parse_args([])) is None
    assert cli.start_request(cli.parse_args(["--data-dir", "x"])) is None


def test_history_flags_become_a_history_request():
    request = cli.history_request(cli.parse_args(["history", "export", "out.json", "--bank", "core", "--kind", "quiz"]))
    assert request == HistoryRequest(action="export", file="out.json", bank="core", kind="quiz")
    assert request.filtered and not HistoryRequest().filtered


@pytest.mark.parametrize(
    "start, problem",
    [
        (QuizStart(categories=("nowhere",)), "unknown category 'nowhere'; available: "),
        (InterviewStart(format="nowhere"), "unknown interview format 'nowhere'; available: "),
    ],
)
def test_a_start_the_banks_cannot_open_is_one_line_and_a_usage_exit(start, problem, tmp_path, capsys):
    assert (start_problem(start, load_all([BankSource(TUI_BANK)])) or "").startswith(problem)
    assert launch([str(TUI_BANK)], start, tmp_path / "data") == ExitCode.USAGE
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"pain-trainer: error: {problem}")


def test_no_module_decides_an_exit_code_with_its_own_numbers():
    """Exit codes have one definition; a second copy (EXIT_OK = 0, return 130) drifts from it."""
    copies = re.compile(r"^\s*EXIT_\w+(\s*,\s*EXIT_\w+)*\s*=|return 130\b|sys\.exit\([0-9]", re.MULTILINE)
    found = [
        str(path.relative_to(REPO))
        for path in Path(REPO, "trainer").rglob("*.py")
        if copies.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
