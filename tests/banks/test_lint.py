"""``pain-trainer lint``: each check has a bank it flags and one it passes; silencing; output and exits."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.banks.lint import CHECKS, lint
from trainer.cli import main

REF = [
    {
        "title": "CDC Clinical Practice Guideline for Prescribing Opioids for Pain - United States, 2022",
        "source": "MMWR Recommendations and Reports",
        "year": 2022,
    }
]


def single(qid: str, stem: str, options: list[str], answer: int = 0, **extra) -> dict:
    ids = "abcdefghi"
    return {
        "id": qid,
        "type": "single",
        "category": "c",
        "difficulty": 2,
        "stem": stem,
        "options": [{"id": ids[n], "text": t} for n, t in enumerate(options)],
        "answer": ids[answer],
        "explanation": "Because.",
        "references": REF,
    } | extra


def open_q(qid: str, points: list[tuple[str, list[str]]], **extra) -> dict:
    return {
        "id": qid,
        "type": "open",
        "category": "c",
        "difficulty": 2,
        "prompt": "Tell us about tapering.",
        "key_points": [{"text": t, "keywords": k} for t, k in points],
    } | extra


def bank(*questions: dict) -> dict:
    return {
        "id": "b",
        "title": "B",
        "version": "1.0.0",
        "authors": ["A"],
        "license": "CC0-1.0",
        "language": "en",
        "description": "D",
        "categories": [{"id": "c", "title": "C"}],
        "questions": list(questions),
    }


FOUR = ["Morphine", "Fentanyl", "Hydromorphone", "Oxycodone"]
CASES = {
    "longest-correct": (
        single(
            "q",
            "Which is right?",
            ["A long, qualified and carefully hedged answer that says everything", "No", "Yes", "Maybe"],
        ),
        single("q", "Which is right?", ["A reasonably sized answer", "Another sized answer", "Yes", "Maybe"]),
    ),
    "all-none-of-the-above": (
        single("q", "Which?", ["Morphine", "Fentanyl", "None of the above"]),
        single("q", "Which?", ["Morphine", "Fentanyl", "Methadone"]),
    ),
    "absolute-distractor": (
        single("q", "Which?", ["Usually safe", "Never safe", "Rarely useful"]),
        single("q", "Which?", ["Usually safe", "Often unsafe", "Rarely useful"]),
    ),
    "grammatical-cue": (
        single("q", "The first-line drug is an", ["opioid", "gabapentinoid", "tricyclic"]),
        single("q", "The first-line drug is", ["an opioid", "a gabapentinoid", "a tricyclic"]),
    ),
    "convergence-cue": (
        single(
            "q",
            "Which?",
            [
                "oral morphine plus naloxone rescue",
                "oral morphine plus ketamine",
                "oral tramadol plus naloxone rescue",
                "intravenous lidocaine",
            ],
        ),
        single("q", "Which?", FOUR),
    ),
    "negative-stem": (
        single("q", "A patient takes opioids. Which is not an opioid?", FOUR),
        single("q", "A patient does not sleep. Which is NOT an opioid?", FOUR),
    ),
    "shuffle-no-order": (
        single("q", "Which?", FOUR, shuffle=False),
        single("q", "What dose?", ["10 mg", "20 mg", "40 mg"], shuffle=False),
    ),
    "duplicate-stem": (
        [
            single("q1", "Which opioid is most lipophilic?", FOUR),
            single("q2", "Which opioid is most lipophilic?", FOUR),
        ],
        [
            single("q1", "Which opioid is most lipophilic?", FOUR),
            single("q2", "Which opioid has no active metabolite?", FOUR),
        ],
    ),
    "unreferenced-number": (
        open_q("o", [("Taper by 10% a month", ["taper"]), ("Check in", ["follow up"])]),
        open_q("o", [("Taper by 10% a month", ["taper"]), ("Check in", ["follow up"])], references=REF),
    ),
    "undated-fact": (
        open_q("o", [("Follow the current guideline", ["guideline"])]),
        open_q("o", [("Follow the current guideline (CDC 2022)", ["guideline"])]),
    ),
    "shared-keyword": (
        open_q("o", [("Slow taper", ["taper", "slow"]), ("Taper plan", ["taper", "plan"]), ("Support", ["support"])]),
        open_q("o", [("Slow taper", ["taper", "slow"]), ("Written plan", ["plan"]), ("Support", ["support"])]),
    ),
}


def _found(questions, check: str) -> list:
    questions = questions if isinstance(questions, list) else [questions]
    return [f for f in lint(bank(*copy.deepcopy(questions))) if f.check == check]


@pytest.mark.parametrize("check", sorted(CASES))
def test_each_check_flags_its_fixture_and_passes_the_fixed_one(check):
    flagged, fixed = CASES[check]
    assert _found(flagged, check), check
    assert not _found(fixed, check), check


def test_answer_position_skew():
    skewed = [single(f"q{n}", f"Question number {n} about drug {n}?", FOUR, answer=0) for n in range(12)]
    assert _found(skewed, "answer-position-skew")
    even = [single(f"q{n}", f"Question number {n} about drug {n}?", FOUR, answer=n % 4) for n in range(12)]
    assert not _found(even, "answer-position-skew")


def test_every_check_is_covered_and_documented():
    from pathlib import Path

    assert set(CHECKS) == set(CASES) | {"answer-position-skew"}
    doc = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    for ident, check in CHECKS.items():
        assert check.rationale and f"`{ident}`" in doc, ident


def _write(tmp_path, data: dict, name: str = "b.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_output_format_exit_codes_and_silencing(tmp_path, capsys):
    flagged = CASES["all-none-of-the-above"][0]
    path = _write(tmp_path, bank(copy.deepcopy(flagged)))
    assert main(["lint", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and ": warning: all-none-of-the-above: option 'c' is 'None of the above'" in err
    assert "[at /questions/0/options/2]" in err
    assert main(["lint", str(path), "--ignore", "all-none-of-the-above"]) == 0
    silenced = _write(
        tmp_path, bank(copy.deepcopy(flagged) | {"lint": {"ignore": ["all-none-of-the-above"]}}), "s.yaml"
    )
    assert main(["lint", str(silenced)]) == 0
    assert main(["validate", str(silenced)]) == 0  # the schema accepts the lint field
    capsys.readouterr()
    assert main(["lint", "--format", "json", str(path)]) == 1
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["check"] == "all-none-of-the-above" and entry["severity"] == "warning" and entry["line"] > 1


def test_usage_mistakes_and_invalid_banks(tmp_path, capsys):
    assert main(["lint", str(tmp_path / "missing.yaml")]) == 2
    assert main(["lint", "--ignore", "no-such-check", str(tmp_path)]) == 2
    typo = _write(tmp_path, bank(single("q", "Which?", FOUR[:3], lint={"ignore": ["longest-corect"]})))
    assert main(["lint", str(typo)]) == 1
    assert "error: lint: unknown lint check 'longest-corect'" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    assert main(["lint", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:" in err and "error:" in err and "Traceback" not in err


def test_lint_settings_do_not_change_the_content_hash(tmp_path):
    from trainer.banks.loader import load_bank

    question = single("q", "Which?", FOUR)
    plain = load_bank(_write(tmp_path, bank(copy.deepcopy(question)), "p.yaml"))
    silenced = load_bank(_write(tmp_path, bank(question | {"lint": {"ignore": ["longest-correct"]}}), "s.yaml"))
    assert plain.questions[0].content_hash == silenced.questions[0].content_hash


def test_near_duplicate_stems_are_found():
    stems = [
        "Which opioid has the highest lipid solubility and the fastest onset after epidural injection?",
        "Which opioid has the highest lipid solubility and the fastest onset after an epidural injection?",
    ]
    found = _found([single(f"q{n}", stem, FOUR) for n, stem in enumerate(stems)], "duplicate-stem")
    assert [f.message for f in found] == ["stem is 93% the same words as question 'q0'"]


_WORDS = ["opioid", "taper", "dose", "renal", "block", "nerve", "pain", "spine", "drug", "risk"]


def _brute_force(stems: list[str]) -> set[int]:
    from trainer.banks.lint import NEAR_DUPLICATE, words

    sets = [set(words(s)) for s in stems]
    return {
        i
        for i in range(len(sets))
        for j in range(i)
        if sets[i] and sets[j] and len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= NEAR_DUPLICATE
    }


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9).map(" ".join), min_size=2, max_size=12))
def test_prefix_filtering_finds_what_comparing_every_pair_finds(stems):
    questions = [single(f"q{n}", stem + "?", FOUR) for n, stem in enumerate(stems)]
    flagged = {int(f.pointer.split("/")[2]) for f in lint(bank(*questions)) if f.check == "duplicate-stem"}
    assert flagged == _brute_force(stems)


def _emq(qid: str, stems: list[tuple[str, str]]) -> dict:
    return {
        "id": qid,
        "type": "extended_matching",
        "category": "c",
        "difficulty": 2,
        "theme": "Opioid choice",
        "lead_in": "For each patient choose the most suitable opioid.",
        "options": [
            {"id": o, "text": t}
            for o, t in zip(
                "abcdef", ["Morphine", "Oxycodone", "Fentanyl", "Methadone", "Buprenorphine", "Tapentadol"], strict=True
            )
        ],
        "stems": [{"id": f"s{n}", "stem": text, "answer": answer} for n, (text, answer) in enumerate(stems)],
        "explanation": "Because.",
        "references": REF,
    }


def test_findings_point_at_the_question_as_written_after_an_extended_matching_set(tmp_path, capsys):
    # The loader holds each stem as its own entry; lint's pointers and lines are the file's own.
    stems = [("A man on dialysis needs a strong opioid for cancer pain.", "c"), ("A woman wants a patch.", "c")]
    flagged = single("q", "Which is right?", ["The correct and by far the longest option of them all", "No", "Nah"])
    repeated = single("r", "A man on dialysis needs a strong opioid for cancer pain.", ["Yes, really", "No", "Nah"], 1)
    path = _write(tmp_path, bank(_emq("set", stems), flagged, repeated))
    assert main(["lint", "--format", "json", str(path)]) == 1
    findings = {f["check"]: f for f in json.loads(capsys.readouterr().out)}
    assert findings["longest-correct"]["pointer"] == "/questions/1/options/0"
    lines = path.read_text(encoding="utf-8").splitlines()
    start, end = (lines.index(f"- id: {qid}") + 1 for qid in ("q", "r"))
    assert start < findings["longest-correct"]["line"] < end  # inside question q, not the set's stems
    assert findings["duplicate-stem"]["pointer"] in ("/questions/2/stem", "/questions/0/stems/0/stem")
