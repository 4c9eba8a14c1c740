"""``numeric``: the response is a number; the draft is the text typed (parsed on submit)."""

from __future__ import annotations

from collections.abc import Sequence

from trainer.banks.questions import NumericQuestion
from trainer.practice.qtypes.base import TEXT, Plain, TypedAnswer
from trainer.practice.scoring import Score, format_number, parse_number, score_numeric


class NumericAnswer(TypedAnswer[NumericQuestion, float, str]):
    tag = "numeric"
    entry = TEXT
    question_class = NumericQuestion
    refuse_options = "This question takes a number, not an option"

    def draft_of(self, question: NumericQuestion, saved: float | None) -> str:
        return "" if saved is None else format_number(saved)

    def type_text(self, question: NumericQuestion, draft: str, text: str) -> str:
        return text

    def response(self, question: NumericQuestion, draft: str) -> float | None:
        """``InvalidNumber`` (an ``InvalidAnswer``) for text that is not a number."""
        if not draft.strip():
            return None
        return parse_number(draft, question.unit)

    def text(self, draft: str) -> str:
        return draft

    def unit(self, question: NumericQuestion) -> str:
        return question.unit

    def grade(self, question: NumericQuestion, response: float | None, order: Sequence[str]) -> Score:
        return score_numeric(question, response, order)

    def coerce(self, question: NumericQuestion, value: object) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"a number, not {value!r}")
        return float(value)

    def to_plain(self, response: float) -> Plain:
        return response


TYPE = NumericAnswer()
