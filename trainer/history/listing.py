"""The list of past sessions (the ``history`` command and the app's history screen).

Each session's score, answered/unanswered, timed-out count and duration are the ones
defined in ``trainer.history.numbers`` (score over answered items only; duration = time
spent on the items). Here they are counted in SQL from the trigger-kept ``session_totals``,
corrected by one scan for the rows that hold no answer (few) and the timed-out rows.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from trainer.banks.qtypes import interview_tags
from trainer.history.numbers import SessionNumbers
from trainer.history.records import HIGH_CONFIDENCE, MISS_REASONS


@dataclass(frozen=True, slots=True)
class SessionSelfKnowledge:
    """A session's self-knowledge figures (scored main answers only): how many stated a
    confidence and their Brier score, confidently wrong and dangerous errors, misses by reason."""

    rated: int = 0
    squared_error: float = 0.0  # sum of (confidence - outcome)^2 over the rated answers
    confidently_wrong: int = 0
    dangerous: int = 0
    misses_by_reason: tuple[tuple[str, int], ...] = ()  # MISS_REASONS order, every reason

    @property
    def brier(self) -> float | None:
        return self.squared_error / self.rated if self.rated else None

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON/CSV fields, after the session numbers (Brier rounded to 4 places)."""
        reasons = dict(self.misses_by_reason)
        return {
            "confidence_answers": self.rated,
            "brier_score": None if self.brier is None else round(self.brier, 4),
            "confidently_wrong": self.confidently_wrong,
            "dangerous_errors": self.dangerous,
            **{f"missed_{reason}": reasons.get(reason, 0) for reason in MISS_REASONS},
        }


@dataclass(frozen=True, slots=True)
class SessionSummary:
    session_id: str
    kind: str
    mode: str
    started_at: float  # unix seconds
    finished_at: float | None
    status: str  # "finished" | "unfinished" | "abandoned"
    banks: dict[str, str]  # bank id -> version
    numbers: SessionNumbers
    self_knowledge: SessionSelfKnowledge = field(default_factory=SessionSelfKnowledge)

    @property
    def answered(self) -> int:
        return self.numbers.answered

    @property
    def total(self) -> int:
        return self.numbers.total

    @property
    def correct(self) -> int:
        return self.numbers.correct

    @property
    def score(self) -> float | None:
        return self.numbers.score

    @property
    def duration(self) -> float:
        return self.numbers.duration


# session_totals counts every main-prompt row; these are the rows to take back out (no
# answer: the JSON ``null`` the codec writes for None) and the timed-out ones, so the
# figures follow trainer.history.numbers exactly.
_EMPTY = "coalesce(response, 'null') = 'null'"
_INTERVIEW_TAGS = ", ".join(f"'{tag}'" for tag in interview_tags())  # registry tags: plain identifiers
_UNSCORED = f"(correct IS NULL AND question_type NOT IN ({_INTERVIEW_TAGS}) AND NOT {_EMPTY})"
_CORRECTIONS = (
    f"SELECT session_id, count(CASE WHEN {_EMPTY} THEN 1 END) AS empty,"
    f" count(CASE WHEN {_EMPTY} AND correct = 1 THEN 1 END) AS empty_correct,"
    f" total(CASE WHEN {_EMPTY} THEN score END) AS empty_score,"
    " count(CASE WHEN timed_out THEN 1 END) AS timed_out,"
    f" count(CASE WHEN {_UNSCORED} THEN 1 END) AS unscored"
    f" FROM answers WHERE probe_index = -1 AND ({_EMPTY} OR timed_out OR {_UNSCORED}) GROUP BY session_id"
)

_NOTHING_STATED = SessionSelfKnowledge()  # shared by the (many) sessions without any
_RATED = "confidence IS NOT NULL AND correct IS NOT NULL"
_SELF = (
    f"SELECT session_id, count(CASE WHEN {_RATED} THEN 1 END) AS rated,"
    f" total(CASE WHEN {_RATED} THEN (confidence - correct) * (confidence - correct) END) AS squared,"
    f" count(CASE WHEN correct = 0 AND confidence >= {HIGH_CONFIDENCE!r} THEN 1 END) AS confident,"
    " count(CASE WHEN correct = 0 AND dangerous = 1 THEN 1 END) AS dangerous,"
    + "".join(
        f" count(CASE WHEN correct = 0 AND miss_reason = '{reason}' THEN 1 END) AS missed_{reason},"
        for reason in MISS_REASONS  # fixed identifiers, not user text
    ).rstrip(",")
    + " FROM answers WHERE probe_index = -1"
    " AND (confidence IS NOT NULL OR miss_reason IS NOT NULL OR dangerous = 1) GROUP BY session_id"
)
_SELF_COLUMNS = ", ".join(
    ["coalesce(k.rated, 0)", "coalesce(k.squared, 0)", "coalesce(k.confident, 0)", "coalesce(k.dangerous, 0)"]
    + [f"coalesce(k.missed_{reason}, 0)" for reason in MISS_REASONS]
)


