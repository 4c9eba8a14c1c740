"""Ordering and extended-matching questions in the banks layer: the schema, the checks it
cannot express (positioned like schema errors), the expansion of an EMQ set into one question
per stem, and the bank cache."""

from __future__ import annotations

import textwrap

import pytest

from trainer.banks import BankCache, BankError, load_bank

HEAD = """\
id: nt
title: New types
version: 1.0.0
authors: [Tests]
license: CC-BY-4.0
language: en
description: Ordering and EMQ.
categories:
  - {id: c, title: C}
questions:
"""
ORDERING = """\
  - id: ladder
    type: ordering
    category: c
    difficulty: 1
    stem: Order them.
    steps:
      - {id: one, text: First}
      - {id: two, text: Second}
      - {id: three, text: Third}
    explanation: Because.
    references: [{title: T, source: S, year: 2020}]
"""
EMQ = """\
  - id: set
    type: extended_matching
    category: c
    difficulty: 2
    theme: A theme
    lead_in: Choose one for each.
    options:
      - {id: a, text: A}
      - {id: b, text: B}
      - {id: c, text: C}
      - {id: d, text: D}
      - {id: e, text: E}
      - {id: f, text: F}
    stems:
      - {id: x, stem: Stem x, answer: b, explanation: Why x.}
      - {id: y, stem: Stem y, answer: e}
    explanation: Shared.
    references: [{title: T, source: S, year: 2020}]
"""


def write(tmp_path, body: str, name: str = "bank.yaml"):
    path = tmp_path / name
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return path


def problems(path) -> list[tuple[int, int, str]]:
    with pytest.raises(BankError) as caught:
        load_bank(path)
    return [(p.line, p.column, p.message) for p in caught.value.problems]


def test_an_emq_set_becomes_one_question_per_stem(tmp_path):
    bank = load_bank(write(tmp_path, ORDERING + EMQ))
    assert [q.id for q in bank.index] == ["ladder", "set.x", "set.y"]
    assert bank.counts_by_type() == {
        "single": 0,
        "multiple": 0,
        "numeric": 0,
        "ordering": 1,
        "extended_matching": 2,
        "open": 0,
    }
    x = bank.question("set.x")
    assert (x.theme, x.lead_in, x.stem, x.answer, x.set_id) == ("A theme", "Choose one for each.", "Stem x", "b", "set")
    assert x.explanation == "Why x.\n\nShared." and bank.question("set.y").explanation == "Shared."
    assert [o.id for o in x.options] == ["a", "b", "c", "d", "e", "f"] and x.shuffle is False
    assert x.content_hash != bank.question("set.y").content_hash
    ladder = bank.question("ladder")
    assert ladder.answer == ("one", "two", "three") and ladder.partial_credit is False


def test_the_cache_keeps_the_stems_as_questions(tmp_path):
    path = write(tmp_path, ORDERING + EMQ)
    cache = BankCache(tmp_path / "cache")
    first = load_bank(path, cache=cache)
    again = load_bank(path, cache=cache)  # from the cache, read on demand
    assert [q.id for q in again.index] == ["ladder", "set.x", "set.y"]
    assert again.question("set.y") == first.question("set.y") == load_bank(path).question("set.y")


def test_checks_point_at_the_offending_stem_and_step(tmp_path):
    body = ORDERING.replace("{id: three, text: Third}", "{id: two, text: first}") + EMQ.replace(
        "answer: e}", "answer: z}"
    )
    found = problems(write(tmp_path, body))
    assert found == [
        (19, 12, "duplicate step id 'two' (first used at /questions/0/steps/1)"),
        (19, 23, "step text repeats step 1: two identical steps make the order ambiguous"),
        (37, 37, "answer 'z' is not one of the options (a, b, c, d, e, f)"),
    ]


def test_a_stem_id_may_not_collide_with_another_question(tmp_path):
    clash = ORDERING.replace("id: ladder", "id: set.x")
    found = problems(write(tmp_path, clash + EMQ))
    assert any(
        "the question id 'set.x' this set gives one of its stems is already used at /questions/0" in m
        for _l, _c, m in found
    )


def test_the_schema_bounds_the_sizes(tmp_path):
    few_steps = ORDERING.replace("      - {id: three, text: Third}\n", "").replace(
        "      - {id: two, text: Second}\n", ""
    )
    assert any("3" in m for _l, _c, m in problems(write(tmp_path, few_steps, "few.yaml")))
    few_options = EMQ.replace("      - {id: f, text: F}\n", "")
    assert any("6" in m for _l, _c, m in problems(write(tmp_path, few_options, "options.yaml")))
