"""The database schema and its numbered migrations (``PRAGMA user_version``).

A database is only ever created by running the migrations from version 0, so a fresh
database and one migrated from an old release go through the same code.

- v1: the first schema. Sessions keep their plan, banks and settings as JSON; answers are
  keyed by (session, position); interview answers carry the key-point verdicts as JSON.
  Its flaw: the interview key (session, position, probe_index) used NULL for the main
  prompt, and SQLite treats NULLs as distinct, so re-saving a main-prompt answer added rows.
- v2: answers get an integer id, a ``timed_out`` flag, a ``probe_index`` (-1 for
  the prompt itself; an interview probe may have its own answer row) and their local ``week``;
  tags are normalised into ``answer_tags``; summary tables kept by triggers (weekly_totals,
  tag_totals, item_totals, session_totals) make stats independent of the number of answers;
  sessions get ``plan_size``; a session's banks go to ``session_banks`` for ``--bank``;
  interview answers use ``probe_index = -1`` for the main prompt (duplicates from v1 are
  collapsed, latest wins) and carry covered/total key-point counts for the coverage trend;
  ``preferences`` is added; indexes for stats over 100,000 answers.
- v3: ``drafts`` keeps the interview answer being typed (one row per session: the
  prompt or probe, the text, the time used so far in that phase), so a crash loses at most
  the last two seconds of typing; a submitted answer deletes it in the same transaction.
  ``item_notes`` keeps the candidate's notes about a problem with an item (bank id +
  question id + content hash, and the session and position it was written in).
- v4: spaced repetition (``trainer.history.cards``). ``cards``: one per knowledge item
  answered and per key point of an interview prompt (bank id + question id + point id, ``""``
  for the item), with its FSRS state and due date; ``review_logs``: one per (card, answer), the
  rating and the content hash it was given under; ``scheduler_params``: the scheduler's
  parameters (one row). The step replays every stored answer, in time order, into card state.
- v5 (current): self-knowledge per answer, all additive columns on ``answers``:
  ``confidence`` (the probability 0..1 the candidate stated before the reveal, NULL when not
  asked), ``miss_reason`` (why a wrong answer was missed: ``knowledge`` | ``misread`` |
  ``reasoning`` | ``time``; NULL when not tagged) and ``dangerous`` (1 when the answer chose
  an option, or a value, the bank marks as dangerous). Old rows read as "not asked".
  Partial indexes keep the progress screen's calibration and miss figures off a full scan.

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

SCHEMA_VERSION = 5
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

# v2 keeps small summary tables in step with ``answers`` by triggers, so the progress screen
# reads a few thousand summary rows instead of scanning 100,000 answers. Each summary is
# either kept by exact integer increments (weekly_totals, tag_totals: time in milliseconds)
# or recomputed for the one key touched (item_totals, session_totals).
# ``week`` is the local Monday of the answer's week as days since 1970-01-01, computed when
# the answer is written (SQLite's 'localtime' here, ``codec.local_week`` in Python).

_LOCAL_DAY = "(CAST(strftime('%s', {t}, 'unixepoch', 'localtime') AS INTEGER) / 86400)"
_WEEK_SQL = f"({_LOCAL_DAY} - ({_LOCAL_DAY} + 3) % 7)"


def _item_refresh(p: str) -> str:
    key = f"bank_id = {p}.bank_id AND question_id = {p}.question_id AND content_hash = {p}.content_hash"
    latest = f"FROM answers AS x WHERE x.{key.replace(' AND ', ' AND x.')}"
    return f"""
    DELETE FROM item_totals WHERE {key};
    INSERT INTO item_totals (bank_id, question_id, content_hash, answers, attempts, misses,
                             last_answered_at, flagged, last_correct)
        SELECT bank_id, question_id, content_hash, count(*), count(correct),
               count(CASE WHEN correct = 0 THEN 1 END), max(answered_at),
               (SELECT flagged {latest} ORDER BY answered_at DESC, id DESC LIMIT 1),
               (SELECT correct {latest} AND x.correct IS NOT NULL ORDER BY answered_at DESC, id DESC LIMIT 1)
        FROM answers WHERE {key}
        GROUP BY bank_id, question_id, content_hash;"""


def _session_refresh(p: str) -> str:
    # DELETE + INSERT, not INSERT OR REPLACE: an outer statement's conflict clause would override it.
    return f"""
    DELETE FROM session_totals WHERE session_id = {p}.session_id;
    INSERT INTO session_totals (session_id, answered, correct, score_sum, time_spent)
        SELECT {p}.session_id, count(CASE WHEN probe_index = -1 THEN 1 END),
               count(CASE WHEN probe_index = -1 AND correct = 1 THEN 1 END),
               total(CASE WHEN probe_index = -1 THEN score END), total(time_spent)
        FROM answers WHERE session_id = {p}.session_id;"""


_ADD_WEEK = """
    INSERT INTO weekly_totals (week, bank_id, category, attempts, correct, time_ms)
        SELECT NEW.week, NEW.bank_id, NEW.category, 1, NEW.correct, CAST(round(NEW.time_spent * 1000) AS INTEGER)
        WHERE NEW.correct IS NOT NULL
        ON CONFLICT DO UPDATE SET attempts = attempts + 1, correct = correct + excluded.correct,
                                  time_ms = time_ms + excluded.time_ms;"""
_SUB_WEEK = """
    UPDATE weekly_totals SET attempts = attempts - 1, correct = correct - OLD.correct,
                             time_ms = time_ms - CAST(round(OLD.time_spent * 1000) AS INTEGER)
        WHERE OLD.correct IS NOT NULL AND week = OLD.week AND bank_id = OLD.bank_id AND category = OLD.category;"""

V2_SQL = f"""
DROP INDEX answers_item;
ALTER TABLE answers RENAME TO answers_v1;
CREATE TABLE answers (
    id            INTEGER PRIMARY KEY,
    session_id    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    probe_index   INTEGER NOT NULL DEFAULT -1,  -- interviews: -1 the prompt, 0.. its follow-up probes
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
    week          INTEGER NOT NULL,             -- local Monday, days since 1970-01-01
    UNIQUE (session_id, position, probe_index)
);
CREATE INDEX answers_category ON answers (category, answered_at, correct);
CREATE INDEX answers_bank ON answers (bank_id, answered_at, correct);
CREATE INDEX answers_item ON answers (bank_id, question_id, content_hash, answered_at);
CREATE INDEX answers_time ON answers (answered_at, correct);

