"""The judge's red flags on the held-out stress sets (tests/practice/stress/*.yaml).

Not floors of issue 14 (those are the gold set's): guards that today's figures on answers
written outside the bank reviews do not get worse. Raise the bounds when the judge improves.
Set 1 was looked at by a later review (its file header says how); set 2 by nothing yet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.practice.test_gold_set import bundled_prompts
from trainer.banks.model import OpenQuestion
from trainer.practice.judge import DEFAULT_JUDGE

STRESS = Path(__file__).parent / "stress"
# per set: (fewest endorsed flags caught, most strong answers with a flag raised), as measured
TODAY = {
    "answers.yaml": (12, 2),  # of 17; 7 and 3 before the review of its missed flags
    "answers_2.yaml": (12, 1),  # of 26, measured once on the final judge of session 11
}


@pytest.fixture(scope="module")
def prompts() -> dict[str, OpenQuestion]:
    """The bundled open prompts, loaded once for both sets."""
    return bundled_prompts()


@pytest.fixture(scope="module", params=sorted(TODAY))
def stress_set(request, prompts) -> tuple[str, list[tuple[dict, set[str]]]]:
    """(file name, [(labelled answer, red flags the judge raises)])."""
    answers = yaml.safe_load((STRESS / request.param).read_text(encoding="utf-8"))["answers"]
    judged = []
    for a in answers:
        q = prompts[a["prompt"]]
        raised = {f.id for f in DEFAULT_JUDGE.judge(a["answer"], q.key_points, q.red_flags, q.synonyms).flags}
        judged.append((a, raised))
    return request.param, judged


def test_the_stress_set_names_real_flags(stress_set, prompts):
    _, judged = stress_set
    for a, _ in judged:
        assert a["label"] in ("strong", "unsafe")
        assert set(a["endorsed"]) <= {f.id for f in prompts[a["prompt"]].red_flags}, a["prompt"]
        assert bool(a["endorsed"]) == (a["label"] == "unsafe"), a["prompt"]


def test_endorsed_red_flags_caught_no_fewer_than_today(stress_set):
    name, judged = stress_set
    endorsed = [(a["prompt"], f) for a, _ in judged for f in a["endorsed"]]
    missed = [(a["prompt"], f) for a, raised in judged for f in a["endorsed"] if f not in raised]
    assert len(endorsed) - len(missed) >= TODAY[name][0], missed


def test_false_alarms_on_strong_answers_no_more_than_today(stress_set):
    name, judged = stress_set
    false = [(a["prompt"], sorted(raised)) for a, raised in judged if a["label"] == "strong" and raised]
    assert len(false) <= TODAY[name][1], false
