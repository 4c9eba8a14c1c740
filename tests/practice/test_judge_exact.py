"""The answer judge's rules at their edges, each as a candidate or a bank author relies on it:
where a negation's scope starts and ends, which cues cancel, which keyword forms match, when a
clause is a list, how the sentence cap shares sentences out, what a red flag costs, and what a
stored verdict keeps. (The broad behaviour is in test_judge.py; these pin the exact rules of
docs/judging.md and the judge's docstring.)"""

from __future__ import annotations

import pytest

from trainer.banks.model import KeyPoint, RedFlag
from trainer.practice import judge as judge_module
from trainer.practice import lexicon
from trainer.practice.judge import (
    CAPPED,
    CONTRADICTED,
    COVERED,
    DEFAULT_JUDGE,
    LISTED,
    MISSED,
    UNQUALIFIED,
    Evidence,
    FlagJudgement,
    Judgement,
    NegExJudge,
    PointJudgement,
    flag_penalty,
    listed_clauses,
    mentions,
    prepare,
    score,
    sentence_cap,
    stored_flags,
    tokenize,
)


@pytest.fixture(autouse=True)
def judged_from_scratch():
    """Keywords and words are compiled afresh in every test, so each one exercises the rules
    rather than what an earlier test left in the caches."""
    caches = (judge_module.compile_keyword, judge_module._forms, judge_module._is_aux, lexicon.word_keys)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


def point(*keywords: str, stance: str = "endorse", requires=()) -> KeyPoint:
    return KeyPoint(f"about {keywords[0]}", keywords, requires=tuple(requires), stance=stance)


def judged(text: str, *points: KeyPoint, flags=(), synonyms=()):
    return DEFAULT_JUDGE.judge(text, points, flags, synonyms)


def status(text: str, *points: KeyPoint) -> list[str]:
    return [p.status for p in judged(text, *points).points]


def negated(text: str, keyword: str) -> list[bool]:
    return [m.negated for m in mentions(text, keyword)]


def sentence_of(text: str, p: PointJudgement) -> str:
    assert p.evidence is not None
    return text[slice(*p.evidence.sentence)]


# --- sentences, clauses, items ------------------------------------------------------------


def test_sentences_split_after_end_marks_blank_lines_and_before_bullets():
    text = "I would taper.  Then   check the PDMP!\n\n- naloxone\n1) UDT\n* CBT"
    pieces = [text[a:b] for a, b in prepare(text).sentences]
    assert [p for p in pieces if p.strip()] == ["I would taper.", "Then   check the PDMP!", "- naloxone", "1) UDT",
                                                "* CBT"]


def test_a_decimal_point_and_an_ellipsis_inside_a_word_do_not_end_a_sentence():
    text = "Dose 3.5 mg daily. Then review… then stop"
    assert [text[a:b] for a, b in prepare(text).sentences] == ["Dose 3.5 mg daily.", "Then review…", "then stop"]


def test_empty_and_blank_answers_have_one_empty_sentence():
    assert prepare("").sentences == ((0, 0),) and prepare("").tokens == ()
    assert prepare("   ").sentences == ((0, 3),)


def test_clauses_split_at_semicolons_and_colons_and_items_at_commas_slashes_and_bullets():
    tokens, _ = tokenize("Taper, PDMP; naloxone: UDT / CBT \u2022 ACT.\n- SCS\nIt\u2019s fine")
    assert [(t.text, t.sentence, t.clause, t.item) for t in tokens] == [
        ("Taper", 0, 0, 0), ("PDMP", 0, 0, 1), ("naloxone", 0, 1, 2), ("UDT", 0, 2, 3), ("CBT", 0, 2, 4),
        ("ACT", 0, 2, 5), ("SCS", 2, 3, 6), ("It\u2019s", 2, 3, 6), ("fine", 2, 3, 6)]
    assert tokens[7].raw == "it's" and tokens[7].lower == "it"


def test_words_are_counted_per_sentence():
    assert prepare("I would taper slowly. Then stop. ").sentence_words == (4, 2, 0)


# --- negation scope ------------------------------------------------------------------------


