"""The Rust validator (jsonschema-rs) may only ever say yes where fastjsonschema says yes: its
yes is final in ``schema.is_valid``, its no is asked again. These tests try the places where
the two engines read a schema differently (integers, whitespace in patterns, ``$``, keys,
numbers JSON cannot hold) and random banks around them."""

from __future__ import annotations

import copy
import math
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.banks.test_schema_by_type import BANKS, mutated
from trainer.banks import schema

jsonschema_rs = pytest.importorskip("jsonschema_rs", reason="jsonschema-rs has no wheel for this platform")

SPACES = "\t\n\x0b\x0c\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b"
TRICKY = st.one_of(
    st.integers(-3, 10**20),
    st.sampled_from([1.0, 2022.0, 0.0, -1.0, 1.5, math.inf, -math.inf, math.nan, 10**30, True, False]),
    st.builds(
        lambda head, space, tail: head + space + tail,
        st.sampled_from(["https://a.org/x", "10.1000/x", "abc", "a-b", "2022"]),
        st.sampled_from(SPACES),
        st.sampled_from(["", "y", "\n"]),
    ),
    st.dictionaries(st.integers(0, 3), st.text(max_size=2), min_size=1, max_size=2),
)


def leaves(node: object) -> list[tuple]:
    """Every (container, key) below ``node``, to replace one value with a tricky one."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found.append((node, key))
        found.extend(leaves(value))
    return found


@st.composite
def tricky_bank(draw) -> object:
    bank = copy.deepcopy(draw(st.sampled_from(BANKS)))
    spots = leaves(bank)
    for _ in range(draw(st.integers(1, 3))):
        container, key = draw(st.sampled_from(spots))
        container[key] = draw(TRICKY)
    return bank


def test_the_rust_validator_is_in_use_and_accepts_the_bundled_banks():
    assert schema._rust_question_validator() is not None
    assert all(schema._rust_says_valid(bank) for bank in BANKS)


@settings(max_examples=300, deadline=None)
@given(tricky_bank())
def test_a_rust_yes_is_a_fastjsonschema_yes_on_tricky_values(bank):
    if schema._rust_says_valid(bank):
        assert schema._fast_is_valid(bank)
    assert schema.is_valid(bank) == schema._fast_is_valid(bank)


@settings(max_examples=200, deadline=None)
@given(mutated())
def test_a_rust_yes_is_a_fastjsonschema_yes_on_mutated_banks(bank):
    if schema._rust_says_valid(bank):
        assert schema._fast_is_valid(bank)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (
            ("questions", 0, "references", 0, "year"),
            2022.0,
        ),  # draft 2020-12 counts 2022.0 as an integer; the model does not
        (("questions", 0, "id"), "abc\n"),  # Python's $ matches before a final newline; JSON Schema's does not
        (("questions", 0, "references", 0, "url"), "https://a.org/\x1cx"),  # Python's \s has U+001C, Rust's not
        (("questions", 0, "references", 0, "url"), "https://a.org/\ufeffx"),  # ECMA's \s has U+FEFF, Python's not
    ],
)
def test_each_known_difference_between_the_engines_gets_our_answer(where, value):
    bank = copy.deepcopy(next(b for b in BANKS if b["questions"][0].get("references", [{}])[0].get("url")))
    node = bank
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    assert schema.is_valid(bank) == schema._fast_is_valid(bank)


def test_a_mapping_with_a_number_as_key_is_answered_by_fastjsonschema():
    bank = copy.deepcopy(BANKS[0])
    bank["questions"][0][1] = "x"
    assert schema.is_valid(bank) is schema._fast_is_valid(bank) is False


@pytest.mark.parametrize("how", ["asked", "no wheel"])
def test_without_the_wheel_or_when_asked_fastjsonschema_answers_alone(monkeypatch, how):
    if how == "asked":
        monkeypatch.setenv("PAIN_TRAINER_SCHEMA", "python")
    else:
        monkeypatch.setitem(sys.modules, "jsonschema_rs", None)  # import fails as without the wheel
    schema._rust_question_validator.cache_clear()
    try:
        assert schema._rust_question_validator() is None
        assert schema.is_valid(BANKS[0])
        assert not schema.is_valid({**BANKS[0], "questions": [{"id": "x"}]})
    finally:
        monkeypatch.undo()
        schema._rust_question_validator.cache_clear()


def test_every_escape_in_the_schema_patterns_reads_the_same_in_both_engines():
    """``rust_schema`` rewrites ``\\S`` only; a new pattern with ``\\s``, ``\\b``... needs a rewrite first."""
    patterns = [node[key] for node, key in leaves(schema.schema()) if key == "pattern" and isinstance(node[key], str)]
    assert patterns  # the walk reached them
    escapes = {escape for pattern in patterns for escape in re.findall(r"\\.", pattern)}
    assert escapes <= {r"\.", r"\+", r"\S"}, escapes


def test_only_a_bank_of_rust_from_questions_or_more_is_given_to_the_rust_validator(monkeypatch):
    asked: list[int] = []
    real = schema._rust_says_valid
    monkeypatch.setattr(schema, "_rust_says_valid", lambda data: asked.append(len(data["questions"])) or real(data))
    bank = BANKS[0]
    small = {**bank, "questions": bank["questions"][:1] * (schema.RUST_FROM - 1)}
    large = {**bank, "questions": bank["questions"][:1] * schema.RUST_FROM}
    assert schema.is_valid(small) and asked == []  # fastjsonschema alone: jsonschema-rs not even built
    assert schema.is_valid(large) and asked == [schema.RUST_FROM]
