"""``multiple``: select all that apply (all-or-nothing)."""

from __future__ import annotations

from collections.abc import Iterator

from trainer.banks.qtypes.base import (
    BankType,
    CommonFields,
    RawQuestion,
    Synonyms,
    dangerous_options,
    first_seen,
    options_of,
)
from trainer.banks.questions import MultipleQuestion
from trainer.banks.schema import SchemaError


def build(q: RawQuestion, common: CommonFields, synonyms: Synonyms = ()) -> MultipleQuestion:
    return MultipleQuestion(
        **common,
        stem=q["stem"],
        options=options_of(q),
        answers=frozenset(q["answers"]),
        shuffle=q.get("shuffle", True),
    )


def check(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    yield from first_seen(question["options"], f"{base}/options", "option")
    yield from dangerous_options(question, base, question["answers"])
    option_ids = [o["id"] for o in question["options"]]
    answers = question["answers"]
    for position, answer in enumerate(answers):
        if answer not in option_ids:
            yield SchemaError(f"{base}/answers/{position}", f"answer '{answer}' is not one of the options")
        elif answers.index(answer) != position:
            yield SchemaError(f"{base}/answers/{position}", f"answer '{answer}' is listed twice")
    if option_ids and set(option_ids) <= set(answers):
        yield SchemaError(
            f"{base}/answers", "every option is correct; a select-all question needs at least one incorrect option"
        )


TYPE = BankType(tag="multiple", model=MultipleQuestion, build=build, check=check)
