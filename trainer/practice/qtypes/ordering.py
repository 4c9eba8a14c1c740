"""``ordering``: the response is the candidate's order of step ids; the draft, the steps placed so far.

Pressing a step's number places it next; pressing a placed step takes it out again (the
steps after it move up). Only a complete order is an answer.

Scoring: full credit (and ``correct``) only for the exact order. When the question asks for
``partial_credit``, the score is the length of the longest subsequence of the candidate's
order that keeps the key's relative order (for two orders of the same steps: the longest
common subsequence), divided by the number of steps; ``correct`` still needs the exact order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence

from trainer.banks.qtypes.ordering import OrderingQuestion
from trainer.practice.qtypes.base import InvalidAnswer, Plain, TypedAnswer
from trainer.practice.scoring import Score, SequenceRow

Order = tuple[str, ...]


def longest_in_order(given: Sequence[str], key: Sequence[str]) -> int:
    """How many of ``given`` can stay, in their order, and still be in the key's order."""
    place = {step: n for n, step in enumerate(key)}
    tails: list[int] = []  # patience sorting: the longest increasing run of key positions
    for position in (place[s] for s in given if s in place):
        at = bisect_left(tails, position)
        if at == len(tails):
            tails.append(position)
        else:
            tails[at] = position
    return len(tails)


def grade(question: OrderingQuestion, response: Order | None, order: Sequence[str] = ()) -> Score:
    texts = {step.id: step.text for step in question.steps}
    key = question.answer
    right = " → ".join(f"{n}. {texts[s]}" for n, s in enumerate(key, start=1))
    if response is None:
        rows = tuple(SequenceRow(n, texts[s], None) for n, s in enumerate(key, start=1))
        return Score(False, None, 0.0, right, None, sequence=rows)
    rows = tuple(
        SequenceRow(n, texts[s], texts.get(g)) for n, (s, g) in enumerate(zip(key, response, strict=False), start=1)
    )
    exact = tuple(response) == key
    credit = 1.0 if exact else (longest_in_order(response, key) / len(key) if question.partial_credit else 0.0)
    given = " → ".join(f"{n}. {texts.get(s, s)}" for n, s in enumerate(response, start=1))
    return Score(True, exact, credit, right, given, sequence=rows)


class OrderingAnswer(TypedAnswer[OrderingQuestion, Order, Order]):
    tag = "ordering"
    question_class = OrderingQuestion
    ranked = True

    def draft_of(self, question: OrderingQuestion, saved: Order | None) -> Order:
        return saved or ()

    def choose(self, question: OrderingQuestion, draft: Order, option_id: str) -> Order:
        if option_id in draft:
            return tuple(s for s in draft if s != option_id)
        return (*draft, option_id)

    def response(self, question: OrderingQuestion, draft: Order) -> Order | None:
        if not draft:
            return None
        if len(draft) < len(question.steps):
            raise InvalidAnswer(f"Place every step: {len(draft)} of {len(question.steps)} placed")
        return draft

    def marks(self, question: OrderingQuestion, draft: Order) -> Mapping[str, int]:
        return {step: n for n, step in enumerate(draft, start=1)}

    def grade(self, question: OrderingQuestion, response: Order | None, order: Sequence[str]) -> Score:
        return grade(question, response, order)

    def coerce(self, question: OrderingQuestion, value: object) -> Order | None:
        if value is None:
            return None
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise TypeError(f"an order of step ids, not {value!r}")
        return tuple(str(v) for v in value) or None

    def to_plain(self, response: Order) -> Plain:
        return response


TYPE = OrderingAnswer()
