"""What the progress screen's self-knowledge section reads: stated confidence against the
outcome, why misses happened, and dangerous errors (the figures are computed by
``trainer.practice.calibration``; this module only reads them out of the answers).

Every scored main answer counts (a re-answered exam item counts once: its latest record is
the row). ``confidently_wrong`` lists the items whose *latest* scored answer was wrong at
``HIGH_CONFIDENCE`` or more, newest first.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from trainer.history import codec
from trainer.history.records import HIGH_CONFIDENCE, AnswerRecord

MAX_PAIRS = 20_000  # the newest stated confidences the calibration reads


@dataclass(frozen=True, slots=True)
class MissCount:
    category: str
    reason: str  # a MISS_REASONS key, or "" when not tagged
    misses: int


@dataclass(frozen=True, slots=True)
class SelfKnowledge:
    pairs: tuple[tuple[float, bool], ...]  # (stated confidence, right), newest first
    misses: tuple[MissCount, ...]  # wrong answers by category and reason
    dangerous: int  # dangerous errors, every answer
    dangerous_by_category: tuple[tuple[str, int], ...]
    confidently_wrong: tuple[AnswerRecord, ...]  # latest answer per item, newest first
    dangerous_items: tuple[AnswerRecord, ...]  # items whose latest answer was a dangerous error


def read_self_knowledge(conn: sqlite3.Connection, top: int = 20) -> SelfKnowledge:
    main = codec.MAIN_PROMPT
    pairs = tuple(
        (float(c), bool(r))
        for c, r in conn.execute(
            "SELECT confidence, correct FROM answers WHERE confidence IS NOT NULL AND correct IS NOT NULL"
            " AND probe_index = ? ORDER BY answered_at DESC LIMIT ?",
            (main, MAX_PAIRS),
        )
    )
    misses = tuple(
        MissCount(category, reason, n)
        for category, reason, n in conn.execute(
            "SELECT category, coalesce(miss_reason, ''), count(*) FROM answers WHERE correct = 0 AND probe_index = ?"
            " GROUP BY 1, 2 ORDER BY 1, 2",
            (main,),
        )
    )
    by_category = tuple(
        (category, n)
        for category, n in conn.execute(
            "SELECT category, count(*) FROM answers WHERE dangerous = 1 AND correct = 0 AND probe_index = ?"
            " GROUP BY 1 ORDER BY 2 DESC, 1",
            (main,),
        )
    )
    latest = (
        "SELECT a.* FROM answers AS a WHERE a.correct = 0 AND a.probe_index = ? AND {which}"
        " AND NOT EXISTS (SELECT 1 FROM answers AS b WHERE b.bank_id = a.bank_id AND b.question_id = a.question_id"
        " AND b.content_hash = a.content_hash AND b.correct IS NOT NULL AND b.probe_index = a.probe_index"
        " AND (b.answered_at > a.answered_at OR (b.answered_at = a.answered_at AND b.id > a.id)))"
        " ORDER BY a.answered_at DESC, a.id DESC LIMIT ?"
    )
    confident = tuple(
        codec.answer_from_row(r)
        for r in conn.execute(latest.format(which="a.confidence >= ?"), (main, HIGH_CONFIDENCE, top))
    )
    dangerous_items = tuple(
        codec.answer_from_row(r) for r in conn.execute(latest.format(which="a.dangerous = 1"), (main, top))
    )
    return SelfKnowledge(
        pairs=pairs,
        misses=misses,
        dangerous=sum(n for _, n in by_category),
        dangerous_by_category=by_category,
        confidently_wrong=confident,
        dangerous_items=dangerous_items,
    )
