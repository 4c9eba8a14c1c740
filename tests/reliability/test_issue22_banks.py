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
        (
            "think_seconds: 10\n    answer_seconds: 60\nquestions",
            "think_seconds: 10.0\n    answer_seconds: 60\nquestions",
            "/interview_formats/0/think_seconds",
        ),
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


# --- bounded time, memory and disk ------------------------------------------------------


def _best_of_three(text: str) -> float:
    import time

    data = text.encode()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with pytest.raises(BankError):
            load_bank_bytes(data, "bank.yaml")
        best = min(best, time.perf_counter() - start)
    return best


def test_unknown_keys_cost_linear_time():
    # Each problem scanned every key of its mapping for its position: 20,000 keys took 15 s.
    small = _best_of_three(MINIMAL + "".join(f"k{i}: 1\n" for i in range(2_000)))
    large = _best_of_three(MINIMAL + "".join(f"k{i}: 1\n" for i in range(20_000)))
    assert large < 15 * small + 0.3, (small, large)  # linear is ~10x; the old code was 26x


def test_explaining_stops_after_the_problem_cap():
    head = MINIMAL.split("questions:")[0] + "questions:\n"
    small = _best_of_three(head + "- {}\n" * 2_000)
    large = _best_of_three(head + "- {}\n" * 20_000)
    assert large < 15 * small + 0.3, (small, large)
    problems = _problems(head + "- {}\n" * 20_000)
    assert len(problems) == 51 and problems[-1].message.endswith("more problems not shown")


def test_a_million_empty_questions_is_refused_before_parsing():
    import time

    text = MINIMAL.split("questions:")[0] + "questions:\n" + "- {}\n" * 1_000_000
    start = time.perf_counter()
    (problem,) = _problems(text)
    assert time.perf_counter() - start < 2  # it took 210 s and 3.2 GB
    assert problem.message.startswith("too many YAML nodes") and (problem.line, problem.column) == (1, 1)


def test_scalar_aliases_are_charged_what_they_expand_to():
    # A valid 21 MB bank made a 3.7 GB cache: one long text repeated by scalar aliases.
    long_text = "x" * 19_000  # under maxLength (20,000)
    text = MINIMAL.replace("explanation: Because b.", f"explanation: &long {long_text}")
    text = text.replace("explanation: Because.", "explanation: *long")
    load_bank_bytes(text.encode(), "bank.yaml")  # one repeat is fine
    many = text + "".join(f"x{i}: *long\n" for i in range(400))  # 7.6 MB from a 19 kB file
    problems = _problems(many)
    assert any("aliases expand to more than" in p.message for p in problems)


def test_merge_keys_are_charged_to_the_alias_budget():
    import time

    lines = ["l0: &l0 {" + ", ".join(f"k{i}: 1" for i in range(10)) + "}"]
    lines += [f"l{n}: &l{n} {{<<: [*l{n - 1}, *l{n - 1}]}}" for n in range(1, 40)]
    start = time.perf_counter()
    problems = _problems(MINIMAL + "\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2  # 2**40 merged pairs before any charge
    assert any("aliases expand to more than" in p.message for p in problems)


def test_the_cache_refuses_an_entry_past_its_bound(tmp_path, monkeypatch):
    import sqlite3

    import trainer.banks.cache as cache_module
    from trainer.banks import BankCache, load_bank

    monkeypatch.setattr(cache_module, "MAX_ENTRY_CHARS", 500)
    path = tmp_path / "bank.yaml"
    path.write_text(MINIMAL)
    cache = BankCache(tmp_path / "cache")
    bank = load_bank(path, cache=cache)
    assert len(bank.questions) == 4  # loaded in memory instead
    rows = sqlite3.connect(tmp_path / "cache" / "banks.sqlite3").execute("SELECT count(*) FROM questions").fetchone()
    assert rows == (0,)


def test_an_invalid_bank_is_remembered_and_not_parsed_again(tmp_path, monkeypatch):
    from trainer.banks import BankCache, load_bank, loader

    path = tmp_path / "bank.yaml"
    path.write_text(MINIMAL + "unknown: 1\n")
    cache = BankCache(tmp_path / "cache")
    with pytest.raises(BankError) as first:
        load_bank(path, cache=cache)

    def parse_again(*args):
        raise AssertionError("parsed again")

    monkeypatch.setattr(loader, "_validated", parse_again)
    with pytest.raises(BankError) as second:
        load_bank(path, cache=cache)
    assert [str(p) for p in second.value.problems] == [str(p) for p in first.value.problems]
    path.write_text(MINIMAL + "unknown: 2\n")  # changed bytes are validated again
    with pytest.raises(AssertionError, match="parsed again"):
        load_bank(path, cache=cache)
