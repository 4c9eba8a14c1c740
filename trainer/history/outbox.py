"""Answers that could not be committed yet: kept in memory and in a durable side file, retried.

An answer given while another program holds the write lock (a long import), or while the disk
is full, is not lost: it is appended (and fsynced) to this process's side file in
``<data>/pending-answers/`` and kept in memory, and every later write, a periodic retry and the
next start commit it first, in the order given, so a later answer to the same position still
wins. The side file is removed once it is empty.

Each process writes its own file and holds an exclusive ``flock`` on it while it runs, so a
start replays only the files of processes that are gone (killed with answers pending).
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from trainer.history import codec
from trainer.history.errors import HistoryError
from trainer.history.records import AnswerRecord, InterviewRecord

FOLDER = "pending-answers"


def _lock(handle: TextIO) -> None:
    """Hold ``handle`` exclusively, or raise ``OSError`` when another process holds it."""
    if sys.platform != "win32":  # Windows: no flock; a start then replays every side file
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


@dataclass(frozen=True, slots=True)
class Pending:
    answer: AnswerRecord
    interview: InterviewRecord | None = None


def _line(item: Pending) -> str:
    entry = {
        "answer": codec.answer_dict(item.answer),
        "interview": None if item.interview is None else codec.interview_dict(item.interview),
    }
    return codec.dumps(entry) + "\n"


def _parse(line: str) -> Pending | None:
    try:
        entry = json.loads(line)
        interview = entry.get("interview")
        return Pending(
            codec.answer_from_dict(entry["answer"]), None if interview is None else codec.interview_from_dict(interview)
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # a line cut short by a kill: the answers before it are kept


class Outbox:
    """This process's pending answers; ``write`` is the store's commit of one answer."""

    def __init__(self, data_root: Path, write: Callable[[AnswerRecord, InterviewRecord | None], None]):
        self._folder = Path(data_root) / FOLDER
        self._write = write
        self._file = self._folder / f"{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
        self._handle: TextIO | None = None
        self.items: list[Pending] = []

    def __len__(self) -> int:
        return len(self.items)

    def adopt_orphans(self) -> None:
        """Take over the side files of processes that ended with answers pending."""
        if not self._folder.is_dir():
            return
        for file in sorted(self._folder.glob("*.jsonl")):
            try:
                with file.open("r+", encoding="utf-8") as handle:
                    try:
                        _lock(handle)
                    except OSError:
                        continue  # its program is still running and will commit them itself
                    found = [p for p in map(_parse, handle) if p is not None]
                    if found:
                        self._keep(found)  # into our own file first, then theirs can go
                    file.unlink()
            except OSError:
                continue

    def keep(self, answer: AnswerRecord, interview: InterviewRecord | None) -> None:
        self._keep([Pending(answer, interview)])

    def _keep(self, items: list[Pending]) -> None:
        self.items.extend(items)
        try:
            handle = self._open()
            handle.write("".join(map(_line, items)))
            handle.flush()
            os.fsync(handle.fileno())
        except OSError:
            pass  # the disk may be full: memory keeps them while the program runs

    def _open(self) -> TextIO:
        if self._handle is None:
            self._folder.mkdir(parents=True, exist_ok=True)
            self._handle = self._file.open("a", encoding="utf-8")
            _lock(self._handle)
        return self._handle

    def flush(self) -> int:
        """Commit what is pending, oldest first; stop at the first failure (``HistoryError``)."""
        done = 0
        try:
            while self.items:
                item = self.items[0]
                self._write(item.answer, item.interview)
                self.items.pop(0)
                done += 1
        finally:
            if done:
                self._rewrite()
        return done

    def _rewrite(self) -> None:
        try:
            if not self.items:
                self.close()
                self._file.unlink(missing_ok=True)
                return
            handle = self._open()
            handle.seek(0)
            handle.truncate()
            handle.write("".join(map(_line, self.items)))
            handle.flush()
            os.fsync(handle.fileno())
        except OSError:
            pass

    def close(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass
            self._handle = None


def is_busy(error: HistoryError) -> bool:
    return "busy" in str(error) or "locked" in str(error)
