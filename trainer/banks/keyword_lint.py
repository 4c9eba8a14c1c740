"""Warnings about keywords that will judge badly: ``pain-trainer validate`` prints them.

A bank with such keywords is valid (it loads and is used); the warnings tell its author
where an answer would be credited, or flagged, for the wrong reason:

* **generic**: the keyword is one word from a list of words almost any answer uses, alone or
  with function words ("plan", "the team", "now I"; the lists and why each is there:
  ``generic_words``); two content words together ("goals of care") are left alone;
* **common**: one keyword listed by more than half of a bank's key points (when the bank has
  at least ``MIN_KEY_POINTS_FOR_COMMON`` of them) does not tell the points apart;
* **short**: fewer than 3 letters or digits matches initials and unrelated words, unless it is
  a well-known clinical abbreviation or a spinal level written in upper case ("PT", "IV", "L5");
* **name**: a person's name credits name-dropping, not the idea. A one-word keyword written
  with a capital first letter (and the rest lower case) counts as a name when it is on the
  short list of surnames, or when a reference of its question writes it like an author
  ("Narouze S," or "Narouze et al."). Ordinary words that happen to be capitalised are not
  flagged; names not on the list and not in a reference are missed (a simple, honest rule).

Checked: the keywords and ``requires`` phrases of every key point and red flag (probes'
too) and the bank's synonym phrases, all of which credit or flag an answer when used.
Each warning is positioned like an error (``PATH:LINE:COL: warning: MESSAGE [at POINTER]``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from trainer.banks.generic_words import CLINICAL_ABBREVIATIONS, FUNCTION_WORDS, GENERIC_WORDS, SURNAMES
from trainer.banks.model import Bank
from trainer.banks.problems import Problem
from trainer.banks.qtypes.open import as_prompt

if TYPE_CHECKING:
    from trainer.banks.questions import KeyPoint, Omission, OpenQuestion, Probe, RedFlag, Reference

MIN_LETTERS = 3
SPINAL_LEVEL = re.compile(r"^[CTLS][1-9]$")  # C7, L5, S1: short, but specific (written in upper case)
MIN_KEY_POINTS_FOR_COMMON = 4  # in a bank of 1-3 key points, "more than half" is one or two


@dataclass(frozen=True, slots=True)
class Finding:
    """One warning, before it is given a file position."""

    pointer: str
    message: str


@dataclass(frozen=True, slots=True)
class _Phrase:
    pointer: str
    text: str
    role: str  # how the warning names it: "keyword", "red flag keyword", "requires phrase", "omission plan", "synonym"
    references: tuple[Reference, ...]  # where an author's name would come from


_WORD = re.compile(r"\w+")


def words(phrase: str) -> tuple[str, ...]:
    """The words of a phrase as matching sees them (case and punctuation ignored)."""
    return tuple(_WORD.findall(phrase.casefold()))


def _folded(phrase: str) -> tuple[str, ...]:
    """The words with a plural -s dropped, so "opioid" and "opioids" count as one keyword."""
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words(phrase))


def findings(bank: Bank) -> list[Finding]:
    """Every keyword warning of a bank, in file order of the questions."""
    return [*phrase_findings(bank), *_common(bank)]


def phrase_findings(bank: Bank) -> list[Finding]:
    """The warnings about single phrases: every rule but **common**, which reads the whole bank.

    A bank repeats its phrases (10,000 questions: 75,000 phrases, a few hundred distinct), so
    the rules that read only the phrase are asked once per distinct (text, role); the name rule,
    which also reads the question's references, runs only for a phrase written like a name.
    """
    found: list[Finding] = []
    by_text: dict[tuple[str, str], tuple[tuple[str, ...], bool]] = {}
    for where, role, texts, references in _phrase_lists(bank):
        for n, text in enumerate(texts):
            known = by_text.get((text, role))
            if known is None:
                probe = _Phrase("", text, role, ())
                messages = tuple(m for m in (_generic(probe), _short(probe)) if m)
                known = by_text[(text, role)] = (messages, _may_be_name(text))
            messages, may_be_name = known
            if not messages and not may_be_name:
                continue  # nearly every phrase: nothing to say, so no pointer is written for it
            phrase = _Phrase(f"{where}/{n}", text, role, references())
            named = _name(phrase) if may_be_name else None
            found += [Finding(phrase.pointer, m) for m in (*messages, *((named,) if named else ()))]
    return found


def keyword_warnings(bank: Bank) -> list[Problem]:
    """The bank's keyword warnings, positioned in its file (composed once, only when there are some)."""
    found = findings(bank)
    if not found:
        return []
    from trainer.banks import yamlsafe
    from trainer.banks.positions import locate

    try:
        root = yamlsafe.compose_nodes(yamlsafe.decode(Path(bank.source).read_bytes()))
    except (OSError, yamlsafe.YamlProblem):
        root = None
    problems = [Problem(bank.source, *locate(root, f.pointer), f.message, f.pointer, severity="warning") for f in found]
    return sorted(problems, key=lambda p: (p.line, p.column))


