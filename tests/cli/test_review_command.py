"""``pain-trainer review`` through the entry point: options, usage errors, what the app is asked to open."""

from __future__ import annotations

from trainer import cli
from trainer.tui.start import ReviewStart, start_problem


def test_review_parses_to_a_review_start(tmp_path):
    args = cli.parse_args(["review", "--data-dir", str(tmp_path), "--count", "7"])
    assert cli.start_request(args) == ReviewStart(count=7)
    assert cli.start_request(cli.parse_args(["review"])) == ReviewStart()


def test_a_bad_count_is_one_line_and_exit_2(capsys):
    assert cli.main(["review", "--count", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "must be at least 1" in err and "Traceback" not in err


def test_an_empty_queue_is_not_refused():
    assert start_problem(ReviewStart(), catalog=None) is None  # said in the app: "Nothing is due today."
