"""Write-through and concurrency proven with real, separate processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from tests.conftest import REPO, cli_env
from trainer.history.store import Store


def _writer(data_dir, sid: str, count: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.history.writer", str(data_dir), sid, str(count), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=cli_env(),
    )


def test_sigkill_mid_session_loses_no_acknowledged_answer_and_session_resumes(tmp_path):
    data = tmp_path / "data"
    proc = _writer(data, "crash", 2_000)
    acknowledged = []
    try:
        for line in proc.stdout:
            acknowledged.append(int(line.split()[1]))
            if len(acknowledged) == 40:
                os.kill(proc.pid, signal.SIGKILL)  # mid-way: it is busy writing the next answers
                break
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert acknowledged == list(range(40))

    with Store.open(data) as store:
        assert store.notice is None  # a killed writer leaves a healthy database
        resume = store.unfinished_session()
        assert resume is not None
        session, answers, _ = resume
        assert session.session_id == "crash" and len(session.plan) == 2_000
        positions = [a.position for a in answers]
        # Every acknowledged answer is there; at most the one in flight beyond them, none lost between.
        assert positions == list(range(len(positions)))
        assert len(positions) >= 40
        store.record_answer(answers[-1])  # resumable: writing continues normally


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    data = tmp_path / "data"  # both create the database from nothing, at the same time
    count = 150
    procs = [_writer(data, f"w{k}", count, "--wait") for k in range(2)]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [proc.communicate(timeout=120) for proc in procs]
    for proc, (out, err) in zip(procs, results, strict=False):
        assert proc.returncode == 0, err
        assert "locked" not in err and err == ""
        assert out.splitlines()[-1] == f"saved {count - 1}"
    with Store.open(data) as store:
        assert store.notice is None
        for k in range(2):
            assert [a.position for a in store.load_session(f"w{k}").answers] == list(range(count))
        assert store.stats().overall.attempts == 2 * count
