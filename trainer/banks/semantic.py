"""Checks the JSON Schema cannot express, run on schema-valid bank data.

Each check yields ``SchemaError`` values (pointer + message) so they are positioned and
printed exactly like schema errors.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from typing import Any

from trainer.banks.qtypes import bank_type, is_interview
from trainer.banks.qtypes.base import first_seen as _first_seen
from trainer.banks.qtypes.base import normal as _normal
from trainer.banks.schema import SchemaError

Data = dict[str, Any]  # bank data as YAML gave it, already checked by the schema


def check(data: Data) -> list[SchemaError]:
    return [*_check_unique_ids(data), *_check_synonyms(data), *_check_questions(data), *_check_formats(data)]


def _check_unique_ids(data: Data) -> Iterator[SchemaError]:
    yield from _first_seen(data["categories"], "/categories", "category")
    yield from _first_seen(data.get("cases", []), "/cases", "case")
    yield from _first_seen(data.get("interview_formats", []), "/interview_formats", "interview format")
    yield from _first_seen(data["questions"], "/questions", "question")


def _check_questions(data: Data) -> Iterator[SchemaError]:
    categories = {c["id"] for c in data["categories"]}
    cases = {c["id"] for c in data.get("cases", [])}
    for index, question in enumerate(data["questions"]):
        base = f"/questions/{index}"
        if question["category"] not in categories:
            yield SchemaError(
                f"{base}/category",
                f"unknown category '{question['category']}'; the bank defines: {', '.join(sorted(categories))}",
            )
        if "case" in question and question["case"] not in cases:
            yield SchemaError(f"{base}/case", f"unknown case '{question['case']}'")
        yield from _check_review_fields(question, base)
        yield from bank_type(question["type"]).check(question, base)
    yield from _check_expanded_ids(data)


def _check_review_fields(question: Data, base: str) -> Iterator[SchemaError]:
    """``section`` is a topic of the shipped ABA outline; ``reviewed`` a date the calendar has."""
    if "section" in question:
        from trainer.banks.outline import outline

        known = outline().ids
        if question["section"] not in known:
            close = difflib.get_close_matches(question["section"], sorted(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield SchemaError(
                f"{base}/section",
                f"unknown section '{question['section']}': not a topic of the ABA outline "
                f"(trainer/data/aba_outline.yaml){hint}",
            )
    if "reviewed" in question:
        try:
            date.fromisoformat(question["reviewed"])
        except ValueError:
            yield SchemaError(f"{base}/reviewed", f"reviewed {question['reviewed']!r} is not a calendar date")


def _check_expanded_ids(data: Data) -> Iterator[SchemaError]:
    """An entry that holds several questions (an extended-matching set) gives each an id of
    its own; none may be an id already used in the bank."""
    ids = {q["id"]: index for index, q in enumerate(data["questions"])}
    for index, question in enumerate(data["questions"]):
        parts = bank_type(question["type"]).expand(question)
        if len(parts) == 1 and parts[0] is question:
            continue
        for part in parts:
            if part["id"] in ids:
                yield SchemaError(
                    f"/questions/{index}/id",
                    f"the question id '{part['id']}' this set gives one of "
                    f"its stems is already used at /questions/{ids[part['id']]}",
                )
            ids.setdefault(part["id"], index)


def _check_synonyms(data: Data) -> Iterator[SchemaError]:
    for term, phrases in data.get("synonyms", {}).items():
        where = "/synonyms/" + term.replace("~", "~0").replace("/", "~1")
        if not _normal(term):
            yield SchemaError(where, f"synonym term {term!r} has no letter or digit; it can never match", at_key=True)
        for position, phrase in enumerate(phrases):
            if _normal(phrase) == _normal(term):
                yield SchemaError(f"{where}/{position}", f"'{phrase}' is the term '{term}' itself, not a synonym of it")


def _check_formats(data: Data) -> Iterator[SchemaError]:
    categories = {c["id"] for c in data["categories"]}
    open_by_category: dict[str, int] = {}
    for question in data["questions"]:
        if is_interview(question["type"]):
            open_by_category[question["category"]] = open_by_category.get(question["category"], 0) + 1
    questions = {q["id"]: q for q in data["questions"]}
    for index, fmt in enumerate(data.get("interview_formats", [])):
        base = f"/interview_formats/{index}"
        chosen = fmt.get("categories") or sorted(categories)
        for position, category in enumerate(fmt.get("categories", [])):
            if category not in categories:
                yield SchemaError(f"{base}/categories/{position}", f"unknown category '{category}'")
        yield from _check_pins(fmt, base, questions, set(chosen))
        available = sum(open_by_category.get(c, 0) for c in chosen)
        if fmt["prompts"] > available:
            yield SchemaError(
                f"{base}/prompts",
                f"asks for {fmt['prompts']} prompts but the bank has only {available} open "
                f"question{'s' if available != 1 else ''} in its categories",
            )


def _check_pins(fmt: Data, base: str, questions: dict[str, Data], categories: set[str]) -> Iterator[SchemaError]:
    """``first``/``last`` name open questions of this bank, in the format's categories, once each."""
    pinned: dict[str, str] = {}
    for where in ("first", "last"):
        for position, qid in enumerate(fmt.get(where, [])):
            pointer = f"{base}/{where}/{position}"
            question = questions.get(qid)
            if question is None:
                yield SchemaError(pointer, f"no question '{qid}' in this bank")
            elif not is_interview(question["type"]):
                yield SchemaError(pointer, f"question '{qid}' is a {question['type']} question, not an open prompt")
            elif question["category"] not in categories:
                yield SchemaError(
                    pointer,
                    f"question '{qid}' is in category '{question['category']}', which this format does not draw from",
                )
            elif qid in pinned:
                yield SchemaError(pointer, f"question '{qid}' is already pinned in '{pinned[qid]}'")
            pinned.setdefault(qid, where)
    if len(pinned) > fmt["prompts"]:
        yield SchemaError(
            f"{base}/prompts",
            f"{len(pinned)} prompts are pinned in first/last but the format asks only {fmt['prompts']}",
        )
