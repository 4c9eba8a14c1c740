"""A damaged database is moved aside (never deleted), the user is told, a fresh one is made.
Unusable folders, read-only files and newer schemas are clear errors that change nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.helpers import answer, session
from tests.unprivileged import as_ordinary_user, give_to_ordinary_user, shared_folder
from trainer.history import db, schema
from trainer.history.errors import HistoryError, NewerSchemaError
from trainer.history.store import Store

FIXED_CLOCK = lambda: 1_700_000_000.0  # noqa: E731 - the moved-aside name is predictable


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _populated(root: Path, answers: int = 300) -> Path:
    """A real history with enough rows to span many pages; closed cleanly (no WAL left)."""
    with Store.open(root) as store:
        store.start_session(session("s1", n=answers))
        with store.transaction("bulk") as conn:
            from trainer.history.store import upsert_answer

            for i in range(answers):
                upsert_answer(conn, answer("s1", i, tags=("t1", "t2"), response="x" * 200))
    return root / "history.sqlite3"


def _assert_moved_aside(root: Path, store: Store, original: bytes) -> Path:
    assert store.notice is not None and "moved to" in store.notice
    moved = [p for p in root.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1
    assert str(moved[0]) in store.notice
    if moved[0].is_file():
        assert moved[0].read_bytes() == original  # kept byte for byte
    # and the fresh database works
    store.start_session(session("fresh", n=1))
    store.record_answer(answer("fresh", 0))
    assert [s.session_id for s in store.sessions()] == ["fresh"]
    return moved[0]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(os.urandom(8192), id="garbage"),
        pytest.param(b"", id="zero-length"),
        pytest.param(b"SQLite format 3\x00" + b"\x00" * 20, id="header-only"),
        pytest.param(b"id,score\n1,0.5\n", id="csv-file"),
    ],
)
def test_unusable_file_is_moved_aside_and_the_user_told(tmp_path, content):
    root = tmp_path / "data"
    root.mkdir()
    (root / "history.sqlite3").write_bytes(content)
    with Store.open(root, clock=FIXED_CLOCK) as store:
        moved = _assert_moved_aside(root, store, content)
    assert moved.name.startswith("history.sqlite3.damaged-2023")


def test_truncated_database_is_moved_aside(tmp_path):
    root = tmp_path / "data"
    path = _populated(root)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with Store.open(root) as store:
        _assert_moved_aside(root, store, data[: len(data) // 2])


def test_database_failing_the_integrity_check_is_moved_aside(tmp_path):
    root = tmp_path / "data"
    path = _populated(root)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), page):  # scribble over every b-tree page header but the first
        data[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    with Store.open(root) as store:
        _assert_moved_aside(root, store, bytes(data))
        assert "damaged" in store.notice


def test_quick_check_findings_move_the_file_aside_with_a_one_line_notice(tmp_path):
    root = tmp_path / "data"
    path = _populated(root)
    data = bytearray(path.read_bytes())
    data[36:40] = (5).to_bytes(4, "big")  # header claims 5 free pages; the b-trees are fine
    path.write_bytes(bytes(data))
    with Store.open(root) as store:
        _assert_moved_aside(root, store, bytes(data))
        assert "integrity check failed: Main freelist" in store.notice
        assert "\n" not in store.notice


def test_directory_in_place_of_the_database_is_moved_aside_with_its_contents(tmp_path):
    root = tmp_path / "data"
    (root / "history.sqlite3").mkdir(parents=True)
    (root / "history.sqlite3" / "keep.txt").write_text("mine")
    with Store.open(root) as store:
        moved = _assert_moved_aside(root, store, b"")
    assert (moved / "keep.txt").read_text() == "mine"


def test_stale_wal_of_a_damaged_file_goes_with_it(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    junk = os.urandom(4096)
    (root / "history.sqlite3").write_bytes(junk)
    (root / "history.sqlite3-wal").write_bytes(b"old wal")
    with Store.open(root, clock=FIXED_CLOCK) as store:
        moved = _assert_moved_aside(root, store, junk)
    assert Path(str(moved) + "-wal").read_bytes() == b"old wal"


def test_moving_aside_never_overwrites_an_earlier_damaged_copy(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    for round_ in range(3):
        (root / "history.sqlite3").write_bytes(b"junk %d" % round_)
        Store.open(root, clock=FIXED_CLOCK).close()
    kept = sorted(
        p.read_bytes()
        for p in root.iterdir()
        if ".damaged-" in p.name and p.is_file() and not p.name.endswith(("-wal", "-shm"))
    )
    assert kept == [b"junk 0", b"junk 1", b"junk 2"]


def test_another_programs_sqlite_file_is_moved_aside_not_used(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    conn = sqlite3.connect(root / "history.sqlite3")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('not ours')")
    conn.commit()
    conn.close()
    original = (root / "history.sqlite3").read_bytes()
    with Store.open(root) as store:
        _assert_moved_aside(root, store, original)


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    root = tmp_path / "data"
    path = _populated(root, answers=5)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = _digest(path)
    knows = rf"newer pain-trainer \(history schema 99; this version knows up to {schema.SCHEMA_VERSION}\)"
    with pytest.raises(NewerSchemaError, match=knows):
        Store.open(root)
    assert _digest(path) == before
    assert sorted(p.name for p in root.iterdir()) == ["history.sqlite3"]  # no backup, no move, no WAL


def test_locked_database_is_reported_busy_not_taken_for_damage(tmp_path, monkeypatch):
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "history-v1.sqlite3", root / "history.sqlite3")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(root / "history.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # a rollback-journal database: readers are locked out
    try:
        with pytest.raises(HistoryError, match="busy"):
            Store.open(root)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not [p for p in root.iterdir() if ".damaged-" in p.name]


def test_data_directory_that_is_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "data").write_text("x")
    with pytest.raises(HistoryError, match="the data directory is a file"):
        Store.open(tmp_path / "data")


def test_data_directory_that_cannot_be_created_is_a_clear_error(tmp_path):
    (tmp_path / "blocker").write_text("x")
    with pytest.raises(HistoryError, match="cannot create the data directory"):
        Store.open(tmp_path / "blocker" / "data")


def _deny_write(monkeypatch, denied: Path) -> None:
    """Root ignores permission bits, so the read-only cases also run through os.access."""
    real = os.access

    def access(path, mode, *args, **kwargs):
        if Path(path) == denied and mode & os.W_OK:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(db.os, "access", access)


def test_read_only_data_directory_is_a_clear_error(tmp_path, monkeypatch):
    root = tmp_path / "data"
    root.mkdir()
    _deny_write(monkeypatch, root)
    with pytest.raises(HistoryError, match="data directory is read-only"):
        Store.open(root)
    assert list(root.iterdir()) == []


def test_read_only_database_file_is_a_clear_error_and_kept_in_place(tmp_path, monkeypatch):
    root = tmp_path / "data"
    path = _populated(root, answers=3)
    before = _digest(path)
    _deny_write(monkeypatch, path)
    with pytest.raises(HistoryError, match="history database is read-only"):
        Store.open(root)
    assert _digest(path) == before
    assert not [p for p in root.iterdir() if ".damaged-" in p.name]


READ_ONLY_CHECK = """
import sys
from trainer.history.errors import HistoryError
from trainer.history.store import Store
try:
    Store.open(sys.argv[1]).close()
except HistoryError as exc:
    print(exc)
else:
    print("opened")
"""


def test_read_only_permissions_for_real():
    """Real permission bits, no mocks: as root the check runs as an ordinary user (root writes anything)."""

    def open_as_user(root: Path) -> str:
        result = subprocess.run(
            [*as_ordinary_user(), sys.executable, "-c", READ_ONLY_CHECK, str(root)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    with shared_folder() as shared:
        root = shared / "data"
        path = _populated(root, answers=3)
        give_to_ordinary_user(root, *root.iterdir())
        assert open_as_user(root) == "opened"  # the user can open it while it is writable
        before = _digest(path)
        path.chmod(0o444)
        assert "history database is read-only" in open_as_user(root)
        path.chmod(0o644)
        root.chmod(0o555)
        try:
            assert "data directory is read-only" in open_as_user(root)
        finally:
            root.chmod(0o755)
        assert _digest(path) == before
