"""What every question type of the practice layer provides, and the per-item answer slot.

A type subclasses ``TypedAnswer[Q, R, D]``: ``Q`` its question class, ``R`` its response (what
is recorded: an option id, a set of ids, a number, an order of step ids), ``D`` its draft (what
is being edited: typed text, the choices so far). The quiz session holds one ``AnswerSlot``
per item and never looks at ``R`` or ``D``: it asks the slot to edit, check, save, restore and
score, so a new type needs no change in the session.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Generic, Protocol, TypeAlias, TypeVar

from trainer.banks.questions import Option, QuestionBase

if TYPE_CHECKING:
    from trainer.practice.scoring import Score

CHOICE = "choice"  # keys 1-9 edit the draft; exam mode records each change at once
TEXT = "text"  # typed into a field; recorded on submit, and on leaving the item in exam mode

# A response as the history stores it (JSON gives tuples back as lists; ``coerce`` reads both).
Plain: TypeAlias = str | float | tuple[str, ...] | None

Q = TypeVar("Q", bound=QuestionBase)
R = TypeVar("R")
D = TypeVar("D")


class InvalidAnswer(ValueError):
    """A draft that is not an answer yet; ``message`` is meant for the candidate."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AnswerSlot(Protocol):
    """One quiz item's answer: the recorded response and the draft being edited."""

    @property
    def entry(self) -> str: ...  # CHOICE | TEXT
    @property
    def answered(self) -> bool: ...
    @property
    def ranked(self) -> bool: ...  # the marks are places in an order (ordering), not just "chosen"
    def options(self) -> tuple[Option, ...]: ...  # as displayed; () when the type has none
    def choose(self, number: int) -> None: ...  # option ``number`` (1-based, displayed); InvalidAnswer if none
    def type_text(self, text: str) -> None: ...  # InvalidAnswer when the type takes options
    def clear(self) -> None: ...
    def pending(self) -> bool: ...  # the draft holds a response (InvalidAnswer: it cannot be one)
    def commit(self) -> bool: ...  # the draft becomes the response; True when that changed it
    def take_draft(self) -> None: ...  # time ran out: a valid draft is kept, an invalid one dropped
    def reset_draft(self) -> None: ...
    def unsaved(self) -> bool: ...
    def restore(self, stored: object) -> None: ...
    def plain(self) -> Plain: ...
    def score(self) -> Score: ...
    def text(self) -> str: ...  # what a TEXT type's field shows
    def marks(self) -> Mapping[str, int]: ...  # option id -> mark (1 = chosen; ordering: its place)
    def unit(self) -> str: ...


class AnswerType(Protocol):
    """The registry's view of a type (``TypedAnswer`` implements it)."""

    tag: str
    entry: str

    def slot(self, question: QuestionBase, order: Sequence[str] = ()) -> AnswerSlot: ...
    def score(self, question: QuestionBase, response: object, order: Sequence[str] = ()) -> Score: ...


