"""Run the real ``pain-trainer`` program in a pseudo-terminal, type keys, watch what it draws.

The app's output is ANSI: we strip the escape sequences and look for text the app draws
only in a given state (a hint line, a verdict). Textual redraws only what changed, so text
that appears *after* a key was sent was drawn in response to it (or later).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import termios
import time
from pathlib import Path

from tests.conftest import REPO, cli_env

PROGRAM = Path(REPO) / ".venv" / "bin" / "pain-trainer"
ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")
ROWS, COLUMNS = 50, 140
ENTER, CTRL_S, CTRL_Q = b"\r", b"\x13", b"\x11"


def program() -> list[str]:
    """The installed console script, or ``python -m trainer`` when it is not there."""
    import sys

    return [str(PROGRAM)] if PROGRAM.exists() else [sys.executable, "-m", "trainer"]


class PtyApp:
    def __init__(self, *args: str, env: dict[str, str] | None = None):
        environment = cli_env(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS), **(env or {}))
        argv = [*program(), *args]
        pid, fd = os.forkpty()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
                os.chdir(REPO)
                os.execve(argv[0], argv, environment)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.raw = b""  # everything the program wrote to the terminal
        self.mark = 0  # offset in ``raw`` after which ``wait_for`` looks
        self.returncode: int | None = None

    # --- output ---------------------------------------------------------------------

    def _pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:  # the program ended and the terminal closed
            return False
        if not chunk:
            return False
        self.raw += chunk
        return True

    def text(self, since: int = 0) -> str:
        return ANSI.sub(b" ", self.raw[since:]).decode("utf-8", errors="replace")

    def wait_for(self, *needles: str, timeout: float = 20.0) -> str:
        """Read until one of ``needles`` is drawn after the mark; return the one found."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.text(self.mark)
            for needle in needles:
                if needle in shown:
                    return needle
            if time.monotonic() > deadline or not self._pump(0.05):
                if not self.alive():
                    raise AssertionError(f"the program ended; last output:\n{self.text()[-3000:]}")
                if time.monotonic() > deadline:
                    raise AssertionError(f"never drew any of {needles!r}; last output:\n{shown[-3000:]}")

    def drain(self, seconds: float) -> None:
        """Keep reading (so the program never blocks on a full terminal) for ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._pump(max(0.0, min(0.05, deadline - time.monotonic()))):
            pass

    # --- input ----------------------------------------------------------------------

    def send(self, keys: bytes) -> None:
        """Type ``keys``; later ``wait_for`` calls only see output drawn after this."""
        self.mark = len(self.raw)
        os.write(self.fd, keys)

    def type(self, text: str, pause: float = 0.01) -> None:
        for char in text:
            self.send(char.encode())
            self.drain(pause)

    # --- ending ---------------------------------------------------------------------

    def alive(self) -> bool:
        if self.returncode is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.returncode = os.waitstatus_to_exitcode(status)
        return False

    def kill(self) -> int:
        """SIGKILL from this (separate) process; no chance to clean up or flush anything."""
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        self.close()
        return self.returncode

    def wait(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"the program did not end; last output:\n{self.text()[-3000:]}")
            self._pump(0.05)
        self.close()
        return self.returncode

    def close(self) -> None:
        if self.fd >= 0:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = -1

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.returncode is None:
            self.kill()
        self.close()
