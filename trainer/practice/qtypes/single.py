"""``single``: the response is the chosen option's id; the draft is the choice so far."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from trainer.banks.questions import SingleQuestion
from trainer.practice.qtypes.base import Plain, TypedAnswer
from trainer.practice.scoring import Score, score_single


class SingleAnswer(TypedAnswer[SingleQuestion, str, str | None]):
    tag = "single"
    question_class = SingleQuestion

    def draft_of(self, question: SingleQuestion, saved: str | None) -> str | None:
        return saved

    def choose(self, question: SingleQuestion, draft: str | None, option_id: str) -> str | None:
        return option_id

    def response(self, question: SingleQuestion, draft: str | None) -> str | None:
        return draft

    def marks(self, question: SingleQuestion, draft: str | None) -> Mapping[str, int]:
        return {} if draft is None else {draft: 1}

    def grade(self, question: SingleQuestion, response: str | None, order: Sequence[str]) -> Score:
        return score_single(question, response, order)

    def coerce(self, question: SingleQuestion, value: object) -> str | None:
        return None if value is None else str(value)

    def to_plain(self, response: str) -> Plain:
        return response


TYPE = SingleAnswer()
