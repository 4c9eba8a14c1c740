"""The real program against damaged history files and a second instance on the same data.

* Damaged ``history.sqlite3`` (garbage, truncated, zero length, a directory in its place):
  ``pain-trainer`` starts, says so in one line, moved the damaged file aside byte for byte
  (never deleted), and every other file in the data folder is untouched.
* A read-only history file cannot be repaired by us: one clear line, exit 1, file untouched.
* Two programs answering quizzes into one database at once (with a third process writing
  as fast as it can): every answer saved, and neither ever shows "not saved" or "locked".
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, cli_env
from tests.history.helpers import answer, session
from tests.reliability.ptyapp import CTRL_Q, ENTER, PtyApp, program
from tests.unprivileged import as_ordinary_user, give_to_ordinary_user, shared_folder
from trainer.history.store import Store

TUI_BANK = "tests/tui/banks/tui.yaml"
HOME_READY = "Start a quiz"
ALT_SCREEN = "\x1b[?1049h"


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` (relative path -> sha256), damaged copies included."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _populated(root: Path) -> bytes:
    with Store.open(root) as store:
        store.start_session(session("old", n=50))
        for i in range(50):
            store.record_answer(answer("old", i, response="x" * 300))
    return (root / "history.sqlite3").read_bytes()


def _damage(root: Path, kind: str) -> None:
    path = root / "history.sqlite3"
    if kind == "garbage":
        path.write_bytes(os.urandom(64 * 1024))
    elif kind == "zero-length":
        path.write_bytes(b"")
    elif kind == "truncated":
        data = _populated(root)
        path.write_bytes(data[: len(data) // 3])  # header promises pages that are gone
    elif kind == "directory":
        path.mkdir()
        (path / "inside.txt").write_text("kept")


@pytest.mark.parametrize("kind", ["garbage", "truncated", "zero-length", "directory"])
def test_real_program_starts_on_a_damaged_database_and_moves_it_aside(tmp_path, kind):
    root = tmp_path / "a[" / "b]" / "data"  # "[/b]" in the path: it must not be read as markup
    (root / "banks").mkdir(parents=True)
    (root / "banks" / "mine.yaml").write_text((REPO / TUI_BANK).read_text().replace("id: tui", "id: mine"))
    (root / "notes.txt").write_text("the user's own file")
    (root / "history.sqlite3.damaged-20200101T000000").write_bytes(b"an earlier damaged copy")
    _damage(root, kind)
    damaged = root / "history.sqlite3"
    before = _snapshot(root)
    others = {k: v for k, v in before.items() if not k.startswith("history.sqlite3/") and k != "history.sqlite3"}

    with PtyApp("--data-dir", str(root)) as app:
        app.wait_for(HOME_READY)
        app.mark = app.raw.find(ALT_SCREEN.encode())
        assert app.mark > 0
        app.wait_for("History")  # the notification's title, drawn in the app as well
        app.drain(0.3)
        assert app.alive()
        app.send(CTRL_Q)
        assert app.wait() == 0
    printed = app.raw.split(ALT_SCREEN.encode())[0].decode("utf-8", "replace")  # before the TUI took over
    lines = [line for line in printed.replace("\r", "").splitlines() if line.strip()]
    assert len(lines) == 1, printed
    assert lines[0].startswith("pain-trainer: the history database was damaged (") and "moved to" in lines[0]

    moved = sorted(
        p for p in root.iterdir() if ".damaged-" in p.name and p.name != "history.sqlite3.damaged-20200101T000000"
    )
    assert len(moved) == 1 and str(moved[0]) in lines[0]
    after = _snapshot(root)
    for name, digest in others.items():  # nothing else touched, the earlier copy kept
        assert after[name] == digest, name
    if kind == "directory":
        assert (moved[0] / "inside.txt").read_text() == "kept"
    else:
        assert after[moved[0].name] == before["history.sqlite3"]  # byte for byte
    with Store.open(root) as store:  # the fresh history works
        assert store.notice is None and damaged.is_file()
        assert store.sessions() == []


def test_real_program_refuses_a_read_only_database_with_one_clear_line():
    """Permission bits for real: as root, the program runs as an ordinary user (root could write)."""
    with shared_folder() as shared:
        root = shared / "data"
        _populated(root)
        path = root / "history.sqlite3"
        give_to_ordinary_user(root, *root.iterdir())
        before = _snapshot(root)
        path.chmod(0o444)
        home = shared / "home"
        home.mkdir()
        give_to_ordinary_user(home)
        env = cli_env(
            HOME=str(home),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_DATA_HOME=str(home / "share"),
            XDG_CONFIG_HOME=str(home / "config"),
        )
        result = subprocess.run(
            [*as_ordinary_user(), *program(), "quiz", "--data-dir", str(root)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        path.chmod(0o644)
        assert result.stderr.splitlines() == [
            f"pain-trainer: error: {path}: the history database is read-only; check its permissions"
        ]
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and result.stdout == ""
        assert _snapshot(root) == before  # not moved, not changed


def test_two_real_programs_answering_into_one_database_lose_nothing(tmp_path):
    root = tmp_path / "data"
    Store.open(root).close()
    args = (
        "quiz",
        "--data-dir",
        str(root),
        "--bank",
        TUI_BANK,
        "--category",
        "pharm",
        "--category",
        "proc",
        "--count",
        "3",
    )
    writer = subprocess.Popen(  # a third process keeps the database busy meanwhile
        [sys.executable, "-m", "tests.history.writer", str(root), "busy", "1000", "--wait"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=cli_env(),
    )
    assert writer.stdout.readline().strip() == "ready"
    with PtyApp(*args, "--seed", "1") as first, PtyApp(*args, "--seed", "2") as second:
        apps = (first, second)
        for app in apps:
            app.wait_for("Enter submits")
        writer.stdin.write("go\n")  # it starts writing 1,000 answers, one transaction each
        writer.stdin.flush()
        for item in range(3):
            for app in apps:  # both submit, then both wait: the writes overlap
                app.send(b"1")
                app.drain(0.02)
                app.send(ENTER)
            for app in apps:
                app.wait_for("Enter: next question")
            if item < 2:
                for app in apps:
                    app.send(ENTER)
                for app in apps:
                    app.wait_for("Enter submits")
        for app in apps:
            app.drain(0.3)
            app.send(CTRL_Q)
            assert app.wait() == 0
            shown = app.text().lower()
            assert "not saved" not in shown and "locked" not in shown and "busy" not in shown
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0 and err == "" and out.splitlines()[-1] == "saved 999"

    with Store.open(root) as store:
        assert store.notice is None
        sessions = [s for s in store.sessions() if s.session_id != "busy"]
        assert len(sessions) == 2
        for summary in sessions:
            saved = store.load_session(summary.session_id).answers
            assert [a.position for a in saved] == [0, 1, 2] and all(a.response is not None for a in saved)
        assert len(store.load_session("busy").answers) == 1000
