"""The real `pain-trainer quiz` in a pseudo-terminal: answer two questions with real
keystrokes, quit, and read the answers back through `pain-trainer history --format json`."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import cli_env

TUI_BANK = Path(__file__).parent / "tui" / "banks" / "tui.yaml"


class Terminal:
    """A child process on a pty, with everything it printed kept as text."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the program
            os.execvpe(argv[0], argv, env)
        self.output = ""

    def read_until(self, marker: str, timeout: float = 20.0, since: int = 0) -> str:
        """Read until ``marker`` is printed (at or after offset ``since``); fail after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while marker not in self.output[since:]:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{marker!r} never appeared; screen tail: {self.output[-2000:]!r}")
            ready, _, _ = select.select([self.fd], [], [], min(remaining, 0.5))
            if ready:
                try:
                    self.output += os.read(self.fd, 65536).decode("utf-8", "replace")
                except OSError:
                    break
        return self.output

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.read_until("\x00never", timeout=0.2)
            except AssertionError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        raise AssertionError("the app did not exit")


def test_quiz_in_a_real_terminal_then_history_json(tmp_path):
    data = tmp_path / "data"
    env = cli_env(TERM="xterm-256color", COLUMNS="100", LINES="30")
    argv = [
        sys.executable,
        "-m",
        "trainer",
        "quiz",
        "--bank",
        str(TUI_BANK),
        "--category",
        "pharm",
        "--count",
        "2",
        "--seed",
        "5",
        "--mode",
        "tutor",
        "--data-dir",
        str(data),
    ]
    term = Terminal(argv, env)
    term.read_until("1/2")
    term.read_until("Enter submits")
    term.send("1")  # option 1, or the digit 1 typed into a number field
    term.send("\r")
    term.read_until("Answer:")  # tutor feedback shown: the answer is committed
    shown = len(term.output)
    term.send("\r")
    term.read_until("2/2", since=shown)
    # The second question's hint is drawn with the focus already on it (a number field takes
    # focus before the hint is drawn): type only once it is on the screen.
    term.read_until("Enter submits", since=shown)
    term.send("1")
    term.send("\r")
    term.output = term.output[-200:]
    term.read_until("Answer:")
    term.send("\x11")  # Ctrl+Q
    assert term.wait() == 0

    result = subprocess.run(
        [sys.executable, "-m", "trainer", "history", "--format", "json", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    history = json.loads(result.stdout)
    sessions = history if isinstance(history, list) else history["sessions"]
    (session,) = sessions
    assert session["kind"] == "quiz" and session["answered"] == 2 and session["total"] == 2


def test_sigterm_restores_the_terminal_and_exits_cleanly(tmp_path):
    """A `kill` must not leave the terminal in the alternate screen (the app handles SIGTERM)."""
    env = cli_env(TERM="xterm-256color", COLUMNS="100", LINES="30")
    argv = [sys.executable, "-m", "trainer", "--bank", str(TUI_BANK), "--data-dir", str(tmp_path / "data")]
    term = Terminal(argv, env)
    term.read_until("questions loaded")
    before = len(term.output)
    os.kill(term.pid, 15)
    assert term.wait() == 0
    assert "\x1b[?1049l" in term.output[before:]  # left the alternate screen
