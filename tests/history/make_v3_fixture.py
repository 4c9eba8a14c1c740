"""Build ``fixtures/history-v3.sqlite3``: a long-time user's history as schema v3 (the release
before spaced repetition) wrote it.

Run once (``python -m tests.history.make_v3_fixture``); the file is committed, so the v4
migration test reads a real v3 file. The schema comes from the v1-v3 migration steps (never
changed once released); the rows are plain SQL through v3's triggers: four quiz sessions over
three weeks (one item right every time, one missed twice, one edited between two answers, one
exam answer never scored) and an interview with key-point verdicts, one overridden.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from trainer.history import schema

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "history-v3.sqlite3"
T0 = 1_767_254_400.0  # 2026-01-01 08:00 UTC
DAY = 86400.0

# (day, [(question id, content hash, correct)])
QUIZZES = (
    (0, [("q0", "h-q0", 1), ("q1", "h-q1", 0), ("q2", "h-q2", 1)]),
    (1, [("q0", "h-q0", 1), ("q1", "h-q1", 1)]),
    (5, [("q0", "h-q0", 1), ("q1", "h-q1", 0), ("q2", "h-q2-edited", 0)]),
    (20, [("q0", "h-q0", 1), ("q3", "h-q3", None)]),  # q3: an exam answer left unscored
)


def _answer(conn, sid, pos, probe, qid, content_hash, qtype, correct, at, response="a") -> int:
    conn.execute(
        "INSERT INTO answers (session_id, position, probe_index, bank_id, question_id, content_hash, question_type,"
        " category, difficulty, tags, response, correct, score, time_spent, flagged, answered_at, timed_out, week)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'pharm', 2, '[]', ?, ?, ?, 30.0, 0, ?, 0, ?)",
        (
            sid,
            pos,
            probe,
            "core" if qtype != "open" else "interviews",
            qid,
            content_hash,
            qtype,
            json.dumps(response),
            correct,
            float(correct or 0),
            at,
            int(at // 86400) - (int(at // 86400) + 3) % 7,
        ),
    )
    answer_id: int = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
    return answer_id


def _session(conn, sid, kind, mode, at, plan, finished=True) -> None:
    conn.execute(
        "INSERT INTO sessions (id, kind, mode, started_at, finished_at, abandoned, banks, settings, seed, plan,"
        " plan_size) VALUES (?, ?, ?, ?, ?, 0, ?, '{}', 1, ?, ?)",
        (
            sid,
            kind,
            mode,
            at,
            at + 600 if finished else None,
            json.dumps({"core": "1.0.0"}),
            json.dumps(plan),
            len(plan),
        ),
    )


def build(path: Path) -> None:
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, path, target=3)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN")
    for n, (day, answers) in enumerate(QUIZZES):
        sid, at = f"quiz{n}", T0 + day * DAY
        _session(conn, sid, "quiz", "tutor", at, [["core", q, h, ["a", "b"]] for q, h, _ in answers])
        for pos, (qid, content_hash, correct) in enumerate(answers):
            _answer(conn, sid, pos, -1, qid, content_hash, "single", correct, at + 60 * (pos + 1))
    at = T0 + 3 * DAY
    _session(conn, "intv0", "interview", "interview", at, [["interviews", "why-pain", "h-why", []]])
    _answer(conn, "intv0", 0, -1, "why-pain", "h-why", "open", None, at + 100, "my patient")
    verdicts = [
        {"text": "patient story", "covered": True, "matched": ["patient"], "override": None},
        {"text": "long-term goal", "covered": False, "matched": [], "override": None},
        {"text": "team work", "covered": False, "matched": [], "override": True},  # the candidate's override
    ]
    conn.execute(
        "INSERT INTO interview_answers VALUES ('intv0', 0, -1, 'my patient', ?, '{}', 120, 80.0, 2, 3)",
        (json.dumps(verdicts),),
    )
    conn.execute(
        "INSERT INTO item_notes (bank_id, question_id, content_hash, session_id, position, text, created_at)"
        " VALUES ('core', 'q1', 'h-q1', 'quiz0', 1, 'option b is arguable', ?)",
        (T0 + 100,),
    )
    conn.execute("INSERT INTO preferences VALUES ('quiz_setup', ?)", (json.dumps({"count": 3}),))
    conn.execute("COMMIT")
    conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE)
