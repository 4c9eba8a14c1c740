"""Records <-> plain JSON-able dicts and SQL parameters, in one place.

The store and the export format share these shapes, so an exported session is exactly what
the store keeps. JSON turns tuples into lists; decoding turns them back where the record
says tuple. ``response``, ``settings`` and ``metrics`` come back as JSON gave them.
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from trainer.history.records import (
    AnswerRecord,
    DraftRecord,
    InterviewRecord,
    ItemNote,
    KeyPointVerdict,
    PlannedItem,
    SessionRecord,
)

MAIN_PROMPT = -1  # probe_index stored for an interview's main prompt (None in the record)


def local_week(t: float) -> int:
    """The local Monday of the week of unix time ``t``, as days since 1970-01-01
    (the same as the SQL in ``schema``; 1970-01-01 was a Thursday)."""
    day = int((t + time.localtime(t).tm_gmtoff) // 86400)
    return day - (day + 3) % 7


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def plan_to_json(plan: tuple[PlannedItem, ...]) -> list[list[Any]]:
    return [[i.bank_id, i.question_id, i.content_hash, list(i.option_order)] for i in plan]


def plan_from_json(items: list[list[Any]]) -> tuple[PlannedItem, ...]:
    return tuple(PlannedItem(str(b), str(q), str(h), tuple(str(o) for o in opts)) for b, q, h, opts in items)


def session_dict(rec: SessionRecord) -> dict[str, Any]:
    return {
        "session_id": rec.session_id,
        "kind": rec.kind,
        "mode": rec.mode,
        "started_at": rec.started_at,
        "banks": dict(rec.banks),
        "settings": rec.settings,
        "seed": rec.seed,
        "plan": [
            {
                "bank_id": i.bank_id,
                "question_id": i.question_id,
                "content_hash": i.content_hash,
                "option_order": list(i.option_order),
            }
            for i in rec.plan
        ],
    }


def session_from_dict(d: dict[str, Any]) -> SessionRecord:
    return SessionRecord(
        session_id=d["session_id"],
        kind=d["kind"],
        mode=d["mode"],
        started_at=float(d["started_at"]),
        banks={str(k): str(v) for k, v in d["banks"].items()},
        settings=d["settings"],
        seed=d["seed"],
        plan=tuple(
            PlannedItem(i["bank_id"], i["question_id"], i["content_hash"], tuple(i.get("option_order", ())))
            for i in d["plan"]
        ),
    )


def session_from_row(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(
        session_id=row["id"],
        kind=row["kind"],
        mode=row["mode"],
        started_at=row["started_at"],
        banks=json.loads(row["banks"]),
        settings=json.loads(row["settings"]),
        seed=row["seed"],
        plan=plan_from_json(json.loads(row["plan"])),
    )


ANSWER_FIELDS = (
    "session_id",
    "position",
    "bank_id",
    "question_id",
    "content_hash",
    "question_type",
    "category",
    "difficulty",
    "tags",
    "response",
    "correct",
    "score",
    "time_spent",
    "flagged",
    "answered_at",
    "timed_out",
    "probe_index",
    "confidence",
    "miss_reason",
    "dangerous",
)


def answer_dict(rec: AnswerRecord) -> dict[str, Any]:
    d = {name: getattr(rec, name) for name in ANSWER_FIELDS}
    d["tags"] = list(rec.tags)
    return d


def answer_from_dict(d: dict[str, Any]) -> AnswerRecord:
    values = {name: d[name] for name in ANSWER_FIELDS if name in d}
    values["tags"] = tuple(d["tags"])
    return AnswerRecord(**values)


def answer_params(rec: AnswerRecord) -> dict[str, Any]:
    d = answer_dict(rec)
    d["tags"] = dumps(d["tags"])
    d["response"] = dumps(rec.response)
    d["correct"] = None if rec.correct is None else int(bool(rec.correct))
    d["flagged"] = int(bool(rec.flagged))
    d["timed_out"] = int(bool(rec.timed_out))
    d["dangerous"] = int(bool(rec.dangerous))
    d["probe_index"] = MAIN_PROMPT if d["probe_index"] is None else d["probe_index"]
    d["week"] = local_week(rec.answered_at)
    return d


def answer_from_row(row: sqlite3.Row) -> AnswerRecord:
    return AnswerRecord(
        probe_index=None if row["probe_index"] == MAIN_PROMPT else row["probe_index"],
        session_id=row["session_id"],
        position=row["position"],
        bank_id=row["bank_id"],
        question_id=row["question_id"],
        content_hash=row["content_hash"],
        question_type=row["question_type"],
        category=row["category"],
        difficulty=row["difficulty"],
        tags=tuple(json.loads(row["tags"])),
        response=None if row["response"] is None else json.loads(row["response"]),
        correct=None if row["correct"] is None else bool(row["correct"]),
        score=row["score"],
        time_spent=row["time_spent"],
        flagged=bool(row["flagged"]),
        answered_at=row["answered_at"],
        timed_out=bool(row["timed_out"]),
        confidence=row["confidence"],
        miss_reason=row["miss_reason"],
        dangerous=bool(row["dangerous"]),
    )


def verdicts_to_json(verdicts: tuple[KeyPointVerdict, ...]) -> list[dict[str, Any]]:
    """Old fields always; the judge's details only when set, so old readers see old shapes."""
    items = []
    for v in verdicts:
        d: dict[str, Any] = {"text": v.text, "covered": v.covered, "matched": list(v.matched), "override": v.override}
        if v.status:
            d["status"] = v.status
        if v.via:
            d["via"] = list(v.via)
        if v.evidence is not None:
            d["evidence"] = list(v.evidence)
        if v.spans:
            d["spans"] = [list(s) for s in v.spans]
        items.append(d)
    return items


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return (value[0], value[1])
    return None


