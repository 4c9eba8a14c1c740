"""History schema v5: confidence, miss reason and dangerous per answer; the migration from
v4, the export and import (and an export from before), the figures the screens read."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.history.helpers import T0, answer, session
from trainer.history import schema
from trainer.history.exchange import export_history, import_history, read_export
from trainer.history.store import Store

V2 = Path(__file__).parent / "fixtures" / "history-v2.sqlite3"


def test_a_v4_database_migrates_to_v5_with_old_answers_read_as_not_asked(tmp_path):
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, path, target=4)
    assert schema.user_version(conn) == 4
    conn.execute(
        "INSERT INTO sessions (id, kind, mode, started_at, banks, settings, seed, plan, plan_size)"
        " VALUES ('old', 'quiz', 'tutor', ?, '{\"core\":\"1\"}', '{}', 1, '[]', 1)",
        (T0,),
    )
    conn.execute(
        "INSERT INTO answers (session_id, position, bank_id, question_id, content_hash, question_type, category,"
        " difficulty, tags, response, correct, score, time_spent, flagged, answered_at, week)"
        " VALUES ('old', 0, 'core', 'q0', 'h', 'single', 'pharm', 1, '[]', '\"b\"', 0, 0, 12, 0, ?, 0)",
        (T0,),
    )
    backup = schema.migrate(conn, path, clock=lambda: T0)
    assert backup is not None and backup.name.startswith("history.sqlite3.bak-v4-")
    assert schema.user_version(conn) == 5 == schema.SCHEMA_VERSION
    columns = {r[1]: r for r in conn.execute("PRAGMA table_info(answers)")}
    assert {"confidence", "miss_reason", "dangerous"} <= set(columns)
    assert conn.execute("SELECT confidence, miss_reason, dangerous FROM answers").fetchone() == (None, None, 0)
    with pytest.raises(sqlite3.IntegrityError):  # a confidence is a probability
        conn.execute("UPDATE answers SET confidence = 1.5")
    conn.close()
    with Store.open(tmp_path) as store:
        (old,) = store.load_session("old").answers
        assert (old.confidence, old.miss_reason, old.dangerous, old.correct) == (None, None, False, False)


def test_the_v2_fixture_migrates_through_to_v5_and_takes_the_new_fields(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(V2, root / "history.sqlite3")
    with Store.open(root, clock=lambda: T0) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        quiz = store.load_session("quiz2")
        assert all(a.confidence is None and a.miss_reason is None and not a.dangerous for a in quiz.answers)
        wrong = next(a for a in quiz.answers if a.correct is False)
        assert store.tag_miss("quiz2", wrong.position, "misread")
        assert store.miss_reason("quiz2", wrong.position) == "misread"
        assert store.self_knowledge().misses[0].reason in ("misread", "")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def _fill(store: Store) -> None:
    store.start_session(session("s1", n=4))
    store.record_answer(replace(answer("s1", 0, correct=False, at=T0 + 1), confidence=0.9, miss_reason="reasoning"))
    store.record_answer(replace(answer("s1", 1, correct=True, at=T0 + 2), confidence=0.4))
    store.record_answer(replace(answer("s1", 2, correct=False, at=T0 + 3), dangerous=True))
    store.record_answer(replace(answer("s1", 3, correct=False, at=T0 + 4, category="proc"), confidence=0.7))


def test_answers_keep_confidence_reason_and_danger(store):
    _fill(store)
    answers = store.load_session("s1").answers
    assert [(a.confidence, a.miss_reason, a.dangerous) for a in answers] == [
        (0.9, "reasoning", False),
        (0.4, None, False),
        (None, None, True),
        (0.7, None, False),
    ]


def test_self_knowledge_reads_pairs_misses_and_dangerous_items(store):
    _fill(store)
    sk = store.self_knowledge()
    assert sorted(sk.pairs) == [(0.4, True), (0.7, False), (0.9, False)]
    assert {(m.category, m.reason, m.misses) for m in sk.misses} == {
        ("pharm", "reasoning", 1),
        ("pharm", "", 1),
        ("proc", "", 1),
    }
    assert sk.dangerous == 1 and sk.dangerous_by_category == (("pharm", 1),)
    assert [a.question_id for a in sk.confidently_wrong] == ["q0"]
    assert [a.question_id for a in sk.dangerous_items] == ["q2"]
    # answered right since: no longer confidently wrong, no longer missed
    store.start_session(session("s2", n=1))
    store.record_answer(answer("s2", 0, question="q0", correct=True, at=T0 + 10))
    assert store.self_knowledge().confidently_wrong == ()
    assert set(store.latest_misses()) == {("core", "q2"), ("core", "q3")}
    assert store.latest_misses()[("core", "q2")].dangerous is True


def test_tag_miss_only_tags_a_wrong_answer(store):
    _fill(store)
    assert store.tag_miss("s1", 2, "knowledge") is True
    assert store.tag_miss("s1", 1, "knowledge") is False  # right: nothing to explain
    assert [a.miss_reason for a in store.load_session("s1").answers] == ["reasoning", None, "knowledge", None]


def test_the_session_list_carries_the_self_knowledge_figures(store):
    _fill(store)
    (listed,) = store.sessions()
    figures = listed.self_knowledge.as_dict()
    # Brier over the three rated answers: (0.9-0)^2 + (0.4-1)^2 + (0.7-0)^2 = 0.81 + 0.36 + 0.49 = 1.66; / 3
    assert figures == {
        "confidence_answers": 3,
        "brier_score": round(1.66 / 3, 4),
        "confidently_wrong": 1,
        "dangerous_errors": 1,
        "missed_knowledge": 0,
        "missed_misread": 0,
        "missed_reasoning": 1,
        "missed_time": 0,
    }


def test_export_carries_the_new_fields_and_imports_them_back(store, tmp_path):
    _fill(store)
    document = export_history(store)
    exported = document["sessions"][0]["answers"]
    assert [(a["confidence"], a["miss_reason"], a["dangerous"]) for a in exported] == [
        (0.9, "reasoning", False),
        (0.4, None, False),
        (None, None, True),
        (0.7, None, False),
    ]
    with Store.open(tmp_path / "other") as other:
        import_history(other, read_export(json.dumps(document), "export.json"))
        assert other.load_session("s1").answers == store.load_session("s1").answers


def test_an_export_from_before_v5_imports_as_not_asked(store, tmp_path):
    _fill(store)
    document = export_history(store)
    for a in document["sessions"][0]["answers"]:
        for name in ("confidence", "miss_reason", "dangerous"):
            del a[name]
    with Store.open(tmp_path / "other") as other:
        import_history(other, read_export(json.dumps(document), "old.json"))
        answers = other.load_session("s1").answers
        assert [(a.confidence, a.miss_reason, a.dangerous) for a in answers] == [(None, None, False)] * 4
        assert [a.correct for a in answers] == [False, True, False, False]


def test_an_export_with_a_bad_confidence_or_reason_is_refused(store):
    from trainer.history.errors import HistoryError

    _fill(store)
    document = export_history(store)
    document["sessions"][0]["answers"][0]["confidence"] = 90
    with pytest.raises(HistoryError, match="confidence"):
        read_export(json.dumps(document), "bad.json")
    document["sessions"][0]["answers"][0]["confidence"] = 0.9
    document["sessions"][0]["answers"][0]["miss_reason"] = "bad luck"
    with pytest.raises(HistoryError, match="miss_reason"):
        read_export(json.dumps(document), "bad.json")
