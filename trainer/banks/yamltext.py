"""Reading a bank's text without PyYAML: the bytes decoded, the node bound, and ``load``, which
hands the text to the compiled parser (``fastyaml``) or to the positioned path (``yamlsafe``).

A valid bank the compiled parser is trusted with never imports PyYAML (~15 ms of every
``validate`` and of every start after a bank changed); ``yamlsafe`` re-exports all of this,
so its callers need not know where each part lives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.banks.limits import MAX_FILE_BYTES, size_problem

if TYPE_CHECKING:
    from yaml.nodes import Node

# Every YAML node after the first follows one of these characters, so their count bounds
# the node count from above, at C speed, before anything is parsed. A node costs ~700 bytes
# while parsing: 1,000,000 empty questions (3 MB) took 3.2 GB. Prose banks count one
# structural character per ~15 bytes, so a full-size (32 MiB) prose bank stays well below.
_STRUCTURE = "\n,[{-:?"
MAX_NODES = 2_500_000
# YAML 1.1 (libyaml) reads these as line breaks, YAML 1.2 as ordinary characters: refused, so a
# file cannot mean one thing to one reader and another to the next.
_LINE_SEPARATORS = re.compile("[\u2028\u2029]")


class YamlProblem(Exception):
    """A problem found while reading or parsing; line and column are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _describe_char(text: str) -> str:
    char = text[0]
    return f"U+{ord(char):04X}"


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (a BOM is accepted), anything else a positioned problem."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(size_problem(len(data)))
    if _looks_utf16(data):  # it has NUL bytes too, but it is text in the wrong encoding, not binary
        raise YamlProblem("UTF-16 text; a bank is UTF-8: save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise YamlProblem("binary file (contains NUL bytes); a bank is UTF-8 YAML text", line, column)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        raise YamlProblem(
            f"not UTF-8: byte 0x{data[exc.start]:02X} cannot be decoded; save the file as UTF-8",
            line,
            column,
        ) from None
    if not text.isascii() and (found := _LINE_SEPARATORS.search(text)) is not None:  # isascii: O(1)
        offset = found.start()
        line, column = text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise YamlProblem(
            f"{_describe_char(found.group())} (a Unicode line separator) in text; YAML 1.1 readers break "
            "the line there and YAML 1.2 readers do not: replace it with a line break or a space",
            line,
            column,
        )
    return text


def _looks_utf16(data: bytes) -> bool:
    """A UTF-16 byte-order mark, or ASCII text with a NUL after (or before) every character."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:64] if len(data) % 2 == 0 else data[:63]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]

    def text(part: bytes) -> bool:
        return all(32 <= b < 127 or b in (9, 10, 13) for b in part)

    return (odd.count(0) == len(odd) and text(even)) or (even.count(0) == len(even) and text(odd))


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


@dataclass(frozen=True, slots=True)
class Parsed:
    data: object
    root: Node | None  # the node tree when the positioned path parsed the text (kept to position errors)
    problems: list[YamlProblem]
    text: str = ""  # the text, when the compiled parser read it: composed only if an error needs it
    parser: str = "pure"  # which path read the data: "yaml-rs" or "pure"

    def nodes(self) -> Node | None:
        """The node tree for positions: the one kept, or the text composed now by the positioned path.

        Composing can refuse what the compiled parser accepted (nesting past libyaml's limit):
        that is a ``YamlProblem`` at its position, so a file is refused if either reader refuses it.
        """
        if self.root is not None or not self.text:
            return self.root
        from trainer.banks.yamlsafe import compose_positioned

        return compose_positioned(self.text)


_NOT_STRUCTURE = bytes(b for b in range(256) if chr(b) not in _STRUCTURE)


def node_count(text: str) -> int:
    """An upper bound of the text's YAML nodes (``MAX_NODES``), counted without parsing: the
    structural characters, in one pass over the UTF-8 bytes (seven ``str.count`` passes took 5x
    longer). No byte of a multi-byte character is ASCII, so the count is the characters' count."""
    return len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_STRUCTURE))


def check_node_bound(text: str) -> None:
    """``YamlProblem`` for a text with more nodes than a bank may have, before anything is parsed."""
    nodes = node_count(text)
    if nodes > MAX_NODES:
        raise YamlProblem(f"too many YAML nodes (up to {nodes:,}); a bank may have at most {MAX_NODES:,}")


def load(text: str) -> Parsed:
    """Parse one YAML 1.2 document into plain data and the soft problems found.

    The compiled parser reads what it is trusted with (``fastyaml``); everything else, and
    anything it refuses, is read by the positioned path (``yamlsafe``) so each problem gets its line and column. A text the
    compiled parser refused but this reader accepts keeps the compiled parser's refusal (at its
    position): a file is refused if either reader refuses it.
    Raises ``YamlProblem`` for anything that stops parsing.
    """
    from trainer.banks import fastyaml

    check_node_bound(text)
    refusal = None
    try:
        data = fastyaml.parse(text)
    except fastyaml.NotTrusted:
        from trainer.banks.yamlsafe import load_positioned

        return load_positioned(text)
    except fastyaml.Refused as refused:
        refusal = refused
    else:
        if isinstance(data, dict):
            return Parsed(data, None, [], text, "yaml-rs")
        # Not a bank (a list, a scalar, several documents): read here, to say what it is and where.
    from trainer.banks.yamlsafe import _within, check_nesting, load_positioned

    parsed = load_positioned(text)
    if refusal is not None and not parsed.problems:
        check_nesting(parsed.root)  # yaml-rs refuses deep nesting sooner than libyaml: say so at the node
        raise YamlProblem(refusal.message, *_within(text, refusal.line, refusal.column))
    return parsed