def verdicts_from_json(items: list[dict[str, Any]]) -> tuple[KeyPointVerdict, ...]:
    """Rows from before the judge (no status, via, evidence, spans) read with empty defaults."""
    return tuple(
        KeyPointVerdict(
            v["text"],
            bool(v["covered"]),
            tuple(v.get("matched", ())),
            v.get("override"),
            status=str(v.get("status", "")),
            via=tuple(str(x) for x in v.get("via", ())),
            evidence=_span(v.get("evidence")),
            spans=tuple(s for s in (_span(x) for x in v.get("spans", ())) if s is not None),
        )
        for v in items
    )


def interview_dict(rec: InterviewRecord) -> dict[str, Any]:
    return {
        "session_id": rec.session_id,
        "position": rec.position,
        "probe_index": rec.probe_index,
        "text": rec.text,
        "verdicts": verdicts_to_json(rec.verdicts),
        "metrics": rec.metrics,
        "answer_seconds_allowed": rec.answer_seconds_allowed,
        "time_used": rec.time_used,
    }


def interview_from_dict(d: dict[str, Any]) -> InterviewRecord:
    return InterviewRecord(
        session_id=d["session_id"],
        position=d["position"],
        probe_index=d["probe_index"],
        text=d["text"],
        verdicts=verdicts_from_json(d["verdicts"]),
        metrics=d.get("metrics", {}),
        answer_seconds_allowed=d.get("answer_seconds_allowed", 0),
        time_used=d.get("time_used", 0.0),
    )


def interview_params(rec: InterviewRecord) -> dict[str, Any]:
    d = interview_dict(rec)
    d["probe_index"] = MAIN_PROMPT if rec.probe_index is None else rec.probe_index
    d["verdicts"] = dumps(d["verdicts"])
    d["metrics"] = dumps(rec.metrics)
    d["covered"] = sum(1 for v in rec.verdicts if v.final)
    d["total"] = len(rec.verdicts)
    return d


def interview_from_row(row: sqlite3.Row) -> InterviewRecord:
    return InterviewRecord(
        session_id=row["session_id"],
        position=row["position"],
        probe_index=None if row["probe_index"] == MAIN_PROMPT else row["probe_index"],
        text=row["text"],
        verdicts=verdicts_from_json(json.loads(row["verdicts"])),
        metrics=json.loads(row["metrics"]),
        answer_seconds_allowed=row["answer_seconds_allowed"],
        time_used=row["time_used"],
    )


def draft_params(rec: DraftRecord) -> dict[str, Any]:
    return {
        "session_id": rec.session_id,
        "position": rec.position,
        "probe_index": MAIN_PROMPT if rec.probe_index is None else rec.probe_index,
        "text": rec.text,
        "think_used": rec.think_used,
        "phase_used": rec.phase_used,
        "saved_at": rec.saved_at,
    }


def draft_from_row(row: sqlite3.Row) -> DraftRecord:
    return DraftRecord(
        session_id=row["session_id"],
        position=row["position"],
        probe_index=None if row["probe_index"] == MAIN_PROMPT else row["probe_index"],
        text=row["text"],
        think_used=row["think_used"],
        phase_used=row["phase_used"],
        saved_at=row["saved_at"],
    )


NOTE_FIELDS = ("bank_id", "question_id", "content_hash", "text", "created_at", "session_id", "position")


def note_dict(rec: ItemNote) -> dict[str, Any]:
    return {name: getattr(rec, name) for name in NOTE_FIELDS}


def note_from_dict(d: dict[str, Any]) -> ItemNote:
    return ItemNote(**{name: d[name] for name in NOTE_FIELDS if name in d})


def note_from_row(row: sqlite3.Row) -> ItemNote:
    return ItemNote(**{name: row[name] for name in NOTE_FIELDS})
