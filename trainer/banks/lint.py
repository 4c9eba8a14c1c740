"""Item-writing checks after the NBME guide: ``pain-trainer lint`` runs them on bank data.

Paniagua MA, Swygert KA, eds. *Constructing Written Test Questions for the Basic and Clinical
Sciences*, 4th ed. Philadelphia: National Board of Medical Examiners; 2016. Each check is a
registry entry (id, a one-line rationale, a function over the bank's validated data); an item
silences one with ``lint: {ignore: [id]}``, a run with ``--ignore id``. The checks are cues a
test-wise candidate uses, or facts a reader cannot verify; each is a heuristic and says so.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

STOP_WORDS = frozenset(
    "a an the of and or to in on for with by at from as is are was were be been being it its this that these those "
    "which what who whom whose when where why how than then there their they them he she his her patient patients "
    "most best following likely would should could may can will not no".split()
)
ABSOLUTE = re.compile(
    r"\b(always|never|must|completely|absolutely|invariably|entirely|under no circumstances|"
    r"in all cases|in every case)\b",
    re.IGNORECASE,
)
ALL_NONE = re.compile(r"\b(all|none|both|neither) of the (above|options|answers)\b|\ball the above\b", re.IGNORECASE)
NEGATIVE = re.compile(r"\b(not|except|(?<!at )least|false|incorrect|untrue)\b", re.IGNORECASE)
# "current guideline", "recent trials", "the latest recommendations": a claim about the literature,
# not "a recent deep vein thrombosis" (a patient's history).
DATED = re.compile(
    r"\b(current(ly)?|recent(ly)?|latest|newest|updated|up-to-date)\b(?:\W+\w+){0,2}?\W+"
    r"(guidelines?|guidance|recommend\w*|evidence|stud(y|ies)|trials?|data|reviews?|consensus|criteria|"
    r"label(l?ing)?|editions?|versions?|standards?|statements?|advice)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19|20)[0-9]{2}\b")
NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])[0-9]+(?:[.,][0-9]+)?\s*(%|mg|mcg|µg|g\b|ml|mL|hours?|days?|weeks?|"
    r"months?|years?|minutes?|h\b|x\b|-fold|times)",
    re.IGNORECASE,
)
VOWEL_SOUND = re.compile(
    r"^(?:[aeiou]|h(?:our|onest|onou?r|eir)|[fhlmnrsx][A-Z0-9]|[AEFHILMNORSX][A-Z0-9-]*\b)", re.IGNORECASE
)
LONGEST_RATIO, LONGEST_MARGIN = 1.5, 20
MIN_FOR_SKEW = 12
NEAR_DUPLICATE = 0.85


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    pointer: str
    message: str
    question: int | None = None  # the question's index, for its ``lint: {ignore}``


CheckFunction = Callable[[dict[str, Any]], Iterator[Finding]]  # the bank's validated data -> its findings


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    rationale: str
    run: CheckFunction


CHECKS: dict[str, Check] = {}


def check(ident: str, rationale: str) -> Callable[[CheckFunction], CheckFunction]:
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[ident] = Check(ident, rationale, function)
        return function

    return register


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.casefold())


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOP_WORDS and len(w) > 2}


def _choices(data: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any], set[str]]]:
    """Questions whose options are keyed and written for them: single best answer (``answer``) and
    select all (``answers``); not an extended-matching stem, whose options are its set's shared list."""
    for index, q in enumerate(data["questions"]):
        if "options" in q and ("answer" in q or "answers" in q) and "theme" not in q:
            right = {q["answer"]} if "answer" in q else set(q["answers"])
            yield index, q, right


def _single_best(q: dict[str, Any]) -> bool:
    """One keyed option (the checks about a lone key: longest, convergence, position)."""
    return "answer" in q


def _text_of(q: dict[str, Any]) -> str:
    return q.get("stem") or q.get("prompt") or ""


