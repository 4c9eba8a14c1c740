"""Spaced-repetition cards in the history database: recording reviews, replaying old answers,
today's queue.

- ``record_reviews(conn, answer, interview, scheduler)`` runs inside the transaction that saves
  the answer (``Store.record_answer``): a scored knowledge answer reviews its item's card, an
  interview record reviews one card per key point. One review log per (card, answer row), so
  saving the same answer again changes nothing, and a changed verdict (exam re-scoring, a
  candidate's override) rewrites its log and replays the card from its logs.
- ``replay_history(conn)`` (the v3 -> v4 migration) builds every card from the answers already
  stored, in time order, so a long-time user does not start from zero.
- ``due_count`` / ``due_cards`` read ``cards.due`` with SQL only: the home screen's count never
  imports the scheduler (``trainer.study.scheduling`` and fsrs load with the first review).

An edited question (new content hash) keeps its card and its schedule; the card records the
version last reviewed and when the version changed (``edited_at``); review logs keep the hash
they were given under, so accuracy counts only the current version's answers.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from trainer.history.records import AnswerRecord, InterviewRecord
from trainer.study import prefs
from trainer.study.cards import ITEM, CardKey, point_id, point_rating, quiz_rating

if TYPE_CHECKING:
    from trainer.study.scheduling import CardState, FsrsScheduler, Scheduler

ItemKey = tuple[str, str]
CARD_COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


@dataclass(frozen=True, slots=True)
class Review:
    """One outcome for one card, as derived from an answer."""

    key: CardKey
    rating: int
    at: float  # unix seconds
    content_hash: str
    duration_ms: int | None


@dataclass(frozen=True, slots=True)
class DueCard:
    """A card in today's queue."""

    key: CardKey
    card_id: int
    due: float
    content_hash: str  # the version last reviewed
    edited: bool  # the loaded question's content differs from the version last reviewed

    @property
    def item(self) -> ItemKey:
        return (self.key[0], self.key[1])


def reviews_of(answer: AnswerRecord, interview: InterviewRecord | None = None) -> list[Review]:
    """The card reviews an answer stands for (none for an unscored or probe-only answer)."""
    duration = round(answer.time_spent * 1000)
    found: list[Review] = []
    if interview is None and answer.correct is not None and answer.probe_index is None:
        found.append(
            Review(
                (answer.bank_id, answer.question_id, ITEM),
                quiz_rating(answer.correct, answer.confidence),
                answer.answered_at,
                answer.content_hash,
                duration,
            )
        )
    if interview is not None:
        for index, verdict in enumerate(interview.verdicts):
            key = (answer.bank_id, answer.question_id, point_id(interview.probe_index, index))
            found.append(Review(key, point_rating(verdict.final), answer.answered_at, answer.content_hash, None))
    return found


# --- the scheduler's parameters ----------------------------------------------------------


def load_scheduler(conn: sqlite3.Connection) -> FsrsScheduler:
    """The scheduler with the stored parameters and the desired-retention preference."""
    from trainer.study.scheduling import FsrsScheduler, settings_from

    row = conn.execute("SELECT settings FROM scheduler_params WHERE id = 1").fetchone()
    stored = json.loads(row[0]) if row is not None else {}
    pref = conn.execute("SELECT value FROM preferences WHERE key = ?", (prefs.RETENTION,)).fetchone()
    retention = prefs.retention({prefs.RETENTION: json.loads(pref[0])} if pref is not None else {})
    return FsrsScheduler(settings_from(stored if isinstance(stored, dict) else {}, retention))


def replay_scheduler(conn: sqlite3.Connection) -> Scheduler:
    """The stored scheduler without fuzz: replaying the same answers gives the same schedule."""
    from dataclasses import replace

    from trainer.study.scheduling import FsrsScheduler

    return FsrsScheduler(replace(load_scheduler(conn).settings, fuzzing=False))


def store_settings(conn: sqlite3.Connection, values: Mapping[str, object], at: float) -> None:
    conn.execute(
        "INSERT INTO scheduler_params (id, settings, updated_at) VALUES (1, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at",
        (json.dumps(dict(values), sort_keys=True), at),
    )


# --- recording ------------------------------------------------------------------------


