"""Positioned problems: the one error type the bank layer raises for bad input.

Every problem prints as ``PATH:LINE:COL: error: MESSAGE [at /json/pointer]`` so an author
can jump to it from an editor or a CI log. Lines and columns are 1-based. A warning (a bank
that loads but will judge badly, see ``keyword_lint``) prints the same with ``warning:``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from trainer.inert import inert_line

MAX_PROBLEMS_PER_FILE = 50
MAX_POINTER_SHOWN = 200


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    pointer: str = ""
    severity: str = "error"  # "error": the bank cannot load; "warning": it loads, but should be fixed

    def __str__(self) -> str:
        # Path, message and pointer all come from files (a key, a value, a file name may hold
        # a newline or a terminal escape): each is made inert and kept on one line, so no
        # problem can forge a second PATH:LINE:COL line or drive the terminal.
        pointer = inert_line(self.pointer)
        if len(pointer) > MAX_POINTER_SHOWN:  # and one short line even for a 1 MB key
            pointer = pointer[: MAX_POINTER_SHOWN - 3] + "..."
        where = f" [at {pointer}]" if pointer else ""
        return f"{inert_line(self.path)}:{self.line}:{self.column}: {self.severity}: {inert_line(self.message)}{where}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class BankError(Exception):
    """A bank could not be loaded; ``problems`` holds every positioned reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def cap(problems: list[Problem]) -> list[Problem]:
    """Keep the first problems and say so when more were found (an author fixes a few at a time)."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    kept = problems[:MAX_PROBLEMS_PER_FILE]
    last = kept[-1]
    more = len(problems) - MAX_PROBLEMS_PER_FILE
    kept.append(Problem(last.path, last.line, last.column, f"{more} more problems not shown"))
    return kept