@check(
    "longest-correct",
    "The correct option is the longest by a margin: test-wise candidates pick the longest, most qualified option.",
)
def _longest_correct(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q, right in _choices(data):
        if not _single_best(q):
            continue
        lengths = {o["id"]: len(o["text"]) for o in q["options"]}
        longest_wrong = max(n for ident, n in lengths.items() if ident not in right)
        correct = lengths[q["answer"]]
        if correct >= LONGEST_RATIO * longest_wrong and correct - longest_wrong >= LONGEST_MARGIN:
            position = [o["id"] for o in q["options"]].index(q["answer"])
            yield Finding(
                "longest-correct",
                f"/questions/{index}/options/{position}",
                f"the correct option is {correct} characters, the longest distractor {longest_wrong}: "
                "make the options alike in length and detail",
                index,
            )


@check(
    "all-none-of-the-above",
    "'All/none of the above' rewards partial knowledge and tests recognising what is wrong, not knowing what is right.",
)
def _all_none(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q, _ in _choices(data):
        for n, option in enumerate(q["options"]):
            if found := ALL_NONE.search(option["text"]):
                yield Finding(
                    "all-none-of-the-above",
                    f"/questions/{index}/options/{n}",
                    f"option {option['id']!r} is {found.group(0)!r}: write a specific option instead",
                    index,
                )


@check(
    "absolute-distractor", "Absolute words (always, never, must) mark a distractor as false to a test-wise candidate."
)
def _absolute(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q, right in _choices(data):
        if any(ABSOLUTE.search(o["text"]) for o in q["options"] if o["id"] in right):
            continue  # the key uses them too: no cue
        for n, option in enumerate(q["options"]):
            found = ABSOLUTE.search(option["text"])
            if option["id"] not in right and found:
                yield Finding(
                    "absolute-distractor",
                    f"/questions/{index}/options/{n}",
                    f"distractor {option['id']!r} says {found.group(0)!r} and the correct option does not: "
                    "absolute words give a distractor away",
                    index,
                )


def _needs_an(text: str) -> bool:
    return bool(VOWEL_SOUND.match(text.strip()))


@check(
    "grammatical-cue",
    "A stem ending in 'a' or 'an' fits only some options: grammar, not knowledge, rules the rest out.",
)
def _grammar(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q, _ in _choices(data):
        ending = re.search(r"\b(a|an)\s*(?:_+|\.\.\.|:)?\s*$", q["stem"], re.IGNORECASE)
        if not ending:
            continue
        article = ending.group(1).lower()
        misfits = [o["id"] for o in q["options"] if _needs_an(o["text"]) != (article == "an")]
        if misfits:
            yield Finding(
                "grammatical-cue",
                f"/questions/{index}/stem",
                f"the stem ends in {article!r}, which does not fit option(s) {', '.join(misfits)}: "
                "end the stem before the article, or put it in each option",
                index,
            )


@check(
    "convergence-cue",
    "The correct option shares the most words with the other options (the convergence "
    "strategy): distractors were written as variations of the key.",
)
def _convergence(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q, _right in _choices(data):
        if not _single_best(q) or len(q["options"]) < 4:
            continue
        sets = {o["id"]: content_words(o["text"]) for o in q["options"]}
        shared = {
            ident: sum(len(own & other) for k, other in sets.items() if k != ident) for ident, own in sets.items()
        }
        ranked = sorted(shared.values(), reverse=True)
        if shared[q["answer"]] == ranked[0] and ranked[0] >= ranked[1] + 1 and ranked[0] >= 5:
            yield Finding(
                "convergence-cue",
                f"/questions/{index}/options",
                f"the correct option shares {ranked[0]} words with the others (next {ranked[1]}): "
                "vary the distractors independently of the key",
                index,
            )


def _lead_in(stem: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", stem.strip())
    return sentences[-1] if sentences else stem


@check(
    "negative-stem",
    "A negative lead-in (not, except, least) is easily misread; if it cannot be avoided, write the word in capitals.",
)
def _negative(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q, _ in _choices(data):
        lead = _lead_in(q["stem"])
        for found in NEGATIVE.finditer(lead):
            if not found.group(0).isupper():
                yield Finding(
                    "negative-stem",
                    f"/questions/{index}/stem",
                    f"negative lead-in {found.group(0)!r}: ask positively, or write it as {found.group(0).upper()!r}",
                    index,
                )
                break


def _natural_order(texts: list[str]) -> bool:
    numbers = []
    for text in texts:
        found = re.match(r"\s*[<>≤≥~]?\s*(-?[0-9]+(?:[.,][0-9]+)?)", text)
        if not found:
            break
        numbers.append(float(found.group(1).replace(",", "")))
    else:
        return numbers == sorted(numbers) or numbers == sorted(numbers, reverse=True)
    lowered = [t.strip().casefold() for t in texts]
    if lowered in (["true", "false"], ["yes", "no"]):
        return True
    if ALL_NONE.search(texts[-1]) and len(texts) > 2:
        return True  # kept last on purpose (reported by all-none-of-the-above instead)
    return False


@check(
    "shuffle-no-order",
    "'shuffle: false' keeps a fixed position, which is only fair when the options have "
    "a natural order (numbers, true/false); otherwise position becomes a cue.",
)
def _shuffle(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q, _ in _choices(data):
        if q.get("shuffle") is False and not _natural_order([o["text"] for o in q["options"]]):
            yield Finding(
                "shuffle-no-order",
                f"/questions/{index}/shuffle",
                "shuffle is off but the options have no natural (numeric) order: let them shuffle, or order them",
                index,
            )


@check(
    "answer-position-skew",
    "The correct answers of a bank should sit evenly across positions; a favourite "
    "position is a cue wherever options are not shuffled (paper, LMS exports).",
)
def _skew(data: dict[str, Any]) -> Iterator[Finding]:
    singles = [(i, q) for i, q, _ in _choices(data) if _single_best(q)]
    if len(singles) < MIN_FOR_SKEW:
        return
    observed: Counter[int] = Counter()
    expected: defaultdict[int, float] = defaultdict(float)  # fractions: 1/n per position
    for _, q in singles:
        ids = [o["id"] for o in q["options"]]
        observed[ids.index(q["answer"])] += 1
        for position in range(len(ids)):
            expected[position] += 1 / len(ids)
    for position in sorted(expected):
        if observed[position] > 1.6 * expected[position] + 2:
            yield Finding(
                "answer-position-skew",
                "/questions",
                f"the correct option is at position {position + 1} in {observed[position]} of {len(singles)} "
                f"single-answer questions (about {expected[position]:.0f} expected): vary the key's position",
            )


@check(
    "duplicate-stem",
    "Two items with the same or nearly the same stem test one fact twice and let one item answer the other.",
)
def _duplicates(data: dict[str, Any]) -> Iterator[Finding]:
    # Prefix filtering: two word sets with Jaccard >= t share a word among the first
    # len - ceil(t * len) + 1 of each, words ordered rarest first; only those pairs are compared
    # (10,000 stems: well under a second instead of minutes of pairwise comparison).
    stems = [(index, set(words(_text_of(q)))) for index, q in enumerate(data["questions"])]
    stems = [(index, found) for index, found in stems if found]
    frequency: Counter[str] = Counter(w for _, found in stems for w in found)
    seen: dict[str, list[int]] = {}
    by_index = dict(stems)
    for index, found in stems:
        ordered = sorted(found, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(ordered) - math.ceil(NEAR_DUPLICATE * len(ordered)) + 1]
        candidates = {other for w in prefix for other in seen.get(w, ())}
        best = None
        size = len(found)
        for other in sorted(candidates):
            other_words = by_index[other]
            if not NEAR_DUPLICATE * size <= len(other_words) <= size / NEAR_DUPLICATE:
                continue  # sizes alone rule it out
            shared = len(found & other_words)
            similarity = shared / (size + len(other_words) - shared)
            if similarity >= NEAR_DUPLICATE and (best is None or similarity > best[1]):
                best = (other, similarity)
        for w in prefix:
            seen.setdefault(w, []).append(index)
        if best is not None:
            first, similarity = best
            field = "stem" if "stem" in data["questions"][index] else "prompt"
            what = "the same" if similarity == 1 else f"{similarity:.0%} the same words as"
            yield Finding(
                "duplicate-stem",
                f"/questions/{index}/{field}",
                f"stem is {what} question '{data['questions'][first]['id']}'",
                index,
            )


def _key_points(q: dict[str, Any], base: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for n, point in enumerate(q.get("key_points", ())):
        yield f"{base}/key_points/{n}", point
    for p, probe in enumerate(q.get("probes", ())):
        if isinstance(probe, dict):
            for n, point in enumerate(probe.get("key_points", ())):
                yield f"{base}/probes/{p}/key_points/{n}", point


@check("unreferenced-number", "A dose, rate or duration a candidate will learn needs a source a reader can check.")
def _numbers(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q in enumerate(data["questions"]):
        base = f"/questions/{index}"
        referenced = bool(q.get("references"))
        if not referenced and q.get("explanation") and (stated := NUMBER.search(q["explanation"])):
            yield Finding(
                "unreferenced-number",
                f"{base}/explanation",
                f"the explanation states {stated.group(0)!r} and the question has no reference",
                index,
            )
        for pointer, point in _key_points(q, base):
            found = NUMBER.search(point["text"])
            if found and not referenced and "reference" not in point:
                yield Finding(
                    "unreferenced-number",
                    f"{pointer}/text",
                    f"key point states {found.group(0)!r} with no reference (add one to it or the question)",
                    index,
                )


@check("undated-fact", "'Current' or 'recent' facts go stale: name the year or edition they are true of.")
def _dated(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q in enumerate(data["questions"]):
        base = f"/questions/{index}"
        fields = [("stem", q.get("stem")), ("prompt", q.get("prompt")), ("explanation", q.get("explanation"))]
        fields += [(pointer[len(base) + 1 :] + "/text", point["text"]) for pointer, point in _key_points(q, base)]
        for name, text in fields:
            if not text:
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                found = DATED.search(sentence)
                if found and not YEAR.search(sentence):
                    yield Finding(
                        "undated-fact",
                        f"{base}/{name}",
                        f"{found.group(0)!r} with no year in the sentence: say which year or edition",
                        index,
                    )
                    break


@check(
    "shared-keyword",
    "A keyword listed by most key points of a question credits every point at once: the points are not told apart.",
)
def _shared(data: dict[str, Any]) -> Iterator[Finding]:
    for index, q in enumerate(data["questions"]):
        points = q.get("key_points", ())
        if len(points) < 3:
            continue
        counts: Counter[str] = Counter()
        for point in points:
            counts.update({" ".join(words(k)) for k in point["keywords"]} - {""})
        for keyword, count in sorted(counts.items()):
            if count > len(points) / 2:
                yield Finding(
                    "shared-keyword",
                    f"/questions/{index}/key_points",
                    f"keyword {keyword!r} is listed by {count} of {len(points)} key points",
                    index,
                )


def lint(data: dict[str, Any], ignore: frozenset[str] = frozenset()) -> list[Finding]:
    """Every finding of every check not ignored by the run or by the item it is about."""
    found = []
    for ident, registered in CHECKS.items():
        if ident in ignore:
            continue
        for finding in registered.run(data):
            if finding.question is not None:
                silenced = data["questions"][finding.question].get("lint", {}).get("ignore", ())
                if ident in silenced:
                    continue
            found.append(finding)
    return found


def unknown_ignores(data: dict[str, Any]) -> Iterator[Finding]:
    """Item ``lint: {ignore}`` entries naming no check (a typo silences nothing)."""
    for index, q in enumerate(data["questions"]):
        for n, ident in enumerate(q.get("lint", {}).get("ignore", ())):
            if ident not in CHECKS:
                yield Finding(
                    "lint",
                    f"/questions/{index}/lint/ignore/{n}",
                    f"unknown lint check {ident!r}; the checks are: {', '.join(CHECKS)}",
                    index,
                )
