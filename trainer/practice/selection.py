"""Choosing the questions of a session, reproducibly.

* ``select_questions(banks, SelectionSpec(...))``: filter every given bank's questions by
  categories, types (default: the knowledge types), difficulty range (inclusive), tags (a
  question qualifies when it has *any* of the tags), and a review filter; then shuffle with
  ``random.Random(seed)`` and keep ``count``.
* Review filters take plain sets of ``(bank_id, question_id)`` keys supplied by the history
  layer: ``Review("missed", keys)`` and ``Review("flagged", keys)`` keep only those keys;
  ``Review("unseen", keys)`` takes the keys already **seen** and excludes them.
* ``Review("missed", keys, first=...)`` puts ``first`` (dangerous, then confidently wrong
  misses) before the shuffled rest.
* ``select_keys(banks, keys)``: exactly these questions, in this order (retry the missed
  items from a results screen); keys no longer in the banks are reported in ``missing``.
* ``select_prompts(banks, interview_format=..., categories=..., count=...)``: open questions
  for a mock interview, drawn from all given banks.

Reproducibility: candidates are sorted by key before shuffling, so the same seed and the
same bank contents give the same questions in the same order whatever order the banks were
passed in. Each question's option order comes from its own generator seeded with
``(seed, bank id, question id)``, so it does not change when other questions are added or
the count changes; ``shuffle: false`` keeps the author's order. With no seed a random one is
drawn and recorded in ``Selection.seed`` (and so in the session record).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from trainer.banks.model import (
    Bank,
    InterviewFormat,
    QuestionInfo,
)
from trainer.banks.qtypes import interview_tags, knowledge_tags, tags
from trainer.banks.qtypes.open import as_prompt
from trainer.banks.questions import OpenQuestion, Question
from trainer.history.records import PlannedItem

Key = tuple[str, str]
REVIEW_MODES = ("missed", "flagged", "unseen")


@dataclass(frozen=True, slots=True)
class Review:
    """A review filter: ``keys`` are kept (missed, flagged) or, for unseen, excluded as seen.

    ``first``: keys that come before the shuffled rest, in this order (and are kept within
    ``count``): "Review missed" puts dangerous and confidently wrong misses here
    (``trainer.practice.calibration.review_priority``)."""

    mode: str
    keys: frozenset[Key]
    first: tuple[Key, ...] = ()

    def __post_init__(self) -> None:
        if self.mode not in REVIEW_MODES:
            raise ValueError(f"unknown review mode {self.mode!r}; use one of {', '.join(REVIEW_MODES)}")
        object.__setattr__(self, "keys", frozenset(tuple(k) for k in self.keys))
        object.__setattr__(self, "first", tuple(dict.fromkeys((k[0], k[1]) for k in self.first)))

    def admits(self, key: Key) -> bool:
        return (key not in self.keys) if self.mode == "unseen" else (key in self.keys)


@dataclass(frozen=True, slots=True)
class SelectionSpec:
    categories: tuple[str, ...] = ()  # empty: every category
    types: tuple[str, ...] = field(default_factory=knowledge_tags)  # every registered knowledge type
    min_difficulty: int | None = None
    max_difficulty: int | None = None
    tags: tuple[str, ...] = ()  # empty: any; otherwise at least one of them
    count: int | None = None  # None: every matching question
    seed: int | None = None
    review: Review | None = None

    def __post_init__(self) -> None:
        unknown = set(self.types) - set(tags())
        if unknown:
            raise ValueError(f"unknown question type(s): {', '.join(sorted(unknown))}")
        if self.count is not None and self.count < 0:
            raise ValueError("count must not be negative")

    def admits(self, q: Question | QuestionInfo) -> bool:
        return (
            (not self.categories or q.category in self.categories)
            and q.type in self.types
            and (self.min_difficulty is None or q.difficulty >= self.min_difficulty)
            and (self.max_difficulty is None or q.difficulty <= self.max_difficulty)
            and (not self.tags or bool({t.casefold() for t in self.tags} & {t.casefold() for t in q.tags}))
            and (self.review is None or self.review.admits(q.key))
        )

    def as_settings(self) -> dict[str, Any]:
        return {
            "categories": list(self.categories),
            "types": list(self.types),
            "min_difficulty": self.min_difficulty,
            "max_difficulty": self.max_difficulty,
            "tags": list(self.tags),
            "count": self.count,
            "review": None if self.review is None else self.review.mode,
        }


@dataclass(frozen=True, slots=True)
class SelectedItem:
    question: Question
    option_order: tuple[str, ...] = ()  # option ids as displayed; () for numeric/open

    def planned(self) -> PlannedItem:
        q = self.question
        return PlannedItem(q.bank_id, q.id, q.content_hash, self.option_order)


@dataclass(frozen=True, slots=True)
class Selection:
    items: tuple[SelectedItem, ...]
    seed: int
    bank_versions: Mapping[str, str]  # every bank offered: id -> version
    available: int  # how many matched before ``count`` was applied
    settings: Mapping[str, Any] = field(default_factory=dict)  # plain description, for the record
    missing: tuple[Key, ...] = ()  # select_keys only: keys not found in the banks

    @property
    def plan(self) -> tuple[PlannedItem, ...]:
        return tuple(item.planned() for item in self.items)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(item.question for item in self.items)


class PlanMismatch(ValueError):
    """A recorded plan names questions that are gone or were edited since."""


def new_seed() -> int:
    return random.SystemRandom().randrange(2**31)


def option_order(question: Question, seed: int) -> tuple[str, ...]:
    """The displayed option order for ``question`` in a session with ``seed``."""
    options = getattr(question, "options", None)
    if not options:
        return ()
    ids = [o.id for o in options]
    if getattr(question, "shuffle", True):
        random.Random(f"{seed}/{question.bank_id}/{question.id}").shuffle(ids)
        # A type whose options in the bank's order are the answer (ordering) is never shown so.
        if getattr(question, "hide_bank_order", False) and len(ids) > 1 and ids == [o.id for o in options]:
            ids = ids[1:] + ids[:1]
    return tuple(ids)


class _Candidates:
    """Every question of the banks by key, from their indexes: choosing reads no question text.

    Only the chosen questions are taken from their bank (which may read them from the bank
    cache); the first bank wins if the same key appears twice.
    """

    def __init__(self, banks: Iterable[Bank]):
        self.infos: dict[Key, QuestionInfo] = {}
        self._banks: dict[Key, Bank] = {}
        for bank in banks:
            for info in bank.index:
                if info.key not in self.infos:
                    self.infos[info.key] = info
                    self._banks[info.key] = bank

    def question(self, key: Key) -> Question:
        question = self._banks[key].question(key[1])
        assert question is not None  # the key came from this bank's index
        return question


def _pick(
    banks: Sequence[Bank],
    candidates: _Candidates,
    matching: list[QuestionInfo],
    count: int | None,
    seed: int | None,
    settings: dict[str, Any],
    first: Sequence[Key] = (),
) -> Selection:
    seed = new_seed() if seed is None else seed
    matching.sort(key=lambda info: info.key)
    random.Random(seed).shuffle(matching)
    if first:  # stable: the priority keys in their order, then the shuffled rest
        rank = {key: n for n, key in enumerate(first)}
        matching.sort(key=lambda info: rank.get(info.key, len(rank)))
    chosen = [candidates.question(info.key) for info in matching[:count]]  # [:None] keeps all
    return Selection(
        items=tuple(SelectedItem(q, option_order(q, seed)) for q in chosen),
        seed=seed,
        bank_versions={b.id: b.version for b in banks},
        available=len(matching),
        settings=settings,
    )


def select_questions(banks: Sequence[Bank], spec: SelectionSpec) -> Selection:
    """Questions matching ``spec``, shuffled by its seed, at most ``spec.count``."""
    candidates = _Candidates(banks)
    matching = [info for info in candidates.infos.values() if spec.admits(info)]
    first = spec.review.first if spec.review is not None else ()
    return _pick(banks, candidates, matching, spec.count, spec.seed, spec.as_settings(), first)


def select_keys(banks: Sequence[Bank], keys: Iterable[Key], seed: int | None = None) -> Selection:
    """Exactly these questions in this order (duplicates dropped); options shuffled by seed."""
    seed = new_seed() if seed is None else seed
    candidates = _Candidates(banks)
    wanted: list[Key] = list(dict.fromkeys((k[0], k[1]) for k in keys))
    chosen = [candidates.question(k) for k in wanted if k in candidates.infos]
    return Selection(
        items=tuple(SelectedItem(q, option_order(q, seed)) for q in chosen),
        seed=seed,
        bank_versions={b.id: b.version for b in banks},
        available=len(chosen),
        settings={"keys": [list(k) for k in wanted]},
        missing=tuple((k[0], k[1]) for k in wanted if k not in candidates.infos),
    )


def find_format(banks: Iterable[Bank], format_id: str) -> InterviewFormat | None:
    """The first interview format with this id in any of the banks."""
    for bank in banks:
        for fmt in bank.interview_formats:
            if fmt.id == format_id:
                return fmt
    return None


def select_prompts(
    banks: Sequence[Bank],
    *,
    interview_format: InterviewFormat | None = None,
    categories: Sequence[str] = (),
    count: int | None = None,
    seed: int | None = None,
) -> Selection:
    """Open questions for an interview from all given banks.

    With a format: its categories (empty = all) and its number of prompts, unless
    ``categories``/``count`` are given explicitly; its ``first`` prompts open the interview
    and its ``last`` prompts close it, in the order written, the rest drawn at random in
    between. Pins count towards the number of prompts; with an explicit ``count`` smaller
    than the pins, the closing ones are kept first. A pin outside explicit ``categories``
    is not asked.
    """
    if interview_format is not None:
        categories = tuple(categories) or interview_format.categories
        count = interview_format.prompts if count is None else count
    spec = SelectionSpec(categories=tuple(categories), types=interview_tags(), count=count)
    candidates = _Candidates(banks)
    matching = [info for info in candidates.infos.values() if spec.admits(info)]
    settings = spec.as_settings() | {"format": None if interview_format is None else interview_format.id}
    first, last = _pins(banks, interview_format, candidates, spec)
    if not first and not last:
        return _pick(banks, candidates, matching, count, seed, settings)
    if count is not None:
        last = last[max(0, len(last) - count) :]
        first = first[: max(0, count - len(last))]
    pinned = set(first) | set(last)
    middle_count = None if count is None else count - len(first) - len(last)
    middle = _pick(banks, candidates, [i for i in matching if i.key not in pinned], middle_count, seed, settings)
    pinned_items = {k: SelectedItem(candidates.question(k)) for k in pinned}  # open prompts have no options
    return replace(
        middle,
        items=(*(pinned_items[k] for k in first), *middle.items, *(pinned_items[k] for k in last)),
        available=len(matching),
    )


def _pins(
    banks: Sequence[Bank], interview_format: InterviewFormat | None, candidates: _Candidates, spec: SelectionSpec
) -> tuple[list[Key], list[Key]]:
    """The format's first/last prompts as keys of its own bank (those the spec admits)."""
    if interview_format is None:
        return [], []
    home = next((b for b in banks if interview_format in b.interview_formats), None)
    if home is None:
        return [], []

    def keys(ids: Sequence[str]) -> list[Key]:
        found = [(home.id, qid) for qid in ids]
        return [k for k in found if k in candidates.infos and spec.admits(candidates.infos[k])]

    return keys(interview_format.first), keys(interview_format.last)


def items_for_plan(banks: Sequence[Bank], plan: Sequence[PlannedItem]) -> tuple[SelectedItem, ...]:
    """Rebuild a recorded plan from the banks, or ``PlanMismatch`` if it cannot be exact."""
    candidates = _Candidates(banks)
    items: list[SelectedItem] = []
    problems: list[str] = []
    for p in plan:
        info = candidates.infos.get((p.bank_id, p.question_id))
        if info is None:
            problems.append(f"{p.bank_id}/{p.question_id} is no longer in the banks")
        elif info.content_hash != p.content_hash:
            problems.append(f"{p.bank_id}/{p.question_id} was edited since the session started")
        elif not problems:
            items.append(SelectedItem(candidates.question(info.key), tuple(p.option_order)))
    if problems:
        raise PlanMismatch("cannot resume: " + "; ".join(problems))
    return tuple(items)


def open_prompts(selection: Selection) -> tuple[OpenQuestion, ...]:
    return tuple(p for p in map(as_prompt, selection.questions) if p is not None)
