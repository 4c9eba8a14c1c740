"""The store's write-through, resume, review selection and preferences (in-process)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from tests.history.helpers import T0, answer, interview, plan, session
from trainer.history import schema
from trainer.history.errors import HistoryError
from trainer.history.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as s:
        yield s


def test_open_creates_folder_and_database_in_wal_mode(tmp_path):
    root = tmp_path / "new" / "deeper"
    with Store.open(root) as store:
        assert store.path == root / "history.sqlite3"
        assert store.notice is None and store.backup is None
    conn = sqlite3.connect(root / "history.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.close()


def test_every_answer_is_committed_when_the_call_returns(store):
    store.start_session(session("s1", n=3))
    store.record_answer(answer("s1", 0))
    other = sqlite3.connect(store.path)  # a second connection sees it at once: it is committed
    assert other.execute("SELECT count(*) FROM answers").fetchone()[0] == 1
    store.record_answer(answer("s1", 1, correct=False))
    assert other.execute("SELECT count(*) FROM answers").fetchone()[0] == 2
    other.close()


def test_exam_mode_change_replaces_the_answer_latest_wins(store):
    store.start_session(session("s1", n=2, mode="exam"))
    store.record_answer(answer("s1", 0, correct=None, response="a", tags=("x",)))
    store.record_answer(answer("s1", 0, correct=False, response="c", tags=("y",), at=T0 + 500))
    _session, answers, _ = store.load_session("s1")
    assert len(answers) == 1
    assert (answers[0].response, answers[0].correct, answers[0].answered_at) == ("c", False, T0 + 500)
    tags = store._conn.execute("SELECT tag, correct FROM answer_tags").fetchall()
    assert [tuple(r) for r in tags] == [("y", 0)]


def test_interview_records_upsert_by_position_and_probe(store):
    store.start_session(session("iv", n=1, kind="interview", mode="interview"))
    store.record_answer(
        answer("iv", 0, correct=None, question_type="open", score=0.5), interview("iv", 0, text="draft")
    )
    store.record_answer(
        answer("iv", 0, correct=None, question_type="open", score=1.0),
        interview("iv", 0, text="final", overrides=(None, True)),
    )
    store.record_answer(answer("iv", 0, correct=None, question_type="open", score=1.0), interview("iv", 0, probe=0))
    _s, answers, interviews = store.load_session("iv")
    assert len(answers) == 1
    assert [(i.probe_index, i.text) for i in interviews] == [(None, "final"), (0, "I would assess...")]
    assert interviews[0].verdicts[1].override is True and interviews[0].verdicts[1].final is True
    with pytest.raises(ValueError):
        store.record_answer(answer("iv", 0), interview("iv", 1))


def test_records_round_trip_exactly(store):
    record = session("s1", n=2)
    store.start_session(record)
    given = answer("s1", 1, tags=("opioids", "conversion"), response=["a", "c"], flagged=True, time_spent=301.25)
    store.record_answer(given)
    loaded_session, answers, _ = store.load_session("s1")
    assert loaded_session == record
    assert answers == [given]


def test_judged_interview_verdicts_round_trip_and_rows_from_before_the_judge_still_read(store):
    import dataclasses
    import json

    from trainer.history import codec
    from trainer.history.records import KeyPointVerdict

    store.start_session(session("iv", n=1, kind="interview"))
    judged = dataclasses.replace(
        interview("iv", 0),
        verdicts=(
            KeyPointVerdict(
                "Offers SCS",
                True,
                ("SCS",),
                None,
                status="covered",
                via=("SCS", "spinal cord stimulation"),
                evidence=(0, 24),
                spans=((14, 17),),
            ),
            KeyPointVerdict("Avoids opioids", False, (), True, status="listed", evidence=(25, 40)),
        ),
        metrics={"words": 8, "judge": "negex-1", "red_flags": [{"id": "label", "kind": "unsafe"}]},
    )
    store.record_answer(answer("iv", 0, question_type="open", correct=None, score=0.75), judged)
    (_, _, interviews) = store.load_session("iv")
    assert interviews == [judged]
    old_row = [{"text": "Offers SCS", "covered": True, "matched": ["SCS"], "override": None}]
    (old,) = codec.verdicts_from_json(json.loads(json.dumps(old_row)))
    assert (old.status, old.via, old.evidence, old.spans) == ("", (), None, ())
    assert codec.verdicts_to_json((old,)) == old_row  # an old-shaped verdict is written in the old shape


def test_answer_for_unknown_session_is_refused_with_a_clear_message(store):
    with pytest.raises(HistoryError, match="answer not saved: no session 'nope'"):
        store.record_answer(answer("nope", 0))


def test_failed_write_raises_and_keeps_everything_saved_before(store):
    store.start_session(session("s1", n=3))
    store.record_answer(answer("s1", 0))
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
    with pytest.raises(HistoryError, match=r"^answer not saved: the disk is full"):
        store.record_answer(answer("s1", 1, response="x" * 200_000))
    store._conn.execute("PRAGMA max_page_count = 1073741823")
    _s, answers, _ = store.load_session("s1")
    assert [a.position for a in answers] == [0]
    store.record_answer(answer("s1", 1))  # and the store still works
    assert len(store.load_session("s1").answers) == 2


def test_resume_returns_latest_unfinished_session_with_its_plan_and_answers(store):
    store.start_session(session("old", n=2, started_at=T0))
    store.start_session(session("new", n=4, started_at=T0 + 100, items=plan(4, prefix="z")))
    store.record_answer(answer("new", 0, question="z0"))
    store.record_answer(answer("new", 2, question="z2"))
    resume = store.unfinished_session()
    assert resume is not None
    sess, answers, interviews = resume
    assert sess.session_id == "new" and sess.plan == plan(4, prefix="z")
    assert [a.position for a in answers] == [0, 2] and interviews == []
    store.finish_session("new", T0 + 900)
    assert store.unfinished_session().session.session_id == "old"
    store.discard_session("old")
    assert store.unfinished_session() is None
    assert store.sessions()[-1].status == "abandoned"


def test_discard_keeps_the_answers(store):
    store.start_session(session("s1", n=2))
    store.record_answer(answer("s1", 0, correct=False))
    store.discard_session("s1")
    assert store.unfinished_session() is None
    assert len(store.load_session("s1").answers) == 1
    assert store.missed_items() == {("core", "q0")}


def test_starting_an_existing_session_again_changes_nothing(store):
    store.start_session(session("s1", n=2))
    store.record_answer(answer("s1", 0))
    store.start_session(session("s1", n=2))
    assert len(store.load_session("s1").answers) == 1


def test_review_sets_missed_flagged_seen(store):
    store.start_session(session("a", n=4))
    store.record_answer(answer("a", 0, correct=False))  # missed
    store.record_answer(answer("a", 1, correct=True, flagged=True))  # flagged
    store.record_answer(answer("a", 2, correct=False, at=T0 + 1))  # missed, then right later
    store.start_session(session("b", n=4, started_at=T0 + 10))
    store.record_answer(answer("b", 2, correct=True, at=T0 + 2000))
    store.record_answer(answer("b", 3, correct=True, at=T0 + 2001))
    store.record_answer(answer("b", 1, correct=True, flagged=False, at=T0 + 2002))  # unflagged later
    assert store.missed_items() == {("core", "q0")}
    assert store.due_count() == 1
    assert store.flagged_items() == frozenset()
    assert store.seen_items() == {("core", f"q{i}") for i in range(4)}


def test_edited_question_starts_fresh_in_review(store):
    store.start_session(session("a", n=2))
    store.record_answer(answer("a", 0, correct=False, content_hash="v1"))
    assert store.missed_items() == {("core", "q0")}
    # The bank's author edited q0: the practice layer passes the current hash.
    current = {("core", "q0"): "v2"}
    assert store.missed_items(current) == frozenset()
    assert store.seen_items(current) == frozenset()  # the new version was never seen
    # Once the new version is answered, it alone decides (latest hash without `current` too).
    store.start_session(session("b", n=2, started_at=T0 + 50))
    store.record_answer(answer("b", 0, correct=True, content_hash="v2", at=T0 + 5000))
    assert store.missed_items() == frozenset() == store.missed_items(current)
    assert store.missed_items({("core", "q0"): "v1"}) == {("core", "q0")}


def test_preferences_merge_and_remove(store):
    assert store.get_preferences() == {}
    store.set_preferences({"count": 20, "mode": "exam", "categories": ["pharm", "procedures"]})
    store.set_preferences({"mode": "tutor", "count": None})
    assert store.get_preferences() == {"mode": "tutor", "categories": ["pharm", "procedures"]}


def test_store_can_be_shared_between_threads(store):
    store.start_session(session("s1", n=200))
    errors = []

    def work(offset):
        try:
            for i in range(offset, 200, 4):
                store.record_answer(answer("s1", i))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.load_session("s1").answers) == 200
