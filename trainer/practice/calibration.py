"""Self-knowledge: stated confidence against what happened, and which misses matter most.

Confidence is stated before the reveal, as a probability of being right: keys 1-3 store the
``CONFIDENCE_LEVELS`` (low 0.4, medium 0.7, high 0.9); a typed percentage is stored as given
(``confidence_from_text``). Only scored answers with a stated confidence count.

* ``brier(pairs)``: the mean of ``(confidence - outcome)^2`` over (confidence, correct)
  pairs, outcome 1 for right and 0 for wrong: 0 is perfect, 0.25 is what always saying 50%
  earns, lower is better.
* ``reliability(pairs, bins=5)``: equal-width bins of stated confidence ([0, 0.2), [0.2, 0.4),
  ... [0.8, 1.0], the last one closed), each with its count, mean stated confidence and actual
  accuracy. A calibrated candidate's accuracy is close to the mean confidence in every bin.
* ``confidently_wrong(answer)``: wrong although stated at least ``HIGH_CONFIDENCE`` sure.

**Review priority** (``review_priority``): the scheduler and "Review missed" bring the
misses that matter most back first. It is a pure function of one scored ``AnswerRecord``
(the item's latest), higher = sooner:

    3  DANGEROUS        wrong and dangerous (the bank marks the choice as harmful)
    2  CONFIDENT_MISS   wrong and confidently so (stated >= HIGH_CONFIDENCE)
    1  MISSED           any other wrong answer
    0  NONE             right or unanswered

A queue orders its due items by ``(-review_priority(latest answer), due date)``; fsrs-core's
review queue can sort by it at merge (and a card whose latest answer has priority >= 2 may be
shown before its due date; the number is stable, so it can be stored with the card).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trainer.history.records import CONFIDENCE_LEVELS, HIGH_CONFIDENCE, MISS_REASONS, AnswerRecord

__all__ = [
    "CONFIDENCE_KEYS",
    "CONFIDENCE_LEVELS",
    "CONFIDENT_MISS",
    "DANGEROUS",
    "HIGH_CONFIDENCE",
    "MISSED",
    "MISS_KEYS",
    "MISS_REASONS",
    "NONE",
    "Bin",
    "brier",
    "confidence_from_text",
    "confidently_wrong",
    "pairs_of",
    "reliability",
    "review_priority",
]

NONE, MISSED, CONFIDENT_MISS, DANGEROUS = 0, 1, 2, 3
CONFIDENCE_KEYS: tuple[str, ...] = ("low", "medium", "high")  # key 1, 2, 3
MISS_KEYS: tuple[str, ...] = ("knowledge", "misread", "reasoning", "time")  # key 1, 2, 3, 4

Pair = tuple[float, bool]  # (stated confidence 0..1, answered right)


class InvalidConfidence(ValueError):
    """Text that is not a percentage; ``message`` is meant for the candidate."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def confidence_from_text(text: str) -> float:
    """A typed percentage (``80``, ``80%``, ``65.5``; 0 to 100) as a probability 0..1."""
    raw = text.strip().removesuffix("%").strip()
    try:
        value = float(raw)
    except ValueError:
        raise InvalidConfidence(f"{text.strip()!r} is not a percentage; type 0 to 100, e.g. 80") from None
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise InvalidConfidence("A confidence is a percentage from 0 to 100")
    return round(value / 100.0, 4)


def brier(pairs: Iterable[Pair]) -> float | None:
    """Mean squared distance between stated confidence and outcome; None with no pairs."""
    total, n = 0.0, 0
    for confidence, correct in pairs:
        total += (confidence - (1.0 if correct else 0.0)) ** 2
        n += 1
    return total / n if n else None


@dataclass(frozen=True, slots=True)
class Bin:
    """One row of the reliability table."""

    low: float  # the bin holds confidences >= low and < high (the last bin: <= high)
    high: float
    count: int
    mean_confidence: float | None  # None when the bin is empty
    accuracy: float | None

    @property
    def gap(self) -> float | None:
        """Accuracy minus stated confidence: negative = overconfident."""
        if self.accuracy is None or self.mean_confidence is None:
            return None
        return self.accuracy - self.mean_confidence


def reliability(pairs: Iterable[Pair], bins: int = 5) -> tuple[Bin, ...]:
    """Equal-width bins of stated confidence with their accuracy (empty bins included)."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    sums = [0.0] * bins
    rights = [0] * bins
    counts = [0] * bins
    for confidence, correct in pairs:
        i = min(bins - 1, max(0, math.floor(confidence * bins + 1e-9)))
        counts[i] += 1
        sums[i] += confidence
        rights[i] += bool(correct)
    return tuple(
        Bin(
            i / bins,
            (i + 1) / bins,
            counts[i],
            sums[i] / counts[i] if counts[i] else None,
            rights[i] / counts[i] if counts[i] else None,
        )
        for i in range(bins)
    )


def pairs_of(answers: Sequence[AnswerRecord]) -> list[Pair]:
    """The (confidence, correct) pairs of the scored answers that stated a confidence."""
    return [(a.confidence, bool(a.correct)) for a in answers if a.confidence is not None and a.correct is not None]


def confidently_wrong(answer: AnswerRecord) -> bool:
    return answer.correct is False and answer.confidence is not None and answer.confidence >= HIGH_CONFIDENCE


def review_priority(answer: AnswerRecord) -> int:
    """How soon a queue should bring this item back (see the module docstring); higher first."""
    if answer.correct is not False:
        return NONE
    if answer.dangerous:
        return DANGEROUS
    if confidently_wrong(answer):
        return CONFIDENT_MISS
    return MISSED
