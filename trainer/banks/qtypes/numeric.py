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
    )


def check(question: RawQuestion, base: str) -> Iterator[SchemaError]:
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


TYPE = BankType(tag="numeric", model=NumericQuestion, build=build, check=check)
