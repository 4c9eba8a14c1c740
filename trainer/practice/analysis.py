"""Delivery figures for open (interview) answers, and the word rules the judge builds on.

Pure text functions; the interview session calls them, the UI shows their values. Which key
points an answer covers is the judge's job (``trainer.practice.judge``); this module only cuts
text into words and measures how it was said.

Words
-----
* Text is cut into **words**: runs of letters/digits, with inner apostrophes kept ("don't")
  and decimal numbers kept whole ("7.5"). Everything else (spaces, punctuation, hyphens,
  slashes) only separates words, so "evidence-based" is the two words "evidence based".
* ``fold``: case-folded, accents removed, a possessive "'s" dropped.
* ``lemma`` (the rule-based fallback of the judge's lexicon): at most one inflection removed:
  plural "-s"/"-es"/"-ies", "-ed"/"-ied", "-ing"; finally a silent final "e" and a doubled
  final consonant are dropped so that "manage"/"managed"/"managing"/"manages",
  "taper"/"tapers"/"tapered"/"tapering", "refer"/"referred", "stress"/"stressed",
  "therapy"/"therapies" all share a lemma. Derivations (-ful, -less, -ly, -er, -ment,
  -ship...) are not inflections and are not removed ("-er" would make "taper" match "tap").
  Irregular forms ("diagnoses"/"diagnosis") are the lexicon's job (lemminflect).

Delivery figures (``measure``): word count, words per minute of answer time used, filler
words, sentence count and longest sentence in words, time used vs allowed. Fillers counted:
um, umm, uh, uhh, uhm, er, erm, hmm, basically, actually, literally, "you know" (not after
do/did/don't/if), "I mean", "sort of"/"kind of" (not after a determiner: "a kind of block"
is not filler), and "like" only when a comma follows it ("like, I think"), since "drugs like
gabapentin" and "I like teamwork" are not filler.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['\u2019][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?\u2026]+(?=\s|$)|\n[ \t]*\n")
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: where it is, and the forms it is compared by."""

    text: str  # exactly as written
    start: int
    end: int
    sentence: int  # index of the sentence it belongs to
    lower: str  # case-folded, accents and possessive removed
    lemma: str


@dataclass(frozen=True, slots=True)
class AnswerMetrics:
    words: int
    sentences: int
    longest_sentence_words: int
    fillers: Mapping[str, int]  # filler -> count, only those that occur
    seconds_used: float
    seconds_allowed: float
    words_per_minute: float | None  # None when no time was used

    @property
    def filler_count(self) -> int:
        return sum(self.fillers.values())

    @property
    def share_of_time_used(self) -> float | None:
        return self.seconds_used / self.seconds_allowed if self.seconds_allowed > 0 else None

    def as_dict(self) -> dict[str, Any]:
        """Plain values for ``InterviewRecord.metrics``."""
        return {
            "words": self.words,
            "sentences": self.sentences,
            "longest_sentence_words": self.longest_sentence_words,
            "fillers": dict(self.fillers),
            "filler_count": self.filler_count,
            "seconds_used": round(self.seconds_used, 3),
            "seconds_allowed": self.seconds_allowed,
            "words_per_minute": None if self.words_per_minute is None else round(self.words_per_minute, 1),
        }


# --- words -------------------------------------------------------------------------------


def lemma(word: str) -> str:
    """The form a word is compared by (see the module docstring for the rule)."""
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith(("ies", "ied")) and len(w) >= 5:
        w = w[:-3] + "y"
    elif w.endswith("ing") and _is_stem(w[:-3]):
        w = w[:-3]
    elif w.endswith("ed") and not w.endswith("eed") and _is_stem(w[:-2]):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]  # "-es" needs no branch: "boxes" -> "boxe", then the silent "e" goes below
    if len(w) >= 4 and w[-1] == "e" and w[-2] not in _VOWELS:
        w = w[:-1]
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]
    return w


def _is_stem(stem: str) -> bool:
    return len(stem) >= 3 and any(ch in _VOWELS for ch in stem)


def fold(word: str) -> str:
    """Case-folded, accents removed, a possessive 's dropped: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", word.replace("\u2019", "'"))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    if folded.endswith("'s"):
        folded = folded[:-2]
    return folded


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, split after . ! ? … (before a space) or a blank line."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        spans.append((start, boundary.end()))
        start = boundary.end()
    spans.append((start, len(text)))
    return tuple(spans)


def words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` with their positions and sentence numbers."""
    ends = [end for _, end in sentence_spans(text)]
    result: list[Word] = []
    sentence = 0
    for m in _TOKEN.finditer(text):
        while m.start() >= ends[sentence]:
            sentence += 1
        lower = fold(m.group())
        result.append(Word(m.group(), m.start(), m.end(), sentence, lower, lemma(lower)))
    return tuple(result)


# --- delivery ----------------------------------------------------------------------------

_SIMPLE_FILLERS = ("um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "basically", "actually", "literally")
_DETERMINERS = frozenset("a an the this that what any some every one each which no".split())


def _fillers(text: str, ws: Sequence[Word]) -> dict[str, int]:
    counts: dict[str, int] = {}

    def add(name: str) -> None:
        counts[name] = counts.get(name, 0) + 1

    lowers = [w.lower for w in ws]
    i = 0
    while i < len(ws):
        word = lowers[i]
        after = lowers[i + 1] if i + 1 < len(ws) else None
        before = lowers[i - 1] if i > 0 else None
        if word in _SIMPLE_FILLERS:
            add(word)
        elif word == "like":
            gap = text[ws[i].end : ws[i + 1].start] if after is not None else text[ws[i].end :]
            if gap.lstrip().startswith(","):
                add("like")
        elif (word, after) == ("you", "know") and before not in ("do", "did", "don't", "if"):
            add("you know")
            i += 1
        elif (word, after) == ("i", "mean"):
            add("I mean")
            i += 1
        elif word in ("sort", "kind") and after == "of" and before not in _DETERMINERS:
            add(f"{word} of")
            i += 1
        i += 1
    return counts


def measure(text: str, seconds_used: float, seconds_allowed: float) -> AnswerMetrics:
    """Delivery figures for one answer."""
    ws = words(text)
    per_sentence: dict[int, int] = {}
    for w in ws:
        per_sentence[w.sentence] = per_sentence.get(w.sentence, 0) + 1
    minutes = seconds_used / 60.0
    return AnswerMetrics(
        words=len(ws),
        sentences=len(per_sentence),
        longest_sentence_words=max(per_sentence.values(), default=0),
        fillers=_fillers(text, ws),
        seconds_used=seconds_used,
        seconds_allowed=seconds_allowed,
        words_per_minute=len(ws) / minutes if minutes > 0 else None,
    )