# --- what is checked ------------------------------------------------------------------


def _judged(q: OpenQuestion | Probe, base: str) -> Iterator[tuple[str, KeyPoint | RedFlag, str]]:
    for n, point in enumerate(q.key_points):
        yield f"{base}/key_points/{n}", point, "keyword"
    for n, flag in enumerate(q.red_flags):
        yield f"{base}/red_flags/{n}", flag, "red flag keyword"


def _items(bank: Bank) -> Iterator[tuple[str, KeyPoint | RedFlag, str, OpenQuestion]]:
    for index, question in enumerate(bank.questions):
        q = as_prompt(question)
        if q is None:
            continue
        base = f"/questions/{index}"
        for where, item, role in _judged(q, base):
            yield where, item, role, q
        for number, probe in enumerate(q.probes):
            for where, item, role in _judged(probe, f"{base}/probes/{number}"):
                yield where, item, role, q


PhraseList = tuple[str, str, Sequence[str], Callable[[], tuple["Reference", ...]]]


def _phrase_lists(bank: Bank) -> Iterator[PhraseList]:
    """Every list of phrases that credit or flag an answer: (its pointer, the role the warnings
    name its phrases by, the phrases, the references an author's name would come from)."""
    for where, item, role, q in _items(bank):

        def references(q: OpenQuestion = q, item: KeyPoint | RedFlag = item) -> tuple[Reference, ...]:
            return (*q.references, *((item.reference,) if item.reference else ()))

        yield f"{where}/keywords", role, item.keywords, references
        for g, group in enumerate(item.requires):
            yield f"{where}/requires/{g}", "requires phrase", group, references
        omission: Omission | None = getattr(item, "omission", None)  # red flags have one, key points not
        if omission:
            yield f"{where}/omission/plans", "omission plan", omission.plans, references
    for term, phrases in _bank_synonyms(bank):
        escaped = term.replace("~", "~0").replace("/", "~1")
        yield f"/synonyms/{escaped}", f"'{term}' synonym", phrases, tuple


def _bank_synonyms(bank: Bank) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The bank's synonyms, as its open questions carry them."""
    return next((p.synonyms for p in map(as_prompt, bank.questions) if p is not None), ())


# --- the rules ------------------------------------------------------------------------


def _generic(phrase: _Phrase) -> str | None:
    """One generic word, alone or with function words ("plan", "the plan", "now I"); two content
    words together ("goals of care", "care plan") can name a specific idea and are left alone."""
    found = words(phrase.text)
    content = [w for w in found if w not in FUNCTION_WORDS]
    if not found or len(content) > 1 or (content and content[0] not in GENERIC_WORDS):
        return None
    why = f"the generic word '{content[0]}'" if content else "only function words"
    return f"{phrase.role} '{phrase.text}' is {why}, which almost every answer uses; name the specific thing"


def _short(phrase: _Phrase) -> str | None:
    text = phrase.text.strip()
    if sum(ch.isalnum() for ch in text) >= MIN_LETTERS or text in CLINICAL_ABBREVIATIONS or SPINAL_LEVEL.match(text):
        return None
    hint = (
        f"; write the abbreviation in upper case ('{text.upper()}') if that is what it is"
        if text.upper() in CLINICAL_ABBREVIATIONS
        else "; spell it out, or use a longer phrase"
    )
    return f"{phrase.role} '{phrase.text}' is shorter than {MIN_LETTERS} letters and matches unrelated words{hint}"


