"""The marks the screens draw (✓ ✗ → ⚑ ⚠ • ● ✎ ◀), in one table, with an ASCII fallback.

A terminal whose output encoding cannot carry them (a Latin-1 or ASCII locale) would print
each as an escape such as ``\\u2713``; there the ASCII table is used instead. The app picks
the table once, from the stream Textual writes to (``use_for``); screens read ``current()``
each time they draw, so every mark on screen comes from the same table.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Mapping
from dataclasses import astuple, dataclass
from typing import IO


@dataclass(frozen=True)
class Glyphs:
    correct: str  # a right option, a key point covered, a ticked box
    wrong: str  # a wrong option chosen, a key point missed
    missed: str  # the right option, not chosen
    flag: str  # a flagged question, a red flag
    warning: str  # a red flag raised, a short follow-up
    bullet: str  # a list item (references, missed key points)
    chosen: str  # the chosen option's dot: "(•)"
    radio: str  # a radio button that is on
    note: str  # an item with a note about a problem
    this: str  # the attempt being looked at, in a list of attempts


UNICODE = Glyphs(
    correct="✓", wrong="✗", missed="→", flag="⚑", warning="⚠", bullet="•", chosen="•", radio="●", note="✎", this="◀"
)
ASCII = Glyphs(
    correct="+", wrong="x", missed=">", flag="!", warning="!", bullet="*", chosen="*", radio="*", note="n", this="<"
)


def for_encoding(encoding: str | None) -> Glyphs:
    """The Unicode marks when ``encoding`` can carry every one of them, else ASCII."""
    if not encoding:
        return ASCII
    try:
        codecs.lookup(encoding)
        "".join(astuple(UNICODE)).encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return ASCII
    return UNICODE


_current = UNICODE


def current() -> Glyphs:
    return _current


def use(glyphs: Glyphs) -> None:
    global _current
    _current = glyphs


def use_for(stream: IO[str] | None) -> Glyphs:
    """Draw with the marks ``stream`` (the terminal output) can carry; returns the table chosen."""
    use(for_encoding(getattr(stream, "encoding", None)))
    return _current


class _VerdictMarks(Mapping[str, str]):
    """An option's verdict ("correct", "wrong", "missed") -> its mark in the current table."""

    _FIELDS = ("correct", "wrong", "missed")

    def __getitem__(self, verdict: str) -> str:
        if verdict not in self._FIELDS:
            raise KeyError(verdict)
        return getattr(_current, verdict)

    def __iter__(self) -> Iterator[str]:
        return iter(self._FIELDS)

    def __len__(self) -> int:
        return len(self._FIELDS)


VERDICT_MARKS: Mapping[str, str] = _VerdictMarks()


# Textual's own names for keys in the footer, where the ASCII table is in use.
_ASCII_KEYS = str.maketrans({"⏎": "Enter", "←": "<-", "→": "->", "↑": "Up", "↓": "Down", "⇥": "Tab", "⌫": "Bksp"})


def key_display(shown: str) -> str:
    """A key as the footer shows it ("⏎", "←"), in words where the marks are ASCII."""
    return shown if _current is UNICODE else shown.translate(_ASCII_KEYS)
