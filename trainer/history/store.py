"""The history store: every answer written through to SQLite the moment it is given.

How the app uses it::

    store = Store.open(data_root)          # HistoryError: tell the user, run without history
    if store.notice: show(store.notice)    # a damaged file was moved aside (or a backup made)
    if (resume := store.unfinished_session()):
        session, answers, interviews = resume   # offer to resume, or store.discard_session(id)
    store.start_session(session_record)
    store.record_answer(answer)                    # each call: one committed transaction
    store.save_answer(answer)                      # the same, but kept and retried if it cannot commit now
    store.record_answer(answer, interview_record)  # open questions and their probes
    store.finish_session(session_id, finished_at)  # or abandoned=True when the user quits it
    store.missed_items() / flagged_items() / seen_items() / due_count()  # review selection
    store.get_preferences() / store.set_preferences({...})               # quiz setup choices
    store.review_count(until) / store.due_cards(until) / store.card_table()  # spaced repetition
    store.stats() -> Stats; store.sessions(...) -> list[SessionSummary]
    store.save_draft(draft) / store.draft(session_id)   # the interview answer being typed
    store.add_note(note) / store.notes()                # problems with an item, for its authors
    store.find_session(prefix) / store.load_session(id) / store.prompt_attempts(bank, question)
    store.tag_miss(session, position, reason) / store.latest_misses() / store.self_knowledge()
    store.close()

Write-through: ``start_session``, ``record_answer``, ``finish_session``, ``discard_session``
and ``set_preferences`` each run as one ``BEGIN IMMEDIATE ... COMMIT``. When the call returns,
the data is on disk (WAL, ``synchronous=FULL``); if it raises ``HistoryError`` ("answer not
saved: ..."), that transaction was rolled back and everything saved before is intact.
Two programs on one database wait for each other (busy timeout) instead of failing.

Drafts: ``save_draft`` keeps one row per session, the interview answer being typed (the app
saves it at most every 2 s while typing and at each phase change); ``record_answer`` deletes
the draft of the answer it saves in the same transaction, so a draft never outlives its answer.

Answers are upserted by (session, position, probe_index): exam mode may change an answer;
the latest call wins. Interview records are upserted by (session, position, probe_index).
An interview probe may be recorded as its own ``AnswerRecord`` (``probe_index`` 0..) or only
as an ``InterviewRecord`` attached to the prompt's answer; both are kept.

Resume policy: ``unfinished_session`` returns the latest session neither finished nor
abandoned, with its plan (same questions, same order, same option order) and the answers
saved so far. The store keeps each answer's measured ``time_spent``; the practice layer
resumes at the first position without an answer, restarts that item's own timer, and
charges a whole-session time limit with the sum of the saved ``time_spent`` (time while
the program was closed is not counted against the candidate).

Edited questions (``content_hash``): per-item lists (missed, flagged, seen, due, missed most
often) count only the answers to an item's *current* version: the hash passed in
``current`` (bank id, question id -> hash) when the caller knows it, else the hash of the
item's most recent answer. An edited question thus starts fresh in review. Aggregates
(per category, per bank, per week, weak areas) count every answer ever given.

Cards: ``record_answer`` also reviews the answer's spaced-repetition cards (a scored knowledge
answer its item's card, an interview record one card per key point) in the same transaction
(``trainer.history.cards``); the scheduler, and fsrs, load with the first review.

Speed: stats, review sets and the session list read summary tables that triggers keep in
step with the answers (see ``schema``): about 20 ms for ``stats()`` over 100,000 answers
(``python -m benchmarks.run --only stats``). Opening runs ``PRAGMA quick_check`` (~80 ms there).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from trainer.history import cards, codec
from trainer.history.db import open_database
from trainer.history.errors import HistoryError
from trainer.history.items import ItemKey, item_states
from trainer.history.records import AnswerRecord, DraftRecord, InterviewRecord, ItemNote, SessionRecord
from trainer.study.prefs import RETENTION

if TYPE_CHECKING:
    from trainer.history.listing import PromptAttempt, SessionSummary
    from trainer.history.outbox import Outbox
    from trainer.history.selfknowledge import SelfKnowledge
    from trainer.history.stats import Stats

T = TypeVar("T")
ANSWER_BUSY_WAIT_S = 10.0  # an answer waits this long for another writer, then is kept and retried


def _is_lost_session(error: HistoryError) -> bool:
    return "no session" in str(error)  # a programming error, not a passing condition: not retried


class Resume(NamedTuple):
    """An unfinished session as saved: unpack as ``session, answers, interviews``."""

    session: SessionRecord
    answers: list[AnswerRecord]
    interviews: list[InterviewRecord]


class Store:
    """One open history database. Safe to share between threads (calls are serialised)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notice: str | None = None, backup: Path | None = None):
        conn.row_factory = sqlite3.Row
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.backup = backup  # the copy taken before a schema upgrade at this open, if any
        self.notice = notice  # one line for the user, e.g. where a damaged file was moved
        self._outbox: Outbox | None = None  # answers kept until they can be committed (``save_answer``)
        self._scheduler = self._new_scheduler()  # made (and fsrs imported) at the first review

    def _new_scheduler(self) -> cards.LazyScheduler:
        return cards.LazyScheduler(lambda: cards.load_scheduler(self._conn))

    @classmethod
    def open(cls, data_root: Path, clock: Callable[[], float] = time.time) -> Store:
        """Open (creating, repairing or upgrading) ``<data_root>/history.sqlite3``."""
        from trainer.history.outbox import Outbox

        result = open_database(Path(data_root), clock)
        store = cls(result.conn, result.path, result.notice, result.backup)
        store._outbox = outbox = Outbox(Path(data_root), store.record_answer)
        outbox.adopt_orphans()  # answers a killed program could not commit
        store.retry_pending()
        return store

    def close(self) -> None:
        with self._lock:
            if self._outbox is not None:
                self._outbox.close()  # what is still pending stays in its file for the next start
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ---------------------------------------------------------------

    def _write(self, what: str, action: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``action`` as one committed transaction, or raise ``HistoryError``."""
        with self.transaction(what) as conn:
            return action(conn)

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one consistent state of the database."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN")
                try:
                    yield conn
                finally:
                    _rollback(conn)
            except sqlite3.Error as exc:
                raise HistoryError(f"cannot read the history: {_plain(exc)}") from None

    # --- write-through --------------------------------------------------------------

    def start_session(self, session: SessionRecord) -> None:
        """Save a new session with its plan. Starting an id that already exists does nothing."""

        def action(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "INSERT INTO sessions (id, kind, mode, started_at, banks, settings, seed, plan, plan_size)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (
                    session.session_id,
                    session.kind,
                    session.mode,
                    session.started_at,
                    codec.dumps(dict(session.banks)),
                    codec.dumps(session.settings),
                    session.seed,
                    codec.dumps(codec.plan_to_json(session.plan)),
                    len(session.plan),
                ),
            )
            if cur.rowcount:
                conn.executemany(
                    "INSERT OR IGNORE INTO session_banks (session_id, bank_id, bank_version) VALUES (?, ?, ?)",
                    [(session.session_id, bank, str(version)) for bank, version in session.banks.items()],
                )

        self._write("session", action)

    def record_answer(self, answer: AnswerRecord, interview: InterviewRecord | None = None) -> None:
        """Save (or replace) the answer at its position, with its interview analysis if any."""
        if interview is not None and (interview.session_id, interview.position) != (answer.session_id, answer.position):
            raise ValueError("the interview record belongs to another answer")

        def action(conn: sqlite3.Connection) -> None:
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (answer.session_id,)).fetchone() is None:
                raise HistoryError(f"answer not saved: no session {answer.session_id!r} (start it first)")
            upsert_answer(conn, answer)
            if interview is not None:
                upsert_interview(conn, interview)
            cards.record_reviews(conn, answer, interview, self._scheduler)  # the cards, in the same transaction
            conn.execute(  # the draft of this very answer is now the answer itself
                "DELETE FROM drafts WHERE session_id = ? AND position = ? AND probe_index = ?",
                (
                    answer.session_id,
                    answer.position,
                    codec.MAIN_PROMPT if answer.probe_index is None else answer.probe_index,
                ),
            )

        self._write("answer", action)

    def save_answer(self, answer: AnswerRecord, interview: InterviewRecord | None = None) -> None:
        """``record_answer`` that never loses the answer: answers kept before go first; if this
        one cannot be committed now (another program holds the lock, the disk is full) it is
        kept in memory and in a side file and committed by a later write, ``retry_pending``
        or the next start. Raises ``HistoryError`` (the answer kept) so the user is told."""
        if self._outbox is None:
            self.record_answer(answer, interview)
            return
        try:
            with self._busy_wait(ANSWER_BUSY_WAIT_S):
                self._outbox.flush()
                self.record_answer(answer, interview)
        except HistoryError as exc:
            if not _is_lost_session(exc):
                self._outbox.keep(answer, interview)
            raise

    def retry_pending(self) -> int:
        """Commit the answers kept so far; how many were saved (0 when none or still failing)."""
        if self._outbox is None or not len(self._outbox):
            return 0
        try:
            with self._busy_wait(ANSWER_BUSY_WAIT_S):
                return self._flush_dropping_lost()
        except HistoryError:
            return 0

    @property
    def pending_answers(self) -> int:
        return 0 if self._outbox is None else len(self._outbox)

    def _flush_dropping_lost(self) -> int:
        outbox = self._outbox
        if outbox is None:
            return 0
        saved = 0
        while True:
            try:
                return saved + outbox.flush()
            except HistoryError as exc:
                if not _is_lost_session(exc):
                    raise
                outbox.items.pop(0)  # its session is gone: nothing could ever take it

    @contextmanager
    def _busy_wait(self, seconds: float) -> Iterator[None]:
        """Wait at most ``seconds`` for another writer (the UI must not freeze for 15 s)."""
        from trainer.history.db import BUSY_TIMEOUT_S

        with self._lock:
            self._conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
            try:
                yield
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

    def finish_session(self, session_id: str, finished_at: float, abandoned: bool = False) -> None:
        """Mark the session finished (``abandoned``: the candidate quit it on purpose)."""
        self._write(
            "session end",
            lambda conn: conn.execute(
                "UPDATE sessions SET finished_at = ?, abandoned = ? WHERE id = ?",
                (finished_at, int(abandoned), session_id),
            ),
        )

    def discard_session(self, session_id: str) -> None:
        """Do not offer this session for resuming again; its answers stay in the history."""
        self._write(
            "session", lambda conn: conn.execute("UPDATE sessions SET abandoned = 1 WHERE id = ?", (session_id,))
        )

    # --- drafts and notes -------------------------------------------------------------

    def save_draft(self, draft: DraftRecord) -> None:
        """Keep the answer being typed (one per session; the latest replaces the one before)."""
        params = codec.draft_params(draft)
        names = list(params)
        updates = ", ".join(f"{c} = excluded.{c}" for c in names if c != "session_id")
        self._write(
            "draft",
            lambda conn: conn.execute(
                f"INSERT INTO drafts ({', '.join(names)}) VALUES ({', '.join(':' + c for c in names)})"
                f" ON CONFLICT (session_id) DO UPDATE SET {updates}",
                params,
            ),
        )

    def draft(self, session_id: str) -> DraftRecord | None:
        """The answer that was being typed in this session when it was last saved, if any."""
        with self._snapshot() as conn:
            row = conn.execute("SELECT * FROM drafts WHERE session_id = ?", (session_id,)).fetchone()
        return None if row is None else codec.draft_from_row(row)

    def clear_draft(self, session_id: str) -> None:
        self._write("draft", lambda conn: conn.execute("DELETE FROM drafts WHERE session_id = ?", (session_id,)))

    def add_note(self, note: ItemNote) -> None:
        """Save a note about an item (the same note written twice at the same moment is kept once)."""
        self._write("note", lambda conn: insert_note(conn, note))

    def notes(self, session_id: str | None = None, item: ItemKey | None = None) -> list[ItemNote]:
        """Notes, oldest first (only those written in ``session_id``, or about ``item``, when given)."""
        params: tuple[str, ...]
        where, params = "", ()
        if session_id is not None:
            where, params = "WHERE session_id = ?", (session_id,)
        elif item is not None:
            where, params = "WHERE bank_id = ? AND question_id = ?", tuple(item)
        with self._snapshot() as conn:
            return [
                codec.note_from_row(r)
                for r in conn.execute(f"SELECT * FROM item_notes {where} ORDER BY created_at, id", params)
            ]

    # --- self-knowledge ---------------------------------------------------------------

    def tag_miss(self, session_id: str, position: int, reason: str | None) -> bool:
        """Say why the wrong answer at ``position`` was missed (exam review); True if one was there."""
        return self._write(
            "miss reason",
            lambda conn: bool(
                conn.execute(
                    "UPDATE answers SET miss_reason = ? WHERE session_id = ? AND position = ? AND probe_index = ?"
                    " AND correct = 0",
                    (reason, session_id, position, codec.MAIN_PROMPT),
                ).rowcount
            ),
        )

    def miss_reason(self, session_id: str, position: int) -> str | None:
        with self._snapshot() as conn:
            row = conn.execute(
                "SELECT miss_reason FROM answers WHERE session_id = ? AND position = ? AND probe_index = ?",
                (session_id, position, codec.MAIN_PROMPT),
            ).fetchone()
        return None if row is None else row[0]

    def latest_misses(self, current: Mapping[ItemKey, str] | None = None) -> dict[ItemKey, AnswerRecord]:
        """The latest scored answer of each missed item (current version): what review orders by."""
        with self._snapshot() as conn:
            states = {k: s for k, s in item_states(conn, current).items() if s.last_correct is False}
            found: dict[ItemKey, AnswerRecord] = {}
            for key, state in states.items():
                row = conn.execute(
                    "SELECT * FROM answers WHERE bank_id = ? AND question_id = ? AND content_hash = ?"
                    " AND correct IS NOT NULL ORDER BY answered_at DESC, id DESC LIMIT 1",
                    (key[0], key[1], state.content_hash),
                ).fetchone()
                if row is not None:
                    found[key] = codec.answer_from_row(row)
        return found

    def self_knowledge(self, top: int = 20) -> SelfKnowledge:
        """Confidence against outcome, misses by reason and category, dangerous errors."""
        from trainer.history.selfknowledge import read_self_knowledge

        with self._snapshot() as conn:
            return read_self_knowledge(conn, top)

    # --- resume ---------------------------------------------------------------------

    def unfinished_session(self) -> Resume | None:
        """The latest session neither finished nor abandoned, ready to resume; else None."""
        with self._snapshot() as conn:
            row = conn.execute(
                "SELECT id FROM sessions WHERE finished_at IS NULL AND abandoned = 0"
                " ORDER BY started_at DESC, rowid DESC LIMIT 1"
            ).fetchone()
        return None if row is None else self.load_session(row["id"])

    def load_session(self, session_id: str) -> Resume | None:
        """A saved session with its answers (by position) and interview records."""
        with self._snapshot() as conn:
            row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                return None
            answers = [
                codec.answer_from_row(r)
                for r in conn.execute(
                    "SELECT * FROM answers WHERE session_id = ? ORDER BY position, probe_index", (session_id,)
                )
            ]
            interviews = [
                codec.interview_from_row(r)
                for r in conn.execute(
                    "SELECT * FROM interview_answers WHERE session_id = ? ORDER BY position, probe_index", (session_id,)
                )
            ]
        return Resume(codec.session_from_row(row), answers, interviews)

    # --- review selection -----------------------------------------------------------

    def missed_items(self, current: Mapping[ItemKey, str] | None = None) -> frozenset[ItemKey]:
        """Items whose latest scored answer (current version) was wrong: due for review."""
        with self._snapshot() as conn:
            states = item_states(conn, current)
        return frozenset(key for key, s in states.items() if s.last_correct is False)

    def flagged_items(self, current: Mapping[ItemKey, str] | None = None) -> frozenset[ItemKey]:
        """Items flagged in their latest answer (current version)."""
        with self._snapshot() as conn:
            states = item_states(conn, current)
        return frozenset(key for key, s in states.items() if s.flagged)

    def seen_items(self, current: Mapping[ItemKey, str] | None = None) -> frozenset[ItemKey]:
        """Items answered at least once (current version); "never seen" is the rest."""
        with self._snapshot() as conn:
            return frozenset(item_states(conn, current))

    def due_count(self, current: Mapping[ItemKey, str] | None = None) -> int:
        return len(self.missed_items(current))

    # --- spaced repetition (``trainer.history.cards``) ------------------------------------

    def review_count(self, until: float, current: Mapping[ItemKey, str] | None = None) -> int:
        """Knowledge items and interview prompts with a card due by ``until`` (SQL only: no scheduler)."""
        with self._snapshot() as conn:
            return cards.due_count(conn, until, current)

    def due_cards(self, until: float, current: Mapping[ItemKey, str] | None = None) -> list[cards.DueCard]:
        """Cards due by ``until``, most overdue first (only questions in ``current`` when given)."""
        with self._snapshot() as conn:
            return cards.due_cards(conn, until, current)

    def session_reviews(self) -> dict[str, tuple[int, int]]:
        """Per session id: (cards its answers reviewed, of which rated Again)."""
        with self._snapshot() as conn:
            return cards.session_reviews(conn)

    def card_table(self) -> list[dict[str, Any]]:
        """Every card as plain values (for export and the plan)."""
        with self._snapshot() as conn:
            return cards.card_rows(conn)

    def set_scheduler_settings(self, values: Mapping[str, object], at: float) -> None:
        """Store the scheduler's parameters (``trainer.study.scheduling.settings_to``)."""
        self._write("scheduler", lambda conn: cards.store_settings(conn, values, at))
        self._scheduler = self._new_scheduler()

    # --- preferences ----------------------------------------------------------------

    def get_preferences(self) -> dict[str, Any]:
        with self._snapshot() as conn:
            return {r["key"]: json.loads(r["value"]) for r in conn.execute("SELECT key, value FROM preferences")}

    def set_preferences(self, values: Mapping[str, Any]) -> None:
        """Merge ``values`` into the saved preferences; a value of None removes the key."""

        def action(conn: sqlite3.Connection) -> None:
            for key, value in values.items():
                if value is None:
                    conn.execute("DELETE FROM preferences WHERE key = ?", (key,))
                else:
                    conn.execute(
                        "INSERT INTO preferences (key, value) VALUES (?, ?)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, codec.dumps(value)),
                    )

        self._write("preferences", action)
        if RETENTION in values:
            self._scheduler = self._new_scheduler()  # the next review uses the new retention

    # --- reading --------------------------------------------------------------------

    def stats(self, last_n: int = 20, top: int = 10, current: Mapping[ItemKey, str] | None = None) -> Stats:
        """Everything the progress screen shows (see ``trainer.history.stats``)."""
        from trainer.history.stats import compute_stats  # loaded with the progress screen, not at start-up

        with self._snapshot() as conn:
            return compute_stats(conn, last_n=last_n, top=top, current=current)

    def sessions(
        self,
        since: float | None = None,
        bank: str | None = None,
        category: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[SessionSummary]:
        """Past sessions, newest first, filtered (``since``: unix seconds)."""
        from trainer.history.listing import list_sessions

        with self._snapshot() as conn:
            return list_sessions(conn, since=since, bank=bank, category=category, kind=kind, limit=limit)

    def session_summary(self, session_id: str) -> SessionSummary | None:
        """One session's line of the list (status, score, duration), or None."""
        from trainer.history.listing import list_sessions

        with self._snapshot() as conn:
            found = list_sessions(conn, session_id=session_id)
        return found[0] if found else None

    def find_session(self, prefix: str) -> list[str]:
        """The ids of sessions whose id starts with ``prefix`` (exactly one: it names a session)."""
        from trainer.history.listing import sessions_by_prefix

        with self._snapshot() as conn:
            return sessions_by_prefix(conn, prefix)

    def prompt_attempts(self, bank_id: str, question_id: str) -> list[PromptAttempt]:
        """Every stored main answer to this interview prompt, oldest first, across sessions."""
        from trainer.history.listing import prompt_attempts

        with self._snapshot() as conn:
            return prompt_attempts(conn, bank_id, question_id)

    @contextmanager
    def transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """For this package's import: one write transaction over several statements."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    _rollback(conn)
                    raise
            except sqlite3.Error as exc:
                raise HistoryError(f"{what} not saved: {_plain(exc)}") from None

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """For this package's export: a consistent read-only view."""
        with self._snapshot() as conn:
            yield conn


def upsert_answer(conn: sqlite3.Connection, answer: AnswerRecord, only_if_newer: bool = False) -> bool:
    """Insert or replace the answer at (session, position) and its tags; True if written."""
    params = codec.answer_params(answer)
    names = list(params)
    updates = ", ".join(f"{c} = excluded.{c}" for c in names if c not in ("session_id", "position", "probe_index"))
    where = " WHERE excluded.answered_at > answers.answered_at" if only_if_newer else ""
    cur = conn.execute(
        f"INSERT INTO answers ({', '.join(names)}) VALUES ({', '.join(':' + c for c in names)})"
        f" ON CONFLICT (session_id, position, probe_index) DO UPDATE SET {updates}{where}",
        params,
    )
    if not cur.rowcount:
        return False
    answer_id = conn.execute(
        "SELECT id FROM answers WHERE session_id = ? AND position = ? AND probe_index = ?",
        (answer.session_id, answer.position, params["probe_index"]),
    ).fetchone()[0]
    conn.execute("DELETE FROM answer_tags WHERE answer_id = ?", (answer_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO answer_tags (answer_id, tag, correct) VALUES (?, ?, ?)",
        [(answer_id, tag, params["correct"]) for tag in answer.tags],
    )
    return True


def upsert_interview(conn: sqlite3.Connection, interview: InterviewRecord) -> None:
    params = codec.interview_params(interview)
    columns = list(params)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("session_id", "position", "probe_index"))
    conn.execute(
        f"INSERT INTO interview_answers ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
        f" ON CONFLICT (session_id, position, probe_index) DO UPDATE SET {updates}",
        params,
    )


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite rolls back by itself when the statement that failed was the COMMIT


def _plain(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "full" in text:
        return "the disk is full (" + text + ")"
    if "locked" in text or "busy" in text:
        return "the history database stayed busy (another pain-trainer is writing)"
    return text


def insert_note(conn: sqlite3.Connection, note: ItemNote) -> bool:
    """Insert a note unless the same one (item, moment, text) is there; True if added."""
    params = codec.note_dict(note)
    if (
        params["session_id"] is not None
        and conn.execute("SELECT 1 FROM sessions WHERE id = ?", (params["session_id"],)).fetchone() is None
    ):
        params["session_id"] = None  # a note outlives a session it names but this history lacks
    cur = conn.execute(
        f"INSERT OR IGNORE INTO item_notes ({', '.join(params)}) VALUES ({', '.join(':' + c for c in params)})",
        params,
    )
    return bool(cur.rowcount)