CREATE TABLE weekly_totals (
    week      INTEGER NOT NULL,
    bank_id   TEXT NOT NULL,
    category  TEXT NOT NULL,
    attempts  INTEGER NOT NULL,
    correct   INTEGER NOT NULL,
    time_ms   INTEGER NOT NULL,
    PRIMARY KEY (week, bank_id, category)
) WITHOUT ROWID;
CREATE TABLE item_totals (
    bank_id          TEXT NOT NULL,
    question_id      TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    answers          INTEGER NOT NULL,
    attempts         INTEGER NOT NULL,
    misses           INTEGER NOT NULL,
    last_answered_at REAL NOT NULL,
    flagged          INTEGER NOT NULL,  -- in the latest answer
    last_correct     INTEGER,           -- of the latest scored answer
    PRIMARY KEY (bank_id, question_id, content_hash)
) WITHOUT ROWID;
CREATE TABLE session_totals (
    session_id TEXT PRIMARY KEY,
    answered   INTEGER NOT NULL,
    correct    INTEGER NOT NULL,
    score_sum  REAL NOT NULL,
    time_spent REAL NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER answers_insert AFTER INSERT ON answers BEGIN{_ADD_WEEK}{_item_refresh("NEW")}{_session_refresh("NEW")}
END;
CREATE TRIGGER answers_delete AFTER DELETE ON answers BEGIN{_SUB_WEEK}{_item_refresh("OLD")}{_session_refresh("OLD")}
END;
CREATE TRIGGER answers_update AFTER UPDATE ON answers BEGIN{_SUB_WEEK}{_ADD_WEEK}{_item_refresh("OLD")}{_item_refresh("NEW")}{_session_refresh("OLD")}{_session_refresh("NEW")}
END;

INSERT INTO answers (session_id, position, bank_id, question_id, content_hash, question_type,
                     category, difficulty, tags, response, correct, score, time_spent,
                     flagged, answered_at, week)
    SELECT session_id, position, bank_id, question_id, content_hash, question_type, category,
           difficulty, tags, response, correct, score, time_spent, flagged, answered_at,
           {_WEEK_SQL.format(t="answered_at")}
    FROM answers_v1 ORDER BY answered_at;
DROP TABLE answers_v1;

CREATE TABLE answer_tags (
    answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    correct   INTEGER,             -- copy of answers.correct, rewritten with the answer
    PRIMARY KEY (answer_id, tag)
) WITHOUT ROWID;
CREATE TABLE tag_totals (
    tag      TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL,
    correct  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER answer_tags_insert AFTER INSERT ON answer_tags WHEN NEW.correct IS NOT NULL BEGIN
    INSERT INTO tag_totals (tag, attempts, correct) VALUES (NEW.tag, 1, NEW.correct)
        ON CONFLICT (tag) DO UPDATE SET attempts = attempts + 1, correct = correct + excluded.correct;
END;
CREATE TRIGGER answer_tags_delete AFTER DELETE ON answer_tags WHEN OLD.correct IS NOT NULL BEGIN
    UPDATE tag_totals SET attempts = attempts - 1, correct = correct - OLD.correct WHERE tag = OLD.tag;
END;
INSERT OR IGNORE INTO answer_tags (answer_id, tag, correct)
    SELECT a.id, t.value, a.correct FROM answers AS a, json_each(a.tags) AS t
    WHERE t.type = 'text';

ALTER TABLE sessions ADD COLUMN plan_size INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET plan_size = json_array_length(plan);
CREATE INDEX sessions_started ON sessions (started_at);
CREATE TABLE session_banks (
    session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    bank_id      TEXT NOT NULL,
    bank_version TEXT NOT NULL,
    PRIMARY KEY (session_id, bank_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO session_banks (session_id, bank_id, bank_version)
    SELECT s.id, b.key, CAST(b.value AS TEXT) FROM sessions AS s, json_each(s.banks) AS b;
CREATE INDEX session_banks_bank ON session_banks (bank_id);

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

V3_SQL = """
CREATE TABLE drafts (
    session_id   TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    probe_index  INTEGER NOT NULL DEFAULT -1,  -- -1: the main prompt, 0..: follow-up probes
    text         TEXT NOT NULL,
    think_used   REAL NOT NULL,               -- seconds thought before answering this prompt
    phase_used   REAL NOT NULL,               -- seconds of this answer (or probe) phase used so far
    saved_at     REAL NOT NULL                -- unix seconds
) WITHOUT ROWID;
CREATE TABLE item_notes (
    id           INTEGER PRIMARY KEY,
    bank_id      TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    session_id   TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    position     INTEGER,
    text         TEXT NOT NULL,
    created_at   REAL NOT NULL,
    UNIQUE (bank_id, question_id, created_at, text)
);
CREATE INDEX item_notes_item ON item_notes (bank_id, question_id);
"""

V4_SQL = """
CREATE TABLE cards (
    id           INTEGER PRIMARY KEY,         -- the FSRS card id
    bank_id      TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    point        TEXT NOT NULL DEFAULT '',    -- '': the item itself; kp1, probe1.kp2...: a key point
    content_hash TEXT NOT NULL,               -- the version last reviewed
    state        INTEGER NOT NULL,            -- 1 learning, 2 review, 3 relearning
    step         INTEGER,
    stability    REAL,
    difficulty   REAL,
    due          REAL NOT NULL,               -- unix seconds
    last_review  REAL,
    reps         INTEGER NOT NULL DEFAULT 0,
    lapses       INTEGER NOT NULL DEFAULT 0,
    edited_at    REAL,                        -- first review of the current version, when it was edited
    UNIQUE (bank_id, question_id, point)
);
CREATE INDEX cards_due ON cards (due);
CREATE TABLE review_logs (
    id           INTEGER PRIMARY KEY,
    card_id      INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    answer_id    INTEGER REFERENCES answers(id) ON DELETE SET NULL,
    rating       INTEGER NOT NULL,            -- 1 again, 2 hard, 3 good, 4 easy
    reviewed_at  REAL NOT NULL,
    duration_ms  INTEGER,
    content_hash TEXT NOT NULL,
    UNIQUE (card_id, answer_id)
);
CREATE INDEX review_logs_card ON review_logs (card_id, reviewed_at);
CREATE TABLE scheduler_params (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    settings   TEXT NOT NULL,                 -- JSON: FSRS parameters, steps, maximum interval, fuzzing
    updated_at REAL NOT NULL
);
"""

V5_SQL = """
ALTER TABLE answers ADD COLUMN confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1);
ALTER TABLE answers ADD COLUMN miss_reason TEXT;
ALTER TABLE answers ADD COLUMN dangerous INTEGER NOT NULL DEFAULT 0;
CREATE INDEX answers_self ON answers (session_id)
    WHERE confidence IS NOT NULL OR miss_reason IS NOT NULL OR dangerous = 1;
CREATE INDEX answers_rated ON answers (answered_at, probe_index, confidence, correct)
    WHERE confidence IS NOT NULL AND correct IS NOT NULL;
CREATE INDEX answers_missed ON answers (category, miss_reason, probe_index, dangerous) WHERE correct = 0;
"""


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    _run(conn, f"PRAGMA application_id = {APPLICATION_ID};\n" + V1_SQL)


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    _run(conn, V2_SQL)


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    _run(conn, V3_SQL)


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    from trainer.history.cards import replay_history  # loads the scheduler: only when upgrading

    _run(conn, V4_SQL)
    replay_history(conn)


def _v4_to_v5(conn: sqlite3.Connection) -> None:
    _run(conn, V5_SQL)


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
    _v2_to_v3,
    _v3_to_v4,
    _v4_to_v5,
)
assert len(MIGRATIONS) == SCHEMA_VERSION


def user_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


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
