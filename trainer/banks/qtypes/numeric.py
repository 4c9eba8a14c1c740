"""``numeric``: a value with a tolerance (absolute or percent) and a unit."""

from __future__ import annotations

import math
from collections.abc import Iterator

from trainer.banks.qtypes.base import BankType, CommonFields, RawQuestion, Synonyms
from trainer.banks.questions import NumericQuestion
from trainer.banks.schema import SchemaError


def build(q: RawQuestion, common: CommonFields, synonyms: Synonyms = ()) -> NumericQuestion:
    return NumericQuestion(
        **common,
        stem=q["stem"],
        answer=float(q["answer"]),
        unit=q["unit"],
        tolerance=q.get("tolerance"),
        tolerance_percent=q.get("tolerance_percent"),
        dangerous_below=q.get("dangerous_below"),
        dangerous_above=q.get("dangerous_above"),
        dangerous_factor=q.get("dangerous_factor"),
        harm=q.get("harm"),
    )


def check(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    has_abs, has_pct = "tolerance" in question, "tolerance_percent" in question
    yield from _check_danger(question, base)
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


def _check_danger(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    """A dangerous range must leave every accepted value out, and say why it is dangerous."""
    names = [n for n in ("dangerous_below", "dangerous_above", "dangerous_factor") if n in question]
    if not names:
        if "harm" in question:
            yield SchemaError(
                f"{base}/harm",
                "'harm' explains a dangerous range: give dangerous_below, dangerous_above or dangerous_factor",
            )
        return
    if "harm" not in question:
        yield SchemaError(base, f"'{names[0]}' needs 'harm': say why such a value is dangerous")
    answer = question["answer"]
    if not all(math.isfinite(question[n]) for n in (*names, "answer")):
        return
    allowed = question.get("tolerance")
    if allowed is None:
        allowed = abs(answer) * question.get("tolerance_percent", 0) / 100
    if not math.isfinite(allowed):
        return
    low, high = answer - allowed, answer + allowed
    if "dangerous_below" in question and question["dangerous_below"] > low:
        yield SchemaError(
            f"{base}/dangerous_below",
            f"dangerous_below {question['dangerous_below']} reaches the accepted answers (from {low:g}): a right answer would be dangerous",
        )
    if "dangerous_above" in question and question["dangerous_above"] < high:
        yield SchemaError(
            f"{base}/dangerous_above",
            f"dangerous_above {question['dangerous_above']} reaches the accepted answers (up to {high:g}): a right answer would be dangerous",
        )
    if "dangerous_factor" in question:
        factor = question["dangerous_factor"]
        if answer <= 0:
            yield SchemaError(
                f"{base}/dangerous_factor", "dangerous_factor needs a positive answer; use dangerous_below/above"
            )
        elif answer / factor >= low or answer * factor <= high:
            yield SchemaError(
                f"{base}/dangerous_factor",
                f"dangerous_factor {factor} reaches the accepted answers ({low:g} to {high:g}): a right answer would be dangerous",
            )


TYPE = BankType(tag="numeric", model=NumericQuestion, build=build, check=check)
