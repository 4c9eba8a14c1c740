"""Synthetic history exports, written as JSON documents the way ``history export`` writes them.

The tests build their cohorts from these with answers they choose, so every figure of the
report can be computed again, independently, in the test.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DAY = 86_400.0
AS_OF = 1_780_000_000.0  # 2026-05-28 20:26:40 UTC, the reports' --as-of in these tests
AS_OF_TEXT = "2026-05-28T20:26:40+00:00"


@dataclass(frozen=True)
class Quiz:
    """One quiz answer to put in an export."""

    question_id: str
    correct: bool
    chosen: str | list[str] | float | None = "a"
    category: str = "pharmacology"
    content_hash: str = ""
    seconds: float = 60.0
    answered_at: float = AS_OF - 10 * DAY
    question_type: str = "single"
    options: Sequence[str] = ("a", "b", "c", "d")
    bank_id: str = "prog"
    tags: Sequence[str] = ()


@dataclass(frozen=True)
class Prompt:
    """One judged interview answer."""

    question_id: str
    covered: Sequence[bool]
    category: str = "interview"
    tags: Sequence[str] = ()
    flags: Sequence[tuple[str, str, str]] = ()  # (id, statement, kind)
    answered_at: float = AS_OF - 5 * DAY
    text: str = "my answer"
    bank_id: str = "prog"
    content_hash: str = ""


@dataclass
class Session:
    session_id: str
    quiz: list[Quiz] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        kind = "interview" if self.prompts else "quiz"
        items = self.prompts or self.quiz
        started = min((i.answered_at for i in items), default=AS_OF) - 60
        plan, answers, interviews = [], [], []
        for position, q in enumerate(self.quiz):
            content_hash = q.content_hash or f"h-{q.question_id}"
            plan.append(
                {
                    "bank_id": q.bank_id,
                    "question_id": q.question_id,
                    "content_hash": content_hash,
                    "option_order": list(q.options),
                }
            )
            answers.append(
                {
                    "position": position,
                    "bank_id": q.bank_id,
                    "question_id": q.question_id,
                    "content_hash": content_hash,
                    "question_type": q.question_type,
                    "category": q.category,
                    "difficulty": 3,
                    "tags": list(q.tags),
                    "response": q.chosen,
                    "correct": q.correct,
                    "score": 1.0 if q.correct else 0.0,
                    "time_spent": q.seconds,
                    "flagged": False,
                    "answered_at": q.answered_at,
                    "timed_out": False,
                    "probe_index": None,
                }
            )
        for position, p in enumerate(self.prompts):
            content_hash = p.content_hash or f"h-{p.question_id}"
            plan.append({"bank_id": p.bank_id, "question_id": p.question_id, "content_hash": content_hash})
            answers.append(
                {
                    "position": position,
                    "bank_id": p.bank_id,
                    "question_id": p.question_id,
                    "content_hash": content_hash,
                    "question_type": "open",
                    "category": p.category,
                    "difficulty": 3,
                    "tags": list(p.tags),
                    "response": p.text,
                    "correct": None,
                    "score": sum(p.covered) / max(1, len(p.covered)),
                    "time_spent": 90.0,
                    "flagged": False,
                    "answered_at": p.answered_at,
                    "timed_out": False,
                    "probe_index": None,
                }
            )
            interviews.append(
                {
                    "position": position,
                    "probe_index": None,
                    "text": p.text,
                    "verdicts": [
                        {"text": f"point {i}", "covered": c, "matched": [], "override": None}
                        for i, c in enumerate(p.covered)
                    ],
                    "metrics": {
                        "judge": "test",
                        "red_flags": [
                            {"id": i, "statement": s, "kind": k, "why": "", "evidence": {}} for i, s, k in p.flags
                        ],
                    },
                    "answer_seconds_allowed": 120,
                    "time_used": 90.0,
                }
            )
        return {
            "session_id": self.session_id,
            "kind": kind,
            "mode": "interview" if self.prompts else "exam",
            "started_at": started,
            "finished_at": started + 3600,
            "abandoned": False,
            "banks": {"prog": "1.0.0"},
            "settings": {},
            "seed": 1,
            "plan": plan,
            "answers": answers,
            "interviews": interviews,
        }


def export(
    sessions: Iterable[Session],
    resident_id: str | None = None,
    name: str | None = None,
    program: str | None = "pain-fellowship",
    notes: Sequence[dict] = (),
    version: int = 1,
    exported_at: str = AS_OF_TEXT,
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": "pain-trainer-history",
        "format_version": version,
        "exported_at": exported_at,
        "generator": "pain-trainer test",
        "sessions": [s.document() for s in sessions],
        "notes": list(notes),
    }
    if resident_id is not None:
        document["resident"] = {"id": resident_id, "name": name, "program": program}
    return document


def write(folder: Path, name: str, document: dict[str, Any] | str) -> Path:
    path = folder / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path
