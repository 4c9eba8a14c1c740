"""Bugs the loader fuzzer found (or their close cousins), each pinned by a test.

Every problem the bank layer reports must print as one short ``PATH:LINE:COL: error:`` line,
even when the offending key holds line breaks or a megabyte of text.
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from trainer.banks import BankError, load_bank_bytes

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text()


def _problems(text: str):
    with pytest.raises(BankError) as caught:
        load_bank_bytes(text.encode("utf-8"), "bank.yaml")
    return caught.value.problems


def _assert_one_short_line(problem) -> None:
    shown = str(problem)
    assert "\n" not in shown and "\r" not in shown, shown
    assert len(problem.message) <= 400 and len(shown) <= 700, shown[:200]
    assert problem.line >= 1 and problem.column >= 1


def test_unknown_key_with_a_line_break_prints_as_one_line():
    # Found by the fuzzer: "? '\n\n  '\n: minimal" gave a three-line problem.
    (problem,) = _problems(MINIMAL + '"bad\\nkey": 1\n')
    _assert_one_short_line(problem)
    assert problem.message.startswith("unknown field 'bad\\nkey'")
    assert problem.pointer == "/bad\nkey"  # the data stays exact (JSON output escapes it)
    assert (problem.line, problem.column) == (len(MINIMAL.splitlines()) + 1, 1)


def test_unknown_megabyte_key_gives_a_short_message():
    (problem,) = _problems(MINIMAL + "? " + "k" * 1_000_000 + "\n: 1\n")  # explicit key: no 1024 limit
    _assert_one_short_line(problem)
    assert "unknown field 'kkk" in problem.message and "..." in problem.message


def test_duplicate_megabyte_key_gives_a_short_message():
    key = "k" * 1_000_000
    problems = _problems(MINIMAL + f"? {key}\n: 1\n? {key}\n: 2\n")
    duplicate = next(p for p in problems if p.message.startswith("duplicate key"))
    _assert_one_short_line(duplicate)
    for problem in problems:
        _assert_one_short_line(problem)
