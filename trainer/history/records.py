"""Plain records exchanged with the history store (no SQLite here).

The practice layer produces these values; the app hands each one to ``Store`` the moment
it happens; the store commits it in its own transaction. Everything in a record is plain
data (str, int, float, bool, None, tuples, dicts of those) so it can be stored as columns
or JSON and compared in tests.

Identity: a question is ``(bank_id, question_id)``; ``content_hash`` says which version of
it was answered, so an edited question is not silently mixed with its old answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Confidence stated before the reveal (keys 1-3), as the probability stored with the answer:
# evenly spaced over "better than a guess" so the three land in three reliability bins.
CONFIDENCE_LEVELS: dict[str, float] = {"low": 0.4, "medium": 0.7, "high": 0.9}
HIGH_CONFIDENCE = 0.9  # a wrong answer stated at least this sure is "confidently wrong"
# Why a wrong answer was missed (tagged by one key after the feedback; "time" set on a time-out).
MISS_REASONS: dict[str, str] = {
    "knowledge": "knowledge gap",
    "misread": "misread the question",
    "reasoning": "reasoning error",
    "time": "ran out of time",
}


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """One question in a session's fixed order, with the option order the candidate saw."""

    bank_id: str
    question_id: str
    content_hash: str
    option_order: tuple[str, ...] = ()  # option ids as displayed; () for numeric/open


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A session as started: enough to resume it exactly (same items, same order)."""

    session_id: str  # uuid4 hex, made by the practice layer
    kind: str  # "quiz" | "interview"
    mode: str  # "tutor" | "exam" | "interview"
    started_at: float  # unix seconds (wall clock)
    banks: dict[str, str]  # bank id -> bank version
    settings: dict[str, Any]  # counts, time limits, categories, review filter, format id...
    seed: int | None
    plan: tuple[PlannedItem, ...]


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One answer as given (or changed, in exam mode: the latest per position wins)."""

    session_id: str
    position: int  # index in the session plan
    bank_id: str
    question_id: str
    content_hash: str
    question_type: str  # "single" | "multiple" | "numeric" | "open"
    category: str
    difficulty: int
    tags: tuple[str, ...]
    response: Any  # option id, list of option ids, number, or typed text; None = unanswered
    correct: bool | None  # None when not scored yet (exam mode before submit) or open
    score: float  # 0..1 (open questions: share of key points covered, after overrides)
    time_spent: float  # seconds as measured, never capped
    flagged: bool
    answered_at: float  # unix seconds (wall clock)
    timed_out: bool = False
    probe_index: int | None = None  # interviews: None for the prompt's answer, 0.. for its probes
    confidence: float | None = None  # stated before the reveal, a probability 0..1; None = not asked
    miss_reason: str | None = None  # why it was missed (``trainer.practice.calibration.MISS_REASONS``)
    dangerous: bool = False  # the answer chose what the bank marks as dangerous (harm-weighted error)


@dataclass(frozen=True, slots=True)
class KeyPointVerdict:
    """The judge's verdict on one key point, as stored (the later fields are empty in rows
    written before the judge had them; the judge's version is in the record's metrics)."""

    text: str
    covered: bool  # the automatic verdict
    matched: tuple[str, ...]  # the exact words in the answer that matched
    override: bool | None = None  # the candidate's self-rating, when given
    status: str = ""  # covered | missed | listed | contradicted | unqualified | capped; "" = old row
    via: tuple[str, ...] = ()  # (synonym, keyword) for a match through a synonym: ("SCS", "spinal cord stimulation")
    evidence: tuple[int, int] | None = None  # the sentence that earned it (or the nearest miss), as a span
    spans: tuple[tuple[int, int], ...] = ()  # the matched words, as spans of the answer

    @property
    def final(self) -> bool:
        return self.covered if self.override is None else self.override


@dataclass(frozen=True, slots=True)
class InterviewRecord:
    """The analysed answer to one interview prompt or probe, stored with its answer row."""

    session_id: str
    position: int
    probe_index: int | None  # None for the main prompt, 0.. for follow-up probes
    text: str
    verdicts: tuple[KeyPointVerdict, ...]
    metrics: dict[str, Any] = field(default_factory=dict)  # words, wpm, fillers, longest sentence...
    answer_seconds_allowed: int = 0
    time_used: float = 0.0


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """The interview answer being typed, saved now and then so a crash loses almost nothing.

    One per session (the prompt or probe being answered); a submitted answer replaces it.
    """

    session_id: str
    position: int
    probe_index: int | None  # None: the prompt's main answer, 0..: a follow-up probe
    text: str
    think_used: float  # seconds thought before answering this prompt
    phase_used: float  # seconds of this answer (or probe) phase used when saved
    saved_at: float  # unix seconds (wall clock)


@dataclass(frozen=True, slots=True)
class ItemNote:
    """A candidate's note about a problem with an item, for the bank's authors."""

    bank_id: str
    question_id: str
    content_hash: str  # the version the note is about
    text: str
    created_at: float  # unix seconds (wall clock)
    session_id: str | None = None  # where it was written, when in a session
    position: int | None = None
