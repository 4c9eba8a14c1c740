"""When a card comes back: FSRS (py-fsrs) behind a small interface.

``CardState`` is plain data (unix seconds, UTC), so the history layer stores it as columns and
tests compare it; ``Scheduler.review(card, rating, at)`` returns the next state. Time is always
passed in (``at``): nothing here reads a clock, so tests fix it. ``Settings.fuzzing`` spreads
long intervals by a few percent (FSRS's fuzz, so cards learnt together do not stay together);
tests and the migration's replay turn it off so the same answers give the same schedule.

fsrs's ``Card()`` without an id sleeps 1 ms to make one: every card here is built with its
stored integer id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

import fsrs

from trainer.study.cards import LEARNING

DEFAULT_RETENTION = 0.9
RETENTION_RANGE = (0.7, 0.99)  # outside it FSRS's intervals stop making sense for exam study


@dataclass(frozen=True, slots=True)
class CardState:
    """A card's memory state as FSRS keeps it (times in unix seconds, UTC)."""

    card_id: int
    state: int = LEARNING  # cards.LEARNING | REVIEW | RELEARNING
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: float = 0.0
    last_review: float | None = None
    reps: int = 0
    lapses: int = 0  # times rated Again after reaching the review state

    @classmethod
    def new(cls, card_id: int, at: float) -> CardState:
        return cls(card_id=card_id, due=at)


@dataclass(frozen=True, slots=True)
class Settings:
    """The scheduler's parameters (stored in the history's ``scheduler_params``)."""

    desired_retention: float = DEFAULT_RETENTION
    parameters: tuple[float, ...] = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
    # No learning or relearning steps (py-fsrs's default is 1 and 10 minutes): a quiz never shows
    # an item twice, so minute-long steps would only make every item just answered due again at
    # once. A new item rated Good comes back in 2 days, Again tomorrow; a lapse after its interval.
    learning_steps: tuple[int, ...] = ()  # seconds
    relearning_steps: tuple[int, ...] = ()
    maximum_interval: int = 36500  # days
    fuzzing: bool = True


class Scheduler(Protocol):
    """The interface the rest of the trainer uses (FSRS today)."""

    def review(self, card: CardState, rating: int, at: float) -> CardState: ...

    def replay(self, card_id: int, reviews: Iterable[tuple[float, int]]) -> CardState: ...


class FsrsScheduler:
    """``Scheduler`` over py-fsrs."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings = settings or Settings()
        retention = min(max(settings.desired_retention, RETENTION_RANGE[0]), RETENTION_RANGE[1])
        self._fsrs = fsrs.Scheduler(
            parameters=settings.parameters,
            desired_retention=retention,
            learning_steps=tuple(timedelta(seconds=s) for s in settings.learning_steps),
            relearning_steps=tuple(timedelta(seconds=s) for s in settings.relearning_steps),
            maximum_interval=settings.maximum_interval,
            enable_fuzzing=settings.fuzzing,
        )

    def review(self, card: CardState, rating: int, at: float) -> CardState:
        before = fsrs.Card(
            card_id=card.card_id,
            state=fsrs.State(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=_utc(card.due),
            last_review=None if card.last_review is None else _utc(card.last_review),
        )
        after, _log = self._fsrs.review_card(before, fsrs.Rating(rating), review_datetime=_utc(at))
        lapsed = rating == fsrs.Rating.Again and card.state == fsrs.State.Review
        return replace(
            card,
            state=int(after.state),
            step=after.step,
            stability=after.stability,
            difficulty=after.difficulty,
            due=after.due.timestamp(),
            last_review=at,
            reps=card.reps + 1,
            lapses=card.lapses + int(lapsed),
        )

    def replay(self, card_id: int, reviews: Iterable[tuple[float, int]]) -> CardState:
        """The card as if its ``(at, rating)`` reviews had been given in time order."""
        ordered = sorted(reviews)
        card = CardState.new(card_id, ordered[0][0] if ordered else 0.0)
        for at, rating in ordered:
            card = self.review(card, rating, at)
        return card

    def retrievability(self, card: CardState, at: float) -> float:
        """The chance of recalling the card at ``at`` (0 for a card never reviewed)."""
        if card.last_review is None or card.stability is None:
            return 0.0
        probe = fsrs.Card(card_id=card.card_id, stability=card.stability, last_review=_utc(card.last_review))
        return float(self._fsrs.get_card_retrievability(probe, _utc(at)))


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def interval_days(card: CardState) -> float:
    """Days from the card's last review to its due date (0 when never reviewed)."""
    return 0.0 if card.last_review is None else (card.due - card.last_review) / 86400.0


def settings_from(values: dict[str, object], retention: float | None = None) -> Settings:
    """Stored parameters (JSON-like) back into ``Settings``; unknown or bad values fall back."""
    base = Settings()

    def floats(name: str, default: Sequence[float]) -> tuple[float, ...]:
        given = values.get(name)
        if isinstance(given, list | tuple) and all(isinstance(v, int | float) for v in given):
            return tuple(float(v) for v in given)
        return tuple(default)

    def ints(name: str, default: Sequence[int]) -> tuple[int, ...]:
        given = values.get(name)
        if isinstance(given, list | tuple) and all(isinstance(v, int) for v in given):
            return tuple(int(v) for v in given)
        return tuple(default)

    parameters = floats("parameters", base.parameters)
    if len(parameters) != len(base.parameters):
        parameters = base.parameters
    maximum = values.get("maximum_interval")
    return Settings(
        desired_retention=base.desired_retention if retention is None else retention,
        parameters=parameters,
        learning_steps=ints("learning_steps", base.learning_steps),
        relearning_steps=ints("relearning_steps", base.relearning_steps),
        maximum_interval=maximum if isinstance(maximum, int) and maximum > 0 else base.maximum_interval,
        fuzzing=bool(values.get("fuzzing", base.fuzzing)),
    )


def settings_to(settings: Settings) -> dict[str, object]:
    """``Settings`` as JSON-like values (desired retention is a preference, not stored here)."""
    return {
        "parameters": list(settings.parameters),
        "learning_steps": list(settings.learning_steps),
        "relearning_steps": list(settings.relearning_steps),
        "maximum_interval": settings.maximum_interval,
        "fuzzing": settings.fuzzing,
        "fsrs": "py-fsrs 6",
    }


def right_in_a_row(scheduler: FsrsScheduler, views: int, at: float = 0.0) -> list[float]:
    """The intervals (days) after each of ``views`` right answers given on time, from a new card."""
    card, intervals = CardState.new(0, at), []
    for _ in range(views):
        card = scheduler.review(card, GOOD_RATING, card.due)
        intervals.append(interval_days(card))
    return intervals


GOOD_RATING = int(fsrs.Rating.Good)
