"""A large bank's text cut into two smaller banks, so ``validate`` can check them on two cores.

A bank is a header (id, title, categories, ...), the ``questions:`` list, and maybe keys after
it (the trailer). The cut is made at a line that starts an item of that list::

    first  = header + questions before the cut            + trailer
    second = header + questions from the cut to the end   (the trailer is in it already)

Each half is a whole bank the usual loader checks. The cut is found by reading lines, not by
parsing, so it is only believed when the parsed halves confirm it: each half holds exactly the
items its lines start, and both read the same header and trailer (``outside_questions``). A
line that only looks like an item start (inside a quoted scalar, say) changes a count or the
trailer, and the file is then checked whole. Anchors, tags and several documents never reach
this: a half is read only by the compiled parser, which is not trusted with the first two
(``fastyaml``, ``loader.clean_data``), and the third is refused here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

# Each pattern starts with a literal line break, which ``re`` scans for at C speed (one starting
# with ``^`` took 20 ms at 5.8 MB, a loop over the lines in Python 150 ms).
_TOP_LINE = re.compile(r"\n(?=[^ \t\r\n#])")  # a line with content at column 0, not a comment
_CONTENT_LINE = re.compile(r"\n( *)(?=[^ \r\n#])")  # a line that is neither blank nor a comment
_ITEM_MARK = re.compile(r"-(?:[ \t\r\n]|$)")
_MARK = re.compile(r"(?:%|---(?:[ \t\r\n]|$)|\.\.\.(?:[ \t\r\n]|$))")  # a directive or a document marker
_QUESTIONS_KEY = re.compile(r"questions:[ \t]*(?:#[^\n]*)?\r?\n")


@dataclass(frozen=True, slots=True)
class Halves:
    first: str  # header, the questions before the cut, trailer
    second: str  # header, the questions from the cut on, trailer
    first_items: int  # the list items each half's lines start
    second_items: int


def split(text: str, at: float = 0.5) -> Halves | None:
    """The text cut at the item line nearest ``at`` of its questions, or None when it cannot be
    (no top-level ``questions:`` block list, one question, a directive, several documents)."""
    top = _top_lines(text)
    if top is None:
        return None
    header_end, end = top
    starts = _item_lines(text, header_end, end)
    if len(starts) < 2:
        return None
    target = header_end + (end - header_end) * at
    after = min(max(bisect.bisect_left(starts, target), 1), len(starts) - 1)  # the first start at or past it
    cut = after - 1 if after > 1 and target - starts[after - 1] < starts[after] - target else after
    header, trailer = text[:header_end], text[end:]
    return Halves(
        first=text[: starts[cut]] + trailer,
        second=header + text[starts[cut] :],
        first_items=cut,
        second_items=len(starts) - cut,
    )


def _top_lines(text: str) -> tuple[int, int] | None:
    """Where the questions list starts (after its key's line) and where it ends (at the next line
    with content at column 0 that is not one of its items), read from the top-level lines only."""
    if text.startswith("%"):
        return None
    header_end = end = -1
    items_at_column_0 = False
    for found in _TOP_LINE.finditer(text):
        line = found.start() + 1
        if _MARK.match(text, line):
            return None  # several documents (a first line "---" alone is fine: it is never a top line)
        key = _QUESTIONS_KEY.match(text, line)
        if key is not None and header_end >= 0:
            return None  # a second questions key: the whole check says where
        if header_end < 0:
            if key is not None:
                header_end = key.end()
                first = _CONTENT_LINE.search(text, header_end - 1)
                items_at_column_0 = first is not None and not first.group(1)
        elif end < 0 and not (items_at_column_0 and _ITEM_MARK.match(text, line)):
            end = line
    if header_end < 0 or text.startswith("questions:"):  # a bank whose first key is its questions: checked whole
        return None
    return header_end, len(text) if end < 0 else end


def _item_lines(text: str, header_end: int, end: int) -> list[int]:
    """Where each line starting an item of the list begins: at the indentation of the list's first
    line with content, which must start an item."""
    first = _CONTENT_LINE.search(text, header_end - 1, end)
    if first is None or not _ITEM_MARK.match(text, first.end()):
        return []
    indent, start = len(first.group(1)), first.start() + 1
    items = re.compile(r"\n" + " " * indent + r"-[ \t\r\n]").finditer(text, start, end)
    return [start, *(item.start() + 1 for item in items)]


def outside_questions(data: dict[str, Any]) -> dict[str, Any]:
    """The bank data but its questions: what both halves must read alike."""
    return {key: value for key, value in data.items() if key != "questions"}
