"""Build ``fixtures/history-v2.sqlite3``: a history database as schema v2 (release before drafts
and notes) wrote it.

Run once (``python -m tests.history.make_v2_fixture``); the file is committed, so the v3
migration test reads a real v2 file. The schema comes from the v1 and v2 migration steps,
which are never changed once released; the rows are written with plain SQL (not today's
store), through v2's triggers: a finished quiz and an unfinished interview with a probe.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from trainer.history import schema

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "history-v2.sqlite3"
T0 = 1_700_000_000.0


def _answer(
    conn: sqlite3.Connection,
    sid: str,
    pos: int,
    probe: int,
    bank: str,
    qid: str,
    qtype: str,
    category: str,
    tags: list[str],
    response: object,
    correct: int | None,
    score: float,
    spent: float,
    at: float,
) -> None:
    conn.execute(
        "INSERT INTO answers (session_id, position, probe_index, bank_id, question_id, content_hash, question_type,"
        " category, difficulty, tags, response, correct, score, time_spent, flagged, answered_at, timed_out, week)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2, ?, ?, ?, ?, ?, 0, ?, 0, ?)",
        (
            sid,
            pos,
            probe,
            bank,
            qid,
            f"h-{qid}",
            qtype,
            category,
            json.dumps(tags),
            json.dumps(response),
            correct,
            score,
            spent,
            at,
            int(at // 86400) - (int(at // 86400) + 3) % 7,
        ),
    )
    answer_id = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
    conn.executemany(
        "INSERT INTO answer_tags (answer_id, tag, correct) VALUES (?, ?, ?)",
        [(answer_id, tag, correct) for tag in tags],
    )


def build(path: Path) -> None:
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, path, target=2)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN")
    plan = [["core", f"q{i}", f"h-q{i}", ["a", "b", "c", "d"]] for i in range(3)]
    conn.execute(
        "INSERT INTO sessions (id, kind, mode, started_at, finished_at, abandoned, banks, settings, seed, plan,"
        " plan_size) VALUES (?, 'quiz', 'exam', ?, ?, 0, ?, ?, 7, ?, 3)",
        ("quiz2", T0, T0 + 300, json.dumps({"core": "1.0.0"}), json.dumps({"count": 3}), json.dumps(plan)),
    )
    conn.execute("INSERT INTO session_banks VALUES ('quiz2', 'core', '1.0.0')")
    for pos, correct in enumerate([1, 0]):
        _answer(
            conn,
            "quiz2",
            pos,
            -1,
            "core",
            f"q{pos}",
            "single",
            "pharm",
            ["opioids"],
            "a",
            correct,
            float(correct),
            30.0 + pos,
            T0 + 60 * (pos + 1),
        )
    iplan = [["interviews", "why-pain", "h-why-pain", []], ["interviews", "hard-case", "h-hard-case", []]]
    conn.execute(
        "INSERT INTO sessions (id, kind, mode, started_at, finished_at, abandoned, banks, settings, seed, plan,"
        " plan_size) VALUES (?, 'interview', 'interview', ?, NULL, 0, ?, ?, NULL, ?, 2)",
        ("intv2", T0 + 1000, json.dumps({"interviews": "0.3.0"}), json.dumps({"format": None}), json.dumps(iplan)),
    )
    conn.execute("INSERT INTO session_banks VALUES ('intv2', 'interviews', '0.3.0')")
    verdicts = [
        {"text": "patient story", "covered": True, "matched": ["patient"], "override": None},
        {"text": "long-term goal", "covered": False, "matched": [], "override": None},
    ]
    _answer(
        conn,
        "intv2",
        0,
        -1,
        "interviews",
        "why-pain",
        "open",
        "motivation",
        [],
        "my patient",
        None,
        0.5,
        95.0,
        T0 + 1100,
    )
    conn.execute(
        "INSERT INTO interview_answers VALUES ('intv2', 0, -1, 'my patient', ?, ?, 120, 80.0, 1, 2)",
        (json.dumps(verdicts), json.dumps({"words": 2, "think_seconds_used": 15.0})),
    )
    _answer(
        conn,
        "intv2",
        0,
        0,
        "interviews",
        "why-pain",
        "open",
        "motivation",
        [],
        "long hours",
        None,
        0.0,
        20.0,
        T0 + 1130,
    )
    conn.execute(
        "INSERT INTO interview_answers VALUES ('intv2', 0, 0, 'long hours', '[]', ?, 60, 20.0, 0, 0)",
        (json.dumps({"words": 2, "probe": "What is hard?"}),),
    )
    conn.execute("INSERT INTO preferences VALUES ('quiz_setup', ?)", (json.dumps({"count": 3}),))
    conn.execute("COMMIT")
    conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE)