class TypedAnswer(ABC, Generic[Q, R, D]):
    """The typed rules of one question type (see the module docstring)."""

    tag: ClassVar[str]
    entry: ClassVar[str] = CHOICE
    question_class: ClassVar[type[QuestionBase]]
    ranked: ClassVar[bool] = False  # marks are places in an order
    refuse_options: ClassVar[str] = "This question takes a typed answer, not an option"
    refuse_text: ClassVar[str] = "This question has options, not a number"

    # --- what the type must say -------------------------------------------------------

    @abstractmethod
    def draft_of(self, question: Q, saved: R | None) -> D:
        """The draft that shows ``saved`` (or nothing)."""

    @abstractmethod
    def response(self, question: Q, draft: D) -> R | None:
        """The draft as a response (None: nothing yet); ``InvalidAnswer`` when it cannot be one."""

    @abstractmethod
    def grade(self, question: Q, response: R | None, order: Sequence[str]) -> Score:
        """The pure scorer: ``response`` None means unanswered (never wrong)."""

    @abstractmethod
    def coerce(self, question: Q, value: object) -> R | None:
        """A response from what was stored (or handed to ``scoring.score``); ``TypeError`` if it is none."""

    @abstractmethod
    def to_plain(self, response: R) -> Plain:
        """What the history stores (the stored form of a type's responses never changes)."""

    # --- optional ---------------------------------------------------------------------

    def choose(self, question: Q, draft: D, option_id: str) -> D:
        raise InvalidAnswer(self.refuse_options)

    def type_text(self, question: Q, draft: D, text: str) -> D:
        raise InvalidAnswer(self.refuse_text)

    def text(self, draft: D) -> str:
        return ""

    def marks(self, question: Q, draft: D) -> Mapping[str, int]:
        return {}

    def unit(self, question: Q) -> str:
        return ""

    def choices(self, question: Q) -> tuple[Option, ...]:
        """The options a candidate picks from (in bank order; the quiz shows ``order``)."""
        options: tuple[Option, ...] = getattr(question, "options", ())
        return options

    # --- the registry's interface -------------------------------------------------------

    def narrow(self, question: QuestionBase) -> Q:
        if not isinstance(question, self.question_class):
            raise TypeError(f"{question.bank_id}/{question.id} is not a {self.tag} question")
        return question  # type: ignore[return-value]  # Q is question_class; a ClassVar cannot say so

    def slot(self, question: QuestionBase, order: Sequence[str] = ()) -> AnswerSlot:
        return Slot(self, self.narrow(question), tuple(order))

    def score(self, question: QuestionBase, response: object, order: Sequence[str] = ()) -> Score:
        typed = self.narrow(question)
        return self.grade(typed, self.coerce(typed, response), order)


class Slot(Generic[Q, R, D]):
    """``AnswerSlot`` for one item of a ``TypedAnswer`` type."""

    __slots__ = ("draft", "kind", "order", "question", "saved")

    def __init__(self, kind: TypedAnswer[Q, R, D], question: Q, order: tuple[str, ...]) -> None:
        self.kind = kind
        self.question = question
        self.order = order
        self.saved: R | None = None
        self.draft: D = kind.draft_of(question, None)

    @property
    def entry(self) -> str:
        return self.kind.entry

    @property
    def answered(self) -> bool:
        return self.saved is not None

    @property
    def ranked(self) -> bool:
        return self.kind.ranked

    def options(self) -> tuple[Option, ...]:
        by_id = {o.id: o for o in self.kind.choices(self.question)}
        return tuple(by_id[i] for i in self.order) if self.order else tuple(by_id.values())

    def choose(self, number: int) -> None:
        if self.kind.entry != CHOICE:
            raise InvalidAnswer(self.kind.refuse_options)
        options = self.options()
        if not 1 <= number <= len(options):
            raise InvalidAnswer(f"There is no option {number}")
        self.draft = self.kind.choose(self.question, self.draft, options[number - 1].id)

    def type_text(self, text: str) -> None:
        self.draft = self.kind.type_text(self.question, self.draft, text)

    def clear(self) -> None:
        self.draft = self.kind.draft_of(self.question, None)

    def pending(self) -> bool:
        return self.kind.response(self.question, self.draft) is not None

    def commit(self) -> bool:
        response = self.kind.response(self.question, self.draft)
        changed = response != self.saved
        self.saved = response
        return changed

    def take_draft(self) -> None:
        try:
            response = self.kind.response(self.question, self.draft)
        except InvalidAnswer:
            response = None
        if response is not None:
            self.saved = response
        self.reset_draft()

    def reset_draft(self) -> None:
        self.draft = self.kind.draft_of(self.question, self.saved)

    def unsaved(self) -> bool:
        try:
            return self.kind.response(self.question, self.draft) != self.saved
        except InvalidAnswer:
            return True

    def restore(self, stored: object) -> None:
        self.saved = self.kind.coerce(self.question, stored)
        self.reset_draft()

    def plain(self) -> Plain:
        return None if self.saved is None else self.kind.to_plain(self.saved)

    def score(self) -> Score:
        return self.kind.grade(self.question, self.saved, self.order)

    def text(self) -> str:
        return self.kind.text(self.draft)

    def marks(self) -> Mapping[str, int]:
        return self.kind.marks(self.question, self.draft)

    def unit(self) -> str:
        return self.kind.unit(self.question)