def _may_be_name(text: str) -> bool:
    """Written like a name: one word of letters, a capital first letter and the rest lower case."""
    text = text.strip()
    return len(text) >= MIN_LETTERS and text.isalpha() and text[0].isupper() and text[1:].islower()


def _name(phrase: _Phrase) -> str | None:
    text = phrase.text.strip()
    if not _may_be_name(text):
        return None
    if text.casefold() in SURNAMES:
        why = "a common surname"
    elif any(_written_as_author(text, r) for r in phrase.references):
        why = "its question's reference names it as an author"
    else:
        return None
    return (
        f"{phrase.role} '{phrase.text}' looks like a person's name ({why}); "
        "an answer should earn the point by the idea, not by naming its author"
    )


def _written_as_author(name: str, reference: Reference) -> bool:
    """``Name et al`` or ``Name X,`` / ``Name XY.`` (surname then initials) in the reference."""
    text = " ".join(filter(None, (reference.title, reference.source, reference.note)))
    return re.search(rf"\b{re.escape(name)}\s+(et\s+al\b|[A-Z]{{1,3}}[,.])", text) is not None


@dataclass(frozen=True, slots=True)
class Listing:
    """How many key points a bank (or a part of it) has, and how many of them list each keyword
    (its words folded, ``_folded``): the count behind the **common** rule. The counts of a bank's
    parts add up to the bank's, so the halves of a bank checked on two cores are judged together."""

    points: int
    listed_by: dict[tuple[str, ...], int]


def listing(bank: Bank) -> Listing:
    points = [point for _, point in _key_points(bank)]
    return Listing(len(points), _counted(points)[0])


def any_common(parts: Iterable[Listing]) -> bool:
    """Whether the bank made of these parts has a **common** keyword (without saying which)."""
    points, listed_by = 0, Counter[tuple[str, ...]]()
    for part in parts:
        points += part.points
        listed_by.update(part.listed_by)
    return any(_too_common(count, points) for count in listed_by.values())


def _too_common(count: int, points: int) -> bool:
    """The **common** rule: listed by more than half of a bank's key points (when it has enough)."""
    return points >= MIN_KEY_POINTS_FOR_COMMON and count * 2 > points


def _key_points(bank: Bank) -> list[tuple[str, KeyPoint]]:
    return [(where, cast("KeyPoint", item)) for where, item, role, _ in _items(bank) if role == "keyword"]


def _counted(
    points: Iterable[KeyPoint],
) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], tuple[int, int]]]:
    """Per folded keyword: how many of the points list it, and where it is first listed
    (the point's number, the keyword's index in it)."""
    listed_by: dict[tuple[str, ...], int] = {}
    first: dict[tuple[str, ...], tuple[int, int]] = {}
    folded: dict[str, tuple[str, ...]] = {}  # a keyword's folded words, worked out once per distinct keyword
    for number, point in enumerate(points):
        keys: dict[tuple[str, ...], int] = {}  # each folded keyword of the point, at its first position
        for n, keyword in enumerate(point.keywords):
            key = folded.get(keyword)
            if key is None:
                key = folded[keyword] = _folded(keyword)
            keys.setdefault(key, n)
        for key, n in keys.items():
            if key:
                listed_by[key] = listed_by.get(key, 0) + 1
                first.setdefault(key, (number, n))
    return listed_by, first


def _common(bank: Bank) -> list[Finding]:
    """A keyword listed by more than half of the bank's key points, warned once where first listed."""
    points = _key_points(bank)
    listed_by, first = _counted(point for _, point in points)
    found = []
    for key, count in listed_by.items():
        if _too_common(count, len(points)):
            number, n = first[key]
            where, point = points[number]
            found.append(
                Finding(
                    f"{where}/keywords/{n}",
                    f"keyword '{point.keywords[n]}' is listed by {count} of the bank's {len(points)} key points: "
                    "it cannot tell them apart",
                )
            )
    return found
