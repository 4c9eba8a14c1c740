"""What every question type of the banks layer provides (``BankType``) and the shared parts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from trainer.banks.model import Case
from trainer.banks.schema import SchemaError

if TYPE_CHECKING:
    from trainer.banks.questions import Option, QuestionBase, Reference

# Validated question data as YAML gave it (mappings, lists, strings, numbers). The schema has
# already checked its shape, so a type's ``build`` reads it by key.
RawQuestion = Mapping[str, Any]
Synonyms = tuple[tuple[str, tuple[str, ...]], ...]  # a bank's term -> phrases, in file order


class CommonFields(TypedDict):
    """The fields every question has, built once for all types (``QuestionBase``)."""

    id: str
    bank_id: str
    category: str
    difficulty: int
    content_hash: str
    tags: tuple[str, ...]
    case: Case | None
    time_limit_seconds: int | None
    references: tuple[Reference, ...]
    explanation: str
    section: str | None
    reviewed: date | None
    rule_year: int | None


def no_checks(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    """For a type the schema checks completely."""
    return iter(())


def alone(question: RawQuestion) -> Sequence[RawQuestion]:
    """Most bank entries are one question each."""
    return (question,)


@dataclass(frozen=True, slots=True)
class BankType:
    """One question type as the banks layer knows it (see ``trainer.banks.qtypes``)."""

    tag: str
    model: type[QuestionBase]  # the frozen question dataclass this type builds
    build: Callable[[RawQuestion, CommonFields, Synonyms], QuestionBase]  # validated data, common fields, synonyms
    check: Callable[[RawQuestion, str], Iterator[SchemaError]] = no_checks  # (question, its JSON pointer)
    expand: Callable[[RawQuestion], Sequence[RawQuestion]] = alone  # one bank entry -> the questions it holds
    hashes_synonyms: bool = False  # judged with the bank's synonyms, so they are part of its hash
    schema: Mapping[str, Any] | None = field(default=None)  # a definition not in schemas/bank.schema.json


def normal(phrase: str) -> str:
    """A phrase as matching sees it: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", phrase.casefold()))


_WORD_CHARACTER = re.compile(r"\w")


def can_match(phrase: str) -> bool:
    """Whether ``normal(phrase)`` is not empty (a letter or digit), without building it."""
    return _WORD_CHARACTER.search(phrase.casefold()) is not None


def first_seen(items: Sequence[Mapping[str, Any]], base: str, label: str) -> Iterator[SchemaError]:
    """A ``duplicate ... id`` error for every id used before in ``items``."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        first = seen.setdefault(item["id"], index)
        if first != index:
            yield SchemaError(
                f"{base}/{index}/id", f"duplicate {label} id '{item['id']}' (first used at {base}/{first})"
            )


def dangerous_options(question: RawQuestion, base: str, answers: Iterable[str]) -> Iterator[SchemaError]:
    """A dangerous option is a wrong one, and says why (``harm``); ``harm`` alone means nothing."""
    keyed = set(answers)
    for n, option in enumerate(question["options"]):
        if "dangerous" not in option and "harm" not in option:
            continue  # nearly every option: no pointer is written for it
        where = f"{base}/options/{n}"
        if option.get("dangerous"):
            if option["id"] in keyed:
                yield SchemaError(
                    f"{where}/dangerous", f"option '{option['id']}' is an answer; an answer cannot be dangerous"
                )
            if not option.get("harm"):
                yield SchemaError(
                    where, f"dangerous option '{option['id']}' needs 'harm': say why choosing it is dangerous"
                )
        elif "harm" in option:
            yield SchemaError(f"{where}/harm", "'harm' explains a dangerous option: add 'dangerous: true' or remove it")


def options_of(question: RawQuestion, name: str = "options") -> tuple[Option, ...]:
    """The question's options as model values, in file order."""
    from trainer.banks.questions import Option

    return tuple([Option(o["id"], o["text"], bool(o.get("dangerous", False)), o.get("harm")) for o in question[name]])


def reference(r: RawQuestion) -> Reference:
    from trainer.banks.questions import Reference

    get = r.get
    return Reference(
        title=r["title"],
        source=r["source"],
        year=r["year"],
        url=get("url"),
        doi=get("doi"),
        pmid=get("pmid"),
        note=get("note"),
        version=get("version"),
    )


def references(q: RawQuestion) -> tuple[Reference, ...]:
    """The question's references as model values, in file order (none: the shared empty tuple)."""
    return tuple([reference(r) for r in q["references"]]) if "references" in q else ()