def record_reviews(
    conn: sqlite3.Connection,
    answer: AnswerRecord,
    interview: InterviewRecord | None,
    scheduler: LazyScheduler,
) -> int:
    """Apply the answer's reviews to its cards (inside the caller's transaction); how many changed."""
    reviews = reviews_of(answer, interview)
    if not reviews:
        return 0
    probe = -1 if interview is None or interview.probe_index is None else interview.probe_index
    row = conn.execute(
        "SELECT id FROM answers WHERE session_id = ? AND position = ? AND probe_index IN (?, -1)"
        " ORDER BY probe_index DESC LIMIT 1",
        (answer.session_id, answer.position, probe),
    ).fetchone()
    answer_id = None if row is None else row[0]
    changed = 0
    for review in reviews:
        # A card the scheduler cannot read (a hand-edited row) stays as it was and the answer is
        # still saved; an SQLite error (disk full...) still undoes the whole answer.
        conn.execute("SAVEPOINT card_review")
        try:
            changed += apply_review(conn, scheduler, review, answer_id)
        except (ValueError, TypeError, ArithmeticError, AssertionError):
            conn.execute("ROLLBACK TO card_review")
        conn.execute("RELEASE card_review")
    return changed


class LazyScheduler:
    """A scheduler made only when a review needs one (so fsrs loads with the first review)."""

    def __init__(self, make: Callable[[], Scheduler]):
        self._make = make
        self._made: Scheduler | None = None

    def __call__(self) -> Scheduler:
        if self._made is None:
            self._made = self._make()
        assert self._made is not None
        return self._made


def apply_review(conn: sqlite3.Connection, scheduler: LazyScheduler, review: Review, answer_id: int | None) -> bool:
    """Review one card (creating it); True when anything changed."""
    from trainer.study.scheduling import CardState

    bank, question, point = review.key
    row = conn.execute(
        "SELECT id, content_hash, last_review, state, step, stability, difficulty, due, reps, lapses"
        " FROM cards WHERE bank_id = ? AND question_id = ? AND point = ?",
        review.key,
    ).fetchone()
    if row is None:
        card_id = conn.execute(
            "INSERT INTO cards (bank_id, question_id, point, content_hash, state, step, due)"
            " VALUES (?, ?, ?, ?, 1, 0, ?)",
            (bank, question, point, review.content_hash, review.at),
        ).lastrowid
        assert card_id is not None
        card, old_hash, last = CardState.new(card_id, review.at), review.content_hash, None
    else:
        card_id, old_hash, last = row[0], row[1], row[2]
        card = CardState(card_id, row[3], row[4], row[5], row[6], row[7], row[2], row[8], row[9])
    replay = False
    if answer_id is not None:
        logged = conn.execute(
            "SELECT id, rating FROM review_logs WHERE card_id = ? AND answer_id = ?", (card_id, answer_id)
        ).fetchone()
        if logged is not None:
            if logged[1] == review.rating:
                return False
            conn.execute("UPDATE review_logs SET rating = ? WHERE id = ?", (review.rating, logged[0]))
            replay = True
    if not replay:
        conn.execute(
            "INSERT INTO review_logs (card_id, answer_id, rating, reviewed_at, duration_ms, content_hash)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (card_id, answer_id, review.rating, review.at, review.duration_ms, review.content_hash),
        )
        replay = last is not None and review.at < last  # an answer older than the card's last review
    if replay:
        logs = conn.execute("SELECT reviewed_at, rating FROM review_logs WHERE card_id = ?", (card_id,)).fetchall()
        card = scheduler().replay(card_id, [(r[0], r[1]) for r in logs])
    else:
        card = scheduler().review(card, review.rating, review.at)
    latest = last is None or review.at >= last
    _save_card(conn, card, review.content_hash if latest else None, edited=latest and old_hash != review.content_hash)
    return True


def _save_card(conn: sqlite3.Connection, card: CardState, content_hash: str | None, edited: bool) -> None:
    sets = ", ".join(f"{c} = ?" for c in CARD_COLUMNS)
    values: list[Any] = [getattr(card, c) for c in CARD_COLUMNS]
    if content_hash is not None:
        sets += ", content_hash = ?"
        values.append(content_hash)
    if edited:
        sets += ", edited_at = ?"
        values.append(card.last_review)
    conn.execute(f"UPDATE cards SET {sets} WHERE id = ?", (*values, card.card_id))


# --- the migration's replay -----------------------------------------------------------


