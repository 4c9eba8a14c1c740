"""Issue 22: nothing answered is lost to another writer.

An answer given while another program holds the history's write lock (a long import) used to
wait 15 s, show "Answer not saved" and be gone. Now it waits briefly, is kept in memory and in
a durable side file, and is committed by the next write, a retry or the next start; and an
import commits in short batches so it never holds the lock for long.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading

import pytest

from tests.history.helpers import T0, answer, session
from tests.tui.conftest import screen_text
from trainer.history import exchange
from trainer.history import store as store_module
from trainer.history.errors import HistoryError
from trainer.history.exchange import export_history, import_history, read_export
from trainer.history.outbox import FOLDER
from trainer.history.store import Store
from trainer.practice.quiz import QuizSettings
from trainer.practice.selection import SelectionSpec
from trainer.tui import flows
from trainer.tui.screens.quiz import QuizScreen


@pytest.fixture(autouse=True)
def _short_wait(monkeypatch):
    monkeypatch.setattr(store_module, "ANSWER_BUSY_WAIT_S", 0.2)


def _other_writer(data):
    """Another program's connection holding the write lock, as a long import did."""
    conn = sqlite3.connect(data / "history.sqlite3", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _side_files(data) -> list:
    folder = data / FOLDER
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def test_an_answer_given_while_another_writer_holds_the_lock_is_kept_and_saved_later(tmp_path):
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.start_session(session("s", n=3))
        store.save_answer(answer("s", 0))
        other = _other_writer(data)
        with pytest.raises(HistoryError, match="busy"):
            store.save_answer(answer("s", 1))
        assert store.pending_answers == 1
        (side,) = _side_files(data)
        assert json.loads(side.read_text())["answer"]["position"] == 1  # on disk, not only in memory
        assert store.retry_pending() == 0  # still locked: kept
        other.execute("ROLLBACK")
        other.close()
        store.save_answer(answer("s", 2))  # the kept one goes first, then this one
        assert [a.position for a in store.load_session("s").answers] == [0, 1, 2]
        assert store.pending_answers == 0 and _side_files(data) == []


def test_a_later_answer_to_the_same_position_still_wins(tmp_path):
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.start_session(session("s", n=2))
        other = _other_writer(data)
        with pytest.raises(HistoryError):
            store.save_answer(answer("s", 0, response="a", at=T0 + 1))
        other.execute("ROLLBACK")
        other.close()
        store.save_answer(answer("s", 0, response="b", at=T0 + 2))  # exam mode: changed
        (saved,) = store.load_session("s").answers
        assert saved.response == "b"


def test_answers_kept_by_a_killed_program_are_saved_at_the_next_start(tmp_path):
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.start_session(session("s", n=2))
    other = _other_writer(data)
    code = (
        "import os, sys\n"
        "from tests.history.helpers import answer\n"
        "from trainer.history import store as m\n"
        "m.ANSWER_BUSY_WAIT_S = 0.1\n"
        f"s = m.Store.open({str(data)!r})\n"
        "try:\n"
        "    s.save_answer(answer('s', 0))\n"
        "except m.HistoryError:\n"
        "    os._exit(9)  # killed with the answer pending\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    assert len(_side_files(data)) == 1
    other.execute("ROLLBACK")
    other.close()
    with Store.open(data) as store:  # the next start commits it
        assert [a.position for a in store.load_session("s").answers] == [0]
    assert _side_files(data) == []


def test_answers_keep_saving_while_a_long_import_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "IMPORT_BATCH_ANSWERS", 100)
    monkeypatch.setattr(store_module, "ANSWER_BUSY_WAIT_S", 10.0)  # the real wait, on a loaded machine
    with Store.open(tmp_path / "src") as source:
        for s in range(20):
            source.start_session(session(f"imp{s}", n=100, started_at=T0 + s))
        document = export_history(source)
    for d in document["sessions"]:
        d["answers"] = [_answer_dict(d["session_id"], p) for p in range(100)]
    sessions = read_export(json.dumps(document), "x")
    data = tmp_path / "data"
    errors: list[Exception] = []
    with Store.open(data) as importer, Store.open(data) as quiz:
        quiz.start_session(session("quiz", n=30))
        worker = threading.Thread(target=lambda: import_history(importer, sessions))
        worker.start()
        for position in range(30):
            try:
                quiz.save_answer(answer("quiz", position))
            except HistoryError as exc:  # pragma: no cover - the failure this test guards against
                errors.append(exc)
        worker.join()
        assert errors == [] and quiz.pending_answers == 0
        assert len(quiz.load_session("quiz").answers) == 30
        assert sum(s.answered for s in quiz.sessions()) == 30 + 20 * 100


def _answer_dict(session_id: str, position: int) -> dict:
    from trainer.history import codec

    d = codec.answer_dict(answer(session_id, position))
    d.pop("session_id")
    return d


async def test_the_app_keeps_an_answer_given_while_the_history_is_locked(make_app, store, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        assert flows.start_quiz(app, SelectionSpec(categories=("pharm", "proc"), seed=1), QuizSettings())
        await pilot.pause()
        other = _other_writer(store.path.parent)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.is_running
        assert any("Answer not saved yet" in str(n.message) for n in app._notifications)
        assert "Enter: next question" in screen_text(app)
        assert store.pending_answers == 1
        other.execute("ROLLBACK")
        other.close()
        app._retry_pending()  # what the app's 5-second timer does
        await pilot.pause()
        assert [a.position for a in store.unfinished_session().answers] == [0]
        assert any("1 kept answer now saved" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize(
    "broken",
    [
        {"kind": "garbage"},  # neither quiz nor interview (written before imports were checked)
        {"kind": "interview", "mode": "interview", "settings": {"format": 7}},
        {"settings": {"question_seconds": "soon"}},
    ],
)
async def test_a_session_that_cannot_be_rebuilt_is_offered_as_cannot_resume_never_a_crash(make_app, store, broken):
    from dataclasses import replace

    from tests.tui.conftest import TUI_BANK
    from trainer.banks import load_bank
    from trainer.history.records import PlannedItem

    bank = load_bank(TUI_BANK)
    items = tuple(
        PlannedItem(bank.id, q.id, q.content_hash, tuple(o.id for o in getattr(q, "options", ())))
        for q in bank.questions
        if q.type == "single"
    )[:2]
    record = replace(session("broken", n=2, items=items, banks={bank.id: bank.version}), **broken)
    store.start_session(record)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, QuizScreen)
        toasts = [str(n.message) for n in app._notifications]
        assert any(t.startswith("Cannot resume") for t in toasts), toasts
