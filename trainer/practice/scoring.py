"""Scoring knowledge questions, parsing numeric input, and summarising a quiz's results.

``score`` looks the question's type up in the registry (``trainer.practice.qtypes``); each
type's module names its scorer. The scorers of the first three types live here:

* ``single``: 1 if the chosen option is the answer, else 0.
* ``multiple``: all-or-nothing (the selected set equals the answer set), plus a verdict per
  option: ``correct`` (selected and right), ``missed`` (right, not selected), ``wrong``
  (selected, not right), ``""`` (neither).
* ``numeric``: correct when ``|value - answer| <= allowed_error`` (absolute tolerance, or a
  percent of the answer), inclusive, with a tiny relative slack so float noise never turns
  a boundary value wrong (``within_tolerance``).

Numeric input (``parse_number``) accepts, after trimming whitespace:
``7.5``, ``-3``, ``+2``, ``.5``, ``7,5`` (a single comma is a decimal comma), ``1e2``,
``2.5E-3``, thousands grouped with commas when unambiguous (``1,000,000``, ``1,000.5``), a
Unicode minus, and the question's unit after the number (``45 MME/day``). Rejected with a
message (never scored as wrong): empty input, anything that is not a number (``abc``,
``1_000``, ``inf``, ``nan``, ``1 000``, ``1.000,5``), and ``1,000``/``12,345`` (one
comma, then exactly three digits, no leading zero), which is a thousand in English and one
in much of Europe, so the candidate is asked to write it without the ambiguity.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from trainer.banks.questions import (
    KnowledgeQuestion,
    MultipleQuestion,
    NumericQuestion,
    Option,
    QuestionBase,
    Reference,
    SingleQuestion,
)
from trainer.history.numbers import ItemFacts, SessionNumbers
from trainer.practice.qtypes.base import InvalidAnswer

# --- numbers -----------------------------------------------------------------------------

_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\uff0b": "+"})


class InvalidNumber(InvalidAnswer):
    """Input that is not a number; ``message`` is meant for the candidate."""


def parse_number(text: str, unit: str | None = None) -> float:
    """The number the candidate typed, or ``InvalidNumber`` saying what to write instead."""
    raw = text.strip().translate(_MINUS_SIGNS)
    if unit and raw.casefold().endswith(unit.strip().casefold()):
        raw = raw[: len(raw) - len(unit.strip())].rstrip()
    if not raw:
        raise InvalidNumber("Enter a number, e.g. 7.5")
    shown = text.strip()
    if _AMBIGUOUS.fullmatch(raw):
        thousands, decimal = raw.replace(",", ""), raw.replace(",", ".")  # a sign is kept as typed
        raise InvalidNumber(f"{shown!r} is ambiguous: write {thousands} (thousands) or {decimal} (decimal point)")
    if _PLAIN.fullmatch(raw):
        value = float(raw)
    elif _GROUPED.fullmatch(raw):
        value = float(raw.replace(",", ""))
    elif _DECIMAL_COMMA.fullmatch(raw):
        value = float(raw.replace(",", "."))
    else:
        raise InvalidNumber(f"{shown!r} is not a number; write digits, e.g. 7.5 or 7,5")
    if not math.isfinite(value):
        raise InvalidNumber(f"{shown!r} is too large")
    return value


def format_number(value: float) -> str:
    """Shortest plain text that ``parse_number`` reads back as exactly ``value``."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def within_tolerance(value: float, answer: float, allowed_error: float) -> bool:
    """``|value - answer| <= allowed_error``, inclusive and robust to float noise."""
    slack = 1e-9 * max(1.0, abs(answer), abs(value))
    return abs(value - answer) <= allowed_error + slack


# --- per-question scoring ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OptionVerdict:
    """One option as the candidate saw it, with what was right about it."""

    number: int  # 1-based, in displayed order
    option: Option
    selected: bool
    is_answer: bool

    @property
    def verdict(self) -> str:
        """``correct`` | ``missed`` | ``wrong`` | ``""`` (not selected and not an answer)."""
        if self.selected and self.is_answer:
            return "correct"
        if self.is_answer:
            return "missed"
        if self.selected:
            return "wrong"
        return ""


