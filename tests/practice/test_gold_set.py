"""The judge against the hand-labelled gold set (tests/practice/gold/*.yaml; format and floors in
the judge contract): per-key-point precision and recall, red flags, keyword lists, separation.

The gold answers and labels are human judgment; they are never edited to make the judge pass.
On failure the figures are printed with the disagreements, so a change can be studied.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from trainer.banks import BankSource, load_all
from trainer.banks.discovery import bank_files
from trainer.banks.model import OpenQuestion
from trainer.paths import bundled_banks_dir
from trainer.practice.judge import DEFAULT_JUDGE, Judge

GOLD = Path(__file__).parent / "gold"
WEAK_GROUP = ("weak", "vague", "off_topic", "keyword_list", "cliche", "unsafe")
LABELS = {
    "strong",
    "partial",
    "weak",
    "vague",
    "off_topic",
    "keyword_list",
    "negated",
    "unsafe",
    "paraphrase",
    "cliche",
}


@dataclass(repr=False)
class Figures:
    """What the gold set says about a judge."""

    answers: int = 0
    prompts: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    scores: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    missed_flags: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)
    keyword_list_credit: int = 0
    disagreements: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def mean(self, *labels: str) -> float:
        values = [s for label in labels for s in self.scores.get(label, [])]
        return 100 * sum(values) / len(values) if values else 0.0

    @property
    def separation(self) -> float:
        return self.mean("strong") - self.mean(*WEAK_GROUP)

    def __repr__(self) -> str:
        return f"Figures({self.summary()})"

    def summary(self) -> str:
        by_label = ", ".join(f"{label} {self.mean(label):.0f}" for label in sorted(self.scores))
        return (
            f"{self.answers} answers to {self.prompts} prompts: precision {self.precision:.3f}, recall "
            f"{self.recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn}); strong {self.mean('strong'):.1f} vs "
            f"weak group {self.mean(*WEAK_GROUP):.1f} = separation {self.separation:.1f} points; mean score by "
            f"label: {by_label}; endorsed red flags missed {len(self.missed_flags)}, rejected mentions flagged "
            f"{len(self.false_flags)}, points credited to keyword lists {self.keyword_list_credit}"
        )


def load_gold() -> list[dict]:
    answers: list[dict] = []
    for path in sorted(GOLD.glob("*.yaml")):
        answers += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return answers


def bundled_prompts() -> dict[str, OpenQuestion]:
    catalog = load_all(BankSource(p, bundled=True) for p in bank_files(bundled_banks_dir()))
    return {q.id: q for b in catalog.banks for q in b.questions if isinstance(q, OpenQuestion)}


def evaluate(judge: Judge, gold: list[dict], prompts: dict[str, OpenQuestion]) -> Figures:
    figures = Figures(answers=len(gold), prompts=len({g["prompt"] for g in gold}))
    for g in gold:
        q = prompts[g["prompt"]]
        judged = judge.judge(g["text"], q.key_points, q.red_flags, q.synonyms)
        got = [p.covered for p in judged.points]
        for i, (auto, human) in enumerate(zip(got, g["points"], strict=True)):
            if auto == bool(human):
                figures.tp += auto
                figures.tn += not auto
                continue
            if auto:
                figures.fp += 1
            else:
                figures.fn += 1
            p = judged.points[i]
            said = p.evidence.words if p.evidence else ""
            figures.disagreements.append(
                f"{'FP' if auto else 'FN'} [{g['label']}] {g['prompt']} point {i + 1} "
                f"({p.status} {said!r}): {q.key_points[i].text}"
            )
        if g["label"] == "keyword_list":
            figures.keyword_list_credit += sum(got)
        raised = {f.id for f in judged.flags}
        for flag_id, verdict in (g.get("red_flags") or {}).items():
            if verdict == "endorsed" and flag_id not in raised:
                figures.missed_flags.append(f"{g['prompt']}: {flag_id} [{g['label']}]")
            if verdict == "rejected" and flag_id in raised:
                figures.false_flags.append(f"{g['prompt']}: {flag_id} [{g['label']}]")
        figures.scores[g["label"]].append(judged.score)
    return figures


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_gold()


@pytest.fixture(scope="module")
def prompts() -> dict[str, OpenQuestion]:
    return bundled_prompts()


@pytest.fixture(scope="module")
def figures(gold, prompts) -> Figures:
    return evaluate(DEFAULT_JUDGE, gold, prompts)


def test_the_gold_set_is_big_enough_and_well_formed(gold, prompts):
    assert len(gold) >= 150, f"{len(gold)} gold answers"
    assert len({g["prompt"] for g in gold}) >= 30
    for g in gold:
        assert g["prompt"] in prompts, g["prompt"]
        assert g["label"] in LABELS, g["label"]
        q = prompts[g["prompt"]]
        assert len(g["points"]) == len(q.key_points), (g["prompt"], g["label"], g["text"][:60])
        assert set(g["points"]) <= {0, 1}
        ids = {f.id for f in q.red_flags}
        for flag_id, verdict in (g.get("red_flags") or {}).items():
            assert flag_id in ids and verdict in ("endorsed", "rejected"), (g["prompt"], flag_id)
        if g["label"] == "keyword_list":
            assert not any(g["points"])


def report(figures: Figures, *lists: list[str]) -> str:
    lines = [figures.summary()]
    for items in lists:
        lines += items[:60]
    return "\n".join(lines)


def test_key_point_recall(figures):
    assert figures.recall >= 0.85, report(figures, figures.disagreements)


def test_key_point_precision(figures):
    assert figures.precision >= 0.90, report(figures, figures.disagreements)


def test_every_endorsed_red_flag_is_caught(figures):
    assert not figures.missed_flags, report(figures, figures.missed_flags)


def test_no_rejected_mention_raises_a_red_flag(figures):
    assert not figures.false_flags, report(figures, figures.false_flags)


def test_keyword_lists_earn_nothing(figures):
    assert figures.scores["keyword_list"], "the gold set has keyword_list answers"
    assert figures.keyword_list_credit == 0, report(figures)


def test_strong_answers_score_40_points_above_weak_ones(figures):
    assert figures.separation >= 40, report(figures)
