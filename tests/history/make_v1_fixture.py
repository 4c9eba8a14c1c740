"""Build ``fixtures/history-v1.sqlite3``: a history database exactly as schema v1 wrote it.

Run once (``python -m tests.history.make_v1_fixture``); the file is committed so the
migration test reads a real v1 file, not one rebuilt by today's code. It holds a finished
quiz, an unfinished interview whose main prompt was saved twice (the v1 NULL-key flaw: two
rows), and tags and banks as JSON only.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "history-v1.sqlite3"

# Frozen copy of trainer.history.schema.V1_SQL as released (v1 shipped without timed_out).
V1_SQL = """
PRAGMA application_id = 1347700785;  -- 0x50544831 "PTH1"
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    mode        TEXT NOT NULL,
    started_at  REAL NOT NULL,
    finished_at REAL,
    abandoned   INTEGER NOT NULL DEFAULT 0,
    banks       TEXT NOT NULL,
    settings    TEXT NOT NULL,
    seed        INTEGER,
    plan        TEXT NOT NULL
);
CREATE TABLE answers (
    session_id    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    bank_id       TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    question_type TEXT NOT NULL,
    category      TEXT NOT NULL,
    difficulty    INTEGER NOT NULL,
    tags          TEXT NOT NULL,
    response      TEXT,
    correct       INTEGER,
    score         REAL NOT NULL,
    time_spent    REAL NOT NULL,
    flagged       INTEGER NOT NULL,
    answered_at   REAL NOT NULL,
    PRIMARY KEY (session_id, position)
);
CREATE INDEX answers_item ON answers (bank_id, question_id);
CREATE TABLE interview_answers (
    session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    probe_index  INTEGER,
    text         TEXT NOT NULL,
    verdicts     TEXT NOT NULL,
    metrics      TEXT NOT NULL,
    answer_seconds_allowed INTEGER NOT NULL,
    time_used    REAL NOT NULL,
    UNIQUE (session_id, position, probe_index)
);
PRAGMA user_version = 1;
"""

T0 = 1_700_000_000.0


def build(path: Path) -> None:
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL)
    plan = [["core", f"q{i}", f"h-q{i}", ["a", "b", "c", "d"]] for i in range(3)]
    conn.execute(
        "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "quiz1",
            "quiz",
            "tutor",
            T0,
            T0 + 300,
            0,
            json.dumps({"core": "1.0.0"}),
            json.dumps({"count": 3}),
            7,
            json.dumps(plan),
        ),
    )
    for pos, (correct, tags) in enumerate([(1, ["opioids", "pharm"]), (0, ["opioids"]), (1, [])]):
        conn.execute(
            "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                "quiz1",
                pos,
                "core",
                f"q{pos}",
                f"h-q{pos}",
                "single",
                "pharm",
                2,
                json.dumps(tags),
                json.dumps("a"),
                correct,
                float(correct),
                20.0 + pos,
                0,
                T0 + 60 * (pos + 1),
            ),
        )
    iplan = [["interviews", "why-pain", "h-why", []], ["interviews", "hard-case", "h-case", []]]
    conn.execute(
        "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "intv1",
            "interview",
            "interview",
            T0 + 1000,
            None,
            0,
            json.dumps({"interviews": "0.3.0"}),
            json.dumps({"format": "standard"}),
            None,
            json.dumps(iplan),
        ),
    )
    conn.execute(
        "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "intv1",
            0,
            "interviews",
            "why-pain",
            "h-why",
            "open",
            "motivation",
            1,
            "[]",
            json.dumps("first draft"),
            None,
            0.5,
            90.0,
            0,
            T0 + 1100,
        ),
    )
    verdicts_old = [
        {"text": "patient story", "covered": False, "matched": [], "override": None},
        {"text": "long-term goal", "covered": True, "matched": ["goal"], "override": None},
    ]
    verdicts_new = [
        {"text": "patient story", "covered": False, "matched": [], "override": True},
        {"text": "long-term goal", "covered": True, "matched": ["goal"], "override": None},
        {"text": "why this program", "covered": False, "matched": [], "override": None},
    ]
    for text, verdicts in (("first draft", verdicts_old), ("final answer", verdicts_new)):
        conn.execute(
            "INSERT INTO interview_answers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ("intv1", 0, None, text, json.dumps(verdicts), json.dumps({"words": 2}), 120, 80.0),
        )
    conn.execute(
        "INSERT INTO interview_answers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ("intv1", 0, 0, "probe answer", json.dumps(verdicts_old[:1]), "{}", 60, 30.0),
    )
    conn.commit()
    conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE)