@dataclass(frozen=True, slots=True)
class SequenceRow:
    """One place of an ordering question: the step that belongs there beside the candidate's."""

    place: int  # 1-based
    correct: str  # the step's text in the key
    given: str | None  # the candidate's step at this place; None when unanswered

    @property
    def right(self) -> bool:
        return self.given == self.correct


@dataclass(frozen=True, slots=True)
class Score:
    answered: bool
    correct: bool | None  # None when unanswered (unanswered is not wrong)
    score: float  # 0..1
    correct_answer: str  # for people: "2. Immediate-release opioids", "45 MME/day"
    given_answer: str | None  # None when unanswered
    options: tuple[OptionVerdict, ...] = ()  # displayed order; () for numeric
    sequence: tuple[SequenceRow, ...] = ()  # ordering: the key beside the candidate's order
    dangerous: bool = False  # a wrong answer the bank marks as dangerous (a harm-weighted error)
    harm: tuple[str, ...] = ()  # why, from the bank (one line per dangerous choice)


def _displayed(question: SingleQuestion | MultipleQuestion, order: Sequence[str]) -> list[Option]:
    by_id = {o.id: o for o in question.options}
    return [by_id[i] for i in order] if order else list(question.options)


def _verdicts(
    question: SingleQuestion | MultipleQuestion, order: Sequence[str], selected: frozenset[str], answers: frozenset[str]
) -> tuple[OptionVerdict, ...]:
    return tuple(
        OptionVerdict(n, o, o.id in selected, o.id in answers)
        for n, o in enumerate(_displayed(question, order), start=1)
    )


def _describe(verdicts: Iterable[OptionVerdict], pick: Callable[[OptionVerdict], bool]) -> str:
    return "; ".join(f"{v.number}. {v.option.text}" for v in verdicts if pick(v))


def _result(
    answered: bool, correct: bool, right: str, given: str | None, options: tuple[OptionVerdict, ...] = ()
) -> Score:
    if not answered:
        return Score(False, None, 0.0, right, None, options)
    return Score(True, correct, 1.0 if correct else 0.0, right, given, options)


def with_harm(result: Score, harms: Sequence[str | None], dangerous: bool) -> Score:
    """Mark a wrong answer as dangerous, with the bank's reasons (a right one never is)."""
    if not dangerous or result.correct is not False:
        return result
    return replace(result, dangerous=True, harm=tuple(h for h in harms if h))


def _chosen_harm(result: Score) -> Score:
    picked = [v.option for v in result.options if v.selected and v.option.dangerous]
    return with_harm(result, [o.harm for o in picked], bool(picked))


def score_single(question: SingleQuestion, response: str | None, order: Sequence[str] = ()) -> Score:
    selected: frozenset[str] = frozenset() if response is None else frozenset([response])
    options = _verdicts(question, order, selected, frozenset([question.answer]))
    return _chosen_harm(
        _result(
            response is not None,
            response == question.answer,
            _describe(options, lambda v: v.is_answer),
            _describe(options, lambda v: v.selected),
            options,
        )
    )


def score_multiple(question: MultipleQuestion, response: Iterable[str] | None, order: Sequence[str] = ()) -> Score:
    selected = frozenset(response or ())
    options = _verdicts(question, order, selected, question.answers)
    return _chosen_harm(
        _result(
            bool(selected),
            selected == question.answers,
            _describe(options, lambda v: v.is_answer),
            _describe(options, lambda v: v.selected),
            options,
        )
    )


def score_numeric(question: NumericQuestion, response: float | None, order: Sequence[str] = ()) -> Score:
    unit = f" {question.unit}" if question.unit else ""
    right = f"{format_number(question.answer)}{unit}"
    if question.allowed_error > 0:
        low = question.answer - question.allowed_error
        high = question.answer + question.allowed_error
        right += f" (accepted {format_number(round(low, 10))} to {format_number(round(high, 10))})"
    if response is None:
        return _result(False, False, right, None)
    value = float(response)
    result = _result(
        True,
        within_tolerance(value, question.answer, question.allowed_error),
        right,
        f"{format_number(value)}{unit}",
    )
    return with_harm(result, [question.harm], question.dangerous(value))


