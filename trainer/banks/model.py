"""The bank model: frozen dataclasses built from a validated bank.

Nothing here knows about YAML, files or the schema; the loader builds these values only
after a bank has passed every check, so the rest of the program can trust them.

A question's identity is ``(bank_id, id)``; ``content_hash`` changes whenever the
question's content (or its case vignette) changes, so the history can tell an edited
question from the one a candidate answered before.

A bank keeps an ``index`` of small ``QuestionInfo`` values (what choosing, counting and the
history need) next to its ``questions``. The questions may be a plain tuple, or a sequence
that reads each question on demand from the bank cache: a bank of 10,000 questions then
costs the app a few MiB instead of tens (see docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Reference:
    title: str
    source: str
    year: int
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    note: str | None = None

    def citation(self) -> str:
        """One plain-text line a reader can look up."""
        parts = [f"{self.title}. {self.source}, {self.year}."]
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
class Category:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InterviewFormat:
    id: str
    name: str
    description: str
    categories: tuple[str, ...]  # empty means every category of the bank
    prompts: int
    think_seconds: int
    answer_seconds: int
    probes: bool = True
    probe_seconds: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class _QuestionFields:
    """Fields every question type has (kept in one place, not a behaviour hierarchy)."""

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

    @property
    def key(self) -> tuple[str, str]:
        """The question's identity across bank versions: (bank id, question id)."""
        return (self.bank_id, self.id)


@dataclass(frozen=True, kw_only=True, slots=True)
class SingleQuestion(_QuestionFields):
    stem: str
    options: tuple[Option, ...]
    answer: str
    shuffle: bool = True
    type: str = field(default="single", init=False)


@dataclass(frozen=True, kw_only=True, slots=True)
class MultipleQuestion(_QuestionFields):
    stem: str
    options: tuple[Option, ...]
    answers: frozenset[str]
    shuffle: bool = True
    type: str = field(default="multiple", init=False)


@dataclass(frozen=True, kw_only=True, slots=True)
class NumericQuestion(_QuestionFields):
    stem: str
    answer: float
    unit: str
    tolerance: float | None = None
    tolerance_percent: float | None = None
    type: str = field(default="numeric", init=False)

    @property
    def allowed_error(self) -> float:
        """The absolute distance from ``answer`` still counted correct."""
        if self.tolerance is not None:
            return self.tolerance
        return abs(self.answer) * (self.tolerance_percent or 0.0) / 100.0


@dataclass(frozen=True, kw_only=True, slots=True)
class OpenQuestion(_QuestionFields):
    prompt: str
    key_points: tuple[KeyPoint, ...]
    probes: tuple[str, ...] = ()
    think_seconds: int = 30
    answer_seconds: int = 120
    probe_seconds: int | None = None
    model_answer: str | None = None  # Markdown
    type: str = field(default="open", init=False)

    @property
    def stem(self) -> str:
        """The prompt, under the name the other types use for their question text."""
        return self.prompt


@dataclass(frozen=True, slots=True)
class QuestionInfo:
    """What choosing, counting and the history need of a question, without its text."""

    bank_id: str
    id: str
    category: str
    type: str
    difficulty: int
    tags: tuple[str, ...]
    content_hash: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.id)

    @classmethod
    def of(cls, q: Question) -> QuestionInfo:
        return cls(q.bank_id, q.id, q.category, q.type, q.difficulty, q.tags, q.content_hash)


KnowledgeQuestion = SingleQuestion | MultipleQuestion | NumericQuestion
Question = SingleQuestion | MultipleQuestion | NumericQuestion | OpenQuestion

QUESTION_TYPES = ("single", "multiple", "numeric", "open")
KNOWLEDGE_TYPES = ("single", "multiple", "numeric")


@dataclass(frozen=True, slots=True)
class Bank:
    id: str
    title: str
    version: str
    authors: tuple[str, ...]
    license: str
    language: str
    description: str
    categories: tuple[Category, ...]
    questions: Sequence[Question]  # file order; a tuple, or read on demand from the bank cache
    cases: tuple[Case, ...] = ()
    interview_formats: tuple[InterviewFormat, ...] = ()
    source: str = ""  # the file it was loaded from
    bundled: bool = False
    index: tuple[QuestionInfo, ...] = field(default=(), compare=False)  # built from questions when not given
    _positions: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.index and self.questions:
            object.__setattr__(self, "index", tuple(QuestionInfo.of(q) for q in self.questions))
        object.__setattr__(self, "_positions", {info.id: n for n, info in enumerate(self.index)})

    def question(self, question_id: str) -> Question | None:
        """One question by id (read from the cache if the bank was loaded from it)."""
        position = self._positions.get(question_id)
        return None if position is None else self.questions[position]

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def counts_by_category(self) -> dict[str, int]:
        counts = {c.id: 0 for c in self.categories}
        for info in self.index:
            counts[info.category] += 1
        return counts

    def counts_by_type(self) -> dict[str, int]:
        counts = dict.fromkeys(QUESTION_TYPES, 0)
        for info in self.index:
            counts[info.type] += 1
        return counts
