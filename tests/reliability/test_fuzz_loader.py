"""Fuzzing the bank loader: mutated valid banks load or fail only with positioned BankErrors.

Starting from two valid banks, hypothesis deletes, duplicates, renames and retypes keys,
swaps values, truncates the text at random points and inserts random bytes. Whatever it
makes, ``load_bank_bytes`` must either return a ``Bank`` or raise ``BankError`` whose
problems each carry a line and column >= 1 and a short, one-line message -- never any
other exception (no KeyError, TypeError, RecursionError, yaml error ...).

The normal suite runs a modest number of examples; ``pytest --fuzz-examples 10000
tests/reliability/test_fuzz_loader.py`` runs a long campaign (see docs/reliability.md).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.reliability.trees import get, paths
from trainer.banks import BankError, load_bank_bytes, yamlsafe
from trainer.banks.model import Bank

REPO = Path(__file__).resolve().parents[2]
SEEDS = {
    "minimal": (REPO / "tests" / "banks" / "fixtures" / "valid" / "minimal.yaml").read_bytes(),
    "tui": (REPO / "tests" / "tui" / "banks" / "tui.yaml").read_bytes(),
}
PARSED = {name: yamlsafe.load(yamlsafe.decode(data)).data for name, data in SEEDS.items()}  # as the product parses
DEFAULT_EXAMPLES = 300
MAX_MESSAGE = 400  # characters: a message an author reads on one terminal line or two


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.just(""),
    st.just([]),
    st.just({}),
    st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=3),
    st.dictionaries(st.text(max_size=6), st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
)
ODD_KEYS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "id",
            "type",
            "answer",
            "answers",
            "options",
            "questions",
            "categories",
            "case",
            "tolerance",
            "tolerance_percent",
            "key_points",
            "references",
            "prompts",
            "<<",
        ]
    ),
    st.integers(min_value=-5, max_value=10**20),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True),
)


@st.composite
def data_mutation(draw):
    """A structurally mutated bank, dumped back to YAML bytes."""
    import copy

    name = draw(st.sampled_from(sorted(PARSED)))
    tree = copy.deepcopy(PARSED[name])
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = list(paths(tree))
        if not places:
            break
        container_path, key = draw(st.sampled_from(places))
        container = get(tree, container_path)
        op = draw(st.sampled_from(["delete", "retype", "swap", "rename", "duplicate", "wrap"]))
        if op == "delete":
            del container[key]
        elif op == "retype":
            container[key] = draw(ODD_VALUES)
        elif op == "swap":
            other_path, other_key = draw(st.sampled_from(places))
            try:
                other = get(tree, other_path)
                container[key], other[other_key] = other[other_key], container[key]
            except (KeyError, IndexError, TypeError):
                pass
        elif op == "rename" and isinstance(container, dict):
            new_key = draw(ODD_KEYS)
            if isinstance(new_key, float) and math.isnan(new_key):
                new_key = "nan"
            container[new_key] = container.pop(key)
        elif op == "duplicate":
            if isinstance(container, list):
                container.insert(key, copy.deepcopy(container[key]))
        elif op == "wrap":
            container[key] = draw(st.sampled_from([[container[key]], {"value": container[key]}]))
    try:
        text = yaml.dump(
            tree,
            Dumper=yaml.CSafeDumper,
            allow_unicode=draw(st.booleans()),
            sort_keys=False,
            default_flow_style=draw(st.sampled_from([False, None])),
        )
    except yaml.YAMLError:
        text = yaml.dump(str(tree), Dumper=yaml.CSafeDumper)
    return text.encode("utf-8", errors="surrogatepass")


@st.composite
def text_mutation(draw):
    """The seed bank's bytes, cut, spliced and sprinkled with random bytes."""
    data = bytearray(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        lines = bytes(data).split(b"\n")
        op = draw(st.sampled_from(["truncate", "insert", "replace", "dup_line", "del_line", "move_line", "indent"]))
        if op == "truncate":
            data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
        elif op == "insert":
            at = draw(st.integers(min_value=0, max_value=len(data)))
            junk = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=8),
                    st.sampled_from(
                        [
                            b"\t",
                            b"&a ",
                            b"*a",
                            b"!!python/object:os.system ",
                            b"!!binary ",
                            b"---\n",
                            b"- ",
                            b": ",
                            b"{",
                            b"[",
                            b'"',
                            b"'",
                            b"\xef\xbb\xbf",
                            b"\xc3",
                            b"\x1b]52;c;",
                            b"<<: *a\n",
                            b"? ",
                            b"|",
                            b">",
                            b"%YAML 1.1\n",
                            b"\r",
                            b"\\",
                            b"#",
                            b"\xe2\x80\xae",
                        ]
                    ),
                )
            )
            data[at:at] = junk
        elif op == "replace" and data:
            at = draw(st.integers(min_value=0, max_value=len(data) - 1))
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif op == "dup_line":
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        elif op == "del_line":
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            del lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == "move_line":
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines.insert(j, lines.pop(i))
            data = bytearray(b"\n".join(lines))
        elif op == "indent":
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            shift = draw(st.sampled_from([b" ", b"  ", b"    ", b"\t"]))
            lines[i] = shift + lines[i] if draw(st.booleans()) else lines[i][len(shift) :]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


