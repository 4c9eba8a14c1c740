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
from typing import TYPE_CHECKING

from trainer.banks.qtypes import knowledge_tags, tags

if TYPE_CHECKING:
    # What ``__getattr__`` below hands out at run time, with its real types for the checker
    # (``X as X``: an explicit re-export, so ``from trainer.banks.model import X`` type-checks).
    from trainer.banks.questions import KeyPoint as KeyPoint
    from trainer.banks.questions import KnowledgeQuestion as KnowledgeQuestion
    from trainer.banks.questions import MultipleQuestion as MultipleQuestion
    from trainer.banks.questions import NumericQuestion as NumericQuestion
    from trainer.banks.questions import Omission as Omission
    from trainer.banks.questions import OpenQuestion as OpenQuestion
    from trainer.banks.questions import Option as Option
    from trainer.banks.questions import Probe as Probe
    from trainer.banks.questions import Question as Question
    from trainer.banks.questions import QuestionBase as QuestionBase
    from trainer.banks.questions import RedFlag as RedFlag
    from trainer.banks.questions import Reference as Reference
    from trainer.banks.questions import SingleQuestion as SingleQuestion


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
    first: tuple[str, ...] = ()  # question ids of this bank asked first, in order
    last: tuple[str, ...] = ()  # question ids of this bank asked last, in order


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


_QUESTION_NAMES = frozenset(
    {
        "Reference",
        "Option",
        "KeyPoint",
        "RedFlag",
        "Omission",
        "Probe",
        "SingleQuestion",
        "MultipleQuestion",
        "NumericQuestion",
        "OpenQuestion",
        "KnowledgeQuestion",
        "Question",
        "QuestionBase",
    }
)


if not TYPE_CHECKING:  # the checker sees the imports above; an unknown name stays an error for it

    def __getattr__(name: str) -> object:
        """The question types live in ``trainer.banks.questions``, loaded with the first question
        read: a start-up from the bank cache builds none (about 10 ms of class creation saved)."""
        if name in _QUESTION_NAMES:
            from trainer.banks import questions

            return getattr(questions, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The bundled types as the registry names them at import (``trainer.banks.qtypes.tags()`` and
# ``knowledge_tags()`` also see a type registered later).
QUESTION_TYPES = tags()
KNOWLEDGE_TYPES = knowledge_tags()


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
        counts = dict.fromkeys(tags(), 0)
        for info in self.index:
            counts[info.type] += 1
        return counts
