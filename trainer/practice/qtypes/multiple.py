"""``multiple``: the response is the set of chosen option ids (stored sorted); each key toggles one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from trainer.banks.questions import MultipleQuestion
from trainer.practice.qtypes.base import Plain, TypedAnswer
from trainer.practice.scoring import Score, score_multiple


class MultipleAnswer(TypedAnswer[MultipleQuestion, frozenset[str], frozenset[str]]):
    tag = "multiple"
    question_class = MultipleQuestion

    def draft_of(self, question: MultipleQuestion, saved: frozenset[str] | None) -> frozenset[str]:
        return saved or frozenset()

    def choose(self, question: MultipleQuestion, draft: frozenset[str], option_id: str) -> frozenset[str]:
        return draft ^ {option_id}

    def response(self, question: MultipleQuestion, draft: frozenset[str]) -> frozenset[str] | None:
        return draft or None

    def marks(self, question: MultipleQuestion, draft: frozenset[str]) -> Mapping[str, int]:
        return dict.fromkeys(draft, 1)

    def grade(self, question: MultipleQuestion, response: frozenset[str] | None, order: Sequence[str]) -> Score:
        return score_multiple(question, response, order)

    def coerce(self, question: MultipleQuestion, value: object) -> frozenset[str] | None:
        if value is None:
            return None
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise TypeError(f"a set of option ids, not {value!r}")
        return frozenset(str(v) for v in value) or None

    def to_plain(self, response: frozenset[str]) -> Plain:
        return tuple(sorted(response))


TYPE = MultipleAnswer()
