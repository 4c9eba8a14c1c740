"""Small model objects for practice tests (built directly, not loaded from the bundled banks)."""

from __future__ import annotations

from typing import Any

from trainer.banks.model import (
    Bank,
    Category,
    InterviewFormat,
    KeyPoint,
    MultipleQuestion,
    NumericQuestion,
    OpenQuestion,
    Option,
    Probe,
    Reference,
    SingleQuestion,
)

REF = (Reference("A findable source", "Journal of Tests 1:1-2", 2024, doi="10.1/test"),)


def _common(id, bank, category, difficulty, tags=(), time_limit=None, hash=None) -> dict[str, Any]:
    """The fields every question type shares, as each builder below fills them."""
    return {
        "id": id,
        "bank_id": bank,
        "category": category,
        "difficulty": difficulty,
        "content_hash": hash or f"h-{id}",
        "tags": tuple(tags),
        "time_limit_seconds": time_limit,
        "references": REF,
    }


def options(*ids: str) -> tuple[Option, ...]:
    return tuple(Option(i, f"Option {i.upper()}") for i in ids)


def single(
    id="s1",
    *,
    bank="b1",
    category="cat-a",
    difficulty=2,
    answer="b",
    ids=("a", "b", "c", "d"),
    shuffle=True,
    tags=(),
    time_limit=None,
    hash=None,
) -> SingleQuestion:
    return SingleQuestion(
        **_common(id, bank, category, difficulty, tags, time_limit, hash),
        explanation=f"Because {answer}.",
        stem=f"Stem of {id}?",
        options=options(*ids),
        answer=answer,
        shuffle=shuffle,
    )


def multiple(
    id="m1",
    *,
    bank="b1",
    category="cat-a",
    difficulty=3,
    answers=("a", "b"),
    ids=("a", "b", "c", "d"),
    shuffle=True,
    tags=(),
    time_limit=None,
) -> MultipleQuestion:
    return MultipleQuestion(
        **_common(id, bank, category, difficulty, tags, time_limit),
        explanation="All of a and b.",
        stem=f"Select all for {id}",
        options=options(*ids),
        answers=frozenset(answers),
        shuffle=shuffle,
    )


def numeric(
    id="n1",
    *,
    bank="b1",
    category="cat-b",
    difficulty=2,
    answer=7.5,
    tolerance=None,
    tolerance_percent=None,
    unit="mg",
    tags=(),
    time_limit=None,
) -> NumericQuestion:
    return NumericQuestion(
        **_common(id, bank, category, difficulty, tags, time_limit),
        explanation="Arithmetic.",
        stem=f"How much for {id}?",
        answer=answer,
        unit=unit,
        tolerance=tolerance,
        tolerance_percent=tolerance_percent,
    )


KEY_POINTS = (
    KeyPoint("Multimodal analgesia", ("multimodal", "non-opioid")),
    KeyPoint("Team-based care", ("interdisciplinary team", "physical therapy")),
    KeyPoint("Opioid risk mitigation", ("naloxone", "taper")),
)


def open_q(
    id="o1",
    *,
    bank="b1",
    category="motivation",
    difficulty=2,
    key_points=KEY_POINTS,
    probes=(),
    think=30,
    answer=120,
    probe_seconds=None,
    model_answer="A model answer.",
    red_flags=(),
) -> OpenQuestion:
    return OpenQuestion(
        **_common(id, bank, category, difficulty),
        prompt=f"Tell us about {id}.",
        key_points=tuple(key_points),
        probes=tuple(p if isinstance(p, Probe) else Probe(p) for p in probes),
        red_flags=tuple(red_flags),
        think_seconds=think,
        answer_seconds=answer,
        probe_seconds=probe_seconds,
        model_answer=model_answer,
    )


def fmt(
    id="quick", *, categories=(), prompts=2, think=20, answer=90, probes=True, probe_seconds=None, first=(), last=()
):
    return InterviewFormat(
        id,
        "Quick",
        "Two prompts",
        tuple(categories),
        prompts,
        think,
        answer,
        probes,
        probe_seconds,
        tuple(first),
        tuple(last),
    )


def bank(id="b1", questions=(), *, version="1.0.0", formats=()) -> Bank:
    categories = sorted({q.category for q in questions})
    return Bank(
        id=id,
        title=f"Bank {id}",
        version=version,
        authors=("Tester",),
        license="CC0-1.0",
        language="en",
        description="test bank",
        categories=tuple(Category(c, c.title()) for c in categories),
        questions=tuple(questions),
        interview_formats=tuple(formats),
    )


def wall(start: float = 1_700_000_000.0):
    """A deterministic wall clock: each call one second later."""
    state = {"t": start}

    def now() -> float:
        state["t"] += 1.0
        return state["t"]

    return now
