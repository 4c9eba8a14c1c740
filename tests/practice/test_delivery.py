"""Delivery figures of an interview answer (``analysis.measure``, fillers, ``lemma``), exactly.

Written against mutation testing (docs/testing.md): every filler, every exception to a filler,
and the word forms a candidate writes (curly apostrophes, decimal commas, "7mg") are asserted,
so a changed rule shows as a failing test. Coverage and keyword matching are not tested here:
they are being replaced by the answer judge.
"""

from __future__ import annotations

import pytest

from trainer.practice.analysis import AnswerMetrics, lemma, measure, sentence_spans, words


def fillers(text: str) -> dict[str, int]:
    return dict(measure(text, 60, 120).fillers)


@pytest.mark.parametrize(
    "filler", ["um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "basically", "actually", "literally"]
)
def test_every_simple_filler_is_counted_in_any_case(filler):
    assert fillers(f"{filler.title()}, it {filler} works, {filler.upper()}.") == {filler: 3}


def test_words_that_only_contain_a_filler_are_not_fillers():
    assert fillers("Umbrella, hummus, error, ermine, actuality, hmmm.") == {}


@pytest.mark.parametrize("before", ["do", "did", "don't", "don\u2019t", "if", "Do", "IF"])
def test_you_know_after_do_did_dont_if_is_a_question_not_a_filler(before):
    assert fillers(f"{before} you know the dose") == {}


def test_you_know_elsewhere_is_a_filler_once_per_phrase():
    assert fillers("You know, it helps, you know.") == {"you know": 2}
    assert fillers("you know") == {"you know": 1}
    assert fillers("you, know") == {"you know": 1}  # punctuation between words never matters
    assert fillers("know you") == {}


def test_i_mean_is_a_filler():
    assert fillers("I mean it. i MEAN, yes.") == {"I mean": 2}
    assert fillers("mean I") == {}


@pytest.mark.parametrize("phrase", ["sort of", "kind of"])
def test_sort_of_and_kind_of_are_fillers_unless_after_a_determiner(phrase):
    assert fillers(f"It was {phrase} hard.") == {phrase: 1}
    assert fillers(f"{phrase.capitalize()} hard.") == {phrase: 1}
    for determiner in ("a", "an", "the", "this", "that", "what", "any", "some", "every", "one", "each", "which", "no"):
        assert fillers(f"It is {determiner} {phrase} block.") == {}, determiner
    assert fillers(f"{phrase.split()[0]} it") == {}  # no "of"


def test_like_is_a_filler_only_before_a_comma():
    assert fillers("It was, like, fine and like , you see") == {"like": 2}
    assert fillers("Drugs like gabapentin; I like teamwork") == {}
    assert fillers("something like") == {}
    assert fillers("something like,") == {"like": 1}


def test_a_phrase_filler_consumes_both_words():
    # "you know" then "know" again must not start a second phrase; "kind of of" counts once
    assert fillers("you know know") == {"you know": 1}
    assert fillers("I mean mean") == {"I mean": 1}
    assert fillers("kind of of") == {"kind of": 1}


def test_filler_counts_add_up_across_kinds():
    m = measure("Um, um, like, I mean, basically.", 60, 120)
    assert m.fillers == {"um": 2, "like": 1, "I mean": 1, "basically": 1}
    assert m.filler_count == 5


# --- words and sentences -----------------------------------------------------------------


def test_words_keep_apostrophes_decimal_commas_and_units_whole():
    text = "I don\u2019t give 7,5 mg or 7mg; the patients' pain\u2019s gone."
    assert [w.text for w in words(text)] == [
        "I",
        "don\u2019t",
        "give",
        "7,5",
        "mg",
        "or",
        "7mg",
        "the",
        "patients",
        "pain\u2019s",
        "gone",
    ]
    assert [w.lower for w in words(text)][1] == "don't"  # a curly apostrophe reads like a straight one
    assert [w.lemma for w in words(text)][-3:] == ["patient", "pain", "gon"]
    assert measure(text, 60, 120).words == 11


def test_sentences_end_at_stops_before_a_space_or_at_a_blank_line():
    text = "Dose 7.5 mg. Next\u2026 then! Why? e.g.here\n\nLast"
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == [
        "Dose 7.5 mg.",
        "Next\u2026",
        "then!",
        "Why?",
        "e.g.here",
        "Last",
    ]
    m = measure(text, 60, 120)
    assert (m.words, m.sentences, m.longest_sentence_words) == (10, 6, 3)  # "e.g.here": e, g, here


def test_empty_text_and_stops_alone_have_no_sentences():
    assert (measure("", 60, 120).sentences, measure("... !!", 60, 120).sentences) == (0, 0)
    assert sentence_spans("") == ((0, 0),)


# --- figures -------------------------------------------------------------------------------


def test_words_per_minute_is_over_the_time_used():
    m = measure("one two three four five six", 90, 120)
    assert m == AnswerMetrics(6, 1, 6, {}, 90, 120, 4.0)
    assert m.share_of_time_used == 0.75
    assert measure("one two", 0, 120).words_per_minute is None
    assert measure("one two", 30, 0).share_of_time_used is None


def test_as_dict_rounds_for_the_record():
    d = measure("one two three, um", 20.0004, 60).as_dict()
    assert d == {
        "words": 4,
        "sentences": 1,
        "longest_sentence_words": 4,
        "fillers": {"um": 1},
        "filler_count": 1,
        "seconds_used": 20.0,
        "seconds_allowed": 60,
        "words_per_minute": 12.0,
    }
    assert measure("a b c", 7, 60).as_dict()["words_per_minute"] == 25.7


# --- lemma -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("boxes", "box"),
        ("churches", "church"),
        ("wishes", "wish"),
        ("buzzes", "buz"),
        ("stresses", "stres"),
        ("stress", "stres"),
        ("uses", "use"),
        ("pains", "pain"),
        ("tapers", "taper"),
        ("tapered", "taper"),
        ("tapering", "taper"),
        ("managed", "manag"),
        ("manage", "manag"),
        ("referred", "refer"),
        ("therapies", "therapy"),
        ("studied", "study"),
        ("agreed", "agreed"),
        ("need", "need"),
        ("ties", "tie"),
        ("bus", "bus"),
        ("virus", "virus"),
        ("analysis", "analysis"),
        ("sing", "sing"),
        ("red", "red"),
        ("7.5", "7.5"),
        ("don't", "don't"),
        ("hopping", "hop"),
        ("free", "free"),
        ("tree", "tree"),
    ],
)
def test_lemma_examples(word, expected):
    assert lemma(word) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("box", "boxes"),
        ("church", "churches"),
        ("stress", "stresses"),
        ("wish", "wishes"),
        ("manage", "manages"),
        ("fax", "faxed"),
    ],
)
def test_a_plural_or_past_shares_the_lemma_of_its_word(a, b):
    assert lemma(a) == lemma(b)


def test_the_first_word_has_nothing_before_it():
    # "you know" opening an answer is a filler even when the answer ends with "do" or "if"
    assert fillers("You know, that is what I do") == {"you know": 1}
    assert fillers("Kind of hard, that one") == {"kind of": 1}


@pytest.mark.parametrize("phrase", ["you know", "I mean", "sort of", "kind of"])
def test_the_word_after_a_phrase_filler_is_still_read(phrase):
    assert fillers(f"{phrase} um") == {phrase: 1, "um": 1}


def test_as_dict_of_an_answer_with_no_time_used_has_no_rate():
    assert measure("one two", 0, 60).as_dict()["words_per_minute"] is None


@pytest.mark.parametrize(("word", "expected"), [("tries", "try"), ("cried", "cry"), ("dies", "die")])
def test_short_ies_and_ied_words(word, expected):
    assert lemma(word) == expected
