"""Issue 22, banks: one bad file never stops the app, integers are integers, positions are right.

Each test failed before its fix (a traceback, a float in the model, or a problem at 1:1).
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from trainer.banks import BankError, default_sources, load_all, load_bank_bytes
from trainer.cli import main

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text()
LAST_LINE = len(MINIMAL.splitlines())


def _problems(text: str):
    with pytest.raises(BankError) as caught:
        load_bank_bytes(text.encode("utf-8"), "bank.yaml")
    for problem in caught.value.problems:
        assert "\n" not in str(problem) and problem.line >= 1 and problem.column >= 1
    return caught.value.problems


@pytest.mark.parametrize("key", ["²", "①", "٣", "⁹"])
def test_unicode_digit_key_is_a_positioned_problem_not_a_crash(key):
    # '²'.isdigit() is True but int('²') raises: the position lookup and the sort crashed.
    in_question = MINIMAL.replace("  - id: single-1\n", f"  - id: single-1\n    {key}: x\n", 1)
    (problem,) = _problems(in_question)
    assert (problem.line, problem.column) == (26, 5)
    assert problem.message.startswith(f"unknown field '{key}'")
    (top,) = _problems(MINIMAL + f"{key}: 1\n")
    assert (top.line, top.column) == (LAST_LINE + 1, 1)


@pytest.mark.parametrize("depth", [65, 900, 980, 985, 990, 995, 998])
@pytest.mark.parametrize("field", ["license", "stem", "title"])
def test_nesting_between_900_and_libyamls_limit_is_a_positioned_problem(depth, field):
    # libyaml accepts up to 1,000 levels; 980-999 crashed the explainer with RecursionError.
    deep = "[" * depth + "]" * depth
    text = {
        "license": MINIMAL.replace("license: CC-BY-4.0", f"license: {deep}"),
        "stem": MINIMAL.replace("stem: Pick b.", f"stem: {deep}"),
        "title": MINIMAL.replace("title: Minimal bank", "title: " + "{a: " * depth + "1" + "}" * depth),
    }[field]
    problems = _problems(text)
    assert any("nested more than 64 levels" in p.message or "maximum nesting depth" in p.message for p in problems)


@pytest.mark.parametrize(
    ("tagged", "tag"),
    [("!!bool b", "!!bool"), ("!!float b", "!!float"), ("!!float 1:x", "!!float"), ("!!int b", "!!int")],
)
def test_explicit_tag_on_the_wrong_scalar_says_what_is_wrong(tagged, tag):
    (problem,) = _problems(MINIMAL.replace("shuffle: false", f"shuffle: {tagged}"))
    assert (problem.line, problem.column) == (49, 14)
    assert problem.message.endswith(f"is not a valid {tag}")
    assert "too large" not in problem.message  # "!!int b" used to say "number is too large"


def test_a_huge_int_still_says_too_large():
    (problem,) = _problems(MINIMAL.replace("difficulty: 1", "difficulty: " + "9" * 5000))
    assert problem.message == "number is too large"


@pytest.mark.parametrize(
    ("old", "new", "pointer"),
    [
        ("prompts: 1", "prompts: 1.0", "/interview_formats/0/prompts"),
        ("think_seconds: 10\n    answer_seconds: 60\nquestions", "think_seconds: 10.0\n    answer_seconds: 60\nquestions",
         "/interview_formats/0/think_seconds"),
        ("difficulty: 1", "difficulty: 1.0", "/questions/0/difficulty"),
        ("year: 2018", "year: 2018.0", "/questions/1/references/0/year"),
    ],
)
def test_a_float_where_a_whole_number_belongs_is_rejected(old, new, pointer):
    # 1.0 passed both validators (draft-06+ calls it an integer) and crashed the interview.
    assert old in MINIMAL
    (problem,) = _problems(MINIMAL.replace(old, new, 1))
    assert problem.pointer == pointer
    assert problem.message.startswith("expected a whole number")


def test_whole_numbers_in_the_model_are_ints():
    bank = load_bank_bytes(MINIMAL.encode(), "bank.yaml")
    (fmt,) = bank.interview_formats
    assert all(type(v) is int for v in (fmt.prompts, fmt.think_seconds, fmt.answer_seconds))


HOSTILE_BANKS = {
    "digit.yaml": MINIMAL + "²: 1\n",
    "deep.yaml": MINIMAL.replace("license: CC-BY-4.0", "license: " + "[" * 990 + "]" * 990),
    "tag.yaml": MINIMAL.replace("shuffle: false", "shuffle: !!bool b").replace("id: minimal", "id: tagged"),
}


def test_hostile_user_banks_are_listed_as_broken_by_banks_validate_and_start_up(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "banks").mkdir(parents=True)
    for name, text in HOSTILE_BANKS.items():
        (data / "banks" / name).write_text(text)
    assert main(["banks", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.count("INVALID") == len(HOSTILE_BANKS)
    assert main(["validate", str(data / "banks")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count(": error: ") == len(HOSTILE_BANKS)
    catalog = load_all(default_sources(data))  # what the app's start-up does
    assert len(catalog.failures) == len(HOSTILE_BANKS) and catalog.banks


def test_an_unexpected_error_in_one_bank_is_a_listed_failure(tmp_path, monkeypatch, capsys):
    # The mechanism behind "never fatal": whatever slips past the checks is one broken bank.
    import trainer.banks.loader as loader

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(loader, "build_bank", broken)
    data = tmp_path / "data"
    (data / "banks").mkdir(parents=True)
    (data / "banks" / "one.yaml").write_text(MINIMAL)
    assert main(["banks", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "INVALID" in out and "internal error RecursionError" in out
