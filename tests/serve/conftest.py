"""Running ``pain-trainer serve`` for real: a server process on a free loopback port, its app
processes (read from /proc, independently of the code under test) and waiting with deadlines.
"""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from tests.conftest import cli_env
from trainer.history.store import Store
from trainer.tui.screens.home import TIP_PREFERENCE
from trainer.tui.screens.quiz_setup import PREFERENCE_KEY as QUIZ_SETUP

SERVE_BANK = Path(__file__).parent / "banks" / "serve.yaml"
SERVE_BANK_ID = "serve-e2e"
T = TypeVar("T")


def wait_for(condition: Callable[[], T], what: str, timeout: float = 20.0, every: float = 0.05) -> T:
    """``condition()``'s first truthy value, polled until ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


def running_children(parent: int) -> list[int]:
    """Processes whose parent is ``parent`` and that have not exited (zombies do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == parent and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@dataclass
class Served:
    """A running ``pain-trainer serve``: its process, the URL it printed, its data folder."""

    process: subprocess.Popen
    url: str
    data_dir: Path

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rpartition(":")[2])

    def apps(self) -> list[int]:
        """The tabs' app processes (the server's children)."""
        return running_children(self.process.pid)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)


def read_line(stream, timeout: float) -> str:
    """One line from a child's pipe, or AssertionError after ``timeout`` seconds."""
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not selector.select(left):
            raise AssertionError(f"no line from the server within {timeout} s (so far: {data!r})")
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            break
        data += chunk
    selector.close()
    return data.decode()


def start_serve(data_dir: Path, *extra: str) -> Served:
    process = subprocess.Popen(
        [sys.executable, "-m", "trainer", "serve", "--port", "0", "--data-dir", str(data_dir), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
    )
    try:
        line = read_line(process.stdout, timeout=60)
    except AssertionError:
        process.kill()
        raise AssertionError(f"serve did not start: {process.communicate()[1].decode()}") from None
    found = re.search(r"http://\S+:\d+/", line)
    assert found, line
    return Served(process, found.group(), data_dir)


@pytest.fixture
def quiz_data_dir(tmp_path) -> Path:
    """A data folder whose remembered quiz setup is 3 untimed tutor-mode questions of the test bank."""
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.set_preferences(
            {
                TIP_PREFERENCE: True,
                QUIZ_SETUP: {"banks": [SERVE_BANK_ID], "count": 3, "mode": "tutor", "question_seconds": None},
            }
        )
    return data_dir


@pytest.fixture
def served(quiz_data_dir) -> Iterator[Served]:
    server = start_serve(quiz_data_dir, "--bank", str(SERVE_BANK))
    yield server
    if server.process.poll() is None:
        server.stop()
    server.process.stdout.close()
    server.process.stderr.close()