# Issue 22: what got past the first fuzzer. Unicode digits (isdigit() but not int()),
# nesting between 900 and libyaml's limit (the explainer's RecursionError), an explicit
# tag on every kind of scalar, and control characters in every string field.
UNICODE_DIGITS = ["\u00b2", "\u2460", "\u0663", "\u2079", "\U0001d7d7", "\u0e53", "\uff11"]
TAGS = [
    "!!bool",
    "!!float",
    "!!int",
    "!!null",
    "!!str",
    "!!timestamp",
    "!!binary",
    "!!map",
    "!!seq",
    "!!merge",
    "!!value",
    "!!python/none",
    "!custom",
    "!%1B%5D0%3BX%07",
]
TAGGED = ["b", "1", "1.5", "1:x", "1:30", "010", "true", "~", "2026-01-01", "0x1F", "''", ".nan", "-.inf", "9" * 5000]
CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x9B, 0x9D)]


def _strings(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*prefix, index))
    elif isinstance(node, str):
        yield prefix


@st.composite
def hostile_mutation(draw):
    """A valid bank with one of the issue-22 hostile constructs put somewhere in it."""
    import copy

    name = draw(st.sampled_from(sorted(PARSED)))
    tree = copy.deepcopy(PARSED[name])
    op = draw(st.sampled_from(["deep", "digit_key", "tag", "control"]))
    marker = "zzMARKERzz"
    if op == "control":
        path = draw(st.sampled_from(list(_strings(tree))))
        container = get(tree, path[:-1])
        text = container[path[-1]]
        at = draw(st.integers(min_value=0, max_value=len(text)))
        container[path[-1]] = text[:at] + draw(st.sampled_from(CONTROLS)) + text[at:]
        return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")
    container_path, key = draw(st.sampled_from(list(paths(tree))))
    container = get(tree, container_path)
    if op == "digit_key":
        target = container if isinstance(container, dict) else tree
        target[draw(st.sampled_from(UNICODE_DIGITS))] = draw(st.sampled_from(["x", 1, None]))
        return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")
    container[key] = marker
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    if op == "deep":
        depth = draw(st.integers(min_value=900, max_value=1100))
        open_, close = draw(st.sampled_from([("[", "]"), ("{a: ", "}")]))
        replacement = open_ * depth + ("1" if open_ == "{a: " else "") + close * depth
    else:
        replacement = f"{draw(st.sampled_from(TAGS))} {draw(st.sampled_from(TAGGED))}"
    return text.replace(marker, replacement, 1).encode("utf-8")


MUTATED = st.one_of(data_mutation(), text_mutation(), hostile_mutation())


def check_loader(data: bytes) -> Bank | BankError:
    """The property: a Bank, or a BankError with positioned, short, one-line problems."""
    try:
        bank = load_bank_bytes(data, "fuzz.yaml")
    except BankError as error:
        assert error.problems, "a BankError without problems"
        for problem in error.problems:
            assert problem.path == "fuzz.yaml"
            assert isinstance(problem.line, int) and problem.line >= 1, problem
            assert isinstance(problem.column, int) and problem.column >= 1, problem
            assert problem.message and len(problem.message) <= MAX_MESSAGE, problem
            assert "\n" not in str(problem) and "\r" not in str(problem), problem
        return error
    assert isinstance(bank, Bank)
    return bank


def _fuzz(examples: int, fixed_seed: int | None) -> None:
    def run(data: bytes) -> None:
        check_loader(data)

    test = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )(given(MUTATED)(run))
    if fixed_seed is not None:
        test = seed(fixed_seed)(test)
    test()


def test_seeds_are_valid_banks():
    for data in SEEDS.values():
        assert isinstance(check_loader(data), Bank)


def test_mutated_banks_load_or_fail_with_positioned_problems():
    """The normal suite: a fixed seed, so CI runs the same examples every time."""
    _fuzz(DEFAULT_EXAMPLES, fixed_seed=8)


def test_issue22_hostile_constructs_load_or_fail_with_positioned_problems():
    """Deep nesting 900-1,100, Unicode digit keys, tags on every scalar, control characters."""

    def run(data: bytes) -> None:
        check_loader(data)

    test = settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )(given(hostile_mutation())(run))
    seed(22)(test)()


@pytest.mark.slow
def test_long_fuzz_campaign(long_fuzz_examples):
    """Only with ``--fuzz-examples N``: N examples from a fresh random seed."""
    _fuzz(long_fuzz_examples, fixed_seed=None)
