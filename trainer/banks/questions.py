"""The question types of the bank model (re-exported by ``trainer.banks.model``).

Frozen dataclasses built only from validated banks. Kept apart from the bank-level model so
that a start-up from the bank cache, which reads no question, does not create these classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeAlias

from trainer.banks.model import Case

if TYPE_CHECKING:
    from trainer.banks.qtypes.extended_matching import MatchingQuestion
    from trainer.banks.qtypes.ordering import OrderingQuestion


@dataclass(frozen=True, slots=True)
class Reference:
    title: str
    source: str
    year: int
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    note: str | None = None
    version: str | None = None  # the guideline's or label's version or edition

    def citation(self) -> str:
        """One plain-text line a reader can look up."""
        parts = [f"{self.title}. {self.source}, {self.year}."]
        if self.version:
            parts.append(f"Version: {self.version}.")
        if self.doi:
            parts.append(f"doi:{self.doi}")
        if self.pmid:
            parts.append(f"PMID {self.pmid}")
        if self.url:
            parts.append(self.url)
        if self.note:
            parts.append(f"({self.note})")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: str
    dangerous: bool = False  # single/multiple: choosing it is a harm-weighted ("dangerous") error
    harm: str | None = None  # why it is dangerous, shown with the error (plain text)


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """What a strong answer covers: any one keyword, plus one phrase of each ``requires`` group
    near it. ``stance`` "reject" means the point is met when the answer rejects the keyword.
    ``if_rejected`` names the red flag an answer raises by saying it would *not* do this
    ("there's no need for a slow taper" for "slow, collaborative taper"): turning down the safe
    course is endorsing the unsafe one, in words no keyword list can foresee."""

    text: str
    keywords: tuple[str, ...]
    requires: tuple[tuple[str, ...], ...] = ()
    stance: str = "endorse"  # "endorse" | "reject"
    reference: Reference | None = None
    if_rejected: str | None = None  # a red flag id of the same question (or probe)


@dataclass(frozen=True, slots=True)
class Omission:
    """An unsafe act that is something left out: the answer plans one of ``plans`` and covers
    none of the key points numbered in ``without`` (1-based, as the feedback numbers them),
    e.g. physiotherapy for red-flag back pain with no investigation. Nothing in such an answer
    endorses a keyword, so only the plan and the missing points can show it."""

    plans: tuple[str, ...]
    without: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class RedFlag:
    """Something a strong answer does not say: raised when the answer endorses it, not when it rejects it."""

    id: str
    statement: str
    keywords: tuple[str, ...]
    why: str
    kind: str = "unsafe"  # "unsafe" | "cliche"
    requires: tuple[tuple[str, ...], ...] = ()
    reference: Reference | None = None
    omission: Omission | None = None  # also raised by a plan without the points it needs


@dataclass(frozen=True, slots=True)
class Probe:
    """A follow-up question; judged like the main answer when it has key points or red flags."""

    prompt: str
    key_points: tuple[KeyPoint, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class QuestionBase:
    """Fields every question type has (kept in one place, not a behaviour hierarchy).

    Behaviour per type lives in the type's modules (``trainer.banks.qtypes``), not here."""

    id: str
    bank_id: str
    category: str
    difficulty: int
    content_hash: str
    tags: tuple[str, ...] = ()
    case: Case | None = None
    time_limit_seconds: int | None = None
    references: tuple[Reference, ...] = ()
    explanation: str = ""  # Markdown
    # Review metadata (issue 20): the ABA outline topic, the date a clinician last checked the
    # item, and the year a yearly-changing rule (NRMP, ACGME, boards) is stated for.
    section: str | None = None
    reviewed: date | None = None
    rule_year: int | None = None
    if TYPE_CHECKING:
        type: str  # the registry tag; each type's class sets it (a field of its own, not init)

    @property
    def key(self) -> tuple[str, str]:
        """The question's identity across bank versions: (bank id, question id)."""
        return (self.bank_id, self.id)


@dataclass(frozen=True, kw_only=True, slots=True)
class SingleQuestion(QuestionBase):
    stem: str
    options: tuple[Option, ...]
    answer: str
    shuffle: bool = True
    type: str = field(default="single", init=False)


@dataclass(frozen=True, kw_only=True, slots=True)
class MultipleQuestion(QuestionBase):
    stem: str
    options: tuple[Option, ...]
    answers: frozenset[str]
    shuffle: bool = True
    type: str = field(default="multiple", init=False)


@dataclass(frozen=True, kw_only=True, slots=True)
class NumericQuestion(QuestionBase):
    stem: str
    answer: float
    unit: str
    tolerance: float | None = None
    tolerance_percent: float | None = None
    dangerous_below: float | None = None  # a wrong value below this is a dangerous error
    dangerous_above: float | None = None  # ... above this
    dangerous_factor: float | None = None  # ... at most answer / factor or at least answer x factor
    harm: str | None = None  # why such a value is dangerous, shown with the error (plain text)
    type: str = field(default="numeric", init=False)

    @property
    def allowed_error(self) -> float:
        """The absolute distance from ``answer`` still counted correct."""
        if self.tolerance is not None:
            return self.tolerance
        return abs(self.answer) * (self.tolerance_percent or 0.0) / 100.0

    def dangerous(self, value: float) -> bool:
        """``value`` falls in a range the bank marks as dangerous (the checks keep the answer out)."""
        if self.dangerous_below is not None and value < self.dangerous_below:
            return True
        if self.dangerous_above is not None and value > self.dangerous_above:
            return True
        factor = self.dangerous_factor
        if factor is not None and self.answer > 0:
            return value <= self.answer / factor or value >= self.answer * factor
        return False


@dataclass(frozen=True, kw_only=True, slots=True)
class OpenQuestion(QuestionBase):
    prompt: str
    key_points: tuple[KeyPoint, ...]
    probes: tuple[Probe, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    # the bank's synonyms (term -> phrases), copied here so a judge needs only the question
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    think_seconds: int = 30
    answer_seconds: int = 120
    probe_seconds: int | None = None
    model_answer: str | None = None  # Markdown
    type: str = field(default="open", init=False)

    @property
    def stem(self) -> str:
        """The prompt, under the name the other types use for their question text."""
        return self.prompt


# The bundled types, for static checking; the seam itself works with ``QuestionBase`` and the
# registries, so a type added through them needs no change here. (Strings: the new types'
# modules import this one.)
KnowledgeQuestion: TypeAlias = (
    "SingleQuestion | MultipleQuestion | NumericQuestion | OrderingQuestion | MatchingQuestion"
)
Question: TypeAlias = (
    "SingleQuestion | MultipleQuestion | NumericQuestion | OrderingQuestion | MatchingQuestion | OpenQuestion"
)
