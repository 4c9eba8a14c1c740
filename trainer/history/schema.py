"""The database schema and its numbered migrations (``PRAGMA user_version``).

A database is only ever created by running the migrations from version 0, so a fresh
database and one migrated from an old release go through the same code.

- v1: the first schema. Sessions keep their plan, banks and settings as JSON; answers are
  keyed by (session, position); interview answers carry the key-point verdicts as JSON.
  Its flaw: the interview key (session, position, probe_index) used NULL for the main
  prompt, and SQLite treats NULLs as distinct, so re-saving a main-prompt answer added rows.
- v2 (current): answers get an integer id, a ``timed_out`` flag and a ``probe_index``
  (-1 for the prompt itself; an interview probe may have its own answer row); their tags are
  normalised into ``answer_tags`` (with ``correct`` copied, so weak areas by tag are an
  index-only scan); a session's banks go to ``session_banks`` for the ``--bank`` filter;
  interview answers use ``probe_index = -1`` for the main prompt (duplicates from v1 are
  collapsed, latest wins) and carry covered/total key-point counts for the coverage trend;
  ``preferences`` is added; indexes for stats over 100,000 answers.

``migrate`` copies the database file (SQLite's online backup, so the WAL is included)
to ``history.sqlite3.bak-v<old>-<timestamp>`` before changing anything, then runs each step
in its own transaction. A database whose version is newer than ``SCHEMA_VERSION`` is
refused and left untouched.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from trainer.history.errors import HistoryError, NewerSchemaError

SCHEMA_VERSION = 2
APPLICATION_ID = 0x50544831  # "PTH1": marks the file as a pain-trainer history database

V1_SQL = """
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    mode        TEXT NOT NULL,
    started_at  REAL NOT NULL,
    finished_at REAL,
    abandoned   INTEGER NOT NULL DEFAULT 0,
    banks       TEXT NOT NULL,     -- JSON {bank id: version}
    settings    TEXT NOT NULL,     -- JSON
    seed        INTEGER,
    plan        TEXT NOT NULL      -- JSON [[bank id, question id, content hash, [option ids]], ...]
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
    tags          TEXT NOT NULL,   -- JSON list
    response      TEXT,            -- JSON
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
    probe_index  INTEGER,          -- NULL: the main prompt
    text         TEXT NOT NULL,
    verdicts     TEXT NOT NULL,    -- JSON [{text, covered, matched, override}]
    metrics      TEXT NOT NULL,    -- JSON
    answer_seconds_allowed INTEGER NOT NULL,
    time_used    REAL NOT NULL,
    UNIQUE (session_id, position, probe_index)
);
"""

V2_SQL = """
CREATE TABLE answers_v2 (
    id            INTEGER PRIMARY KEY,
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
    timed_out     INTEGER NOT NULL DEFAULT 0,
    probe_index   INTEGER NOT NULL DEFAULT -1,  -- interviews: -1 the prompt, 0.. its follow-up probes
    UNIQUE (session_id, position, probe_index)
);
INSERT INTO answers_v2 (session_id, position, bank_id, question_id, content_hash, question_type,
                        category, difficulty, tags, response, correct, score, time_spent,
                        flagged, answered_at)
    SELECT session_id, position, bank_id, question_id, content_hash, question_type, category,
           difficulty, tags, response, correct, score, time_spent, flagged, answered_at
    FROM answers ORDER BY answered_at;
DROP TABLE answers;
ALTER TABLE answers_v2 RENAME TO answers;
CREATE INDEX answers_category ON answers (category, answered_at, correct, time_spent);
CREATE INDEX answers_bank ON answers (bank_id, answered_at, correct, time_spent);
CREATE INDEX answers_item ON answers (bank_id, question_id, content_hash, answered_at, correct, flagged);
CREATE INDEX answers_time ON answers (answered_at);

CREATE TABLE answer_tags (
    answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    correct   INTEGER,             -- copy of answers.correct, kept in step on every write
    PRIMARY KEY (answer_id, tag)
) WITHOUT ROWID;
INSERT OR IGNORE INTO answer_tags (answer_id, tag, correct)
    SELECT a.id, t.value, a.correct FROM answers AS a, json_each(a.tags) AS t
    WHERE t.type = 'text';
