"""Fixtures of the reliability tests: the Pilot fixtures shared with the screen tests (one
definition, in tests/tui), and the example count of a long fuzz campaign."""

import pytest

from tests.tui.conftest import make_app, store

__all__ = ["long_fuzz_examples", "make_app", "store"]


@pytest.fixture
def long_fuzz_examples(request) -> int:
    """``--fuzz-examples N``; without it the long campaign that asks for this is skipped."""
    examples = request.config.getoption("--fuzz-examples")
    if not examples:
        pytest.skip("long fuzz run: pass --fuzz-examples N")
    return examples
