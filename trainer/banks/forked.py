"""Run one function in a forked child while the parent runs another: two cores for one job.

Python runs one thread at a time, so a job split in two needs a second process. A fork costs
about a millisecond and the child starts with everything the parent imported; its answer comes
back through a pipe as ``marshal`` data (plain values only, and fast). The child never writes
to the terminal, never flushes the parent's buffers and never runs its clean-up (``os._exit``).
Whatever goes wrong in the child (an exception, a signal, a crash) is only a missing answer:
the caller then does the work itself.
"""

from __future__ import annotations

import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def available() -> bool:
    """Whether a second process can help: ``fork`` exists (not Windows), two cores are ours, and
    no other thread runs (a thread holding a lock at the fork would leave the child stuck)."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2


def both(
    child: Callable[[], object], parent: Callable[[], T], settles: Callable[[T], bool] | None = None
) -> tuple[object | None, T]:
    """``(child(), parent())``, the first computed in a forked child; None for a child that failed.
    When ``settles(parent())`` is true the child's answer is not needed: it is stopped, and None.
    No child at all (no pipe or process to be had: a limit) is a missing answer too."""
    sys.stdout.flush()  # nothing the parent buffered is written twice: the child never flushes it
    sys.stderr.flush()
    try:
        reader, writer = os.pipe()
    except OSError:
        return None, parent()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None, parent()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected; tests check its answers
        _child(child, reader, writer)
    os.close(writer)
    try:
        mine = parent()
        if settles is not None and settles(mine):
            return None, mine  # the child is ended below, not waited for
        return _answer(reader), mine
    finally:
        os.close(reader)
        _reap(pid)


def _child(work: Callable[[], object], reader: int, writer: int) -> None:  # pragma: no cover - in the child
    code = 1
    try:
        os.close(reader)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it quietly, with the parent
        payload = marshal.dumps(work())  # type: ignore[arg-type]  # plain data, or marshal says no
        view = memoryview(payload)
        while view:
            view = view[os.write(writer, view) :]
        code = 0
    except BaseException:  # noqa: BLE001, S110 - any failure is only a missing answer to the parent
        pass
    finally:
        os._exit(code)


def _answer(reader: int) -> object | None:
    chunks = []
    while chunk := os.read(reader, 1 << 20):
        chunks.append(chunk)
    try:
        return marshal.loads(b"".join(chunks)) if chunks else None
    except (EOFError, ValueError, TypeError):  # cut short: the child died while writing
        return None


def _reap(pid: int) -> None:
    """Wait for the child; one still running (the parent failed or was interrupted) is ended first."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
