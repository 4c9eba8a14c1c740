"""``schema.is_valid`` checks each question with its own type's validator (twice as fast); it must
answer exactly as the whole compiled validator does, for any bank, valid or not."""

from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.banks import schema, yamlsafe

REPO = Path(__file__).resolve().parents[2]
BANKS = [
    yamlsafe.load(yamlsafe.decode(path.read_bytes())).data
    for path in sorted((REPO / "question_banks").glob("*.yaml")) + [REPO / "tests/banks/fixtures/valid/minimal.yaml"]
]
ODD = st.one_of(
    st.sampled_from(["single", "multiple", "numeric", "open", "essay", "", "Single"]),
    st.none(),
    st.integers(-2, 2),
    st.booleans(),
    st.lists(st.text(max_size=2), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.text(max_size=4),
)


def whole(data: object) -> bool:
    return schema._passes(schema._fast_validators()[0], data)


@st.composite
def mutated(draw) -> object:
    bank = copy.deepcopy(draw(st.sampled_from(BANKS)))
    for _ in range(draw(st.integers(0, 3))):
        questions = bank["questions"]
        op = draw(st.sampled_from(["set", "drop", "type", "replace", "questions"]))
        if op == "questions":
            bank["questions"] = draw(st.one_of(ODD, st.just([])))
            break
        at = draw(st.integers(0, len(questions) - 1))
        question = questions[at]
        if op == "replace" or not isinstance(question, dict):
            questions[at] = draw(ODD)
        elif op == "type":
            question["type"] = draw(ODD)
        elif op == "drop" and question:
            question.pop(draw(st.sampled_from(sorted(question))))
        else:
            key = draw(st.sampled_from(sorted(question) + ["extra", "answer", "options", "key_points"]))
            question[key] = draw(ODD)
    return bank


def test_the_valid_banks_are_valid_both_ways():
    assert schema._typed_validators() is not None  # the dispatch is in use for this schema
    assert all(schema.is_valid(bank) and whole(bank) for bank in BANKS)


@settings(max_examples=400, deadline=None)
@given(mutated())
def test_checking_by_type_answers_as_the_whole_validator_does(bank):
    assert schema.is_valid(bank) == whole(bank)


@settings(max_examples=100, deadline=None)
@given(ODD)
def test_anything_that_is_not_a_bank_is_answered_the_same(data):
    assert schema.is_valid(data) == whole(data)