def score(question: QuestionBase, response: object, order: Sequence[str] = ()) -> Score:
    """Score any knowledge question by its type's scorer; ``response`` None means unanswered.

    ``response`` is the type's response or its stored form (a list for a set of option ids)."""
    from trainer.practice.qtypes import answer_type

    return answer_type(question.type).score(question, response, order)


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    correct: int = 0
    answered: int = 0
    total: int = 0

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def wrong(self) -> int:
        return self.answered - self.correct

    @property
    def accuracy(self) -> float | None:
        """Correct out of answered items, in percent: the score of ``trainer.history.numbers``."""
        return 100.0 * self.correct / self.answered if self.answered else None

    def add(self, item: ItemOutcome) -> Tally:
        return Tally(
            self.correct + (item.score.correct is True),
            self.answered + item.score.answered,
            self.total + 1,
        )


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """One planned item as scored: tutor-mode feedback after an answer, and every item at the end."""

    position: int
    question: KnowledgeQuestion
    option_order: tuple[str, ...]
    score: Score
    time_spent: float
    flagged: bool
    timed_out: bool

    @property
    def key(self) -> tuple[str, str]:
        return self.question.key

    @property
    def correct(self) -> bool | None:
        return self.score.correct

    @property
    def explanation(self) -> str:
        return self.question.explanation

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.question.references


@dataclass(frozen=True, slots=True)
class Results:
    session_id: str
    mode: str
    ended_by: str  # "submitted" | "ended_early" | "time_up"
    overall: Tally
    by_category: Mapping[str, Tally]  # category id -> tally, in plan order of first appearance
    by_difficulty: Mapping[int, Tally]  # ascending difficulty
    total_time: float  # session clock time, as measured (feedback reading included; not shown)
    average_time: float | None  # per answered item; None when nothing was answered
    items: tuple[ItemOutcome, ...]
    numbers: SessionNumbers  # score, answered, unanswered, timed out, duration: as `history` shows them

    @property
    def answering_time(self) -> float:
        """The session's duration: time spent on the items (``SessionNumbers.duration``)."""
        return self.numbers.duration

    @property
    def missed(self) -> tuple[ItemOutcome, ...]:
        """Answered wrong, with ``score.correct_answer``, ``score.given_answer``, explanation."""
        return tuple(i for i in self.items if i.score.correct is False)

    @property
    def unanswered(self) -> tuple[ItemOutcome, ...]:
        return tuple(i for i in self.items if not i.score.answered)

    @property
    def flagged(self) -> tuple[ItemOutcome, ...]:
        return tuple(i for i in self.items if i.flagged)

    def retry_keys(self, include_unanswered: bool = True) -> tuple[tuple[str, str], ...]:
        """Keys for ``select_keys`` to practise the missed (and unanswered) items again."""
        keep = self.missed + (self.unanswered if include_unanswered else ())
        return tuple(i.key for i in sorted(keep, key=lambda i: i.position))


def summarise(items: Sequence[ItemOutcome], *, session_id: str, mode: str, ended_by: str, total_time: float) -> Results:
    """Tally a finished session overall, per category and per difficulty."""
    overall = Tally()
    by_category: dict[str, Tally] = {}
    by_difficulty: dict[int, Tally] = {}
    for item in items:
        overall = overall.add(item)
        q = item.question
        by_category[q.category] = by_category.get(q.category, Tally()).add(item)
        by_difficulty[q.difficulty] = by_difficulty.get(q.difficulty, Tally()).add(item)
    answered_times = [i.time_spent for i in items if i.score.answered]
    return Results(
        session_id=session_id,
        mode=mode,
        ended_by=ended_by,
        overall=overall,
        by_category=by_category,
        by_difficulty=dict(sorted(by_difficulty.items())),
        total_time=total_time,
        average_time=sum(answered_times) / len(answered_times) if answered_times else None,
        items=tuple(items),
        numbers=SessionNumbers.of(
            len(items),
            (ItemFacts(i.score.answered, i.score.correct, i.score.score, i.timed_out, i.time_spent) for i in items),
        ),
    )
