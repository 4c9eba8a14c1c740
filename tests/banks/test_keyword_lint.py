"""Keyword warnings: each rule fires where it should, positioned at the keyword, and nowhere else."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from trainer.banks import load_bank, load_bank_bytes
from trainer.banks.generic_words import GENERIC_WORDS, SURNAMES
from trainer.banks.keyword_lint import findings, keyword_warnings

WARNED = FIXTURES / "warnings" / "keywords.yaml"

# (line, column, pointer, message fragment) of every warning of the fixture, in file order
EXPECTED = [
    (12, 26, "/synonyms/physical therapy/1", "'physical therapy' synonym 'pt' is shorter than 3 letters"),
    (21, 34, "/questions/0/key_points/0/keywords/1", "keyword 'Melzack' looks like a person's name (a common surname)"),
    (21, 43, "/questions/0/key_points/0/keywords/2", "keyword 'opioid' is listed by 3 of the bank's 5 key points"),
    (23, 20, "/questions/0/key_points/1/keywords/0", "keyword 'the goal' is the generic word 'goal'"),
    (25, 46, "/questions/0/key_points/2/keywords/3", "keyword 'ok' is shorter than 3 letters"),
    (26, 21, "/questions/0/key_points/2/requires/0/0", "requires phrase 'plan' is the generic word 'plan'"),
    (
        30,
        29,
        "/questions/0/red_flags/0/keywords/1",
        "red flag keyword 'Benzon' looks like a person's name (its question's",
    ),
]


def test_every_kind_of_warning_is_positioned_at_its_keyword():
    warnings = keyword_warnings(load_bank(WARNED))
    assert [(w.line, w.column, w.pointer) for w in warnings] == [e[:3] for e in EXPECTED]
    for warning, (line, column, _, fragment) in zip(warnings, EXPECTED, strict=True):
        assert fragment in warning.message
        assert warning.severity == "warning"
        assert str(warning).startswith(f"{WARNED}:{line}:{column}: warning: {fragment}")


def test_specific_phrases_abbreviations_and_ordinary_capitalised_words_are_not_warned():
    pointers = {f.pointer for f in findings(load_bank(WARNED))}
    not_warned = {
        "/questions/0/key_points/1/keywords/2": "goals of care (two content words)",
        "/questions/0/key_points/2/keywords/1": "PT (clinical abbreviation in upper case)",
        "/questions/0/key_points/2/keywords/2": "L5 (spinal level)",
        "/synonyms/physical therapy/0": "PT as a synonym",
        "/questions/1/key_points/0/keywords/1": "Wall (capitalised, not a listed surname, not in a reference)",
        "/questions/0/key_points/0/keywords/0": "gate control",
    }
    assert not pointers & set(not_warned), [not_warned[p] for p in pointers & set(not_warned)]


def _bank(key_points: list[list[str]]) -> bytes:
    points = "".join(f"      - text: Point {n}\n        keywords: {kws}\n" for n, kws in enumerate(key_points))
    return (
        "id: b\ntitle: B\nversion: 1.0.0\nauthors: [A]\nlicense: CC0-1.0\nlanguage: en\ndescription: D\n"
        "categories:\n  - {id: c, title: C}\nquestions:\n  - id: q\n    type: open\n    category: c\n"
        f"    difficulty: 1\n    prompt: P?\n    key_points:\n{points}"
    ).encode()


def test_a_keyword_of_exactly_half_the_key_points_is_not_common_but_one_more_is():
    half = [["opioid"], ["opioid"], ["naloxone"], ["buprenorphine"]]
    assert findings(load_bank_bytes(_bank(half), "b.yaml")) == []
    most = [["opioid"], ["opioid"], ["opioids", "naloxone"], ["buprenorphine"]]
    (only,) = findings(load_bank_bytes(_bank(most), "b.yaml"))
    assert only.pointer == "/questions/0/key_points/0/keywords/0" and "listed by 3 of the bank's 4" in only.message


def test_a_bank_of_fewer_than_four_key_points_has_no_common_keyword():
    assert findings(load_bank_bytes(_bank([["opioid"], ["opioid"], ["opioid"]]), "b.yaml")) == []


def test_every_listed_generic_word_and_surname_is_warned():
    words = sorted(GENERIC_WORDS) + [s.title() for s in sorted(SURNAMES)]
    points = [words[n : n + 20] for n in range(0, len(words), 20)]
    warned = {f.pointer for f in findings(load_bank_bytes(_bank(points), "b.yaml"))}
    assert warned == {
        f"/questions/0/key_points/{n}/keywords/{k}" for n, kws in enumerate(points) for k in range(len(kws))
    }


specific = st.text(string.ascii_lowercase, min_size=3, max_size=12).filter(lambda w: w not in GENERIC_WORDS)


@given(st.lists(specific, min_size=1, max_size=5, unique=True))
def test_specific_lowercase_keywords_of_one_key_point_are_never_warned(keywords):
    assert findings(load_bank_bytes(_bank([keywords]), "b.yaml")) == []


def test_an_omission_plan_is_linted_like_a_keyword_at_its_own_pointer():
    flag = (
        "    red_flags:\n      - id: routine\n        statement: Routine care only\n        keywords: [just a strain]\n"
        "        omission: {plans: [physiotherapy, the plan], without: [1]}\n        why: Misses cancer.\n"
    )
    [found] = findings(load_bank_bytes(_bank([["MRI"]]) + flag.encode(), "b.yaml"))
    assert found.pointer == "/questions/0/red_flags/0/omission/plans/1"
    assert found.message.startswith("omission plan 'the plan' is the generic word 'plan'")
