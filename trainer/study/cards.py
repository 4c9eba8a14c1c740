"""What a card is and how an outcome rates it (no scheduler here: cheap to import).

Every knowledge item answered is a card, keyed by (bank id, question id, ""); every key point
of an interview prompt is a card, keyed by (bank id, question id, point id). A point id is the
key point's place in the prompt (``kp1``, ``kp2``...; a follow-up probe's ``probe1.kp1``): key
points have no ids of their own, and an edit that reorders them changes the question's content
hash, which marks its cards as edited.

Ratings follow FSRS's authors' advice for pass/fail outcomes: wrong -> Again, right -> Good.
Hard and Easy are never given: a quiz answer says right or wrong, not how hard it felt (a
slow or low-confidence right answer stays Good until confidence is recorded with the answer).
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


def quiz_rating(correct: bool) -> int:
    """A scored knowledge answer: wrong -> Again, right -> Good."""
    return GOOD if correct else AGAIN


def point_rating(covered: bool) -> int:
    """A key point after the candidate's overrides: missed -> Again, covered -> Good."""
    return GOOD if covered else AGAIN


def point_id(probe_index: int | None, index: int) -> str:
    """The card id of key point ``index`` (0-based) of the prompt (``probe_index`` None) or a probe."""
    point = f"kp{index + 1}"
    return point if probe_index is None or probe_index < 0 else f"probe{probe_index + 1}.{point}"
