"""The judge's lexicon as a bank author relies on it: which word forms meet, which do not,
the fallback without lemminflect, and the order bank synonyms are reported in."""

from __future__ import annotations

import sys

import pytest

from trainer.practice import lexicon
from trainer.practice.lexicon import GROUPS, groups_with, word_keys


def meet(a: str, b: str) -> bool:
    return bool(word_keys(a) & word_keys(b))


@pytest.fixture
def fresh_lexicon(monkeypatch):
    """lemminflect not yet loaded, and no cached keys: each test decides what is installed."""
    word_keys.cache_clear()
    monkeypatch.setattr(lexicon, "_LOADED", False)
    monkeypatch.setattr(lexicon, "try_lemminflect", None)
    yield monkeypatch
    monkeypatch.undo()
    word_keys.cache_clear()


@pytest.mark.parametrize(
    ("written", "base"),
    [
        ("vertebrae", "vertebra"),  # a noun with only a NOUN lemma
        ("went", "go"),  # a verb with only a VERB lemma
        ("diagnoses", "diagnosis"),
        ("stopping", "stop"),
        ("using", "use"),
        ("tapering", "taper"),
    ],
)
def test_irregular_and_inflected_forms_meet_their_base_form(fresh_lexicon, written, base):
    assert meet(written, base)


def test_lemminflect_is_loaded_on_the_first_word_judged(fresh_lexicon):
    assert meet("went", "go")
    assert lexicon.try_lemminflect is not None


def test_a_rule_lemma_that_is_another_word_is_not_a_key(fresh_lexicon):
    assert not meet("cane", "can") and not meet("hope", "hop")
    assert meet("canes", "cane") and meet("hoping", "hope")


def test_a_rule_lemma_that_is_no_other_word_stays_a_key(fresh_lexicon):
    # lemminflect knows "codeine" but not "codeines": the two still meet through the rule lemma
    assert meet("codeines", "codeine")


def test_adjective_lemmas_are_left_out(fresh_lexicon):
    assert not meet("better", "good") and not meet("better", "well")


def test_persons_and_numbers(fresh_lexicon):
    assert meet("her", "them") and meet("your", "his")
    assert not meet("i", "you") and not meet("we", "they")
    assert meet("sixty", "60") and meet("sixty", "sixty") and not meet("sixty", "6")


def test_without_lemminflect_the_rule_lemma_is_used(fresh_lexicon):
    fresh_lexicon.setitem(sys.modules, "lemminflect", None)  # import fails as if not installed
    assert meet("tapering", "taper") and meet("checked", "check")
    assert not meet("went", "go") and not meet("vertebrae", "vertebra")  # the known misses, by design
    assert lexicon.try_lemminflect is None


def test_warm_loads_once_and_a_second_call_keeps_what_was_loaded(fresh_lexicon):
    lexicon.warm()
    loaded = lexicon.try_lemminflect
    assert loaded is not None and set(loaded("diagnoses")) == {"diagnosis", "diagnose"}
    fresh_lexicon.setitem(sys.modules, "lemminflect", None)
    lexicon.warm()  # already loaded: nothing is re-imported
    assert lexicon.try_lemminflect is loaded
    assert meet("vertebrae", "vertebra")


def test_bank_synonyms_come_before_the_bundled_groups():
    extra = (("naloxone", ("Narcan", "nasal spray")), ("walking", ["graded walking"]))
    groups = groups_with(extra)
    assert groups[:2] == (("naloxone", "Narcan", "nasal spray"), ("walking", "graded walking"))
    assert groups[2:] == GROUPS
    assert groups_with() == GROUPS
