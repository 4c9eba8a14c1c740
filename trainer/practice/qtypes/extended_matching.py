"""``extended_matching``: one stem of an EMQ set. The response is the chosen option's id; the
draft is what is typed: the option's letter (A-O, as the list shows them) or its number."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence

from trainer.banks.qtypes.extended_matching import MatchingQuestion
from trainer.practice.qtypes.base import TEXT, InvalidAnswer, Plain, TypedAnswer
from trainer.practice.scoring import OptionVerdict, Score

LETTERS = string.ascii_uppercase


def letter(number: int) -> str:
    """The letter of option ``number`` (1-based): A, B, ..."""
    return LETTERS[number - 1]


def grade(question: MatchingQuestion, response: str | None, order: Sequence[str] = ()) -> Score:
    verdicts = tuple(
        OptionVerdict(n, o, o.id == response, o.id == question.answer) for n, o in enumerate(question.options, 1)
    )
    right = next(f"{letter(v.number)}. {v.option.text}" for v in verdicts if v.is_answer)
    if response is None:
        return Score(False, None, 0.0, right, None, verdicts)
    given = next((f"{letter(v.number)}. {v.option.text}" for v in verdicts if v.selected), response)
    correct = response == question.answer
    return Score(True, correct, 1.0 if correct else 0.0, right, given, verdicts)


class MatchingAnswer(TypedAnswer[MatchingQuestion, str, str]):
    tag = "extended_matching"
    entry = TEXT
    question_class = MatchingQuestion
    refuse_options = "Type the option's letter"
    refuse_text = "This question has options, not a number"

    def draft_of(self, question: MatchingQuestion, saved: str | None) -> str:
        ids = [o.id for o in question.options]
        return letter(ids.index(saved) + 1) if saved in ids else ""

    def type_text(self, question: MatchingQuestion, draft: str, text: str) -> str:
        return text

    def response(self, question: MatchingQuestion, draft: str) -> str | None:
        typed = draft.strip().upper().rstrip(".")
        if not typed:
            return None
        count = len(question.options)
        if len(typed) == 1 and typed in LETTERS[:count]:
            return question.options[LETTERS.index(typed)].id
        if typed.isdigit() and 1 <= int(typed) <= count:
            return question.options[int(typed) - 1].id
        raise InvalidAnswer(f"{draft.strip()!r} is not an option: type a letter from A to {letter(count)}")

    def text(self, draft: str) -> str:
        return draft

    def marks(self, question: MatchingQuestion, draft: str) -> Mapping[str, int]:
        try:
            chosen = self.response(question, draft)
        except InvalidAnswer:
            return {}
        return {} if chosen is None else {chosen: 1}

    def grade(self, question: MatchingQuestion, response: str | None, order: Sequence[str]) -> Score:
        return grade(question, response, order)

    def coerce(self, question: MatchingQuestion, value: object) -> str | None:
        return None if value is None else str(value)

    def to_plain(self, response: str) -> Plain:
        return response


TYPE = MatchingAnswer()