def list_sessions(
    conn: sqlite3.Connection,
    since: float | None = None,
    bank: str | None = None,
    category: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    session_id: str | None = None,
) -> list[SessionSummary]:
    """Sessions newest first; ``since`` in unix seconds; filters combine with AND."""
    where: list[str] = []
    params: list[str | float] = []
    if session_id is not None:
        where.append("s.id = ?")
        params.append(session_id)
    if since is not None:
        where.append("s.started_at >= ?")
        params.append(since)
    if kind is not None:
        where.append("s.kind = ?")
        params.append(kind)
    if bank is not None:
        where.append("EXISTS (SELECT 1 FROM session_banks AS b WHERE b.session_id = s.id AND b.bank_id = ?)")
        params.append(bank)
    if category is not None:
        where.append("EXISTS (SELECT 1 FROM answers AS c WHERE c.session_id = s.id AND c.category = ?)")
        params.append(category)
    rows = conn.execute(
        "SELECT s.id, s.kind, s.mode, s.started_at, s.finished_at, s.abandoned, s.banks, s.plan_size,"
        " coalesce(t.answered, 0) - coalesce(u.empty, 0), coalesce(t.correct, 0) - coalesce(u.empty_correct, 0),"
        " coalesce(u.timed_out, 0), coalesce(t.score_sum, 0) - coalesce(u.empty_score, 0),"
        f" coalesce(t.time_spent, 0), coalesce(u.unscored, 0), {_SELF_COLUMNS}"
        " FROM sessions AS s LEFT JOIN session_totals AS t ON t.session_id = s.id"
        f" LEFT JOIN ({_CORRECTIONS}) AS u ON u.session_id = s.id"
        f" LEFT JOIN ({_SELF}) AS k ON k.session_id = s.id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY s.started_at DESC, s.id"
        + (" LIMIT ?" if limit is not None else ""),
        [*params, *([limit] if limit is not None else [])],
    ).fetchall()
    return [
        SessionSummary(
            session_id=sid,
            kind=k,
            mode=mode,
            started_at=started,
            finished_at=finished,
            status="abandoned" if abandoned else ("finished" if finished is not None else "unfinished"),
            banks=json.loads(banks),
            numbers=SessionNumbers(total, answered, correct, timed_out, score_sum, duration, unscored),
            self_knowledge=(
                SessionSelfKnowledge(
                    rated, squared, confident, dangerous, tuple(zip(MISS_REASONS, reasons, strict=True))
                )
                if rated or dangerous or any(reasons)
                else _NOTHING_STATED
            ),
        )
        for (
            sid,
            k,
            mode,
            started,
            finished,
            abandoned,
            banks,
            total,
            answered,
            correct,
            timed_out,
            score_sum,
            duration,
            unscored,
            rated,
            squared,
            confident,
            dangerous,
            *reasons,
        ) in rows
    ]


def sessions_by_prefix(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """Ids starting with ``prefix`` (the whole id matches itself even if it prefixes another)."""
    if not prefix:
        return []
    exact = conn.execute("SELECT id FROM sessions WHERE id = ?", (prefix,)).fetchone()
    if exact is not None:
        return [exact[0]]
    return [
        r[0]
        for r in conn.execute(  # substr, not LIKE: ids are case-sensitive
            "SELECT id FROM sessions WHERE substr(id, 1, ?) = ? ORDER BY started_at, id LIMIT 10", (len(prefix), prefix)
        )
    ]


@dataclass(frozen=True, slots=True)
class PromptAttempt:
    """One stored main answer to an interview prompt, with its coverage after overrides."""

    session_id: str
    position: int
    content_hash: str
    answered_at: float
    text: str
    covered: int
    total: int
    time_used: float

    @property
    def score(self) -> float | None:
        return self.covered / self.total if self.total else None


def prompt_attempts(conn: sqlite3.Connection, bank_id: str, question_id: str) -> list[PromptAttempt]:
    """Every main answer (probe answers aside) to ``bank_id``/``question_id``, oldest first."""
    rows = conn.execute(
        "SELECT a.session_id, a.position, a.content_hash, a.answered_at, i.text, i.covered, i.total, i.time_used"
        " FROM answers AS a JOIN interview_answers AS i"
        "   ON i.session_id = a.session_id AND i.position = a.position AND i.probe_index = a.probe_index"
        " WHERE a.bank_id = ? AND a.question_id = ? AND a.probe_index = -1"
        " ORDER BY a.answered_at, a.id",
        (bank_id, question_id),
    ).fetchall()
    return [PromptAttempt(*row) for row in rows]
