"""What the command line asks the app to open straight into: typed, frozen, Textual-free.

``pain-trainer quiz ...``, ``pain-trainer interview ...`` and ``pain-trainer review`` are parsed
by ``trainer.cli`` into a ``QuizStart``, an ``InterviewStart`` or a ``ReviewStart``;
``trainer.tui.launch`` checks it against the loaded banks (``start_problem``) and the app opens it (``trainer.tui.flows.open_start_request``). This module
imports nothing heavy, so the command line can build one without loading Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    from trainer.banks import Catalog

QuizMode = Literal["tutor", "exam"]
ReviewMode = Literal["missed", "flagged", "unseen"]


@dataclass(frozen=True)
class QuizStart:
    """``pain-trainer quiz``'s options; None means "the app's default" (20 questions, tutor, 72 s)."""

    categories: tuple[str, ...] = ()
    count: int | None = None
    seed: int | None = None
    mode: QuizMode | None = None
    time_per_question: int | None = None
    untimed: bool = False
    time_limit: int | None = None
    review: ReviewMode | None = None


@dataclass(frozen=True)
class InterviewStart:
    """``pain-trainer interview``'s options; None means the format's (or the app's) default."""

    format: str | None = None
    categories: tuple[str, ...] = ()
    count: int | None = None
    think: int | None = None
    answer: int | None = None
    seed: int | None = None


@dataclass(frozen=True)
class ReviewStart:
    """``pain-trainer review``: today's spaced-repetition queue (None: the app's default size)."""

    count: int | None = None


StartRequest: TypeAlias = QuizStart | InterviewStart | ReviewStart


def start_problem(start: StartRequest, catalog: Catalog) -> str | None:
    """Why ``start`` cannot be opened with these banks (one line), or None when it can."""
    if isinstance(start, ReviewStart):
        return None  # an empty queue is said in the app, not refused
    interview = isinstance(start, InterviewStart)
    known = {c.id for b in catalog.banks for c in b.categories}
    unknown = [c for c in start.categories if c not in known]
    if unknown:
        return f"unknown category '{unknown[0]}'; available: {', '.join(sorted(known))}"
    empty = next((c for c in start.categories if not _has_questions(catalog, c, interview)), None)
    if empty is not None:
        kind, other = ("interview prompts", "quiz") if interview else ("quiz questions", "interview")
        return f"category '{empty}' has no {kind}; try 'pain-trainer {other} --category {empty}'"
    if isinstance(start, InterviewStart) and start.format:
        formats = {f.id for b in catalog.banks for f in b.interview_formats}
        if start.format not in formats:
            return f"unknown interview format '{start.format}'; available: {', '.join(sorted(formats))}"
    return None


def _has_questions(catalog: Catalog, category: str, interview: bool) -> bool:
    """Whether ``category`` has interview prompts (``interview``) or quiz questions."""
    from trainer.banks.qtypes import is_interview

    return any(q.category == category and is_interview(q.type) == interview for b in catalog.banks for q in b.index)
