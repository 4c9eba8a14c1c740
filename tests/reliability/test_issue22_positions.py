"""Issue 22: positions that are right, and a fast validator that agrees with the explaining one.

The fast validator (fastjsonschema) decides; the reference one (jsonschema) explains. Where
they disagreed (Python's ``$`` matches before a final newline, 1.0 counted as an integer by
one reading) the author got "does not match the bank schema" at 1:1.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from trainer.banks import BankError, load_bank_bytes, yamlsafe
from trainer.banks import schema as bank_schema

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text()
DATA = yamlsafe.load(MINIMAL).data  # as the product parses it (YAML 1.2)
LAST = len(MINIMAL.splitlines())


def _problems(text: str):
    with pytest.raises(BankError) as caught:
        load_bank_bytes(text.encode(), "bank.yaml")
    for problem in caught.value.problems:
        assert "\n" not in str(problem) and "\r" not in str(problem)
    return caught.value.problems


@pytest.mark.parametrize(
    ("old", "new", "where", "pointer"),
    [
        ("id: minimal", 'id: "minimal\\n"', (1, 5), "/id"),
        ("version: 0.1.0", 'version: "0.1.0\\n"', (3, 10), "/version"),
        ("language: en", 'language: "en\\n"', (6, 11), "/language"),
        ("doi: 10.1000/xyz123", 'doi: "10.1000/xyz123\\n"', (37, 62), "/questions/0/references/0/doi"),
        ('pmid: "12345"', 'pmid: "12345\\n"', (37, 88), "/questions/0/references/0/pmid"),
        ("  - id: single-1", '  - id: "single-1\\n"', (25, 9), "/questions/0/id"),
        (
            "{title: A textbook, source: Some Textbook 5th ed, year: 2018}",
            '{title: A textbook, source: Some Textbook 5th ed, year: 2018, url: "https://x.org/a\\n"}',
            (52, 75),
            "/questions/1/references/0/url",
        ),
    ],
)
def test_a_trailing_newline_is_reported_at_the_field_not_at_1_1(old, new, where, pointer):
    assert old in MINIMAL
    problems = _problems(MINIMAL.replace(old, new, 1))
    assert "does not match the bank schema" not in " ".join(p.message for p in problems)
    (problem,) = [p for p in problems if p.pointer == pointer]
    assert problem.line == where[0], problem


@pytest.mark.parametrize("key", ["true", "null", "1.50", "0x1F", "a/b", "~a", "2026-01-01"])
def test_non_string_and_slash_keys_are_reported_where_they_are(key):
    (problem,) = _problems(MINIMAL + f"{key}: 1\n")
    assert (problem.line, problem.column) == (LAST + 1, 1), problem
    assert problem.message.startswith("unknown field")


def test_a_value_with_a_newline_is_one_problem_on_one_line():
    (problem,) = _problems(MINIMAL.replace("answer: b", 'answer: "b\\n"'))
    assert str(problem).count("\n") == 0 and "'b\\n'" in str(problem)


@pytest.mark.parametrize("text", ["x: [", "x: {", "x: [\n", "a: 1\nx: ["])
def test_an_unclosed_bracket_is_reported_on_a_line_of_the_file(text):
    (problem,) = _problems(text)
    assert problem.line <= len(text.rstrip("\n").split("\n")), problem


def test_utf16_is_called_utf16_not_binary():
    with pytest.raises(BankError) as caught:
        load_bank_bytes(MINIMAL.encode("utf-16"), "bank.yaml")
    assert "UTF-16" in caught.value.problems[0].message


# --- the fast and the explaining validator agree --------------------------------------

PATHS = [
    ("id",),
    ("version",),
    ("language",),
    ("title",),
    ("license",),
    ("questions", 0, "id"),
    ("questions", 0, "answer"),
    ("questions", 0, "difficulty"),
    ("questions", 0, "references", 0, "doi"),
    ("questions", 0, "references", 0, "pmid"),
    ("questions", 0, "references", 0, "year"),
    ("questions", 2, "answer"),
    ("questions", 2, "tolerance_percent"),
    ("interview_formats", 0, "prompts"),
    ("interview_formats", 0, "think_seconds"),
    ("questions", 3, "think_seconds"),
    ("categories", 0, "id"),
    ("questions", 1, "options", 0, "id"),
]
EDGE_TEXT = st.sampled_from(
    [
        "minimal",
        "x\n",
        "x\r",
        "\nx",
        "x\n\n",
        "1.0.0\n",
        "en-US\n",
        "10.1000/x\n",
        "12345\n",
        "https://x.org\n",
        "a",
        "A",
        "-x",
        "é",
        "x" * 81,
        "ab\u2028",
    ]
)
VALUES = st.one_of(
    EDGE_TEXT,
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12).map(lambda t: t + st_suffix(t)),
    st.integers(min_value=-3, max_value=3000),
    st.sampled_from([1.0, 2.0, 0.5, 2022.0, 1e300]),
    st.booleans(),
)


def st_suffix(text: str) -> str:
    return "\n" if len(text) % 3 == 0 else ""


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), VALUES), min_size=1, max_size=3))
def test_fast_and_explaining_validators_accept_and_reject_the_same_documents(changes):
    document = copy.deepcopy(DATA)
    for path, value in changes:
        target = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    fast = bank_schema.is_valid(document)
    explained = bank_schema.explain(document)
    assert fast == (explained == []), (changes, explained)
