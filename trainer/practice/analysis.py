"""Answer analysis for open (interview) answers: key-point coverage and delivery figures.

Pure text functions; the interview session calls them, the UI shows their values.

Matching rule (what counts as a keyword "said")
------------------------------------------------
* Text is cut into **words**: runs of letters/digits, with inner apostrophes kept ("don't")
  and decimal numbers kept whole ("7.5"). Everything else (spaces, punctuation, hyphens,
  slashes) only separates words, so "evidence-based" is the two words "evidence based".
* Each word is compared by its **lemma** (see ``lemma``): case-folded, accents removed, a
  possessive "'s" dropped, then at most one inflection removed:
  plural "-s"/"-es"/"-ies", "-ed"/"-ied", "-ing"; finally a silent final "e" and a doubled
  final consonant are dropped so that "manage"/"managed"/"managing"/"manages",
  "taper"/"tapers"/"tapered"/"tapering", "refer"/"referred", "stress"/"stressed",
  "therapy"/"therapies" all share a lemma.
* A keyword matches when **all its words appear consecutively** (same lemmas, same order)
  inside one sentence; any spaces or punctuation may sit between them ("chronic, pain"
  matches "chronic pain"), but a sentence end (". ", "! ", "? " or a blank line) breaks a
  phrase. So coverage does not depend on the order of sentences. A multi-word keyword also
  matches the words written as one ("non-opioid" matches "nonopioid").
* Words are compared whole, never as substrings: "pain" matches "pain", "Pain", "pains",
  "pain's" but **not** "painting", "painful", "painless" or "spain". Derivations (-ful,
  -less, -ly, -er, -ment, -ship...) are not inflections and are not removed: a bank author
  who wants "painful" lists it as its own keyword. "-er" in particular is not stripped
  because it would make "taper" match "tap" and "fever" match "fev".
  Known misses, by design: irregular forms ("diagnoses"/"diagnosis") and short stems
  ("use"/"using"; a stem must keep at least three letters).

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
from dataclasses import dataclass, field
from typing import Any

from trainer.banks.model import KeyPoint
from trainer.history.records import KeyPointVerdict

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
class Match:
    """One keyword found in the answer, with the exact text that matched."""

    keyword: str
    text: str  # answer[start:end], as the candidate wrote it
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PointCoverage:
    """The automatic verdict for one key point."""

    index: int
    point: KeyPoint
    matches: tuple[Match, ...]

    @property
    def covered(self) -> bool:
        return bool(self.matches)

    @property
    def matched_words(self) -> tuple[str, ...]:
        """Distinct matched texts in order of appearance."""
        return tuple(dict.fromkeys(m.text for m in self.matches))

    def verdict(self, override: bool | None = None) -> KeyPointVerdict:
        return KeyPointVerdict(self.point.text, self.covered, self.matched_words, override)


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


@dataclass(frozen=True, slots=True)
class AnswerAnalysis:
    coverage: tuple[PointCoverage, ...]
    metrics: AnswerMetrics
    spans: tuple[tuple[int, int], ...] = field(default=())  # every matched span, sorted

    @property
    def covered_count(self) -> int:
        return sum(c.covered for c in self.coverage)


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


def _fold(word: str) -> str:
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
        lower = _fold(m.group())
        result.append(Word(m.group(), m.start(), m.end(), sentence, lower, lemma(lower)))
    return tuple(result)


# --- coverage ----------------------------------------------------------------------------


def _keyword_forms(keyword: str) -> tuple[tuple[str, ...], ...]:
    parts = tuple(w.lemma for w in words(keyword))
    if not parts:
        return ()
    forms = [parts]
    if len(parts) > 1:
        forms.append((lemma("".join(w.lower for w in words(keyword))),))
    return tuple(forms)


def find_keyword(text: str, keyword: str, answer_words: Sequence[Word] | None = None) -> tuple[Match, ...]:
    """Every place ``keyword`` occurs in ``text`` under the matching rule."""
    ws = words(text) if answer_words is None else answer_words
    lemmas = [w.lemma for w in ws]
    found: list[Match] = []
    for form in _keyword_forms(keyword):
        n = len(form)
        for i in range(len(ws) - n + 1):
            if tuple(lemmas[i : i + n]) == form and ws[i].sentence == ws[i + n - 1].sentence:
                start, end = ws[i].start, ws[i + n - 1].end
                found.append(Match(keyword, text[start:end], start, end))
    return tuple(sorted(found, key=lambda m: (m.start, m.end)))


def coverage(text: str, key_points: Sequence[KeyPoint]) -> tuple[PointCoverage, ...]:
    """For each key point, the matches of any of its keywords (empty = missed)."""
    ws = words(text)
    result = []
    for index, point in enumerate(key_points):
        matches = sorted(
            {m for keyword in point.keywords for m in find_keyword(text, keyword, ws)},
            key=lambda m: (m.start, m.end, m.keyword),
        )
        result.append(PointCoverage(index, point, tuple(matches)))
    return tuple(result)


def verdicts(
    points: Sequence[PointCoverage], overrides: Mapping[int, bool | None] | None = None
) -> tuple[KeyPointVerdict, ...]:
    """Record values for the coverage, with the candidate's self-ratings applied."""
    overrides = overrides or {}
    return tuple(p.verdict(overrides.get(p.index)) for p in points)


def coverage_score(points: Sequence[KeyPointVerdict]) -> float:
    """Share of key points finally judged covered (overrides win); 0 when there are none."""
    if not points:
        return 0.0
    return sum(v.final for v in points) / len(points)


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


def analyse(
    text: str, key_points: Sequence[KeyPoint], seconds_used: float, seconds_allowed: float
) -> AnswerAnalysis:
    """Coverage and delivery figures together, plus every highlighted span for the UI."""
    points = coverage(text, key_points)
    spans = sorted({(m.start, m.end) for p in points for m in p.matches})
    return AnswerAnalysis(points, measure(text, seconds_used, seconds_allowed), tuple(spans))
