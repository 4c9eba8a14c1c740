"""The judge's red flags on the held-out stress set (tests/practice/stress/answers.yaml).

Not a floor of issue 14 (those are the gold set's): a guard that today's figures on answers
written outside every bank review do not get worse. Raise the bounds when the judge improves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.practice.test_gold_set import bundled_prompts
from trainer.practice.judge import DEFAULT_JUDGE

STRESS = Path(__file__).parent / "stress" / "answers.yaml"


@pytest.fixture(scope="module")
def verdicts() -> list[tuple[dict, set[str]]]:
    prompts = bundled_prompts()
    answers = yaml.safe_load(STRESS.read_text(encoding="utf-8"))["answers"]
    judged = []
    for a in answers:
        q = prompts[a["prompt"]]
        raised = {f.id for f in DEFAULT_JUDGE.judge(a["answer"], q.key_points, q.red_flags, q.synonyms).flags}
        judged.append((a, raised))
    return judged


def test_the_stress_set_names_real_flags(verdicts):
    prompts = bundled_prompts()
    for a, _ in verdicts:
        assert a["label"] in ("strong", "unsafe")
        assert set(a["endorsed"]) <= {f.id for f in prompts[a["prompt"]].red_flags}, a["prompt"]
        assert bool(a["endorsed"]) == (a["label"] == "unsafe"), a["prompt"]


def test_endorsed_red_flags_caught_no_fewer_than_today(verdicts):
    endorsed = [(a["prompt"], f) for a, _ in verdicts for f in a["endorsed"]]
    missed = [(a["prompt"], f) for a, raised in verdicts for f in a["endorsed"] if f not in raised]
    # 7 of 17 before the review of the ten missed flags (whose brief was not blind to this set), 12 after
    assert len(endorsed) - len(missed) >= 12, missed


def test_false_alarms_on_strong_answers_no_more_than_today(verdicts):
    false = [(a["prompt"], sorted(raised)) for a, raised in verdicts if a["label"] == "strong" and raised]
    # 3 at first; "non-particulate" is fixed; the two left are described in docs/judging.md
    assert len(false) <= 2, false
