"""``extended_matching`` (EMQ): one theme, one list of 6-15 options, several stems.

One bank entry holds the whole set; ``expand`` turns it into one question per stem, with the
id ``<set id>.<stem id>``, so each stem is scored, stored, reviewed and scheduled as an item
of its own. Each stem question carries the theme, lead-in and the full option list (shown
in the author's order, lettered A-O).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from trainer.banks.qtypes.base import BankType, CommonFields, RawQuestion, Synonyms, first_seen, options_of
from trainer.banks.questions import Option, QuestionBase
from trainer.banks.schema import SchemaError

MAX_ID_LENGTH = 80  # of a question id (schemas/bank.schema.json, questionId)


@dataclass(frozen=True, kw_only=True, slots=True)
class MatchingQuestion(QuestionBase):
    """One stem of an extended-matching set (an item of its own)."""

    set_id: str  # the bank entry this stem belongs to
    theme: str
    lead_in: str
    options: tuple[Option, ...]
    stem: str
    answer: str  # option id
    type: str = field(default="extended_matching", init=False)

    @property
    def shuffle(self) -> bool:
        """Never: the options are lettered A-O in the author's order, as EMQ papers print them."""
        return False


def stem_id(set_id: str, stem: str) -> str:
    return f"{set_id}.{stem}"


def expand(question: RawQuestion) -> Sequence[RawQuestion]:
    """One question per stem (an entry already expanded is returned as it is)."""
    if "stems" not in question:
        return (question,)
    shared = {k: v for k, v in question.items() if k not in ("stems", "id", "explanation")}
    expanded = []
    for stem in question["stems"]:
        explanation = "\n\n".join(part for part in (stem.get("explanation", ""), question["explanation"]) if part)
        expanded.append(
            shared
            | {
                "id": stem_id(question["id"], stem["id"]),
                "set": question["id"],
                "stem": stem["stem"],
                "answer": stem["answer"],
                "explanation": explanation,
            }
        )
    return tuple(expanded)


def build(q: RawQuestion, common: CommonFields, synonyms: Synonyms = ()) -> MatchingQuestion:
    return MatchingQuestion(
        **common,
        set_id=q["set"],
        theme=q["theme"],
        lead_in=q["lead_in"],
        options=options_of(q),
        stem=q["stem"],
        answer=q["answer"],
    )


def check(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    yield from first_seen(question["options"], f"{base}/options", "option")
    yield from first_seen(question["stems"], f"{base}/stems", "stem")
    option_ids = [o["id"] for o in question["options"]]
    for index, stem in enumerate(question["stems"]):
        if stem["answer"] not in option_ids:
            yield SchemaError(
                f"{base}/stems/{index}/answer",
                f"answer '{stem['answer']}' is not one of the options ({', '.join(option_ids)})",
            )
        full = stem_id(question["id"], stem["id"])
        if len(full) > MAX_ID_LENGTH:
            yield SchemaError(
                f"{base}/stems/{index}/id",
                f"the stem's question id '{full}' is longer than {MAX_ID_LENGTH} characters; shorten the ids",
            )


TYPE = BankType(tag="extended_matching", model=MatchingQuestion, build=build, check=check, expand=expand)
