"""``single``: one best answer among 2-9 options."""

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
from trainer.banks.questions import SingleQuestion
from trainer.banks.schema import SchemaError


def build(q: RawQuestion, common: CommonFields, synonyms: Synonyms = ()) -> SingleQuestion:
    return SingleQuestion(
        **common, stem=q["stem"], options=options_of(q), answer=q["answer"], shuffle=q.get("shuffle", True)
    )


def check(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    yield from first_seen(question["options"], f"{base}/options", "option")
    yield from dangerous_options(question, base, [question["answer"]])
    option_ids = [o["id"] for o in question["options"]]
    if question["answer"] not in option_ids:
        yield SchemaError(
            f"{base}/answer", f"answer '{question['answer']}' is not one of the options ({', '.join(option_ids)})"
        )


TYPE = BankType(tag="single", model=SingleQuestion, build=build, check=check)