def stored_reviews(conn: sqlite3.Connection, sessions: Iterable[str] | None = None) -> Iterable[tuple[Review, int]]:
    """Every review the stored answers stand for (of these sessions only, when given), with its
    answer row id, in no particular order. A scored answer is a knowledge item's (interview
    answers are never scored ``correct``: their key points are their cards)."""
    params: tuple[str, ...] = ()
    where = ""
    if sessions is not None:
        where, params = " AND a.session_id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(sessions)),)
    # The v3 -> v4 migration replays answers from before the confidence column (schema v5): none stated.
    stated = any(column[1] == "confidence" for column in conn.execute("PRAGMA table_info(answers)"))
    for answer_id, bank, question, content_hash, correct, confidence, at, spent in conn.execute(
        "SELECT id, bank_id, question_id, content_hash, correct, "
        + ("confidence" if stated else "NULL")
        + ", answered_at, time_spent FROM answers AS a WHERE probe_index = -1 AND correct IS NOT NULL"
        + where,
        params,
    ):
        rating = quiz_rating(bool(correct), confidence)
        yield Review((bank, question, ITEM), rating, at, content_hash, round(spent * 1000)), answer_id
    # A probe's verdicts belong to the probe's own answer row when it has one (as when recorded
    # live), else to the prompt's.
    for answer_id, bank, question, content_hash, at, probe, verdicts in conn.execute(
        "SELECT coalesce(o.id, a.id), a.bank_id, a.question_id, a.content_hash, coalesce(o.answered_at, a.answered_at),"
        " i.probe_index, i.verdicts FROM interview_answers AS i"
        " JOIN answers AS a ON a.session_id = i.session_id AND a.position = i.position AND a.probe_index = -1"
        " LEFT JOIN answers AS o ON o.session_id = i.session_id AND o.position = i.position"
        " AND o.probe_index = i.probe_index AND i.probe_index >= 0" + where.replace(" AND ", " WHERE ", 1),
        params,
    ):
        try:
            judged = json.loads(verdicts)
        except ValueError:
            continue
        for index, verdict in enumerate(judged if isinstance(judged, list) else []):
            if not isinstance(verdict, dict):
                continue
            final = verdict.get("override")
            covered = bool(verdict.get("covered") if final is None else final)
            key = (bank, question, point_id(None if probe == -1 else probe, index))
            yield Review(key, point_rating(covered), at, content_hash, None), answer_id


def replay_history(conn: sqlite3.Connection) -> int:
    """Build every card from the stored answers, in time order (the v3 -> v4 migration)."""
    return rebuild_cards(conn)


def rebuild_cards(
    conn: sqlite3.Connection, sessions: Iterable[str] | None = None, scheduler: Scheduler | None = None
) -> int:
    """Log the reviews of the stored answers (of ``sessions`` only, when given: an import) and
    replay each card they touch from all its logs, in time order; how many cards were rebuilt.

    Replayed without fuzz by default, so the same answers always give the same schedule. The
    scheduler is loaded only when there is something to replay (a new database is made at
    start-up); ``scheduler_params`` empty means FSRS's default parameters."""
    by_card: dict[CardKey, list[tuple[Review, int]]] = {}
    for review, answer_id in stored_reviews(conn, sessions):
        by_card.setdefault(review.key, []).append((review, answer_id))
    if not by_card:
        return 0
    if scheduler is None:
        from trainer.study.scheduling import FsrsScheduler, Settings

        scheduler = FsrsScheduler(Settings(fuzzing=False))
    for key in sorted(by_card, key=lambda k: min(r.at for r, _ in by_card[k])):
        reviews = sorted(by_card[key], key=lambda pair: (pair[0].at, pair[1]))
        row = conn.execute("SELECT id FROM cards WHERE bank_id = ? AND question_id = ? AND point = ?", key).fetchone()
        if row is None:
            card_id = conn.execute(
                "INSERT INTO cards (bank_id, question_id, point, content_hash, state, step, due)"
                " VALUES (?, ?, ?, ?, 1, 0, ?)",
                (*key, reviews[-1][0].content_hash, reviews[0][0].at),
            ).lastrowid
            assert card_id is not None
        else:
            card_id = row[0]
        conn.executemany(
            "INSERT INTO review_logs (card_id, answer_id, rating, reviewed_at, duration_ms, content_hash)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (card_id, answer_id) DO UPDATE SET rating = excluded.rating,"
            " reviewed_at = excluded.reviewed_at, duration_ms = excluded.duration_ms,"
            " content_hash = excluded.content_hash",
            [(card_id, a, r.rating, r.at, r.duration_ms, r.content_hash) for r, a in reviews],
        )
        logs = conn.execute(
            "SELECT reviewed_at, rating, content_hash FROM review_logs WHERE card_id = ? ORDER BY reviewed_at, id",
            (card_id,),
        ).fetchall()
        try:
            card = scheduler.replay(card_id, [(at, rating) for at, rating, _ in logs])
        except (ValueError, TypeError, ArithmeticError, AssertionError):
            continue  # reviews FSRS cannot read (a hand-edited time): the card stays new, due at once
        latest = logs[-1][2]
        older = [at for at, _, h in logs if h != latest]
        edited_at = min(at for at, _, h in logs if h == latest and at >= max(older)) if older else None
        _save_card(conn, card, latest, edited=False)
        conn.execute("UPDATE cards SET edited_at = ? WHERE id = ?", (edited_at, card_id))
    return len(by_card)


