"""Issue 20's review fields reach the model; the outline they name ships with the package."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import FIXTURES
from trainer.banks import load_bank, load_bank_bytes
from trainer.banks.build import question_hash
from trainer.banks.outline import outline

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def _reviewed_bank() -> bytes:
    text = MINIMAL.replace(
        "    answer: b\n",
        "    answer: b\n    section: pathway\n    reviewed: 2026-12-02\n    rule_year: 2026\n",
        1,
    ).replace(
        "{title: A guideline, source: A society, year: 2022, doi",
        "{title: A guideline, source: A society, year: 2022, version: 2nd edition, doi",
        1,
    )
    assert text != MINIMAL
    return text.encode("utf-8")


def test_section_reviewed_rule_year_and_reference_version_are_in_the_model():
    bank = load_bank_bytes(_reviewed_bank(), "reviewed.yaml")
    single = bank.questions[0]
    assert (single.section, single.reviewed, single.rule_year) == ("pathway", datetime.date(2026, 12, 2), 2026)
    assert single.references[0].version == "2nd edition"
    assert "Version: 2nd edition." in single.references[0].citation()
    untagged = bank.questions[1]
    assert (untagged.section, untagged.reviewed, untagged.rule_year) == (None, None, None)


def test_review_metadata_is_not_an_edit_of_the_question():
    """A reviewer tagging or re-dating an item must not make the history call it edited."""
    plain = load_bank(FIXTURES / "valid" / "minimal.yaml").questions[0]
    reviewed = load_bank_bytes(_reviewed_bank(), "reviewed.yaml").questions[0]
    assert plain.content_hash != reviewed.content_hash  # the reference's version is shown: an edit
    q = {"id": "x", "type": "single", "stem": "S", "answer": "a"}
    assert question_hash(q, None) == question_hash(q | {"section": "opioids", "reviewed": "2026-12-02"}, None)
    assert question_hash(q, None) == question_hash(q | {"rule_year": 2026}, None)
    assert question_hash(q, None) != question_hash(q | {"stem": "T"}, None)


def test_the_outline_has_unique_sections_with_weights_summing_to_100():
    found = outline()
    ids = [s.id for s in found.sections]
    assert len(ids) == len(set(ids)) == 37
    assert found.total_weight == pytest.approx(100)
    assert found.section("pathway") is not None and found.section("pathway").weight == 0
    assert found.year == 2023 and found.version
