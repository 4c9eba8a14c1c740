"""Items per ABA outline section, shares against weights, and what "roughly follows" means."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, cli_env
from trainer.banks import load_bank
from trainer.banks.coverage import FACTOR, POINTS, coverage, roughly_follows, text_lines
from trainer.banks.outline import Outline, Section

SECTIONS = FIXTURES / "valid" / "sections.yaml"


def test_counts_each_emq_stem_and_leaves_out_prompts_and_the_unweighted_section():
    report = coverage(load_bank(SECTIONS).questions)
    by_id = {s.id: s for s in report.sections}
    assert (report.items, report.tagged, report.untagged) == (6, 5, (("sections", "s-untagged"),))
    assert by_id["opioids"].items == 2 and by_id["neuropathic"].items == 2  # the EMQ set's two stems
    assert by_id["pathway"].items == 1 and by_id["pathway"].share is None and by_id["pathway"].follows
    assert by_id["opioids"].share == pytest.approx(50.0)  # 2 of the 4 items in weighted sections
    assert by_id["professionalism-quality"].items == 0  # the open prompt's section is not counted
    assert sum(s.share or 0 for s in report.sections) == pytest.approx(100.0)
    assert [s.id for s in report.sections if s.below_floor][:2] == ["anatomy-physiology", "development-pain-systems"]


def test_shares_are_zero_not_a_division_by_zero_when_nothing_is_tagged():
    report = coverage(q for q in load_bank(FIXTURES / "valid" / "minimal.yaml").questions)
    assert report.tagged == 0 and report.items == 3
    assert {s.share for s in report.sections if s.weight} == {0.0}


@pytest.mark.parametrize(
    ("share", "weight", "follows"),
    [
        (4.0, 1.0, True),  # within 3 points
        (4.5, 1.0, False),  # 4.5 times and 3.5 points off
        (0.0, 3.0, True),  # 3 points off exactly
        (4.0, 12.0, True),  # a third of the weight
        (3.9, 12.0, False),
        (36.0, 12.0, True),
        (36.1, 12.0, False),
    ],
)
def test_roughly_follows_is_within_points_or_a_factor(share, weight, follows):
    assert (POINTS, FACTOR) == (3.0, 3.0)
    assert roughly_follows(share, weight) is follows


def test_a_section_off_its_weight_or_below_the_floor_is_marked_in_the_text():
    toy = Outline("Toy outline", "Tests", "v1", 2023, "https://example.org", (Section("opioids", "Opioids", 90),))
    report = coverage(load_bank(SECTIONS).questions, toy)
    lines = text_lines(report)
    assert lines[0] == "Toy outline (v1)"
    assert "    2   100.0      90  opioids: Opioids  [under 5 items]" in lines
    assert lines[-3:] == ["", "knowledge items with no section (1):", "  sections: s-untagged"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args], capture_output=True, text=True, env=cli_env(), timeout=60
    )


def test_banks_coverage_json_through_the_entry_point(tmp_path):
    result = run(
        "banks", "--coverage", "sections", "--bank", str(SECTIONS), "--data-dir", str(tmp_path), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["banks"] == ["sections"] and found["knowledge_items"] == 6 and found["with_section"] == 5
    assert found["outline"]["year"] == 2023 and found["rule"] == {"floor": 5, "points": 3.0, "factor": 3.0}
    opioids = next(s for s in found["sections"] if s["id"] == "opioids")
    assert opioids == {
        "id": "opioids",
        "title": "Opioids",
        "weight": 4.0,
        "items": 2,
        "share": 50.0,
        "follows_outline": False,
        "below_floor": True,
    }
    assert found["without_section"] == [{"bank": "sections", "id": "s-untagged"}]


def test_banks_coverage_text_of_every_loaded_bank_and_a_wrong_id(tmp_path):
    result = run("banks", "--coverage", "--bank", str(SECTIONS), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("banks: ") and lines[0].endswith(", sections")  # the bundled banks too
    assert any(line.startswith("items  bank %  exam %  section") for line in lines)
    assert "  sections: s-untagged" in lines
    misplaced = run("banks", "update", "--coverage", "--data-dir", str(tmp_path))
    assert (
        misplaced.returncode == 2 and "--coverage goes with 'banks' (the list), not 'banks update'" in misplaced.stderr
    )
    wrong = run("banks", "--coverage", "nope", "--data-dir", str(tmp_path))
    assert wrong.returncode == 2 and "--coverage 'nope': no loaded bank has this id" in wrong.stderr
    assert "Traceback" not in wrong.stderr
