"""The bundled banks: valid, big enough in every area, referenced, and without repeats."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from trainer.banks import BankSource, bank_files, load_all
from trainer.banks.model import KNOWLEDGE_TYPES
from trainer.paths import bundled_banks_dir

KNOWLEDGE_CATEGORIES = ("clinical", "multimodal", "interventional", "interdisciplinary", "pathway")


@pytest.fixture(scope="module")
def catalog():
    return load_all(BankSource(p, bundled=True) for p in bank_files(bundled_banks_dir()))


@pytest.fixture(scope="module")
def questions(catalog):
    return [q for bank in catalog.banks for q in bank.questions]


def test_every_bundled_bank_is_valid(catalog):
    assert catalog.failures == ()
    assert len(catalog.banks) >= 5


def test_bundled_keywords_draw_no_validate_warning(catalog):
    """The bundled banks pass `pain-trainer validate --strict`: no generic, short or name keyword."""
    from trainer.banks.keyword_lint import keyword_warnings

    assert [str(w) for bank in catalog.banks for w in keyword_warnings(bank)] == []


def test_minimum_counts_per_type_and_category(questions):
    knowledge = [q for q in questions if q.type in KNOWLEDGE_TYPES]
    assert len(knowledge) >= 200
    assert sum(q.type == "open" for q in questions) >= 50
    per_category = Counter(q.category for q in knowledge)
    for category in KNOWLEDGE_CATEGORIES:
        assert per_category[category] >= 20, category
    assert sum(q.type == "open" and q.category == "motivation" for q in questions) >= 8
    assert sum(q.type == "numeric" and q.category == "multimodal" for q in questions) >= 5  # MME conversions
    assert sum(q.type == "multiple" for q in questions) >= 20
    assert {q.difficulty for q in questions} == {1, 2, 3, 4, 5}


def test_every_knowledge_question_explains_and_cites(questions):
    for q in questions:
        if q.type in KNOWLEDGE_TYPES:
            assert len(q.explanation.strip()) >= 40, q.key
            assert q.references, q.key
            for ref in q.references:
                assert ref.title and ref.source and 1900 <= ref.year <= 2026, q.key


def test_interview_prompts_are_complete(questions):
    for q in questions:
        if q.type == "open":
            assert len(q.key_points) >= 3 and all(k.keywords for k in q.key_points), q.key
            assert 1 <= len(q.probes) <= 3, q.key
            assert q.model_answer, q.key


def test_at_least_three_interview_formats(catalog):
    formats = [f for bank in catalog.banks for f in bank.interview_formats]
    assert len(formats) >= 3
    for fmt in formats:
        assert 10 <= fmt.think_seconds <= 90 and 60 <= fmt.answer_seconds <= 300, fmt.id


def test_no_two_stems_are_the_same(questions):
    normalised = Counter(re.sub(r"\s+", " ", q.stem).strip().casefold() for q in questions)
    repeated = [stem for stem, n in normalised.items() if n > 1]
    assert repeated == []


def test_current_guideline_versions_are_cited(questions):
    """The 2016 CDC guideline was replaced in 2022; cite the current one."""
    for q in questions:
        for ref in q.references:
            if "CDC" in ref.title and "Opioid" in ref.title:
                assert ref.year >= 2022, (q.key, ref.title)
        assert "2016 CDC" not in q.stem, q.key


def test_banks_carry_license_and_authors(catalog):
    for bank in catalog.banks:
        assert bank.license and bank.authors and bank.bundled


@pytest.mark.parametrize(
    "format_id, opening", [("program-director", "tell-me-about-yourself"), ("faculty", "what-drew-you-to-pain")]
)
def test_bundled_interviews_open_with_motivation_and_close_with_the_candidates_questions(catalog, format_id, opening):
    from trainer.practice import find_format, select_prompts

    interview_format = find_format(catalog.banks, format_id)
    for seed in range(5):
        chosen = [q.id for q in select_prompts(catalog.banks, interview_format=interview_format, seed=seed).questions]
        assert len(chosen) == interview_format.prompts
        assert chosen[0] == opening and chosen[-1] == "questions-for-the-program"
