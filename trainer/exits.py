"""The command line's exit codes: one definition for every command that decides one.

Scripts and tests depend on these numbers (``/work/shared/DESIGN.md``, "The command line"):
0 success, 1 invalid input (a bad bank, a damaged or unreadable file), 2 a usage mistake,
130 interrupted (Ctrl-C), as shells report SIGINT.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a command's exit status means; an ``int``, so ``main`` returns it as is."""

    OK = 0
    INVALID = 1
    USAGE = 2
    INTERRUPTED = 130
