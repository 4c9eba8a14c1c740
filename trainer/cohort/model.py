"""What the cohort report reads from an export: plain frozen values, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

DAY = 86_400.0


def week_of(t: float) -> int:
    """Weeks since Monday 1969-12-29 (unix day 0 was a Thursday): weeks run Monday to Sunday, UTC."""
    return int((t // DAY + 3) // 7)


class Answer(NamedTuple):
    """One scored quiz answer (the latest for its place in its session).

    A NamedTuple rather than a frozen dataclass, as immutable, because a report makes one per
    answer (250,000 for 50 residents) and a NamedTuple is made five times faster.
    """

    session_id: str
    position: int
    bank_id: str
    question_id: str
    content_hash: str  # the item's version: an edited item is analysed apart
    question_type: str
    category: str
    tags: tuple[str, ...]
    chosen: tuple[str, ...]  # option ids chosen (single, multiple); () for other types
    options: tuple[str, ...]  # option ids shown (the plan's option order); () when unknown
    correct: bool
    seconds: float
    answered_at: float  # unix seconds
    week: int = 0  # week_of(answered_at), computed once by the reader

    @property
    def item(self) -> tuple[str, str, str]:
        return (self.bank_id, self.question_id, self.content_hash)


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A red flag the judge found in an interview answer."""

    flag_id: str
    statement: str
    kind: str  # "unsafe" | "cliche"


@dataclass(frozen=True, slots=True)
class PromptAnswer:
    """One judged interview answer (a main prompt or a probe)."""

    session_id: str
    position: int
    probe_index: int | None
    bank_id: str
    question_id: str
    content_hash: str
    category: str
    tags: tuple[str, ...]
    covered: tuple[bool, ...]  # the judge's automatic verdict per key point (self-ratings ignored)
    flags: tuple[RedFlag, ...]
    answered_at: float


@dataclass(frozen=True, slots=True)
class Note:
    """A resident's note about a problem with an item (free text: dropped by ``--anonymise``)."""

    bank_id: str
    question_id: str
    content_hash: str
    text: str


@dataclass(frozen=True, slots=True)
class Resident:
    """One resident's merged history: every export of theirs counts once."""

    key: str  # stable identity: the export's resident id, else the first session id
    name: str  # what the report shows (the display name, a file name, or a pseudonym)
    program: str | None
    sources: tuple[str, ...]  # the export files merged into this resident
    answers: tuple[Answer, ...]
    prompts: tuple[PromptAnswer, ...]
    notes: tuple[Note, ...] = ()
