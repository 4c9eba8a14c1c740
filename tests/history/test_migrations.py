"""Upgrading a real v1 database (``fixtures/history-v1.sqlite3``, made by make_v1_fixture.py)."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from trainer.history import schema
from trainer.history.errors import HistoryError
from trainer.history.store import Store

V1 = Path(__file__).parent / "fixtures" / "history-v1.sqlite3"


@pytest.fixture
def v1_root(tmp_path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(V1, root / "history.sqlite3")
    return root


def _schema(path: Path) -> list[tuple]:
    """The schema with SQL comments and layout removed."""
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name").fetchall()
    conn.close()
    return [(t, n, tbl, " ".join(re.sub(r"--[^\n]*", "", sql or "").split())) for t, n, tbl, sql in rows]


def test_v1_database_is_backed_up_then_migrated_keeping_every_answer(v1_root):
    original = hashlib.sha256(V1.read_bytes()).hexdigest()
    with Store.open(v1_root, clock=lambda: 1_700_000_000.0) as store:
        assert store.notice is None
        backup = store.backup
        assert backup is not None and backup.name.startswith("history.sqlite3.bak-v1-2023")
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION

        quiz = store.load_session("quiz1")
        assert [(a.position, a.correct, a.tags, a.timed_out) for a in quiz.answers] == [
            (0, True, ("opioids", "pharm"), False),
            (1, False, ("opioids",), False),
            (2, True, (), False),
        ]
        assert quiz.session.plan[0].option_order == ("a", "b", "c", "d")
        # normalised in v2: tags and banks now answer queries
        stats = store.stats()
        tags = {tag: (c, n) for tag, n, c in store._conn.execute("SELECT tag, attempts, correct FROM tag_totals")}
        assert tags == {"opioids": (1, 2), "pharm": (1, 1)}
        assert stats.unranked_areas == len(stats.by_category) + 2  # too few answers to rank as weak
        assert [s.session_id for s in store.sessions(bank="core")] == ["quiz1"]
        assert store.missed_items() == {("core", "q1")}

        # the v1 NULL-key duplicates collapse to the latest; coverage counts follow overrides
        session, answers, interviews = store.unfinished_session()
        assert session.session_id == "intv1"
        assert [(i.probe_index, i.text) for i in interviews] == [(None, "final answer"), (0, "probe answer")]
        rows = store._conn.execute(
            "SELECT probe_index, covered, total FROM interview_answers ORDER BY probe_index"
        ).fetchall()
        assert [tuple(r) for r in rows] == [(-1, 2, 3), (0, 0, 1)]
        # and the upgraded database is written to like a new one
        store.record_answer(answers[0])
        assert len(store.load_session("intv1").interviews) == 2

    # the backup is a complete v1 database, the same data as before the upgrade
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 4
    assert conn.execute("SELECT count(*) FROM interview_answers").fetchone()[0] == 3
    conn.close()
    assert hashlib.sha256(V1.read_bytes()).hexdigest() == original  # the committed fixture itself untouched


def test_migrated_schema_equals_a_fresh_one(v1_root, tmp_path):
    Store.open(v1_root).close()
    Store.open(tmp_path / "fresh").close()
    assert _schema(v1_root / "history.sqlite3") == _schema(tmp_path / "fresh" / "history.sqlite3")


def test_second_open_does_not_migrate_or_back_up_again(v1_root):
    Store.open(v1_root).close()
    with Store.open(v1_root) as store:
        assert store.backup is None
    assert len([p for p in v1_root.iterdir() if ".bak-" in p.name]) == 1


def test_a_failing_migration_leaves_the_database_at_its_old_version(v1_root, monkeypatch):
    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with pytest.raises(
        HistoryError, match="could not upgrade the history database: simulated failure; the copy taken before is"
    ):
        Store.open(v1_root)
    conn = sqlite3.connect(v1_root / "history.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 4
    conn.close()


def test_fixture_script_reproduces_the_committed_v1_schema(tmp_path):
    from tests.history.make_v1_fixture import build

    build(tmp_path / "rebuilt.sqlite3")
    assert _schema(tmp_path / "rebuilt.sqlite3") == _schema(V1)


# --- v2 -> v3: drafts and item notes ----------------------------------------------------------

V2 = Path(__file__).parent / "fixtures" / "history-v2.sqlite3"


@pytest.fixture
def v2_root(tmp_path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(V2, root / "history.sqlite3")
    return root


def test_v2_database_is_backed_up_then_migrated_to_v3_keeping_everything(v2_root):
    from trainer.history.records import DraftRecord, ItemNote

    original = hashlib.sha256(V2.read_bytes()).hexdigest()
    with Store.open(v2_root, clock=lambda: 1_700_000_000.0) as store:
        backup = store.backup
        assert backup is not None and backup.name.startswith("history.sqlite3.bak-v2-2023")
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        quiz = store.load_session("quiz2")
        assert [(a.position, a.correct, a.tags) for a in quiz.answers] == [
            (0, True, ("opioids",)),
            (1, False, ("opioids",)),
        ]
        assert [(s.session_id, s.answered, s.total) for s in store.sessions()] == [("intv2", 1, 2), ("quiz2", 2, 3)]
        assert store.missed_items() == {("core", "q1")}
        assert store.get_preferences() == {"quiz_setup": {"count": 3}}
        session, _, interviews = store.unfinished_session()
        assert session.session_id == "intv2" and [i.text for i in interviews] == ["my patient", "long hours"]
        assert [(a.covered, a.total) for a in store.prompt_attempts("interviews", "why-pain")] == [(1, 2)]
        # the new tables work on the upgraded file
        assert store.draft("intv2") is None and store.notes() == []
        store.save_draft(DraftRecord("intv2", 1, None, "half an answer", 4.0, 12.5, 1_700_002_000.0))
        assert store.draft("intv2").text == "half an answer"
        store.add_note(ItemNote("core", "q1", "h-q1", "option c is also right", 1_700_002_001.0, "quiz2", 1))
        assert [n.text for n in store.notes()] == ["option c is also right"]
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 4
    conn.close()
    assert hashlib.sha256(V2.read_bytes()).hexdigest() == original


def test_v2_migrated_schema_equals_a_fresh_one(v2_root, tmp_path):
    Store.open(v2_root).close()
    Store.open(tmp_path / "fresh").close()
    assert _schema(v2_root / "history.sqlite3") == _schema(tmp_path / "fresh" / "history.sqlite3")


def test_v2_fixture_script_reproduces_the_committed_v2_schema(tmp_path):
    from tests.history.make_v2_fixture import build

    build(tmp_path / "rebuilt.sqlite3")
    assert _schema(tmp_path / "rebuilt.sqlite3") == _schema(V2)
