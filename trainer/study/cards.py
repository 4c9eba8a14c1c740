"""What a card is and how an outcome rates it (no scheduler here: cheap to import).

Every knowledge item answered is a card, keyed by (bank id, question id, ""); every key point
of an interview prompt is a card, keyed by (bank id, question id, point id). A point id is the
key point's place in the prompt (``kp1``, ``kp2``...; a follow-up probe's ``probe1.kp1``): key
points have no ids of their own, and an edit that reorders them changes the question's content
hash, which marks its cards as edited.

Ratings follow FSRS's authors' advice for pass/fail outcomes: wrong -> Again, right -> Good;
and Hard, "recalled with serious difficulty", for a right answer the candidate said before the
reveal was more likely wrong than right (a stated confidence under ``HARD_BELOW``: "low" is 40%).
Easy is never given: nothing a quiz records says an answer came easily, and a time or a high
confidence is no such proof. Interview key points are Again or Good (no confidence is asked).
"""

from __future__ import annotations

from typing import Final

AGAIN: Final = 1
HARD: Final = 2
GOOD: Final = 3
EASY: Final = 4
RATINGS: Final = (AGAIN, HARD, GOOD, EASY)
RATING_NAMES: Final = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}

ITEM: Final = ""  # the point id of a knowledge item's own card

# fsrs.State values, kept here so reading a card's state needs no import of fsrs.
LEARNING: Final = 1
REVIEW: Final = 2
RELEARNING: Final = 3
STATE_NAMES: Final = {LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}

CardKey = tuple[str, str, str]  # (bank id, question id, point id; "" for the item itself)


HARD_BELOW: Final = 0.5  # a right answer stated under this confidence was a hard recall


def quiz_rating(correct: bool, confidence: float | None = None) -> int:
    """A scored knowledge answer: wrong -> Again; right -> Good, or Hard when the candidate had
    said it was more likely wrong than right (``confidence`` < ``HARD_BELOW``)."""
    if not correct:
        return AGAIN
    return HARD if confidence is not None and confidence < HARD_BELOW else GOOD


def point_rating(covered: bool) -> int:
    """A key point after the candidate's overrides: missed -> Again, covered -> Good."""
    return GOOD if covered else AGAIN


def point_id(probe_index: int | None, index: int) -> str:
    """The card id of key point ``index`` (0-based) of the prompt (``probe_index`` None) or a probe."""
    point = f"kp{index + 1}"
    return point if probe_index is None or probe_index < 0 else f"probe{probe_index + 1}.{point}"
