"""``ordering``: put 3-8 steps in their order (a procedure's sequence, an escalation ladder).

The bank lists the steps in the correct order; a quiz shows them shuffled. Full credit only
for the exact order; with ``partial_credit: true`` the score is the longest run of steps in
correct relative order (longest common subsequence with the key) divided by the number of
steps (see ``trainer.practice.qtypes.ordering``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from trainer.banks.qtypes.base import BankType, CommonFields, RawQuestion, Synonyms, first_seen, options_of
from trainer.banks.questions import Option, QuestionBase
from trainer.banks.schema import SchemaError


@dataclass(frozen=True, kw_only=True, slots=True)
class OrderingQuestion(QuestionBase):
    stem: str
    steps: tuple[Option, ...]  # in the correct order
    partial_credit: bool = False
    type: str = field(default="ordering", init=False)

    @property
    def options(self) -> tuple[Option, ...]:
        """The steps under the name selection shuffles (a quiz never shows the key's order as given)."""
        return self.steps

    @property
    def shuffle(self) -> bool:
        return True

    @property
    def hide_bank_order(self) -> bool:
        """The steps as the bank lists them are the answer: a quiz never shows them so."""
        return True

    @property
    def answer(self) -> tuple[str, ...]:
        """Step ids in the correct order."""
        return tuple(step.id for step in self.steps)


def build(q: RawQuestion, common: CommonFields, synonyms: Synonyms = ()) -> OrderingQuestion:
    return OrderingQuestion(
        **common, stem=q["stem"], steps=options_of(q, "steps"), partial_credit=q.get("partial_credit", False)
    )


def check(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    yield from first_seen(question["steps"], f"{base}/steps", "step")
    texts: dict[str, int] = {}
    for index, step in enumerate(question["steps"]):
        text = " ".join(step["text"].split()).casefold()
        if text in texts:
            yield SchemaError(
                f"{base}/steps/{index}/text",
                f"step text repeats step {texts[text] + 1}: two identical steps make the order ambiguous",
            )
        texts.setdefault(text, index)


TYPE = BankType(tag="ordering", model=OrderingQuestion, build=build, check=check)
