"""A mutation smoke run inside the normal suite (the full mutmut run is docs/testing.md, not CI).

mutmut is a separate extra and takes minutes, so this is a minimal mutation run of our own on
one function, ``scoring.within_tolerance`` (the rule that decides whether a dose is right):
every comparison, arithmetic operator, number and ``max`` in it is changed one at a time, the
changed function is put in place of the real one, and the tolerance tests are run against it.
Each mutant must make at least one of them fail, except the one listed as equivalent (with
the reason), so a test that stops asserting the rule fails here in a second.
"""

from __future__ import annotations

import ast
import inspect
import textwrap

import pytest

from tests.practice import test_scoring, test_scoring_exact
from trainer.practice import scoring

TOLERANCE_TESTS = (
    test_scoring.test_tolerance_boundaries_are_inclusive_despite_float_noise,
    test_scoring_exact.test_float_noise_at_zero_counts_as_zero,
    test_scoring_exact.test_the_slack_is_relative_to_the_larger_of_answer_and_value,
    test_scoring_exact.test_the_slack_is_a_billionth_not_more,
    test_scoring_exact.test_a_numeric_answer_without_unit_or_tolerance_shows_the_bare_number,
)

# "<=" -> "<": the slack is never 0 (at least 1e-9), so a value exactly at the edge is still in.
EQUIVALENT = {"Compare LtE -> Lt"}

_OPERATORS = {
    ast.LtE: (ast.Lt, ast.GtE, ast.Eq),
    ast.Add: (ast.Sub,),
    ast.Sub: (ast.Add,),
    ast.Mult: (ast.Div,),
}


def _mutants(function) -> list[tuple[str, ast.Module]]:
    """Each single-point change of ``function``: (label, the changed function's module AST)."""
    source = textwrap.dedent(inspect.getsource(function))
    count = len(list(ast.walk(ast.parse(source))))
    found: list[tuple[str, ast.Module]] = []
    for index in range(count):
        for variant in range(4):
            tree = ast.parse(source)
            node = list(ast.walk(tree))[index]
            label = _mutate(node, variant)
            if label:
                found.append((label, ast.fix_missing_locations(tree)))
    return found


def _mutate(node: ast.AST, variant: int) -> str | None:
    if isinstance(node, ast.Compare) and type(node.ops[0]) in _OPERATORS:
        replacements = _OPERATORS[type(node.ops[0])]
        if variant < len(replacements):
            old = type(node.ops[0]).__name__
            node.ops[0] = replacements[variant]()
            return f"Compare {old} -> {type(node.ops[0]).__name__}"
    elif isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS and variant == 0:
        old = type(node.op).__name__
        node.op = _OPERATORS[type(node.op)][0]()
        return f"BinOp {old} -> {type(node.op).__name__} at column {node.col_offset}"
    elif isinstance(node, ast.Constant) and isinstance(node.value, float) and variant < 2:
        old = node.value
        node.value = (old * 10, old / 10)[variant] if old else 1.0
        return f"Constant {old!r} -> {node.value!r}"
    elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "max" and variant == 0:
        node.func.id = "min"
        return "Call max -> min"
    elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "max" and 0 < variant <= len(node.args):
        del node.args[variant - 1]
        return f"Call max without argument {variant}"
    return None


def _caught(tree: ast.Module, monkeypatch: pytest.MonkeyPatch) -> bool:
    namespace = dict(vars(scoring))
    exec(compile(tree, scoring.__file__, "exec"), namespace)
    with monkeypatch.context() as patch:
        patch.setattr(scoring, "within_tolerance", namespace["within_tolerance"])
        for module in (test_scoring, test_scoring_exact):
            patch.setattr(module, "within_tolerance", namespace["within_tolerance"])
        for test in TOLERANCE_TESTS:
            arguments = inspect.signature(test).parameters
            cases = [(1000.0, 1.0 - 5e-7), (1.0, 1000.0 + 5e-7)] if arguments else [()]
            for case in cases:
                try:
                    test(*case)
                except AssertionError:
                    return True
    return False


def test_the_tolerance_tests_catch_every_change_to_the_tolerance_rule(monkeypatch):
    mutants = _mutants(scoring.within_tolerance)
    assert len(mutants) >= 12  # the run really changed something
    survived = sorted(label for label, tree in mutants if not _caught(tree, monkeypatch))
    assert survived == sorted(EQUIVALENT)


def test_the_unchanged_rule_passes_its_tests(monkeypatch):
    tree = ast.parse(textwrap.dedent(inspect.getsource(scoring.within_tolerance)))
    assert not _caught(tree, monkeypatch)
