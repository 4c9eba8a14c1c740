"""Dangerous options and numeric ranges: what the schema and the checks accept and refuse,
with positioned one-line errors, and how the loaded model carries them."""

from __future__ import annotations

import copy

import pytest
import yaml

from tests.conftest import FIXTURES
from trainer.banks import BankError, load_bank_bytes
from trainer.banks.semantic import check


@pytest.fixture(scope="module")
def minimal() -> dict:
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text.replace("[And then?]", '["And then?"]'))


def _first(data: dict, kind: str) -> tuple[int, dict]:
    return next((n, q) for n, q in enumerate(data["questions"]) if q["type"] == kind)


def _messages(data: dict) -> list[tuple[str, str]]:
    return [(e.pointer, e.message) for e in check(data)]


def _single(minimal: dict, **option_fields) -> tuple[dict, int, dict]:
    data = copy.deepcopy(minimal)
    n, q = _first(data, "single")
    wrong = next(i for i, o in enumerate(q["options"]) if o["id"] != q["answer"])
    q["options"][wrong].update(option_fields)
    return data, n, q["options"][wrong]


def test_a_dangerous_wrong_option_with_its_reason_passes(minimal):
    data, _, _ = _single(minimal, dangerous=True, harm="It harms.")
    assert _messages(data) == []


def test_a_dangerous_option_needs_a_reason_and_harm_needs_dangerous(minimal):
    data, n, option = _single(minimal, dangerous=True)
    i = next(i for i, o in enumerate(_first(data, "single")[1]["options"]) if o is option)
    assert _messages(data) == [
        (
            f"/questions/{n}/options/{i}",
            f"dangerous option '{option['id']}' needs 'harm': say why choosing it is dangerous",
        )
    ]
    data, n, option = _single(minimal, harm="Why?")
    assert _messages(data) == [
        (f"/questions/{n}/options/{i}/harm", "'harm' explains a dangerous option: add 'dangerous: true' or remove it")
    ]


def test_the_answer_cannot_be_dangerous(minimal):
    data = copy.deepcopy(minimal)
    n, q = _first(data, "single")
    i = next(i for i, o in enumerate(q["options"]) if o["id"] == q["answer"])
    q["options"][i].update(dangerous=True, harm="x")
    assert _messages(data) == [
        (f"/questions/{n}/options/{i}/dangerous", f"option '{q['answer']}' is an answer; an answer cannot be dangerous")
    ]


def _numeric(minimal: dict, **fields) -> tuple[dict, int]:
    data = copy.deepcopy(minimal)
    n, q = _first(data, "numeric")
    q.pop("tolerance_percent", None)
    q.update(answer=120, tolerance=1, **fields)
    return data, n


def test_numeric_ranges_that_leave_the_accepted_answers_out_pass(minimal):
    for fields in ({"dangerous_below": 60}, {"dangerous_above": 121}, {"dangerous_factor": 2}):
        data, _ = _numeric(minimal, harm="Why.", **fields)
        assert _messages(data) == [], fields


def test_numeric_ranges_reaching_an_accepted_answer_are_refused(minimal):
    data, n = _numeric(minimal, dangerous_below=119.5, harm="Why.")
    assert _messages(data) == [
        (
            f"/questions/{n}/dangerous_below",
            "dangerous_below 119.5 reaches the accepted answers (from 119): a right answer would be dangerous",
        )
    ]
    data, n = _numeric(minimal, dangerous_above=120.5, harm="Why.")
    assert [p for p, _ in _messages(data)] == [f"/questions/{n}/dangerous_above"]
    data, n = _numeric(minimal, dangerous_factor=1.005, harm="Why.")
    assert [p for p, _ in _messages(data)] == [f"/questions/{n}/dangerous_factor"]


def test_a_numeric_range_needs_harm_and_harm_needs_a_range(minimal):
    data, n = _numeric(minimal, dangerous_below=60)
    assert _messages(data) == [(f"/questions/{n}", "'dangerous_below' needs 'harm': say why such a value is dangerous")]
    data, n = _numeric(minimal, harm="Why.")
    assert [p for p, _ in _messages(data)] == [f"/questions/{n}/harm"]


def test_a_factor_needs_a_positive_answer(minimal):
    data, n = _numeric(minimal, dangerous_factor=2, harm="Why.")
    _first(data, "numeric")[1].update(answer=-5, tolerance=1)
    assert f"/questions/{n}/dangerous_factor" in [p for p, _ in _messages(data)]


BANK = """\
id: d
title: D
version: 1.0.0
authors: [T]
license: CC-BY-4.0
language: en
description: d
categories: [{{id: c, title: C}}]
questions:
  - id: q1
    type: numeric
    category: c
    difficulty: 1
    stem: How many?
    answer: 10
    tolerance: 1
    unit: mg
    dangerous_factor: {factor}
    harm: Too far off.
    explanation: Ten.
    references: [{{title: T, source: S, year: 2020}}]
"""


def test_the_schema_refuses_a_factor_of_one_or_less_with_a_positioned_line():
    with pytest.raises(BankError) as caught:
        load_bank_bytes(BANK.format(factor=1).encode(), "d.yaml")
    (problem,) = caught.value.problems
    assert str(problem) == "d.yaml:18:23: error: must be more than 1, found 1 [at /questions/0/dangerous_factor]"


def test_the_loaded_model_carries_the_range_and_reason():
    (q,) = load_bank_bytes(BANK.format(factor=3).encode(), "d.yaml").questions
    assert (q.dangerous_factor, q.harm) == (3, "Too far off.")
    assert q.dangerous(3.3) and q.dangerous(30) and not q.dangerous(4) and not q.dangerous(10)


def test_the_bundled_mme_questions_mark_an_mme_under_half_as_dangerous():
    from tests.conftest import REPO

    bank = load_bank_bytes((REPO / "question_banks" / "multimodal.yaml").read_bytes(), "multimodal.yaml")
    mme = [q for q in bank.questions if q.id.startswith("mme-")]
    assert len(mme) == 9
    for q in mme:
        assert q.dangerous_below == q.answer / 2 and q.harm and "CDC 2022" in q.harm, q.id
        assert q.dangerous(q.answer / 2 - 0.5) and not q.dangerous(q.answer)