# --- the queue ------------------------------------------------------------------------


def due_cards(conn: sqlite3.Connection, until: float, current: Mapping[ItemKey, str] | None = None) -> list[DueCard]:
    """Cards due by ``until`` (unix seconds), most overdue first; with ``current`` (the loaded
    questions' hashes), only cards of questions still loaded, marked when edited since."""
    found = []
    for card_id, bank, question, point, due, content_hash in _plain(conn).execute(
        "SELECT id, bank_id, question_id, point, due, content_hash FROM cards WHERE due <= ? ORDER BY due, id",
        (until,),
    ):
        if current is None:
            found.append(DueCard((bank, question, point), card_id, due, content_hash, False))
            continue
        loaded = current.get((bank, question))
        if loaded is not None:
            found.append(DueCard((bank, question, point), card_id, due, content_hash, loaded != content_hash))
    return found


def due_count(conn: sqlite3.Connection, until: float, current: Mapping[ItemKey, str] | None = None) -> int:
    """Knowledge items due plus interview prompts with a key point due (what home shows)."""
    rows = (
        _plain(conn)
        .execute("SELECT DISTINCT bank_id, question_id, point = '' FROM cards WHERE due <= ?", (until,))
        .fetchall()
    )
    if current is None:
        return len(rows)
    return sum(1 for bank, question, _item in rows if (bank, question) in current)


def _plain(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor returning tuples (the store's connection makes ``sqlite3.Row``s, slower to unpack)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor


def export_cards(conn: sqlite3.Connection, sessions: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every card with its reviews (the export's ``cards``); with ``sessions``, only the cards
    those sessions reviewed (with all their reviews, so the state can be checked against them)."""
    wanted = None if sessions is None else set(sessions)
    reviews: dict[int, list[dict[str, Any]]] = {}
    touched: set[int] = set()
    for card_id, rating, at, content_hash, duration, sid, position in conn.execute(
        "SELECT l.card_id, l.rating, l.reviewed_at, l.content_hash, l.duration_ms, a.session_id, a.position"
        " FROM review_logs AS l LEFT JOIN answers AS a ON a.id = l.answer_id ORDER BY l.reviewed_at, l.id"
    ):
        reviews.setdefault(card_id, []).append(
            {
                "rating": rating,
                "reviewed_at": at,
                "content_hash": content_hash,
                "duration_ms": duration,
                "session_id": sid,
                "position": position,
            }
        )
        if wanted is not None and sid in wanted:
            touched.add(card_id)
    found = []
    for row in conn.execute(f"SELECT id, {', '.join(EXPORTED)} FROM cards ORDER BY bank_id, question_id, point"):
        if wanted is None or row[0] in touched:
            found.append({**dict(zip(EXPORTED, row[1:], strict=True)), "reviews": reviews.get(row[0], [])})
    return found


EXPORTED = (
    "bank_id",
    "question_id",
    "point",
    "content_hash",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "edited_at",
)


def session_reviews(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """Per session: cards its answers reviewed, and how many of them were rated Again."""
    return {
        sid: (reviewed, again)
        for sid, reviewed, again in conn.execute(
            "SELECT a.session_id, count(DISTINCT l.card_id), count(DISTINCT CASE WHEN l.rating = 1 THEN l.card_id END)"
            " FROM review_logs AS l JOIN answers AS a ON a.id = l.answer_id GROUP BY a.session_id"
        )
    }


def card_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every card as plain values (the export's ``cards``)."""
    conn_rows = conn.execute(
        "SELECT bank_id, question_id, point, content_hash, state, step, stability, difficulty, due, last_review,"
        " reps, lapses, edited_at FROM cards ORDER BY bank_id, question_id, point"
    )
    names = [d[0] for d in conn_rows.description]
    return [dict(zip(names, row, strict=True)) for row in conn_rows]
