"""Checks the JSON Schema cannot express, run on schema-valid bank data.

Each check yields ``SchemaError`` values (pointer + message) so they are positioned and
printed exactly like schema errors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from trainer.banks.schema import SchemaError


def check(data: dict) -> list[SchemaError]:
    return [*_check_unique_ids(data), *_check_synonyms(data), *_check_questions(data), *_check_formats(data)]


def _normal(phrase: str) -> str:
    """A phrase as matching sees it: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", phrase.casefold()))


def _first_seen(items: list, base: str, label: str) -> Iterator[SchemaError]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = item["id"]
        if ident in seen:
            yield SchemaError(
                f"{base}/{index}/id", f"duplicate {label} id '{ident}' (first used at {base}/{seen[ident]})"
            )
        else:
            seen[ident] = index


def _check_unique_ids(data: dict) -> Iterator[SchemaError]:
    yield from _first_seen(data["categories"], "/categories", "category")
    yield from _first_seen(data.get("cases", []), "/cases", "case")
    yield from _first_seen(data.get("interview_formats", []), "/interview_formats", "interview format")
    yield from _first_seen(data["questions"], "/questions", "question")


def _check_questions(data: dict) -> Iterator[SchemaError]:
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
        kind = question["type"]
        if kind in ("single", "multiple"):
            yield from _check_options(question, base)
        elif kind == "numeric":
            yield from _check_numeric(question, base)
        elif kind == "open":
            yield from _check_judged(question, base)


def _check_synonyms(data: dict) -> Iterator[SchemaError]:
    for term, phrases in data.get("synonyms", {}).items():
        where = "/synonyms/" + term.replace("~", "~0").replace("/", "~1")
        if not _normal(term):
            yield SchemaError(where, f"synonym term {term!r} has no letter or digit; it can never match", at_key=True)
        for position, phrase in enumerate(phrases):
            if _normal(phrase) == _normal(term):
                yield SchemaError(f"{where}/{position}", f"'{phrase}' is the term '{term}' itself, not a synonym of it")


def _judged_parts(question: dict, base: str) -> Iterator[tuple[str, str, dict]]:
    """The key points and red flags of an open question and of its probes: (pointer, field, item)."""
    for name in ("key_points", "red_flags"):
        for index, item in enumerate(question.get(name, ())):
            yield f"{base}/{name}/{index}", name, item
    for number, probe in enumerate(question.get("probes", ())):
        if isinstance(probe, dict):
            yield from _judged_parts(probe, f"{base}/probes/{number}")


def _check_rejections(question: dict, base: str) -> Iterator[SchemaError]:
    """A key point's ``if_rejected`` names a red flag judged with it (same question or probe), on an endorse point."""
    flags = sorted(f["id"] for f in question.get("red_flags", ()))
    for index, point in enumerate(question.get("key_points", ())):
        flag = point.get("if_rejected")
        if flag is None:
            continue
        where = f"{base}/key_points/{index}/if_rejected"
        if point.get("stance", "endorse") != "endorse":
            yield SchemaError(where, "if_rejected needs a point with stance endorse: rejecting a reject point is "
                                     "endorsing its keywords, which the red flag's own keywords catch")
        elif flag not in flags:
            known = ", ".join(flags) if flags else "none here"
            yield SchemaError(where, f"if_rejected names red flag '{flag}', which is not one of the red flags "
                                     f"judged with this point ({known})")
    for number, probe in enumerate(question.get("probes", ())):
        if isinstance(probe, dict):
            yield from _check_rejections(probe, f"{base}/probes/{number}")


def _check_judged(question: dict, base: str) -> Iterator[SchemaError]:
    """Red flag ids unique within the question and its probes; every phrase able to match."""
    yield from _check_rejections(question, base)
    seen: dict[str, str] = {}
    for where, name, item in _judged_parts(question, base):
        if name == "red_flags":
            if item["id"] in seen:
                yield SchemaError(
                    f"{where}/id", f"duplicate red flag id '{item['id']}' (first used at {seen[item['id']]})"
                )
            else:
                seen[item["id"]] = where
        for position, keyword in enumerate(item["keywords"]):
            if not _normal(keyword):
                yield SchemaError(
                    f"{where}/keywords/{position}", f"keyword {keyword!r} has no letter or digit; it can never match"
                )
        for number, group in enumerate(item.get("requires", ())):
            if not any(_normal(phrase) for phrase in group):
                yield SchemaError(
                    f"{where}/requires/{number}",
                    "requires group has no phrase with a letter or digit: it is empty, so the point could never be met",
                )


def _check_options(question: dict, base: str) -> Iterator[SchemaError]:
    yield from _first_seen(question["options"], f"{base}/options", "option")
    option_ids = [o["id"] for o in question["options"]]
    if question["type"] == "single":
        if question["answer"] not in option_ids:
            yield SchemaError(
                f"{base}/answer", f"answer '{question['answer']}' is not one of the options ({', '.join(option_ids)})"
            )
        return
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


def _check_numeric(question: dict, base: str) -> Iterator[SchemaError]:
    has_abs, has_pct = "tolerance" in question, "tolerance_percent" in question
    for name in ("answer", "tolerance", "tolerance_percent"):
        if name in question and not math.isfinite(question[name]):
            yield SchemaError(f"{base}/{name}", f"{name} must be a finite number, found {question[name]}")
    if has_abs == has_pct:
        yield SchemaError(base, "give exactly one of 'tolerance' (absolute) or 'tolerance_percent'")
        return
    answer = question["answer"]
    if has_abs and math.isfinite(question["tolerance"]) and answer and question["tolerance"] >= abs(answer):
        yield SchemaError(
            f"{base}/tolerance",
            f"tolerance {question['tolerance']} is as large as the answer {answer}: 0 would count as correct",
        )
    if has_pct and answer == 0:
        yield SchemaError(
            f"{base}/tolerance_percent", "a percent tolerance of an answer of 0 allows only 0; use 'tolerance'"
        )


def _check_formats(data: dict) -> Iterator[SchemaError]:
    categories = {c["id"] for c in data["categories"]}
    open_by_category: dict[str, int] = {}
    for question in data["questions"]:
        if question["type"] == "open":
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


def _check_pins(fmt: dict, base: str, questions: dict[str, dict], categories: set[str]) -> Iterator[SchemaError]:
    """``first``/``last`` name open questions of this bank, in the format's categories, once each."""
    pinned: dict[str, str] = {}
    for where in ("first", "last"):
        for position, qid in enumerate(fmt.get(where, [])):
            pointer = f"{base}/{where}/{position}"
            question = questions.get(qid)
            if question is None:
                yield SchemaError(pointer, f"no question '{qid}' in this bank")
            elif question["type"] != "open":
                yield SchemaError(pointer, f"question '{qid}' is a {question['type']} question, not an open prompt")
            elif question["category"] not in categories:
                yield SchemaError(pointer, f"question '{qid}' is in category '{question['category']}', "
                                           f"which this format does not draw from")
            elif qid in pinned:
                yield SchemaError(pointer, f"question '{qid}' is already pinned in '{pinned[qid]}'")
            pinned.setdefault(qid, where)
    if len(pinned) > fmt["prompts"]:
        yield SchemaError(f"{base}/prompts", f"{len(pinned)} prompts are pinned in first/last but the format "
                                             f"asks only {fmt['prompts']}")
