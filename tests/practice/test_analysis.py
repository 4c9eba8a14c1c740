"""Answer analysis: the keyword matching rule, coverage, overrides, delivery figures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.practice.factory import KEY_POINTS
from trainer.banks.model import KeyPoint
from trainer.practice.analysis import (
    analyse,
    coverage,
    coverage_score,
    find_keyword,
    lemma,
    measure,
    sentence_spans,
    verdicts,
    words,
)


def matched(text: str, keyword: str) -> list[str]:
    return [m.text for m in find_keyword(text, keyword)]


# --- the matching rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("pain", "Pain"), ("pain", "pains"), ("pain", "PAIN"), ("pain", "the patient's pain's source"),
        ("opioid", "opioids"), ("taper", "tapering"), ("taper", "tapered"), ("taper", "tapers"),
        ("tapering", "taper"), ("manage", "managing"), ("manage", "managed"), ("managing", "manages"),
        ("therapy", "therapies"), ("approach", "approaches"), ("stress", "stressed"), ("refer", "referred"),
        ("control", "controlled"), ("bleed", "bleeding"), ("need", "needed"),
        ("injection", "injections"), ("inject", "injected"),
        ("dose", "dosing"), ("nurse", "nurses"), ("naive", "na\u00efve"), ("study", "studied"),
    ],
)
def test_inflections_match(keyword, text):
    assert matched(text, keyword) == [text.split()[-2] if keyword == "pain" and "source" in text else text]


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("pain", "painting"), ("pain", "painful"), ("pain", "painless"), ("pain", "Spain"), ("pain", "pai n"),
        ("tap", "taper"), ("taper", "tapestry"), ("opioid", "opioidergic"), ("team", "teamwork"),
        ("care", "career"), ("inject", "injection"), ("use", "using"), ("diagnosis", "diagnoses"), ("fever", "fev"),
    ],
)
def test_no_match_inside_longer_words_or_across_derivations(keyword, text):
    assert matched(text, keyword) == []


def test_lemma_examples_document_the_rule():
    assert lemma("pains") == lemma("pain") == "pain"
    assert lemma("painting") == "paint" != lemma("pain")
    assert lemma("therapies") == lemma("therapy")
    assert lemma("status") == "status" and lemma("diagnosis") == "diagnosis"  # -us, -is are not plurals
    assert lemma("this") == "this" and lemma("was") == "was"
    assert lemma("thing") == "thing" and lemma("string") == "string"  # no stem left to strip -ing from


def test_phrases_match_across_whitespace_and_punctuation_within_a_sentence():
    assert matched("We'd use physical\n   therapy early", "physical therapy") == ["physical\n   therapy"]
    assert matched("Chronic, pain is common", "chronic pain") == ["Chronic, pain"]
    assert matched("an evidence-based plan", "evidence based") == ["evidence-based"]
    assert matched("an evidence based plan", "evidence-based") == ["evidence based"]
    assert matched("a nonopioid approach", "non-opioid") == ["nonopioid"]
    assert matched("interdisciplinary teams work", "interdisciplinary team") == ["interdisciplinary teams"]


def test_phrases_do_not_match_across_sentences_or_out_of_order():
    assert matched("It is chronic. Pain follows", "chronic pain") == []
    assert matched("It is chronic!\nPain follows", "chronic pain") == []
    assert matched("It is chronic\n\npain follows", "chronic pain") == []
    assert matched("pain that is chronic", "chronic pain") == []
    assert matched("a dose of 7.5 mg. Then", "7.5 mg") == ["7.5 mg"]  # the decimal point is not an end


def test_every_occurrence_is_found_with_exact_spans():
    text = "Taper slowly; tapering too fast and a TAPER? no."
    found = find_keyword(text, "taper")
    assert [m.text for m in found] == ["Taper", "tapering", "TAPER"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_empty_keyword_never_matches():
    assert matched("anything at all", " - ") == []


def test_sentences_and_words():
    text = "One two. Three? Four\n\nfive six 7.5 mg"
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == ["One two.", "Three?", "Four", "five six 7.5 mg"]
    assert [w.text for w in words(text)] == ["One", "two", "Three", "Four", "five", "six", "7.5", "mg"]
    assert [w.sentence for w in words(text)] == [0, 0, 1, 2, 3, 3, 3, 3]


# --- coverage ----------------------------------------------------------------------------

ANSWER = (
    "I would start multimodal analgesia with non-opioid drugs. "
    "Physical therapy and an interdisciplinary team matter."
)


def test_coverage_per_key_point_with_matched_words():
    points = coverage(ANSWER, KEY_POINTS)
    assert [p.covered for p in points] == [True, True, False]
    assert points[0].matched_words == ("multimodal", "non-opioid")
    assert points[1].matched_words == ("Physical therapy", "interdisciplinary team")
    assert points[2].matches == ()


def test_analyse_gives_sorted_spans_for_highlighting():
    result = analyse(ANSWER, KEY_POINTS, 30, 120)
    assert [ANSWER[a:b] for a, b in result.spans] == [
        "multimodal", "non-opioid", "Physical therapy", "interdisciplinary team"]
    assert result.covered_count == 2


def test_overrides_change_the_final_verdict_and_score():
    points = coverage(ANSWER, KEY_POINTS)
    auto = verdicts(points)
    assert [v.final for v in auto] == [True, True, False] and coverage_score(auto) == pytest.approx(2 / 3)
    rated = verdicts(points, {2: True, 0: False})
    assert [(v.covered, v.override, v.final) for v in rated] == [(True, False, False), (True, None, True),
                                                                 (False, True, True)]
    assert coverage_score(rated) == pytest.approx(2 / 3)
    assert coverage_score(verdicts(points, {2: True})) == 1.0
    assert coverage_score(()) == 0.0


# --- property tests ----------------------------------------------------------------------

KEYWORD_WORDS = ["multimodal", "opioid", "physical", "therapy", "interdisciplinary", "team", "naloxone", "taper"]
UNRELATED = ["the", "patient", "would", "clinic", "resident", "morning", "weekly", "ask", "goals", "sleep"]
PROPERTY_POINTS = (
    KeyPoint("a", ("multimodal",)),
    KeyPoint("b", ("physical therapy", "interdisciplinary team")),
    KeyPoint("c", ("naloxone", "taper")),
    KeyPoint("d", ("non-opioid",)),
)

PHRASE_PARTS = ["physical", "therapy", "non", "opioid", "interdisciplinary", "teams"]
word = st.sampled_from(KEYWORD_WORDS + UNRELATED + ["Therapy", "TAPERING"] + PHRASE_PARTS * 3)
sentence = st.lists(word, min_size=1, max_size=5)
punctuation = st.sampled_from([" ", ", ", " - ", "; ", " (", ") ", "\n"])


def render(sentences: list[list[str]], seps: list[str] | None = None) -> str:
    return " ".join((seps[0] if seps else " ").join(s) + "." for s in sentences)


def covered(text: str) -> list[bool]:
    return [p.covered for p in coverage(text, PROPERTY_POINTS)]


@settings(max_examples=60)
@given(st.lists(sentence, min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_reordering_sentences_does_not_change_coverage(sentences, rng):
    shuffled = list(sentences)
    rng.shuffle(shuffled)
    assert covered(render(shuffled)) == covered(render(sentences))


@settings(max_examples=60)
@given(
    st.lists(sentence, min_size=1, max_size=5),
    st.lists(st.sampled_from(UNRELATED), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=5),
    st.sampled_from(["new sentence", "start of sentence", "end of sentence"]),
)
def test_adding_unrelated_words_never_removes_a_covered_point(sentences, extra, where, how):
    before = covered(render(sentences))
    grown = [list(s) for s in sentences]
    at = where % (len(grown) + (how == "new sentence"))
    if how == "new sentence":
        grown.insert(at, extra)
    elif how == "start of sentence":
        grown[at] = extra + grown[at]
    else:
        grown[at] = grown[at] + extra
    after = covered(render(grown))
    assert all(a or not b for a, b in zip(after, before, strict=True))


@settings(max_examples=60)
@given(st.lists(sentence, min_size=1, max_size=4), punctuation)
def test_case_and_separators_between_words_do_not_change_coverage(sentences, sep):
    plain = render(sentences)
    assert covered(plain.upper()) == covered(plain)
    assert covered(render(sentences, [sep])) == covered(plain)


@settings(max_examples=60)
@given(st.lists(sentence, min_size=1, max_size=4))
def test_matched_words_are_exact_slices_of_the_answer(sentences):
    text = render(sentences)
    for point in coverage(text, PROPERTY_POINTS):
        for m in point.matches:
            assert text[m.start : m.end] == m.text


# --- delivery figures --------------------------------------------------------------------


def test_metrics_words_wpm_sentences_and_time():
    m = measure("One two three. Four five six seven eight! Nine ten", seconds_used=30, seconds_allowed=120)
    assert m.words == 10 and m.sentences == 3 and m.longest_sentence_words == 5
    assert m.words_per_minute == pytest.approx(20.0)
    assert m.share_of_time_used == pytest.approx(0.25)
    assert measure("", 0, 60).words_per_minute is None and measure("", 0, 60).longest_sentence_words == 0


def test_fillers_are_counted_with_care():
    text = (
        "Um, I think, like, this is basically hard. Uh you know it's actually kind of hard. "
        "Drugs like gabapentin help and I like teamwork. A kind of block, sort of. I mean it. "
        "Do you know the answer?"
    )
    m = measure(text, 60, 120)
    assert m.fillers == {"um": 1, "like": 1, "basically": 1, "uh": 1, "you know": 1, "actually": 1,
                         "kind of": 1, "sort of": 1, "I mean": 1}
    assert m.filler_count == 9


def test_metrics_as_plain_record_values():
    d = measure("um well, it is, like, fine", 12.34567, 60).as_dict()
    assert d == {"words": 6, "sentences": 1, "longest_sentence_words": 6, "fillers": {"um": 1, "like": 1},
                 "filler_count": 2, "seconds_used": 12.346, "seconds_allowed": 60, "words_per_minute": 29.2}
