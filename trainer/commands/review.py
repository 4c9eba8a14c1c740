"""``pain-trainer review``: open the trainer straight into today's spaced-repetition review.

A selection, not a second app: the review is a quiz of the knowledge items due today (most
overdue first) or, when only key points are due, a short interview of their prompts. Nothing
due is said on the home screen, not refused (exit 0).
"""

from __future__ import annotations

import argparse

from trainer.tui.start import ReviewStart


def add_parser(commands, common, positive_int) -> None:
    review = commands.add_parser("review")  # its --help line is in trainer.cli's list of subcommands
    common(review)
    review.add_argument("--count", type=positive_int, metavar="N", help="at most N items (default 20; prompts 3)")


def start_request(args: argparse.Namespace) -> ReviewStart:
    return ReviewStart(count=args.count)
