"""Any value anywhere in an export: the reader reads the file or reports one line, never raises."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cohort.builders import Prompt, Quiz, Session, export
from trainer.cohort.analysis import Settings, build_report
from trainer.cohort.reader import read_cohort

BASE = export(
    [
        Session("s1", quiz=[Quiz("Q1", True), Quiz("Q2", False, ["a", "b"], question_type="multiple")]),
        Session("s2", prompts=[Prompt("P1", [True, False], tags=("acgme:PC1",), flags=[("f", "flag", "unsafe")])]),
    ],
    resident_id="r",
    name="Ana",
    notes=[{"bank_id": "prog", "question_id": "Q1", "content_hash": "h", "text": "t", "created_at": 1.0}],
)


def _places(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _places(child, (*path, index))


PLACES = list(_places(BASE))[1:]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.just("x" * 300),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(PLACES), value=VALUES, delete=st.booleans())
def test_a_value_replaced_or_removed_anywhere(tmp_path_factory, place, value, delete):
    document = json.loads(json.dumps(BASE))
    parent = document
    for step in place[:-1]:
        parent = parent[step]
    if delete and isinstance(parent, dict):
        del parent[place[-1]]
    else:
        parent[place[-1]] = value
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "x.json").write_text(json.dumps(document), encoding="utf-8")
    result = read_cohort([str(folder / "x.json")])
    assert len(result.problems) + result.files_read == 1
    for problem in result.problems:
        assert "\n" not in str(problem) and str(problem).startswith(str(folder / "x.json") + ": error: ")
    build_report(result.residents, Settings(0.0))  # whatever was read can be reported
