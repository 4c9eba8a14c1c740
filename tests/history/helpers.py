"""Builders for history records and databases used by the history tests (and the benchmark)."""

from __future__ import annotations

from trainer.history.records import AnswerRecord, InterviewRecord, KeyPointVerdict, PlannedItem, SessionRecord

T0 = 1_700_000_000.0  # 2023-11-14 22:13:20 UTC, a Tuesday


def plan(n: int, bank: str = "core", prefix: str = "q") -> tuple[PlannedItem, ...]:
    return tuple(PlannedItem(bank, f"{prefix}{i}", f"h-{prefix}{i}", ("a", "b", "c", "d")) for i in range(n))


def session(
    sid: str = "s1",
    n: int = 5,
    kind: str = "quiz",
    mode: str = "tutor",
    started_at: float = T0,
    banks: dict[str, str] | None = None,
    bank: str = "core",
    items: tuple[PlannedItem, ...] | None = None,
) -> SessionRecord:
    return SessionRecord(
        session_id=sid,
        kind=kind,
        mode=mode,
        started_at=started_at,
        banks=banks if banks is not None else {bank: "1.0.0"},
        settings={"count": n, "time_per_question": 72, "categories": ["pharm"]},
        seed=42,
        plan=items if items is not None else plan(n, bank),
    )


def answer(
    sid: str = "s1",
    position: int = 0,
    *,
    bank: str = "core",
    question: str | None = None,
    content_hash: str | None = None,
    category: str = "pharm",
    tags: tuple[str, ...] = (),
    correct: bool | None = True,
    time_spent: float = 30.0,
    at: float | None = None,
    flagged: bool = False,
    response: object = "a",
    question_type: str = "single",
    score: float | None = None,
) -> AnswerRecord:
    question = question or f"q{position}"
    return AnswerRecord(
        session_id=sid,
        position=position,
        bank_id=bank,
        question_id=question,
        content_hash=content_hash or f"h-{question}",
        question_type=question_type,
        category=category,
        difficulty=2,
        tags=tags,
        response=response,
        correct=correct,
        score=score if score is not None else (1.0 if correct else 0.0),
        time_spent=time_spent,
        flagged=flagged,
        answered_at=at if at is not None else T0 + 60 * (position + 1),
    )


def interview(
    sid: str,
    position: int,
    probe: int | None = None,
    covered: tuple[bool, ...] = (True, False),
    overrides: tuple[bool | None, ...] | None = None,
    text: str = "I would assess...",
) -> InterviewRecord:
    overrides = overrides or (None,) * len(covered)
    return InterviewRecord(
        session_id=sid,
        position=position,
        probe_index=probe,
        text=text,
        verdicts=tuple(
            KeyPointVerdict(f"point {i}", c, ("assess",) if c else (), o)
            for i, (c, o) in enumerate(zip(covered, overrides, strict=False))
        ),
        metrics={"words": 3, "wpm": 120.0, "fillers": 0},
        answer_seconds_allowed=120,
        time_used=45.5,
    )
