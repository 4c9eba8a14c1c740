"""Upgrading a real v3 database (``fixtures/history-v3.sqlite3``, made by make_v3_fixture.py) to
v4: the stored answers are replayed, in time order, into spaced-repetition cards."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.history.make_v3_fixture import DAY, T0
from trainer.history import schema
from trainer.history.store import Store
from trainer.study import cards
from trainer.study.scheduling import FsrsScheduler, Settings

V3 = Path(__file__).parent / "fixtures" / "history-v3.sqlite3"


@pytest.fixture
def v3_root(tmp_path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(V3, root / "history.sqlite3")
    return root


def _cards(store: Store) -> dict[tuple[str, str, str], dict]:
    return {(c["bank_id"], c["question_id"], c["point"]): c for c in store.card_table()}


def test_v3_history_is_replayed_into_cards_in_time_order(v3_root):
    original = hashlib.sha256(V3.read_bytes()).hexdigest()
    with Store.open(v3_root, clock=lambda: T0 + 30 * DAY) as store:
        assert store.backup is not None and store.backup.name.startswith("history.sqlite3.bak-v3-")
        assert (
            store._conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        )  # through v4 (the replay) and on
        found = _cards(store)
        assert set(found) == {
            ("core", "q0", ""),
            ("core", "q1", ""),
            ("core", "q2", ""),
            ("interviews", "why-pain", "kp1"),
            ("interviews", "why-pain", "kp2"),
            ("interviews", "why-pain", "kp3"),
        }  # q3's exam answer was never scored: no card
        # q0 right four times over 20 days: a long-time user's card, not a new one
        q0 = found[("core", "q0", "")]
        assert (q0["reps"], q0["state"], q0["lapses"]) == (4, cards.REVIEW, 0)
        expected = FsrsScheduler(Settings(fuzzing=False)).replay(
            1, [(T0 + d * DAY + 60, cards.GOOD) for d in (0, 1, 5, 20)]
        )
        assert q0["due"] == pytest.approx(expected.due) and q0["stability"] == pytest.approx(expected.stability)
        assert q0["due"] - q0["last_review"] > 30 * DAY
        # q1: wrong, right, wrong -> a lapse, back within days of the last miss
        q1 = found[("core", "q1", "")]
        assert (q1["reps"], q1["state"], q1["lapses"]) == (3, cards.REVIEW, 1)
        replayed = FsrsScheduler(Settings(fuzzing=False)).replay(
            2, [(T0 + 60 * 2, cards.AGAIN), (T0 + DAY + 120, cards.GOOD), (T0 + 5 * DAY + 120, cards.AGAIN)]
        )
        assert q1["due"] == pytest.approx(replayed.due) and q1["due"] < T0 + 10 * DAY
        # q2 was edited between its answers: same card, new version, marked
        q2 = found[("core", "q2", "")]
        assert q2["content_hash"] == "h-q2-edited" and q2["edited_at"] == pytest.approx(T0 + 5 * DAY + 180)
        # key points: covered -> Good, missed -> Again, the candidate's override counts
        ratings = dict(
            store._conn.execute(
                "SELECT c.point, l.rating FROM review_logs l JOIN cards c ON c.id = l.card_id"
                " WHERE c.question_id = 'why-pain'"
            ).fetchall()
        )
        assert ratings == {"kp1": cards.GOOD, "kp2": cards.AGAIN, "kp3": cards.GOOD}
        assert store._conn.execute("SELECT count(*) FROM review_logs").fetchone()[0] == 9 + 3
        # every log names the answer it came from, with the version it was given under
        logs = store._conn.execute(
            "SELECT l.content_hash, a.content_hash FROM review_logs l JOIN answers a ON a.id = l.answer_id"
        ).fetchall()
        assert len(logs) == 12 and all(mine == theirs for mine, theirs in logs)
        # the queue: due by day 30, q0 not (its interval runs past it)
        due = {c.key for c in store.due_cards(T0 + 30 * DAY)}
        assert ("core", "q1", "") in due and ("core", "q0", "") not in due
        assert store.review_count(T0 + 30 * DAY) == len({(b, q, p == "") for b, q, p in due})
        # everything older is still there
        assert store.get_preferences() == {"quiz_setup": {"count": 3}}
        assert [n.text for n in store.notes()] == ["option b is arguable"]
        assert store.missed_items() == {("core", "q1"), ("core", "q2")}
    conn = sqlite3.connect(store.backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()
    assert hashlib.sha256(V3.read_bytes()).hexdigest() == original


def test_a_new_database_makes_no_cards_and_loads_no_scheduler(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from trainer.history.store import Store\n"
        f"s = Store.open(Path({str(tmp_path)!r})); print(s.review_count(2e9)); s.close()\n"
        "print('fsrs' in sys.modules, 'trainer.study.scheduling' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "False", "False"]


def test_an_answer_fsrs_cannot_replay_leaves_its_card_new_and_the_upgrade_goes_on(v3_root):
    conn = sqlite3.connect(v3_root / "history.sqlite3")
    conn.execute("UPDATE answers SET answered_at = 1e300 WHERE question_id = 'q1' AND session_id = 'quiz1'")
    conn.commit()
    conn.close()
    with Store.open(v3_root, clock=lambda: T0 + 30 * DAY) as store:
        found = _cards(store)
        assert found[("core", "q1", "")]["reps"] == 0  # left new, due at once
        assert found[("core", "q0", "")]["reps"] == 4  # the others replayed
