"""Which finished items a review shows: all of them, or the missed, unanswered, flagged or
timed-out ones (a timed-out item may still have an answer that was given in time)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trainer.practice.scoring import ItemOutcome


@dataclass(frozen=True, slots=True)
class ReviewFilter:
    id: str
    key: str  # the key that selects it on the results screen
    title: str
    keep: Callable[[ItemOutcome], bool]


FILTERS: tuple[ReviewFilter, ...] = (
    ReviewFilter("all", "a", "all", lambda item: True),
    ReviewFilter("missed", "m", "missed", lambda item: item.score.correct is False),
    ReviewFilter("unanswered", "u", "unanswered", lambda item: not item.score.answered),
    ReviewFilter("flagged", "f", "flagged", lambda item: item.flagged),
    ReviewFilter("timed_out", "t", "timed out", lambda item: item.timed_out),
)
BY_ID = {f.id: f for f in FILTERS}


def filtered(items: Sequence[ItemOutcome], filter_id: str) -> tuple[ItemOutcome, ...]:
    keep = BY_ID[filter_id].keep
    return tuple(item for item in items if keep(item))


def counts(items: Sequence[ItemOutcome]) -> dict[str, int]:
    """How many items each filter shows (for its label)."""
    return {f.id: sum(1 for item in items if f.keep(item)) for f in FILTERS}


def result_word(item: ItemOutcome) -> str:
    word = {True: "correct", False: "missed", None: "unanswered"}[item.score.correct]
    if item.score.dangerous:
        word += ", dangerous"
    return f"{word}, timed out" if item.timed_out else word