def test_a_sentence_end_ends_a_negation_both_ways():
    assert negated("He did not sleep. Opioids helped him.", "opioids") == [False]
    assert negated("Opioids help. Surgery is not indicated.", "opioids") == [False]
    assert negated("Gabapentin is what she has. No other drug helps.", "gabapentin") == [False]


def test_a_cue_that_opens_a_new_clause_negates_that_clause():
    assert negated("I examined her; no opioids for this pain.", "opioids") == [True]
    assert negated("No opioids: physiotherapy first.", "physiotherapy") == [False]


def test_a_cue_followed_by_a_comma_negates_nothing():
    assert negated("If he won't, physiotherapy at home.", "physiotherapy") == [False]
    assert negated("If he won't attend, physiotherapy at home.", "attend") == [True]


def test_instead_and_rather_end_a_scope_unless_they_are_cues():
    assert negated("I wouldn't wait, instead start exercise.", "exercise") == [False]
    assert negated("I would not wait, rather start exercise.", "exercise") == [False]
    # "instead of" / "rather than" after a "not" are a second negation: what follows is chosen
    assert negated("I would not use tramadol instead of gabapentin.", "gabapentin") == [False]
    assert negated("I would not choose surgery rather than physiotherapy.", "physiotherapy") == [False]
    assert negated("I would use exercise instead of opioids.", "opioids") == [True]


def test_each_conjunct_with_its_own_cue_is_negated_also_after_a_comma():
    assert negated("No NSAIDs, no ketamine.", "ketamine") == [True]
    assert negated("No NSAIDs, no ketamine.", "NSAIDs") == [True]


def test_and_or_with_a_plan_verb():
    assert negated("I wouldn't repeat the scan, and order bloods.", "order bloods") == [False]  # a new plan
    assert negated("I wouldn't repeat the scan, or order bloods.", "order bloods") == [True]  # still refused
    assert negated("I wouldn't repeat the scan and order bloods.", "order bloods") == [True]  # one refusal
    assert negated("I won't start opioids and we will refer her to physiotherapy.", "physiotherapy") == [False]
    assert negated("I would stop the opioids, and", "opioids") == [False]


def test_post_negation_by_contractions_and_cannot():
    for text in ("Opioids cannot fix this.", "Opioids won't fix this.", "Opioids would never help.",
                 "Opioids are not helpful here."):
        assert negated(text, "opioids") == [True], text
    assert negated("Opioids never help.", "opioids") == [False]  # "never" negates what follows it


def test_someone_elses_avoidance_is_not_a_cue():
    for text in ("She has been avoiding stairs.", "They avoid stairs.", "The patients avoid stairs.",
                 "He avoids stairs."):
        assert negated(text, "stairs") == [False], text
    assert negated("We avoid stairs for now.", "stairs") == [True]


def test_no_as_an_answer_is_not_a_cue():
    assert negated("Would I stop? No. Opioids help her.", "opioids") == [False]
    assert negated("No, opioids help her.", "opioids") == [False]
    assert negated("Would I stop them? No", "stop") == [False]
    assert negated("No opioids help her.", "opioids") == [True]


def test_pseudo_negations_are_consumed_whole():
    assert negated("No more than 50 MME of opioids.", "opioids") == [False]
    assert negated("I would not exceed the dose of opioids.", "opioids") == [False]
    assert negated("Opioids, if not tapered, are risky.", "opioids") == [False]


def test_the_pre_negation_window_is_ten_words():
    assert negated("Never give this frail man with poor balance at home opioids.", "opioids") == [True]  # 10th
    assert negated("Never give this frail man with poor balance at home any opioids.", "opioids") == [False]


def test_the_post_negation_window_is_six_words_and_stops_at_a_comma():
    assert negated("Opioids for her back pain now are not indicated.", "opioids") == [True]
    assert negated("Opioids for her back pain at night are not indicated.", "opioids") == [False]
    assert negated("Opioids are in my view not indicated.", "opioids") == [True]
    assert negated("Opioids, in my view, are not indicated.", "opioids") == [False]


def test_two_cues_cancel_only_when_at_most_six_words_apart():
    assert negated("I would not in any case for this woman avoid exercise.", "exercise") == [False]
    assert negated("I would not in any case for this older woman avoid exercise.", "exercise") == [True]
