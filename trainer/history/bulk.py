"""Many answers in one transaction without the per-row summary triggers.

The summary triggers (``schema``) recompute a session's totals from all its answers on every
insert: right for one answer at a time, quadratic for an import (20,000 answers of one
session took 154 s). Inside one write transaction, ``deferred_summaries`` drops the answers'
triggers, lets the caller write, then recomputes the summaries once for every key touched
(before or after) and restores the triggers exactly as they were. DDL is transactional in
SQLite: another connection never sees the triggers missing, and a failure rolls it all back.

It applies only to the trigger set it knows; any other set (a later migration) falls back
to the triggers doing their work row by row, slower but never wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

KNOWN_TRIGGERS = frozenset({"answers_insert", "answers_delete", "answers_update"})


@contextmanager
def deferred_summaries(conn: sqlite3.Connection, session_ids: set[str]) -> Iterator[None]:
    """For writes of answers to ``session_ids`` only, inside an open write transaction."""
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'answers'"
    ).fetchall()
    if {name for name, _sql in triggers} != KNOWN_TRIGGERS:
        yield
        return
    before = _touched(conn, session_ids)
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    _refresh(conn, before | _touched(conn, session_ids), session_ids)
    for _name, sql in triggers:
        conn.execute(sql)


TouchedRow = tuple[str, str, str, str, str]  # week, bank_id, category, question_id, content_hash


def _touched(conn: sqlite3.Connection, session_ids: set[str]) -> set[TouchedRow]:
    found: set[TouchedRow] = set()
    for sid in session_ids:
        found.update(
            conn.execute(
                "SELECT DISTINCT week, bank_id, category, question_id, content_hash FROM answers WHERE session_id = ?",
                (sid,),
            )
        )
    return found


def _refresh(conn: sqlite3.Connection, keys: set[TouchedRow], session_ids: set[str]) -> None:
    weeks = {(w, b, c) for w, b, c, _q, _h in keys}
    items = {(b, q, h) for _w, b, _c, q, h in keys}
    for week, bank, category in weeks:
        conn.execute(
            "DELETE FROM weekly_totals WHERE week = ? AND bank_id = ? AND category = ?", (week, bank, category)
        )
        conn.execute(
            "INSERT INTO weekly_totals (week, bank_id, category, attempts, correct, time_ms)"
            " SELECT week, bank_id, category, count(*), sum(correct), sum(CAST(round(time_spent * 1000) AS INTEGER))"
            " FROM answers WHERE week = ? AND bank_id = ? AND category = ? AND correct IS NOT NULL"
            " GROUP BY week, bank_id, category",
            (week, bank, category),
        )
    latest = (
        "FROM answers AS x WHERE x.bank_id = a.bank_id AND x.question_id = a.question_id"
        " AND x.content_hash = a.content_hash"
    )
    for bank, question, digest in items:
        conn.execute(
            "DELETE FROM item_totals WHERE bank_id = ? AND question_id = ? AND content_hash = ?",
            (bank, question, digest),
        )
        conn.execute(
            "INSERT INTO item_totals (bank_id, question_id, content_hash, answers, attempts, misses,"
            " last_answered_at, flagged, last_correct)"
            " SELECT bank_id, question_id, content_hash, count(*), count(correct),"
            " count(CASE WHEN correct = 0 THEN 1 END), max(answered_at),"
            f" (SELECT flagged {latest} ORDER BY answered_at DESC, id DESC LIMIT 1),"
            f" (SELECT correct {latest} AND x.correct IS NOT NULL ORDER BY answered_at DESC, id DESC LIMIT 1)"
            " FROM answers AS a WHERE bank_id = ? AND question_id = ? AND content_hash = ?"
            " GROUP BY bank_id, question_id, content_hash",
            (bank, question, digest),
        )
    for sid in session_ids:
        conn.execute("DELETE FROM session_totals WHERE session_id = ?", (sid,))
        conn.execute(
            "INSERT INTO session_totals (session_id, answered, correct, score_sum, time_spent)"
            " SELECT ?, count(CASE WHEN probe_index = -1 THEN 1 END),"
            " count(CASE WHEN probe_index = -1 AND correct = 1 THEN 1 END),"
            " total(CASE WHEN probe_index = -1 THEN score END), total(time_spent)"
            " FROM answers WHERE session_id = ? HAVING count(*) > 0",
            (sid, sid),
        )