CREATE INDEX answer_tags_tag ON answer_tags (tag, correct);

CREATE TABLE session_banks (
    session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    bank_id      TEXT NOT NULL,
    bank_version TEXT NOT NULL,
    PRIMARY KEY (session_id, bank_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO session_banks (session_id, bank_id, bank_version)
    SELECT s.id, b.key, CAST(b.value AS TEXT) FROM sessions AS s, json_each(s.banks) AS b;
CREATE INDEX session_banks_bank ON session_banks (bank_id);
CREATE INDEX sessions_started ON sessions (started_at);

CREATE TABLE interview_v2 (
    session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    probe_index  INTEGER NOT NULL DEFAULT -1,  -- -1: the main prompt, 0..: follow-up probes
    text         TEXT NOT NULL,
    verdicts     TEXT NOT NULL,
    metrics      TEXT NOT NULL,
    answer_seconds_allowed INTEGER NOT NULL,
    time_used    REAL NOT NULL,
    covered      INTEGER NOT NULL,  -- key points covered after the candidate's overrides
    total        INTEGER NOT NULL,  -- key points judged
    PRIMARY KEY (session_id, position, probe_index)
);
INSERT INTO interview_v2
    SELECT session_id, position, coalesce(probe_index, -1), text, verdicts, metrics,
           answer_seconds_allowed, time_used,
           (SELECT count(*) FROM json_each(i.verdicts) AS v
             WHERE coalesce(json_extract(v.value, '$.override'), json_extract(v.value, '$.covered'))),
           json_array_length(i.verdicts)
    FROM interview_answers AS i
    WHERE i.rowid IN (SELECT max(rowid) FROM interview_answers
                      GROUP BY session_id, position, coalesce(probe_index, -1));
DROP TABLE interview_answers;
ALTER TABLE interview_v2 RENAME TO interview_answers;

CREATE TABLE preferences (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL              -- JSON
);
"""


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    _run(conn, f"PRAGMA application_id = {APPLICATION_ID};\n" + V1_SQL)


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    _run(conn, V2_SQL)


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Run a script statement by statement inside the caller's transaction
    (``executescript`` would COMMIT first)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


# MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v0_to_v1,
    _v1_to_v2,
)
assert len(MIGRATIONS) == SCHEMA_VERSION


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_not_newer(version: int, path: Path) -> None:
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer pain-trainer (history schema {version}; this version "
            f"knows up to {SCHEMA_VERSION}); upgrade pain-trainer or use another --data-dir"
        )


def migrate(
    conn: sqlite3.Connection,
    path: Path,
    target: int = SCHEMA_VERSION,
    clock: Callable[[], float] = time.time,
) -> Path | None:
    """Bring the database to ``target``; return the backup taken first (None when new or current).

    Each step runs under ``BEGIN IMMEDIATE`` and re-reads the version inside it, so two
    programs opening an old database at once migrate it once.
    """
    version = user_version(conn)
    check_not_newer(version, path)
    if version >= target:
        return None
    backup = None
    if version > 0:
        backup = _backup(conn, path, version, clock)
    conn.execute("PRAGMA foreign_keys = OFF")  # table rebuilds; checked before each commit
    try:
        while True:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = user_version(conn)
                check_not_newer(version, path)
                if version >= target:
                    conn.execute("ROLLBACK")
                    break
                MIGRATIONS[version](conn)
                if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise HistoryError(f"{path}: migration to schema {version + 1} broke a reference")
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
    except sqlite3.Error as exc:
        where = f"; the copy taken before is {backup}" if backup else ""
        raise HistoryError(f"{path}: could not upgrade the history database: {exc}{where}") from None
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return backup


def _backup(conn: sqlite3.Connection, path: Path, version: int, clock: Callable[[], float]) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(clock()))
    target = unused_name(path.with_name(f"{path.name}.bak-v{version}-{stamp}"))
    try:
        with sqlite3.connect(target) as copy:
            conn.backup(copy)
        copy.close()
    except (sqlite3.Error, OSError) as exc:
        raise HistoryError(f"{path}: could not take a backup before upgrading ({exc}); nothing was changed") from None
    return target


def unused_name(path: Path) -> Path:
    """``path`` itself, or ``path-1``, ``path-2``...: never an existing name."""
    candidate, n = path, 0
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
