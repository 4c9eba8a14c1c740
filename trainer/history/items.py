"""Each answered question's record, for its current version: what review and the home
screen's due count need, without the rest of the statistics (``stats``) loaded at start-up.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ItemKey = tuple[str, str]  # (bank id, question id)


@dataclass(frozen=True, slots=True)
class ItemState:
    """One question's record, for its current version only."""

    key: ItemKey
    content_hash: str
    answers: int  # every answer, scored or not
    attempts: int  # scored answers
    misses: int  # scored wrong
    last_answered_at: float
    last_correct: bool | None  # the latest scored answer; None when never scored
    flagged: bool  # flagged in the latest answer


def item_states(conn: sqlite3.Connection, current: Mapping[ItemKey, str] | None = None) -> dict[ItemKey, ItemState]:
    """Each answered item's record for its current version (see the module docstring).

    Read from ``item_totals`` (one row per question version, kept by triggers).
    """
    chosen: dict[ItemKey, tuple[Any, ...]] = {}
    for row in conn.execute(
        "SELECT bank_id, question_id, content_hash, answers, attempts, misses, last_answered_at, flagged,"
        " last_correct FROM item_totals"
    ):
        key = (row[0], row[1])
        wanted = current.get(key) if current is not None else None
        if wanted is not None:
            if row[2] == wanted:
                chosen[key] = row
        elif key not in chosen or row[6] > chosen[key][6]:
            chosen[key] = row
    return {
        key: ItemState(key, h, answers, attempts, misses, at, None if last is None else bool(last), bool(flagged))
        for key, (_b, _q, h, answers, attempts, misses, at, flagged, last) in chosen.items()
    }
