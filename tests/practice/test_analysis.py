"""Answer analysis: the word rules (lemma, words, sentences) and delivery figures.
Keyword matching and coverage are the judge's (tests/practice/test_judge.py)."""

from __future__ import annotations

import pytest

from trainer.practice.analysis import lemma, measure, sentence_spans, words


def test_lemma_examples_document_the_rule():
    assert lemma("pains") == lemma("pain") == "pain"
    assert lemma("painting") == "paint" != lemma("pain")
    assert lemma("therapies") == lemma("therapy")
    assert lemma("status") == "status" and lemma("diagnosis") == "diagnosis"  # -us, -is are not plurals
    assert lemma("this") == "this" and lemma("was") == "was"
    assert lemma("thing") == "thing" and lemma("string") == "string"  # no stem left to strip -ing from


def test_sentences_and_words():
    text = "One two. Three? Four\n\nfive six 7.5 mg"
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == ["One two.", "Three?", "Four", "five six 7.5 mg"]
    assert [w.text for w in words(text)] == ["One", "two", "Three", "Four", "five", "six", "7.5", "mg"]
    assert [w.sentence for w in words(text)] == [0, 0, 1, 2, 3, 3, 3, 3]


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
    assert m.fillers == {
        "um": 1,
        "like": 1,
        "basically": 1,
        "uh": 1,
        "you know": 1,
        "actually": 1,
        "kind of": 1,
        "sort of": 1,
        "I mean": 1,
    }
    assert m.filler_count == 9


def test_metrics_as_plain_record_values():
    d = measure("um well, it is, like, fine", 12.34567, 60).as_dict()
    assert d == {
        "words": 6,
        "sentences": 1,
        "longest_sentence_words": 6,
        "fillers": {"um": 1, "like": 1},
        "filler_count": 2,
        "seconds_used": 12.346,
        "seconds_allowed": 60,
        "words_per_minute": 29.2,
    }
