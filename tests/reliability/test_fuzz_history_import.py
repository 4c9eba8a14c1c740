"""Fuzzing ``history import`` over the export format: whatever a file holds, it is refused
with one ``HistoryError`` line before anything is written, or imported into a history that
then lists, summarises, resumes and exports again without an error.

Mutations follow the export schema's fields: any value replaced by another type, a number at
or past its range (huge ints, 1e300, millisecond times, +-1e18), text with control
characters, values nested up to 40 levels (and 900-1,000 spliced into the text), keys deleted.
The normal suite runs a short fixed-seed run; ``--fuzz-examples N`` a long one.
"""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.history.helpers import T0, answer, interview, session
from tests.reliability.trees import paths
from trainer.history.errors import HistoryError
from trainer.history.exchange import export_history, import_history, read_export
from trainer.history.store import Store

DEFAULT_EXAMPLES = 150
DEEP = "zzDEEPzz"


def _valid_document() -> dict:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder)) as store:
        store.start_session(session("quiz", n=3))
        store.record_answer(answer("quiz", 0, response=["a", "c"], tags=("t",)))
        store.record_answer(answer("quiz", 1, correct=False, flagged=True))
        store.start_session(session("iv", n=1, kind="interview", mode="interview", started_at=T0 + 500))
        store.record_answer(answer("iv", 0, correct=None, question_type="open", response="text"), interview("iv", 0))
        store.record_answer(answer("iv", 0, correct=None, question_type="open"), interview("iv", 0, probe=0))
        store.finish_session("iv", T0 + 900)
        return export_history(store)


VALID = _valid_document()


def _nested(depth: int, leaf):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**63, 2**63 - 1, -(2**63) - 1, 10**30, 0, -1, 1, 199999, 200000]),
    st.sampled_from([1e300, -1e300, 1e18, -1e18, 1.7e12, 4102444800.5, 2.0, 0.5, -0.0, 1e-300]),
    st.text(max_size=20),
    st.sampled_from(["\x1b]52;c;eA==\x07", "\x1b[2J", "a\u202eb", "quiz", "interview", "exam", "tutor", "", "x" * 300]),
    st.builds(_nested, st.integers(min_value=0, max_value=40), st.sampled_from([1, "x", None, {}])),
    st.just(DEEP),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def mutated_export(draw) -> str:
    document = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        places = list(paths(document))
        container_path, key = draw(st.sampled_from(places))
        container = document
        for part in container_path:
            container = container[part]
        if draw(st.integers(min_value=0, max_value=5)) == 0 and isinstance(container, dict):
            del container[key]
        else:
            container[key] = draw(VALUES)
    text = json.dumps(document)
    depth = draw(st.integers(min_value=900, max_value=1000))
    return text.replace(json.dumps(DEEP), "[" * depth + "]" * depth)


def check_import(text: str) -> None:
    try:
        sessions = read_export(text, "fuzz.json")
    except HistoryError as refused:
        message = str(refused)
        assert message.startswith("fuzz.json: ") and "\n" not in message and len(message) < 400, message
        return
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder)) as store:
        import_history(store, sessions)
        store.sessions()
        store.stats()
        found = store.unfinished_session()
        if found is not None:
            store.load_session(found.session.session_id)
        again = read_export(json.dumps(export_history(store)), "again.json")  # what it wrote reads back
        assert len(again.sessions) == len(sessions.sessions)


def _fuzz(examples: int, fixed_seed: int | None) -> None:
    def run(text: str) -> None:
        check_import(text)

    test = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )(given(mutated_export())(run))
    if fixed_seed is not None:
        test = seed(fixed_seed)(test)
    test()


def test_the_unmutated_export_imports():
    check_import(json.dumps(VALID))


def test_mutated_exports_are_refused_in_one_line_or_import_cleanly():
    _fuzz(DEFAULT_EXAMPLES, fixed_seed=22)


@pytest.mark.slow
def test_long_history_import_fuzz_campaign(long_fuzz_examples):
    """Only with ``--fuzz-examples N``: N examples from a fresh random seed."""
    _fuzz(long_fuzz_examples, fixed_seed=None)
